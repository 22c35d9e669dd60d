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
	/* optional (fields=, aggregation masks, sampler; docs/fields.md) */
	NETFLOW_IE_ETHERTYPE,
	NETFLOW_IE_DIRECTION,
	NETFLOW_IE_IN_PHYSDEV,
	NETFLOW_IE_OUT_PHYSDEV,
	NETFLOW_IE_IPV4_OPTIONS,
	NETFLOW_IE_TCP_OPTIONS,
	NETFLOW_IE_IPV6_EXTHDR,
	NETFLOW_IE_FLOW_LABEL,
	NETFLOW_IE_SRC_MASK4,
	NETFLOW_IE_DST_MASK4,
	NETFLOW_IE_SRC_MASK6,
	NETFLOW_IE_DST_MASK6,
	NETFLOW_IE_SAMPLER_ID,
	NETFLOW_IE_SELECTOR_ID,
	NETFLOW_IE_DST_MAC,
	NETFLOW_IE_SRC_MAC,
	NETFLOW_IE_VLAN_ID,
	NETFLOW_IE_DOT1Q_VLAN,
	NETFLOW_IE_DOT1Q_PRIORITY,
	NETFLOW_IE_DOT1Q_CVLAN,
	NETFLOW_IE_DOT1Q_CPRIORITY,
	NETFLOW_IE_MPLS_TTL,
	NETFLOW_IE_MPLS_LABEL1,		/* ... up to NETFLOW_IE_MPLS_LABEL1 + 9 */
	NETFLOW_IE_MPLS_LABEL_LAST = NETFLOW_IE_MPLS_LABEL1 + 9,
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
	[NETFLOW_IE_IP_VERSION]	  = {  60,  1, "ipVersion" },	\
	[NETFLOW_IE_ETHERTYPE]	  = { 256,  2, "ethernetType" },	\
	[NETFLOW_IE_DIRECTION]	  = {  61,  1, "flowDirection" },	\
	[NETFLOW_IE_IN_PHYSDEV]	  = { 252,  4, "ingressPhysicalInterface" }, \
	[NETFLOW_IE_OUT_PHYSDEV]  = { 253,  4, "egressPhysicalInterface" }, \
	[NETFLOW_IE_IPV4_OPTIONS] = { 208,  4, "ipv4Options" },	\
	[NETFLOW_IE_TCP_OPTIONS]  = { 209,  8, "tcpOptions" },	\
	[NETFLOW_IE_IPV6_EXTHDR]  = {  64,  4, "ipv6ExtensionHeaders" }, \
	[NETFLOW_IE_FLOW_LABEL]	  = {  31,  4, "flowLabelIPv6" },	\
	[NETFLOW_IE_SRC_MASK4]	  = {   9,  1, "sourceIPv4PrefixLength" }, \
	[NETFLOW_IE_DST_MASK4]	  = {  13,  1, "destinationIPv4PrefixLength" }, \
	[NETFLOW_IE_SRC_MASK6]	  = {  29,  1, "sourceIPv6PrefixLength" }, \
	[NETFLOW_IE_DST_MASK6]	  = {  30,  1, "destinationIPv6PrefixLength" }, \
	[NETFLOW_IE_SAMPLER_ID]	  = {  48,  1, "samplerId" },	\
	[NETFLOW_IE_SELECTOR_ID]  = { 302,  8, "selectorId" },	\
	[NETFLOW_IE_DST_MAC]	  = {  80,  6, "destinationMacAddress" }, \
	[NETFLOW_IE_SRC_MAC]	  = {  56,  6, "sourceMacAddress" }, \
	[NETFLOW_IE_VLAN_ID]	  = {  58,  2, "vlanId" },	\
	[NETFLOW_IE_DOT1Q_VLAN]	  = { 243,  2, "dot1qVlanId" },	\
	[NETFLOW_IE_DOT1Q_PRIORITY] = { 244, 1, "dot1qPriority" }, \
	[NETFLOW_IE_DOT1Q_CVLAN]  = { 245,  2, "dot1qCustomerVlanId" }, \
	[NETFLOW_IE_DOT1Q_CPRIORITY] = { 246, 1, "dot1qCustomerPriority" }, \
	[NETFLOW_IE_MPLS_TTL]	  = { 200,  1, "mplsTopLabelTTL" },	\
	[NETFLOW_IE_MPLS_LABEL1]  = {  70,  3, "mplsTopLabelStackSection" }, \
	[NETFLOW_IE_MPLS_LABEL1 + 1] = { 71, 3, "mplsLabelStackSection2" }, \
	[NETFLOW_IE_MPLS_LABEL1 + 2] = { 72, 3, "mplsLabelStackSection3" }, \
	[NETFLOW_IE_MPLS_LABEL1 + 3] = { 73, 3, "mplsLabelStackSection4" }, \
	[NETFLOW_IE_MPLS_LABEL1 + 4] = { 74, 3, "mplsLabelStackSection5" }, \
	[NETFLOW_IE_MPLS_LABEL1 + 5] = { 75, 3, "mplsLabelStackSection6" }, \
	[NETFLOW_IE_MPLS_LABEL1 + 6] = { 76, 3, "mplsLabelStackSection7" }, \
	[NETFLOW_IE_MPLS_LABEL1 + 7] = { 77, 3, "mplsLabelStackSection8" }, \
	[NETFLOW_IE_MPLS_LABEL1 + 8] = { 78, 3, "mplsLabelStackSection9" }, \
	[NETFLOW_IE_MPLS_LABEL1 + 9] = { 79, 3, "mplsLabelStackSection10" }

