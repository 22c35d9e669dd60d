// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/net/stat/ipt_netflow*, one set per namespace:
 *   ipt_netflow        statistics for people, in the original's layout
 *   ipt_netflow_snmp   the same numbers in a stable machine format
 *   ipt_netflow_flows  the flows in the cache, for root only
 */
#include <linux/jiffies.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <net/net_namespace.h>

#include "netns.h"
#include "pipeline.h"
#include "procfs.h"
#include "version.h"

/* Totals over all CPUs, and one row per CPU. */
struct stat_row {
	u64 v[NETFLOW_STAT_COUNT];
};

static void sum_stats(struct netflow_net *nn, struct stat_row *total)
{
	unsigned int i;

	for (i = 0; i < NETFLOW_STAT_COUNT; i++)
		total->v[i] = netflow_stat_sum(nn->stats, i);
}

static void cpu_stats(struct netflow_net *nn, int cpu, struct stat_row *row)
{
	unsigned int i;

	for (i = 0; i < NETFLOW_STAT_COUNT; i++)
		row->v[i] = READ_ONCE(per_cpu_ptr(nn->stats, cpu)->value[i]);
}

/* Hash chain efficiency, x100: 100 means every lookup hit first time. */
static unsigned int metric_x100(const struct stat_row *r)
{
	u64 hits = r->v[NETFLOW_STAT_FOUND] + r->v[NETFLOW_STAT_NEW];

	if (!hits)
		return 0;
	return div64_u64(100 * (hits + r->v[NETFLOW_STAT_SEARCHED]), hits);
}

static const char *protocol_name(unsigned int protocol)
{
	return protocol == 10 ? "ipfix" : "netflow";
}

static void show_sock(struct seq_file *m, unsigned int i,
		      const struct netflow_socket *s)
{
	char dest[NETFLOW_DEST_STRLEN / 8];

	if (netflow_dest_format(dest, sizeof(dest), &s->dest, 1) < 0)
		strscpy(dest, "?", sizeof(dest));
	if (!s->connected) {
		seq_printf(m, "sock%u: %s unconnected (%llu attempts).\n", i, dest,
			   s->err_connect);
		return;
	}
	seq_printf(m, "sock%u: %s, sndbuf %d, filled %d, peak %d; err: sndbuf reached %llu, connect %llu, cberr %llu, other %llu\n",
		   i, dest, netflow_socket_sndbuf(s), netflow_socket_wmem(s),
		   s->wmem_peak, s->err_sndbuf, s->err_connect, s->err_refused,
		   s->err_other);
}

static void show_row(struct seq_file *m, const char *label, u64 pps,
		     const struct stat_row *r)
{
	unsigned int metric = metric_x100(r);

	seq_printf(m, "%-5s %6llu; %6llu %6llu %6llu [%u.%02u], %4llu %4llu %4llu %4llu, traffic: %llu, %llu MB, drop: %llu, %llu K\n",
		   label, pps, r->v[NETFLOW_STAT_SEARCHED], r->v[NETFLOW_STAT_FOUND],
		   r->v[NETFLOW_STAT_NEW], metric / 100, metric % 100,
		   r->v[NETFLOW_STAT_TRUNCATED], r->v[NETFLOW_STAT_FRAGMENTS],
		   r->v[NETFLOW_STAT_ALLOC_ERRORS], r->v[NETFLOW_STAT_MAXFLOWS],
		   r->v[NETFLOW_STAT_PACKETS], r->v[NETFLOW_STAT_BYTES] >> 20,
		   r->v[NETFLOW_STAT_DROP_PACKETS],
		   r->v[NETFLOW_STAT_DROP_BYTES] >> 10);
}

/* What became of the NAT events (docs/natevents.md); zero without an instance. */
struct nat_counts {
	u64 created, deleted, lost, unexportable;
	bool open;
	int err;
};

