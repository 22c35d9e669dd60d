// SPDX-License-Identifier: GPL-2.0
/*
 * The export worker: takes due flows from the cache, packs them into
 * datagrams and sends each datagram to every collector. Runs only in
 * process context; the packet path never waits for it.
 */
#include <linux/cpumask.h>
#include <linux/jhash.h>
#include <linux/jiffies.h>
#include <linux/net.h>
#include <linux/netdevice.h>
#include <linux/random.h>
#include <linux/rcupdate.h>
#include <net/rtnetlink.h>
#include <linux/ktime.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>

#include "export.h"
#include "ie.h"
#include "ipfix.h"
#include "pipeline.h"
#include "v5.h"
#include "v9.h"

/*
 * The cache is scanned every 100 ms, or after scan_min ms while flows are
 * pouring out; a datagram waits at most 900 ms for company.
 */
#define SCAN_INTERVAL	(HZ / 10)
#define PDU_MAX_AGE	(HZ - SCAN_INTERVAL)

static u64 uptime_ms(void)
{
	return div_u64(ktime_get_boottime_ns(), NSEC_PER_MSEC);
}

/* Wall-clock milliseconds at uptime zero, for IPFIX absolute times. */
static u64 boot_epoch_ms(void)
{
	return div_u64(ktime_get_real_ns() - ktime_get_boottime_ns(),
		       NSEC_PER_MSEC);
}

static void send_to_all(struct netflow_exporter *ex, const void *data,
			size_t len, unsigned int flows)
{
	/* a datagram counts as delivered when any collector took it */
	unsigned int i, delivered = 0;

	for (i = 0; i < ex->nr_sockets; i++) {
		int err = netflow_socket_send(&ex->sockets[i], ex->net,
					      ex->cfg->sndbuf, data, len);

		if (!err) {
			delivered++;
			continue;
		}
		netflow_stat_inc(ex->stats, NETFLOW_STAT_EXPORT_ERRORS);
		if (READ_ONCE(ex->cfg->debug))
			net_info_ratelimited("sending to collector %u failed: %d\n",
					     i, err);
	}
	if (delivered) {
		netflow_stat_inc(ex->stats, NETFLOW_STAT_EXPORT_PACKETS);
		netflow_stat_add(ex->stats, NETFLOW_STAT_EXPORT_BYTES, len);
		netflow_stat_add(ex->stats, NETFLOW_STAT_EXPORT_FLOWS, flows);
	} else {
		netflow_stat_add(ex->stats, NETFLOW_STAT_LOST_FLOWS, flows);
		netflow_stat_add(ex->stats, NETFLOW_STAT_LOST_PACKETS, ex->pdu_packets);
		netflow_stat_add(ex->stats, NETFLOW_STAT_LOST_BYTES, ex->pdu_bytes);
	}
}

/* Closes the datagram being built and returns its length. */
static unsigned int close_pdu(struct netflow_exporter *ex)
{
	struct timespec64 now;
	unsigned int len;

	ktime_get_real_ts64(&now);
	switch (ex->protocol) {
	case 5: {
		struct netflow_v5_context ctx = {
			.uptime_ms = (u32)uptime_ms(),
			.unix_secs = (u32)now.tv_sec,
			.unix_nsecs = now.tv_nsec,
			.flow_sequence = ex->v5_flows,
			.engine_id = (u8)ex->cfg->engine_id,
		};
		struct netflow_sampler sampler = netflow_config_sampler(ex->cfg);

		ctx.sampling = netflow_sampler_v5_field(&sampler);
		netflow_v5_write_header(ex->pdu, &ctx, ex->pdu_records);
		/* v5 counts flows, sent or not (RFC-less, universal) */
		ex->v5_flows += ex->pdu_records;
		return sizeof(struct netflow_v5_header) +
		       ex->pdu_records * sizeof(struct netflow_v5_record);
	}
	case 9: {
		struct netflow_v9_context ctx = {
			.uptime_ms = (u32)uptime_ms(),
			.unix_secs = (u32)now.tv_sec,
			.sequence = ex->v9_packets,
			.source_id = ex->cfg->engine_id,
		};

		len = netflow_v9_finish(&ex->msg, &ctx);
		ex->v9_packets++;	/* RFC 3954 §5.1: export packets */
		return len;
	}
	default: {
		struct netflow_ipfix_context ctx = {
			.export_time = (u32)now.tv_sec,
			.sequence = ex->ipfix_records,
			.domain_id = ex->cfg->engine_id,
		};

		len = netflow_ipfix_finish(&ex->msg, &ctx);
		/* RFC 7011 §3.1: data records, templates not counted */
		ex->ipfix_records += ex->msg.data_records;
		return len;
	}
	}
}

