/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _NETFLOW_CACHE_H
#define _NETFLOW_CACHE_H

#include <linux/in6.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/prefetch.h>
#include <linux/siphash.h>
#include <linux/spinlock.h>
#include <linux/types.h>

#include "record.h"
#include "stats.h"

/*
 * Locking legend: [I] set before the cache is used, then immutable;
 * [s] the stripe lock of the flow's bucket; [P] per-CPU.
 */

/*
 * A flow's identity as the cache hashes, compares and stores it. The
 * addresses follow the common part directly, so an IPv4 key is its first
 * 20 bytes: IPv4 flows hash, compare and keep 20 bytes, not 44. Every
 * byte counts, so keys start zeroed and have no implicit padding.
 */
struct netflow_fkey_head {
	u32 in_ifindex;
	__be16 src_port;
	__be16 dst_port;		/* ICMP: type << 8 | code */
	u8 family;			/* AF_INET or AF_INET6 */
	u8 protocol;
	u8 tos;
	u8 reserved;
};

struct netflow_fkey4 {
	struct netflow_fkey_head h;
	__be32 src;
	__be32 dst;
};

struct netflow_fkey6 {
	struct netflow_fkey_head h;
	struct in6_addr src;
	struct in6_addr dst;
};

union netflow_fkey {
	struct netflow_fkey_head h;
	struct netflow_fkey4 v4;
	struct netflow_fkey6 v6;
};

static_assert(sizeof(struct netflow_fkey4) == 20);
static_assert(sizeof(struct netflow_fkey6) == 44);

/* What the packet path learned from one packet. */
struct netflow_packet {
	union netflow_fkey key;
	union netflow_inaddr nexthop;
	u32 out_ifindex;
	u32 bytes;			/* layer 3 length */
	u8 tcp_flags;
};

/*
 * One flow. IPv4 and IPv6 flows come from two slab caches: an IPv4 flow
 * is allocated only up to the end of its v4 part, 64 bytes: one cache
 * line, and a million flows in 64 MB. Flows of a namespace with
 * optional fields (fields=, aggregation masks) come from two more caches
 * whose objects carry a struct netflow_fields_data right after the
 * family part: netflow_flow_fields().
 */
struct netflow_flow {
	struct netflow_flow *next;	/* [s] bucket chain, then ended list */
	u64 packets;			/* [s] */
	u64 bytes;			/* [s] */
	u32 first;			/* [s] jiffies, low 32 bits */
	u32 last;			/* [s] jiffies, low 32 bits */
	u32 out_ifindex;		/* [s] from the first packet */
	u8 tcp_flags;			/* [s] OR of all packets */
	u8 end_reason;			/* [s] set once the flow is unhashed */
	bool closing;			/* [s] on the stripe's closing array */
	bool extended;			/* [I] a netflow_fields_data tail follows */
	union {				/* [I] key; [s] nexthop */
		struct netflow_fkey_head h;
		struct {
			struct netflow_fkey4 key;
			__be32 nexthop;
		} v4;
		struct {
			struct netflow_fkey6 key;
			struct in6_addr nexthop;
		} v6;
	};
};

enum {
	NETFLOW_CACHE_STRIPES = 256,
	/* a TCP flow leaves this long after its last packet once FIN/RST is seen */
	NETFLOW_CLOSE_DELAY_MS = 1000,
};

/*
 * Each stripe is a small hash table of its own, so that a resize can
 * rehash one stripe at a time while the others keep metering. Flows carry
 * no age list: a cursor sweeps the buckets, a slice per call in
 * proportion to the time since the last call, so that every flow is
 * looked at once per sweep period and the packet path writes nothing but
 * the flow it meters. Flows that saw FIN or RST are also listed in the
 * closing array, which every call walks, so they leave promptly; an array
 * rather than a link in each flow keeps an IPv4 flow in one cache line.
 */
struct netflow_stripe {
	spinlock_t lock;		/* guards everything below */
	unsigned int nr_buckets;	/* [s] */
	struct netflow_flow **buckets;	/* [s] */
	unsigned int nr_flows4;		/* [s] hashed IPv4 flows */
	unsigned int nr_flows6;		/* [s] hashed IPv6 flows */
	unsigned int nr_extended;	/* [s] of them, with a fields tail */
	unsigned int sweep_next;	/* [s] bucket the sweep visits next */
	unsigned int nr_closing;	/* [s] used entries of closing[] */
	unsigned int closing_size;	/* [s] room in closing[] */
	unsigned long sweep_stamp;	/* [s] jiffies of the last sweep */
	struct netflow_flow **closing;	/* [s] hashed, FIN or RST seen */
	struct netflow_flow *ended;	/* [s] unhashed, waiting for export */
} ____cacheline_aligned_in_smp;

