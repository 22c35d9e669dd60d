// SPDX-License-Identifier: GPL-2.0
/*
 * The flow cache: a hash table of flows split into lock stripes. Each
 * stripe keeps its flows in least-recently-used order, so expiry walks
 * only the flows that are due. The caller passes the clock in, which lets
 * KUnit drive time.
 */
#include <linux/jiffies.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <net/tcp.h>

#include "cache.h"

static struct kmem_cache *flow_slab;

/* Memory per flow is a headline number: keep it from creeping up. */
static_assert(sizeof(struct netflow_flow) <= 128);

int netflow_cache_global_init(void)
{
	flow_slab = KMEM_CACHE(netflow_flow, 0);
	return flow_slab ? 0 : -ENOMEM;
}

void netflow_cache_global_exit(void)
{
	kmem_cache_destroy(flow_slab);
}

/* A bucket array of about 1/1024 of memory, at most 4 MiB. */
unsigned int netflow_cache_default_buckets(void)
{
	u64 bytes = min_t(u64, (u64)totalram_pages() << (PAGE_SHIFT - 10),
			  4 << 20);

	return max_t(unsigned int, bytes / sizeof(struct hlist_head),
		     NETFLOW_CACHE_STRIPES);
}

static unsigned int per_stripe(unsigned int nr_buckets)
{
	return max_t(unsigned int, DIV_ROUND_UP(nr_buckets, NETFLOW_CACHE_STRIPES), 1);
}

static struct hlist_head *alloc_buckets(unsigned int n)
{
	return kvcalloc(n, sizeof(struct hlist_head), GFP_KERNEL);
}

int netflow_cache_init(struct netflow_cache *cache, unsigned int nr_buckets,
		       struct netflow_stats __percpu *stats)
{
	unsigned int i, n = per_stripe(nr_buckets);

	memset(cache, 0, sizeof(*cache));
	for (i = 0; i < NETFLOW_CACHE_STRIPES; i++) {
		struct netflow_stripe *stripe = &cache->stripes[i];

		spin_lock_init(&stripe->lock);
		INIT_LIST_HEAD(&stripe->lru);
		INIT_LIST_HEAD(&stripe->closing);
		INIT_LIST_HEAD(&stripe->ended);
		stripe->buckets = alloc_buckets(n);
		if (!stripe->buckets)
			goto err_free;
		stripe->nr_buckets = n;
	}
	cache->nr_buckets = n * NETFLOW_CACHE_STRIPES;
	get_random_bytes(&cache->seed, sizeof(cache->seed));
	atomic_set(&cache->nr_flows, 0);
	cache->stats = stats;
	return 0;

err_free:
	while (i--)
		kvfree(cache->stripes[i].buckets);
	return -ENOMEM;
}

static void free_list(struct netflow_cache *cache, struct list_head *head)
{
	struct netflow_flow *flow, *tmp;

	list_for_each_entry_safe(flow, tmp, head, lru) {
		list_del(&flow->lru);
		kmem_cache_free(flow_slab, flow);
		atomic_dec(&cache->nr_flows);
	}
}

/* Frees every flow without exporting it; callers expire(all) first. */
void netflow_cache_free(struct netflow_cache *cache)
{
	unsigned int i;

	for (i = 0; i < NETFLOW_CACHE_STRIPES; i++) {
		struct netflow_stripe *stripe = &cache->stripes[i];

		free_list(cache, &stripe->lru);
		free_list(cache, &stripe->closing);
		free_list(cache, &stripe->ended);
		kvfree(stripe->buckets);
		stripe->buckets = NULL;
	}
}

/* Keyed, so that nobody outside can aim packets at one chain. */
u32 netflow_cache_hash(const struct netflow_cache *cache,
		       const struct netflow_key *key)
{
	return hsiphash(key, sizeof(*key), &cache->seed);
}

/* The low 8 bits pick the stripe, the high bits the bucket inside it. */
static struct netflow_stripe *hash_stripe(struct netflow_cache *cache, u32 hash)
{
	return &cache->stripes[hash % NETFLOW_CACHE_STRIPES];
}

