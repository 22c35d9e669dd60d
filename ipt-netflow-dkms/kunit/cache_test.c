// SPDX-License-Identifier: GPL-2.0
/* KUnit: the flow cache, driven by a fake clock. */
#include <kunit/test.h>
#include <linux/jiffies.h>
#include <linux/socket.h>
#include <linux/vmalloc.h>
#include <net/tcp.h>

#include "cache.h"

struct emitted {
	unsigned int count;
	u64 packets;
	u64 bytes;
	u8 last_reason;
	struct netflow_key last_key;
	union netflow_inaddr last_nexthop;
	struct netflow_fields_data last_fields;
};

struct cache_ctx {
	struct netflow_cache *cache;
	struct netflow_stats __percpu *stats;
	struct emitted out;
};

static const struct netflow_timeouts timeouts = {
	.active = 60 * HZ,
	.inactive = 15 * HZ,
};

/* A clock far from zero, and close to a jiffies wrap. */
#define T0	((unsigned long)-10 * HZ)

static void record_flow(void *arg, const struct netflow_flow *flow)
{
	struct emitted *e = arg;
	struct netflow_record rec;

	netflow_flow_record(flow, &rec);
	e->count++;
	e->packets += rec.packets;
	e->bytes += rec.bytes;
	e->last_reason = rec.end_reason;
	e->last_key = rec.key;
	e->last_nexthop = rec.nexthop;
	e->last_fields = rec.fields;
}

static struct netflow_packet udp_packet(u32 src, u16 sport, u32 bytes)
{
	struct netflow_packet pkt;

	memset(&pkt, 0, sizeof(pkt));
	pkt.key.h.family = AF_INET;
	pkt.key.h.protocol = 17;
	pkt.key.v4.src = cpu_to_be32(src);
	pkt.key.v4.dst = cpu_to_be32(0x0a020002);
	pkt.key.h.src_port = cpu_to_be16(sport);
	pkt.key.h.dst_port = cpu_to_be16(53);
	pkt.key.h.in_ifindex = 2;
	pkt.bytes = bytes;
	return pkt;
}

static struct netflow_packet udp6_packet(u16 host, u16 sport, u32 bytes)
{
	struct netflow_packet pkt;

	memset(&pkt, 0, sizeof(pkt));
	pkt.key.h.family = AF_INET6;
	pkt.key.h.protocol = 17;
	pkt.key.v6.src.s6_addr16[0] = cpu_to_be16(0xfd00);
	pkt.key.v6.src.s6_addr16[1] = cpu_to_be16(1);
	pkt.key.v6.src.s6_addr16[7] = cpu_to_be16(host);
	pkt.key.v6.dst.s6_addr16[0] = cpu_to_be16(0xfd00);
	pkt.key.v6.dst.s6_addr16[1] = cpu_to_be16(2);
	pkt.key.v6.dst.s6_addr16[7] = cpu_to_be16(2);
	pkt.key.h.src_port = cpu_to_be16(sport);
	pkt.key.h.dst_port = cpu_to_be16(53);
	pkt.key.h.in_ifindex = 3;
	pkt.nexthop.ip6.s6_addr16[0] = cpu_to_be16(0xfe80);
	pkt.nexthop.ip6.s6_addr16[7] = cpu_to_be16(1);
	pkt.bytes = bytes;
	return pkt;
}

/*
 * Runs expiry as the export worker does, every 100 ms from @from to @to
 * inclusive. Return: how long after @from the first call that emitted
 * anything was made, or -1.
 */
static long tick(struct cache_ctx *ctx, unsigned long from, unsigned long to,
		 const struct netflow_timeouts *t)
{
	unsigned long now;
	long first = -1;
	unsigned int before;

	for (now = from; time_before_eq(now, to); now += HZ / 10) {
		before = ctx->out.count;
		netflow_cache_expire(ctx->cache, now, t, false, record_flow,
				     &ctx->out);
		if (first < 0 && ctx->out.count != before)
			first = now - from;
	}
	return first;
}

static int cache_test_init(struct kunit *test)
{
	struct cache_ctx *ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, ctx);
	ctx->cache = vzalloc(sizeof(*ctx->cache));
	KUNIT_ASSERT_NOT_NULL(test, ctx->cache);
	ctx->stats = alloc_percpu(struct netflow_stats);
	KUNIT_ASSERT_NOT_NULL(test, ctx->stats);
	KUNIT_ASSERT_EQ(test, netflow_cache_init(ctx->cache, 1024, ctx->stats), 0);
	test->priv = ctx;
	return 0;
}

static void cache_test_exit(struct kunit *test)
{
	struct cache_ctx *ctx = test->priv;

	netflow_cache_free(ctx->cache);
	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->cache->nr_flows), 0);
	vfree(ctx->cache);
	free_percpu(ctx->stats);
}

static int cache_suite_init(struct kunit_suite *suite)
{
	return netflow_cache_global_init();
}

static void cache_suite_exit(struct kunit_suite *suite)
{
	netflow_cache_global_exit();
}

