/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace shim of <linux/skbuff.h> for packet.c (fuzz_packet): a
 * minimal sk_buff whose linear part and (optional) one paged part are
 * exact-size heap blocks, so any read past the packet trips ASan.
 * __skb_header_pointer() and skb_header_pointer() are verbatim from Linux
 * 6.1 include/linux/skbuff.h; skb_copy_bits() (shim/lib/skbuff.c) keeps
 * the 6.1 function's bounds check and copy order for one fragment.
 */
#ifndef _FUZZ_SHIM_LINUX_SKBUFF_H
#define _FUZZ_SHIM_LINUX_SKBUFF_H

#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/socket.h>
#include <linux/in.h>
#include <linux/in6.h>

#define __must_check	__attribute__((__warn_unused_result__))

struct dst_ops {
	unsigned short family;
};

struct dst_entry {
	const struct dst_ops *ops;
};

struct sk_buff {
	unsigned int len;		/* all of the packet, from data */
	unsigned int data_len;		/* of it, in the paged part */
	unsigned char *head;
	unsigned char *data;		/* head + mac header, if any */
	u16 network_header;		/* offset from head */
	const unsigned char *frag;	/* the paged part: data_len octets */
	struct dst_entry *dst;		/* _skb_refdst without the flag bits */
};

static inline unsigned int skb_headlen(const struct sk_buff *skb)
{
	return skb->len - skb->data_len;
}

static inline unsigned char *skb_network_header(const struct sk_buff *skb)
{
	return skb->head + skb->network_header;
}

static inline int skb_network_offset(const struct sk_buff *skb)
{
	return skb_network_header(skb) - skb->data;
}

static inline struct dst_entry *skb_dst(const struct sk_buff *skb)
{
	return skb->dst;
}

int skb_copy_bits(const struct sk_buff *skb, int offset, void *to, int len);

/* verbatim from Linux 6.1 include/linux/skbuff.h */
static inline void * __must_check
__skb_header_pointer(const struct sk_buff *skb, int offset, int len,
		     const void *data, int hlen, void *buffer)
{
	if (likely(hlen - offset >= len))
		return (void *)data + offset;

	if (!skb || unlikely(skb_copy_bits(skb, offset, buffer, len) < 0))
		return NULL;

	return buffer;
}

static inline void * __must_check
skb_header_pointer(const struct sk_buff *skb, int offset, int len, void *buffer)
{
	return __skb_header_pointer(skb, offset, len, skb->data,
				    skb_headlen(skb), buffer);
}

#endif
