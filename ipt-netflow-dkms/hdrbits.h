/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Option bitmaps of IPv4 options, TCP options and the IPv6 extension
 * header chain, as ipv4Options (208), tcpOptions (209) and
 * ipv6ExtensionHeaders (64) carry them. Pure: over the bytes given.
 */
#ifndef _NETFLOW_HDRBITS_H
#define _NETFLOW_HDRBITS_H

#include <linux/types.h>

/* ipv6ExtensionHeaders bit numbers: value bit 31 - k (RFC 5102) */
enum netflow_exthdr_bit {
	NETFLOW_EXTHDR_DST = 0,
	NETFLOW_EXTHDR_HOP = 1,
	NETFLOW_EXTHDR_UNK = 3,
	NETFLOW_EXTHDR_FRA0 = 4,
	NETFLOW_EXTHDR_RH = 5,
	NETFLOW_EXTHDR_FRA1 = 6,
	NETFLOW_EXTHDR_MOB = 12,
	NETFLOW_EXTHDR_ESP = 13,
	NETFLOW_EXTHDR_AH = 14,
	NETFLOW_EXTHDR_PAY = 15,
};

u32 netflow_ipv4_options_bits(const u8 *opts, unsigned int len);
u64 netflow_tcp_options_bits(const u8 *opts, unsigned int len);
u32 netflow_ipv6_exthdr_bits(u8 nexthdr, const u8 *hdrs, unsigned int len);

#endif /* _NETFLOW_HDRBITS_H */
