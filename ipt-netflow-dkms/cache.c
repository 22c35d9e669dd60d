// SPDX-License-Identifier: GPL-2.0
/*
 * The flow cache: a hash table of flows split into lock stripes. A packet
 * touches its bucket and its flow and nothing else; expiry sweeps the
 * buckets a slice at a time. The caller passes the clock in, which lets
 * KUnit drive time.
 */
#include <linux/jiffies.h>
#include <linux/math64.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/socket.h>
#include <linux/vmalloc.h>
#include <net/tcp.h>

#include "cache.h"

static struct kmem_cache *flow4_slab;
static struct kmem_cache *flow6_slab;
static struct kmem_cache *flow4x_slab;	/* with a netflow_fields_data tail */
static struct kmem_cache *flow6x_slab;

#define FLOW4_SIZE	(offsetof(struct netflow_flow, v4) + \
			 sizeof_field(struct netflow_flow, v4))
#define FLOW6_SIZE	sizeof(struct netflow_flow)
#define FIELDS_SIZE	sizeof(struct netflow_fields_data)

/*
 * Memory per flow is a headline number: keep it from creeping up. 64
 * bytes is also one cache line: the slab packs the objects at multiples
 * of their size, so an IPv4 flow never straddles two lines.
 */
static_assert(FLOW4_SIZE <= 64);
static_assert(FLOW6_SIZE <= 104);

/* The closing array starts with this many entries and doubles. */
#define CLOSING_MIN	16

/* Bucket slices swept under one hold of a stripe lock. */
#define SWEEP_CHUNK	256

int netflow_cache_global_init(void)
{
	/* no hardware-cache alignment: it would round the larger ones up to 128 */
	flow4_slab = kmem_cache_create("netflow_flow4", FLOW4_SIZE,
				       __alignof__(struct netflow_flow), 0, NULL);
	flow6_slab = kmem_cache_create("netflow_flow6", FLOW6_SIZE,
				       __alignof__(struct netflow_flow), 0, NULL);
	flow4x_slab = kmem_cache_create("netflow_flow4x", FLOW4_SIZE + FIELDS_SIZE,
					__alignof__(struct netflow_flow), 0, NULL);
	flow6x_slab = kmem_cache_create("netflow_flow6x", FLOW6_SIZE + FIELDS_SIZE,
					__alignof__(struct netflow_flow), 0, NULL);
	if (!flow4_slab || !flow6_slab || !flow4x_slab || !flow6x_slab) {
		netflow_cache_global_exit();
		return -ENOMEM;
	}
	return 0;
}

void netflow_cache_global_exit(void)
{
	kmem_cache_destroy(flow4_slab);
	kmem_cache_destroy(flow6_slab);
	kmem_cache_destroy(flow4x_slab);
	kmem_cache_destroy(flow6x_slab);
}

/* A bucket array of about 1/1024 of memory, at most 4 MiB. */
static unsigned int default_buckets(void)
{
	u64 bytes = min_t(u64, (u64)totalram_pages() << (PAGE_SHIFT - 10),
			  4 << 20);

	return max_t(unsigned int, bytes / sizeof(struct netflow_flow *),
		     NETFLOW_CACHE_STRIPES);
}

static bool is_v4(const struct netflow_fkey_head *h)
{
	return h->family == AF_INET;
}

static unsigned int key_len(const struct netflow_fkey_head *h)
{
	return is_v4(h) ? sizeof(struct netflow_fkey4) : sizeof(struct netflow_fkey6);
}

static struct kmem_cache *slab_of(bool v4, bool extended)
{
	if (unlikely(extended))
		return v4 ? flow4x_slab : flow6x_slab;
	return v4 ? flow4_slab : flow6_slab;
}

static void free_flow(struct netflow_cache *cache, struct netflow_flow *flow)
{
	kmem_cache_free(slab_of(is_v4(&flow->h), flow->extended), flow);
	atomic_dec(&cache->nr_flows);
}

/**
 * netflow_flow_fields() - the optional fields of an extended flow
 * @flow: a flow with @flow->extended set
 *
 * Return: its tail, right after the family part.
 */
