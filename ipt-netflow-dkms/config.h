/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _NETFLOW_CONFIG_H
#define _NETFLOW_CONFIG_H

#include <linux/rcupdate.h>

#include "aggr.h"
#include "dest.h"
#include "fields.h"
#include "sampler.h"
#include "snmp_rules.h"

/* A parsed aggregation= or snmp-rules= value, freed after a grace period. */
struct netflow_aggr_cfg {
	struct rcu_head rcu;
	struct netflow_aggr rules;
};

struct netflow_snmp_cfg {
	struct rcu_head rcu;
	struct netflow_snmp_rules rules;
};

/*
 * The settings of one namespace. Written only under the namespace mutex;
 * the scalars (and the 4-byte sampler, as a whole) are read anywhere with
 * READ_ONCE(), the destinations only by the export worker, which is
 * paused while they change. aggr and snmp_rules are RCU-published
 * immutable objects, NULL for no rules: read them with
 * netflow_config_aggr() / netflow_config_snmp_rules().
 */
struct netflow_config {
	struct netflow_dest dests[NETFLOW_DEST_MAX];
	unsigned int nr_dests;
	unsigned int protocol;		/* 5, 9 or 10 (IPFIX) */
	unsigned int active_timeout;	/* seconds */
	unsigned int inactive_timeout;	/* seconds */
	unsigned int maxflows;		/* 0 = unlimited */
	unsigned int hashsize;		/* buckets, 0 = by memory size */
	unsigned int sndbuf;		/* bytes, 0 = kernel default */
	unsigned int engine_id;
	unsigned int refresh_rate;	/* templates every N export packets */
	unsigned int timeout_rate;	/* templates every N minutes */
	unsigned int scan_min;		/* ms between export scans, at least */
	unsigned int debug;
	unsigned int promisc;		/* 0/1: meter frames for other hosts */
	unsigned int promisc_mpls;	/* MPLS labels stripped for that, 0..10 */
	unsigned int natevents;		/* 0 off, 1 with flows, 2 alone */
	unsigned int natevents_historic; /* natEvent 1/2, not 4/5 */
	/*
	 * fields= (BIT(enum netflow_field)) | NETFLOW_EXTRA_MASKS while the
	 * aggregation has netmask rules; 0: flows carry no optional data
	 */
	u32 fields;
	struct netflow_sampler sampler;			/* READ_ONCE() as a whole */
	struct netflow_aggr_cfg __rcu *aggr;		/* NULL = no rules */
	struct netflow_snmp_cfg __rcu *snmp_rules;	/* NULL = no rules */
};

enum {
	NETFLOW_TIMEOUT_MAX = 7 * 24 * 3600,
	NETFLOW_HASHSIZE_MIN = 256,
	NETFLOW_HASHSIZE_MAX = 1 << 26,
	NETFLOW_PROMISC_MPLS_MAX = 10,
	NETFLOW_NATEVENTS_MAX = 2,
};

/**
 * netflow_config_sampler() - the sampler in force, read once
 * @cfg: the namespace's settings
 *
 * Any context. Pass the copy to netflow_sampler_keep_packet() etc., so
 * one decision sees one sampler.
 *
 * Return: a copy of the sampler.
 */
static inline struct netflow_sampler
netflow_config_sampler(const struct netflow_config *cfg)
{
	return READ_ONCE(cfg->sampler);
}

/**
 * netflow_config_aggr() - the aggregation rules in force
 * @cfg: the namespace's settings
 *
 * Call under rcu_read_lock() (netfilter hooks run under it) and use the
 * rules only until rcu_read_unlock().
 *
 * Return: the rules, or NULL when there are none.
 */
static inline const struct netflow_aggr *
netflow_config_aggr(const struct netflow_config *cfg)
{
	const struct netflow_aggr_cfg *a = rcu_dereference(cfg->aggr);

	return a ? &a->rules : NULL;
}

/**
 * netflow_config_snmp_rules() - the SNMP index rules in force
 * @cfg: the namespace's settings
 *
 * Call under rcu_read_lock(), e.g. around the export worker's record
 * encoding; the result may go straight to netflow_snmp_map().
 *
 * Return: the rules, or NULL when there are none.
 */
static inline const struct netflow_snmp_rules *
netflow_config_snmp_rules(const struct netflow_config *cfg)
{
	const struct netflow_snmp_cfg *r = rcu_dereference(cfg->snmp_rules);

	return r ? &r->rules : NULL;
}

bool netflow_protocol_valid(unsigned int protocol);
int netflow_params_check(void);
int netflow_params_to_config(struct netflow_config *cfg);
void netflow_config_release(struct netflow_config *cfg);
int netflow_config_parse_aggr(const char *str, struct netflow_aggr_cfg **out);
int netflow_config_parse_snmp(const char *str, struct netflow_snmp_cfg **out);
int netflow_params_exportcpu(void);
bool netflow_params_promisc(void);
bool netflow_params_natevents(void);

/* The NETFLOW_EXTRA_MASKS bit of cfg->fields that aggregation @a implies. */
static inline u32 netflow_config_masks(const struct netflow_aggr_cfg *a)
{
	return a && (a->rules.nr_net4 || a->rules.nr_net6) ? NETFLOW_EXTRA_MASKS : 0;
}

#endif /* _NETFLOW_CONFIG_H */
