// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_packet: packet.c, the packet parser, on raw bytes.
 *
 * Input: a control octet, a split octet, then the network-layer packet.
 * Control bits 0-1: the family passed to netflow_packet_parse(): from the
 * version nibble (4: NFPROTO_IPV4, 6: NFPROTO_IPV6, anything else either,
 * by bit 7), NFPROTO_IPV4, NFPROTO_IPV6, or another NFPROTO value (the
 * split octet). Bits 2-3: the skb's route: none (skb_dst() NULL), a route
 * of the family with a gateway, one without a gateway, one of the other
 * family (IPv4: an IPv6 gateway; IPv6: an IPv4 dst). Bit 4: the skb is
 * nonlinear, its linear part the first (split % (len + 1)) octets, the
 * rest in a paged part (skb_header_pointer() then copies through
 * skb_copy_bits()). Bit 5: 14 octets of MAC header before the network
 * header, so skb_network_offset() is 14; NET_IP_ALIGN (2) octets of
 * headroom before it align the network header to 4 as in the kernel (the
 * header structs ask for it, and UBSan checks). Both parts end exactly
 * where the packet does: a read past the packet is an ASan report.
 *
 * Checked on every input, against an oracle written here from RFC 791 /
 * RFC 8200 (not from packet.c; for IPv6 it mirrors what the kernel's
 * ipv6_skip_exthdr() documents: first fragment headers are skipped, a
 * non-first fragment stops the walk and is keyed by the fragment header's
 * next-header octet (the protocol it carries), NONE or a truncated
 * extension header is an error):
 *  - the result is 0 or -EINVAL (-EAFNOSUPPORT for another family), and
 *    -EINVAL exactly when the oracle says truncated or malformed: IPv4
 *    shorter than 20 octets, version != 4, IHL < 5; IPv6 shorter than 40,
 *    version != 6, a truncated extension header or NEXTHDR_NONE; or, for
 *    a first/unfragmented packet, a transport header shorter than what its
 *    protocol keys on (TCP 20, UDP/UDP-Lite/SCTP 4, ICMP/ICMPv6 2);
 *  - on 0, the whole struct netflow_packet equals the oracle's, octet for
 *    octet (it starts zeroed, as the caller zeroes it): family, protocol,
 *    ToS/traffic class, addresses, bytes = IPv4 total length or IPv6
 *    payload length + 40, ports of TCP/UDP/UDP-Lite/SCTP at the offset the
 *    header chain implies, ICMP type << 8 | code in dst_port, TCP flags
 *    (octet 13), the gateway as next hop only from a gateway route of the
 *    family, and every other octet (an IPv4 key's last 24, the padding)
 *    zero; *fragment exactly for a non-first fragment, whose ports, type
 *    and flags stay zero.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/netfilter.h>
#include <linux/skbuff.h>
#include <net/route.h>
#include <net/ip6_fib.h>

#include "packet.h"
#include "common.h"

enum { MAC_LEN = 14, NET_IP_ALIGN = 2 };

static const struct dst_ops ops4 = { .family = AF_INET };
static const struct dst_ops ops6 = { .family = AF_INET6 };

/* Octets the parser reads at the transport offset of @proto. */
static unsigned int transport_need(u8 proto)
{
	switch (proto) {
	case IPPROTO_TCP: return 20;
	case IPPROTO_UDP: case IPPROTO_UDPLITE: case IPPROTO_SCTP: return 4;
	case IPPROTO_ICMP: case IPPROTO_ICMPV6: return 2;
	default: return 0;
	}
}

/* Ports, ICMP type/code and flags of @proto at @p (@need octets there). */
static void oracle_transport(struct netflow_packet *e, u8 proto, const u8 *p)
{
	switch (proto) {
	case IPPROTO_TCP:
		e->tcp_flags = p[13];
		/* fallthrough */
	case IPPROTO_UDP: case IPPROTO_UDPLITE: case IPPROTO_SCTP:
		memcpy(&e->key.h.src_port, p, 2);
		memcpy(&e->key.h.dst_port, p + 2, 2);
		break;
	case IPPROTO_ICMP: case IPPROTO_ICMPV6:
		memcpy(&e->key.h.dst_port, p, 2);	/* type, code */
		break;
	}
}

/* IPv4 (RFC 791). Returns the expected result; fills @e and @frag. */
static int oracle4(const u8 *p, size_t len, struct netflow_packet *e, bool *frag)
{
	unsigned int ihl, t, need;

	if (len < 20 || p[0] >> 4 != 4 || (p[0] & 15) < 5)
		return -EINVAL;
	ihl = (p[0] & 15) * 4;
	e->key.h.family = AF_INET;
	e->key.h.tos = p[1];
	e->key.h.protocol = p[9];
	memcpy(&e->key.v4.src, p + 12, 4);
	memcpy(&e->key.v4.dst, p + 16, 4);
	e->bytes = get_be(p + 2, 2);
	if (get_be(p + 6, 2) & 0x1fff) {
		*frag = true;
		return 0;
	}
	t = ihl;
	need = transport_need(p[9]);
	if (need && t + need > len)
		return -EINVAL;
	oracle_transport(e, p[9], p + t);
	return 0;
}

/* IPv6 (RFC 8200 §4, with ipv6_skip_exthdr()'s documented rules). */
static int oracle6(const u8 *p, size_t len, struct netflow_packet *e, bool *frag)
{
	size_t off = 40;
	u8 nh;

	if (len < 40 || p[0] >> 4 != 6)
		return -EINVAL;
	e->key.h.family = AF_INET6;
	e->key.h.tos = (u8)(get_be(p, 2) >> 4);
	memcpy(&e->key.v6.src, p + 8, 16);
	memcpy(&e->key.v6.dst, p + 24, 16);
	e->bytes = get_be(p + 4, 2) + 40;
	nh = p[6];
	for (;;) {
		if (nh == 59)				/* No Next Header */
			return -EINVAL;
		if (nh != 0 && nh != 43 && nh != 44 && nh != 51 && nh != 60)
			break;
		if (off + 2 > len)
			return -EINVAL;
		if (nh == 44) {				/* Fragment */
			if (off + 4 > len)
				return -EINVAL;
			if (get_be(p + off + 2, 2) & 0xfff8) {
				/* keyed by the protocol the fragment carries */
				e->key.h.protocol = p[off];
				*frag = true;
				return 0;
			}
			nh = p[off];
			off += 8;
		} else if (nh == 51) {			/* AH: 4-octet units, RFC 4302 */
			u8 n = p[off];

			off += (p[off + 1] + 2) * 4;
			nh = n;
		} else {				/* 8-octet units */
			u8 n = p[off];

			off += (p[off + 1] + 1) * 8;
			nh = n;
		}
	}
	e->key.h.protocol = nh;
	if (transport_need(nh) && off + transport_need(nh) > len)
		return -EINVAL;
	oracle_transport(e, nh, p + off);
	return 0;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct stream s = { data, size };
	u8 ctl = st_u8(&s), split = st_u8(&s);
	const u8 *pk = s.p;
	size_t len = s.n, mac = ctl & 0x20 ? MAC_LEN : 0, headlen;
	unsigned int route = (ctl >> 2) & 3;
	u8 family;
	struct sk_buff skb = { 0 };
	struct rtable rt4 = { 0 };
	struct rt6_info rt6 = { 0 };
	struct netflow_packet pkt, exp;
	bool frag, efrag = false;
	unsigned char *head, *paged;
	int err, eerr;

	if (len > 65535)
		return 0;
	switch (ctl & 3) {
	case 0:
		if (len && pk[0] >> 4 == 4)
			family = NFPROTO_IPV4;
		else if (len && pk[0] >> 4 == 6)
			family = NFPROTO_IPV6;
		else
			family = ctl & 0x80 ? NFPROTO_IPV6 : NFPROTO_IPV4;
		break;
	case 1: family = NFPROTO_IPV4; break;
	case 2: family = NFPROTO_IPV6; break;
	default:
		family = split;
		if (family == NFPROTO_IPV4 || family == NFPROTO_IPV6)
			family = NFPROTO_UNSPEC;
		break;
	}

	/* the skb: [mac][linear part of the packet] + [paged part] */
	headlen = ctl & 0x10 ? split % (len + 1) : len;
	head = xalloc((mac ? NET_IP_ALIGN : 0) + mac + headlen, 0);
	memset(head, 0xee, (mac ? NET_IP_ALIGN : 0) + mac);
	memcpy(head + (mac ? NET_IP_ALIGN : 0) + mac, pk, headlen);
	paged = xalloc(len - headlen, 0);
	memcpy(paged, pk + headlen, len - headlen);
	skb.head = head;
	skb.data = head + (mac ? NET_IP_ALIGN : 0);
	skb.network_header = (mac ? NET_IP_ALIGN : 0) + mac;
	skb.len = mac + len;
	skb.data_len = len - headlen;
	skb.frag = paged;

	/* the route, and the gateway it gives */
	memset(&exp, 0, sizeof(exp));
	if (family == NFPROTO_IPV4 && route) {
		rt4.dst.ops = &ops4;
		if (route == 1) {
			rt4.rt_gw_family = AF_INET;
			rt4.rt_gw4 = htonl(0xc0a80001 + split);
			exp.nexthop.ip = rt4.rt_gw4;
		} else if (route == 3) {
			rt4.rt_gw_family = AF_INET6;
			memset(&rt4.rt_gw6, 0xfe, 16);
		}
		skb.dst = &rt4.dst;
	} else if (family == NFPROTO_IPV6 && route) {
		if (route == 3) {
			rt4.dst.ops = &ops4;
			rt4.rt_gw_family = AF_INET;
			rt4.rt_gw4 = htonl(0x0a000001);
			skb.dst = &rt4.dst;
		} else {
			rt6.dst.ops = &ops6;
			memset(&rt6.rt6i_gateway, 0xfe, 16);
			rt6.rt6i_gateway.s6_addr[15] = split;
			if (route == 1) {
				rt6.rt6i_flags = RTF_GATEWAY;
				exp.nexthop.ip6 = rt6.rt6i_gateway;
			}
			skb.dst = &rt6.dst;
		}
	}

	memset(&pkt, 0, sizeof(pkt));
	frag = ctl & 0x40;	/* whatever it was, the parser sets it */
	err = netflow_packet_parse(&skb, family, &pkt, &frag);

	if (family == NFPROTO_IPV4)
		eerr = oracle4(pk, len, &exp, &efrag);
	else if (family == NFPROTO_IPV6)
		eerr = oracle6(pk, len, &exp, &efrag);
	else
		eerr = -EAFNOSUPPORT;

	CHECK("packet-result", err == 0 || err == -EINVAL || (err == -EAFNOSUPPORT &&
	      family != NFPROTO_IPV4 && family != NFPROTO_IPV6),
	      "family %u: result %d", family, err);
	CHECK("packet-result", err == eerr, "family %u, %zu octets: result %d, oracle %d",
	      family, len, err, eerr);
	if (!err) {
		CHECK("packet-fragment", frag == efrag, "fragment %d, oracle %d", frag, efrag);
		CHECK("packet-family", pkt.key.h.family ==
		      (family == NFPROTO_IPV4 ? AF_INET : AF_INET6), "family %u", pkt.key.h.family);
		CHECK("packet-bytes", pkt.bytes == exp.bytes, "bytes %u, oracle %u",
		      pkt.bytes, exp.bytes);
		CHECK("packet-protocol", pkt.key.h.protocol == exp.key.h.protocol,
		      "protocol %u, oracle %u", pkt.key.h.protocol, exp.key.h.protocol);
		CHECK("packet-ports", pkt.key.h.src_port == exp.key.h.src_port &&
		      pkt.key.h.dst_port == exp.key.h.dst_port && pkt.tcp_flags == exp.tcp_flags,
		      "ports %04x %04x flags %02x, oracle %04x %04x %02x",
		      ntohs(pkt.key.h.src_port), ntohs(pkt.key.h.dst_port), pkt.tcp_flags,
		      ntohs(exp.key.h.src_port), ntohs(exp.key.h.dst_port), exp.tcp_flags);
		CHECK("packet-fragment", !frag || (!pkt.key.h.src_port && !pkt.key.h.dst_port &&
		      !pkt.tcp_flags), "fragment with ports");
		CHECK("packet-nexthop", !memcmp(&pkt.nexthop, &exp.nexthop, sizeof(exp.nexthop)),
		      "next hop");
		if (family == NFPROTO_IPV4)
			CHECK("packet-key-zero", all_eq((const u8 *)&pkt.key + 20,
							sizeof(pkt.key) - 20, 0),
			      "IPv4 key octets 20..43 not zero");
		CHECK("packet-key", !memcmp(&pkt, &exp, sizeof(exp)),
		      "struct netflow_packet differs from the oracle's");
	}
	free(head);
	free(paged);
	return 0;
}
