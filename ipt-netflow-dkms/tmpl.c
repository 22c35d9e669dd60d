// SPDX-License-Identifier: GPL-2.0
/*
 * NetFlow v9 and IPFIX data templates, and the sets that carry them.
 *
 * A template is a list of information elements (ie.h). The template
 * record is sized, then built, from that list; a data record is written
 * by walking the same list and calling each element's writer. Messages
 * are laid out in a caller buffer: records go into the open set while its
 * id matches, any other record closes it (padded to 4 octets) and opens
 * the next one. Pure: no allocation, locking, clock or logging.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/socket.h>
#include <linux/string.h>
#include <asm/byteorder.h>

#include "fields.h"
#include "ie.h"
#include "tmpl.h"

static const struct netflow_ie_info ie_info[NETFLOW_IE_COUNT] = {
	NETFLOW_IE_INFO
};

/*
 * Template contents, in emission order. v9 puts the ICMP type and code in
 * ICMP_TYPE (32) for both families, IPFIX in icmpTypeCodeIPv4/IPv6 (32,
 * 139); both also carry type * 256 + code in the destination port. That is
 * the one encoding that nfdump 1.7, tshark 4.0, nfacctd 1.7 and libfixbuf
 * 2.4 all decode; nfacctd reads only the port. For other protocols the
 * ICMP field is 0.
 */
static const u8 v9_ipv4[] = {
	NETFLOW_IE_SRC_IPV4, NETFLOW_IE_DST_IPV4, NETFLOW_IE_NEXTHOP_IPV4,
	NETFLOW_IE_INGRESS_IF, NETFLOW_IE_EGRESS_IF,
	NETFLOW_IE_PACKETS, NETFLOW_IE_OCTETS,
	NETFLOW_IE_START_UPTIME, NETFLOW_IE_END_UPTIME,
	NETFLOW_IE_SRC_PORT, NETFLOW_IE_DST_PORT, NETFLOW_IE_ICMP_IPV4,
	NETFLOW_IE_PROTOCOL, NETFLOW_IE_TOS, NETFLOW_IE_TCP_FLAGS_V9,
	NETFLOW_IE_END_REASON, NETFLOW_IE_IP_VERSION,
};

static const u8 v9_ipv6[] = {
	NETFLOW_IE_SRC_IPV6, NETFLOW_IE_DST_IPV6, NETFLOW_IE_NEXTHOP_IPV6,
	NETFLOW_IE_INGRESS_IF, NETFLOW_IE_EGRESS_IF,
	NETFLOW_IE_PACKETS, NETFLOW_IE_OCTETS,
	NETFLOW_IE_START_UPTIME, NETFLOW_IE_END_UPTIME,
	NETFLOW_IE_SRC_PORT, NETFLOW_IE_DST_PORT, NETFLOW_IE_ICMP_IPV4,
	NETFLOW_IE_PROTOCOL, NETFLOW_IE_TOS, NETFLOW_IE_TCP_FLAGS_V9,
	NETFLOW_IE_END_REASON, NETFLOW_IE_IP_VERSION,
};

static const u8 ipfix_ipv4[] = {
	NETFLOW_IE_SRC_IPV4, NETFLOW_IE_DST_IPV4, NETFLOW_IE_NEXTHOP_IPV4,
	NETFLOW_IE_INGRESS_IF, NETFLOW_IE_EGRESS_IF,
	NETFLOW_IE_PACKETS, NETFLOW_IE_OCTETS,
	NETFLOW_IE_START_MS, NETFLOW_IE_END_MS,
	NETFLOW_IE_SRC_PORT, NETFLOW_IE_DST_PORT, NETFLOW_IE_ICMP_IPV4,
	NETFLOW_IE_PROTOCOL, NETFLOW_IE_TOS, NETFLOW_IE_TCP_FLAGS,
	NETFLOW_IE_END_REASON, NETFLOW_IE_IP_VERSION,
};

static const u8 ipfix_ipv6[] = {
	NETFLOW_IE_SRC_IPV6, NETFLOW_IE_DST_IPV6, NETFLOW_IE_NEXTHOP_IPV6,
	NETFLOW_IE_INGRESS_IF, NETFLOW_IE_EGRESS_IF,
	NETFLOW_IE_PACKETS, NETFLOW_IE_OCTETS,
	NETFLOW_IE_START_MS, NETFLOW_IE_END_MS,
	NETFLOW_IE_SRC_PORT, NETFLOW_IE_DST_PORT, NETFLOW_IE_ICMP_IPV6,
	NETFLOW_IE_PROTOCOL, NETFLOW_IE_TOS, NETFLOW_IE_TCP_FLAGS,
	NETFLOW_IE_END_REASON, NETFLOW_IE_IP_VERSION,
};