/*
 * The elements of the options templates (options.c). v9 describes its
 * scope fields by scope type (RFC 3954 §6.1: 1 System, 2 Interface)
 * instead of an element id; those two entries hold the type. v9 shares
 * the ids 34, 35, 40-42, 48-50, 82, 83, 85 and 86 with IPFIX (RFC 3954
 * §8); the higher ones are IPFIX's, which tshark reads in v9 as well.
 * Strings are fixed length, zero-padded: v9 has no variable-length fields.
 * The sampler elements 48-50 and 34-35 are v9's own (IPFIX deprecates
 * them); IPFIX describes the sampler with the PSAMP elements 302-397.
 */
enum netflow_opt_ie {
	NETFLOW_OIE_V9_SYSTEM,
	NETFLOW_OIE_V9_INTERFACE,
	NETFLOW_OIE_DOMAIN_ID,
	NETFLOW_OIE_EXPORTING_PROCESS_ID,
	NETFLOW_OIE_INGRESS_IF,
	NETFLOW_OIE_EXPORTED_OCTETS,
	NETFLOW_OIE_EXPORTED_MESSAGES,
	NETFLOW_OIE_EXPORTED_FLOWS,
	NETFLOW_OIE_OBSERVED_FLOWS,
	NETFLOW_OIE_PACKET_TOTAL,
	NETFLOW_OIE_OCTET_TOTAL,
	NETFLOW_OIE_IGNORED_PACKETS,
	NETFLOW_OIE_IGNORED_OCTETS,
	NETFLOW_OIE_NOT_SENT_FLOWS,
	NETFLOW_OIE_NOT_SENT_PACKETS,
	NETFLOW_OIE_NOT_SENT_OCTETS,
	NETFLOW_OIE_START_MS,
	NETFLOW_OIE_END_MS,
	NETFLOW_OIE_IF_NAME,
	NETFLOW_OIE_IF_DESC,
	NETFLOW_OIE_SAMPLER_ID,
	NETFLOW_OIE_SAMPLER_MODE,
	NETFLOW_OIE_SAMPLER_RANDOM_INTERVAL,
	NETFLOW_OIE_SAMPLING_INTERVAL,
	NETFLOW_OIE_SAMPLING_ALGORITHM,
	NETFLOW_OIE_SELECTOR_ID,
	NETFLOW_OIE_FLOW_SELECTOR_ALGORITHM,
	NETFLOW_OIE_SAMPLING_FLOW_INTERVAL,
	NETFLOW_OIE_SAMPLING_FLOW_SPACING,
	NETFLOW_OIE_SAMPLING_SIZE,
	NETFLOW_OIE_SAMPLING_POPULATION,
	NETFLOW_OIE_COUNT
};

enum netflow_opt_ie_lens {
	NETFLOW_OPT_IF_NAME_LEN = 16,	/* IFNAMSIZ */
	NETFLOW_OPT_IF_DESC_LEN = 64,	/* ifalias beyond this is cut */
};

