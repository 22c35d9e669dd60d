// SPDX-License-Identifier: GPL-2.0
/* KUnit: the aggregation= parser, formatter and apply functions. */
#include <kunit/test.h>
#include <linux/inet.h>

#include "aggr.h"
#include "param_desc.h"

struct aggr_case {
	const char *input;
	int err;		/* 0: valid */
	const char *canonical;
};

static const struct aggr_case valid_cases[] = {
	{ "", 0, "" },
	{ " ,; \t\n", 0, "" },
	{ "192.0.0.0/8=16", 0, "192.0.0.0/8=16" },
	{ "192.0.0.0/8=16,10.0.0.0/8=16,80-89=80,3128=80", 0,
	  "192.0.0.0/8=16,10.0.0.0/8=16,80-89=80,3128=80" },
	{ "80-89=80 ; 10.0.0.0/8=24", 0, "10.0.0.0/8=24,80-89=80" },
	{ "0.0.0.0/0=24", 0, "0.0.0.0/0=24" },
	{ "10.1.2.3/32=0", 0, "10.1.2.3/32=0" },
	{ "010.001.0.0/16=08", 0, "10.1.0.0/16=8" },
	{ "2001:db8::/32=48", 0, "2001:db8::/32=48" },
	{ "2001:0db8:0000::/32=048", 0, "2001:db8::/32=48" },
	{ "::/0=64,fe80::/10=10", 0, "::/0=64,fe80::/10=10" },
	{ "2001:db8::1/128=128", 0, "2001:db8::1/128=128" },
	{ "0-65535=0", 0, "0-65535=0" },
	{ "1024-1024=1", 0, "1024=1" },
	{ "00080=00443", 0, "80=443" },
	{ "1.0.0.0/8=16,::/0=0,1=2,2.0.0.0/8=9", 0,
	  "1.0.0.0/8=16,2.0.0.0/8=9,::/0=0,1=2" },
};

static const struct aggr_case invalid_cases[] = {
	{ "192.0.0.0/8", -EINVAL }, { "192.0.0.0/8=", -EINVAL },
	{ "192.0.0.0/=16", -EINVAL }, { "/8=16", -EINVAL },
	{ "192.0.0.0/8=16=24", -EINVAL }, { "192.0.0.0/33=16", -ERANGE },
	{ "192.0.0.0/8=33", -ERANGE }, { "192.0.0.0/8=100", -EINVAL },
	{ "192.0.0.1/8=16", -EINVAL }, { "192.0.0/8=16", -EINVAL },
	{ "192.0.0.0.0/8=16", -EINVAL }, { "256.0.0.0/8=16", -EINVAL },
	{ "192.0.0.0/+8=16", -EINVAL }, { "192.0.0.0/8=-1", -EINVAL },
	{ "192.0.0.0/8=16x", -EINVAL }, { "192.0.0.0/8/8=16", -EINVAL },
	{ "2001:db8::/129=48", -ERANGE }, { "2001:db8::/32=129", -ERANGE },
	{ "2001:db8::1/32=48", -EINVAL }, { "2001:db8:::/32=48", -EINVAL },
	{ "[2001:db8::]/32=48", -EINVAL }, { "2001:db8::/1000=48", -EINVAL },
	{ "80", -EINVAL }, { "80=", -EINVAL }, { "=80", -EINVAL },
	{ "80-=80", -EINVAL }, { "-89=80", -EINVAL }, { "89-80=80", -EINVAL },
	{ "65536=80", -ERANGE }, { "80=65536", -ERANGE }, { "80=999999", -EINVAL },
	{ "80-90-100=80", -EINVAL }, { "0x50=80", -EINVAL }, { "http=80", -EINVAL },
	{ "80=80,bogus", -EINVAL }, { "80:90=80", -EINVAL },
};

static void aggr_case_desc(const struct aggr_case *c, char *desc)
{
	kunit_input_desc(c->input, desc);
}

KUNIT_ARRAY_PARAM(aggr_valid, valid_cases, aggr_case_desc);
KUNIT_ARRAY_PARAM(aggr_invalid, invalid_cases, aggr_case_desc);