/* Sends the datagram being built, if it holds anything. */
static void flush_pdu(struct netflow_exporter *ex)
{
	unsigned int len;

	if (!ex->msg_open)
		return;
	if (ex->protocol == 5 ? ex->pdu_records : ex->msg.records) {
		len = close_pdu(ex);
		send_to_all(ex, ex->pdu, len, ex->pdu_records);
		ex->msgs_sent++;
	}
	ex->msg_open = false;
	ex->pdu_full = false;
	ex->pdu_records = 0;
	ex->pdu_packets = 0;
	ex->pdu_bytes = 0;
}

/* Payload room: the smallest path MTU of the collectors, capped. */
static unsigned int pdu_room(const struct netflow_exporter *ex)
{
	unsigned int i, room = NETFLOW_PDU_MAX;

	for (i = 0; i < ex->nr_sockets; i++)
		room = min(room, netflow_socket_max_payload(&ex->sockets[i]));
	return max(round_down(room, 4), 512u);
}

static void open_pdu(struct netflow_exporter *ex)
{
	ex->pdu_cap = pdu_room(ex);
	if (ex->protocol == 9)
		netflow_v9_begin(&ex->msg, ex->pdu, ex->pdu_cap);
	else if (ex->protocol == 10)
		netflow_ipfix_begin(&ex->msg, ex->pdu, ex->pdu_cap,
				    ex->boot_epoch_ms);
	ex->msg.layout = ex->layout_extras ? &ex->layout : NULL;
	ex->msg_open = true;
}

/*
 * The data templates follow fields=, the aggregation masks, the sampler
 * and, with mpls, promisc-mpls. A new layout gets new template ids, due
 * at once; the records of the old one already in the datagram keep theirs.
 */
static void update_layout(struct netflow_exporter *ex)
{
	struct netflow_sampler s = netflow_config_sampler(ex->cfg);
	u32 extras = READ_ONCE(ex->cfg->fields);

	if (s.mode != NETFLOW_SAMPLER_OFF)
		extras |= NETFLOW_EXTRA_SAMPLER;
	if (extras & BIT(NETFLOW_FIELD_MPLS))
		extras |= netflow_extra_mpls(READ_ONCE(ex->cfg->promisc_mpls));
	if (extras == ex->layout_extras && ex->protocol == ex->layout_proto)
		return;
	if (extras)
		netflow_tmpl_layout_init(&ex->layout, ex->protocol == 10 ?
					 NETFLOW_TMPL_IPFIX : NETFLOW_TMPL_V9,
					 extras, ex->layout_gen++);
	ex->layout_extras = extras;
	ex->layout_proto = ex->protocol;
	ex->msg.layout = extras ? &ex->layout : NULL;
	memset(ex->refresh, 0, sizeof(ex->refresh));
}

/*
 * Starts building in @protocol: what was built in the old one leaves
 * first, and templates are due again at once (RFC 7011 §8). A sysctl
 * change also reopens the sockets, so this normally begins a session.
 */
static void reset_options(struct netflow_exporter *ex)
{
	memset(ex->opt_refresh, 0, sizeof(ex->opt_refresh));
	memset(ex->opt_sent, 0, sizeof(ex->opt_sent));
	memset(&ex->nel_refresh, 0, sizeof(ex->nel_refresh));
}

