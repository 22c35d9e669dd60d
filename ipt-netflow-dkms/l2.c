// SPDX-License-Identifier: GPL-2.0
/*
 * The layer 2 walker (l2.h). Tags are 802.1Q (0x8100) and 802.1ad
 * (0x88a8) in any order; MPLS is unicast (0x8847) or multicast (0x8848).
 * An 802.3 length (type below 0x0600) is reported as the ethertype as it
 * is: the caller decides what to do with a frame that is not Ethernet II.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>

#include "l2.h"

enum {
	ETH_HDR_LEN = 14,
	TAG_LEN = 4,
	MPLS_ENTRY_LEN = 4,
	TYPE_8021Q = 0x8100,
	TYPE_8021AD = 0x88a8,
	TYPE_MPLS_UC = 0x8847,
	TYPE_MPLS_MC = 0x8848,
	TYPE_IPV4 = 0x0800,
	TYPE_IPV6 = 0x86dd,
	MPLS_BOS = 0x100,	/* bottom of stack, in the entry's low 16 bits */
};

static u16 get_be16(const u8 *p)
{
	return (u16)(p[0] << 8 | p[1]);
}

static u32 get_be32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

/* The stack from @off on; returns the offset past it or a negative errno. */
static int walk_mpls(const u8 *frame, unsigned int len, unsigned int off,
		     unsigned int depth, struct netflow_l2 *out)
{
	unsigned int n;

	for (n = 0; n < NETFLOW_MPLS_MAX_DEPTH; n++) {
		u32 entry;

		if (len - off < MPLS_ENTRY_LEN)
			return -EMSGSIZE;
		entry = get_be32(frame + off);
		off += MPLS_ENTRY_LEN;
		if (n < depth)
			out->mpls[out->nr_mpls++] = cpu_to_be32(entry);
		if (!(entry & MPLS_BOS))
			continue;
		if (off >= len)
			return -EMSGSIZE;
		switch (frame[off] >> 4) {
		case 4:
			out->ethertype = cpu_to_be16(TYPE_IPV4);
			break;
		case 6:
			out->ethertype = cpu_to_be16(TYPE_IPV6);
			break;
		default:
			out->ethertype = 0;
		}
		return off;
	}
	return -EINVAL;
}

int netflow_l2_parse(const u8 *frame, unsigned int len, unsigned int mpls_depth,
		     struct netflow_l2 *out)
{
	unsigned int off = ETH_HDR_LEN;
	u16 type;
	int ret;

	memset(out, 0, sizeof(*out));
	if (len < ETH_HDR_LEN)
		return -EMSGSIZE;
	memcpy(out->dst_mac, frame, 6);
	memcpy(out->src_mac, frame + 6, 6);
	type = get_be16(frame + 12);

	while (type == TYPE_8021Q || type == TYPE_8021AD) {
		if (out->nr_tags == NETFLOW_L2_MAX_TAGS)
			return -EINVAL;
		if (len - off < TAG_LEN)
			return -EMSGSIZE;
		out->vlan_tci[out->nr_tags++] = get_be16(frame + off);
		type = get_be16(frame + off + 2);
		off += TAG_LEN;
	}

	if (type == TYPE_MPLS_UC || type == TYPE_MPLS_MC) {
		ret = walk_mpls(frame, len, off,
				min_t(unsigned int, mpls_depth, NETFLOW_MPLS_MAX_DEPTH),
				out);
		if (ret < 0)
			return ret;
		off = ret;
	} else {
		out->ethertype = cpu_to_be16(type);
	}
	out->l3_offset = off;
	return 0;
}
