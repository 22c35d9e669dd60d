/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _NETFLOW_CACHE_H
#define _NETFLOW_CACHE_H

#include <linux/list.h>
#include <linux/siphash.h>
#include <linux/spinlock.h>
#include <linux/types.h>

#include "record.h"
#include "stats.h"

/*
 * Locking legend: [I] set before the cache is used, then immutable;
 * [s] the stripe lock of the flow's bucket; [P] per-CPU.
 */

/* What the packet path learned from one packet. */
struct netflow_packet {
	struct netflow_key key;
	union netflow_inaddr nexthop;
	u32 out_ifindex;
	u32 bytes;			/* layer 3 length */
	u8 tcp_flags;
};

struct netflow_flow {
	struct hlist_node node;		/* [s] bucket chain */
	struct list_head lru;		/* [s] stripe list, most recent first */
	struct netflow_key key;		/* [I] */
	union netflow_inaddr nexthop;	/* [s] from the first packet */
	u32 out_ifindex;		/* [s] from the first packet */
	u32 first;			/* [s] jiffies, low 32 bits */
	u32 last;			/* [s] jiffies, low 32 bits */
	u32 lru_stamp;			/* [s] jiffies when last moved in the LRU */
	u8 tcp_flags;			/* [s] OR of all packets */
	u8 end_reason;			/* [s] set once the flow is unhashed */
	bool closing;			/* [s] on the closing list: FIN or RST seen */
	u64 packets;			/* [s] */
	u64 bytes;			/* [s] */
};

enum {
	NETFLOW_CACHE_STRIPES = 256,
	/* a TCP flow leaves this long after its last packet once FIN/RST is seen */
	NETFLOW_CLOSE_DELAY_MS = 1000,
};

/*
 * Each stripe is a small hash table of its own, so that a resize can
 * rehash one stripe at a time while the others keep metering. Its LRU
 * list is kept roughly in order: a flow moves to the head at most once a
 * second, which spares the packet path most list writes; expiry puts back
 * in place the flows it finds used since.
 */
struct netflow_stripe {
	spinlock_t lock;		/* guards everything below */
	struct hlist_head *buckets;	/* [s] */
	unsigned int nr_buckets;	/* [s] */
	struct list_head lru;		/* [s] hashed flows, newest first */
	struct list_head closing;	/* [s] hashed, FIN or RST seen */
	struct list_head ended;		/* [s] unhashed, waiting for export */
} ____cacheline_aligned_in_smp;

/* Timeouts in jiffies; read once per packet, may change at any time. */
struct netflow_timeouts {
	unsigned long active;
	unsigned long inactive;
};

struct netflow_cache {
	unsigned int nr_buckets;	/* sum over the stripes */
	hsiphash_key_t seed;		/* [I] */
	atomic_t nr_flows;
	struct netflow_stats __percpu *stats;	/* [I] */
	struct netflow_stripe stripes[NETFLOW_CACHE_STRIPES];
};

typedef void (*netflow_emit_t)(void *ctx, const struct netflow_flow *flow);

int netflow_cache_global_init(void);
void netflow_cache_global_exit(void);

int netflow_cache_init(struct netflow_cache *cache, unsigned int nr_buckets,
		       struct netflow_stats __percpu *stats);
void netflow_cache_free(struct netflow_cache *cache);
int netflow_cache_resize(struct netflow_cache *cache, unsigned int nr_buckets);
unsigned int netflow_cache_stripe_count(struct netflow_cache *cache,
					unsigned int stripe);
unsigned int netflow_cache_stripe_copy(struct netflow_cache *cache,
				       unsigned int stripe,
				       struct netflow_flow *out, unsigned int max);
unsigned int netflow_cache_default_buckets(void);

u32 netflow_cache_hash(const struct netflow_cache *cache,
		       const struct netflow_key *key);
int netflow_cache_account(struct netflow_cache *cache,
			  const struct netflow_packet *pkt, u32 hash,
			  unsigned long now,
			  const struct netflow_timeouts *timeouts,
			  unsigned int maxflows);
unsigned int netflow_cache_expire(struct netflow_cache *cache, unsigned long now,
				  const struct netflow_timeouts *timeouts,
				  bool all, netflow_emit_t emit, void *ctx);

#endif /* _NETFLOW_CACHE_H */