struct netflow_fields_data *netflow_flow_fields(const struct netflow_flow *flow)
{
	return (void *)flow + (is_v4(&flow->h) ? FLOW4_SIZE : FLOW6_SIZE);
}

static unsigned int per_stripe(unsigned int nr_buckets)
{
	return max_t(unsigned int, DIV_ROUND_UP(nr_buckets, NETFLOW_CACHE_STRIPES), 1);
}

/*
 * A bucket array starts one slot early: slot -1 holds its length, so that
 * an unlocked reader (netflow_cache_prefetch_flow()) gets an array and a
 * length that belong together.
 */
static struct netflow_flow **alloc_buckets(unsigned int n)
{
	struct netflow_flow **b = kvcalloc(n + 1, sizeof(*b), GFP_KERNEL);

	if (!b)
		return NULL;
	b[0] = (void *)(unsigned long)n;
	return b + 1;
}

static void free_buckets(struct netflow_flow **buckets)
{
	if (buckets)
		kvfree(buckets - 1);
}

/*
 * The most an auto-sized table grows to: bucket arrays of 1/128 of
 * memory, which is one bucket per flow up to millions of flows.
 */
static unsigned int auto_max_buckets(void)
{
	u64 bytes = (u64)totalram_pages() << (PAGE_SHIFT - 7);

	return clamp_t(u64, bytes / sizeof(struct netflow_flow *),
		       NETFLOW_CACHE_STRIPES, 1u << 26);
}

/**
 * netflow_cache_init() - set up an empty cache
 * @cache: the cache
 * @nr_buckets: hash buckets; 0 sizes the table by memory and lets it grow
 *	with the number of flows
 * @stats: per-CPU counters the cache adds to
 *
 * Return: 0 or -ENOMEM.
 */
int netflow_cache_init(struct netflow_cache *cache, unsigned int nr_buckets,
		       struct netflow_stats __percpu *stats)
{
	unsigned int i, n;

	memset(cache, 0, sizeof(*cache));
	if (!nr_buckets) {
		nr_buckets = default_buckets();
		cache->grow_max = auto_max_buckets();
	}
	n = per_stripe(nr_buckets);
	mutex_init(&cache->resize_mutex);
	for (i = 0; i < NETFLOW_CACHE_STRIPES; i++) {
		struct netflow_stripe *stripe = &cache->stripes[i];

		spin_lock_init(&stripe->lock);
		stripe->buckets = alloc_buckets(n);
		if (!stripe->buckets)
			goto err_free;
		stripe->nr_buckets = n;
		stripe->sweep_stamp = jiffies;
	}
	cache->nr_buckets = n * NETFLOW_CACHE_STRIPES;
	get_random_bytes(&cache->seed, sizeof(cache->seed));
	atomic_set(&cache->nr_flows, 0);
	cache->stats = stats;
	return 0;

err_free:
	while (i--)
		free_buckets(cache->stripes[i].buckets);
	return -ENOMEM;
}

/* Frees every flow without exporting it; callers expire(all) first. */
void netflow_cache_free(struct netflow_cache *cache)
{
	unsigned int i, b;

	for (i = 0; i < NETFLOW_CACHE_STRIPES; i++) {
		struct netflow_stripe *stripe = &cache->stripes[i];
		struct netflow_flow *flow, *next;

		for (b = 0; b < stripe->nr_buckets; b++) {
			for (flow = stripe->buckets[b]; flow; flow = next) {
				next = flow->next;
				free_flow(cache, flow);
			}
		}
		for (flow = stripe->ended; flow; flow = next) {
			next = flow->next;
			free_flow(cache, flow);
		}
		stripe->ended = NULL;
		kfree(stripe->closing);
		stripe->closing = NULL;
		stripe->nr_closing = 0;
		stripe->closing_size = 0;
		free_buckets(stripe->buckets);
		stripe->buckets = NULL;
	}
}

