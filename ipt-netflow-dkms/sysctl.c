// SPDX-License-Identifier: GPL-2.0
/*
 * net.netflow.* of each namespace, with the original module's names. A
 * write is parsed and checked in full before anything changes: a bad
 * value returns -EINVAL and the old setting stays in force.
 */
#include <linux/kmod.h>
#include <linux/slab.h>
#include <linux/sysctl.h>
#include <net/net_namespace.h>

#include "netns.h"
#include "promisc.h"
#include "sysctl.h"

/* One unsigned setting: where it lives, its range, what a change does. */
struct uint_knob {
	size_t offset;			/* in struct netflow_config */
	unsigned int min;
	unsigned int max;
	/* called with the mutex held, before the value is stored */
	int (*apply)(struct netflow_net *nn, unsigned int value);
	bool action;			/* reads 0, stores nothing: a command */
};

static unsigned int *knob_field(struct netflow_net *nn, const struct uint_knob *k)
{
	return (unsigned int *)((char *)&nn->cfg + k->offset);
}

static int apply_protocol(struct netflow_net *nn, unsigned int value)
{
	struct netflow_instance *inst = netflow_net_instance(nn);

	if (!netflow_protocol_valid(value))
		return -EINVAL;
	if (inst && value != nn->cfg.protocol) {
		/*
		 * Flows metered so far leave in the protocol they began in;
		 * the new protocol gets new sockets, so collectors see a new
		 * session (source port, templates, sequence numbers) rather
		 * than one stream changing version under them.
		 */
		netflow_export_pause(&inst->exporter);
		netflow_export_flush(&inst->exporter);
		WRITE_ONCE(nn->cfg.protocol, value);
		netflow_export_reopen_sockets(&inst->exporter);
		netflow_export_resume(&inst->exporter);
	}
	return 0;
}

static int apply_hashsize(struct netflow_net *nn, unsigned int value)
{
	struct netflow_instance *inst = netflow_net_instance(nn);

	if (value < NETFLOW_HASHSIZE_MIN)
		return -EINVAL;
	return inst ? netflow_cache_resize(&inst->cache, value) : 0;
}

static int apply_sndbuf(struct netflow_net *nn, unsigned int value)
{
	struct netflow_instance *inst = netflow_net_instance(nn);

	if (inst) {
		netflow_export_pause(&inst->exporter);
		WRITE_ONCE(nn->cfg.sndbuf, value);
		netflow_export_reopen_sockets(&inst->exporter);
		netflow_export_resume(&inst->exporter);
	}
	return 0;
}

/* Writing N > 0 exports every flow now. */
static int apply_flush(struct netflow_net *nn, unsigned int value)
{
	struct netflow_instance *inst = netflow_net_instance(nn);

	if (inst && value) {
		netflow_export_pause(&inst->exporter);
		netflow_export_flush(&inst->exporter);
		netflow_export_resume(&inst->exporter);
	}
	return 0;
}

/* Starts or stops the capture; stores the value itself, in the right order. */
static int apply_promisc(struct netflow_net *nn, unsigned int value)
{
	netflow_promisc_set(nn, value);
	return 0;
}

/*
 * With fields=mpls the depth is the number of labels in the flow key and
 * the template: as a fields= change, the flows so far leave first.
 */
static int apply_promisc_mpls(struct netflow_net *nn, unsigned int value)
{
	struct netflow_instance *inst = netflow_net_instance(nn);

	if (inst && value != nn->cfg.promisc_mpls &&
	    (nn->cfg.fields & BIT(NETFLOW_FIELD_MPLS))) {
		netflow_export_pause(&inst->exporter);
		netflow_export_flush(&inst->exporter);
		WRITE_ONCE(nn->cfg.promisc_mpls, value);
		netflow_export_resume(&inst->exporter);
	}
	return 0;
}

/*
 * natevents on: the namespace's instance starts even without a NETFLOW
 * rule, and its export worker opens the ctnetlink listener (off: closes
 * it). ctnetlink is loaded here, in plain process context.
 */
static int apply_natevents(struct netflow_net *nn, unsigned int value)
{
	if (!value)
		return 0;
	request_module("nf_conntrack_netlink");
	return netflow_net_activate_locked(nn);
}

#define KNOB(field, lo, hi, fn) { offsetof(struct netflow_config, field), lo, hi, fn }

