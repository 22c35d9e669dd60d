// SPDX-License-Identifier: GPL-2.0
/*
 * Module parameters, with the original module's names and defaults so
 * existing /etc/modprobe.d files keep working. A value out of range
 * fails the load with one message naming the parameter.
 */
#include <linux/kernel.h>
#include <linux/cpumask.h>
#include <linux/moduleparam.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/sysfs.h>

#include "config.h"

struct uint_param {
	unsigned int value;
	unsigned int min;
	unsigned int max;
};

static int uint_param_set(const char *val, const struct kernel_param *kp)
{
	struct uint_param *p = kp->arg;
	unsigned int n;

	if (kstrtouint(val, 0, &n) || n < p->min || n > p->max) {
		pr_err("invalid %s=%s: expected an integer in %u..%u\n",
		       kp->name, val, p->min, p->max);
		return -EINVAL;
	}
	p->value = n;
	return 0;
}

static int uint_param_get(char *buf, const struct kernel_param *kp)
{
	const struct uint_param *p = kp->arg;

	return sysfs_emit(buf, "%u\n", p->value);
}

static const struct kernel_param_ops uint_param_ops = {
	.set = uint_param_set,
	.get = uint_param_get,
};

static struct uint_param protocol = { 5, 5, 10 };
module_param_cb(protocol, &uint_param_ops, &protocol, 0444);
MODULE_PARM_DESC(protocol, "export protocol: 5 (NetFlow v5), 9 (NetFlow v9), 10 (IPFIX)");

static struct uint_param active_timeout = { 1800, 1, NETFLOW_TIMEOUT_MAX };
module_param_cb(active_timeout, &uint_param_ops, &active_timeout, 0444);
MODULE_PARM_DESC(active_timeout, "export a flow this many seconds after its first packet");

static struct uint_param inactive_timeout = { 15, 1, NETFLOW_TIMEOUT_MAX };
module_param_cb(inactive_timeout, &uint_param_ops, &inactive_timeout, 0444);
MODULE_PARM_DESC(inactive_timeout, "export a flow after this many idle seconds");

static struct uint_param maxflows = { 2000000, 0, INT_MAX };
module_param_cb(maxflows, &uint_param_ops, &maxflows, 0444);
MODULE_PARM_DESC(maxflows, "most flows held, 0 = unlimited");

static struct uint_param hashsize = { 0, 0, NETFLOW_HASHSIZE_MAX };
module_param_cb(hashsize, &uint_param_ops, &hashsize, 0444);
MODULE_PARM_DESC(hashsize, "hash buckets, 0 = sized by memory");

static struct uint_param sndbuf = { 0, 0, INT_MAX / 2 };
module_param_cb(sndbuf, &uint_param_ops, &sndbuf, 0444);
MODULE_PARM_DESC(sndbuf, "socket send buffer bytes, 0 = default");

static struct uint_param engine_id = { 0, 0, U32_MAX };
module_param_cb(engine_id, &uint_param_ops, &engine_id, 0444);
MODULE_PARM_DESC(engine_id, "v5 engine id (low 8 bits), v9 source id, IPFIX observation domain");

static struct uint_param refresh_rate = { 20, 1, U16_MAX };
module_param_cb(refresh_rate, &uint_param_ops, &refresh_rate, 0444);
MODULE_PARM_DESC(refresh_rate, "v9/IPFIX: send templates every N export packets");

static struct uint_param timeout_rate = { 30, 1, 24 * 60 };
module_param_cb(timeout_rate, &uint_param_ops, &timeout_rate, 0444);
MODULE_PARM_DESC(timeout_rate, "v9/IPFIX: send templates every N minutes");

static struct uint_param scan_min = { 1, 1, 100 };
module_param_cb(scan_min, &uint_param_ops, &scan_min, 0444);
MODULE_PARM_DESC(scan_min, "least milliseconds between two export scans");

static struct uint_param debug = { 0, 0, 3 };
module_param_cb(debug, &uint_param_ops, &debug, 0444);
MODULE_PARM_DESC(debug, "log level of the exporter, 0-3");

static struct uint_param promisc = { 0, 0, 1 };
module_param_cb(promisc, &uint_param_ops, &promisc, 0444);
MODULE_PARM_DESC(promisc, "1: meter frames for other hosts (mirror port) in PREROUTING");

static struct uint_param promisc_mpls = { 0, 0, NETFLOW_PROMISC_MPLS_MAX };
module_param_cb(promisc_mpls, &uint_param_ops, &promisc_mpls, 0444);
MODULE_PARM_DESC(promisc_mpls, "promisc: MPLS labels to strip, 0 (MPLS frames discarded) to 10");
static struct uint_param natevents = { 0, 0, NETFLOW_NATEVENTS_MAX };
module_param_cb(natevents, &uint_param_ops, &natevents, 0444);
MODULE_PARM_DESC(natevents, "NAT event logging: 0 off, 1 NAT events and flows, 2 NAT events only");