struct tmpl_def {
	const u8 *ies;
	unsigned int count;
};

static const struct tmpl_def tmpl_defs[NETFLOW_TMPL_PROTOS][NETFLOW_TMPL_COUNT] = {
	[NETFLOW_TMPL_V9] = {
		[NETFLOW_TMPL_IPV4] = { v9_ipv4, ARRAY_SIZE(v9_ipv4) },
		[NETFLOW_TMPL_IPV6] = { v9_ipv6, ARRAY_SIZE(v9_ipv6) },
	},
	[NETFLOW_TMPL_IPFIX] = {
		[NETFLOW_TMPL_IPV4] = { ipfix_ipv4, ARRAY_SIZE(ipfix_ipv4) },
		[NETFLOW_TMPL_IPV6] = { ipfix_ipv6, ARRAY_SIZE(ipfix_ipv6) },
	},
};

/* --- per-element writers ------------------------------------------------ */

/*
 * A writer fills exactly @len octets at @p (the element's length from the
 * table): addresses are copied, numbers stored big-endian in @len octets,
 * keeping the low-order ones (only v9's 32-bit sysUptime ever drops any:
 * it wraps, as sysUptime does).
 */
typedef void (*ie_writer)(u8 *p, unsigned int len,
			  const struct netflow_record *rec, u64 boot_epoch_ms);

static void put_uint(u8 *p, unsigned int len, u64 value)
{
	while (len--) {
		p[len] = (u8)value;
		value >>= 8;
	}
}

static bool is_icmp(const struct netflow_record *rec)
{
	return rec->key.protocol == IPPROTO_ICMP ||
	       rec->key.protocol == IPPROTO_ICMPV6;
}

static void put_src_addr(u8 *p, unsigned int len,
			 const struct netflow_record *rec, u64 epoch)
{
	memcpy(p, &rec->key.src, len);
}

static void put_dst_addr(u8 *p, unsigned int len,
			 const struct netflow_record *rec, u64 epoch)
{
	memcpy(p, &rec->key.dst, len);
}

static void put_nexthop(u8 *p, unsigned int len,
			const struct netflow_record *rec, u64 epoch)
{
	memcpy(p, &rec->nexthop, len);
}

static void put_in_if(u8 *p, unsigned int len,
		      const struct netflow_record *rec, u64 epoch)
{
	put_uint(p, len, rec->key.in_ifindex);
}

static void put_out_if(u8 *p, unsigned int len,
		       const struct netflow_record *rec, u64 epoch)
{
	put_uint(p, len, rec->out_ifindex);
}

static void put_packets(u8 *p, unsigned int len,
			const struct netflow_record *rec, u64 epoch)
{
	put_uint(p, len, rec->packets);
}

static void put_octets(u8 *p, unsigned int len,
		       const struct netflow_record *rec, u64 epoch)
{
	put_uint(p, len, rec->bytes);
}

static void put_first_uptime(u8 *p, unsigned int len,
			     const struct netflow_record *rec, u64 epoch)
{
	put_uint(p, len, rec->first_ms);
}

static void put_last_uptime(u8 *p, unsigned int len,
			    const struct netflow_record *rec, u64 epoch)
{
	put_uint(p, len, rec->last_ms);
}

static void put_first_epoch(u8 *p, unsigned int len,
			    const struct netflow_record *rec, u64 epoch)
{
	put_uint(p, len, epoch + rec->first_ms);
}

static void put_last_epoch(u8 *p, unsigned int len,
			   const struct netflow_record *rec, u64 epoch)
{
	put_uint(p, len, epoch + rec->last_ms);
}

static void put_src_port(u8 *p, unsigned int len,
			 const struct netflow_record *rec, u64 epoch)
{
	put_uint(p, len, be16_to_cpu(rec->key.src_port));
}

/* For ICMP the key holds type << 8 | code here (key.h). */
static void put_dst_port(u8 *p, unsigned int len,
			 const struct netflow_record *rec, u64 epoch)
{
	put_uint(p, len, be16_to_cpu(rec->key.dst_port));
}

static void put_icmp(u8 *p, unsigned int len,
		     const struct netflow_record *rec, u64 epoch)
{
	put_uint(p, len, is_icmp(rec) ? be16_to_cpu(rec->key.dst_port) : 0);
}

static void put_protocol(u8 *p, unsigned int len,
			 const struct netflow_record *rec, u64 epoch)
{
	put_uint(p, len, rec->key.protocol);
}

static void put_tos(u8 *p, unsigned int len,
		    const struct netflow_record *rec, u64 epoch)
{
	put_uint(p, len, rec->key.tos);
}

static void put_tcp_flags(u8 *p, unsigned int len,
			  const struct netflow_record *rec, u64 epoch)
{
	put_uint(p, len, rec->tcp_flags);
}