static struct hlist_head *__hash_bucket(struct netflow_stripe *stripe, u32 hash)
{
	lockdep_assert_held(&stripe->lock);
	return &stripe->buckets[reciprocal_scale(hash, stripe->nr_buckets)];
}

/* Whether @d jiffies have passed since @t; flow times are 32-bit. */
static bool elapsed(u32 now, u32 t, unsigned long d)
{
	return (u32)(now - t) >= d;
}

/* Moves a hashed flow to the export queue of its stripe. */
static void __end_flow(struct netflow_stripe *stripe, struct netflow_flow *flow,
		       u8 reason)
{
	lockdep_assert_held(&stripe->lock);
	hlist_del(&flow->node);
	flow->end_reason = reason;
	list_move_tail(&flow->lru, &stripe->ended);
}

static struct netflow_flow *__lookup(struct netflow_cache *cache,
				     struct hlist_head *bucket,
				     const struct netflow_key *key)
{
	struct netflow_flow *flow;
	unsigned int depth = 0;

	hlist_for_each_entry(flow, bucket, node) {
		if (netflow_key_equal(&flow->key, key))
			break;
		depth++;
	}
	if (unlikely(depth))
		netflow_stat_add(cache->stats, NETFLOW_STAT_SEARCHED, depth);
	return flow;
}

static struct netflow_flow *__create(struct netflow_cache *cache,
				     struct netflow_stripe *stripe,
				     struct hlist_head *bucket,
				     const struct netflow_packet *pkt,
				     unsigned long now, unsigned int maxflows)
{
	struct netflow_flow *flow;

	if (maxflows && atomic_read(&cache->nr_flows) >= maxflows) {
		netflow_stat_inc(cache->stats, NETFLOW_STAT_MAXFLOWS);
		return ERR_PTR(-ENOSPC);
	}
	flow = kmem_cache_alloc(flow_slab, GFP_ATOMIC);
	if (unlikely(!flow)) {
		netflow_stat_inc(cache->stats, NETFLOW_STAT_ALLOC_ERRORS);
		return ERR_PTR(-ENOMEM);
	}
	memset(flow, 0, sizeof(*flow));
	flow->key = pkt->key;
	flow->nexthop = pkt->nexthop;
	flow->out_ifindex = pkt->out_ifindex;
	flow->first = now;
	flow->lru_stamp = now;
	hlist_add_head(&flow->node, bucket);
	list_add(&flow->lru, &stripe->lru);
	atomic_inc(&cache->nr_flows);
	netflow_stat_inc(cache->stats, NETFLOW_STAT_NEW);
	return flow;
}

/**
 * netflow_cache_account() - add one packet to its flow
 * @cache: the cache
 * @pkt: the packet's key and metadata
 * @hash: netflow_cache_hash() of the key
 * @now: jiffies
 * @timeouts: flows older than the active timeout are ended here
 * @maxflows: limit on flows held, 0 for none
 *
 * Callable from any context; takes the stripe lock with BH disabled.
 *
 * Return: 0, or -ENOSPC / -ENOMEM when the packet could not be metered.
 */