static void read_nat_counts(const struct netflow_natevents *nat, struct nat_counts *c)
{
	memset(c, 0, sizeof(*c));
	if (!nat)
		return;
	c->created = READ_ONCE(nat->created);
	c->deleted = READ_ONCE(nat->deleted);
	c->lost = READ_ONCE(nat->lost);
	c->unexportable = READ_ONCE(nat->unexportable);
	c->open = !!READ_ONCE(nat->sock);
	c->err = READ_ONCE(nat->open_err);
}

/* docs/natevents.md: the setting, the listener, what became of the events */
static void show_natevents(struct seq_file *m, const struct netflow_config *cfg,
			   const struct netflow_natevents *nat)
{
	static const char * const modes[] = { "off", "NAT events and flows",
					       "NAT events only" };
	unsigned int mode = READ_ONCE(cfg->natevents);
	struct nat_counts c;

	read_nat_counts(nat, &c);
	seq_printf(m, "Natevents: %u (%s), listener %s", mode,
		   modes[min_t(unsigned int, mode, ARRAY_SIZE(modes) - 1)],
		   c.open ? "open" : "closed");
	if (c.err)
		seq_printf(m, " (open failed: %d)", c.err);
	seq_printf(m, "; events created %llu, deleted %llu, lost %llu, unexportable %llu.\n",
		   c.created, c.deleted, c.lost, c.unexportable);
}

static void show_sampler(struct seq_file *m, const struct netflow_config *cfg,
			 const struct stat_row *total)
{
	struct netflow_sampler s = netflow_config_sampler(cfg);

	if (s.mode == NETFLOW_SAMPLER_OFF) {
		seq_puts(m, "Flow sampling is disabled.\n");
		return;
	}
	seq_printf(m, "Flow sampling mode %s one-out-of %u. Flows selected %llu, discarded %llu. Pkts selected %llu, discarded %llu.\n",
		   netflow_sampler_mode_name(&s), s.interval,
		   total->v[NETFLOW_STAT_SAMPLED_FLOWS],
		   total->v[NETFLOW_STAT_SKIPPED_FLOWS],
		   total->v[NETFLOW_STAT_SAMPLED_PACKETS],
		   total->v[NETFLOW_STAT_SKIPPED_PACKETS]);
}

/* Why promisc frames were discarded: the counter, its ipt_netflow_snmp name. */
static const struct {
	u8 stat;
	const char *name;
} promisc_reasons[] = {
	{ NETFLOW_STAT_PROMISC_NOT_IP, "promiscDiscardNotIp" },
	{ NETFLOW_STAT_PROMISC_MPLS, "promiscDiscardMpls" },
	{ NETFLOW_STAT_PROMISC_L2, "promiscDiscardL2" },
	{ NETFLOW_STAT_PROMISC_TRUNCATED, "promiscDiscardTruncated" },
	{ NETFLOW_STAT_PROMISC_BAD_HEADER, "promiscDiscardHeader" },
	{ NETFLOW_STAT_PROMISC_BAD_CHECKSUM, "promiscDiscardChecksum" },
	{ NETFLOW_STAT_PROMISC_BAD_LENGTH, "promiscDiscardLength" },
	{ NETFLOW_STAT_PROMISC_NOMEM, "promiscDiscardNomem" },
};

static u64 promisc_discarded(const struct stat_row *t)
{
	u64 discarded = 0;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(promisc_reasons); i++)
		discarded += t->v[promisc_reasons[i].stat];
	return discarded;
}