static void put_end_reason(u8 *p, unsigned int len,
			   const struct netflow_record *rec, u64 epoch)
{
	put_uint(p, len, rec->end_reason);
}

static void put_ip_version(u8 *p, unsigned int len,
			   const struct netflow_record *rec, u64 epoch)
{
	put_uint(p, len, rec->key.family == AF_INET6 ? 6 : 4);
}

static void put_ethertype(u8 *p, unsigned int len,
			  const struct netflow_record *rec, u64 epoch)
{
	put_uint(p, len, be16_to_cpu(rec->fields.ethertype));
}

static void put_direction(u8 *p, unsigned int len,
			  const struct netflow_record *rec, u64 epoch)
{
	put_uint(p, len, rec->fields.direction);
}

static void put_in_physdev(u8 *p, unsigned int len,
			   const struct netflow_record *rec, u64 epoch)
{
	put_uint(p, len, rec->fields.in_physdev);
}

static void put_out_physdev(u8 *p, unsigned int len,
			    const struct netflow_record *rec, u64 epoch)
{
	put_uint(p, len, rec->fields.out_physdev);
}

static void put_ipv4_options(u8 *p, unsigned int len,
			     const struct netflow_record *rec, u64 epoch)
{
	put_uint(p, len, rec->fields.ipv4_options);
}

static void put_tcp_options(u8 *p, unsigned int len,
			    const struct netflow_record *rec, u64 epoch)
{
	put_uint(p, len, rec->fields.tcp_options);
}

static void put_ipv6_exthdr(u8 *p, unsigned int len,
			    const struct netflow_record *rec, u64 epoch)
{
	put_uint(p, len, rec->fields.ipv6_exthdr);
}

static void put_flow_label(u8 *p, unsigned int len,
			   const struct netflow_record *rec, u64 epoch)
{
	put_uint(p, len, rec->fields.flow_label);
}

static void put_src_mask(u8 *p, unsigned int len,
			 const struct netflow_record *rec, u64 epoch)
{
	put_uint(p, len, rec->fields.src_mask);
}

static void put_dst_mask(u8 *p, unsigned int len,
			 const struct netflow_record *rec, u64 epoch)
{
	put_uint(p, len, rec->fields.dst_mask);
}

static void put_sampler(u8 *p, unsigned int len,
			const struct netflow_record *rec, u64 epoch)
{
	put_uint(p, len, rec->sampler_mode);
}

static void put_dst_mac(u8 *p, unsigned int len,
			const struct netflow_record *rec, u64 epoch)
{
	memcpy(p, rec->fields.dst_mac, len);
}

static void put_src_mac(u8 *p, unsigned int len,
			const struct netflow_record *rec, u64 epoch)
{
	memcpy(p, rec->fields.src_mac, len);
}

static void put_vlan_id(u8 *p, unsigned int len,
			const struct netflow_record *rec, u64 epoch)
{
	put_uint(p, len, rec->fields.vlan_tci[0] & NETFLOW_TCI_VID_MASK);
}

static void put_vlan_priority(u8 *p, unsigned int len,
			      const struct netflow_record *rec, u64 epoch)
{
	put_uint(p, len, rec->fields.vlan_tci[0] >> NETFLOW_TCI_PRIO_SHIFT);
}

static void put_cvlan_id(u8 *p, unsigned int len,
			 const struct netflow_record *rec, u64 epoch)
{
	put_uint(p, len, rec->fields.vlan_tci[1] & NETFLOW_TCI_VID_MASK);
}

static void put_cvlan_priority(u8 *p, unsigned int len,
			       const struct netflow_record *rec, u64 epoch)
{
	put_uint(p, len, rec->fields.vlan_tci[1] >> NETFLOW_TCI_PRIO_SHIFT);
}

static void put_mpls_ttl(u8 *p, unsigned int len,
			 const struct netflow_record *rec, u64 epoch)
{
	put_uint(p, len, be32_to_cpu(rec->fields.mpls[0]) & 0xff);
}

/* A label stack section: label, traffic class and S bit, not the TTL. */
static void put_mpls_label(u8 *p, unsigned int len,
			   const struct netflow_record *rec, unsigned int n)
{
	put_uint(p, len, be32_to_cpu(rec->fields.mpls[n]) >> 8);
}