/* Keyed, so that nobody outside can aim packets at one chain. */
u32 netflow_cache_hash(const struct netflow_cache *cache,
		       const union netflow_fkey *key)
{
	return hsiphash(&key->h, key_len(&key->h), &cache->seed);
}

/**
 * netflow_cache_hash_fields() - the hash of a key with optional fields
 * @cache: the cache
 * @key: the flow key
 * @fields: its optional fields, whose first NETFLOW_FIELDS_KEY_LEN octets
 *	(MAC addresses; zeroes when not selected) are key too
 *
 * Extended flows live in the buckets of this hash, whether or not key
 * fields are selected: the cache finds them again by it.
 *
 * Return: the hash to give netflow_cache_account_fields().
 */
u32 netflow_cache_hash_fields(const struct netflow_cache *cache,
			      const union netflow_fkey *key,
			      const struct netflow_fields_data *fields)
{
	u8 buf[sizeof(*key) + NETFLOW_FIELDS_KEY_LEN] __aligned(4);
	unsigned int len = key_len(&key->h);

	memcpy(buf, key, len);
	memcpy(buf + len, fields, NETFLOW_FIELDS_KEY_LEN);
	return hsiphash(buf, len + NETFLOW_FIELDS_KEY_LEN, &cache->seed);
}

/* The low 8 bits pick the stripe, the high bits the bucket inside it. */
static struct netflow_stripe *hash_stripe(struct netflow_cache *cache, u32 hash)
{
	return &cache->stripes[hash % NETFLOW_CACHE_STRIPES];
}

static struct netflow_flow **__hash_bucket(struct netflow_stripe *stripe, u32 hash)
{
	lockdep_assert_held(&stripe->lock);
	return &stripe->buckets[reciprocal_scale(hash, stripe->nr_buckets)];
}

/* Word compare of the keys' first @words u32s; keys are 4-byte aligned. */
static __always_inline bool key_words_equal(const void *a, const void *b,
					    unsigned int words)
{
	const u32 *x = a, *y = b;
	u32 diff = 0;
	unsigned int i;

	for (i = 0; i < words; i++)
		diff |= x[i] ^ y[i];
	return !diff;
}

static __always_inline bool key_equal(const struct netflow_flow *flow,
				      const union netflow_fkey *key)
{
	/* an IPv4 flow is too short for an IPv6 key: families first */
	if (flow->h.family != key->h.family)
		return false;
	if (is_v4(&key->h))
		return key_words_equal(&flow->v4.key, &key->v4,
				       sizeof(key->v4) / sizeof(u32));
	return key_words_equal(&flow->v6.key, &key->v6,
			       sizeof(key->v6) / sizeof(u32));
}

/* The key part of the optional fields: only an extended flow has one. */
static bool fields_key_equal(const struct netflow_flow *flow,
			     const struct netflow_fields_data *fields)
{
	return flow->extended &&
	       key_words_equal(netflow_flow_fields(flow), fields,
			       NETFLOW_FIELDS_KEY_LEN / sizeof(u32));
}

/*
 * Whether @d jiffies have passed since @t; flow times are 32-bit. A @t
 * after @now (a packet on another CPU stamped the flow after the caller
 * read the clock) is no time at all, not four billion jiffies.
 */
static bool elapsed(u32 now, u32 t, unsigned long d)
{
	s32 age = now - t;

	return age >= 0 && (u32)age >= d;
}

/* Unhashes the flow at *@link and queues it on the stripe's export list. */
static void __end_flow(struct netflow_stripe *stripe, struct netflow_flow **link,
		       u8 reason)
{
	struct netflow_flow *flow = *link;

	lockdep_assert_held(&stripe->lock);
	*link = flow->next;
	if (is_v4(&flow->h))
		stripe->nr_flows4--;
	else
		stripe->nr_flows6--;
	if (flow->extended)
		stripe->nr_extended--;
	flow->end_reason = reason;
	flow->next = stripe->ended;
	stripe->ended = flow;
}

