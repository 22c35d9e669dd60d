// SPDX-License-Identifier: GPL-2.0
/*
 * NetFlow v9 and IPFIX options templates and options data records.
 *
 * An options template is a list of elements whose first @scope ones are
 * scope fields. v9 (RFC 3954 §6.1) writes the scope fields' and the
 * option fields' lengths in octets and names a scope by its type (1
 * System, 2 Interface); IPFIX (RFC 7011 §3.4.2.2) writes a field count
 * and a scope field count, and scope fields are ordinary elements. Each
 * options template goes in a set of its own, padded; data records go in
 * data sets like flows, and count as data records. Pure: no allocation,
 * locking, clock or logging.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <asm/byteorder.h>

#include "ie.h"
#include "options.h"

static const struct netflow_ie_info opt_ie_info[NETFLOW_OIE_COUNT] = {
	NETFLOW_OPT_IE_INFO
};

/*
 * RFC 7011 §4.1 (metering process statistics) and §4.2 (its reliability)
 * in one record, read at one moment, with what was observed besides: the
 * scope, the exported totals, the observed flows, packets and octets, the
 * ignored packets and octets, and the interval all of them cover. v9
 * scopes it to the System, IPFIX to the observation domain.
 */
static const u8 v9_metering[] = {
	NETFLOW_OIE_V9_SYSTEM,
	NETFLOW_OIE_EXPORTED_MESSAGES, NETFLOW_OIE_EXPORTED_FLOWS,
	NETFLOW_OIE_EXPORTED_OCTETS, NETFLOW_OIE_OBSERVED_FLOWS,
	NETFLOW_OIE_PACKET_TOTAL, NETFLOW_OIE_OCTET_TOTAL,
	NETFLOW_OIE_IGNORED_PACKETS, NETFLOW_OIE_IGNORED_OCTETS,
	NETFLOW_OIE_START_MS, NETFLOW_OIE_END_MS,
};

static const u8 ipfix_metering[] = {
	NETFLOW_OIE_DOMAIN_ID,
	NETFLOW_OIE_EXPORTED_MESSAGES, NETFLOW_OIE_EXPORTED_FLOWS,
	NETFLOW_OIE_EXPORTED_OCTETS, NETFLOW_OIE_OBSERVED_FLOWS,
	NETFLOW_OIE_PACKET_TOTAL, NETFLOW_OIE_OCTET_TOTAL,
	NETFLOW_OIE_IGNORED_PACKETS, NETFLOW_OIE_IGNORED_OCTETS,
	NETFLOW_OIE_START_MS, NETFLOW_OIE_END_MS,
};

/* RFC 7011 §4.3: what the exporting process could not send. */
static const u8 v9_exporting[] = {
	NETFLOW_OIE_V9_SYSTEM,
	NETFLOW_OIE_NOT_SENT_FLOWS, NETFLOW_OIE_NOT_SENT_PACKETS,
	NETFLOW_OIE_NOT_SENT_OCTETS, NETFLOW_OIE_START_MS, NETFLOW_OIE_END_MS,
};

static const u8 ipfix_exporting[] = {
	NETFLOW_OIE_EXPORTING_PROCESS_ID,
	NETFLOW_OIE_NOT_SENT_FLOWS, NETFLOW_OIE_NOT_SENT_PACKETS,
	NETFLOW_OIE_NOT_SENT_OCTETS, NETFLOW_OIE_START_MS, NETFLOW_OIE_END_MS,
};

/* The interface table: one record per interface, keyed by its index. */
static const u8 v9_interfaces[] = {
	NETFLOW_OIE_V9_SYSTEM, NETFLOW_OIE_V9_INTERFACE,
	NETFLOW_OIE_IF_NAME, NETFLOW_OIE_IF_DESC,
};

static const u8 ipfix_interfaces[] = {
	NETFLOW_OIE_DOMAIN_ID, NETFLOW_OIE_INGRESS_IF,
	NETFLOW_OIE_IF_NAME, NETFLOW_OIE_IF_DESC,
};

/*
 * The sampler (sampler=, docs/config.md), one record while sampling is
 * on. v9 names it by samplerId (= the mode, 1..3, as data records carry
 * it) with Cisco's samplerMode and samplerRandomInterval, and repeats it
 * as RFC 3954's samplingAlgorithm and samplingInterval, which collectors
 * that predate sampler ids read instead. The same layout serves both v9
 * ids. IPFIX uses RFC 7014's flow selectors, scoped by selectorId: a
 * systematic count-based selector keeps 1 flow then skips N - 1; a
 * random one keeps 1 flow out of N. hash:N is announced as random, as the
 * original did: to a collector it is a random 1-in-N choice of flows.
 */