/* Labels 1-10 share put_mpls_label(), which takes the label's index. */
static const ie_writer ie_writers[NETFLOW_IE_COUNT] = {
	[NETFLOW_IE_SRC_IPV4]		= put_src_addr,
	[NETFLOW_IE_DST_IPV4]		= put_dst_addr,
	[NETFLOW_IE_NEXTHOP_IPV4]	= put_nexthop,
	[NETFLOW_IE_SRC_IPV6]		= put_src_addr,
	[NETFLOW_IE_DST_IPV6]		= put_dst_addr,
	[NETFLOW_IE_NEXTHOP_IPV6]	= put_nexthop,
	[NETFLOW_IE_INGRESS_IF]		= put_in_if,
	[NETFLOW_IE_EGRESS_IF]		= put_out_if,
	[NETFLOW_IE_PACKETS]		= put_packets,
	[NETFLOW_IE_OCTETS]		= put_octets,
	[NETFLOW_IE_START_UPTIME]	= put_first_uptime,
	[NETFLOW_IE_END_UPTIME]		= put_last_uptime,
	[NETFLOW_IE_START_MS]		= put_first_epoch,
	[NETFLOW_IE_END_MS]		= put_last_epoch,
	[NETFLOW_IE_SRC_PORT]		= put_src_port,
	[NETFLOW_IE_DST_PORT]		= put_dst_port,
	[NETFLOW_IE_ICMP_IPV4]		= put_icmp,
	[NETFLOW_IE_ICMP_IPV6]		= put_icmp,
	[NETFLOW_IE_PROTOCOL]		= put_protocol,
	[NETFLOW_IE_TOS]		= put_tos,
	[NETFLOW_IE_TCP_FLAGS_V9]	= put_tcp_flags,
	[NETFLOW_IE_TCP_FLAGS]		= put_tcp_flags,
	[NETFLOW_IE_END_REASON]		= put_end_reason,
	[NETFLOW_IE_IP_VERSION]		= put_ip_version,
	[NETFLOW_IE_ETHERTYPE]		= put_ethertype,
	[NETFLOW_IE_DIRECTION]		= put_direction,
	[NETFLOW_IE_IN_PHYSDEV]		= put_in_physdev,
	[NETFLOW_IE_OUT_PHYSDEV]	= put_out_physdev,
	[NETFLOW_IE_IPV4_OPTIONS]	= put_ipv4_options,
	[NETFLOW_IE_TCP_OPTIONS]	= put_tcp_options,
	[NETFLOW_IE_IPV6_EXTHDR]	= put_ipv6_exthdr,
	[NETFLOW_IE_FLOW_LABEL]		= put_flow_label,
	[NETFLOW_IE_SRC_MASK4]		= put_src_mask,
	[NETFLOW_IE_DST_MASK4]		= put_dst_mask,
	[NETFLOW_IE_SRC_MASK6]		= put_src_mask,
	[NETFLOW_IE_DST_MASK6]		= put_dst_mask,
	[NETFLOW_IE_SAMPLER_ID]		= put_sampler,
	[NETFLOW_IE_SELECTOR_ID]	= put_sampler,
	[NETFLOW_IE_DST_MAC]		= put_dst_mac,
	[NETFLOW_IE_SRC_MAC]		= put_src_mac,
	[NETFLOW_IE_VLAN_ID]		= put_vlan_id,
	[NETFLOW_IE_DOT1Q_VLAN]		= put_vlan_id,
	[NETFLOW_IE_DOT1Q_PRIORITY]	= put_vlan_priority,
	[NETFLOW_IE_DOT1Q_CVLAN]	= put_cvlan_id,
	[NETFLOW_IE_DOT1Q_CPRIORITY]	= put_cvlan_priority,
	[NETFLOW_IE_MPLS_TTL]		= put_mpls_ttl,
};

/* --- templates and data records ----------------------------------------- */

/**
 * netflow_tmpl_of() - the data template a record is written with
 * @rec: the flow
 *
 * Return: an enum netflow_tmpl, or -EAFNOSUPPORT.
 */
int netflow_tmpl_of(const struct netflow_record *rec)
{
	switch (rec->key.family) {
	case AF_INET:
		return NETFLOW_TMPL_IPV4;
	case AF_INET6:
		return NETFLOW_TMPL_IPV6;
	default:
		return -EAFNOSUPPORT;
	}
}

static unsigned int def_size(const struct tmpl_def *def)
{
	return sizeof(struct netflow_tmpl_header) +
	       def->count * sizeof(struct netflow_field_spec);
}

static unsigned int def_build(void *buf, const struct tmpl_def *def, u16 id)
{
	struct netflow_tmpl_header *h = buf;
	struct netflow_field_spec *f = buf + sizeof(*h);
	unsigned int i;

	h->id = cpu_to_be16(id);
	h->field_count = cpu_to_be16(def->count);
	for (i = 0; i < def->count; i++) {
		f[i].id = cpu_to_be16(ie_info[def->ies[i]].id);
		f[i].length = cpu_to_be16(ie_info[def->ies[i]].len);
	}
	return def_size(def);
}