static __always_inline struct netflow_flow *
__create(struct netflow_cache *cache, struct netflow_stripe *stripe,
	 struct netflow_flow **bucket, const struct netflow_packet *pkt,
	 unsigned long now, unsigned int maxflows,
	 const struct netflow_fields_data *fields)
{
	bool v4 = is_v4(&pkt->key.h);
	struct netflow_flow *flow;

	if (maxflows && atomic_read(&cache->nr_flows) >= maxflows) {
		netflow_stat_inc(cache->stats, NETFLOW_STAT_MAXFLOWS);
		return ERR_PTR(-ENOSPC);
	}
	flow = kmem_cache_alloc(slab_of(v4, !!fields), GFP_ATOMIC);
	if (unlikely(!flow)) {
		netflow_stat_inc(cache->stats, NETFLOW_STAT_ALLOC_ERRORS);
		return ERR_PTR(-ENOMEM);
	}
	flow->packets = 0;
	flow->bytes = 0;
	flow->first = now;
	flow->last = now;
	flow->out_ifindex = pkt->out_ifindex;
	flow->tcp_flags = 0;
	flow->end_reason = 0;
	flow->closing = false;
	flow->extended = !!fields;
	if (v4) {
		flow->v4.key = pkt->key.v4;
		flow->v4.nexthop = pkt->nexthop.ip;
		stripe->nr_flows4++;
	} else {
		flow->v6.key = pkt->key.v6;
		flow->v6.nexthop = pkt->nexthop.ip6;
		stripe->nr_flows6++;
	}
	if (fields) {
		*netflow_flow_fields(flow) = *fields;
		stripe->nr_extended++;
	}
	flow->next = *bucket;
	*bucket = flow;
	atomic_inc(&cache->nr_flows);
	netflow_stat_inc(cache->stats, NETFLOW_STAT_NEW);
	return flow;
}

/*
 * Lists a hashed flow that saw FIN or RST in the closing array, which
 * every expiry call walks. If the array cannot grow, the flow stays an
 * ordinary one: the sweep ends it when it idles, and its next FIN or RST
 * packet tries again.
 */
static void __mark_closing(struct netflow_cache *cache,
			   struct netflow_stripe *stripe,
			   struct netflow_flow *flow)
{
	if (unlikely(stripe->nr_closing == stripe->closing_size)) {
		unsigned int size = max_t(unsigned int, CLOSING_MIN,
					  stripe->closing_size * 2);
		struct netflow_flow **closing;

		closing = krealloc(stripe->closing, size * sizeof(*closing),
				   GFP_ATOMIC | __GFP_NOWARN);
		if (!closing) {
			netflow_stat_inc(cache->stats, NETFLOW_STAT_ALLOC_ERRORS);
			return;
		}
		stripe->closing = closing;
		stripe->closing_size = size;
	}
	flow->closing = true;
	stripe->closing[stripe->nr_closing++] = flow;
}

/*
 * The body of netflow_cache_account() and netflow_cache_account_fields():
 * inlined into each, so that the first, with @fields a constant NULL,
 * has no test of it at all.
 */
