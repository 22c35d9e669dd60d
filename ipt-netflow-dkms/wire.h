/* SPDX-License-Identifier: GPL-2.0 */
/*
 * On-wire layouts of the export protocols. Nothing else in the module
 * describes bytes that leave the machine.
 */
#ifndef _NETFLOW_WIRE_H
#define _NETFLOW_WIRE_H

#include <linux/types.h>
#include <linux/build_bug.h>

/* Cisco NetFlow v5 export datagram header. */
struct netflow_v5_header {
	__be16 version;			/* always 5 */
	__be16 count;			/* records in this datagram, 1..30 */
	__be32 sys_uptime_ms;		/* exporter uptime, ms */
	__be32 unix_secs;		/* export time, seconds since epoch */
	__be32 unix_nsecs;		/* export time, residual nanoseconds */
	__be32 flow_sequence;		/* flows sent before this datagram */
	u8 engine_type;
	u8 engine_id;
	__be16 sampling;		/* mode (2 bits) << 14 | interval */
} __packed;

/* One NetFlow v5 flow record. */
struct netflow_v5_record {
	__be32 src_addr;
	__be32 dst_addr;
	__be32 nexthop;
	__be16 input_if;		/* SNMP index, 16 bits */
	__be16 output_if;
	__be32 packets;
	__be32 octets;			/* layer 3 bytes */
	__be32 first_ms;		/* sysUptime at first packet */
	__be32 last_ms;			/* sysUptime at last packet */
	__be16 src_port;
	__be16 dst_port;		/* ICMP: type << 8 | code */
	u8 pad1;
	u8 tcp_flags;			/* OR of all packets' flags */
	u8 protocol;
	u8 tos;
	__be16 src_as;
	__be16 dst_as;
	u8 src_mask;
	u8 dst_mask;
	__be16 pad2;
} __packed;

enum netflow_v5_limits {
	NETFLOW_V5_VERSION = 5,
	NETFLOW_V5_MAX_RECORDS = 30,
	NETFLOW_V5_MAX_LEN = sizeof(struct netflow_v5_header) +
			     NETFLOW_V5_MAX_RECORDS * sizeof(struct netflow_v5_record),
};

static_assert(sizeof(struct netflow_v5_header) == 24);
static_assert(sizeof(struct netflow_v5_record) == 48);
static_assert(NETFLOW_V5_MAX_LEN == 1464);

#endif /* _NETFLOW_WIRE_H */