int netflow_cache_account(struct netflow_cache *cache,
			  const struct netflow_packet *pkt, u32 hash,
			  unsigned long now,
			  const struct netflow_timeouts *timeouts,
			  unsigned int maxflows)
{
	struct netflow_stripe *stripe = hash_stripe(cache, hash);
	struct hlist_head *bucket;
	struct netflow_flow *flow;

	spin_lock_bh(&stripe->lock);
	bucket = __hash_bucket(stripe, hash);
	flow = __lookup(cache, bucket, &pkt->key);
	if (flow && elapsed(now, flow->first, timeouts->active)) {
		__end_flow(stripe, flow, NETFLOW_END_ACTIVE);
		flow = NULL;
	}
	if (flow) {
		if (!flow->closing && elapsed(now, flow->lru_stamp, HZ)) {
			list_move(&flow->lru, &stripe->lru);
			flow->lru_stamp = now;
		}
		netflow_stat_inc(cache->stats, NETFLOW_STAT_FOUND);
	} else {
		flow = __create(cache, stripe, bucket, pkt, now, maxflows);
		if (IS_ERR(flow)) {
			spin_unlock_bh(&stripe->lock);
			return PTR_ERR(flow);
		}
	}
	flow->last = now;
	flow->packets++;
	flow->bytes += pkt->bytes;
	flow->tcp_flags |= pkt->tcp_flags;
	if (unlikely(pkt->tcp_flags & (TCPHDR_FIN | TCPHDR_RST)) && !flow->closing) {
		/* the connection is ending: export soon, not after the idle timeout */
		flow->closing = true;
		list_move_tail(&flow->lru, &stripe->closing);
	}
	spin_unlock_bh(&stripe->lock);
	return 0;
}

static bool flow_due(const struct netflow_flow *flow, u32 now,
		     const struct netflow_timeouts *timeouts, u8 *reason)
{
	if (elapsed(now, flow->first, timeouts->active)) {
		*reason = NETFLOW_END_ACTIVE;
		return true;
	}
	if (elapsed(now, flow->last, timeouts->inactive)) {
		*reason = NETFLOW_END_IDLE;
		return true;
	}
	return false;
}

/* Collects a stripe's due flows; the lock is held only for the unlinking. */
static void collect_stripe(struct netflow_stripe *stripe, unsigned long now,
			   const struct netflow_timeouts *timeouts, bool all,
			   struct list_head *out)
{
	unsigned long close_delay = min(msecs_to_jiffies(NETFLOW_CLOSE_DELAY_MS),
					timeouts->inactive);
	struct netflow_flow *flow, *tmp;
	u8 reason;

	spin_lock_bh(&stripe->lock);
	list_splice_tail_init(&stripe->ended, out);
	list_for_each_entry_safe(flow, tmp, &stripe->closing, lru) {
		if (all)
			reason = NETFLOW_END_FORCED;
		else if (elapsed(now, flow->last, close_delay))
			reason = NETFLOW_END_OF_FLOW;
		else if (!flow_due(flow, now, timeouts, &reason))
			continue;
		__end_flow(stripe, flow, reason);
		list_move_tail(&flow->lru, out);
	}
	list_for_each_entry_safe_reverse(flow, tmp, &stripe->lru, lru) {
		if (all) {
			reason = NETFLOW_END_FORCED;
		} else if (!elapsed(now, flow->lru_stamp, timeouts->inactive)) {
			break;		/* every flow nearer the head is younger */
		} else if (!flow_due(flow, now, timeouts, &reason)) {
			/* used since it last moved: back to its place */
			flow->lru_stamp = flow->last;
			list_move(&flow->lru, &stripe->lru);
			continue;
		}
		__end_flow(stripe, flow, reason);
		list_move_tail(&flow->lru, out);
	}
	spin_unlock_bh(&stripe->lock);
}

/**
 * netflow_cache_expire() - hand due flows to @emit, then free them
 * @cache: the cache
 * @now: jiffies
 * @timeouts: idle and active timeouts
 * @all: end every flow (unload, flush)
 * @emit: called for each ended flow, in process context, no lock held
 * @ctx: passed to @emit
 *
 * Works one stripe at a time and may sleep between stripes, so a huge
 * cache never stalls the packet path or the CPU.
 *
 * Return: the number of flows emitted.
 */
unsigned int netflow_cache_expire(struct netflow_cache *cache, unsigned long now,
				  const struct netflow_timeouts *timeouts,
				  bool all, netflow_emit_t emit, void *ctx)
{
	unsigned int i, emitted = 0;

	might_sleep();
	for (i = 0; i < NETFLOW_CACHE_STRIPES; i++) {
		struct netflow_flow *flow, *tmp;
		LIST_HEAD(due);

		collect_stripe(&cache->stripes[i], now, timeouts, all, &due);
		list_for_each_entry_safe(flow, tmp, &due, lru) {
			emit(ctx, flow);
			list_del(&flow->lru);
			kmem_cache_free(flow_slab, flow);
			atomic_dec(&cache->nr_flows);
			emitted++;
		}
		cond_resched();
	}
	return emitted;
}