static __always_inline int __account(struct netflow_cache *cache,
				     const struct netflow_packet *pkt, u32 hash,
				     unsigned long now,
				     const struct netflow_timeouts *timeouts,
				     unsigned int maxflows,
				     const struct netflow_fields_data *fields)
{
	struct netflow_stripe *stripe = hash_stripe(cache, hash);
	struct netflow_flow **link, **bucket, *flow;
	unsigned int depth = 0;

	spin_lock_bh(&stripe->lock);
	bucket = __hash_bucket(stripe, hash);
	for (link = bucket; (flow = *link); link = &flow->next) {
		if (key_equal(flow, &pkt->key) &&
		    (!fields || fields_key_equal(flow, fields)))
			break;
		depth++;
	}
	if (unlikely(depth))
		netflow_stat_add(cache->stats, NETFLOW_STAT_SEARCHED, depth);
	/* a closing flow is about to leave anyway: the sweep ends it */
	if (flow && unlikely(elapsed(now, flow->first, timeouts->active)) &&
	    !flow->closing) {
		__end_flow(stripe, link, NETFLOW_END_ACTIVE);
		flow = NULL;
	}
	if (likely(flow)) {
		netflow_stat_inc(cache->stats, NETFLOW_STAT_FOUND);
	} else {
		flow = __create(cache, stripe, bucket, pkt, now, maxflows, fields);
		if (IS_ERR(flow)) {
			spin_unlock_bh(&stripe->lock);
			return PTR_ERR(flow);
		}
	}
	/* a packet metered out of its order (pipeline.c) moves neither back */
	if ((s32)((u32)now - flow->last) > 0)
		flow->last = now;
	else if ((s32)((u32)now - flow->first) < 0)
		flow->first = now;
	flow->packets++;
	flow->bytes += pkt->bytes;
	flow->tcp_flags |= pkt->tcp_flags;
	if (fields && flow->extended) {
		struct netflow_fields_data *x = netflow_flow_fields(flow);

		x->tcp_options |= fields->tcp_options;
		x->ipv4_options |= fields->ipv4_options;
		x->ipv6_exthdr |= fields->ipv6_exthdr;
	}
	/* the connection is ending: export soon, not after the idle timeout */
	if (unlikely(pkt->tcp_flags & (TCPHDR_FIN | TCPHDR_RST)) && !flow->closing)
		__mark_closing(cache, stripe, flow);
	spin_unlock_bh(&stripe->lock);
	return 0;
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
	return __account(cache, pkt, hash, now, timeouts, maxflows, NULL);
}

/**
 * netflow_cache_account_fields() - add one packet with optional fields
 * @cache: as netflow_cache_account()
 * @pkt: as netflow_cache_account()
 * @hash: as netflow_cache_account()
 * @now: as netflow_cache_account()
 * @timeouts: as netflow_cache_account()
 * @maxflows: as netflow_cache_account()
 * @fields: the packet's optional fields: a new flow is an extended one
 *	and keeps them, an extended flow ORs the option bitmaps in
 *
 * Return: as netflow_cache_account().
 */