static const struct uint_knob protocol_knob = KNOB(protocol, 5, 10, apply_protocol);
static const struct uint_knob active_knob = KNOB(active_timeout, 1, NETFLOW_TIMEOUT_MAX, NULL);
static const struct uint_knob inactive_knob = KNOB(inactive_timeout, 1, NETFLOW_TIMEOUT_MAX, NULL);
static const struct uint_knob maxflows_knob = KNOB(maxflows, 0, INT_MAX, NULL);
static const struct uint_knob hashsize_knob =
	KNOB(hashsize, 0, NETFLOW_HASHSIZE_MAX, apply_hashsize);
static const struct uint_knob sndbuf_knob = KNOB(sndbuf, 0, INT_MAX / 2, apply_sndbuf);
static const struct uint_knob engine_knob = KNOB(engine_id, 0, U32_MAX, NULL);
static const struct uint_knob refresh_knob = KNOB(refresh_rate, 1, U16_MAX, NULL);
static const struct uint_knob timeout_rate_knob = KNOB(timeout_rate, 1, 24 * 60, NULL);
static const struct uint_knob scan_min_knob = KNOB(scan_min, 1, 100, NULL);
static const struct uint_knob debug_knob = KNOB(debug, 0, 3, NULL);
static const struct uint_knob promisc_knob = KNOB(promisc, 0, 1, apply_promisc);
static const struct uint_knob promisc_mpls_knob =
	KNOB(promisc_mpls, 0, NETFLOW_PROMISC_MPLS_MAX, apply_promisc_mpls);
static const struct uint_knob natevents_knob =
	KNOB(natevents, 0, NETFLOW_NATEVENTS_MAX, apply_natevents);
static const struct uint_knob natevents_historic_knob = KNOB(natevents_historic, 0, 1, NULL);
static const struct uint_knob flush_knob = {
	.max = INT_MAX, .apply = apply_flush, .action = true,
};

static int uint_handler(struct ctl_table *table, int write, void *buffer,
			size_t *lenp, loff_t *ppos)
{
	struct netflow_net *nn = table->extra1;
	const struct uint_knob *k = table->extra2;
	unsigned int min = k->min, max = k->max;
	unsigned int value = k->action ? 0 : READ_ONCE(*knob_field(nn, k));
	struct ctl_table tmp = {
		.data = &value,
		.maxlen = sizeof(value),
		.extra1 = &min,
		.extra2 = &max,
	};
	int err;

	err = proc_douintvec_minmax(&tmp, write, buffer, lenp, ppos);
	if (err || !write)
		return err;
	mutex_lock(&nn->mutex);
	err = k->apply ? k->apply(nn, value) : 0;
	if (!err && !k->action)
		WRITE_ONCE(*knob_field(nn, k), value);
	mutex_unlock(&nn->mutex);
	return err;
}

static int destination_handler(struct ctl_table *table, int write,
			       void *buffer, size_t *lenp, loff_t *ppos)
{
	struct netflow_net *nn = table->extra1;
	struct netflow_instance *inst;
	struct netflow_dest *dests;
	/* one more than accepted: an overlong write is refused, not cut to fit */
	struct ctl_table tmp = { .maxlen = NETFLOW_DEST_STRLEN + 2 };
	unsigned int n;
	char *text;
	int err;

	text = kzalloc(NETFLOW_DEST_STRLEN + 2, GFP_KERNEL);
	dests = kcalloc(NETFLOW_DEST_MAX, sizeof(*dests), GFP_KERNEL);
	err = -ENOMEM;
	if (!text || !dests)
		goto out;
	tmp.data = text;

	mutex_lock(&nn->mutex);
	if (!write) {
		if (netflow_dest_format(text, NETFLOW_DEST_STRLEN + 1, nn->cfg.dests,
					nn->cfg.nr_dests) < 0)
			text[0] = '\0';
		mutex_unlock(&nn->mutex);
		err = proc_dostring(&tmp, 0, buffer, lenp, ppos);
		goto out;
	}
	mutex_unlock(&nn->mutex);

	err = proc_dostring(&tmp, 1, buffer, lenp, ppos);
	if (err)
		goto out;
	err = netflow_dest_parse(text, dests, NETFLOW_DEST_MAX, &n);
	if (err) {
		err = -EINVAL;
		goto out;
	}
	mutex_lock(&nn->mutex);
	inst = netflow_net_instance(nn);
	if (inst)
		netflow_export_pause(&inst->exporter);
	memcpy(nn->cfg.dests, dests, n * sizeof(*dests));
	nn->cfg.nr_dests = n;
	if (inst) {
		netflow_export_reopen_sockets(&inst->exporter);
		netflow_export_resume(&inst->exporter);
	}
	mutex_unlock(&nn->mutex);
out:
	kfree(dests);
	kfree(text);
	return err;
}