static void aggr_parses_valid(struct kunit *test)
{
	const struct aggr_case *c = test->param_value;
	struct netflow_aggr *a = kunit_kzalloc(test, sizeof(*a), GFP_KERNEL);
	struct netflow_aggr *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);
	char *buf = kunit_kzalloc(test, NETFLOW_AGGR_STRLEN + 1, GFP_KERNEL);
	int len;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_EQ(test, netflow_aggr_parse(c->input, a), 0);
	len = netflow_aggr_format(buf, NETFLOW_AGGR_STRLEN + 1, a);
	KUNIT_ASSERT_GE(test, len, 0);
	KUNIT_EXPECT_EQ(test, (size_t)len, strlen(buf));
	KUNIT_EXPECT_STREQ(test, buf, c->canonical);
	/* parse(format(x)) == x, field by field */
	KUNIT_ASSERT_EQ(test, netflow_aggr_parse(buf, b), 0);
	KUNIT_ASSERT_EQ(test, a->nr_net4, b->nr_net4);
	KUNIT_ASSERT_EQ(test, a->nr_net6, b->nr_net6);
	KUNIT_ASSERT_EQ(test, a->nr_port, b->nr_port);
	KUNIT_EXPECT_MEMEQ(test, a->net4, b->net4, a->nr_net4 * sizeof(a->net4[0]));
	KUNIT_EXPECT_MEMEQ(test, a->net6, b->net6, a->nr_net6 * sizeof(a->net6[0]));
	KUNIT_EXPECT_MEMEQ(test, a->port, b->port, a->nr_port * sizeof(a->port[0]));
}

static void aggr_rejects_invalid(struct kunit *test)
{
	const struct aggr_case *c = test->param_value;
	struct netflow_aggr *a = kunit_kzalloc(test, sizeof(*a), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_EXPECT_EQ(test, netflow_aggr_parse(c->input, a), c->err);
}

#define RULES4 "192.168.0.0/16=24,192.0.0.0/8=16,10.0.0.0/8=8,172.16.5.5/32=32,1-2=3"
#define RULES6 "2001:db8::/32=48,fe80::/10=10,2a00::/8=127,10.0.0.0/8=8"
#define RULES_PORT "80-89=80,3128=80,8000-8999=8080,50000-65535=1,3000-4000=2"

static __be32 ip4(const char *s)
{
	__be32 a = 0;

	in4_pton(s, -1, (u8 *)&a, -1, NULL);
	return a;
}

struct apply4_case {
	const char *in;
	const char *out;
	int rule;		/* index applied, or -ENOENT */
	u8 mask;
};

static void aggr_apply_ipv4(struct kunit *test)
{
	static const struct apply4_case cases[] = {
		{ "192.168.1.77", "192.168.1.0", 0, 16 },	/* first match wins */
		{ "192.1.2.3", "192.1.0.0", 1, 8 },
		{ "10.200.3.4", "10.0.0.0", 2, 8 },
		{ "10.255.255.255", "10.0.0.0", 2, 8 },
		{ "11.0.0.1", "11.0.0.1", -ENOENT, 99 },
		{ "9.255.255.255", "9.255.255.255", -ENOENT, 99 },
		{ "172.16.5.5", "172.16.5.5", 3, 32 },
		{ "172.16.5.6", "172.16.5.6", -ENOENT, 99 },
	};
	struct netflow_aggr *a = kunit_kzalloc(test, sizeof(*a), GFP_KERNEL);
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_EQ(test, netflow_aggr_parse(RULES4, a), 0);
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		__be32 addr = ip4(cases[i].in);
		u8 mask = 99;

		KUNIT_EXPECT_EQ_MSG(test, netflow_aggr_ipv4(a, &addr, &mask),
				    cases[i].rule, "%s", cases[i].in);
		KUNIT_EXPECT_EQ_MSG(test, addr, ip4(cases[i].out), "%s", cases[i].in);
		KUNIT_EXPECT_EQ_MSG(test, mask, cases[i].mask, "%s", cases[i].in);
	}
	/* NULL mask is allowed; an empty rule set changes nothing */
	{
		__be32 addr = ip4("192.168.9.9");

		KUNIT_EXPECT_EQ(test, netflow_aggr_ipv4(a, &addr, NULL), 0);
		KUNIT_EXPECT_EQ(test, addr, ip4("192.168.9.0"));
		KUNIT_ASSERT_EQ(test, netflow_aggr_parse("", a), 0);
		KUNIT_EXPECT_EQ(test, netflow_aggr_ipv4(a, &addr, NULL), -ENOENT);
		KUNIT_EXPECT_EQ(test, addr, ip4("192.168.9.0"));
	}
}

