// SPDX-License-Identifier: GPL-2.0
/*
 * From a packet to its flow key. Read-only on the skb: every header is
 * fetched with skb_header_pointer(), so nonlinear and truncated packets
 * are safe.
 */
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/netfilter.h>
#include <linux/socket.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <net/ipv6.h>
#include <net/ip.h>
#include <net/route.h>
#include <net/ip6_fib.h>
#include <net/dsfield.h>

#include "packet.h"

/* Ports, ICMP type and code, TCP flags: whatever the protocol keys on. */
static int parse_transport(const struct sk_buff *skb, unsigned int offset,
			   struct netflow_packet *pkt)
{
	struct netflow_fkey_head *key = &pkt->key.h;

	switch (key->protocol) {
	case IPPROTO_TCP: {
		struct tcphdr _th;
		const struct tcphdr *th;

		th = skb_header_pointer(skb, offset, sizeof(_th), &_th);
		if (!th)
			return -EINVAL;
		key->src_port = th->source;
		key->dst_port = th->dest;
		pkt->tcp_flags = ((const u8 *)th)[13];	/* CWR..FIN */
		return 0;
	}
	case IPPROTO_UDP:
	case IPPROTO_UDPLITE:
	case IPPROTO_SCTP: {
		__be16 _ports[2];
		const __be16 *ports;

		/* SCTP, UDP and UDP-Lite all start with the two ports */
		ports = skb_header_pointer(skb, offset, sizeof(_ports), _ports);
		if (!ports)
			return -EINVAL;
		key->src_port = ports[0];
		key->dst_port = ports[1];
		return 0;
	}
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6: {
		u8 _tc[2];
		const u8 *tc;

		tc = skb_header_pointer(skb, offset, sizeof(_tc), _tc);
		if (!tc)
			return -EINVAL;
		key->dst_port = htons(tc[0] << 8 | tc[1]);
		return 0;
	}
	default:
		return 0;
	}
}

static int parse_ipv4(const struct sk_buff *skb, struct netflow_packet *pkt,
		      bool *fragment)
{
	unsigned int offset = skb_network_offset(skb);
	const struct rtable *rt = skb_rtable(skb);
	struct iphdr _iph;
	const struct iphdr *iph;

	iph = skb_header_pointer(skb, offset, sizeof(_iph), &_iph);
	if (!iph || iph->version != 4 || iph->ihl < 5)
		return -EINVAL;

	pkt->key.h.family = AF_INET;
	pkt->key.h.protocol = iph->protocol;
	pkt->key.h.tos = iph->tos;
	pkt->key.v4.src = iph->saddr;
	pkt->key.v4.dst = iph->daddr;
	pkt->bytes = ntohs(iph->tot_len);
	if (rt && rt->rt_gw_family == AF_INET)
		pkt->nexthop.ip = rt->rt_gw4;

	if (iph->frag_off & htons(IP_OFFSET)) {
		*fragment = true;
		return 0;
	}
	return parse_transport(skb, offset + iph->ihl * 4, pkt);
}

static int parse_ipv6(const struct sk_buff *skb, struct netflow_packet *pkt,
		      bool *fragment)
{
	unsigned int offset = skb_network_offset(skb);
	struct ipv6hdr _ip6h;
	const struct ipv6hdr *ip6h;
	__be16 frag_off = 0;
	u8 nexthdr;
	int transport;

	ip6h = skb_header_pointer(skb, offset, sizeof(_ip6h), &_ip6h);
	if (!ip6h || ip6h->version != 6)
		return -EINVAL;

	pkt->key.h.family = AF_INET6;
	pkt->key.h.tos = ipv6_get_dsfield(ip6h);
	pkt->key.v6.src = ip6h->saddr;
	pkt->key.v6.dst = ip6h->daddr;
	pkt->bytes = ntohs(ip6h->payload_len) + sizeof(*ip6h);
	if (skb_dst(skb) && skb_dst(skb)->ops->family == AF_INET6) {
		const struct rt6_info *rt = (const struct rt6_info *)skb_dst(skb);

		if (rt->rt6i_flags & RTF_GATEWAY)
			pkt->nexthop.ip6 = rt->rt6i_gateway;
	}

	nexthdr = ip6h->nexthdr;
	transport = ipv6_skip_exthdr(skb, offset + sizeof(*ip6h), &nexthdr,
				     &frag_off);
	if (transport < 0)
		return -EINVAL;
	pkt->key.h.protocol = nexthdr;
	if (frag_off & htons(IP6_OFFSET)) {
		u8 _proto;
		const u8 *proto;

		/*
		 * The walk stopped at the fragment header: its first octet is
		 * the real protocol, so that every fragment keys as IPv4's do.
		 */
		proto = skb_header_pointer(skb, transport, sizeof(_proto), &_proto);
		if (proto)
			pkt->key.h.protocol = *proto;
		*fragment = true;
		return 0;
	}
	return parse_transport(skb, transport, pkt);
}

/**
 * netflow_packet_parse() - fill @pkt from the network header of @skb
 * @skb: the packet, network header set (as in any iptables hook)
 * @family: NFPROTO_IPV4 or NFPROTO_IPV6
 * @pkt: zeroed by the caller; key, length, TCP flags and next hop are set
 * @fragment: set for a non-first fragment, whose ports are unknown
 *
 * Return: 0, -EINVAL for a truncated or malformed header, or
 * -EAFNOSUPPORT for another family.
 */
int netflow_packet_parse(const struct sk_buff *skb, u8 family,
			 struct netflow_packet *pkt, bool *fragment)
{
	*fragment = false;
	if (family == NFPROTO_IPV4)
		return parse_ipv4(skb, pkt, fragment);
	if (family == NFPROTO_IPV6)
		return parse_ipv6(skb, pkt, fragment);
	return -EAFNOSUPPORT;
}