static int account(struct cache_ctx *ctx, const struct netflow_packet *pkt,
		   unsigned long now, const struct netflow_timeouts *t,
		   unsigned int maxflows)
{
	return netflow_cache_account(ctx->cache, pkt,
				     netflow_cache_hash(ctx->cache, &pkt->key),
				     now, t, maxflows);
}

static u64 stat(struct cache_ctx *ctx, enum netflow_stat which)
{
	return netflow_stat_sum(ctx->stats, which);
}

static void cache_counts_packets_into_one_flow(struct kunit *test)
{
	struct cache_ctx *ctx = test->priv;
	struct netflow_packet pkt = udp_packet(0x0a010002, 40000, 100);
	int i;

	for (i = 0; i < 10; i++)
		KUNIT_ASSERT_EQ(test, account(ctx, &pkt, T0 + i * HZ, &timeouts, 0), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->cache->nr_flows), 1);
	KUNIT_EXPECT_EQ(test, stat(ctx, NETFLOW_STAT_NEW), 1ull);
	KUNIT_EXPECT_EQ(test, stat(ctx, NETFLOW_STAT_FOUND), 9ull);

	netflow_cache_expire(ctx->cache, T0 + 9 * HZ, &timeouts, true,
			     record_flow, &ctx->out);
	KUNIT_EXPECT_EQ(test, ctx->out.count, 1u);
	KUNIT_EXPECT_EQ(test, ctx->out.packets, 10ull);
	KUNIT_EXPECT_EQ(test, ctx->out.bytes, 1000ull);
	KUNIT_EXPECT_EQ(test, ctx->out.last_reason, NETFLOW_END_FORCED);
	KUNIT_EXPECT_EQ(test, ctx->out.last_key.family, (u8)AF_INET);
	KUNIT_EXPECT_EQ(test, ctx->out.last_key.protocol, (u8)17);
	KUNIT_EXPECT_EQ(test, ctx->out.last_key.in_ifindex, 2u);
	KUNIT_EXPECT_EQ(test, ctx->out.last_key.src.ip, cpu_to_be32(0x0a010002));
	KUNIT_EXPECT_EQ(test, ctx->out.last_key.dst.ip, cpu_to_be32(0x0a020002));
	KUNIT_EXPECT_EQ(test, ctx->out.last_key.src_port, cpu_to_be16(40000));
	KUNIT_EXPECT_EQ(test, ctx->out.last_key.dst_port, cpu_to_be16(53));
	/* the rest of the record's key stays zero for IPv4 */
	KUNIT_EXPECT_TRUE(test, !memchr_inv(&ctx->out.last_key.src.ip6.s6_addr[4], 0, 12));
	KUNIT_EXPECT_TRUE(test, !memchr_inv(&ctx->out.last_key.dst.ip6.s6_addr[4], 0, 12));
}

/*
 * Idle flows leave never before the inactive timeout and at most one
 * sweep period after it, whatever bucket they sit in.
 */
static void cache_expires_idle_flows_on_time(struct kunit *test)
{
	struct cache_ctx *ctx = test->priv;
	unsigned long period = netflow_cache_sweep_period(&timeouts);
	struct netflow_packet pkt;
	long first;
	int i;

	for (i = 0; i < 2000; i++) {
		pkt = udp_packet(0x0a010000 + i, 40000, 100);
		account(ctx, &pkt, T0, &timeouts, 0);
	}
	pkt = udp_packet(0x0a020000, 40000, 200);
	account(ctx, &pkt, T0 + 5 * HZ, &timeouts, 0);

	/* the worker runs from the last packet on */
	first = tick(ctx, T0 + 5 * HZ, T0 + 15 * HZ + period, &timeouts);
	KUNIT_EXPECT_EQ(test, first, (long)(10 * HZ));
	KUNIT_EXPECT_EQ(test, ctx->out.count, 2000u);
	KUNIT_EXPECT_EQ(test, ctx->out.bytes, 200000ull);
	KUNIT_EXPECT_EQ(test, ctx->out.last_reason, NETFLOW_END_IDLE);

	first = tick(ctx, T0 + 15 * HZ + period + HZ / 10, T0 + 20 * HZ + period,
		     &timeouts);
	KUNIT_EXPECT_GE(test, first, (long)(5 * HZ - period - HZ / 10));
	KUNIT_EXPECT_EQ(test, ctx->out.count, 2001u);
	KUNIT_EXPECT_EQ(test, ctx->out.bytes, 200200ull);
	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->cache->nr_flows), 0);
}