static unsigned int def_record_size(const struct tmpl_def *def)
{
	unsigned int i, len = 0;

	for (i = 0; i < def->count; i++)
		len += ie_info[def->ies[i]].len;
	return len;
}

static void def_write_record(void *buf, const struct tmpl_def *def,
			     const struct netflow_record *rec, u64 boot_epoch_ms)
{
	u8 *p = buf;
	unsigned int i;

	for (i = 0; i < def->count; i++) {
		unsigned int n = def->ies[i];
		const struct netflow_ie_info *ie = &ie_info[n];

		if (n >= NETFLOW_IE_MPLS_LABEL1 && n <= NETFLOW_IE_MPLS_LABEL_LAST)
			put_mpls_label(p, ie->len, rec, n - NETFLOW_IE_MPLS_LABEL1);
		else
			ie_writers[n](p, ie->len, rec, boot_epoch_ms);
		p += ie->len;
	}
}

/* Octets of a template record: first pass of netflow_tmpl_build(). */
unsigned int netflow_tmpl_size(enum netflow_tmpl_proto proto,
			       enum netflow_tmpl t)
{
	return def_size(&tmpl_defs[proto][t]);
}

/**
 * netflow_tmpl_build() - write a template record
 * @buf: netflow_tmpl_size() octets, all of which are written
 * @proto: v9 or IPFIX
 * @t: which template
 *
 * Return: the octets written.
 */
unsigned int netflow_tmpl_build(void *buf, enum netflow_tmpl_proto proto,
				enum netflow_tmpl t)
{
	return def_build(buf, &tmpl_defs[proto][t], netflow_tmpl_id(t));
}

/* Octets of one data record of template @t. */
unsigned int netflow_tmpl_record_size(enum netflow_tmpl_proto proto,
				      enum netflow_tmpl t)
{
	return def_record_size(&tmpl_defs[proto][t]);
}

/**
 * netflow_tmpl_write_record() - write one data record
 * @buf: netflow_tmpl_record_size() octets, all of which are written
 * @proto: v9 or IPFIX
 * @t: the template, as netflow_tmpl_of(@rec) says
 * @rec: the flow
 * @boot_epoch_ms: milliseconds since the epoch at uptime 0, which turns
 *	the record's uptime stamps into IPFIX flowStart/EndMilliseconds
 */
void netflow_tmpl_write_record(void *buf, enum netflow_tmpl_proto proto,
			       enum netflow_tmpl t,
			       const struct netflow_record *rec,
			       u64 boot_epoch_ms)
{
	def_write_record(buf, &tmpl_defs[proto][t], rec, boot_epoch_ms);
}

/* --- layouts with optional fields ---------------------------------------- */

static void add_ie(struct netflow_tmpl_layout *l, enum netflow_tmpl t,
		   enum netflow_ie ie)
{
	l->ies[t][l->count[t]++] = ie;
}

/*
 * The optional elements of template @t, in the order they follow the base
 * elements (docs/fields.md).
 */
static void add_extras(struct netflow_tmpl_layout *l,
		       enum netflow_tmpl_proto proto, enum netflow_tmpl t,
		       u32 extras)
{
	unsigned int n, mpls_depth = min_t(unsigned int, netflow_extra_mpls_depth(extras),
					   NETFLOW_MPLS_MAX_DEPTH);
	bool v4 = t == NETFLOW_TMPL_IPV4;

	if (extras & BIT(NETFLOW_FIELD_ETHERTYPE))
		add_ie(l, t, NETFLOW_IE_ETHERTYPE);
	if (extras & BIT(NETFLOW_FIELD_DIRECTION))
		add_ie(l, t, NETFLOW_IE_DIRECTION);
	if (extras & BIT(NETFLOW_FIELD_PHYSDEV)) {
		add_ie(l, t, NETFLOW_IE_IN_PHYSDEV);
		add_ie(l, t, NETFLOW_IE_OUT_PHYSDEV);
	}
	if (v4 && (extras & BIT(NETFLOW_FIELD_IPV4_OPTIONS)))
		add_ie(l, t, NETFLOW_IE_IPV4_OPTIONS);
	if (extras & BIT(NETFLOW_FIELD_TCP_OPTIONS))
		add_ie(l, t, NETFLOW_IE_TCP_OPTIONS);
	if (!v4 && (extras & BIT(NETFLOW_FIELD_IPV6_EXTHDR)))
		add_ie(l, t, NETFLOW_IE_IPV6_EXTHDR);
	if (!v4 && (extras & BIT(NETFLOW_FIELD_FLOW_LABEL)))
		add_ie(l, t, NETFLOW_IE_FLOW_LABEL);
	if (extras & BIT(NETFLOW_FIELD_MAC)) {
		add_ie(l, t, NETFLOW_IE_DST_MAC);
		add_ie(l, t, NETFLOW_IE_SRC_MAC);
	}
	if (extras & BIT(NETFLOW_FIELD_VLAN)) {
		/* vlanId (the outer VID) first: what nfdump reads */
		add_ie(l, t, NETFLOW_IE_VLAN_ID);
		add_ie(l, t, NETFLOW_IE_DOT1Q_VLAN);
		add_ie(l, t, NETFLOW_IE_DOT1Q_PRIORITY);
		add_ie(l, t, NETFLOW_IE_DOT1Q_CVLAN);
		add_ie(l, t, NETFLOW_IE_DOT1Q_CPRIORITY);
	}
	if ((extras & BIT(NETFLOW_FIELD_MPLS)) && mpls_depth) {
		add_ie(l, t, NETFLOW_IE_MPLS_TTL);
		for (n = 0; n < mpls_depth; n++)
			add_ie(l, t, NETFLOW_IE_MPLS_LABEL1 + n);
	}
	if (extras & NETFLOW_EXTRA_MASKS) {
		add_ie(l, t, v4 ? NETFLOW_IE_SRC_MASK4 : NETFLOW_IE_SRC_MASK6);
		add_ie(l, t, v4 ? NETFLOW_IE_DST_MASK4 : NETFLOW_IE_DST_MASK6);
	}
	if (extras & NETFLOW_EXTRA_SAMPLER)
		add_ie(l, t, proto == NETFLOW_TMPL_IPFIX ? NETFLOW_IE_SELECTOR_ID :
							   NETFLOW_IE_SAMPLER_ID);
}