int netflow_cache_account_fields(struct netflow_cache *cache,
				 const struct netflow_packet *pkt, u32 hash,
				 unsigned long now,
				 const struct netflow_timeouts *timeouts,
				 unsigned int maxflows,
				 const struct netflow_fields_data *fields)
{
	return __account(cache, pkt, hash, now, timeouts, maxflows, fields);
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

/**
 * netflow_cache_sweep_period() - how long one pass over every bucket takes
 * @timeouts: the timeouts in force
 *
 * A quarter of the shorter timeout, between 1 and 8 seconds: flows leave
 * at most that late, and a million flows cost a few percent of one CPU.
 *
 * Return: the period in jiffies.
 */
unsigned long netflow_cache_sweep_period(const struct netflow_timeouts *timeouts)
{
	return clamp(min(timeouts->active, timeouts->inactive) / 4,
		     (unsigned long)HZ, 8ul * HZ);
}

/* The hash of a stored flow's key, as netflow_cache_hash() gave it. */
static u32 flow_hash(const struct netflow_cache *cache,
		     const struct netflow_flow *flow)
{
	/* the stored key starts where the head is, as in the packet's */
	if (unlikely(flow->extended))
		return netflow_cache_hash_fields(cache, (const void *)&flow->h,
						 netflow_flow_fields(flow));
	return hsiphash(&flow->h, key_len(&flow->h), &cache->seed);
}

/* Finds the link that points at a hashed @flow in its bucket. */
static struct netflow_flow **__find_link(struct netflow_cache *cache,
					 struct netflow_stripe *stripe,
					 const struct netflow_flow *flow)
{
	struct netflow_flow **link = __hash_bucket(stripe, flow_hash(cache, flow));

	while (*link != flow)
		link = &(*link)->next;
	return link;
}

/* Ends the closing flows that are due; every call walks the whole array. */
static void __sweep_closing(struct netflow_cache *cache,
			    struct netflow_stripe *stripe, unsigned long now,
			    const struct netflow_timeouts *timeouts, bool all)
{
	unsigned long close_delay = min(msecs_to_jiffies(NETFLOW_CLOSE_DELAY_MS),
					timeouts->inactive);
	unsigned int i, kept = 0;
	u8 reason;

	for (i = 0; i < stripe->nr_closing; i++) {
		struct netflow_flow *flow = stripe->closing[i];

		if (all) {
			reason = NETFLOW_END_FORCED;
		} else if (elapsed(now, flow->last, close_delay)) {
			reason = NETFLOW_END_OF_FLOW;
		} else if (!flow_due(flow, now, timeouts, &reason)) {
			stripe->closing[kept++] = flow;
			continue;
		}
		__end_flow(stripe, __find_link(cache, stripe, flow), reason);
	}
	stripe->nr_closing = kept;
	/* a burst of closing connections leaves no large array behind */
	if (!kept && stripe->closing_size > CLOSING_MIN) {
		kfree(stripe->closing);
		stripe->closing = NULL;
		stripe->closing_size = 0;
	}
}

/* Ends the due flows in buckets [@from, @from + @count) of the stripe. */
static void __sweep_buckets(struct netflow_stripe *stripe, unsigned int from,
			    unsigned int count, unsigned long now,
			    const struct netflow_timeouts *timeouts, bool all)
{
	unsigned int b;
	u8 reason;

	for (b = from; b < from + count; b++) {
		struct netflow_flow **link = &stripe->buckets[b], *flow;

		while ((flow = *link)) {
			if (flow->closing) {
				/* the closing list decides when it leaves */
				link = &flow->next;
			} else if (all) {
				__end_flow(stripe, link, NETFLOW_END_FORCED);
			} else if (flow_due(flow, now, timeouts, &reason)) {
				__end_flow(stripe, link, reason);
			} else {
				link = &flow->next;
			}
		}
	}
}

/* How many buckets this call should sweep: a share of the period elapsed. */
static unsigned int sweep_budget(const struct netflow_stripe *stripe,
				 unsigned long now, unsigned long period)
{
	unsigned long since = now - stripe->sweep_stamp;

	if (since >= period)
		return stripe->nr_buckets;
	return DIV_ROUND_UP_ULL((u64)stripe->nr_buckets * since, period);
}

/* Sweeps a stripe and takes its ended flows; locks in short holds. */
static struct netflow_flow *collect_stripe(struct netflow_cache *cache,
					   struct netflow_stripe *stripe,
					   unsigned long now,
					   const struct netflow_timeouts *timeouts,
					   bool all)
{
	unsigned long period = netflow_cache_sweep_period(timeouts);
	struct netflow_flow *due;
	unsigned int budget;

	spin_lock_bh(&stripe->lock);
	__sweep_closing(cache, stripe, now, timeouts, all);
	budget = all ? stripe->nr_buckets : sweep_budget(stripe, now, period);
	if (all)
		stripe->sweep_next = 0;
	stripe->sweep_stamp = now;
	while (budget) {
		unsigned int n = min3(budget, (unsigned int)SWEEP_CHUNK,
				      stripe->nr_buckets - stripe->sweep_next);

		__sweep_buckets(stripe, stripe->sweep_next, n, now, timeouts, all);
		budget -= n;
		stripe->sweep_next += n;
		if (stripe->sweep_next == stripe->nr_buckets)
			stripe->sweep_next = 0;
		if (budget) {
			spin_unlock_bh(&stripe->lock);
			cond_resched();
			spin_lock_bh(&stripe->lock);
			/* a resize may have shrunk the stripe meanwhile */
			if (stripe->sweep_next >= stripe->nr_buckets)
				stripe->sweep_next = 0;
			budget = min(budget, stripe->nr_buckets);
		}
	}
	due = stripe->ended;
	stripe->ended = NULL;
	spin_unlock_bh(&stripe->lock);
	return due;
}

static void maybe_grow(struct netflow_cache *cache);

/**
 * netflow_cache_expire() - hand due flows to @emit, then free them
 * @cache: the cache
 * @now: jiffies
 * @timeouts: idle and active timeouts
 * @all: end every flow (unload, flush)
 * @emit: called for each ended flow, in process context, no lock held
 * @ctx: passed to @emit
 *
 * Called periodically; each call sweeps the share of every stripe's
 * buckets that the time since the previous call is of the sweep period,
 * so a flow leaves at most one period after it falls due; it also grows
 * an auto-sized table that has filled up. Works one
 * stripe at a time and may sleep between stripes, so a huge cache never
 * stalls the packet path or the CPU.
 *
 * Return: the number of flows emitted.
 */
unsigned int netflow_cache_expire(struct netflow_cache *cache, unsigned long now,
				  const struct netflow_timeouts *timeouts,
				  bool all, netflow_emit_t emit, void *ctx)
{
	unsigned int i, emitted = 0;

	might_sleep();
	if (!all)
		maybe_grow(cache);
	for (i = 0; i < NETFLOW_CACHE_STRIPES; i++) {
		struct netflow_flow *flow, *next;

		flow = collect_stripe(cache, &cache->stripes[i], now, timeouts, all);
		for (; flow; flow = next) {
			next = flow->next;
			emit(ctx, flow);
			free_flow(cache, flow);
			emitted++;
		}
		cond_resched();
	}
	return emitted;
}

/* Rehashes into a table of @nr_buckets, one stripe at a time. */
static int __resize(struct netflow_cache *cache, unsigned int nr_buckets)
{
	unsigned int i, b, n = per_stripe(nr_buckets);
	struct netflow_flow ***fresh;
	int err = -ENOMEM;

	lockdep_assert_held(&cache->resize_mutex);

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
		unsigned int old_n = stripe->nr_buckets;
		struct netflow_flow **old = stripe->buckets;
		struct netflow_flow *flow, *next;

		spin_lock_bh(&stripe->lock);
		/* netflow_cache_prefetch() reads both unlocked */
		WRITE_ONCE(stripe->buckets, fresh[i]);
		WRITE_ONCE(stripe->nr_buckets, n);
		for (b = 0; b < old_n; b++) {
			for (flow = old[b]; flow; flow = next) {
				struct netflow_flow **bucket;

				next = flow->next;
				bucket = __hash_bucket(stripe, flow_hash(cache, flow));
				flow->next = *bucket;
				*bucket = flow;
			}
		}
		if (stripe->sweep_next >= n)
			stripe->sweep_next = 0;
		spin_unlock_bh(&stripe->lock);
		fresh[i] = old;
		cond_resched();
	}
	WRITE_ONCE(cache->nr_buckets, n * NETFLOW_CACHE_STRIPES);
	err = 0;	/* fresh[] now holds the old arrays */
	/* the packet path reads bucket arrays unlocked, under RCU */
	synchronize_rcu();
out_free:
	for (i = 0; i < NETFLOW_CACHE_STRIPES; i++)
		free_buckets(fresh[i]);
	kfree(fresh);
	return err;
}