static const u8 v9_sampler[] = {
	NETFLOW_OIE_V9_SYSTEM,
	NETFLOW_OIE_SAMPLER_ID, NETFLOW_OIE_SAMPLER_MODE,
	NETFLOW_OIE_SAMPLER_RANDOM_INTERVAL,
	NETFLOW_OIE_SAMPLING_INTERVAL, NETFLOW_OIE_SAMPLING_ALGORITHM,
};

static const u8 ipfix_sampler_systematic[] = {
	NETFLOW_OIE_SELECTOR_ID, NETFLOW_OIE_FLOW_SELECTOR_ALGORITHM,
	NETFLOW_OIE_SAMPLING_FLOW_INTERVAL, NETFLOW_OIE_SAMPLING_FLOW_SPACING,
};

static const u8 ipfix_sampler_random[] = {
	NETFLOW_OIE_SELECTOR_ID, NETFLOW_OIE_FLOW_SELECTOR_ALGORITHM,
	NETFLOW_OIE_SAMPLING_SIZE, NETFLOW_OIE_SAMPLING_POPULATION,
};

struct opt_layout {
	const u8 *ies;
	u8 count;
};

struct opt_def {
	u16 id;				/* template id */
	u8 scope;			/* leading scope fields */
	struct opt_layout layout[NETFLOW_TMPL_PROTOS];
};

/*
 * Every options template: how many of its leading fields are scope, and
 * its fields in each protocol. Adding one is an entry here (options.h).
 */
static const struct opt_def opt_defs[NETFLOW_OPT_COUNT] = {
	[NETFLOW_OPT_METERING] = {
		.id = NETFLOW_OPT_ID_METERING,
		.scope = 1,
		.layout = {
			[NETFLOW_TMPL_V9] = { v9_metering, ARRAY_SIZE(v9_metering) },
			[NETFLOW_TMPL_IPFIX] = { ipfix_metering,
						 ARRAY_SIZE(ipfix_metering) },
		},
	},
	[NETFLOW_OPT_EXPORTING] = {
		.id = NETFLOW_OPT_ID_EXPORTING,
		.scope = 1,
		.layout = {
			[NETFLOW_TMPL_V9] = { v9_exporting, ARRAY_SIZE(v9_exporting) },
			[NETFLOW_TMPL_IPFIX] = { ipfix_exporting,
						 ARRAY_SIZE(ipfix_exporting) },
		},
	},
	[NETFLOW_OPT_INTERFACES] = {
		.id = NETFLOW_OPT_ID_INTERFACES,
		.scope = 2,
		.layout = {
			[NETFLOW_TMPL_V9] = { v9_interfaces, ARRAY_SIZE(v9_interfaces) },
			[NETFLOW_TMPL_IPFIX] = { ipfix_interfaces,
						 ARRAY_SIZE(ipfix_interfaces) },
		},
	},
	[NETFLOW_OPT_SAMPLER_SYSTEMATIC] = {
		.id = NETFLOW_OPT_ID_SAMPLER_SYSTEMATIC,
		.scope = 1,
		.layout = {
			[NETFLOW_TMPL_V9] = { v9_sampler, ARRAY_SIZE(v9_sampler) },
			[NETFLOW_TMPL_IPFIX] = { ipfix_sampler_systematic,
						 ARRAY_SIZE(ipfix_sampler_systematic) },
		},
	},
	[NETFLOW_OPT_SAMPLER_RANDOM] = {
		.id = NETFLOW_OPT_ID_SAMPLER_RANDOM,
		.scope = 1,
		.layout = {
			[NETFLOW_TMPL_V9] = { v9_sampler, ARRAY_SIZE(v9_sampler) },
			[NETFLOW_TMPL_IPFIX] = { ipfix_sampler_random,
						 ARRAY_SIZE(ipfix_sampler_random) },
		},
	},
};

/* The template id of @o. */
u16 netflow_opt_id(enum netflow_opt o)
{
	return opt_defs[o].id;
}

/**
 * netflow_opt_sampler() - the options template that describes a sampler
 * @s: the sampler; must not be off
 *
 * Return: NETFLOW_OPT_SAMPLER_SYSTEMATIC or NETFLOW_OPT_SAMPLER_RANDOM.
 */
enum netflow_opt netflow_opt_sampler(const struct netflow_sampler *s)
{
	return s->mode == NETFLOW_SAMPLER_DETERMINISTIC ?
	       NETFLOW_OPT_SAMPLER_SYSTEMATIC : NETFLOW_OPT_SAMPLER_RANDOM;
}

