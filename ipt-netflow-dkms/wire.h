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

/*
 * NetFlow v9 (RFC 3954) and IPFIX (RFC 7011). Both are a header followed by
 * sets (v9: FlowSets) of records; a set is padded with zero octets to a
 * multiple of 4, the padding counted in its length (RFC 3954 §5.3, RFC
 * 7011 §3.3.1).
 */

/* NetFlow v9 export packet header (RFC 3954 §5.1). */
struct netflow_v9_header {
	__be16 version;			/* always 9 */
	__be16 count;			/* records of every kind in this packet */
	__be32 sys_uptime_ms;		/* exporter uptime, ms */
	__be32 unix_secs;		/* export time, seconds since epoch */
	__be32 sequence;		/* export packets sent before this one */
	__be32 source_id;		/* engine_id */
} __packed;

/* IPFIX message header (RFC 7011 §3.1). */
struct netflow_ipfix_header {
	__be16 version;			/* always 10 */
	__be16 length;			/* octets in the message, header included */
	__be32 export_time;		/* seconds since epoch */
	__be32 sequence;		/* data records sent before this message */
	__be32 domain_id;		/* observation domain: engine_id */
} __packed;

/* Set header (RFC 7011 §3.3.2); v9 FlowSet header (RFC 3954 §5.2, §5.3). */
struct netflow_set_header {
	__be16 id;			/* template/options set id, or template id */
	__be16 length;			/* octets: header, records and padding */
} __packed;

/* Template record header (RFC 7011 §3.4.1, RFC 3954 §5.2). */
struct netflow_tmpl_header {
	__be16 id;			/* template id, 256..65535 */
	__be16 field_count;
} __packed;

/* Field specifier of an IANA element: enterprise bit clear. */
struct netflow_field_spec {
	__be16 id;			/* information element id */
	__be16 length;			/* octets in each data record */
} __packed;

enum netflow_v9_ipfix_wire {
	NETFLOW_V9_VERSION = 9,
	NETFLOW_IPFIX_VERSION = 10,
	NETFLOW_V9_SET_TEMPLATE = 0,
	NETFLOW_V9_SET_OPTIONS = 1,
	NETFLOW_IPFIX_SET_TEMPLATE = 2,
	NETFLOW_IPFIX_SET_OPTIONS = 3,
	NETFLOW_SET_DATA_MIN = 256,	/* data set id = its template id */
	NETFLOW_SET_ALIGN = 4,
	NETFLOW_IPFIX_MAX_LEN = 65535,	/* the header's length is 16 bits */
};

static_assert(sizeof(struct netflow_v9_header) == 20);
static_assert(sizeof(struct netflow_ipfix_header) == 16);
static_assert(sizeof(struct netflow_set_header) == 4);
static_assert(sizeof(struct netflow_tmpl_header) == 4);
static_assert(sizeof(struct netflow_field_spec) == 4);

#endif /* _NETFLOW_WIRE_H */