static struct uint_param natevents_historic = { 0, 0, 1 };
module_param_cb(natevents_historic, &uint_param_ops, &natevents_historic, 0444);
MODULE_PARM_DESC(natevents_historic, "NAT events: natEvent 1/2 (old collectors) instead of 4/5");

/* -1: any CPU; otherwise the CPU the export worker runs on, if online. */
static int exportcpu = -1;

static int exportcpu_set(const char *val, const struct kernel_param *kp)
{
	int cpu;

	if (kstrtoint(val, 0, &cpu) || cpu < -1 || cpu >= (int)nr_cpu_ids) {
		pr_err("invalid exportcpu=%s: expected -1 or a CPU number below %u\n",
		       val, nr_cpu_ids);
		return -EINVAL;
	}
	WRITE_ONCE(exportcpu, cpu);
	return 0;
}

static const struct kernel_param_ops exportcpu_ops = {
	.set = exportcpu_set,
	.get = param_get_int,
};

module_param_cb(exportcpu, &exportcpu_ops, &exportcpu, 0644);
MODULE_PARM_DESC(exportcpu, "CPU for the export worker, -1 = any");

int netflow_params_exportcpu(void)
{
	return READ_ONCE(exportcpu);
}

bool netflow_params_promisc(void)
{
	return promisc.value;
}

static char *destination = "127.0.0.1:2055";
module_param(destination, charp, 0444);
MODULE_PARM_DESC(destination,
		 "collectors, comma separated: addr[:port][@source][%ifname]");

static char *sampler = "";
module_param(sampler, charp, 0444);
MODULE_PARM_DESC(sampler, "flow sampling: deterministic:N, random:N or hash:N (N 2..16383), empty = off");

static char *aggregation = "";
module_param(aggregation, charp, 0444);
MODULE_PARM_DESC(aggregation,
		 "aggregation rules, comma separated: net/len=bits, port[-port]=port");

static char *fields = "";
module_param(fields, charp, 0444);
MODULE_PARM_DESC(fields, "optional flow fields, comma separated: ethertype, direction, physdev, ipv4-options, tcp-options, ipv6-exthdr, flow-label, mac; empty = none");

static char *snmp_rules = "";
module_param(snmp_rules, charp, 0444);
MODULE_PARM_DESC(snmp_rules, "interface index rules, comma separated: prefix:base");

/**
 * netflow_config_parse_aggr() - parse aggregation rules into a new object
 * @str: the aggregation= string
 * @out: the rules, kmalloc'ed; NULL when @str has none
 *
 * Process context.
 *
 * Return: 0, -ENOMEM, or netflow_aggr_parse()'s error (@out untouched).
 */
int netflow_config_parse_aggr(const char *str, struct netflow_aggr_cfg **out)
{
	struct netflow_aggr_cfg *a = kmalloc(sizeof(*a), GFP_KERNEL);
	int err;

	if (!a)
		return -ENOMEM;
	err = netflow_aggr_parse(str, &a->rules);
	if (err) {
		kfree(a);
		return err;
	}
	if (!a->rules.nr_net4 && !a->rules.nr_net6 && !a->rules.nr_port) {
		kfree(a);
		a = NULL;
	}
	*out = a;
	return 0;
}

/**
 * netflow_config_parse_snmp() - parse SNMP index rules into a new object
 * @str: the snmp-rules= string
 * @out: the rules, kmalloc'ed; NULL when @str has none
 *
 * Process context.
 *
 * Return: 0, -ENOMEM, or netflow_snmp_rules_parse()'s error (@out untouched).
 */
int netflow_config_parse_snmp(const char *str, struct netflow_snmp_cfg **out)
{
	struct netflow_snmp_cfg *r = kmalloc(sizeof(*r), GFP_KERNEL);
	int err;

	if (!r)
		return -ENOMEM;
	err = netflow_snmp_rules_parse(str, &r->rules);
	if (err) {
		kfree(r);
		return err;
	}
	if (!r->rules.count) {
		kfree(r);
		r = NULL;
	}
	*out = r;
	return 0;
}

static const char *sampler_error(int err)
{
	if (err == -E2BIG)
		return "too long";
	if (err == -ERANGE)
		return "N must be in 2..16383";
	return "expected deterministic:N, random:N, hash:N or empty";
}

static const char *aggr_error(int err)
{
	if (err == -E2BIG)
		return "more than 32 rules of a kind, or too long";
	if (err == -ERANGE)
		return "a prefix length or port out of range";
	return "expected net/len=bits or port[-port]=port, comma separated";
}

static const char *snmp_error(int err)
{
	if (err == -E2BIG)
		return "more than 32 rules, or too long";
	if (err == -ERANGE)
		return "a base over 65535";
	return "expected prefix:base, comma separated";
}