static void switch_protocol(struct netflow_exporter *ex, unsigned int protocol)
{
	flush_pdu(ex);
	ex->protocol = protocol;
	memset(ex->refresh, 0, sizeof(ex->refresh));
	reset_options(ex);
}

/*
 * A datagram of @protocol open for the next record: a protocol change
 * starts a new session first; the first record starts the age clock.
 */
static void ready_pdu(struct netflow_exporter *ex, unsigned int protocol)
{
	if (protocol != ex->protocol)
		switch_protocol(ex, protocol);
	if (!ex->msg_open)
		open_pdu(ex);
	if (!ex->pdu_records)
		ex->pdu_opened = ex->now_jiffies;
}

/* Flow times are jiffies; the wire wants milliseconds of uptime. */
static u64 to_uptime_ms(const struct netflow_exporter *ex, u32 t)
{
	s32 age = (u32)ex->now_jiffies - t;

	/* a packet on another CPU may have stamped the flow after our clock */
	return ex->now_ms - (age > 0 ? jiffies_to_msecs(age) : 0);
}

static int add_v5(struct netflow_exporter *ex, const struct netflow_record *rec)
{
	unsigned int room = (ex->pdu_cap - sizeof(struct netflow_v5_header)) /
			    sizeof(struct netflow_v5_record);
	void *slot;
	int err;

	slot = ex->pdu + sizeof(struct netflow_v5_header) +
	       ex->pdu_records * sizeof(struct netflow_v5_record);
	err = netflow_v5_write_record(slot, rec);
	if (err)
		return err;
	if (++ex->pdu_records == min_t(unsigned int, room, NETFLOW_V5_MAX_RECORDS))
		ex->pdu_full = true;
	return 0;
}

/* v9/IPFIX: the template goes first when it is due, then the record. */
static int add_templated(struct netflow_exporter *ex,
			 const struct netflow_record *rec)
{
	const struct netflow_config *cfg = ex->cfg;
	struct netflow_tmpl_refresh *r;
	int t = netflow_tmpl_of(rec);
	int err;

	if (t < 0)
		return t;
	update_layout(ex);
	r = &ex->refresh[t];
	if (netflow_tmpl_refresh_due(r, ex->msgs_sent,
				     ex->now_ms, READ_ONCE(cfg->refresh_rate),
				     READ_ONCE(cfg->timeout_rate))) {
		err = netflow_tmpl_add_template(&ex->msg, t);
		if (err == -ENOSPC) {
			flush_pdu(ex);
			open_pdu(ex);
			err = netflow_tmpl_add_template(&ex->msg, t);
		}
		if (err)
			return err;
		netflow_tmpl_refresh_sent(r, ex->msgs_sent,
					  ex->now_ms);
	}
	err = netflow_tmpl_add_record(&ex->msg, rec);
	if (err == -ENOSPC) {
		flush_pdu(ex);
		open_pdu(ex);
		err = netflow_tmpl_add_record(&ex->msg, rec);
	}
	if (!err)
		ex->pdu_records++;
	return err;
}

/*
 * Flow sampling (RFC 7014) for sampler=deterministic and random: every
 * ended flow is observed, one in N goes out. Hash sampling chose its
 * flows on the packet path already.
 */
static bool sampler_keeps(struct netflow_exporter *ex,
			  const struct netflow_flow *flow)
{
	struct netflow_sampler s = netflow_config_sampler(ex->cfg);
	bool keep;

	if (s.mode != NETFLOW_SAMPLER_DETERMINISTIC &&
	    s.mode != NETFLOW_SAMPLER_RANDOM)
		return true;
	if (!netflow_sampler_equal(&s, &ex->sampler)) {
		ex->sampler = s;
		memset(&ex->sampler_state, 0, sizeof(ex->sampler_state));
	}
	keep = netflow_sampler_keep_flow(&s, &ex->sampler_state,
					 get_random_u32());
	netflow_stat_inc(ex->stats, keep ? NETFLOW_STAT_SAMPLED_FLOWS :
					   NETFLOW_STAT_SKIPPED_FLOWS);
	netflow_stat_add(ex->stats, keep ? NETFLOW_STAT_SAMPLED_PACKETS :
					   NETFLOW_STAT_SKIPPED_PACKETS,
			 flow->packets);
	return keep;
}

