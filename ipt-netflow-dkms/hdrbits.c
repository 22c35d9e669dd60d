// SPDX-License-Identifier: GPL-2.0
/*
 * Option bitmaps (hdrbits.h). A malformed or truncated list ends the walk:
 * what was seen before it stays in the bitmap, as upstream does.
 */
#include <linux/kernel.h>

#include "hdrbits.h"

enum {
	OPT_END = 0,		/* IPv4 EOOL, TCP EOL */
	OPT_NOP = 1,
};

/*
 * The offset of the option after the one at @off in a type-length-value
 * list, or @len where the list ends: at END, or at an option without a
 * length octet of at least 2 that keeps it within the list.
 */
static unsigned int next_option(const u8 *opts, unsigned int len,
				unsigned int off)
{
	u8 optlen;

	if (opts[off] == OPT_END)
		return len;
	if (opts[off] == OPT_NOP)
		return off + 1;
	if (len - off < 2)
		return len;
	optlen = opts[off + 1];
	if (optlen < 2 || optlen > len - off)
		return len;
	return off + optlen;
}

/**
 * netflow_ipv4_options_bits() - ipv4Options of an IPv4 header's options
 * @opts: the octets after the 20-octet fixed header
 * @len: IHL * 4 - 20
 *
 * Return: bit 31 - N set for each option whose number (the low 5 bits of
 * its type octet) is N, as the IANA ipv4Options registry numbers them.
 */
u32 netflow_ipv4_options_bits(const u8 *opts, unsigned int len)
{
	unsigned int off;
	u32 bits = 0;

	for (off = 0; off < len; off = next_option(opts, len, off))
		bits |= BIT(31 - (opts[off] & 31));
	return bits;
}

/**
 * netflow_tcp_options_bits() - tcpOptions of a TCP header's options
 * @opts: the octets after the 20-octet fixed header
 * @len: data offset * 4 - 20
 *
 * Return: bit 63 - K set for each option kind K below 64 (RFC 5102's
 * tcpOptions: kind 0 is the most significant bit). Higher kinds are
 * not represented.
 */
u64 netflow_tcp_options_bits(const u8 *opts, unsigned int len)
{
	unsigned int off;
	u64 bits = 0;

	for (off = 0; off < len; off = next_option(opts, len, off))
		if (opts[off] < 64)
			bits |= BIT_ULL(63 - opts[off]);
	return bits;
}

static u32 exthdr_bit(enum netflow_exthdr_bit b)
{
	return BIT(31 - b);
}

/**
 * netflow_ipv6_exthdr_bits() - ipv6ExtensionHeaders of a header chain
 * @nexthdr: the fixed header's next header
 * @hdrs: the octets after the fixed header (as many as are at hand)
 * @len: their number
 *
 * The walk stops at the first header that is not an extension header
 * (the upper layer), at ESP, IPComp and No Next Header (which are marked
 * when they are extension headers), after a non-first fragment, or where
 * @hdrs ends.
 *
 * Return: bit 31 - k set for each extension header seen, k as in enum
 * netflow_exthdr_bit.
 */
u32 netflow_ipv6_exthdr_bits(u8 nexthdr, const u8 *hdrs, unsigned int len)
{
	unsigned int off = 0, hdrlen;
	u32 bits = 0;

	for (;;) {
		switch (nexthdr) {
		case 0:		/* hop-by-hop options */
			bits |= exthdr_bit(NETFLOW_EXTHDR_HOP);
			break;
		case 60:	/* destination options */
			bits |= exthdr_bit(NETFLOW_EXTHDR_DST);
			break;
		case 43:	/* routing */
			bits |= exthdr_bit(NETFLOW_EXTHDR_RH);
			break;
		case 135:	/* mobility */
			bits |= exthdr_bit(NETFLOW_EXTHDR_MOB);
			break;
		case 51:	/* AH */
			bits |= exthdr_bit(NETFLOW_EXTHDR_AH);
			break;
		case 44:	/* fragment */
			if (len - off < 8)
				return bits;
			/* offset: the high 13 bits of octets 2-3 */
			if ((hdrs[off + 2] << 8 | hdrs[off + 3]) & ~7)
				return bits | exthdr_bit(NETFLOW_EXTHDR_FRA1);
			bits |= exthdr_bit(NETFLOW_EXTHDR_FRA0);
			nexthdr = hdrs[off];
			off += 8;
			continue;
		case 50:	/* ESP: the rest is encrypted */
			return bits | exthdr_bit(NETFLOW_EXTHDR_ESP);
		case 108:	/* IPComp: the rest is compressed */
			return bits | exthdr_bit(NETFLOW_EXTHDR_PAY);
		default:	/* the upper layer, or No Next Header */
			return bits;
		}
		if (len - off < 2)
			return bits;
		hdrlen = nexthdr == 51 ? (hdrs[off + 1] + 2) * 4 :
					 (hdrs[off + 1] + 1) * 8;
		if (hdrlen > len - off)
			return bits;
		nexthdr = hdrs[off];
		off += hdrlen;
	}
}