/**
 * netflow_tmpl_layout_init() - the data templates of a selection
 * @l: filled in
 * @proto: v9 or IPFIX
 * @extras: BIT(enum netflow_field) of fields=, plus NETFLOW_EXTRA_* bits;
 *	0 gives the base templates and their ids
 * @generation: the caller's count of layout changes in the session
 */
void netflow_tmpl_layout_init(struct netflow_tmpl_layout *l,
			      enum netflow_tmpl_proto proto, u32 extras,
			      unsigned int generation)
{
	enum netflow_tmpl t;

	memset(l, 0, sizeof(*l));
	for (t = 0; t < NETFLOW_TMPL_COUNT; t++) {
		const struct tmpl_def *base = &tmpl_defs[proto][t];

		memcpy(l->ies[t], base->ies, base->count);
		l->count[t] = base->count;
		add_extras(l, proto, t, extras);
		l->id[t] = extras ? NETFLOW_TMPL_ID_DYNAMIC +
				    2 * (generation % NETFLOW_TMPL_GENERATIONS) + t :
				    netflow_tmpl_id(t);
	}
}

static struct tmpl_def layout_def(const struct netflow_tmpl_layout *l,
				  enum netflow_tmpl t)
{
	return (struct tmpl_def){ l->ies[t], l->count[t] };
}

/* As netflow_tmpl_size(), for template @t of layout @l. */
unsigned int netflow_tmpl_layout_size(const struct netflow_tmpl_layout *l,
				      enum netflow_tmpl t)
{
	struct tmpl_def def = layout_def(l, t);

	return def_size(&def);
}

/* As netflow_tmpl_build(), for template @t of layout @l. */
unsigned int netflow_tmpl_layout_build(void *buf,
				       const struct netflow_tmpl_layout *l,
				       enum netflow_tmpl t)
{
	struct tmpl_def def = layout_def(l, t);

	return def_build(buf, &def, l->id[t]);
}

/* As netflow_tmpl_record_size(), for template @t of layout @l. */
unsigned int netflow_tmpl_layout_record_size(const struct netflow_tmpl_layout *l,
					     enum netflow_tmpl t)
{
	struct tmpl_def def = layout_def(l, t);

	return def_record_size(&def);
}

/* As netflow_tmpl_write_record(), for template @t of layout @l. */
void netflow_tmpl_layout_write_record(void *buf,
				      const struct netflow_tmpl_layout *l,
				      enum netflow_tmpl t,
				      const struct netflow_record *rec,
				      u64 boot_epoch_ms)
{
	struct tmpl_def def = layout_def(l, t);

	def_write_record(buf, &def, rec, boot_epoch_ms);
}

/* --- messages ------------------------------------------------------------ */

static const unsigned int header_len[NETFLOW_TMPL_PROTOS] = {
	[NETFLOW_TMPL_V9] = sizeof(struct netflow_v9_header),
	[NETFLOW_TMPL_IPFIX] = sizeof(struct netflow_ipfix_header),
};

