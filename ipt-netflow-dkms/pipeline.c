// SPDX-License-Identifier: GPL-2.0
/*
 * Metering a few packets late. A new flow costs one cache miss above all
 * else: its random bucket in a table of megabytes. The target starts
 * that load and leaves the packet on its CPU's short queue; the packet
 * is metered when the queue is full and the next one arrives, by which
 * time its bucket is in the cache, so the misses of consecutive packets
 * overlap instead of adding up.
 *
 * Nothing waits long: the exporter has every CPU empty its queue before
 * each scan (a tenth of a second), and empties them all before it ends
 * flows at once (flush, teardown), as do the statistics readers.
 */
#include <linux/bottom_half.h>
#include <linux/cpu.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/workqueue.h>

#include "config.h"
#include "pipeline.h"

DEFINE_PER_CPU_ALIGNED(struct netflow_pipeline, netflow_pipelines);

/* Serialises draining the queues of offline CPUs. */
static DEFINE_MUTEX(offline_mutex);

/**
 * netflow_pipeline_meter() - meter a packet that waited
 * @p: the packet; the limit is the one it met, the timeouts, which
 *	compare flow ages with now, are read now
 */
void netflow_pipeline_meter(const struct netflow_pending *p)
{
	const struct netflow_timeouts timeouts = netflow_config_timeouts(p->cfg);
	int err;

	err = netflow_cache_account(p->cache, &p->pkt, p->hash, p->now,
				    &timeouts, p->maxflows);
	netflow_count_metered(p->stats, err, p->pkt.bytes);
}

static void drain_queue(struct netflow_pipeline *pl)
{
	while (pl->count) {
		netflow_pipeline_meter(&pl->slot[(pl->head - pl->count) %
						   NETFLOW_PIPELINE_DEPTH]);
		WRITE_ONCE(pl->count, pl->count - 1);
	}
}

static void drain_work(struct work_struct *work)
{
	struct netflow_pipeline *pl = container_of(work, struct netflow_pipeline,
						   drain);

	local_bh_disable();
	/* a work whose CPU went offline runs elsewhere: drain_offline() */
	if (pl == this_cpu_ptr(&netflow_pipelines))
		drain_queue(pl);
	local_bh_enable();
}

/* No packet runs on an offline CPU; cpus_read_lock() keeps it offline. */
static void drain_offline(void)
{
	int cpu;

	mutex_lock(&offline_mutex);
	for_each_possible_cpu(cpu) {
		if (!cpu_online(cpu) && per_cpu(netflow_pipelines, cpu).count) {
			local_bh_disable();
			drain_queue(per_cpu_ptr(&netflow_pipelines, cpu));
			local_bh_enable();
		}
	}
	mutex_unlock(&offline_mutex);
}

/**
 * netflow_pipeline_kick() - have every CPU meter what it holds, soon
 *
 * Process context; does not wait.
 */
void netflow_pipeline_kick(void)
{
	int cpu;

	cpus_read_lock();
	for_each_online_cpu(cpu) {
		struct netflow_pipeline *pl = per_cpu_ptr(&netflow_pipelines, cpu);

		if (READ_ONCE(pl->count))
			queue_work_on(cpu, system_highpri_wq, &pl->drain);
	}
	drain_offline();
	cpus_read_unlock();
}

/**
 * netflow_pipeline_drain() - meter every waiting packet, now
 *
 * Process context; sleeps until every CPU has emptied its queue. After
 * a namespace's instance is unpublished and an RCU grace period has
 * passed, this leaves no packet that refers to it.
 */
void netflow_pipeline_drain(void)
{
	int cpu;

	cpus_read_lock();
	for_each_online_cpu(cpu)
		queue_work_on(cpu, system_highpri_wq,
			      &per_cpu_ptr(&netflow_pipelines, cpu)->drain);
	for_each_online_cpu(cpu)
		flush_work(&per_cpu_ptr(&netflow_pipelines, cpu)->drain);
	drain_offline();
	cpus_read_unlock();
}

void netflow_pipeline_init(void)
{
	int cpu;

	for_each_possible_cpu(cpu)
		INIT_WORK(&per_cpu_ptr(&netflow_pipelines, cpu)->drain, drain_work);
}

/* After every namespace is gone: the queues are empty, a work may linger. */
void netflow_pipeline_exit(void)
{
	int cpu;

	for_each_possible_cpu(cpu) {
		struct netflow_pipeline *pl = per_cpu_ptr(&netflow_pipelines, cpu);

		cancel_work_sync(&pl->drain);
		WARN_ON_ONCE(pl->count);
	}
}
