// SPDX-License-Identifier: GPL-2.0
/*
 * The optional fields of a packet (fields=, docs/fields.md): read-only on
 * the skb like packet.c, called only when a selection is in force.
 */
#include <linux/if_arp.h>
#include <linux/if_vlan.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/tcp.h>
#include <net/ip.h>
#include <net/ipv6.h>

#include "fields.h"
#include "hdrbits.h"
#include "l2.h"
#include "pktfields.h"

enum {
	MAX_OPTIONS = 40,	/* IPv4 and TCP: 15 * 4 - 20 */
	MAX_EXTHDRS = 256,	/* IPv6 extension header octets looked at */
};

/* A tag for the list, outer first; false once it is full. */
static bool add_tag(struct netflow_fields_data *fields, unsigned int *nr,
		    u16 tci)
{
	if (*nr >= ARRAY_SIZE(fields->vlan_tci))
		return false;
	fields->vlan_tci[(*nr)++] = tci;
	return true;
}

/*
 * The tags a VLAN device consumed on the way in: of @in and the VLAN
 * devices below it, outer (lowest) first. Their priority is gone (the
 * kernel maps it to skb->priority), so it reads 0. A device that
 * reinserts its tag (reorder_hdr off) is skipped: the tag is in the frame.
 */
static void device_tags(const struct net_device *in,
			struct netflow_fields_data *fields, unsigned int *nr)
{
#if IS_ENABLED(CONFIG_VLAN_8021Q)
	u16 vids[NETFLOW_L2_MAX_TAGS];
	unsigned int n = 0;

	/* the private data, not vlan_dev_*(): no dependency on 8021q.ko */
	while (in && is_vlan_dev(in) && n < ARRAY_SIZE(vids)) {
		const struct vlan_dev_priv *vlan = vlan_dev_priv(in);

		if (vlan->flags & VLAN_FLAG_REORDER_HDR)
			vids[n++] = vlan->vlan_id;
		in = vlan->real_dev;
	}
	while (n--)
		add_tag(fields, nr, vids[n]);
#endif
}

/*
 * The layer 2 fields of the frame the packet came in: MAC addresses,
 * ethertype of the layer 3 header, 802.1Q tags and MPLS labels. Tags
 * come from the VLAN devices the packet came through, then the tag the
 * driver or the stack took out of the frame (skb->vlan_tci), then the
 * frame itself; the labels from the frame, up to @mpls_depth. Zeroes
 * where there is no frame (a local packet) or it cannot be read.
 */
static void frame_fields(const struct sk_buff *skb,
			 const struct net_device *in, u32 selected,
			 unsigned int mpls_depth,
			 struct netflow_fields_data *fields)
{
	const u8 *mac, *end = skb_tail_pointer(skb);
	unsigned int i, nr_tags = 0;
	struct netflow_l2 l2;

	if (selected & BIT(NETFLOW_FIELD_VLAN)) {
		device_tags(in, fields, &nr_tags);
		if (skb_vlan_tag_present(skb))
			add_tag(fields, &nr_tags, skb_vlan_tag_get(skb));
	}
	if (!skb_mac_header_was_set(skb) || !skb->dev ||
	    skb->dev->type != ARPHRD_ETHER)
		return;
	mac = skb_mac_header(skb);
	if (mac < skb->head || mac >= end ||
	    netflow_l2_parse(mac, end - mac, mpls_depth, &l2))
		return;
	if (selected & BIT(NETFLOW_FIELD_ETHERTYPE))
		fields->ethertype = l2.ethertype;
	if (selected & BIT(NETFLOW_FIELD_MAC)) {
		memcpy(fields->dst_mac, l2.dst_mac, sizeof(fields->dst_mac));
		memcpy(fields->src_mac, l2.src_mac, sizeof(fields->src_mac));
	}
	if (selected & BIT(NETFLOW_FIELD_VLAN))
		for (i = 0; i < l2.nr_tags && add_tag(fields, &nr_tags, l2.vlan_tci[i]); i++)
			;
	if (selected & BIT(NETFLOW_FIELD_MPLS))
		memcpy(fields->mpls, l2.mpls, l2.nr_mpls * sizeof(l2.mpls[0]));
}