/**
 * netflow_cache_resize() - change the number of hash buckets
 * @cache: the cache
 * @nr_buckets: new total, spread evenly over the stripes
 *
 * Rehashes one stripe at a time under its lock, so metering goes on in
 * every other stripe; no flow is lost. A size set here is kept: the table
 * no longer grows by itself. Process context.
 *
 * Return: 0, or -ENOMEM with the old table still in use.
 */
int netflow_cache_resize(struct netflow_cache *cache, unsigned int nr_buckets)
{
	int err;

	mutex_lock(&cache->resize_mutex);
	err = __resize(cache, nr_buckets);
	if (!err)
		WRITE_ONCE(cache->grow_max, 0);
	mutex_unlock(&cache->resize_mutex);
	return err;
}

/*
 * An auto-sized table grows once it holds more flows than buckets, to
 * twice the flows rounded up to a power of two: chains stay about one
 * flow long, which is what makes a lookup one cache miss.
 */
static void maybe_grow(struct netflow_cache *cache)
{
	unsigned int flows = atomic_read(&cache->nr_flows);
	unsigned int max = READ_ONCE(cache->grow_max);

	if (likely(!max || flows <= cache->nr_buckets || cache->nr_buckets >= max))
		return;
	if (!mutex_trylock(&cache->resize_mutex))
		return;
	/* checked again: an explicit resize may have won the race */
	max = cache->grow_max;
	if (max && cache->nr_buckets < max)
		__resize(cache, min_t(u64, max, roundup_pow_of_two(flows) * 2ull));
	mutex_unlock(&cache->resize_mutex);
}