/* A flow busy for longer than the active timeout is cut, not lost. */
static void cache_ends_long_flows_at_active_timeout(struct kunit *test)
{
	struct cache_ctx *ctx = test->priv;
	struct netflow_packet pkt = udp_packet(0x0a010002, 40000, 100);
	int i;

	for (i = 0; i <= 90; i++)	/* a packet a second for 90 s */
		account(ctx, &pkt, T0 + i * HZ, &timeouts, 0);
	/* the packet at 60 s ended the first flow in the packet path */
	netflow_cache_expire(ctx->cache, T0 + 90 * HZ, &timeouts, false,
			     record_flow, &ctx->out);
	KUNIT_EXPECT_EQ(test, ctx->out.count, 1u);
	KUNIT_EXPECT_EQ(test, ctx->out.packets, 60ull);	/* 0 s .. 59 s */
	KUNIT_EXPECT_EQ(test, ctx->out.last_reason, NETFLOW_END_ACTIVE);

	netflow_cache_expire(ctx->cache, T0 + 90 * HZ, &timeouts, true,
			     record_flow, &ctx->out);
	KUNIT_EXPECT_EQ(test, ctx->out.count, 2u);
	KUNIT_EXPECT_EQ(test, ctx->out.packets, 91ull);
	KUNIT_EXPECT_EQ(test, ctx->out.last_reason, NETFLOW_END_FORCED);
}

/* The sweep ends a flow at the active timeout even if no packet comes. */
static void cache_sweep_ends_active_flows(struct kunit *test)
{
	struct cache_ctx *ctx = test->priv;
	const struct netflow_timeouts t = { .active = 10 * HZ, .inactive = 30 * HZ };
	unsigned long period = netflow_cache_sweep_period(&t);
	struct netflow_packet pkt = udp_packet(0x0a010002, 40000, 100);
	long first;
	int i;

	for (i = 0; i < 10; i++)
		account(ctx, &pkt, T0 + i * HZ, &t, 0);
	first = tick(ctx, T0 + 9 * HZ, T0 + 10 * HZ + period, &t);
	KUNIT_EXPECT_GE(test, first, (long)HZ);
	KUNIT_EXPECT_LE(test, first, (long)(HZ + period));
	KUNIT_EXPECT_EQ(test, ctx->out.packets, 10ull);
	KUNIT_EXPECT_EQ(test, ctx->out.last_reason, NETFLOW_END_ACTIVE);
}

static void cache_refuses_beyond_maxflows(struct kunit *test)
{
	struct cache_ctx *ctx = test->priv;
	struct netflow_packet pkt;
	int i;

	for (i = 0; i < 3; i++) {
		pkt = udp_packet(0x0a010002 + i, 40000, 100);
		KUNIT_EXPECT_EQ(test, account(ctx, &pkt, T0, &timeouts, 2),
				i < 2 ? 0 : -ENOSPC);
	}
	/* a known flow is still metered at the limit */
	pkt = udp_packet(0x0a010002, 40000, 100);
	KUNIT_EXPECT_EQ(test, account(ctx, &pkt, T0, &timeouts, 2), 0);
	KUNIT_EXPECT_EQ(test, stat(ctx, NETFLOW_STAT_MAXFLOWS), 1ull);
	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->cache->nr_flows), 2);
	netflow_cache_expire(ctx->cache, T0, &timeouts, true, record_flow, &ctx->out);
	KUNIT_EXPECT_EQ(test, ctx->out.packets, 3ull);
}

static void cache_resize_keeps_every_flow(struct kunit *test)
{
	struct cache_ctx *ctx = test->priv;
	struct netflow_packet pkt;
	int i;

	for (i = 0; i < 5000; i++) {
		pkt = udp_packet(0x0a000000 + i, 1000 + i % 7, 100);
		account(ctx, &pkt, T0, &timeouts, 0);
	}
	KUNIT_ASSERT_EQ(test, netflow_cache_resize(ctx->cache, 65536), 0);
	KUNIT_EXPECT_EQ(test, ctx->cache->nr_buckets, 65536u);
	for (i = 0; i < 5000; i++) {
		pkt = udp_packet(0x0a000000 + i, 1000 + i % 7, 100);
		account(ctx, &pkt, T0 + HZ, &timeouts, 0);
	}
	KUNIT_EXPECT_EQ(test, stat(ctx, NETFLOW_STAT_NEW), 5000ull);
	KUNIT_EXPECT_EQ(test, stat(ctx, NETFLOW_STAT_FOUND), 5000ull);
	KUNIT_ASSERT_EQ(test, netflow_cache_resize(ctx->cache, 256), 0);
	netflow_cache_expire(ctx->cache, T0 + HZ, &timeouts, true, record_flow,
			     &ctx->out);
	KUNIT_EXPECT_EQ(test, ctx->out.count, 5000u);
	KUNIT_EXPECT_EQ(test, ctx->out.packets, 10000ull);
}