static void aggr_apply_ipv6(struct kunit *test)
{
	static const struct {
		const char *in, *out;
		int rule;
		u8 mask;
	} cases[] = {
		{ "2001:db8:1:2:3:4:5:6", "2001:db8:1::", 0, 32 },
		{ "2001:db9::1", "2001:db9::1", -ENOENT, 99 },
		{ "fe80::1234:5678:9abc:def0", "fe80::", 1, 10 },
		{ "febf:ffff::1", "fe80::", 1, 10 },
		{ "fec0::1", "fec0::1", -ENOENT, 99 },
		{ "2a00:1:2:3:4:5:6:7", "2a00:1:2:3:4:5:6:6", 2, 8 },
	};
	struct netflow_aggr *a = kunit_kzalloc(test, sizeof(*a), GFP_KERNEL);
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_EQ(test, netflow_aggr_parse(RULES6, a), 0);
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct in6_addr addr, want;
		u8 mask = 99;

		KUNIT_ASSERT_EQ(test, in6_pton(cases[i].in, -1, addr.s6_addr, -1, NULL), 1);
		KUNIT_ASSERT_EQ(test, in6_pton(cases[i].out, -1, want.s6_addr, -1, NULL), 1);
		KUNIT_EXPECT_EQ_MSG(test, netflow_aggr_ipv6(a, &addr, &mask),
				    cases[i].rule, "%s", cases[i].in);
		KUNIT_EXPECT_MEMEQ(test, addr.s6_addr, want.s6_addr, 16);
		KUNIT_EXPECT_EQ_MSG(test, mask, cases[i].mask, "%s", cases[i].in);
	}
}

static void aggr_apply_port(struct kunit *test)
{
	static const struct {
		u16 in, out;
		int rule;
	} cases[] = {
		{ 80, 80, 0 }, { 85, 80, 0 }, { 89, 80, 0 }, { 90, 90, -ENOENT },
		{ 79, 79, -ENOENT }, { 3128, 80, 1 }, { 3127, 2, 4 }, { 4001, 4001, -ENOENT },
		{ 0, 0, -ENOENT }, { 65535, 1, 3 }, { 60000, 1, 3 }, { 8080, 8080, 2 },
	};
	struct netflow_aggr *a = kunit_kzalloc(test, sizeof(*a), GFP_KERNEL);
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_EQ(test, netflow_aggr_parse(RULES_PORT, a), 0);
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		__be16 port = cpu_to_be16(cases[i].in);

		KUNIT_EXPECT_EQ_MSG(test, netflow_aggr_port(a, &port), cases[i].rule,
				    "port %u", cases[i].in);
		KUNIT_EXPECT_EQ_MSG(test, be16_to_cpu(port), cases[i].out, "port %u",
				    cases[i].in);
	}
}

