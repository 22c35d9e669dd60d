// SPDX-License-Identifier: GPL-2.0
/*
 * The checks ip_rcv() and ipv6_rcv() make before their PREROUTING hook,
 * over plain bytes, for frames that reach the hook without them
 * (promisc.c): a header that the hook's users may trust.
 */
#include <linux/types.h>

#include "ipcheck.h"

enum { NEXTHDR_HOP_BY_HOP = 0 };

/* RFC 1071 sum of @len (even) bytes, folded to 16 bits; 0xffff when good. */
static unsigned int ones_complement_sum(const u8 *p, unsigned int len)
{
	unsigned int sum = 0, i;

	for (i = 0; i + 1 < len; i += 2)
		sum += p[i] << 8 | p[i + 1];
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return sum;
}

static enum netflow_ip_verdict check_ipv4(const u8 *hdr, unsigned int len,
					  unsigned int *hdr_len,
					  unsigned int *ip_len)
{
	unsigned int ihl, total;

	if (len < 20)
		return NETFLOW_IP_TRUNCATED;
	if (hdr[0] >> 4 != 4)
		return NETFLOW_IP_BAD_HEADER;
	ihl = (hdr[0] & 0xf) * 4;
	if (ihl < 20)
		return NETFLOW_IP_BAD_HEADER;
	if (len < ihl)
		return NETFLOW_IP_TRUNCATED;
	if (ones_complement_sum(hdr, ihl) != 0xffff)
		return NETFLOW_IP_BAD_CHECKSUM;
	total = hdr[2] << 8 | hdr[3];
	if (total > len || total < ihl)
		return NETFLOW_IP_BAD_LENGTH;
	*hdr_len = ihl;
	*ip_len = total;
	return NETFLOW_IP_OK;
}

static enum netflow_ip_verdict check_ipv6(const u8 *hdr, unsigned int len,
					  unsigned int *hdr_len,
					  unsigned int *ip_len)
{
	unsigned int total;

	if (len < NETFLOW_IPV6_HDR_LEN)
		return NETFLOW_IP_TRUNCATED;
	if (hdr[0] >> 4 != 6)
		return NETFLOW_IP_BAD_HEADER;
	total = NETFLOW_IPV6_HDR_LEN + (hdr[4] << 8 | hdr[5]);
	/* a jumbogram (GRO's BIG TCP) has its length in a hop-by-hop option */
	if (total == NETFLOW_IPV6_HDR_LEN && hdr[6] == NEXTHDR_HOP_BY_HOP)
		total = len;
	if (total > len)
		return NETFLOW_IP_BAD_LENGTH;
	*hdr_len = NETFLOW_IPV6_HDR_LEN;
	*ip_len = total;
	return NETFLOW_IP_OK;
}

/**
 * netflow_ip_check() - is this IP header fit for the PREROUTING hook?
 * @hdr: the first byte of the IP header
 * @len: bytes from @hdr to the end of the frame; the first
 *	 min(@len, NETFLOW_IP_HDR_MAX) of them are readable
 * @version: 4 or 6, what the ethertype (or the MPLS payload) announced;
 *	     the header must say the same
 * @hdr_len: set to the IP header's length (IPv6: the fixed header only)
 * @ip_len: set to the packet's length by its header: the frame is cut
 *	    to it, as the stack cuts Ethernet padding
 *
 * As ip_rcv(): version, IHL, header within the frame, header checksum,
 * total length within the frame and not inside the header. As
 * ipv6_rcv(): version, fixed header and payload within the frame; a
 * payload length of 0 before a hop-by-hop header (a jumbogram) is taken
 * as the whole frame, as ipv6_rcv() leaves it to that header.
 * @hdr_len and @ip_len are only set when the header is good.
 *
 * Return: NETFLOW_IP_OK or the reason the packet is not fit.
 */
enum netflow_ip_verdict netflow_ip_check(const u8 *hdr, unsigned int len,
					 unsigned int version,
					 unsigned int *hdr_len,
					 unsigned int *ip_len)
{
	if (!len)
		return NETFLOW_IP_TRUNCATED;
	if (version == 4)
		return check_ipv4(hdr, len, hdr_len, ip_len);
	if (version == 6)
		return check_ipv6(hdr, len, hdr_len, ip_len);
	return NETFLOW_IP_BAD_HEADER;
}
