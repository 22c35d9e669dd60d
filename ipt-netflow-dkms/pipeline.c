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

#include "netns.h"
#include "pipeline.h"

/* Enough packets to cover a memory latency; a power of two. */
#define PIPELINE_DEPTH	8

struct netflow_pipeline {
	unsigned int head;		/* the slot the next packet fills */
	unsigned int count;		/* packets waiting, oldest first */
	struct work_struct drain;
	struct netflow_pending slot[PIPELINE_DEPTH];
};

/* Only its CPU, with BH disabled, touches a queue: see drain_offline(). */
static DEFINE_PER_CPU_ALIGNED(struct netflow_pipeline, pipelines);

/* Serialises draining the queues of offline CPUs. */
static DEFINE_MUTEX(offline_mutex);

/**
 * netflow_count_metered() - count a packet the cache took or refused
 * @stats: the namespace's counters
 * @err: what netflow_cache_account() returned; it counted the reason
 * @bytes: the packet's length
 */
void netflow_count_metered(struct netflow_stats __percpu *stats, int err,
			   u32 bytes)
{
	if (unlikely(err)) {
		netflow_stat_inc(stats, NETFLOW_STAT_DROP_PACKETS);
		netflow_stat_add(stats, NETFLOW_STAT_DROP_BYTES, bytes);
		return;
	}
	netflow_stat_inc(stats, NETFLOW_STAT_PACKETS);
	netflow_stat_add(stats, NETFLOW_STAT_BYTES, bytes);
}

/*
 * The limit is the one the packet met; the timeouts, which compare flow
 * ages with now, are read now.
 */
static void meter(const struct netflow_pending *p)
{
	const struct netflow_config *cfg = &p->nn->cfg;
	const struct netflow_timeouts timeouts = {
		.active = READ_ONCE(cfg->active_timeout) * HZ,
		.inactive = READ_ONCE(cfg->inactive_timeout) * HZ,
	};
	int err;

	err = netflow_cache_account(&p->inst->cache, &p->pkt, p->hash, p->now,
				    &timeouts, p->maxflows);
	netflow_count_metered(p->nn->stats, err, p->pkt.bytes);
}

static void drain_queue(struct netflow_pipeline *pl)
{
	while (pl->count) {
		meter(&pl->slot[(pl->head - pl->count) % PIPELINE_DEPTH]);
		WRITE_ONCE(pl->count, pl->count - 1);
	}
}

/**
 * netflow_pipeline_slot() - where the packet path puts its packet
 *
 * BH disabled. If the queue is full, meters its oldest packet first.
 *
 * Return: this CPU's free slot; netflow_pipeline_commit() queues it,
 * or the caller may leave it unused.
 */
struct netflow_pending *netflow_pipeline_slot(void)
{
	struct netflow_pipeline *pl = this_cpu_ptr(&pipelines);

	/* full: the oldest is in the slot the new packet takes */
	if (pl->count == PIPELINE_DEPTH) {
		meter(&pl->slot[pl->head]);
		WRITE_ONCE(pl->count, pl->count - 1);
	}
	return &pl->slot[pl->head];
}

/*
 * Queues the slot netflow_pipeline_slot() returned; BH still disabled.
 * Halfway through the queue a packet's bucket has arrived: the flow it
 * points to starts loading in turn.
 */
void netflow_pipeline_commit(void)
{
	struct netflow_pipeline *pl = this_cpu_ptr(&pipelines);
	const struct netflow_pending *half;

	pl->head = (pl->head + 1) % PIPELINE_DEPTH;
	WRITE_ONCE(pl->count, pl->count + 1);
	if (pl->count > PIPELINE_DEPTH / 2) {
		half = &pl->slot[(pl->head - 1 - PIPELINE_DEPTH / 2) % PIPELINE_DEPTH];
		netflow_cache_prefetch_flow(&half->inst->cache, half->hash);
	}
}

static void drain_work(struct work_struct *work)
{
	struct netflow_pipeline *pl = container_of(work, struct netflow_pipeline,
						   drain);

	local_bh_disable();
	/* a work whose CPU went offline runs elsewhere: drain_offline() */
	if (pl == this_cpu_ptr(&pipelines))
		drain_queue(pl);
	local_bh_enable();
}

/* No packet runs on an offline CPU; cpus_read_lock() keeps it offline. */
static void drain_offline(void)
{
	int cpu;

	mutex_lock(&offline_mutex);
	for_each_possible_cpu(cpu) {
		if (!cpu_online(cpu) && per_cpu(pipelines, cpu).count) {
			local_bh_disable();
			drain_queue(per_cpu_ptr(&pipelines, cpu));
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
		struct netflow_pipeline *pl = per_cpu_ptr(&pipelines, cpu);

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
			      &per_cpu_ptr(&pipelines, cpu)->drain);
	for_each_online_cpu(cpu)
		flush_work(&per_cpu_ptr(&pipelines, cpu)->drain);
	drain_offline();
	cpus_read_unlock();
}

void netflow_pipeline_init(void)
{
	int cpu;

	for_each_possible_cpu(cpu)
		INIT_WORK(&per_cpu_ptr(&pipelines, cpu)->drain, drain_work);
}

/* After every namespace is gone: the queues are empty, a work may linger. */
void netflow_pipeline_exit(void)
{
	int cpu;

	for_each_possible_cpu(cpu) {
		struct netflow_pipeline *pl = per_cpu_ptr(&pipelines, cpu);

		cancel_work_sync(&pl->drain);
		WARN_ON_ONCE(pl->count);
	}
}