/* Octets of an options template record: first pass of the builder. */
unsigned int netflow_opt_tmpl_size(enum netflow_tmpl_proto proto,
				   enum netflow_opt o)
{
	/* v9: id, scope length, option length; IPFIX: id, count, scope count */
	return 6 + opt_defs[o].layout[proto].count *
		   sizeof(struct netflow_field_spec);
}

/**
 * netflow_opt_tmpl_build() - write an options template record
 * @buf: netflow_opt_tmpl_size() octets, all of which are written
 * @proto: v9 or IPFIX
 * @o: which options template
 *
 * Return: the octets written.
 */
unsigned int netflow_opt_tmpl_build(void *buf, enum netflow_tmpl_proto proto,
				    enum netflow_opt o)
{
	const struct opt_def *def = &opt_defs[o];
	const struct opt_layout *l = &def->layout[proto];
	__be16 *h = buf;
	struct netflow_field_spec *f = buf + 6;
	unsigned int i;

	h[0] = cpu_to_be16(def->id);
	if (proto == NETFLOW_TMPL_V9) {
		h[1] = cpu_to_be16(def->scope * sizeof(*f));
		h[2] = cpu_to_be16((l->count - def->scope) * sizeof(*f));
	} else {
		h[1] = cpu_to_be16(l->count);
		h[2] = cpu_to_be16(def->scope);
	}
	for (i = 0; i < l->count; i++) {
		f[i].id = cpu_to_be16(opt_ie_info[l->ies[i]].id);
		f[i].length = cpu_to_be16(opt_ie_info[l->ies[i]].len);
	}
	return netflow_opt_tmpl_size(proto, o);
}

/* Octets of one options data record of @o. */
unsigned int netflow_opt_record_size(enum netflow_tmpl_proto proto,
				     enum netflow_opt o)
{
	const struct opt_layout *l = &opt_defs[o].layout[proto];
	unsigned int i, len = 0;

	for (i = 0; i < l->count; i++)
		len += opt_ie_info[l->ies[i]].len;
	return len;
}

static void put_uint(u8 *p, unsigned int len, u64 value)
{
	while (len--) {
		p[len] = (u8)value;
		value >>= 8;
	}
}

/*
 * A string in exactly @len octets, zero-padded. One that does not fit is
 * cut at a UTF-8 character boundary, so what remains is still UTF-8.
 */
static void put_string(u8 *p, unsigned int len, const char *s)
{
	size_t n = s ? strnlen(s, len + 1) : 0;

	if (n > len) {
		n = len;
		while (n && ((u8)s[n] & 0xc0) == 0x80)
			n--;
	}
	if (n)
		memcpy(p, s, n);
	memset(p + n, 0, len - n);
}