/* A table sized by memory grows once it holds more flows than buckets. */
static void cache_auto_sized_table_grows(struct kunit *test)
{
	struct cache_ctx *ctx = test->priv;
	struct netflow_cache *cache;
	unsigned int i, n, buckets;
	struct netflow_packet pkt;

	cache = vzalloc(sizeof(*cache));
	KUNIT_ASSERT_NOT_NULL(test, cache);
	KUNIT_ASSERT_EQ(test, netflow_cache_init(cache, 0, ctx->stats), 0);
	buckets = cache->nr_buckets;
	n = buckets + 1;
	for (i = 0; i < n; i++) {
		pkt = udp_packet(0x0a000000 + i, 1000, 100);
		netflow_cache_account(cache, &pkt, netflow_cache_hash(cache, &pkt.key),
				      T0, &timeouts, 0);
	}
	netflow_cache_expire(cache, T0, &timeouts, false, record_flow, &ctx->out);
	KUNIT_EXPECT_EQ(test, cache->nr_buckets,
			min_t(unsigned long, cache->grow_max, 2 * roundup_pow_of_two(n)));
	KUNIT_EXPECT_GT(test, cache->nr_buckets, buckets);
	for (i = 0; i < n; i++) {
		pkt = udp_packet(0x0a000000 + i, 1000, 100);
		netflow_cache_account(cache, &pkt, netflow_cache_hash(cache, &pkt.key),
				      T0 + HZ, &timeouts, 0);
	}
	KUNIT_EXPECT_EQ(test, stat(ctx, NETFLOW_STAT_NEW), (u64)n);
	/* a size the operator sets is kept */
	KUNIT_ASSERT_EQ(test, netflow_cache_resize(cache, 4096), 0);
	KUNIT_EXPECT_EQ(test, cache->grow_max, 0u);
	netflow_cache_expire(cache, T0 + HZ, &timeouts, false, record_flow, &ctx->out);
	KUNIT_EXPECT_EQ(test, cache->nr_buckets, 4096u);
	netflow_cache_expire(cache, T0 + HZ, &timeouts, true, record_flow, &ctx->out);
	KUNIT_EXPECT_EQ(test, ctx->out.count, n);
	KUNIT_EXPECT_EQ(test, ctx->out.packets, 2ull * n);
	netflow_cache_free(cache);
	vfree(cache);
}

static void cache_keys_differ_by_every_field(struct kunit *test)
{
	struct cache_ctx *ctx = test->priv;
	struct netflow_packet base = udp_packet(0x0a010002, 40000, 100), pkt;

	account(ctx, &base, T0, &timeouts, 0);
	pkt = base;
	pkt.key.h.tos = 4;
	account(ctx, &pkt, T0, &timeouts, 0);
	pkt = base;
	pkt.key.h.in_ifindex = 3;
	account(ctx, &pkt, T0, &timeouts, 0);
	pkt = base;
	pkt.key.h.protocol = 6;
	account(ctx, &pkt, T0, &timeouts, 0);
	pkt = base;
	pkt.key.h.dst_port = cpu_to_be16(54);
	account(ctx, &pkt, T0, &timeouts, 0);
	/* the output interface and next hop are not key */
	pkt = base;
	pkt.out_ifindex = 9;
	account(ctx, &pkt, T0, &timeouts, 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->cache->nr_flows), 5);
}

/* IPv6 flows live beside IPv4 ones and keep their whole key and next hop. */
static void cache_keeps_ipv6_flows_whole(struct kunit *test)
{
	struct cache_ctx *ctx = test->priv;
	struct netflow_packet v6 = udp6_packet(7, 40000, 300);
	struct netflow_packet v4 = udp_packet(0x0a010002, 40000, 100);
	int i;

	for (i = 0; i < 3; i++) {
		account(ctx, &v6, T0 + i, &timeouts, 0);
		account(ctx, &v4, T0 + i, &timeouts, 0);
	}
	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->cache->nr_flows), 2);
	KUNIT_EXPECT_EQ(test, netflow_cache_memory(ctx->cache),
			1024 * sizeof(void *) + 64 + 104);
	KUNIT_ASSERT_EQ(test, netflow_cache_resize(ctx->cache, 4096), 0);
	account(ctx, &v6, T0 + 3, &timeouts, 0);
	KUNIT_EXPECT_EQ(test, stat(ctx, NETFLOW_STAT_NEW), 2ull);

	netflow_cache_expire(ctx->cache, T0 + 3, &timeouts, true, record_flow,
			     &ctx->out);
	KUNIT_EXPECT_EQ(test, ctx->out.count, 2u);
	KUNIT_EXPECT_EQ(test, ctx->out.bytes, 4 * 300ull + 3 * 100ull);
	/* once more with the IPv6 flow alone, to read its record back */
	account(ctx, &v6, T0 + 4, &timeouts, 0);
	netflow_cache_expire(ctx->cache, T0 + 4, &timeouts, true, record_flow,
			     &ctx->out);
	KUNIT_EXPECT_EQ(test, ctx->out.count, 3u);
	KUNIT_EXPECT_EQ(test, ctx->out.last_key.family, (u8)AF_INET6);
	KUNIT_EXPECT_MEMEQ(test, &ctx->out.last_key.src.ip6, &v6.key.v6.src, 16);
	KUNIT_EXPECT_MEMEQ(test, &ctx->out.last_key.dst.ip6, &v6.key.v6.dst, 16);
	KUNIT_EXPECT_MEMEQ(test, &ctx->out.last_nexthop.ip6, &v6.nexthop.ip6, 16);
	KUNIT_EXPECT_EQ(test, ctx->out.last_key.in_ifindex, 3u);
}

