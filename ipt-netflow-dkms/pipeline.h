/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _NETFLOW_PIPELINE_H
#define _NETFLOW_PIPELINE_H

#include <linux/percpu.h>
#include <linux/workqueue.h>

#include "cache.h"
#include "config.h"

/*
 * A packet waiting on its CPU to be metered, its bucket already being
 * loaded. Plain packets (no optional fields) go this way.
 */
struct netflow_pending {
	struct netflow_cache *cache;
	const struct netflow_config *cfg;	/* its namespace's */
	struct netflow_stats __percpu *stats;	/* its namespace's */
	unsigned long now;		/* jiffies when it passed the target */
	u32 hash;
	u32 maxflows;			/* in force when it passed the target */
	struct netflow_packet pkt;
};

/* The timeouts in force, in jiffies, as the cache takes them. */
static inline struct netflow_timeouts
netflow_config_timeouts(const struct netflow_config *cfg)
{
	return (struct netflow_timeouts) {
		.active = READ_ONCE(cfg->active_timeout) * HZ,
		.inactive = READ_ONCE(cfg->inactive_timeout) * HZ,
	};
}

/* Enough packets to cover a memory latency; a power of two. */
#define NETFLOW_PIPELINE_DEPTH	8

/* Only its CPU, with BH disabled, touches a queue (pipeline.c). */
struct netflow_pipeline {
	unsigned int head;		/* the slot the next packet fills */
	unsigned int count;		/* packets waiting, oldest first */
	struct work_struct drain;
	struct netflow_pending slot[NETFLOW_PIPELINE_DEPTH];
};

DECLARE_PER_CPU_ALIGNED(struct netflow_pipeline, netflow_pipelines);

void netflow_pipeline_meter(const struct netflow_pending *p);

/**
 * netflow_pipeline_slot() - where the packet path puts its packet
 *
 * BH disabled. If the queue is full, meters its oldest packet first.
 *
 * Return: this CPU's free slot; netflow_pipeline_commit() queues it,
 * or the caller may leave it unused.
 */
static inline struct netflow_pending *netflow_pipeline_slot(void)
{
	struct netflow_pipeline *pl = this_cpu_ptr(&netflow_pipelines);

	/* full: the oldest is in the slot the new packet takes */
	if (pl->count == NETFLOW_PIPELINE_DEPTH) {
		netflow_pipeline_meter(&pl->slot[pl->head]);
		WRITE_ONCE(pl->count, pl->count - 1);
	}
	return &pl->slot[pl->head];
}

/**
 * netflow_pipeline_commit() - queue the slot netflow_pipeline_slot() gave
 *
 * BH still disabled. Halfway through the queue a packet's bucket has
 * arrived: the flow it points to starts loading in turn.
 */
static inline void netflow_pipeline_commit(void)
{
	struct netflow_pipeline *pl = this_cpu_ptr(&netflow_pipelines);
	const struct netflow_pending *half;

	pl->head = (pl->head + 1) % NETFLOW_PIPELINE_DEPTH;
	WRITE_ONCE(pl->count, pl->count + 1);
	if (pl->count > NETFLOW_PIPELINE_DEPTH / 2) {
		half = &pl->slot[(pl->head - 1 - NETFLOW_PIPELINE_DEPTH / 2) %
				 NETFLOW_PIPELINE_DEPTH];
		netflow_cache_prefetch_flow(half->cache, half->hash);
	}
}

void netflow_pipeline_kick(void);
void netflow_pipeline_drain(void);
void netflow_pipeline_init(void);
void netflow_pipeline_exit(void);

/**
 * netflow_count_metered() - count a packet the cache took or refused
 * @stats: the namespace's counters
 * @err: what netflow_cache_account() returned; it counted the reason
 * @bytes: the packet's length
 */
static inline void netflow_count_metered(struct netflow_stats __percpu *stats,
					 int err, u32 bytes)
{
	if (unlikely(err)) {
		netflow_stat_inc(stats, NETFLOW_STAT_DROP_PACKETS);
		netflow_stat_add(stats, NETFLOW_STAT_DROP_BYTES, bytes);
		return;
	}
	netflow_stat_inc(stats, NETFLOW_STAT_PACKETS);
	netflow_stat_add(stats, NETFLOW_STAT_BYTES, bytes);
}

#endif /* _NETFLOW_PIPELINE_H */