/* How many flows a stripe holds now; for sizing a copy. */
unsigned int netflow_cache_stripe_count(struct netflow_cache *cache,
					unsigned int stripe)
{
	struct netflow_stripe *st = &cache->stripes[stripe];
	unsigned int n;

	spin_lock_bh(&st->lock);
	n = st->nr_flows4 + st->nr_flows6;
	spin_unlock_bh(&st->lock);
	return n;
}

/*
 * Bytes held by the hashed flows (with the fields tail of extended ones),
 * the buckets and the closing arrays, for the statistics.
 */
size_t netflow_cache_memory(struct netflow_cache *cache)
{
	size_t bytes = (size_t)READ_ONCE(cache->nr_buckets) * sizeof(struct netflow_flow *);
	unsigned int i;

	for (i = 0; i < NETFLOW_CACHE_STRIPES; i++) {
		const struct netflow_stripe *st = &cache->stripes[i];

		bytes += (size_t)READ_ONCE(st->nr_flows4) * FLOW4_SIZE +
			 (size_t)READ_ONCE(st->nr_flows6) * FLOW6_SIZE +
			 (size_t)READ_ONCE(st->nr_extended) * FIELDS_SIZE +
			 (size_t)READ_ONCE(st->closing_size) * sizeof(*st->closing);
	}
	return bytes;
}

/**
 * netflow_flow_record() - the flow as the encoders see it, times aside
 * @flow: a flow the caller may read (ended, or under its stripe lock)
 * @rec: filled in; first_ms and last_ms are left zero
 */
void netflow_flow_record(const struct netflow_flow *flow,
			 struct netflow_record *rec)
{
	const struct netflow_fkey_head *h = &flow->h;

	memset(rec, 0, sizeof(*rec));
	rec->key.family = h->family;
	rec->key.protocol = h->protocol;
	rec->key.tos = h->tos;
	rec->key.in_ifindex = h->in_ifindex;
	rec->key.src_port = h->src_port;
	rec->key.dst_port = h->dst_port;
	if (is_v4(h)) {
		rec->key.src.ip = flow->v4.key.src;
		rec->key.dst.ip = flow->v4.key.dst;
		rec->nexthop.ip = flow->v4.nexthop;
	} else {
		rec->key.src.ip6 = flow->v6.key.src;
		rec->key.dst.ip6 = flow->v6.key.dst;
		rec->nexthop.ip6 = flow->v6.nexthop;
	}
	rec->out_ifindex = flow->out_ifindex;
	rec->packets = flow->packets;
	rec->bytes = flow->bytes;
	rec->tcp_flags = flow->tcp_flags;
	rec->end_reason = flow->end_reason;
	if (flow->extended)
		rec->fields = *netflow_flow_fields(flow);
}

/**
 * netflow_cache_stripe_copy() - copy a stripe's flows
 * @cache: the cache
 * @stripe: which stripe
 * @out: room for @max flows
 * @max: size of @out
 *
 * Return: the number of flows copied.
 */
unsigned int netflow_cache_stripe_copy(struct netflow_cache *cache,
				       unsigned int stripe,
				       struct netflow_flow_view *out,
				       unsigned int max)
{
	struct netflow_stripe *st = &cache->stripes[stripe];
	struct netflow_flow *flow;
	unsigned int b, n = 0;

	spin_lock_bh(&st->lock);
	for (b = 0; b < st->nr_buckets && n < max; b++) {
		for (flow = st->buckets[b]; flow && n < max; flow = flow->next) {
			netflow_flow_record(flow, &out[n].rec);
			out[n].first = flow->first;
			out[n].last = flow->last;
			n++;
		}
	}
	spin_unlock_bh(&st->lock);
	return n;
}
