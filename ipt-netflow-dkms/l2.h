/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The layer 2 walker: an Ethernet frame's addresses, its 802.1Q/802.1ad
 * tags and MPLS label stack, and where the layer 3 header starts. Pure:
 * it reads only the bytes it is given.
 */
#ifndef _NETFLOW_L2_H
#define _NETFLOW_L2_H

#include <linux/types.h>

enum { NETFLOW_L2_MAX_TAGS = 2, NETFLOW_MPLS_MAX_DEPTH = 10 };

/* An 802.1Q tag control information: priority (3 bits), DEI, VLAN id. */
enum { NETFLOW_TCI_VID_MASK = 0x0fff, NETFLOW_TCI_PRIO_SHIFT = 13 };

struct netflow_l2 {
	u8 dst_mac[6], src_mac[6];
	u16 vlan_tci[NETFLOW_L2_MAX_TAGS];	/* outer first; in host order */
	u8 nr_tags;				/* tags seen in the frame (not hw-accelerated) */
	__be16 ethertype;			/* after tags and MPLS: of the L3 header */
	__be32 mpls[NETFLOW_MPLS_MAX_DEPTH];	/* label stack entries, top first */
	u8 nr_mpls;				/* entries kept (<= depth asked) */
	u16 l3_offset;				/* from the start of the frame */
};

/*
 * 0, or -EINVAL / -EMSGSIZE for a malformed or truncated frame. After an
 * MPLS stack whose bottom-of-stack bit is seen, ethertype is guessed from
 * the IP version nibble (4 or 6; other -> 0). More than NETFLOW_L2_MAX_TAGS
 * tags or a stack deeper than NETFLOW_MPLS_MAX_DEPTH: -EINVAL.
 */
int netflow_l2_parse(const u8 *frame, unsigned int len, unsigned int mpls_depth,
		     struct netflow_l2 *out);

#endif /* _NETFLOW_L2_H */