/*
 * A string setting: the longest value accepted, how to show it and how to
 * store it. proc_dostring() silently cuts a write at the buffer's end, so
 * the buffer holds one character more than is accepted: an overlong value
 * reaches the parser too long and is refused rather than cut to fit.
 */
struct string_knob {
	unsigned int len;
	/* called with the mutex held; the canonical form, or < 0 */
	int (*show)(struct netflow_net *nn, char *buf, size_t size);
	/* parses @text and, if it is good, puts it in force; 0 or -errno */
	int (*store)(struct netflow_net *nn, const char *text);
};

static int show_sampler(struct netflow_net *nn, char *buf, size_t size)
{
	struct netflow_sampler s = READ_ONCE(nn->cfg.sampler);

	return netflow_sampler_format(buf, size, &s);
}

/*
 * As the original: flows metered under the old sampler are exported now,
 * under it, so a collector never scales them by the new rate.
 */
static int store_sampler(struct netflow_net *nn, const char *text)
{
	struct netflow_instance *inst;
	struct netflow_sampler s, old;

	if (netflow_sampler_parse(text, &s))
		return -EINVAL;
	mutex_lock(&nn->mutex);
	old = nn->cfg.sampler;
	inst = netflow_net_instance(nn);
	if (old.mode != s.mode || old.interval != s.interval) {
		if (inst) {
			netflow_export_pause(&inst->exporter);
			netflow_export_flush(&inst->exporter);
		}
		WRITE_ONCE(nn->cfg.sampler, s);
		if (inst)
			netflow_export_resume(&inst->exporter);
	}
	mutex_unlock(&nn->mutex);
	return 0;
}

static int show_aggr(struct netflow_net *nn, char *buf, size_t size)
{
	const struct netflow_aggr_cfg *a =
		rcu_dereference_protected(nn->cfg.aggr, lockdep_is_held(&nn->mutex));

	if (!a) {
		buf[0] = '\0';
		return 0;
	}
	return netflow_aggr_format(buf, size, &a->rules);
}

static int store_aggr(struct netflow_net *nn, const char *text)
{
	struct netflow_aggr_cfg *a, *old;
	int err;

	err = netflow_config_parse_aggr(text, &a);
	if (err)
		return err == -ENOMEM ? err : -EINVAL;
	mutex_lock(&nn->mutex);
	old = rcu_replace_pointer(nn->cfg.aggr, a, lockdep_is_held(&nn->mutex));
	/* flows already metered keep what they have: masks are not key */
	WRITE_ONCE(nn->cfg.fields,
		   (nn->cfg.fields & ~NETFLOW_EXTRA_MASKS) | netflow_config_masks(a));
	mutex_unlock(&nn->mutex);
	if (old)
		kfree_rcu(old, rcu);
	return 0;
}

static int show_snmp(struct netflow_net *nn, char *buf, size_t size)
{
	const struct netflow_snmp_cfg *r =
		rcu_dereference_protected(nn->cfg.snmp_rules, lockdep_is_held(&nn->mutex));

	if (!r) {
		buf[0] = '\0';
		return 0;
	}
	return netflow_snmp_rules_format(buf, size, &r->rules);
}

static int store_snmp(struct netflow_net *nn, const char *text)
{
	struct netflow_snmp_cfg *r, *old;
	int err;

	err = netflow_config_parse_snmp(text, &r);
	if (err)
		return err == -ENOMEM ? err : -EINVAL;
	mutex_lock(&nn->mutex);
	old = rcu_replace_pointer(nn->cfg.snmp_rules, r, lockdep_is_held(&nn->mutex));
	mutex_unlock(&nn->mutex);
	if (old)
		kfree_rcu(old, rcu);
	return 0;
}

static int show_fields(struct netflow_net *nn, char *buf, size_t size)
{
	return netflow_fields_format(buf, size, nn->cfg.fields);
}

/*
 * As a sampler change: the flows metered so far leave first, as forced
 * ends, in the old layout; then the new selection is in force and its
 * templates get ids of their own (docs/fields.md).
 */
static int store_fields(struct netflow_net *nn, const char *text)
{
	struct netflow_instance *inst;
	u32 selected, old;

	if (netflow_fields_parse(text, &selected))
		return -EINVAL;
	mutex_lock(&nn->mutex);
	old = nn->cfg.fields;
	inst = netflow_net_instance(nn);
	if ((old & NETFLOW_FIELDS_ALL) != selected) {
		if (inst) {
			netflow_export_pause(&inst->exporter);
			netflow_export_flush(&inst->exporter);
		}
		WRITE_ONCE(nn->cfg.fields, (old & ~NETFLOW_FIELDS_ALL) | selected);
		if (inst)
			netflow_export_resume(&inst->exporter);
	}
	mutex_unlock(&nn->mutex);
	return 0;
}