/* Timeouts in jiffies; read once per packet, may change at any time. */
struct netflow_timeouts {
	unsigned long active;
	unsigned long inactive;
};

struct netflow_cache {
	unsigned int nr_buckets;	/* sum over the stripes */
	unsigned int grow_max;		/* auto-sized up to this; 0: fixed */
	struct mutex resize_mutex;	/* one resize at a time */
	hsiphash_key_t seed;		/* [I] */
	atomic_t nr_flows;
	struct netflow_stats __percpu *stats;	/* [I] */
	struct netflow_stripe stripes[NETFLOW_CACHE_STRIPES];
};

/* A copy of one flow for readers outside the cache (the flow dump). */
struct netflow_flow_view {
	struct netflow_record rec;	/* times left zero */
	u32 first;			/* jiffies */
	u32 last;
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
				       struct netflow_flow_view *out,
				       unsigned int max);
size_t netflow_cache_memory(struct netflow_cache *cache);
unsigned long netflow_cache_sweep_period(const struct netflow_timeouts *timeouts);

void netflow_flow_record(const struct netflow_flow *flow,
			 struct netflow_record *rec);

u32 netflow_cache_hash(const struct netflow_cache *cache,
		       const union netflow_fkey *key);
u32 netflow_cache_hash_fields(const struct netflow_cache *cache,
			      const union netflow_fkey *key,
			      const struct netflow_fields_data *fields);
/**
 * netflow_cache_prefetch() - start loading the bucket of a hash
 * @cache: the cache
 * @hash: netflow_cache_hash() of a packet's key
 *
 * For the packet path, as soon as it knows the hash: the bucket is a
 * cache miss in a large table, which then overlaps the work done before
 * netflow_cache_account(). Unlocked: during a resize it may prefetch a
 * useless address, which never faults.
 */
static inline void netflow_cache_prefetch(struct netflow_cache *cache, u32 hash)
{
	const struct netflow_stripe *stripe =
		&cache->stripes[hash % NETFLOW_CACHE_STRIPES];
	struct netflow_flow **buckets = READ_ONCE(stripe->buckets);

	prefetch(&buckets[reciprocal_scale(hash, READ_ONCE(stripe->nr_buckets))]);
}

/**
 * netflow_cache_prefetch_flow() - start loading the first flow of a bucket
 * @cache: the cache
 * @hash: as netflow_cache_prefetch(), which should have run a while ago
 *
 * For a packet metered later (pipeline.c): the flow it will compare
 * first is then a cache hit too. Unlocked, under RCU: a resize frees a
 * bucket array only after a grace period, and the array's own length
 * (slot -1) keeps the index inside it; a flow freed meanwhile is only
 * prefetched, never read.
 */
static inline void netflow_cache_prefetch_flow(struct netflow_cache *cache,
					       u32 hash)
{
	const struct netflow_stripe *stripe =
		&cache->stripes[hash % NETFLOW_CACHE_STRIPES];
	struct netflow_flow **buckets = READ_ONCE(stripe->buckets);
	unsigned int n = (unsigned long)buckets[-1];

	prefetch(READ_ONCE(buckets[reciprocal_scale(hash, n)]));
}

int netflow_cache_account(struct netflow_cache *cache,
			  const struct netflow_packet *pkt, u32 hash,
			  unsigned long now,
			  const struct netflow_timeouts *timeouts,
			  unsigned int maxflows);
int netflow_cache_account_fields(struct netflow_cache *cache,
				 const struct netflow_packet *pkt, u32 hash,
				 unsigned long now,
				 const struct netflow_timeouts *timeouts,
				 unsigned int maxflows,
				 const struct netflow_fields_data *fields);
struct netflow_fields_data *netflow_flow_fields(const struct netflow_flow *flow);
unsigned int netflow_cache_expire(struct netflow_cache *cache, unsigned long now,
				  const struct netflow_timeouts *timeouts,
				  bool all, netflow_emit_t emit, void *ctx);

#endif /* _NETFLOW_CACHE_H */