static void emit_flow(void *ctx, const struct netflow_flow *flow)
{
	struct netflow_exporter *ex = ctx;
	unsigned int protocol = READ_ONCE(ex->cfg->protocol);
	struct netflow_record rec;
	int err;

	if (!sampler_keeps(ex, flow))
		return;
	netflow_flow_record(flow, &rec);
	rec.sampler_mode = netflow_config_sampler(ex->cfg).mode;
	rec.first_ms = to_uptime_ms(ex, flow->first);
	rec.last_ms = to_uptime_ms(ex, flow->last);

	ready_pdu(ex, protocol);
	err = protocol == 5 ? add_v5(ex, &rec) : add_templated(ex, &rec);
	if (err) {
		netflow_stat_inc(ex->stats, NETFLOW_STAT_UNEXPORTABLE);
		if (err == -EAFNOSUPPORT && !ex->v6_explained) {
			ex->v6_explained = true;
			pr_notice("NetFlow v5 cannot carry IPv6 flows: they are counted as unexportable; use protocol 9 or 10\n");
		}
		return;
	}
	ex->pdu_packets += rec.packets;
	ex->pdu_bytes += rec.bytes;
	if (ex->pdu_full)
		flush_pdu(ex);
}

/* --- NAT events (docs/natevents.md) ------------------------------------- */

/* v5: one pseudo-record per translated side, in as many datagrams as need be */
static int add_nel_v5(struct netflow_exporter *ex,
		      const struct netflow_nat_event *ev)
{
	unsigned int i, room, n = netflow_nel_v5_count(ev);
	struct netflow_v5_record *slot;

	for (i = 0; i < n; i++) {
		if (ex->pdu_full) {
			flush_pdu(ex);
			open_pdu(ex);
			ex->pdu_opened = ex->now_jiffies;
		}
		room = min_t(unsigned int, NETFLOW_V5_MAX_RECORDS,
			     (ex->pdu_cap - sizeof(struct netflow_v5_header)) /
			     sizeof(*slot));
		slot = (void *)(ex->pdu + sizeof(struct netflow_v5_header)) +
		       ex->pdu_records * sizeof(*slot);
		netflow_nel_v5_write(slot, ev, i, ex->boot_epoch_ms);
		if (++ex->pdu_records >= room)
			ex->pdu_full = true;
	}
	return 0;
}

/* v9/IPFIX: template 261 first when it is due, as for the data templates */
static int add_nel_templated(struct netflow_exporter *ex,
			     const struct netflow_nat_event *ev)
{
	const struct netflow_config *cfg = ex->cfg;
	bool historic = READ_ONCE(cfg->natevents_historic);
	int err;

	if (netflow_tmpl_refresh_due(&ex->nel_refresh, ex->msgs_sent, ex->now_ms,
				     READ_ONCE(cfg->refresh_rate),
				     READ_ONCE(cfg->timeout_rate))) {
		err = netflow_nel_add_template(&ex->msg);
		if (err == -ENOSPC) {
			flush_pdu(ex);
			open_pdu(ex);
			err = netflow_nel_add_template(&ex->msg);
		}
		if (err)
			return err;
		netflow_tmpl_refresh_sent(&ex->nel_refresh, ex->msgs_sent,
					  ex->now_ms);
	}
	err = netflow_nel_add_record(&ex->msg, ev, historic);
	if (err == -ENOSPC) {
		flush_pdu(ex);
		open_pdu(ex);
		err = netflow_nel_add_record(&ex->msg, ev, historic);
	}
	if (!err)
		ex->pdu_records++;
	return err;
}