/**
 * netflow_tmpl_msg_init() - start an empty message (for v9.c and ipfix.c)
 * @msg: the builder state
 * @proto: v9 or IPFIX
 * @buf: where the message goes; nothing is written until records are
 *	added, nothing ever beyond @cap
 * @cap: octets available at @buf: the largest message to build. Rounded
 *	down to a multiple of 4 (sets are padded to 4, so every message
 *	length is one) and to the IPFIX length limit.
 * @boot_epoch_ms: see netflow_tmpl_write_record(); unused by v9
 */
void netflow_tmpl_msg_init(struct netflow_msg *msg,
			   enum netflow_tmpl_proto proto, void *buf,
			   unsigned int cap, u64 boot_epoch_ms)
{
	cap = min_t(unsigned int, cap, NETFLOW_IPFIX_MAX_LEN);
	msg->buf = buf;
	msg->cap = round_down(cap, NETFLOW_SET_ALIGN);
	msg->len = header_len[proto];
	msg->set = 0;
	msg->set_id = 0;
	msg->records = 0;
	msg->data_records = 0;
	msg->proto = proto;
	msg->boot_epoch_ms = boot_epoch_ms;
	msg->layout = NULL;
}

/* Pads the open set with zeroes and writes its header. */
static void close_set(struct netflow_msg *msg)
{
	struct netflow_set_header *h;
	unsigned int end = round_up(msg->len, NETFLOW_SET_ALIGN);

	if (!msg->set)
		return;
	memset(msg->buf + msg->len, 0, end - msg->len);
	msg->len = end;
	h = (struct netflow_set_header *)(msg->buf + msg->set);
	h->id = cpu_to_be16(msg->set_id);
	h->length = cpu_to_be16(msg->len - msg->set);
	msg->set = 0;
}

/*
 * Reserves @len octets for a record in set @set_id, continuing the open
 * set if it has that id. @then octets (a multiple of 4) must fit after the
 * padded record too. Every set ends padded, so the test is on padded
 * lengths, and a message that fits @cap here still fits once closed.
 */
static int reserve(struct netflow_msg *msg, u16 set_id, unsigned int len,
		   unsigned int then, bool data, void **rec)
{
	bool same = msg->set && msg->set_id == set_id;
	unsigned int start = msg->len;

	if (!len)
		return -EINVAL;
	if (!same)
		start = round_up(msg->len, NETFLOW_SET_ALIGN) +
			sizeof(struct netflow_set_header);
	if (len > msg->cap || then > msg->cap ||
	    round_up(start + len, NETFLOW_SET_ALIGN) + then > msg->cap)
		return msg->records ? -ENOSPC : -EMSGSIZE;

	if (!same) {
		close_set(msg);
		msg->set = msg->len;
		msg->set_id = set_id;
	}
	*rec = msg->buf + start;
	msg->len = start + len;
	msg->records++;
	if (data)
		msg->data_records++;
	return 0;
}

/**
 * netflow_tmpl_reserve() - room for one record of any kind
 * @msg: the message
 * @set_id: the set it belongs in: a template or options template set id
 *	(netflow_tmpl_set_id()), or a data set's template id
 * @len: octets of the record
 * @data: true for a data record (options data included), which counts
 *	in @msg->data_records
 * @rec: set to where the caller writes all @len octets
 *
 * For records the builder does not write itself (options templates and
 * options data). The record joins the open set if that has @set_id; if
 * not, the open set is closed (padded) and a new one opened.
 *
 * Return: 0; -ENOSPC if the record does not fit (the message is left as
 * it was: finish and send it, then add the record to a fresh one);
 * -EMSGSIZE if it would not fit even in an empty message; -EINVAL for
 * an empty record.
 */
int netflow_tmpl_reserve(struct netflow_msg *msg, u16 set_id,
			 unsigned int len, bool data, void **rec)
{
	return reserve(msg, set_id, len, 0, data, rec);
}

/**
 * netflow_tmpl_reserve_ahead() - room for one record, and for more after it
 * @msg: the message
 * @set_id: as for netflow_tmpl_reserve()
 * @len: as for netflow_tmpl_reserve()
 * @then: octets (a multiple of 4) that must still fit after the record
 *	and its set's padding, e.g. a set header and the first record an
 *	options template is sent for
 * @data: as for netflow_tmpl_reserve()
 * @rec: as for netflow_tmpl_reserve()
 *
 * Return: as netflow_tmpl_reserve().
 */
int netflow_tmpl_reserve_ahead(struct netflow_msg *msg, u16 set_id,
			       unsigned int len, unsigned int then, bool data,
			       void **rec)
{
	return reserve(msg, set_id, len, round_up(then, NETFLOW_SET_ALIGN),
		       data, rec);
}

/**
 * netflow_tmpl_end_set() - close the open set, if any
 * @msg: the message
 *
 * The next record opens a set of its own even if it has the same set id:
 * for collectors that read one options template per set.
 */