/* tcpOptions of the TCP header at @offset. */
static u64 tcp_options(const struct sk_buff *skb, unsigned int offset)
{
	u8 _opts[MAX_OPTIONS];
	struct tcphdr _th;
	const struct tcphdr *th;
	const u8 *opts;
	unsigned int len;

	th = skb_header_pointer(skb, offset, sizeof(_th), &_th);
	if (!th || th->doff <= 5)
		return 0;
	len = th->doff * 4 - sizeof(*th);
	opts = skb_header_pointer(skb, offset + sizeof(*th), len, _opts);
	return opts ? netflow_tcp_options_bits(opts, len) : 0;
}

static void ipv4_fields(const struct sk_buff *skb, u32 selected,
			struct netflow_fields_data *fields)
{
	unsigned int offset = skb_network_offset(skb);
	u8 _opts[MAX_OPTIONS];
	struct iphdr _iph;
	const struct iphdr *iph;
	const u8 *opts;

	iph = skb_header_pointer(skb, offset, sizeof(_iph), &_iph);
	if (!iph || iph->ihl < 5)
		return;
	if ((selected & BIT(NETFLOW_FIELD_IPV4_OPTIONS)) && iph->ihl > 5) {
		unsigned int len = iph->ihl * 4 - sizeof(*iph);

		opts = skb_header_pointer(skb, offset + sizeof(*iph), len, _opts);
		if (opts)
			fields->ipv4_options = netflow_ipv4_options_bits(opts, len);
	}
	if ((selected & BIT(NETFLOW_FIELD_TCP_OPTIONS)) &&
	    iph->protocol == IPPROTO_TCP && !(iph->frag_off & htons(IP_OFFSET)))
		fields->tcp_options = tcp_options(skb, offset + iph->ihl * 4);
}

static void ipv6_fields(const struct sk_buff *skb, u32 selected,
			struct netflow_fields_data *fields)
{
	unsigned int offset = skb_network_offset(skb);
	struct ipv6hdr _ip6h;
	const struct ipv6hdr *ip6h;
	__be16 frag_off = 0;
	u8 nexthdr;
	int transport;

	ip6h = skb_header_pointer(skb, offset, sizeof(_ip6h), &_ip6h);
	if (!ip6h)
		return;
	if (selected & BIT(NETFLOW_FIELD_FLOW_LABEL))
		fields->flow_label = ntohl(ip6_flowlabel(ip6h));
	if (selected & BIT(NETFLOW_FIELD_IPV6_EXTHDR)) {
		unsigned int start = offset + sizeof(*ip6h);
		unsigned int len = skb->len > start ?
				   min_t(unsigned int, skb->len - start, MAX_EXTHDRS) : 0;
		u8 _hdrs[MAX_EXTHDRS];
		const u8 *hdrs = NULL;

		if (len)
			hdrs = skb_header_pointer(skb, start, len, _hdrs);
		fields->ipv6_exthdr = netflow_ipv6_exthdr_bits(ip6h->nexthdr, hdrs,
							       hdrs ? len : 0);
	}
	if (!(selected & BIT(NETFLOW_FIELD_TCP_OPTIONS)))
		return;
	nexthdr = ip6h->nexthdr;
	transport = ipv6_skip_exthdr(skb, offset + sizeof(*ip6h), &nexthdr,
				     &frag_off);
	if (transport >= 0 && nexthdr == IPPROTO_TCP &&
	    !(frag_off & htons(IP6_OFFSET)))
		fields->tcp_options = tcp_options(skb, transport);
}

/**
 * netflow_packet_fields() - the optional fields of one packet
 * @skb: the packet, already accepted by netflow_packet_parse()
 * @in: the device it came in through; NULL in the output hooks
 * @family: NFPROTO_IPV4 or NFPROTO_IPV6
 * @selected: BIT(enum netflow_field) of what fields= selects
 * @mpls_depth: MPLS label stack entries to keep (promisc-mpls)
 * @fields: zeroed by the caller; what @selected asks for and the packet
 *	has is set (direction, physdev and masks are the caller's)
 */
void netflow_packet_fields(const struct sk_buff *skb,
			   const struct net_device *in, u8 family, u32 selected,
			   unsigned int mpls_depth,
			   struct netflow_fields_data *fields)
{
	if (selected & (BIT(NETFLOW_FIELD_ETHERTYPE) | BIT(NETFLOW_FIELD_MAC) |
			BIT(NETFLOW_FIELD_VLAN) | BIT(NETFLOW_FIELD_MPLS)))
		frame_fields(skb, in, selected, mpls_depth, fields);
	if (family == NFPROTO_IPV4)
		ipv4_fields(skb, selected, fields);
	else
		ipv6_fields(skb, selected, fields);
}
