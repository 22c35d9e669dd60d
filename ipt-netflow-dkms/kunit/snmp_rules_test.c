// SPDX-License-Identifier: GPL-2.0
/* KUnit: the snmp-rules= parser, formatter and interface mapping. */
#include <kunit/test.h>

#include "param_desc.h"
#include "snmp_rules.h"

struct snmp_case {
	const char *input;
	int err;		/* 0: valid */
	const char *canonical;
};

static const struct snmp_case valid_cases[] = {
	{ "", 0, "" },
	{ " ,;\t\n", 0, "" },
	{ "eth:100", 0, "eth:100" },
	{ "eth:100,ppp:200,vlan:300", 0, "eth:100,ppp:200,vlan:300" },
	{ "eth:100 ppp:200;vlan:300\n", 0, "eth:100,ppp:200,vlan:300" },
	{ "eth:0", 0, "eth:0" },
	{ "e:65535", 0, "e:65535" },
	{ "eth:00100", 0, "eth:100" },
	{ "abcdefghijklmno:1", 0, "abcdefghijklmno:1" },
	{ "br-lan.:5,wg_0:7", 0, "br-lan.:5,wg_0:7" },
	{ "eth:1,eth:2", 0, "eth:1,eth:2" },
};

static const struct snmp_case invalid_cases[] = {
	{ "eth", -EINVAL }, { "eth:", -EINVAL }, { ":100", -EINVAL },
	{ "eth:100x", -EINVAL }, { "eth:-1", -EINVAL }, { "eth:+1", -EINVAL },
	{ "eth:0x10", -EINVAL }, { "eth:1:2", -EINVAL }, { "eth::1", -EINVAL },
	{ "eth:65536", -ERANGE }, { "eth:999999", -ERANGE },
	{ "abcdefghijklmnop:1", -EINVAL }, { "a/b:1", -EINVAL },
	{ "eth:100,ppp", -EINVAL }, { "eth:100,:1", -EINVAL },
};

static void snmp_case_desc(const struct snmp_case *c, char *desc)
{
	kunit_input_desc(c->input, desc);
}

KUNIT_ARRAY_PARAM(snmp_valid, valid_cases, snmp_case_desc);
KUNIT_ARRAY_PARAM(snmp_invalid, invalid_cases, snmp_case_desc);

static void snmp_parses_valid(struct kunit *test)
{
	const struct snmp_case *c = test->param_value;
	struct netflow_snmp_rules *a = kunit_kzalloc(test, sizeof(*a), GFP_KERNEL);
	struct netflow_snmp_rules *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);
	char *buf = kunit_kzalloc(test, NETFLOW_SNMP_RULES_STRLEN + 1, GFP_KERNEL);
	int len;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_EQ(test, netflow_snmp_rules_parse(c->input, a), 0);
	len = netflow_snmp_rules_format(buf, NETFLOW_SNMP_RULES_STRLEN + 1, a);
	KUNIT_ASSERT_GE(test, len, 0);
	KUNIT_EXPECT_EQ(test, (size_t)len, strlen(buf));
	KUNIT_EXPECT_STREQ(test, buf, c->canonical);
	KUNIT_ASSERT_EQ(test, netflow_snmp_rules_parse(buf, b), 0);
	KUNIT_ASSERT_EQ(test, a->count, b->count);
	KUNIT_EXPECT_MEMEQ(test, a->rule, b->rule, a->count * sizeof(a->rule[0]));
}

static void snmp_rejects_invalid(struct kunit *test)
{
	const struct snmp_case *c = test->param_value;
	struct netflow_snmp_rules *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, r);
	KUNIT_EXPECT_EQ(test, netflow_snmp_rules_parse(c->input, r), c->err);
}

static void snmp_map(struct kunit *test)
{
	static const struct {
		const char *name;
		u32 ifindex, want;
	} cases[] = {
		{ "ppp11", 7, 211 },		/* the README's example */
		{ "eth0", 2, 100 },
		{ "eth12", 3, 112 },
		{ "eth007", 3, 107 },
		{ "eth", 4, 4 },		/* no number: kernel ifindex */
		{ "eth0.100", 5, 5 },		/* more than a number */
		{ "ethx1", 6, 6 },
		{ "vlan300", 8, 600 },
		{ "vlan", 9, 9 },
		{ "lo", 1, 1 },
		{ "Eth0", 10, 10 },		/* case matters, as in names */
		{ "ppp999999999999", 11, 11 },	/* base + number past U32_MAX */
		{ "ppp4294967095", 12, U32_MAX },
		{ "ppp4294967096", 13, 13 },
		{ "vl5", 14, 5 },		/* falls to the later, shorter rule */
		{ "", 15, 15 },
	};
	struct netflow_snmp_rules *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, r);
	KUNIT_ASSERT_EQ(test, netflow_snmp_rules_parse("eth:100,ppp:200,vlan:300,vl:0", r), 0);
	for (i = 0; i < ARRAY_SIZE(cases); i++)
		KUNIT_EXPECT_EQ_MSG(test, netflow_snmp_map(r, cases[i].name, cases[i].ifindex),
				    cases[i].want, "%s", cases[i].name);
	/* first match wins */
	KUNIT_ASSERT_EQ(test, netflow_snmp_rules_parse("eth:1,eth:2,e:5", r), 0);
	KUNIT_EXPECT_EQ(test, netflow_snmp_map(r, "eth3", 9), 4u);
	KUNIT_EXPECT_EQ(test, netflow_snmp_map(r, "e3", 9), 8u);
	/* no rules, NULL rules, NULL name */
	KUNIT_EXPECT_EQ(test, netflow_snmp_map(NULL, "eth0", 9), 9u);
	KUNIT_EXPECT_EQ(test, netflow_snmp_map(r, NULL, 9), 9u);
	KUNIT_ASSERT_EQ(test, netflow_snmp_rules_parse("", r), 0);
	KUNIT_EXPECT_EQ(test, netflow_snmp_map(r, "eth0", 9), 9u);
}