/* NAT events share the flows' datagrams and sequence numbers; never sampled. */
static int emit_nat_event(void *ctx, const struct netflow_nat_event *ev)
{
	struct netflow_exporter *ex = ctx;
	unsigned int protocol = READ_ONCE(ex->cfg->protocol);
	int err;

	ready_pdu(ex, protocol);
	err = protocol == 5 ? add_nel_v5(ex, ev) : add_nel_templated(ex, ev);
	if (ex->pdu_full)
		flush_pdu(ex);
	return err;
}

/* --- options (docs/options.md) ------------------------------------------ */

#define IF_CHECK_MS	1000	/* how often the interface table is compared */

/*
 * interfaceDescription: the alias (ip link set dev X alias ...), else the
 * link kind (veth, bridge, ...), else empty. Under rcu_read_lock().
 */
static const char *if_desc(const struct net_device *dev)
{
	const struct dev_ifalias *alias = rcu_dereference(dev->ifalias);

	if (alias)
		return alias->ifalias;
	if (dev->rtnl_link_ops && dev->rtnl_link_ops->kind)
		return dev->rtnl_link_ops->kind;
	return "";
}

/* The index flows carry for @dev: snmp-rules= may renumber it. Under RCU. */
static u32 exported_ifindex(const struct netflow_exporter *ex,
			    const struct net_device *dev)
{
	const struct netflow_snmp_rules *rules = netflow_config_snmp_rules(ex->cfg);

	return rules ? netflow_snmp_map(rules, dev->name, dev->ifindex) : dev->ifindex;
}

/* What the interface records would say, hashed; changes when they do. */
static u32 if_table_hash(struct netflow_exporter *ex)
{
	struct net_device *dev;
	u32 h = 0;

	rcu_read_lock();
	for_each_netdev_rcu(ex->net, dev) {
		const char *desc = if_desc(dev);

		h = jhash_1word(exported_ifindex(ex, dev), h);
		h = jhash(dev->name, strnlen(dev->name, IFNAMSIZ), h);
		h = jhash(desc, strnlen(desc, NETFLOW_OPT_IF_DESC_LEN), h);
	}
	rcu_read_unlock();
	return h;
}

static void fill_totals(struct netflow_exporter *ex, struct netflow_opt_values *v)
{
	struct netflow_stats __percpu *st = ex->stats;

	v->exported_octets = netflow_stat_sum(st, NETFLOW_STAT_EXPORT_BYTES);
	v->exported_messages = netflow_stat_sum(st, NETFLOW_STAT_EXPORT_PACKETS);
	v->exported_flows = netflow_stat_sum(st, NETFLOW_STAT_EXPORT_FLOWS);
	v->observed_flows = netflow_stat_sum(st, NETFLOW_STAT_NEW);
	v->observed_packets = netflow_stat_sum(st, NETFLOW_STAT_PACKETS);
	v->observed_octets = netflow_stat_sum(st, NETFLOW_STAT_BYTES);
	v->ignored_packets = netflow_stat_sum(st, NETFLOW_STAT_DROP_PACKETS);
	v->ignored_octets = netflow_stat_sum(st, NETFLOW_STAT_DROP_BYTES);
	v->not_sent_flows = netflow_stat_sum(st, NETFLOW_STAT_LOST_FLOWS);
	v->not_sent_packets = netflow_stat_sum(st, NETFLOW_STAT_LOST_PACKETS);
	v->not_sent_octets = netflow_stat_sum(st, NETFLOW_STAT_LOST_BYTES);
	v->start_ms = ex->boot_epoch_ms + ex->start_ms;
	v->end_ms = ex->boot_epoch_ms + ex->now_ms;
}

/* Adds an options record (or template: @rec NULL), in a new datagram if need be. */
static int add_option(struct netflow_exporter *ex, enum netflow_opt o,
		      const struct netflow_opt_values *rec)
{
	int err, tries = 2;

	do {
		err = rec ? netflow_opt_add_record(&ex->msg, o, rec) :
			    netflow_opt_add_template(&ex->msg, o);
		if (err != -ENOSPC)
			break;
		flush_pdu(ex);
		open_pdu(ex);
	} while (--tries);
	return err;
}