/* Initializer of a struct netflow_ie_info[NETFLOW_OIE_COUNT]. */
#define NETFLOW_OPT_IE_INFO						\
	[NETFLOW_OIE_V9_SYSTEM]	     = {   1,  4, "v9 scope System" },	\
	[NETFLOW_OIE_V9_INTERFACE]   = {   2,  4, "v9 scope Interface" }, \
	[NETFLOW_OIE_DOMAIN_ID]	     = { 149,  4, "observationDomainId" }, \
	[NETFLOW_OIE_EXPORTING_PROCESS_ID] =				\
				       { 144,  4, "exportingProcessId" }, \
	[NETFLOW_OIE_INGRESS_IF]     = {  10,  4, "ingressInterface" },	\
	[NETFLOW_OIE_EXPORTED_OCTETS] =					\
				       {  40,  8, "exportedOctetTotalCount" }, \
	[NETFLOW_OIE_EXPORTED_MESSAGES] =				\
				       {  41,  8, "exportedMessageTotalCount" }, \
	[NETFLOW_OIE_EXPORTED_FLOWS] =					\
				       {  42,  8, "exportedFlowRecordTotalCount" }, \
	[NETFLOW_OIE_OBSERVED_FLOWS] =					\
				       { 163,  8, "observedFlowTotalCount" }, \
	[NETFLOW_OIE_PACKET_TOTAL]   = {  86,  8, "packetTotalCount" },	\
	[NETFLOW_OIE_OCTET_TOTAL]    = {  85,  8, "octetTotalCount" },	\
	[NETFLOW_OIE_IGNORED_PACKETS] =					\
				       { 164,  8, "ignoredPacketTotalCount" }, \
	[NETFLOW_OIE_IGNORED_OCTETS] =					\
				       { 165,  8, "ignoredOctetTotalCount" }, \
	[NETFLOW_OIE_NOT_SENT_FLOWS] =					\
				       { 166,  8, "notSentFlowTotalCount" }, \
	[NETFLOW_OIE_NOT_SENT_PACKETS] =				\
				       { 167,  8, "notSentPacketTotalCount" }, \
	[NETFLOW_OIE_NOT_SENT_OCTETS] =					\
				       { 168,  8, "notSentOctetTotalCount" }, \
	[NETFLOW_OIE_START_MS]	     = { 152,  8, "flowStartMilliseconds" }, \
	[NETFLOW_OIE_END_MS]	     = { 153,  8, "flowEndMilliseconds" }, \
	[NETFLOW_OIE_IF_NAME]	     = {  82, NETFLOW_OPT_IF_NAME_LEN,	\
					"interfaceName" },		\
	[NETFLOW_OIE_IF_DESC]	     = {  83, NETFLOW_OPT_IF_DESC_LEN,	\
					"interfaceDescription" },	\
	[NETFLOW_OIE_SAMPLER_ID]     = {  48,  1, "samplerId" },	\
	[NETFLOW_OIE_SAMPLER_MODE]   = {  49,  1, "samplerMode" },	\
	[NETFLOW_OIE_SAMPLER_RANDOM_INTERVAL] =				\
				       {  50,  4, "samplerRandomInterval" }, \
	[NETFLOW_OIE_SAMPLING_INTERVAL] =				\
				       {  34,  4, "samplingInterval" },	\
	[NETFLOW_OIE_SAMPLING_ALGORITHM] =				\
				       {  35,  1, "samplingAlgorithm" }, \
	[NETFLOW_OIE_SELECTOR_ID]    = { 302,  8, "selectorId" },	\
	[NETFLOW_OIE_FLOW_SELECTOR_ALGORITHM] =				\
				       { 390,  2, "flowSelectorAlgorithm" }, \
	[NETFLOW_OIE_SAMPLING_FLOW_INTERVAL] =				\
				       { 396,  8, "samplingFlowInterval" }, \
	[NETFLOW_OIE_SAMPLING_FLOW_SPACING] =				\
				       { 397,  8, "samplingFlowSpacing" }, \
	[NETFLOW_OIE_SAMPLING_SIZE]  = { 309,  4, "samplingSize" },	\
	[NETFLOW_OIE_SAMPLING_POPULATION] =				\
				       { 310,  4, "samplingPopulation" }

/*
 * NAT event logging (nel.c, docs/natevents.md): the elements of the NAT
 * event template, RFC 8158 and the IANA registry; v9 uses the same ids.
 */
enum netflow_nel_ie {
	NETFLOW_NIE_TIME_MS,
	NETFLOW_NIE_SRC_IPV4,
	NETFLOW_NIE_DST_IPV4,
	NETFLOW_NIE_POST_SRC_IPV4,
	NETFLOW_NIE_POST_DST_IPV4,
	NETFLOW_NIE_SRC_PORT,
	NETFLOW_NIE_DST_PORT,
	NETFLOW_NIE_POST_SRC_PORT,
	NETFLOW_NIE_POST_DST_PORT,
	NETFLOW_NIE_PROTOCOL,
	NETFLOW_NIE_NAT_EVENT,
	NETFLOW_NIE_COUNT
};

/* Initializer of a struct netflow_ie_info[NETFLOW_NIE_COUNT]. */
#define NETFLOW_NEL_IE_INFO						\
	[NETFLOW_NIE_TIME_MS]	    = { 323, 8, "observationTimeMilliseconds" }, \
	[NETFLOW_NIE_SRC_IPV4]	    = {   8, 4, "sourceIPv4Address" },	\
	[NETFLOW_NIE_DST_IPV4]	    = {  12, 4, "destinationIPv4Address" }, \
	[NETFLOW_NIE_POST_SRC_IPV4] = { 225, 4, "postNATSourceIPv4Address" }, \
	[NETFLOW_NIE_POST_DST_IPV4] =					\
				      { 226, 4, "postNATDestinationIPv4Address" }, \
	[NETFLOW_NIE_SRC_PORT]	    = {   7, 2, "sourceTransportPort" },	\
	[NETFLOW_NIE_DST_PORT]	    = {  11, 2, "destinationTransportPort" }, \
	[NETFLOW_NIE_POST_SRC_PORT] =					\
				      { 227, 2, "postNAPTSourceTransportPort" }, \
	[NETFLOW_NIE_POST_DST_PORT] =					\
				      { 228, 2, "postNAPTDestinationTransportPort" }, \
	[NETFLOW_NIE_PROTOCOL]	    = {   4, 1, "protocolIdentifier" },	\
	[NETFLOW_NIE_NAT_EVENT]	    = { 230, 1, "natEvent" }

#endif /* _NETFLOW_IE_H */
