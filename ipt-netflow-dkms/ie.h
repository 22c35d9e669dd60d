/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The information elements the data templates are made of: element id,
 * length on the wire and IANA name (RFC 7012 and the IANA "IPFIX
 * Information Elements" registry). NetFlow v9 shares the ids below 128
 * with IPFIX (RFC 3954 §8). Of the higher ones used here in v9, tshark
 * reads flowEndReason (136) as in IPFIX and nfdump 1.7 skips it quietly.
 *
 * Lengths are the registry's full sizes, so IPFIX uses no reduced-size
 * encoding at all. Two elements exist twice for NetFlow v9: RFC 3954
 * defines TCP_FLAGS as one octet, and v9 carries flow times as 32-bit
 * sysUptime milliseconds (FIRST_SWITCHED 22, LAST_SWITCHED 21) where IPFIX
 * has 64-bit epoch milliseconds. Counters are 64-bit in both protocols:
 * every collector decodes 8-octet counters, and a 32-bit octet counter of
 * a 10 Gbit/s flow wraps in under 4 seconds.
 */
#ifndef _NETFLOW_IE_H
#define _NETFLOW_IE_H

#include <linux/types.h>

/* Indexes of NETFLOW_IE_INFO; the element ids are in the table. */
enum netflow_ie {
	NETFLOW_IE_SRC_IPV4,
	NETFLOW_IE_DST_IPV4,
	NETFLOW_IE_NEXTHOP_IPV4,
	NETFLOW_IE_SRC_IPV6,
	NETFLOW_IE_DST_IPV6,
	NETFLOW_IE_NEXTHOP_IPV6,
	NETFLOW_IE_INGRESS_IF,
	NETFLOW_IE_EGRESS_IF,
	NETFLOW_IE_PACKETS,
	NETFLOW_IE_OCTETS,
	NETFLOW_IE_START_UPTIME,
	NETFLOW_IE_END_UPTIME,
	NETFLOW_IE_START_MS,
	NETFLOW_IE_END_MS,
	NETFLOW_IE_SRC_PORT,
	NETFLOW_IE_DST_PORT,
	NETFLOW_IE_ICMP_IPV4,
	NETFLOW_IE_ICMP_IPV6,
	NETFLOW_IE_PROTOCOL,
	NETFLOW_IE_TOS,
	NETFLOW_IE_TCP_FLAGS_V9,
	NETFLOW_IE_TCP_FLAGS,
	NETFLOW_IE_END_REASON,
	NETFLOW_IE_IP_VERSION,
	NETFLOW_IE_COUNT
};

struct netflow_ie_info {
	u16 id;				/* IANA element id */
	u16 len;			/* octets in a data record */
	const char *name;		/* IANA name */
};

/* Initializer of a struct netflow_ie_info[NETFLOW_IE_COUNT]. */
#define NETFLOW_IE_INFO							\
	[NETFLOW_IE_SRC_IPV4]	  = {   8,  4, "sourceIPv4Address" },	\
	[NETFLOW_IE_DST_IPV4]	  = {  12,  4, "destinationIPv4Address" }, \
	[NETFLOW_IE_NEXTHOP_IPV4] = {  15,  4, "ipNextHopIPv4Address" }, \
	[NETFLOW_IE_SRC_IPV6]	  = {  27, 16, "sourceIPv6Address" },	\
	[NETFLOW_IE_DST_IPV6]	  = {  28, 16, "destinationIPv6Address" }, \
	[NETFLOW_IE_NEXTHOP_IPV6] = {  62, 16, "ipNextHopIPv6Address" }, \
	[NETFLOW_IE_INGRESS_IF]	  = {  10,  4, "ingressInterface" },	\
	[NETFLOW_IE_EGRESS_IF]	  = {  14,  4, "egressInterface" },	\
	[NETFLOW_IE_PACKETS]	  = {   2,  8, "packetDeltaCount" },	\
	[NETFLOW_IE_OCTETS]	  = {   1,  8, "octetDeltaCount" },	\
	[NETFLOW_IE_START_UPTIME] = {  22,  4, "flowStartSysUpTime" },	\
	[NETFLOW_IE_END_UPTIME]	  = {  21,  4, "flowEndSysUpTime" },	\
	[NETFLOW_IE_START_MS]	  = { 152,  8, "flowStartMilliseconds" }, \
	[NETFLOW_IE_END_MS]	  = { 153,  8, "flowEndMilliseconds" },	\
	[NETFLOW_IE_SRC_PORT]	  = {   7,  2, "sourceTransportPort" },	\
	[NETFLOW_IE_DST_PORT]	  = {  11,  2, "destinationTransportPort" }, \
	[NETFLOW_IE_ICMP_IPV4]	  = {  32,  2, "icmpTypeCodeIPv4" },	\
	[NETFLOW_IE_ICMP_IPV6]	  = { 139,  2, "icmpTypeCodeIPv6" },	\
	[NETFLOW_IE_PROTOCOL]	  = {   4,  1, "protocolIdentifier" },	\
	[NETFLOW_IE_TOS]	  = {   5,  1, "ipClassOfService" },	\
	[NETFLOW_IE_TCP_FLAGS_V9] = {   6,  1, "tcpControlBits" },	\
	[NETFLOW_IE_TCP_FLAGS]	  = {   6,  2, "tcpControlBits" },	\
	[NETFLOW_IE_END_REASON]	  = { 136,  1, "flowEndReason" },	\
	[NETFLOW_IE_IP_VERSION]	  = {  60,  1, "ipVersion" }

#endif /* _NETFLOW_IE_H */