static void show_promisc(struct seq_file *m, const struct netflow_config *cfg,
			 const struct stat_row *t)
{
	seq_printf(m, "Promisc hack is %s (observed %llu packets, discarded %llu). Passed %llu; discarded: not IP %llu, MPLS %llu, L2 %llu, truncated %llu, bad header %llu, checksum %llu, length %llu, no memory %llu. MPLS depth %u.\n",
		   cfg->promisc ? "enabled" : "disabled",
		   t->v[NETFLOW_STAT_PROMISC_OBSERVED], promisc_discarded(t),
		   t->v[NETFLOW_STAT_PROMISC_PASSED], t->v[NETFLOW_STAT_PROMISC_NOT_IP],
		   t->v[NETFLOW_STAT_PROMISC_MPLS], t->v[NETFLOW_STAT_PROMISC_L2],
		   t->v[NETFLOW_STAT_PROMISC_TRUNCATED],
		   t->v[NETFLOW_STAT_PROMISC_BAD_HEADER],
		   t->v[NETFLOW_STAT_PROMISC_BAD_CHECKSUM],
		   t->v[NETFLOW_STAT_PROMISC_BAD_LENGTH],
		   t->v[NETFLOW_STAT_PROMISC_NOMEM], cfg->promisc_mpls);
}

static int stat_show(struct seq_file *m, void *v)
{
	struct netflow_net *nn = netflow_net(seq_file_single_net(m));
	const struct netflow_config *cfg = &nn->cfg;
	const struct netflow_exporter *ex = NULL;
	struct netflow_instance *inst;
	struct stat_row total, row;
	unsigned int i, flows = 0;
	int cpu;

	/* the counters include the packets still queued for metering */
	netflow_pipeline_drain();
	mutex_lock(&nn->mutex);
	inst = netflow_net_instance(nn);
	if (inst) {
		ex = &inst->exporter;
		flows = atomic_read(&inst->cache.nr_flows);
	}
	sum_stats(nn, &total);

	seq_puts(m, "ipt_NETFLOW version " NETFLOW_VERSION ", per-namespace\n");
	seq_printf(m, "Protocol version %u (%s)", cfg->protocol,
		   protocol_name(cfg->protocol));
	if (cfg->protocol != 5)
		seq_printf(m, ", refresh-rate %u, timeout-rate %u",
			   cfg->refresh_rate, cfg->timeout_rate);
	seq_puts(m, "\n");
	seq_printf(m, "Timeouts: active %us, inactive %us. Maxflows %u\n",
		   cfg->active_timeout, cfg->inactive_timeout, cfg->maxflows);
	show_sampler(m, cfg, &total);
	show_promisc(m, cfg, &total);
	if (!inst) {
		seq_puts(m, "Inactive: no NETFLOW rule in this namespace yet.\n");
		goto out;
	}
	seq_printf(m, "Flows: active %u (peak %u reached %us ago), mem %zuK\n",
		   flows, ex->peak_flows,
		   ex->peak_flows ? jiffies_to_msecs(jiffies - ex->peak_time) / 1000 : 0,
		   netflow_cache_memory(&inst->cache) >> 10);
	seq_printf(m, "Hash: size %u (mem %zuK), metric %u.%02u. InPDU %llu, %llu\n",
		   inst->cache.nr_buckets,
		   (inst->cache.nr_buckets * sizeof(struct netflow_flow *)) >> 10,
		   metric_x100(&total) / 100, metric_x100(&total) % 100,
		   ex->pdu_packets, ex->pdu_bytes);
	seq_printf(m, "Rate: %llu bits/sec, %llu packets/sec; Avg 1 min: %llu bps, %llu pps; 5 min: %llu bps, %llu pps\n",
		   ex->in_bps.per_sec, ex->in_pps.per_sec,
		   netflow_rate_avg(&ex->in_bps, 0), netflow_rate_avg(&ex->in_pps, 0),
		   netflow_rate_avg(&ex->in_bps, 1), netflow_rate_avg(&ex->in_pps, 1));
	seq_puts(m, "cpu#     pps; <search found new [metric], trunc frag alloc maxflows>, traffic: <pkt, bytes>, drop: <pkt, bytes>\n");
	show_row(m, "Total", ex->in_pps.per_sec, &total);
	if (num_present_cpus() > 1) {
		for_each_present_cpu(cpu) {
			char label[16];

			snprintf(label, sizeof(label), "cpu%d", cpu);
			cpu_stats(nn, cpu, &row);
			show_row(m, label, ex->cpu_pps[cpu].per_sec, &row);
		}
	}
	seq_printf(m, "Export: Rate %llu bytes/s; Total %llu pkts, %llu MB, %llu flows; Errors %llu pkts; Traffic lost %llu pkts, %llu Kbytes, %llu flows. Unexportable %llu flows.\n",
		   ex->out_byte_rate.per_sec, total.v[NETFLOW_STAT_EXPORT_PACKETS],
		   total.v[NETFLOW_STAT_EXPORT_BYTES] >> 20,
		   total.v[NETFLOW_STAT_EXPORT_FLOWS],
		   total.v[NETFLOW_STAT_EXPORT_ERRORS],
		   total.v[NETFLOW_STAT_LOST_PACKETS],
		   total.v[NETFLOW_STAT_LOST_BYTES] >> 10,
		   total.v[NETFLOW_STAT_LOST_FLOWS],
		   total.v[NETFLOW_STAT_UNEXPORTABLE]);
	show_natevents(m, cfg, &ex->nat);
	for (i = 0; i < ex->nr_sockets; i++)
		show_sock(m, i, &ex->sockets[i]);
out:
	mutex_unlock(&nn->mutex);
	return 0;
}