static void put_ie(u8 *p, enum netflow_opt_ie ie, unsigned int len,
		   const struct netflow_opt_values *v)
{
	switch (ie) {
	case NETFLOW_OIE_V9_SYSTEM:
	case NETFLOW_OIE_DOMAIN_ID:
	case NETFLOW_OIE_EXPORTING_PROCESS_ID:
		put_uint(p, len, v->domain_id);
		break;
	case NETFLOW_OIE_V9_INTERFACE:
	case NETFLOW_OIE_INGRESS_IF:
		put_uint(p, len, v->ifindex);
		break;
	case NETFLOW_OIE_EXPORTED_OCTETS:
		put_uint(p, len, v->exported_octets);
		break;
	case NETFLOW_OIE_EXPORTED_MESSAGES:
		put_uint(p, len, v->exported_messages);
		break;
	case NETFLOW_OIE_EXPORTED_FLOWS:
		put_uint(p, len, v->exported_flows);
		break;
	case NETFLOW_OIE_OBSERVED_FLOWS:
		put_uint(p, len, v->observed_flows);
		break;
	case NETFLOW_OIE_PACKET_TOTAL:
		put_uint(p, len, v->observed_packets);
		break;
	case NETFLOW_OIE_OCTET_TOTAL:
		put_uint(p, len, v->observed_octets);
		break;
	case NETFLOW_OIE_IGNORED_PACKETS:
		put_uint(p, len, v->ignored_packets);
		break;
	case NETFLOW_OIE_IGNORED_OCTETS:
		put_uint(p, len, v->ignored_octets);
		break;
	case NETFLOW_OIE_NOT_SENT_FLOWS:
		put_uint(p, len, v->not_sent_flows);
		break;
	case NETFLOW_OIE_NOT_SENT_PACKETS:
		put_uint(p, len, v->not_sent_packets);
		break;
	case NETFLOW_OIE_NOT_SENT_OCTETS:
		put_uint(p, len, v->not_sent_octets);
		break;
	case NETFLOW_OIE_START_MS:
		put_uint(p, len, v->start_ms);
		break;
	case NETFLOW_OIE_END_MS:
		put_uint(p, len, v->end_ms);
		break;
	case NETFLOW_OIE_IF_NAME:
		put_string(p, len, v->if_name);
		break;
	case NETFLOW_OIE_IF_DESC:
		put_string(p, len, v->if_desc);
		break;
	case NETFLOW_OIE_SAMPLER_ID:
	case NETFLOW_OIE_SELECTOR_ID:
		put_uint(p, len, v->sampler.mode);
		break;
	case NETFLOW_OIE_SAMPLER_MODE:
	case NETFLOW_OIE_SAMPLING_ALGORITHM:
		put_uint(p, len, netflow_sampler_v9_mode(&v->sampler));
		break;
	case NETFLOW_OIE_SAMPLER_RANDOM_INTERVAL:
	case NETFLOW_OIE_SAMPLING_INTERVAL:
	case NETFLOW_OIE_SAMPLING_POPULATION:
		put_uint(p, len, v->sampler.interval);
		break;
	case NETFLOW_OIE_FLOW_SELECTOR_ALGORITHM:
		put_uint(p, len, netflow_sampler_ipfix_algorithm(&v->sampler));
		break;
	case NETFLOW_OIE_SAMPLING_FLOW_INTERVAL:
	case NETFLOW_OIE_SAMPLING_SIZE:
		put_uint(p, len, 1);
		break;
	case NETFLOW_OIE_SAMPLING_FLOW_SPACING:
		/* flows skipped after each one kept */
		put_uint(p, len, v->sampler.interval ? v->sampler.interval - 1 : 0);
		break;
	default:
		memset(p, 0, len);
		break;
	}
}

/**
 * netflow_opt_write_record() - write one options data record
 * @buf: netflow_opt_record_size() octets, all of which are written
 * @proto: v9 or IPFIX
 * @o: the options template
 * @v: the values; @o takes those it lists
 */
void netflow_opt_write_record(void *buf, enum netflow_tmpl_proto proto,
			      enum netflow_opt o,
			      const struct netflow_opt_values *v)
{
	const struct opt_layout *l = &opt_defs[o].layout[proto];
	u8 *p = buf;
	unsigned int i;

	for (i = 0; i < l->count; i++) {
		unsigned int len = opt_ie_info[l->ies[i]].len;

		put_ie(p, l->ies[i], len, v);
		p += len;
	}
}

/**
 * netflow_opt_add_template() - add an options template record
 * @msg: the message
 * @o: which options template
 *
 * It goes in an options template set of its own (nfdump reads one
 * options template per set), and only if a data record of @o still fits
 * after it in a set of its own: when this succeeds, adding a record of @o
 * next cannot fail.
 *
 * Return: 0, -ENOSPC or -EMSGSIZE as for netflow_tmpl_reserve().
 */
int netflow_opt_add_template(struct netflow_msg *msg, enum netflow_opt o)
{
	unsigned int then = sizeof(struct netflow_set_header) +
			    netflow_opt_record_size(msg->proto, o);
	void *p;
	int err;

	err = netflow_tmpl_reserve_ahead(msg, netflow_tmpl_set_id(msg->proto, true),
					 netflow_opt_tmpl_size(msg->proto, o),
					 then, false, &p);
	if (err)
		return err;
	netflow_opt_tmpl_build(p, msg->proto, o);
	netflow_tmpl_end_set(msg);
	return 0;
}

/**
 * netflow_opt_add_record() - add an options data record
 * @msg: the message
 * @o: its options template, sent earlier in this message or session
 * @v: the values
 *
 * It joins the open data set of @o, or opens one; it counts as a data
 * record (RFC 7011 §3.1: the IPFIX sequence number counts it).
 *
 * Return: 0, -ENOSPC or -EMSGSIZE as for netflow_tmpl_reserve().
 */
int netflow_opt_add_record(struct netflow_msg *msg, enum netflow_opt o,
			   const struct netflow_opt_values *v)
{
	void *p;
	int err;

	err = netflow_tmpl_reserve(msg, netflow_opt_id(o),
				   netflow_opt_record_size(msg->proto, o),
				   true, &p);
	if (!err)
		netflow_opt_write_record(p, msg->proto, o, v);
	return err;
}