/*
 * The export worker reads the clock, then a packet on another CPU stamps
 * a flow a little later: the flow is young, not four billion jiffies old.
 */
static void cache_flow_newer_than_the_clock_stays(struct kunit *test)
{
	struct cache_ctx *ctx = test->priv;
	struct netflow_packet pkt = udp_packet(0x0a010002, 40000, 100);

	account(ctx, &pkt, T0 + HZ, &timeouts, 0);
	netflow_cache_expire(ctx->cache, T0, &timeouts, false, record_flow,
			     &ctx->out);
	KUNIT_EXPECT_EQ(test, ctx->out.count, 0u);
	pkt.tcp_flags = 0x01;				/* FIN: on the closing list */
	pkt.key.h.protocol = 6;
	account(ctx, &pkt, T0 + HZ, &timeouts, 0);
	netflow_cache_expire(ctx->cache, T0, &timeouts, false, record_flow,
			     &ctx->out);
	KUNIT_EXPECT_EQ(test, ctx->out.count, 0u);
	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->cache->nr_flows), 2);
}

/*
 * A packet metered late (pipeline.c) may reach its flow after a newer
 * one: the flow's first and last times still span both.
 */
static void cache_late_packet_keeps_flow_times(struct kunit *test)
{
	struct cache_ctx *ctx = test->priv;
	struct netflow_packet pkt = udp_packet(0x0a010002, 40000, 100);
	struct netflow_flow_view view;
	unsigned int i, n = 0;

	account(ctx, &pkt, T0 + 5, &timeouts, 0);
	account(ctx, &pkt, T0 + 2, &timeouts, 0);
	account(ctx, &pkt, T0 + 4, &timeouts, 0);
	for (i = 0; i < NETFLOW_CACHE_STRIPES && !n; i++)
		n = netflow_cache_stripe_copy(ctx->cache, i, &view, 1);
	KUNIT_ASSERT_EQ(test, n, 1u);
	KUNIT_EXPECT_EQ(test, view.first, (u32)(T0 + 2));
	KUNIT_EXPECT_EQ(test, view.last, (u32)(T0 + 5));
	KUNIT_EXPECT_EQ(test, view.rec.packets, 3ull);
}

/*
 * IPv4 and IPv6 flows share chains: with one bucket per stripe every
 * lookup walks flows of the other family, whose objects are shorter or
 * longer than its key (KASAN in the sanitizer run checks the reads).
 */
static void cache_families_share_chains(struct kunit *test)
{
	struct cache_ctx *ctx = test->priv;
	struct netflow_packet pkt;
	int round, i;

	KUNIT_ASSERT_EQ(test, netflow_cache_resize(ctx->cache, 256), 0);
	for (round = 0; round < 2; round++) {
		for (i = 0; i < 600; i++) {
			pkt = udp_packet(0x0a000000 + i, 1000, 100);
			KUNIT_EXPECT_EQ(test, account(ctx, &pkt, T0, &timeouts, 0), 0);
			pkt = udp6_packet(i, 1000, 100);
			KUNIT_EXPECT_EQ(test, account(ctx, &pkt, T0, &timeouts, 0), 0);
		}
	}
	KUNIT_EXPECT_EQ(test, stat(ctx, NETFLOW_STAT_NEW), 1200ull);
	KUNIT_EXPECT_EQ(test, stat(ctx, NETFLOW_STAT_FOUND), 1200ull);
	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->cache->nr_flows), 1200);
}

/* A closing flow past its active timeout is left to the closing list. */
static void cache_closing_flow_ends_once(struct kunit *test)
{
	struct cache_ctx *ctx = test->priv;
	struct netflow_packet pkt = udp_packet(0x0a010002, 40000, 52);

	pkt.key.h.protocol = 6;
	pkt.tcp_flags = 0x10;
	account(ctx, &pkt, T0, &timeouts, 0);
	pkt.tcp_flags = 0x11;				/* FIN ACK */
	account(ctx, &pkt, T0 + 59 * HZ + HZ / 2, &timeouts, 0);
	pkt.tcp_flags = 0x10;				/* past the active timeout */
	account(ctx, &pkt, T0 + 60 * HZ + HZ / 5, &timeouts, 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->cache->nr_flows), 1);
	netflow_cache_expire(ctx->cache, T0 + 60 * HZ + HZ / 5, &timeouts, true,
			     record_flow, &ctx->out);
	KUNIT_EXPECT_EQ(test, ctx->out.count, 1u);
	KUNIT_EXPECT_EQ(test, ctx->out.packets, 3ull);
	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->cache->nr_flows), 0);
}