/*
 * The machine format: "name value" lines, then one line per CPU and per
 * socket. Documented in docs/proc-snmp.md; new named lines go before the
 * CPU lines, new columns at the end of a line; nothing is ever moved.
 */
static int snmp_show(struct seq_file *m, void *v)
{
	struct netflow_net *nn = netflow_net(seq_file_single_net(m));
	const struct netflow_config *cfg = &nn->cfg;
	static const struct netflow_rate zero_rate;
	const struct netflow_rate *bps = &zero_rate, *pps = &zero_rate;
	const struct netflow_rate *out_rate = &zero_rate;
	const struct netflow_exporter *ex = NULL;
	struct netflow_instance *inst;
	struct stat_row total, row;
	struct nat_counts nat;
	unsigned int i, metric, flows = 0;
	size_t memory = 0;
	int cpu, sndbuf_peak = 0;

	netflow_pipeline_drain();
	mutex_lock(&nn->mutex);
	inst = netflow_net_instance(nn);
	if (inst) {
		ex = &inst->exporter;
		bps = &ex->in_bps;
		pps = &ex->in_pps;
		out_rate = &ex->out_byte_rate;
		flows = atomic_read(&inst->cache.nr_flows);
		memory = netflow_cache_memory(&inst->cache);
	}
	sum_stats(nn, &total);
	metric = metric_x100(&total);
	read_nat_counts(ex ? &ex->nat : NULL, &nat);

#define LINE(name, fmt, ...) seq_printf(m, "%-12s " fmt "\n", name, __VA_ARGS__)
	LINE("inBitRate", "%llu", bps->per_sec);
	LINE("inPacketRate", "%llu", pps->per_sec);
	LINE("inFlows", "%llu", total.v[NETFLOW_STAT_NEW]);
	LINE("inPackets", "%llu", total.v[NETFLOW_STAT_PACKETS]);
	LINE("inBytes", "%llu", total.v[NETFLOW_STAT_BYTES]);
	LINE("hashMetric", "%u.%02u", metric / 100, metric % 100);
	LINE("hashMemory", "%zu", memory);
	LINE("hashFlows", "%u", flows);
	LINE("hashPackets", "%llu", ex ? ex->pdu_packets : 0);
	LINE("hashBytes", "%llu", ex ? ex->pdu_bytes : 0);
	LINE("dropPackets", "%llu", total.v[NETFLOW_STAT_DROP_PACKETS]);
	LINE("dropBytes", "%llu", total.v[NETFLOW_STAT_DROP_BYTES]);
	LINE("outByteRate", "%llu", out_rate->per_sec);
	LINE("outFlows", "%llu", total.v[NETFLOW_STAT_EXPORT_FLOWS]);
	LINE("outPackets", "%llu", total.v[NETFLOW_STAT_EXPORT_PACKETS]);
	LINE("outBytes", "%llu", total.v[NETFLOW_STAT_EXPORT_BYTES]);
	LINE("lostFlows", "%llu", total.v[NETFLOW_STAT_LOST_FLOWS]);
	LINE("lostPackets", "%llu", total.v[NETFLOW_STAT_LOST_PACKETS]);
	LINE("lostBytes", "%llu", total.v[NETFLOW_STAT_LOST_BYTES]);
	LINE("errTotal", "%llu", total.v[NETFLOW_STAT_EXPORT_ERRORS]);
	LINE("promisc", "%u", cfg->promisc);
	LINE("promiscMplsDepth", "%u", cfg->promisc_mpls);
	LINE("promiscObserved", "%llu", total.v[NETFLOW_STAT_PROMISC_OBSERVED]);
	LINE("promiscPassed", "%llu", total.v[NETFLOW_STAT_PROMISC_PASSED]);
	LINE("promiscDiscarded", "%llu", promisc_discarded(&total));
	for (i = 0; i < ARRAY_SIZE(promisc_reasons); i++)
		LINE(promisc_reasons[i].name, "%llu", total.v[promisc_reasons[i].stat]);
	LINE("natEvents", "%u", READ_ONCE(cfg->natevents));
	LINE("natEventsListener", "%u", nat.open);
	LINE("natEventsStart", "%llu", nat.created);
	LINE("natEventsStop", "%llu", nat.deleted);
	LINE("natEventsLost", "%llu", nat.lost);
	LINE("natEventsUnexportable", "%llu", nat.unexportable);
#undef LINE
	for_each_present_cpu(cpu) {
		cpu_stats(nn, cpu, &row);
		metric = metric_x100(&row);
		seq_printf(m, "cpu%d %llu %llu %llu %llu %u.%02u %llu %llu %llu %llu %llu %llu\n",
			   cpu, ex ? ex->cpu_pps[cpu].per_sec : 0,
			   row.v[NETFLOW_STAT_NEW], row.v[NETFLOW_STAT_PACKETS],
			   row.v[NETFLOW_STAT_BYTES], metric / 100, metric % 100,
			   row.v[NETFLOW_STAT_DROP_PACKETS],
			   row.v[NETFLOW_STAT_DROP_BYTES],
			   row.v[NETFLOW_STAT_TRUNCATED], row.v[NETFLOW_STAT_FRAGMENTS],
			   row.v[NETFLOW_STAT_ALLOC_ERRORS], row.v[NETFLOW_STAT_MAXFLOWS]);
	}
	for (i = 0; ex && i < ex->nr_sockets; i++) {
		const struct netflow_socket *s = &ex->sockets[i];
		char dest[NETFLOW_DEST_STRLEN / 8];

		if (netflow_dest_format(dest, sizeof(dest), &s->dest, 1) < 0)
			strscpy(dest, "?", sizeof(dest));
		seq_printf(m, "sock%u %s %u %llu %llu %llu %llu %d %d %d\n", i, dest,
			   s->connected, s->err_connect, s->err_sndbuf,
			   s->err_refused, s->err_other, netflow_socket_sndbuf(s),
			   netflow_socket_wmem(s), s->wmem_peak);
		sndbuf_peak = max(sndbuf_peak, s->wmem_peak);
	}
	seq_printf(m, "%-12s %d\n", "sndbufPeak", sndbuf_peak);
	mutex_unlock(&nn->mutex);
	return 0;
}

