// SPDX-License-Identifier: GPL-2.0
/*
 * net.netflow.* of each namespace, with the original module's names. A
 * write is parsed and checked in full before anything changes: a bad
 * value returns -EINVAL and the old setting stays in force.
 */
#include <linux/slab.h>
#include <linux/sysctl.h>
#include <net/net_namespace.h>

#include "netns.h"
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
	struct ctl_table tmp = { .maxlen = NETFLOW_DEST_STRLEN + 1 };
	unsigned int n;
	char *text;
	int err;

	text = kzalloc(NETFLOW_DEST_STRLEN + 1, GFP_KERNEL);
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
	{ .procname = "destination", .mode = 0644, .proc_handler = destination_handler },
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
