// SPDX-License-Identifier: GPL-2.0
/*
 * skb_copy_bits() of Linux 6.1 net/core/skbuff.c for the shim's sk_buff:
 * the same bounds check ("offset > (int)skb->len - len" is -EFAULT), the
 * linear part first, then the one paged part (shim/linux/skbuff.h) where
 * the kernel walks frags[] and the frag list.
 */
#include <linux/skbuff.h>
#include <linux/errno.h>
#include <string.h>

int skb_copy_bits(const struct sk_buff *skb, int offset, void *to, int len)
{
	int start = skb_headlen(skb);
	int copy;

	if (offset > (int)skb->len - len)
		goto fault;

	/* Copy header. */
	if ((copy = start - offset) > 0) {
		if (copy > len)
			copy = len;
		memcpy(to, skb->data + offset, copy);
		if ((len -= copy) == 0)
			return 0;
		offset += copy;
		to     += copy;
	}

	/* the paged part: octets start .. skb->len */
	if (len > 0 && offset >= start) {
		memcpy(to, skb->frag + (offset - start), len);
		return 0;
	}
	if (!len)
		return 0;

fault:
	return -EFAULT;
}