/*
 * The flow dump walks the cache one stripe per seq_file record, copying
 * the stripe under its lock and printing from the copy.
 */
static void *flows_start(struct seq_file *m, loff_t *pos)
{
	struct netflow_net *nn = netflow_net(seq_file_net(m));

	if (!*pos)
		netflow_pipeline_drain();
	mutex_lock(&nn->mutex);
	if (!netflow_net_instance(nn) || *pos > NETFLOW_CACHE_STRIPES)
		return NULL;
	return pos;
}

static void *flows_next(struct seq_file *m, void *v, loff_t *pos)
{
	++*pos;
	return *pos > NETFLOW_CACHE_STRIPES ? NULL : pos;
}

static void flows_stop(struct seq_file *m, void *v)
{
	struct netflow_net *nn = netflow_net(seq_file_net(m));

	mutex_unlock(&nn->mutex);
}

static void show_addr(struct seq_file *m, u8 family, const union netflow_inaddr *a)
{
	if (family == AF_INET)
		seq_printf(m, "%pI4", &a->ip);
	else
		seq_printf(m, "%pI6c", &a->ip6);
}

static void show_flow(struct seq_file *m, const struct netflow_flow_view *f,
		      unsigned long now)
{
	const struct netflow_key *k = &f->rec.key;

	seq_printf(m, "%u %u %u %u ", k->family == AF_INET ? 4 : 6, k->protocol,
		   k->in_ifindex, f->rec.out_ifindex);
	show_addr(m, k->family, &k->src);
	seq_printf(m, " %u ", ntohs(k->src_port));
	show_addr(m, k->family, &k->dst);
	seq_printf(m, " %u ", ntohs(k->dst_port));
	show_addr(m, k->family, &f->rec.nexthop);
	seq_printf(m, " %02x %02x %llu %llu %u %u\n", k->tos, f->rec.tcp_flags,
		   f->rec.packets, f->rec.bytes,
		   jiffies_to_msecs((u32)now - f->first),
		   jiffies_to_msecs((u32)now - f->last));
}