static void aggr_limits(struct kunit *test)
{
	struct netflow_aggr *a = kunit_kzalloc(test, sizeof(*a), GFP_KERNEL);
	char *s = kunit_kzalloc(test, 4 * NETFLOW_AGGR_STRLEN, GFP_KERNEL);
	size_t len = 0;
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, s);
	/* NETFLOW_AGGR_MAX port rules, then one more */
	for (i = 0; i < NETFLOW_AGGR_MAX; i++)
		len += sprintf(s + len, "%u=1,", i);
	KUNIT_EXPECT_EQ(test, netflow_aggr_parse(s, a), 0);
	KUNIT_EXPECT_EQ(test, a->nr_port, NETFLOW_AGGR_MAX);
	sprintf(s + len, "%u=1", i);
	KUNIT_EXPECT_EQ(test, netflow_aggr_parse(s, a), -E2BIG);
	/* the kinds have a limit each: 32 of every kind fit */
	len = 0;
	for (i = 0; i < NETFLOW_AGGR_MAX; i++)
		len += sprintf(s + len, "%u.0.0.0/8=8,%u=1,", i + 1, i);
	KUNIT_EXPECT_EQ(test, netflow_aggr_parse(s, a), 0);
	KUNIT_EXPECT_EQ(test, a->nr_net4, NETFLOW_AGGR_MAX);
	/* overlong string */
	memset(s, ' ', NETFLOW_AGGR_STRLEN + 1);
	s[NETFLOW_AGGR_STRLEN + 1] = '\0';
	KUNIT_EXPECT_EQ(test, netflow_aggr_parse(s, a), -E2BIG);
	s[NETFLOW_AGGR_STRLEN] = '\0';
	KUNIT_EXPECT_EQ(test, netflow_aggr_parse(s, a), 0);
	/*
	 * An input that fits whose canonical form does not: %pI6c does not
	 * compress a single zero group, so "1::2:3:4:5:6:7" grows by one.
	 */
	len = 0;
	for (i = 0; i < NETFLOW_AGGR_MAX; i++)
		len += sprintf(s + len, "1::2:3:4:5:6:7/128=128,");
	for (i = 0; i < 13; i++)
		len += sprintf(s + len, "255.255.255.255/32=32,");
	KUNIT_EXPECT_LE(test, len, (size_t)NETFLOW_AGGR_STRLEN);
	KUNIT_EXPECT_EQ(test, netflow_aggr_parse(s, a), -E2BIG);
	/* with 11 of them it fits, canonical form and all */
	s[len - 13 * 22] = '\0';
	len -= 13 * 22;
	for (i = 0; i < 11; i++)
		len += sprintf(s + len, "255.255.255.255/32=32,");
	KUNIT_EXPECT_EQ(test, netflow_aggr_parse(s, a), 0);
	{
		char *out = kunit_kzalloc(test, NETFLOW_AGGR_STRLEN + 1, GFP_KERNEL);

		KUNIT_ASSERT_NOT_NULL(test, out);
		KUNIT_EXPECT_EQ(test, netflow_aggr_format(out, NETFLOW_AGGR_STRLEN + 1, a),
				32 * 24 + 11 * 22 - 1);
	}
}

static void aggr_format_sizes(struct kunit *test)
{
	struct netflow_aggr *a = kunit_kzalloc(test, sizeof(*a), GFP_KERNEL);
	char buf[32];

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_EQ(test, netflow_aggr_parse("10.0.0.0/8=16,80=81", a), 0);
	/* "10.0.0.0/8=16,80=81" is 19 characters */
	KUNIT_EXPECT_EQ(test, netflow_aggr_format(buf, 20, a), 19);
	KUNIT_EXPECT_EQ(test, netflow_aggr_format(buf, 19, a), -ENOSPC);
	KUNIT_EXPECT_EQ(test, netflow_aggr_format(buf, 0, a), -ENOSPC);
	KUNIT_EXPECT_EQ(test, netflow_aggr_format(buf, 1, a), -ENOSPC);
	KUNIT_EXPECT_STREQ(test, buf, "");
}

static struct kunit_case netflow_aggr_cases[] = {
	KUNIT_CASE_PARAM(aggr_parses_valid, aggr_valid_gen_params),
	KUNIT_CASE_PARAM(aggr_rejects_invalid, aggr_invalid_gen_params),
	KUNIT_CASE(aggr_apply_ipv4),
	KUNIT_CASE(aggr_apply_ipv6),
	KUNIT_CASE(aggr_apply_port),
	KUNIT_CASE(aggr_limits),
	KUNIT_CASE(aggr_format_sizes),
	{}
};

static struct kunit_suite netflow_aggr_suite = {
	.name = "netflow_aggr",
	.test_cases = netflow_aggr_cases,
};

kunit_test_suite(netflow_aggr_suite);