static void __rehash(struct netflow_cache *cache, struct netflow_stripe *stripe,
		     struct netflow_flow *flow)
{
	u32 hash = netflow_cache_hash(cache, &flow->key);

	hlist_add_head(&flow->node, __hash_bucket(stripe, hash));
}

/**
 * netflow_cache_resize() - change the number of hash buckets
 * @cache: the cache
 * @nr_buckets: new total, spread evenly over the stripes
 *
 * Rehashes one stripe at a time under its lock, so metering goes on in
 * every other stripe; no flow is lost. Process context; callers serialise
 * resizes.
 *
 * Return: 0, or -ENOMEM with the old table still in use.
 */
int netflow_cache_resize(struct netflow_cache *cache, unsigned int nr_buckets)
{
	unsigned int i, n = per_stripe(nr_buckets);
	struct hlist_head **fresh;
	int err = -ENOMEM;

	fresh = kcalloc(NETFLOW_CACHE_STRIPES, sizeof(*fresh), GFP_KERNEL);
	if (!fresh)
		return -ENOMEM;
	for (i = 0; i < NETFLOW_CACHE_STRIPES; i++) {
		fresh[i] = alloc_buckets(n);
		if (!fresh[i])
			goto out_free;
	}
	for (i = 0; i < NETFLOW_CACHE_STRIPES; i++) {
		struct netflow_stripe *stripe = &cache->stripes[i];
		struct netflow_flow *flow;

		spin_lock_bh(&stripe->lock);
		swap(stripe->buckets, fresh[i]);
		stripe->nr_buckets = n;
		/* every hashed flow is on one of these lists: relink from there */
		list_for_each_entry(flow, &stripe->lru, lru)
			__rehash(cache, stripe, flow);
		list_for_each_entry(flow, &stripe->closing, lru)
			__rehash(cache, stripe, flow);
		spin_unlock_bh(&stripe->lock);
		cond_resched();
	}
	cache->nr_buckets = n * NETFLOW_CACHE_STRIPES;
	err = 0;	/* fresh[] now holds the old arrays */
out_free:
	for (i = 0; i < NETFLOW_CACHE_STRIPES; i++)
		kvfree(fresh[i]);
	kfree(fresh);
	return err;
}

/* How many flows a stripe holds now; for sizing a copy. */
unsigned int netflow_cache_stripe_count(struct netflow_cache *cache,
					unsigned int stripe)
{
	struct netflow_stripe *st = &cache->stripes[stripe];
	struct netflow_flow *flow;
	unsigned int n = 0;

	spin_lock_bh(&st->lock);
	list_for_each_entry(flow, &st->lru, lru)
		n++;
	list_for_each_entry(flow, &st->closing, lru)
		n++;
	spin_unlock_bh(&st->lock);
	return n;
}

/**
 * netflow_cache_stripe_copy() - copy a stripe's flows, newest first
 * @cache: the cache
 * @stripe: which stripe
 * @out: room for @max flows; list and hash links in the copies are stale
 * @max: size of @out
 *
 * Return: the number of flows copied.
 */
unsigned int netflow_cache_stripe_copy(struct netflow_cache *cache,
				       unsigned int stripe,
				       struct netflow_flow *out, unsigned int max)
{
	struct netflow_stripe *st = &cache->stripes[stripe];
	struct netflow_flow *flow;
	unsigned int n = 0;

	spin_lock_bh(&st->lock);
	list_for_each_entry(flow, &st->lru, lru) {
		if (n == max)
			goto out;
		out[n++] = *flow;
	}
	list_for_each_entry(flow, &st->closing, lru) {
		if (n == max)
			goto out;
		out[n++] = *flow;
	}
out:
	spin_unlock_bh(&st->lock);
	return n;
}