static const struct string_knob fields_knob = {
	NETFLOW_FIELDS_STRLEN, show_fields, store_fields,
};

static const struct string_knob sampler_knob = {
	NETFLOW_SAMPLER_STRLEN, show_sampler, store_sampler,
};

static const struct string_knob aggr_knob = {
	NETFLOW_AGGR_STRLEN, show_aggr, store_aggr,
};

static const struct string_knob snmp_knob = {
	NETFLOW_SNMP_RULES_STRLEN, show_snmp, store_snmp,
};

static int string_handler(struct ctl_table *table, int write, void *buffer,
			  size_t *lenp, loff_t *ppos)
{
	struct netflow_net *nn = table->extra1;
	const struct string_knob *k = table->extra2;
	struct ctl_table tmp = { .maxlen = k->len + 2 };
	char *text;
	int err;

	text = kzalloc(k->len + 2, GFP_KERNEL);
	if (!text)
		return -ENOMEM;
	tmp.data = text;
	if (write) {
		loff_t pos = *ppos;

		err = proc_dostring(&tmp, 1, buffer, lenp, ppos);
		/* a write past the start is dropped, as for any string sysctl */
		if (!err && pos == 0)
			err = k->store(nn, text);
	} else {
		mutex_lock(&nn->mutex);
		if (k->show(nn, text, k->len + 1) < 0)
			text[0] = '\0';
		mutex_unlock(&nn->mutex);
		err = proc_dostring(&tmp, 0, buffer, lenp, ppos);
	}
	kfree(text);
	return err;
}

#define STRING_ENTRY(name, knob) \
	{ .procname = name, .mode = 0644, .proc_handler = string_handler, \
	  .extra2 = (void *)&(knob) }

#define UINT_ENTRY(name, knob) \
	{ .procname = name, .mode = 0644, .proc_handler = uint_handler, .extra2 = (void *)&(knob) }

static const struct ctl_table netflow_sysctl_template[] = {
	UINT_ENTRY("protocol", protocol_knob),
	UINT_ENTRY("active_timeout", active_knob),
	UINT_ENTRY("inactive_timeout", inactive_knob),
	UINT_ENTRY("maxflows", maxflows_knob),
	UINT_ENTRY("hashsize", hashsize_knob),
	UINT_ENTRY("sndbuf", sndbuf_knob),
	UINT_ENTRY("engine_id", engine_knob),
	UINT_ENTRY("refresh-rate", refresh_knob),
	UINT_ENTRY("timeout-rate", timeout_rate_knob),
	UINT_ENTRY("scan-min", scan_min_knob),
	UINT_ENTRY("debug", debug_knob),
	UINT_ENTRY("promisc", promisc_knob),
	UINT_ENTRY("promisc-mpls", promisc_mpls_knob),
	UINT_ENTRY("natevents", natevents_knob),
	UINT_ENTRY("natevents-historic", natevents_historic_knob),
	{ .procname = "destination", .mode = 0644, .proc_handler = destination_handler },
	STRING_ENTRY("sampler", sampler_knob),
	STRING_ENTRY("aggregation", aggr_knob),
	STRING_ENTRY("snmp-rules", snmp_knob),
	STRING_ENTRY("fields", fields_knob),
	{ .procname = "flush", .mode = 0200, .proc_handler = uint_handler,
	  .extra2 = (void *)&flush_knob },
	{ }
};

int netflow_sysctl_net_init(struct netflow_net *nn)
{
	struct ctl_table *table;
	unsigned int i;

	table = kmemdup(netflow_sysctl_template, sizeof(netflow_sysctl_template),
			GFP_KERNEL);
	if (!table)
		return -ENOMEM;
	for (i = 0; table[i].procname; i++)
		table[i].extra1 = nn;
	nn->sysctl = register_net_sysctl(nn->net, "net/netflow", table);
	if (!nn->sysctl) {
		kfree(table);
		return -ENOMEM;
	}
	return 0;
}

void netflow_sysctl_net_exit(struct netflow_net *nn)
{
	struct ctl_table *table = nn->sysctl->ctl_table_arg;

	unregister_net_sysctl_table(nn->sysctl);
	kfree(table);
}