/*
 * One record per device of the namespace. Written under RCU straight into
 * the datagram; when it is full the walk stops, the datagram leaves (not
 * under RCU) and the walk resumes after the devices already written.
 */
static void add_interfaces(struct netflow_exporter *ex,
			   struct netflow_opt_values *v)
{
	unsigned int done = 0, pos;
	struct net_device *dev;
	bool full;
	int err;

	do {
		full = false;
		pos = 0;
		rcu_read_lock();
		for_each_netdev_rcu(ex->net, dev) {
			char name[IFNAMSIZ];

			if (pos++ < done)
				continue;
			memcpy(name, dev->name, IFNAMSIZ);
			name[IFNAMSIZ - 1] = 0;
			v->ifindex = exported_ifindex(ex, dev);
			v->if_name = name;
			v->if_desc = if_desc(dev);
			err = netflow_opt_add_record(&ex->msg,
						     NETFLOW_OPT_INTERFACES, v);
			if (err == -ENOSPC && ex->msg.records) {
				full = true;
				break;
			}
			if (err)
				netflow_stat_inc(ex->stats, NETFLOW_STAT_UNEXPORTABLE);
			done++;
		}
		rcu_read_unlock();
		v->if_name = NULL;
		v->if_desc = NULL;
		if (full) {
			flush_pdu(ex);
			open_pdu(ex);
		}
	} while (full);
}

/*
 * Options records go at the start of a session, then every timeout-rate
 * minutes (as data templates at the latest); the statistics also when the
 * exporter stops, the interface table and the sampler also when they
 * change.
 */
static bool option_due(struct netflow_exporter *ex, enum netflow_opt o,
		       struct netflow_sampler sampler, bool final)
{
	u64 period = READ_ONCE(ex->cfg->timeout_rate) * 60000ULL;
	u32 h;

	if (!ex->opt_sent[o] ||
	    (period && ex->now_ms - ex->opt_sent_ms[o] >= period))
		return true;
	if (o == NETFLOW_OPT_SAMPLER_SYSTEMATIC || o == NETFLOW_OPT_SAMPLER_RANDOM)
		return !netflow_sampler_equal(&sampler, &ex->opt_sampler);
	if (o != NETFLOW_OPT_INTERFACES)
		return final;
	if (ex->now_ms - ex->if_checked_ms < IF_CHECK_MS)
		return false;
	ex->if_checked_ms = ex->now_ms;
	h = if_table_hash(ex);
	return h != ex->if_hash;
}

/*
 * The sampler's options template and record exist while it is on; of the
 * two templates, the one of its mode. The others always apply.
 */
static bool sampler_option_applies(enum netflow_opt o,
				   const struct netflow_sampler *s)
{
	if (o != NETFLOW_OPT_SAMPLER_SYSTEMATIC && o != NETFLOW_OPT_SAMPLER_RANDOM)
		return true;
	return s->mode != NETFLOW_SAMPLER_OFF && o == netflow_opt_sampler(s);
}

/*
 * v9 and IPFIX: the options templates that are due (the data templates'
 * rule) and the options records that are due (option_due(); @final: the
 * exporter stops). Return: whether anything was added.
 */