void netflow_tmpl_end_set(struct netflow_msg *msg)
{
	close_set(msg);
}

/**
 * netflow_tmpl_add_template() - add a template record
 * @msg: the message
 * @t: which template
 *
 * It joins an open template set, or opens one. There must also be room
 * left for one data record of @t in a set of its own, so a template never
 * fills a message without the data it is sent for: when this succeeds,
 * adding a record of template @t next cannot fail.
 *
 * Return: 0, -ENOSPC or -EMSGSIZE as for netflow_tmpl_reserve().
 */
int netflow_tmpl_add_template(struct netflow_msg *msg, enum netflow_tmpl t)
{
	const struct netflow_tmpl_layout *l = msg->layout;
	unsigned int then = sizeof(struct netflow_set_header) +
			    (l ? netflow_tmpl_layout_record_size(l, t) :
				 netflow_tmpl_record_size(msg->proto, t));
	void *p;
	int err;

	err = reserve(msg, netflow_tmpl_set_id(msg->proto, false),
		      l ? netflow_tmpl_layout_size(l, t) :
			  netflow_tmpl_size(msg->proto, t),
		      round_up(then, NETFLOW_SET_ALIGN), false, &p);
	if (err)
		return err;
	if (l)
		netflow_tmpl_layout_build(p, l, t);
	else
		netflow_tmpl_build(p, msg->proto, t);
	return 0;
}

/**
 * netflow_tmpl_add_record() - add a data record for one flow
 * @msg: the message
 * @rec: the flow
 *
 * The record goes into the open data set of its template, or a new one.
 * The caller makes sure the template went out first (this message or an
 * earlier one; see netflow_tmpl_refresh_due()).
 *
 * Return: 0; -EAFNOSUPPORT for a flow no template describes; -ENOSPC or
 * -EMSGSIZE as for netflow_tmpl_reserve().
 */
int netflow_tmpl_add_record(struct netflow_msg *msg,
			    const struct netflow_record *rec)
{
	const struct netflow_tmpl_layout *l = msg->layout;
	int t = netflow_tmpl_of(rec);
	void *p;
	int err;

	if (t < 0)
		return t;
	if (l) {
		err = reserve(msg, l->id[t], netflow_tmpl_layout_record_size(l, t),
			      0, true, &p);
		if (!err)
			netflow_tmpl_layout_write_record(p, l, t, rec,
							 msg->boot_epoch_ms);
		return err;
	}
	err = reserve(msg, netflow_tmpl_id(t),
		      netflow_tmpl_record_size(msg->proto, t), 0, true, &p);
	if (!err)
		netflow_tmpl_write_record(p, msg->proto, t, rec,
					  msg->boot_epoch_ms);
	return err;
}

/*
 * Closes the open set (for v9.c and ipfix.c, before they write the
 * header). Return: the message length.
 */
unsigned int netflow_tmpl_msg_close(struct netflow_msg *msg)
{
	close_set(msg);
	return msg->len;
}

/* --- refresh ------------------------------------------------------------- */

enum { MS_PER_MINUTE = 60 * 1000 };

/**
 * netflow_tmpl_refresh_due() - must a template go out (again) now?
 * @r: the template's state in this export session
 * @packet: number of the export packet being built: the v9 sequence
 *	number, for IPFIX a count of messages the caller keeps likewise
 * @now_ms: the caller's clock, the one it passes to
 *	netflow_tmpl_refresh_sent()
 * @refresh_rate: resend after this many export packets (0: never)
 * @timeout_rate: resend after this many minutes (0: never)
 *
 * Templates go out before their first use in a session, then again every
 * @refresh_rate packets and every @timeout_rate minutes, whichever comes
 * first (RFC 3954 §9 wants both, RFC 7011 §8.4 periodic resends over UDP).
 * Decide just before adding a data record, so unused templates are not
 * refreshed. Wrap-safe in @packet.
 */
bool netflow_tmpl_refresh_due(const struct netflow_tmpl_refresh *r,
			      u32 packet, u64 now_ms,
			      unsigned int refresh_rate,
			      unsigned int timeout_rate)
{
	if (!r->sent)
		return true;
	if (refresh_rate && packet - r->sent_packet >= refresh_rate)
		return true;
	/* a clock that went backwards also resends */
	return timeout_rate &&
	       now_ms - r->sent_ms >= (u64)timeout_rate * MS_PER_MINUTE;
}

/* Records that the template went out in export packet @packet. */
void netflow_tmpl_refresh_sent(struct netflow_tmpl_refresh *r, u32 packet,
			       u64 now_ms)
{
	r->sent = true;
	r->sent_packet = packet;
	r->sent_ms = now_ms;
}
