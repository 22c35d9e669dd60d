// SPDX-License-Identifier: GPL-2.0
/*
 * The export worker: takes due flows from the cache, packs them into
 * datagrams and sends each datagram to every collector. Runs only in
 * process context; the packet path never waits for it.
 */
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/timekeeping.h>

#include "export.h"
#include "v5.h"

/* How often the cache is scanned, and how long a datagram may wait. */
#define SCAN_INTERVAL	(HZ / 10)
#define PDU_MAX_AGE	(HZ - SCAN_INTERVAL)

static u64 uptime_ms(void)
{
	return div_u64(ktime_get_boottime_ns(), NSEC_PER_MSEC);
}

static void send_to_all(struct netflow_exporter *ex, const void *data,
			size_t len, unsigned int flows)
{
	unsigned int i, delivered = 0;

	for (i = 0; i < ex->nr_sockets; i++) {
		if (netflow_socket_send(&ex->sockets[i], ex->net, ex->cfg->sndbuf,
					data, len) == 0)
			delivered++;
		else
			netflow_stat_inc(ex->stats, NETFLOW_STAT_EXPORT_ERRORS);
	}
	if (delivered) {
		netflow_stat_inc(ex->stats, NETFLOW_STAT_EXPORT_PACKETS);
		netflow_stat_add(ex->stats, NETFLOW_STAT_EXPORT_BYTES, len);
		netflow_stat_add(ex->stats, NETFLOW_STAT_EXPORT_FLOWS, flows);
	} else {
		netflow_stat_add(ex->stats, NETFLOW_STAT_LOST_FLOWS, flows);
	}
}

static void flush_pdu(struct netflow_exporter *ex)
{
	struct netflow_v5_context ctx = {
		.uptime_ms = (u32)uptime_ms(),
		.flow_sequence = ex->flow_sequence,
		.engine_id = (u8)ex->cfg->engine_id,
	};
	struct timespec64 ts;

	if (!ex->pdu_records)
		return;
	ktime_get_real_ts64(&ts);
	ctx.unix_secs = (u32)ts.tv_sec;
	ctx.unix_nsecs = ts.tv_nsec;
	netflow_v5_write_header(ex->pdu, &ctx, ex->pdu_records);
	send_to_all(ex, ex->pdu, sizeof(struct netflow_v5_header) +
		    ex->pdu_records * sizeof(struct netflow_v5_record),
		    ex->pdu_records);
	/* RFC-less but universal: v5 sequence counts flows, sent or not */
	ex->flow_sequence += ex->pdu_records;
	ex->pdu_records = 0;
}

/* Flow times are jiffies; the wire wants milliseconds of uptime. */
static u64 to_uptime_ms(const struct netflow_exporter *ex, unsigned long t)
{
	return ex->now_ms - jiffies_to_msecs(ex->now_jiffies - t);
}

static void emit_flow(void *ctx, const struct netflow_flow *flow)
{
	struct netflow_exporter *ex = ctx;
	struct netflow_record rec = {
		.key = flow->key,
		.nexthop = flow->nexthop,
		.out_ifindex = flow->out_ifindex,
		.packets = flow->packets,
		.bytes = flow->bytes,
		.first_ms = to_uptime_ms(ex, flow->first),
		.last_ms = to_uptime_ms(ex, flow->last),
		.tcp_flags = flow->tcp_flags,
		.end_reason = flow->end_reason,
	};
	void *slot = ex->pdu + sizeof(struct netflow_v5_header) +
		     ex->pdu_records * sizeof(struct netflow_v5_record);

	if (netflow_v5_write_record(slot, &rec)) {
		netflow_stat_inc(ex->stats, NETFLOW_STAT_UNEXPORTABLE);
		return;
	}
	if (!ex->pdu_records++)
		ex->pdu_opened = ex->now_jiffies;
	if (ex->pdu_records == NETFLOW_V5_MAX_RECORDS)
		flush_pdu(ex);
}

static void scan(struct netflow_exporter *ex, bool all)
{
	const struct netflow_timeouts timeouts = {
		.active = ex->cfg->active_timeout * HZ,
		.inactive = ex->cfg->inactive_timeout * HZ,
	};

	ex->now_jiffies = jiffies;
	ex->now_ms = uptime_ms();
	netflow_cache_expire(ex->cache, ex->now_jiffies, &timeouts, all,
			     emit_flow, ex);
	if (all || time_after_eq(jiffies, ex->pdu_opened + PDU_MAX_AGE))
		flush_pdu(ex);
}

static void export_work(struct work_struct *work)
{
	struct netflow_exporter *ex =
		container_of(to_delayed_work(work), struct netflow_exporter, work);

	scan(ex, false);
	queue_delayed_work(system_power_efficient_wq, &ex->work, SCAN_INTERVAL);
}

void netflow_export_start(struct netflow_exporter *ex, struct net *net,
			  const struct netflow_config *cfg,
			  struct netflow_cache *cache,
			  struct netflow_stats __percpu *stats)
{
	unsigned int i;

	ex->net = net;
	ex->cfg = cfg;
	ex->cache = cache;
	ex->stats = stats;
	ex->pdu_records = 0;
	ex->nr_sockets = cfg->nr_dests;
	for (i = 0; i < cfg->nr_dests; i++)
		netflow_socket_setup(&ex->sockets[i], net, &cfg->dests[i],
				     cfg->sndbuf);
	INIT_DELAYED_WORK(&ex->work, export_work);
	queue_delayed_work(system_power_efficient_wq, &ex->work, SCAN_INTERVAL);
}

/* Exports every flow left in the cache, then closes the sockets. */
void netflow_export_stop(struct netflow_exporter *ex)
{
	unsigned int i;

	cancel_delayed_work_sync(&ex->work);
	scan(ex, true);
	for (i = 0; i < ex->nr_sockets; i++)
		netflow_socket_close(&ex->sockets[i]);
	ex->nr_sockets = 0;
}