static bool export_options(struct netflow_exporter *ex, bool final)
{
	const struct netflow_config *cfg = ex->cfg;
	unsigned int protocol = READ_ONCE(cfg->protocol);
	struct netflow_opt_values v = {
		.domain_id = READ_ONCE(cfg->engine_id),
	};
	bool added = false;
	int o;

	if ((protocol != 9 && protocol != 10) || !ex->nr_sockets)
		return false;
	if (protocol != ex->protocol)
		switch_protocol(ex, protocol);
	v.sampler = netflow_config_sampler(cfg);
	for (o = 0; o < NETFLOW_OPT_COUNT; o++) {
		struct netflow_tmpl_refresh *r = &ex->opt_refresh[o];
		bool tmpl, rec;

		if (!sampler_option_applies(o, &v.sampler))
			continue;
		tmpl = netflow_tmpl_refresh_due(r, ex->msgs_sent, ex->now_ms,
						READ_ONCE(cfg->refresh_rate),
						READ_ONCE(cfg->timeout_rate));
		rec = option_due(ex, o, v.sampler, final);

		if (!rec) {
			/*
			 * A refresh alone rides with records already in the
			 * datagram rather than making one of its own.
			 */
			if (tmpl && ex->msg_open && ex->msg.records &&
			    !netflow_opt_add_template(&ex->msg, o))
				netflow_tmpl_refresh_sent(r, ex->msgs_sent,
							  ex->now_ms);
			continue;
		}
		if (!ex->msg_open)
			open_pdu(ex);
		added = true;
		if (tmpl) {
			if (add_option(ex, o, NULL)) {
				netflow_stat_inc(ex->stats, NETFLOW_STAT_UNEXPORTABLE);
				continue;
			}
			netflow_tmpl_refresh_sent(r, ex->msgs_sent, ex->now_ms);
		}
		if (!rec)
			continue;
		if (o == NETFLOW_OPT_INTERFACES) {
			ex->if_hash = if_table_hash(ex);
			ex->if_checked_ms = ex->now_ms;
			add_interfaces(ex, &v);
		} else if (o == NETFLOW_OPT_SAMPLER_SYSTEMATIC ||
			   o == NETFLOW_OPT_SAMPLER_RANDOM) {
			ex->opt_sampler = v.sampler;
			if (add_option(ex, o, &v))
				netflow_stat_inc(ex->stats, NETFLOW_STAT_UNEXPORTABLE);
		} else {
			fill_totals(ex, &v);
			if (add_option(ex, o, &v))
				netflow_stat_inc(ex->stats, NETFLOW_STAT_UNEXPORTABLE);
		}
		ex->opt_sent[o] = true;
		ex->opt_sent_ms[o] = ex->now_ms;
	}
	return added;
}

/* Return: the number of flows taken from the cache. */
static unsigned int scan(struct netflow_exporter *ex, bool all)
{
	const struct netflow_timeouts timeouts = netflow_config_timeouts(ex->cfg);
	unsigned int flows, active = atomic_read(&ex->cache->nr_flows);

	if (active > ex->peak_flows) {
		ex->peak_flows = active;
		ex->peak_time = jiffies;
	}
	/* ending every flow now: the packets still queued on CPUs first */
	if (all)
		netflow_pipeline_drain();
	else
		netflow_pipeline_kick();
	ex->now_jiffies = jiffies;
	ex->now_ms = uptime_ms();
	ex->boot_epoch_ms = boot_epoch_ms();
	flows = netflow_cache_expire(ex->cache, ex->now_jiffies, &timeouts, all,
				     emit_flow, ex);
	if (!ex->stopping || ex->nat.sock)
		netflow_natevents_poll(&ex->nat, ex->net,
				       READ_ONCE(ex->cfg->natevents),
				       emit_nat_event, ex);
	/* options records leave at once, with the flows of this scan */
	if (export_options(ex, ex->stopping) || all ||
	    time_after_eq(jiffies, ex->pdu_opened + PDU_MAX_AGE))
		flush_pdu(ex);
	return flows;
}

static void queue_scan(struct netflow_exporter *ex, unsigned long delay)
{
	int cpu = netflow_params_exportcpu();

	if (cpu >= 0 && cpu_online(cpu))
		queue_delayed_work_on(cpu, system_power_efficient_wq, &ex->work, delay);
	else
		queue_delayed_work(system_power_efficient_wq, &ex->work, delay);
}