/* After FIN or RST a flow leaves a second after its last packet. */
static void cache_exports_closed_tcp_promptly(struct kunit *test)
{
	struct cache_ctx *ctx = test->priv;
	struct netflow_packet pkt = udp_packet(0x0a010002, 40000, 52);
	unsigned long t = T0;

	pkt.key.h.protocol = 6;
	pkt.tcp_flags = 0x02;				/* SYN */
	account(ctx, &pkt, t, &timeouts, 0);
	pkt.tcp_flags = 0x11;				/* FIN ACK */
	account(ctx, &pkt, t + HZ, &timeouts, 0);
	pkt.tcp_flags = 0x10;				/* the last ACK */
	account(ctx, &pkt, t + HZ + HZ / 2, &timeouts, 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->cache->nr_flows), 1);

	netflow_cache_expire(ctx->cache, t + 2 * HZ + HZ / 2 - 1, &timeouts, false,
			     record_flow, &ctx->out);
	KUNIT_EXPECT_EQ(test, ctx->out.count, 0u);
	netflow_cache_expire(ctx->cache, t + 2 * HZ + HZ / 2, &timeouts, false,
			     record_flow, &ctx->out);
	KUNIT_EXPECT_EQ(test, ctx->out.count, 1u);
	KUNIT_EXPECT_EQ(test, ctx->out.packets, 3ull);
	KUNIT_EXPECT_EQ(test, ctx->out.last_reason, NETFLOW_END_OF_FLOW);
}

/*
 * Optional fields: an extended flow keeps the first packet's fields and
 * ORs the option bitmaps of the others in; plain flows carry none. Both
 * families.
 */
static void cache_keeps_optional_fields(struct kunit *test)
{
	struct cache_ctx *ctx = test->priv;
	struct netflow_fields_data first = {
		.tcp_options = BIT_ULL(63 - 2), .ipv4_options = BIT(31 - 7),
		.ipv6_exthdr = BIT(31 - 1), .flow_label = 0x12345,
		.in_physdev = 4, .out_physdev = 5, .ethertype = cpu_to_be16(0x0800),
		.direction = 1, .src_mask = 24, .dst_mask = 16,
	}, second = first;
	struct netflow_packet pkt = udp_packet(0x0a010002, 40000, 100);
	struct netflow_packet pkt6 = udp6_packet(7, 40000, 100);
	struct netflow_packet plain = udp_packet(0x0a010003, 40000, 100);
	u32 hash = netflow_cache_hash_fields(ctx->cache, &pkt.key, &first);
	struct netflow_fields_data want = first;
	int i;

	second.tcp_options = BIT_ULL(63 - 8);
	second.ipv4_options = BIT(31 - 1);
	second.ipv6_exthdr = BIT(31 - 0);
	second.flow_label = 1;
	second.direction = 0;
	second.src_mask = 8;
	for (i = 0; i < 2; i++) {
		const struct netflow_packet *p = i ? &pkt6 : &pkt;
		u32 h = i ? netflow_cache_hash_fields(ctx->cache, &pkt6.key, &second) : hash;

		KUNIT_ASSERT_EQ(test, netflow_cache_account_fields(ctx->cache, p, h, T0,
								   &timeouts, 0, &first), 0);
		KUNIT_ASSERT_EQ(test, netflow_cache_account_fields(ctx->cache, p, h, T0 + 1,
								   &timeouts, 0, &second), 0);
		KUNIT_EXPECT_EQ(test, atomic_read(&ctx->cache->nr_flows), i + 1);
	}
	netflow_cache_expire(ctx->cache, T0 + 2, &timeouts, true, record_flow, &ctx->out);
	KUNIT_EXPECT_EQ(test, ctx->out.count, 2u);
	KUNIT_EXPECT_EQ(test, ctx->out.packets, 4ull);
	want.tcp_options |= second.tcp_options;
	want.ipv4_options |= second.ipv4_options;
	want.ipv6_exthdr |= second.ipv6_exthdr;
	/* the last emitted is one of the two: both carry the same fields */
	KUNIT_EXPECT_MEMEQ(test, &ctx->out.last_fields, &want, sizeof(want));

	memset(&ctx->out, 0, sizeof(ctx->out));
	KUNIT_ASSERT_EQ(test, account(ctx, &plain, T0 + 3, &timeouts, 0), 0);
	netflow_cache_expire(ctx->cache, T0 + 3, &timeouts, true, record_flow, &ctx->out);
	KUNIT_EXPECT_EQ(test, ctx->out.count, 1u);
	KUNIT_EXPECT_TRUE(test, !memchr_inv(&ctx->out.last_fields, 0,
					    sizeof(ctx->out.last_fields)));
}

