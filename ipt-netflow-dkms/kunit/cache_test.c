// SPDX-License-Identifier: GPL-2.0
/* KUnit: the flow cache, driven by a fake clock. */
#include <kunit/test.h>
#include <linux/jiffies.h>
#include <linux/socket.h>
#include <linux/vmalloc.h>

#include "cache.h"

struct emitted {
	unsigned int count;
	u64 packets;
	u64 bytes;
	u8 last_reason;
	struct netflow_key last_key;
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

	e->count++;
	e->packets += flow->packets;
	e->bytes += flow->bytes;
	e->last_reason = flow->end_reason;
	e->last_key = flow->key;
}

static struct netflow_packet udp_packet(u32 src, u16 sport, u32 bytes)
{
	struct netflow_packet pkt;

	memset(&pkt, 0, sizeof(pkt));
	pkt.key.family = AF_INET;
	pkt.key.protocol = 17;
	pkt.key.src.ip = cpu_to_be32(src);
	pkt.key.dst.ip = cpu_to_be32(0x0a020002);
	pkt.key.src_port = cpu_to_be16(sport);
	pkt.key.dst_port = cpu_to_be16(53);
	pkt.key.in_ifindex = 2;
	pkt.bytes = bytes;
	return pkt;
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
	KUNIT_EXPECT_MEMEQ(test, &ctx->out.last_key, &pkt.key, sizeof(pkt.key));
}

static void cache_expires_idle_flows_on_time(struct kunit *test)
{
	struct cache_ctx *ctx = test->priv;
	struct netflow_packet a = udp_packet(0x0a010002, 40000, 100);
	struct netflow_packet b = udp_packet(0x0a010003, 40000, 200);

	account(ctx, &a, T0, &timeouts, 0);
	account(ctx, &b, T0 + 5 * HZ, &timeouts, 0);

	netflow_cache_expire(ctx->cache, T0 + 15 * HZ - 1, &timeouts, false,
			     record_flow, &ctx->out);
	KUNIT_EXPECT_EQ(test, ctx->out.count, 0u);

	netflow_cache_expire(ctx->cache, T0 + 15 * HZ, &timeouts, false,
			     record_flow, &ctx->out);
	KUNIT_EXPECT_EQ(test, ctx->out.count, 1u);
	KUNIT_EXPECT_EQ(test, ctx->out.bytes, 100ull);
	KUNIT_EXPECT_EQ(test, ctx->out.last_reason, NETFLOW_END_IDLE);

	netflow_cache_expire(ctx->cache, T0 + 20 * HZ, &timeouts, false,
			     record_flow, &ctx->out);
	KUNIT_EXPECT_EQ(test, ctx->out.count, 2u);
	KUNIT_EXPECT_EQ(test, ctx->out.bytes, 300ull);
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
	netflow_cache_expire(ctx->cache, T0 + 90 * HZ, &timeouts, false,
			     record_flow, &ctx->out);
	KUNIT_EXPECT_EQ(test, ctx->out.count, 1u);
	KUNIT_EXPECT_EQ(test, ctx->out.packets, 60ull);	/* 0 s .. 59 s */
	KUNIT_EXPECT_EQ(test, ctx->out.last_reason, NETFLOW_END_ACTIVE);

	netflow_cache_expire(ctx->cache, T0 + 90 * HZ, &timeouts, true,
			     record_flow, &ctx->out);
	KUNIT_EXPECT_EQ(test, ctx->out.count, 2u);
	KUNIT_EXPECT_EQ(test, ctx->out.packets, 91ull);
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

static void cache_keys_differ_by_every_field(struct kunit *test)
{
	struct cache_ctx *ctx = test->priv;
	struct netflow_packet base = udp_packet(0x0a010002, 40000, 100), pkt;

	account(ctx, &base, T0, &timeouts, 0);
	pkt = base;
	pkt.key.tos = 4;
	account(ctx, &pkt, T0, &timeouts, 0);
	pkt = base;
	pkt.key.in_ifindex = 3;
	account(ctx, &pkt, T0, &timeouts, 0);
	pkt = base;
	pkt.key.protocol = 6;
	account(ctx, &pkt, T0, &timeouts, 0);
	pkt = base;
	pkt.key.dst_port = cpu_to_be16(54);
	account(ctx, &pkt, T0, &timeouts, 0);
	/* the output interface and next hop are not key */
	pkt = base;
	pkt.out_ifindex = 9;
	account(ctx, &pkt, T0, &timeouts, 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->cache->nr_flows), 5);
}

/*
 * A flow moves in the LRU list at most once a second; expiry must still
 * see that it was used since and keep it, while the flow behind it in
 * time leaves on the dot.
 */
static void cache_lazy_lru_expires_on_time(struct kunit *test)
{
	struct cache_ctx *ctx = test->priv;
	struct netflow_packet a = udp_packet(0x0a010002, 40000, 100);
	struct netflow_packet b = udp_packet(0x0a010003, 40000, 200);
	int i;

	account(ctx, &a, T0, &timeouts, 0);
	account(ctx, &b, T0 + HZ / 2, &timeouts, 0);
	for (i = 1; i <= 9; i++)	/* A stays put in the list, last moves */
		account(ctx, &a, T0 + i * HZ / 10, &timeouts, 0);

	netflow_cache_expire(ctx->cache, T0 + 15 * HZ, &timeouts, false,
			     record_flow, &ctx->out);
	KUNIT_EXPECT_EQ(test, ctx->out.count, 0u);
	netflow_cache_expire(ctx->cache, T0 + 15 * HZ + HZ / 2, &timeouts, false,
			     record_flow, &ctx->out);
	KUNIT_EXPECT_EQ(test, ctx->out.count, 1u);
	KUNIT_EXPECT_EQ(test, ctx->out.bytes, 200ull);
	netflow_cache_expire(ctx->cache, T0 + 15 * HZ + 9 * HZ / 10 - 1, &timeouts,
			     false, record_flow, &ctx->out);
	KUNIT_EXPECT_EQ(test, ctx->out.count, 1u);
	netflow_cache_expire(ctx->cache, T0 + 15 * HZ + 9 * HZ / 10, &timeouts,
			     false, record_flow, &ctx->out);
	KUNIT_EXPECT_EQ(test, ctx->out.count, 2u);
	KUNIT_EXPECT_EQ(test, ctx->out.packets, 11ull);
	KUNIT_EXPECT_EQ(test, ctx->out.last_reason, NETFLOW_END_IDLE);
}

/* After FIN or RST a flow leaves a second after its last packet. */
static void cache_exports_closed_tcp_promptly(struct kunit *test)
{
	struct cache_ctx *ctx = test->priv;
	struct netflow_packet pkt = udp_packet(0x0a010002, 40000, 52);
	unsigned long t = T0;

	pkt.key.protocol = 6;
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

static struct kunit_case netflow_cache_cases[] = {
	KUNIT_CASE(cache_exports_closed_tcp_promptly),
	KUNIT_CASE(cache_lazy_lru_expires_on_time),
	KUNIT_CASE(cache_counts_packets_into_one_flow),
	KUNIT_CASE(cache_expires_idle_flows_on_time),
	KUNIT_CASE(cache_ends_long_flows_at_active_timeout),
	KUNIT_CASE(cache_refuses_beyond_maxflows),
	KUNIT_CASE(cache_resize_keeps_every_flow),
	KUNIT_CASE(cache_keys_differ_by_every_field),
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