static int flows_show(struct seq_file *m, void *v)
{
	struct netflow_net *nn = netflow_net(seq_file_net(m));
	struct netflow_instance *inst = netflow_net_instance(nn);
	struct netflow_flow_view *copy;
	unsigned int stripe, n, room, i;
	loff_t pos = *(loff_t *)v;

	if (pos == 0) {
		seq_puts(m, "# ipv proto in out src sport dst dport nexthop tos tcpflags packets bytes first_ms_ago last_ms_ago\n");
		return 0;
	}
	stripe = pos - 1;
	n = netflow_cache_stripe_count(&inst->cache, stripe);
	if (!n)
		return 0;
	room = n + n / 4 + 16;		/* it may grow meanwhile */
	copy = vmalloc_array(room, sizeof(*copy));
	if (!copy)
		return -ENOMEM;
	n = netflow_cache_stripe_copy(&inst->cache, stripe, copy, room);
	for (i = 0; i < n; i++)
		show_flow(m, &copy[i], jiffies);
	vfree(copy);
	return 0;
}

static const struct seq_operations flows_seq_ops = {
	.start = flows_start,
	.next = flows_next,
	.stop = flows_stop,
	.show = flows_show,
};

int netflow_procfs_net_init(struct net *net)
{
	struct proc_dir_entry *dir = net->proc_net_stat;

	if (!proc_create_net_single("ipt_netflow", 0444, dir, stat_show, NULL))
		goto err;
	if (!proc_create_net_single("ipt_netflow_snmp", 0444, dir, snmp_show, NULL))
		goto err_stat;
	if (!proc_create_net_data("ipt_netflow_flows", 0400, dir, &flows_seq_ops,
				  sizeof(struct seq_net_private), NULL))
		goto err_snmp;
	return 0;

err_snmp:
	remove_proc_entry("ipt_netflow_snmp", dir);
err_stat:
	remove_proc_entry("ipt_netflow", dir);
err:
	return -ENOMEM;
}

void netflow_procfs_net_exit(struct net *net)
{
	remove_proc_entry("ipt_netflow_flows", net->proc_net_stat);
	remove_proc_entry("ipt_netflow_snmp", net->proc_net_stat);
	remove_proc_entry("ipt_netflow", net->proc_net_stat);
}