/* MAC addresses are key: another source MAC is another flow. */
static void cache_fields_key_by_mac(struct kunit *test)
{
	struct cache_ctx *ctx = test->priv;
	struct netflow_packet pkt = udp_packet(0x0a010002, 40000, 100);
	struct netflow_fields_data a = { .src_mac = { 2, 0, 0, 0, 1, 2 } }, b = a;
	u32 ha = netflow_cache_hash_fields(ctx->cache, &pkt.key, &a), hb;

	b.src_mac[5] = 3;
	b.tcp_options = 1;	/* not key */
	hb = netflow_cache_hash_fields(ctx->cache, &pkt.key, &b);
	KUNIT_EXPECT_NE(test, ha, hb);
	KUNIT_EXPECT_NE(test, ha, netflow_cache_hash(ctx->cache, &pkt.key));
	KUNIT_ASSERT_EQ(test, netflow_cache_account_fields(ctx->cache, &pkt, ha, T0,
							   &timeouts, 0, &a), 0);
	KUNIT_ASSERT_EQ(test, netflow_cache_account_fields(ctx->cache, &pkt, ha, T0,
							   &timeouts, 0, &a), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->cache->nr_flows), 1);
	KUNIT_ASSERT_EQ(test, netflow_cache_account_fields(ctx->cache, &pkt, hb, T0,
							   &timeouts, 0, &b), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->cache->nr_flows), 2);
	b.tcp_options = 2;
	KUNIT_ASSERT_EQ(test, netflow_cache_account_fields(ctx->cache, &pkt, hb, T0,
							   &timeouts, 0, &b), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->cache->nr_flows), 2);
	/* a resize finds every extended flow again by its hash */
	KUNIT_ASSERT_EQ(test, netflow_cache_resize(ctx->cache, 4096), 0);
	KUNIT_ASSERT_EQ(test, netflow_cache_account_fields(ctx->cache, &pkt, ha, T0,
							   &timeouts, 0, &a), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->cache->nr_flows), 2);
	netflow_cache_expire(ctx->cache, T0, &timeouts, true, record_flow, &ctx->out);
	KUNIT_EXPECT_EQ(test, ctx->out.count, 2u);
	KUNIT_EXPECT_EQ(test, ctx->out.packets, 5ull);
}

/* A closing extended flow is found in its bucket and leaves on time. */
static void cache_fields_closing_flow_leaves(struct kunit *test)
{
	struct cache_ctx *ctx = test->priv;
	struct netflow_packet pkt = udp_packet(0x0a010002, 40000, 100);
	struct netflow_fields_data f = { .src_mac = { 2, 0, 0, 0, 1, 2 } };
	long first;
	u32 hash;

	pkt.key.h.protocol = IPPROTO_TCP;
	pkt.tcp_flags = TCPHDR_FIN | TCPHDR_ACK;
	hash = netflow_cache_hash_fields(ctx->cache, &pkt.key, &f);
	KUNIT_ASSERT_EQ(test, netflow_cache_account_fields(ctx->cache, &pkt, hash, T0,
							   &timeouts, 0, &f), 0);
	first = tick(ctx, T0, T0 + 3 * HZ, &timeouts);
	KUNIT_EXPECT_EQ(test, ctx->out.count, 1u);
	KUNIT_EXPECT_EQ(test, ctx->out.last_reason, NETFLOW_END_OF_FLOW);
	KUNIT_EXPECT_GE(test, first, (long)msecs_to_jiffies(NETFLOW_CLOSE_DELAY_MS));
	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->cache->nr_flows), 0);
}

/*
 * Many connections closing at once in few stripes: the closing arrays
 * grow, every flow leaves a second after its last packet, once, and the
 * arrays are given back when they empty.
 */
static void cache_many_closing_flows_leave_promptly(struct kunit *test)
{
	struct cache_ctx *ctx = test->priv;
	const unsigned int n = 3000;
	struct netflow_packet pkt;
	size_t buckets;
	unsigned int i;
	long first;

	KUNIT_ASSERT_EQ(test, netflow_cache_resize(ctx->cache, 256), 0);
	buckets = 256 * sizeof(void *);
	for (i = 0; i < n; i++) {
		pkt = udp_packet(0x0a000000 + i, 40000, 52);
		pkt.key.h.protocol = IPPROTO_TCP;
		pkt.tcp_flags = TCPHDR_FIN | TCPHDR_ACK;
		KUNIT_ASSERT_EQ(test, account(ctx, &pkt, T0, &timeouts, 0), 0);
		/* a second FIN does not list the flow twice */
		KUNIT_ASSERT_EQ(test, account(ctx, &pkt, T0 + HZ / 10, &timeouts, 0), 0);
	}
	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->cache->nr_flows), (int)n);
	/* the flows and an array entry for each, at least */
	KUNIT_EXPECT_GE(test, netflow_cache_memory(ctx->cache),
			buckets + n * (64 + sizeof(void *)));
	first = tick(ctx, T0 + HZ / 10, T0 + 2 * HZ, &timeouts);
	KUNIT_EXPECT_EQ(test, first, (long)HZ);
	KUNIT_EXPECT_EQ(test, ctx->out.count, n);
	KUNIT_EXPECT_EQ(test, ctx->out.packets, 2ull * n);
	KUNIT_EXPECT_EQ(test, ctx->out.last_reason, NETFLOW_END_OF_FLOW);
	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->cache->nr_flows), 0);
	/* at most the small arrays stay */
	KUNIT_EXPECT_LE(test, netflow_cache_memory(ctx->cache),
			buckets + NETFLOW_CACHE_STRIPES * 16 * sizeof(void *));
}