static void update_rates(struct netflow_exporter *ex)
{
	unsigned long period = NETFLOW_RATE_PERIOD * HZ;
	bool late;
	int cpu;

	if (ex->rates_updated && time_before(jiffies, ex->rates_updated + period))
		return;
	/* after a pause the totals span more than a period: start afresh */
	late = ex->rates_updated && time_after(jiffies, ex->rates_updated + 2 * period);
	ex->rates_updated = jiffies;
	if (late) {
		ex->in_pps.primed = false;
		ex->in_bps.primed = false;
		ex->out_byte_rate.primed = false;
		for_each_possible_cpu(cpu)
			ex->cpu_pps[cpu].primed = false;
	}
	netflow_rate_update(&ex->in_pps, netflow_stat_sum(ex->stats, NETFLOW_STAT_PACKETS));
	netflow_rate_update(&ex->in_bps, 8 * netflow_stat_sum(ex->stats, NETFLOW_STAT_BYTES));
	netflow_rate_update(&ex->out_byte_rate,
			    netflow_stat_sum(ex->stats, NETFLOW_STAT_EXPORT_BYTES));
	for_each_possible_cpu(cpu)
		netflow_rate_update(&ex->cpu_pps[cpu],
				    per_cpu_ptr(ex->stats, cpu)->value[NETFLOW_STAT_PACKETS]);
}

static void export_work(struct work_struct *work)
{
	struct netflow_exporter *ex =
		container_of(to_delayed_work(work), struct netflow_exporter, work);
	unsigned long delay = SCAN_INTERVAL;

	update_rates(ex);
	if (scan(ex, false) >= NETFLOW_V5_MAX_RECORDS)	/* busy: come back soon */
		delay = msecs_to_jiffies(READ_ONCE(ex->cfg->scan_min));
	queue_scan(ex, delay);
}

int netflow_export_start(struct netflow_exporter *ex, struct net *net,
			 const struct netflow_config *cfg,
			 struct netflow_cache *cache,
			 struct netflow_stats __percpu *stats)
{
	ex->cpu_pps = kcalloc(nr_cpu_ids, sizeof(*ex->cpu_pps), GFP_KERNEL);
	if (!ex->cpu_pps)
		return -ENOMEM;
	ex->net = net;
	ex->cfg = cfg;
	ex->cache = cache;
	ex->stats = stats;
	ex->pdu_records = 0;
	ex->nr_sockets = 0;
	ex->start_ms = uptime_ms();
	ex->stopping = false;
	netflow_export_reopen_sockets(ex);
	INIT_DELAYED_WORK(&ex->work, export_work);
	netflow_export_resume(ex);
	return 0;
}

static void close_sockets(struct netflow_exporter *ex)
{
	unsigned int i;

	for (i = 0; i < ex->nr_sockets; i++)
		netflow_socket_close(&ex->sockets[i]);
	ex->nr_sockets = 0;
}

/* Exports every flow left in the cache, then closes the sockets. */
void netflow_export_stop(struct netflow_exporter *ex)
{
	netflow_export_pause(ex);
	ex->stopping = true;		/* the last statistics go too */
	scan(ex, true);
	netflow_natevents_close(&ex->nat);
	close_sockets(ex);
	kfree(ex->cpu_pps);
	ex->cpu_pps = NULL;
}

void netflow_export_pause(struct netflow_exporter *ex)
{
	cancel_delayed_work_sync(&ex->work);
}

void netflow_export_resume(struct netflow_exporter *ex)
{
	queue_scan(ex, SCAN_INTERVAL);
}

/* Ends every flow now and sends it, with the current protocol. */
void netflow_export_flush(struct netflow_exporter *ex)
{
	scan(ex, true);
}

/*
 * Opens sockets for the configured collectors, after sending what is
 * pending to the old ones. Socket counters start again from zero.
 */
void netflow_export_reopen_sockets(struct netflow_exporter *ex)
{
	const struct netflow_config *cfg = ex->cfg;
	unsigned int i;

	flush_pdu(ex);
	close_sockets(ex);
	for (i = 0; i < cfg->nr_dests; i++)
		netflow_socket_setup(&ex->sockets[i], ex->net, &cfg->dests[i],
				     cfg->sndbuf);
	ex->nr_sockets = cfg->nr_dests;
	/* new sockets, new sessions: sequences from 0, templates at once */
	ex->v5_flows = 0;
	ex->v9_packets = 0;
	ex->ipfix_records = 0;
	ex->msgs_sent = 0;
	memset(ex->refresh, 0, sizeof(ex->refresh));
	reset_options(ex);
}
