/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Options templates of NetFlow v9 (RFC 3954 §6) and IPFIX (RFC 7011
 * §3.4.2.2, §4) and their data records: statistics about the exporter and
 * its interface table. Pure, like tmpl.c: the caller supplies the message
 * and the values. docs/options.md says what is sent when.
 */
#ifndef _NETFLOW_OPTIONS_H
#define _NETFLOW_OPTIONS_H

#include <linux/types.h>

#include "sampler.h"
#include "tmpl.h"

/*
 * The options templates. Adding one: an entry here, its layout in
 * options.c's opt_defs[], the values it needs in struct
 * netflow_opt_values, and a filler in export.c (docs/options.md).
 */
enum netflow_opt {
	NETFLOW_OPT_METERING,		/* RFC 7011 §4.1 and §4.2 */
	NETFLOW_OPT_EXPORTING,		/* RFC 7011 §4.3 */
	NETFLOW_OPT_INTERFACES,		/* ifindex -> name, description */
	NETFLOW_OPT_SAMPLER_SYSTEMATIC,	/* sampler=deterministic:N */
	NETFLOW_OPT_SAMPLER_RANDOM,	/* sampler=random:N and hash:N */
	NETFLOW_OPT_COUNT
};

/*
 * Template ids on the wire: after the data templates' (tmpl.h), 261 is
 * the NAT event template's. An id never changes its layout.
 */
enum netflow_opt_id {
	NETFLOW_OPT_ID_METERING = NETFLOW_SET_DATA_MIN + NETFLOW_TMPL_COUNT,
	NETFLOW_OPT_ID_EXPORTING,
	NETFLOW_OPT_ID_INTERFACES,
	NETFLOW_OPT_ID_SAMPLER_SYSTEMATIC = NETFLOW_OPT_ID_INTERFACES + 2,
	NETFLOW_OPT_ID_SAMPLER_RANDOM,
};

u16 netflow_opt_id(enum netflow_opt o);
enum netflow_opt netflow_opt_sampler(const struct netflow_sampler *s);

/*
 * Everything an options data record may carry; each template takes the
 * fields it lists. Totals count from the start of the metering process
 * (the module's instance in this namespace); times are epoch ms.
 */
struct netflow_opt_values {
	u32 domain_id;			/* observation domain, source id */
	u32 ifindex;
	u64 exported_octets;
	u64 exported_messages;
	u64 exported_flows;
	u64 observed_flows;
	u64 observed_packets;
	u64 observed_octets;
	u64 ignored_packets;
	u64 ignored_octets;
	u64 not_sent_flows;
	u64 not_sent_packets;
	u64 not_sent_octets;
	u64 start_ms;			/* the interval the totals cover */
	u64 end_ms;
	const char *if_name;		/* NUL-terminated; cut to the field */
	const char *if_desc;
	struct netflow_sampler sampler;	/* the sampler records describe it */
};

unsigned int netflow_opt_tmpl_size(enum netflow_tmpl_proto proto,
				   enum netflow_opt o);
unsigned int netflow_opt_tmpl_build(void *buf, enum netflow_tmpl_proto proto,
				    enum netflow_opt o);
unsigned int netflow_opt_record_size(enum netflow_tmpl_proto proto,
				     enum netflow_opt o);
void netflow_opt_write_record(void *buf, enum netflow_tmpl_proto proto,
			      enum netflow_opt o,
			      const struct netflow_opt_values *v);
int netflow_opt_add_template(struct netflow_msg *msg, enum netflow_opt o);
int netflow_opt_add_record(struct netflow_msg *msg, enum netflow_opt o,
			   const struct netflow_opt_values *v);

#endif /* _NETFLOW_OPTIONS_H */