/* Parses what cannot be checked one parameter at a time. */
int netflow_params_check(void)
{
	struct netflow_config *cfg;
	struct netflow_sampler s;
	struct netflow_aggr_cfg *aggr;
	struct netflow_snmp_cfg *snmp;
	u32 selected;
	int err;

	if (hashsize.value && hashsize.value < NETFLOW_HASHSIZE_MIN) {
		pr_err("invalid hashsize=%u: expected 0 or at least %u\n",
		       hashsize.value, NETFLOW_HASHSIZE_MIN);
		return -EINVAL;
	}
	if (!netflow_protocol_valid(protocol.value)) {
		pr_err("invalid protocol=%u: expected 5, 9 or 10\n", protocol.value);
		return -EINVAL;
	}
	err = netflow_sampler_parse(sampler, &s);
	if (err) {
		pr_err("invalid sampler=\"%.200s\": %s\n", sampler, sampler_error(err));
		return -EINVAL;
	}
	err = netflow_config_parse_aggr(aggregation, &aggr);
	if (err == -ENOMEM)
		return err;
	if (err) {
		pr_err("invalid aggregation=\"%.200s\": %s\n", aggregation,
		       aggr_error(err));
		return -EINVAL;
	}
	kfree(aggr);
	err = netflow_fields_parse(fields, &selected);
	if (err) {
		pr_err("invalid fields=\"%.200s\": %s\n", fields,
		       err == -E2BIG ? "too long" :
		       "expected names from docs/fields.md, comma separated");
		return -EINVAL;
	}
	err = netflow_config_parse_snmp(snmp_rules, &snmp);
	if (err == -ENOMEM)
		return err;
	if (err) {
		pr_err("invalid snmp_rules=\"%.200s\": %s\n", snmp_rules,
		       snmp_error(err));
		return -EINVAL;
	}
	kfree(snmp);
	cfg = kzalloc(sizeof(*cfg), GFP_KERNEL);
	if (!cfg)
		return -ENOMEM;
	err = netflow_dest_parse(destination, cfg->dests, NETFLOW_DEST_MAX,
				 &cfg->nr_dests);
	if (err)
		pr_err("invalid destination=\"%s\": %s\n", destination,
		       err == -E2BIG ? "too many collectors or too long" :
		       "expected addr[:port][@source][%ifname], comma separated");
	kfree(cfg);
	return err ? -EINVAL : 0;
}

/**
 * netflow_params_to_config() - settings for a new namespace
 * @cfg: filled from the module parameters
 *
 * Called after netflow_params_check() accepted them. Release with
 * netflow_config_release().
 *
 * Return: 0 or -ENOMEM (nothing to release then).
 */
int netflow_params_to_config(struct netflow_config *cfg)
{
	struct netflow_aggr_cfg *aggr = NULL;
	struct netflow_snmp_cfg *snmp = NULL;
	int err;

	memset(cfg, 0, sizeof(*cfg));
	err = netflow_config_parse_aggr(aggregation, &aggr);
	if (err == -ENOMEM)
		return err;
	err = netflow_config_parse_snmp(snmp_rules, &snmp);
	if (err == -ENOMEM) {
		kfree(aggr);
		return err;
	}
	RCU_INIT_POINTER(cfg->aggr, aggr);
	RCU_INIT_POINTER(cfg->snmp_rules, snmp);
	if (netflow_fields_parse(fields, &cfg->fields))
		cfg->fields = 0;
	cfg->fields |= netflow_config_masks(aggr);
	if (netflow_sampler_parse(sampler, &cfg->sampler))
		cfg->sampler = (struct netflow_sampler){ NETFLOW_SAMPLER_OFF, 0 };
	if (netflow_dest_parse(destination, cfg->dests, NETFLOW_DEST_MAX,
			       &cfg->nr_dests))
		cfg->nr_dests = 0;
	cfg->protocol = protocol.value;
	cfg->active_timeout = active_timeout.value;
	cfg->inactive_timeout = inactive_timeout.value;
	cfg->maxflows = maxflows.value;
	cfg->hashsize = hashsize.value;
	cfg->sndbuf = sndbuf.value;
	cfg->engine_id = engine_id.value;
	cfg->refresh_rate = refresh_rate.value;
	cfg->timeout_rate = timeout_rate.value;
	cfg->scan_min = scan_min.value;
	cfg->debug = debug.value;
	/* cfg->promisc stays 0: netflow_promisc_net_init() turns it on */
	cfg->promisc_mpls = promisc_mpls.value;
	cfg->natevents = natevents.value;
	cfg->natevents_historic = natevents_historic.value;
	return 0;
}

/**
 * netflow_config_release() - free what a namespace's settings own
 * @cfg: settings no reader can reach any more (namespace exit)
 */
void netflow_config_release(struct netflow_config *cfg)
{
	struct netflow_aggr_cfg *aggr = rcu_replace_pointer(cfg->aggr, NULL, true);
	struct netflow_snmp_cfg *snmp = rcu_replace_pointer(cfg->snmp_rules, NULL, true);

	if (aggr)
		kfree_rcu(aggr, rcu);
	if (snmp)
		kfree_rcu(snmp, rcu);
}

/* natevents= at load: whether namespaces start listening to conntrack. */
bool netflow_params_natevents(void)
{
	return natevents.value;
}

bool netflow_protocol_valid(unsigned int protocol)
{
	return protocol == 5 || protocol == 9 || protocol == 10;
}