/* Closing flows and others share the stripes; only the closing ones hurry. */
static void cache_closing_and_open_flows_mix(struct kunit *test)
{
	struct cache_ctx *ctx = test->priv;
	struct netflow_packet pkt;
	unsigned int i;

	KUNIT_ASSERT_EQ(test, netflow_cache_resize(ctx->cache, 256), 0);
	for (i = 0; i < 1000; i++) {
		pkt = udp_packet(0x0a000000 + i, 40000, 52);
		pkt.key.h.protocol = IPPROTO_TCP;
		pkt.tcp_flags = i % 2 ? TCPHDR_RST : TCPHDR_ACK;
		KUNIT_ASSERT_EQ(test, account(ctx, &pkt, T0, &timeouts, 0), 0);
	}
	tick(ctx, T0, T0 + 2 * HZ, &timeouts);
	KUNIT_EXPECT_EQ(test, ctx->out.count, 500u);
	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->cache->nr_flows), 500);
	/* the rest leave at the idle timeout; a flush would take them too */
	netflow_cache_expire(ctx->cache, T0 + 2 * HZ, &timeouts, true, record_flow,
			     &ctx->out);
	KUNIT_EXPECT_EQ(test, ctx->out.count, 1000u);
	KUNIT_EXPECT_EQ(test, ctx->out.last_reason, NETFLOW_END_FORCED);
}

/* /proc's memory figure counts the fields tail of extended flows. */
static void cache_memory_counts_fields_tail(struct kunit *test)
{
	struct cache_ctx *ctx = test->priv;
	struct netflow_fields_data f = { .src_mac = { 2, 0, 0, 0, 1, 2 } };
	struct netflow_packet pkt = udp_packet(0x0a010002, 40000, 100);
	struct netflow_packet pkt6 = udp6_packet(7, 40000, 100);
	struct netflow_packet plain = udp_packet(0x0a010003, 40000, 100);
	size_t buckets = 1024 * sizeof(void *);
	u32 h = netflow_cache_hash_fields(ctx->cache, &pkt.key, &f);
	u32 h6 = netflow_cache_hash_fields(ctx->cache, &pkt6.key, &f);

	KUNIT_ASSERT_EQ(test, netflow_cache_account_fields(ctx->cache, &pkt, h, T0,
							   &timeouts, 0, &f), 0);
	KUNIT_ASSERT_EQ(test, netflow_cache_account_fields(ctx->cache, &pkt6, h6, T0,
							   &timeouts, 0, &f), 0);
	KUNIT_ASSERT_EQ(test, account(ctx, &plain, T0, &timeouts, 0), 0);
	KUNIT_EXPECT_EQ(test, netflow_cache_memory(ctx->cache),
			buckets + 64 + 104 + 64 +
			2 * sizeof(struct netflow_fields_data));
	netflow_cache_expire(ctx->cache, T0, &timeouts, true, record_flow, &ctx->out);
	KUNIT_EXPECT_EQ(test, ctx->out.count, 3u);
	KUNIT_EXPECT_EQ(test, netflow_cache_memory(ctx->cache), buckets);
}

static struct kunit_case netflow_cache_cases[] = {
	KUNIT_CASE(cache_many_closing_flows_leave_promptly),
	KUNIT_CASE(cache_closing_and_open_flows_mix),
	KUNIT_CASE(cache_memory_counts_fields_tail),
	KUNIT_CASE(cache_exports_closed_tcp_promptly),
	KUNIT_CASE(cache_keeps_ipv6_flows_whole),
	KUNIT_CASE(cache_closing_flow_ends_once),
	KUNIT_CASE(cache_flow_newer_than_the_clock_stays),
	KUNIT_CASE(cache_late_packet_keeps_flow_times),
	KUNIT_CASE(cache_families_share_chains),
	KUNIT_CASE(cache_sweep_ends_active_flows),
	KUNIT_CASE(cache_counts_packets_into_one_flow),
	KUNIT_CASE(cache_keeps_optional_fields),
	KUNIT_CASE(cache_fields_key_by_mac),
	KUNIT_CASE(cache_fields_closing_flow_leaves),
	KUNIT_CASE(cache_expires_idle_flows_on_time),
	KUNIT_CASE(cache_ends_long_flows_at_active_timeout),
	KUNIT_CASE(cache_refuses_beyond_maxflows),
	KUNIT_CASE(cache_resize_keeps_every_flow),
	KUNIT_CASE(cache_keys_differ_by_every_field),
	KUNIT_CASE(cache_auto_sized_table_grows),
	{}
};

static struct kunit_suite netflow_cache_suite = {
	.name = "netflow_cache",
	.init = cache_test_init,
	.exit = cache_test_exit,
	.suite_init = cache_suite_init,
	.suite_exit = cache_suite_exit,
	.test_cases = netflow_cache_cases,
};

kunit_test_suite(netflow_cache_suite);