/* A 16-byte name without its NUL is read no further than 16 bytes. */
static void snmp_map_unterminated(struct kunit *test)
{
	struct netflow_snmp_rules *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	char *name = kunit_kzalloc(test, NETFLOW_SNMP_IFNAMSIZ, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, r);
	KUNIT_ASSERT_NOT_NULL(test, name);
	KUNIT_ASSERT_EQ(test, netflow_snmp_rules_parse("abc:10", r), 0);
	memcpy(name, "abc0000000000012", NETFLOW_SNMP_IFNAMSIZ);
	KUNIT_EXPECT_EQ(test, netflow_snmp_map(r, name, 1), 22u);
	memcpy(name, "abc1234567890123", NETFLOW_SNMP_IFNAMSIZ);
	KUNIT_EXPECT_EQ(test, netflow_snmp_map(r, name, 1), 1u);
}

static void snmp_limits(struct kunit *test)
{
	struct netflow_snmp_rules *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	char *s = kunit_kzalloc(test, 2 * NETFLOW_SNMP_RULES_STRLEN, GFP_KERNEL);
	char *out = kunit_kzalloc(test, NETFLOW_SNMP_RULES_STRLEN + 1, GFP_KERNEL);
	size_t len = 0;
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, r);
	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_ASSERT_NOT_NULL(test, out);
	/* the most and the longest rules: the canonical form still fits */
	for (i = 0; i < NETFLOW_SNMP_RULES_MAX; i++)
		len += sprintf(s + len, "abcdefghijklm%02u:65535,", i);
	KUNIT_EXPECT_EQ(test, netflow_snmp_rules_parse(s, r), 0);
	KUNIT_EXPECT_EQ(test, r->count, NETFLOW_SNMP_RULES_MAX);
	KUNIT_EXPECT_EQ(test, netflow_snmp_rules_format(out, NETFLOW_SNMP_RULES_STRLEN + 1, r),
			22 * NETFLOW_SNMP_RULES_MAX - 1);
	/* one too many */
	sprintf(s + len, "x:1");
	KUNIT_EXPECT_EQ(test, netflow_snmp_rules_parse(s, r), -E2BIG);
	/* overlong string */
	memset(s, ',', NETFLOW_SNMP_RULES_STRLEN + 1);
	s[NETFLOW_SNMP_RULES_STRLEN + 1] = '\0';
	KUNIT_EXPECT_EQ(test, netflow_snmp_rules_parse(s, r), -E2BIG);
	s[NETFLOW_SNMP_RULES_STRLEN] = '\0';
	KUNIT_EXPECT_EQ(test, netflow_snmp_rules_parse(s, r), 0);
	KUNIT_EXPECT_EQ(test, r->count, 0u);
	/* formatting into too small a buffer */
	KUNIT_ASSERT_EQ(test, netflow_snmp_rules_parse("eth:100,ppp:200", r), 0);
	KUNIT_EXPECT_EQ(test, netflow_snmp_rules_format(out, 16, r), 15);
	KUNIT_EXPECT_EQ(test, netflow_snmp_rules_format(out, 15, r), -ENOSPC);
	KUNIT_EXPECT_EQ(test, netflow_snmp_rules_format(out, 0, r), -ENOSPC);
}

static struct kunit_case netflow_snmp_rules_cases[] = {
	KUNIT_CASE_PARAM(snmp_parses_valid, snmp_valid_gen_params),
	KUNIT_CASE_PARAM(snmp_rejects_invalid, snmp_invalid_gen_params),
	KUNIT_CASE(snmp_map),
	KUNIT_CASE(snmp_map_unterminated),
	KUNIT_CASE(snmp_limits),
	{}
};

static struct kunit_suite netflow_snmp_rules_suite = {
	.name = "netflow_snmp_rules",
	.test_cases = netflow_snmp_rules_cases,
};

kunit_test_suite(netflow_snmp_rules_suite);
