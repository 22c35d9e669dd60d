/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One flow as the encoders see it: a snapshot taken by the exporter,
 * with times already converted to milliseconds of system uptime.
 */
#ifndef _NETFLOW_RECORD_H
#define _NETFLOW_RECORD_H

#include "key.h"
#include "l2.h"

/* RFC 7012 flowEndReason values. */
enum netflow_end_reason {
	NETFLOW_END_IDLE = 1,
	NETFLOW_END_ACTIVE = 2,
	NETFLOW_END_OF_FLOW = 3,	/* TCP FIN or RST seen */
	NETFLOW_END_FORCED = 4,		/* flush, unload, reconfiguration */
};

/*
 * What a flow carries besides its key when optional fields (fields=, see
 * docs/fields.md) or aggregation masks are on: taken from the first
 * packet, the option bitmaps OR-ed over all of them.
 */
struct netflow_fields_data {
	/* key: a packet with other values makes another flow */
	u8 dst_mac[6];			/* of the frame it came in; 0 if none */
	u8 src_mac[6];
	u16 vlan_tci[2];		/* 802.1Q TCI, outer then inner; 0 if none */
	__be32 mpls[NETFLOW_MPLS_MAX_DEPTH];	/* label stack entries, top first */
	u64 tcp_options;		/* bit 63 - K: TCP option kind K < 64 */
	u32 ipv4_options;		/* bit 31 - N: IPv4 option number N */
	u32 ipv6_exthdr;		/* bit 31 - k: ipv6ExtensionHeaders bit k */
	u32 flow_label;			/* IPv6, 20 bits */
	u32 in_physdev;			/* bridge ports (br_netfilter), 0 if none */
	u32 out_physdev;
	__be16 ethertype;		/* of the layer 3 header, 0 if unknown */
	u8 direction;			/* flowDirection: 0 ingress, 1 egress */
	u8 src_mask;			/* aggregation rule's prefix, 0 if none */
	u8 dst_mask;
	u8 reserved[3];			/* keeps the size free of padding */
};

/* the key part: the octets before tcp_options */
enum { NETFLOW_FIELDS_KEY_LEN = 16 + 4 * NETFLOW_MPLS_MAX_DEPTH };

static_assert(offsetof(struct netflow_fields_data, tcp_options) ==
	      NETFLOW_FIELDS_KEY_LEN);
static_assert(sizeof(struct netflow_fields_data) == 96);

struct netflow_record {
	struct netflow_key key;
	union netflow_inaddr nexthop;
	u32 out_ifindex;
	u64 packets;
	u64 bytes;			/* layer 3 bytes */
	u64 first_ms;			/* uptime at the first packet */
	u64 last_ms;			/* uptime at the last packet */
	u8 tcp_flags;
	u8 end_reason;
	u8 sampler_mode;		/* samplerId/selectorId: the sampler's mode */
	struct netflow_fields_data fields;
};

#endif /* _NETFLOW_RECORD_H */
