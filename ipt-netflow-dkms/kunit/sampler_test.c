// SPDX-License-Identifier: GPL-2.0
/* KUnit: the sampler= parser, formatter and decisions. */
#include <kunit/test.h>

#include "sampler.h"

struct sampler_case {
	const char *input;
	int err;		/* 0: valid */
	const char *canonical;	/* netflow_sampler_format() of the result */
};

static const struct sampler_case valid_cases[] = {
	{ "", 0, "" },
	{ "0", 0, "" },
	{ "none", 0, "" },
	{ "OFF", 0, "" },
	{ " \t\n", 0, "" },
	{ "deterministic:2", 0, "deterministic:2" },
	{ "deterministic:16383", 0, "deterministic:16383" },
	{ "random:123", 0, "random:123" },
	{ "hash:100", 0, "hash:100" },
	{ "d:10", 0, "deterministic:10" },
	{ "R:10", 0, "random:10" },
	{ "HaSh:10", 0, "hash:10" },
	{ "det:0010", 0, "deterministic:10" },
	{ " random:5\n", 0, "random:5" },
	{ "hash:000000000000000000016383", 0, "hash:16383" },
};

static const struct sampler_case invalid_cases[] = {
	{ "1", -EINVAL }, { "random", -EINVAL }, { "random:", -EINVAL },
	{ ":10", -EINVAL }, { "x:10", -EINVAL }, { "dx:10", -EINVAL },
	{ "randomly:10", -EINVAL }, { "random:10x", -EINVAL },
	{ "random:10 5", -EINVAL }, { "random: 10", -EINVAL },
	{ "random:+10", -EINVAL }, { "random:-10", -EINVAL },
	{ "random:0x10", -EINVAL }, { "random:1:2", -EINVAL },
	{ "random:0", -ERANGE }, { "random:1", -ERANGE },
	{ "random:16384", -ERANGE }, { "random:65537", -ERANGE },
	{ "random:4294967298", -ERANGE }, { "random:99999999999999999999", -ERANGE },
	{ "nonee", -EINVAL }, { "off,random:3", -EINVAL },
};

static void sampler_case_desc(const struct sampler_case *c, char *desc)
{
	char *p;

	strscpy(desc, c->input[0] ? c->input : "(empty)", KUNIT_PARAM_DESC_SIZE);
	for (p = desc; *p; p++)
		if (*p == '#' || *p == ' ' || *p < ' ')
			*p = '_';
}

KUNIT_ARRAY_PARAM(sampler_valid, valid_cases, sampler_case_desc);
KUNIT_ARRAY_PARAM(sampler_invalid, invalid_cases, sampler_case_desc);

static void sampler_parses_valid(struct kunit *test)
{
	const struct sampler_case *c = test->param_value;
	struct netflow_sampler s = { 0xffff, 0xffff }, t = { 0xffff, 0xffff };
	char buf[NETFLOW_SAMPLER_FMTLEN];
	int len;

	KUNIT_ASSERT_EQ(test, netflow_sampler_parse(c->input, &s), 0);
	len = netflow_sampler_format(buf, sizeof(buf), &s);
	KUNIT_ASSERT_GE(test, len, 0);
	KUNIT_EXPECT_EQ(test, (size_t)len, strlen(buf));
	KUNIT_EXPECT_STREQ(test, buf, c->canonical);
	/* round trip */
	KUNIT_ASSERT_EQ(test, netflow_sampler_parse(buf, &t), 0);
	KUNIT_EXPECT_EQ(test, s.mode, t.mode);
	KUNIT_EXPECT_EQ(test, s.interval, t.interval);
	if (s.mode == NETFLOW_SAMPLER_OFF)
		KUNIT_EXPECT_EQ(test, s.interval, 0);
}

static void sampler_rejects_invalid(struct kunit *test)
{
	const struct sampler_case *c = test->param_value;
	struct netflow_sampler s = { NETFLOW_SAMPLER_RANDOM, 77 };

	KUNIT_EXPECT_EQ(test, netflow_sampler_parse(c->input, &s), c->err);
	/* nothing changed */
	KUNIT_EXPECT_EQ(test, s.mode, NETFLOW_SAMPLER_RANDOM);
	KUNIT_EXPECT_EQ(test, s.interval, 77);
}

static void sampler_limits(struct kunit *test)
{
	struct netflow_sampler s;
	char *big = kunit_kzalloc(test, NETFLOW_SAMPLER_STRLEN + 2, GFP_KERNEL);
	char buf[NETFLOW_SAMPLER_FMTLEN];

	KUNIT_ASSERT_NOT_NULL(test, big);
	/* the longest string accepted: padding, then a valid sampler */
	memset(big, ' ', NETFLOW_SAMPLER_STRLEN);
	memcpy(big + NETFLOW_SAMPLER_STRLEN - 7, "hash:99", 7);
	KUNIT_EXPECT_EQ(test, netflow_sampler_parse(big, &s), 0);
	KUNIT_EXPECT_EQ(test, s.interval, 99);
	big[NETFLOW_SAMPLER_STRLEN] = ' ';
	KUNIT_EXPECT_EQ(test, netflow_sampler_parse(big, &s), -E2BIG);

	/* formatting: the longest form fits FMTLEN exactly, one less does not */
	s.mode = NETFLOW_SAMPLER_DETERMINISTIC;
	s.interval = NETFLOW_SAMPLER_MAX;
	KUNIT_EXPECT_EQ(test, netflow_sampler_format(buf, sizeof(buf), &s),
			NETFLOW_SAMPLER_FMTLEN - 1);
	KUNIT_EXPECT_EQ(test, netflow_sampler_format(buf, sizeof(buf) - 1, &s), -ENOSPC);
	KUNIT_EXPECT_STREQ(test, buf, "");
	KUNIT_EXPECT_EQ(test, netflow_sampler_format(buf, 0, &s), -ENOSPC);
}

static void sampler_header_fields(struct kunit *test)
{
	struct netflow_sampler off = { NETFLOW_SAMPLER_OFF, 0 };
	struct netflow_sampler det = { NETFLOW_SAMPLER_DETERMINISTIC, 100 };
	struct netflow_sampler rnd = { NETFLOW_SAMPLER_RANDOM, 16383 };
	struct netflow_sampler hash = { NETFLOW_SAMPLER_HASH, 2 };

	KUNIT_EXPECT_EQ(test, netflow_sampler_v5_field(&off), 0);
	KUNIT_EXPECT_EQ(test, netflow_sampler_v5_field(&det), 0x4000 | 100);
	KUNIT_EXPECT_EQ(test, netflow_sampler_v5_field(&rnd), 0x8000 | 16383);
	KUNIT_EXPECT_EQ(test, netflow_sampler_v5_field(&hash), 0x8000 | 2);
	KUNIT_EXPECT_EQ(test, netflow_sampler_v9_mode(&off), 0);
	KUNIT_EXPECT_EQ(test, netflow_sampler_v9_mode(&det), 1);
	KUNIT_EXPECT_EQ(test, netflow_sampler_v9_mode(&rnd), 2);
	KUNIT_EXPECT_EQ(test, netflow_sampler_v9_mode(&hash), 2);
	KUNIT_EXPECT_EQ(test, netflow_sampler_ipfix_algorithm(&off), 0);
	KUNIT_EXPECT_EQ(test, netflow_sampler_ipfix_algorithm(&det), 1);
	KUNIT_EXPECT_EQ(test, netflow_sampler_ipfix_algorithm(&rnd), 3);
	KUNIT_EXPECT_EQ(test, netflow_sampler_ipfix_algorithm(&hash), 3);
	KUNIT_EXPECT_STREQ(test, netflow_sampler_mode_name(&off), "off");
	KUNIT_EXPECT_STREQ(test, netflow_sampler_mode_name(&det), "deterministic");
	KUNIT_EXPECT_STREQ(test, netflow_sampler_mode_name(&rnd), "random");
	KUNIT_EXPECT_STREQ(test, netflow_sampler_mode_name(&hash), "hash");
}

/* deterministic:N keeps flows 0, N, 2N... of those it sees */
static void sampler_deterministic(struct kunit *test)
{
	struct netflow_sampler s = { NETFLOW_SAMPLER_DETERMINISTIC, 7 };
	struct netflow_sampler_state st = {};
	unsigned int i, kept = 0;

	for (i = 0; i < 700; i++) {
		bool keep = netflow_sampler_keep_flow(&s, &st, 0);

		KUNIT_EXPECT_EQ(test, keep, i % 7 == 0);
		kept += keep;
		/* never per packet */
		KUNIT_EXPECT_TRUE(test, netflow_sampler_keep_packet(&s, i * 0x9e3779b9u));
	}
	KUNIT_EXPECT_EQ(test, kept, 100u);
	KUNIT_EXPECT_EQ(test, st.observed, 700ull);
	KUNIT_EXPECT_EQ(test, st.selected, 100ull);
}

/* random:N keeps a flow when the random number is in the first 1/N */
static void sampler_random(struct kunit *test)
{
	struct netflow_sampler s = { NETFLOW_SAMPLER_RANDOM, 4 };
	struct netflow_sampler_state st = {};
	u32 rnd = 12345;
	unsigned int i, kept = 0;

	KUNIT_EXPECT_TRUE(test, netflow_sampler_keep_flow(&s, &st, 0));
	KUNIT_EXPECT_TRUE(test, netflow_sampler_keep_flow(&s, &st, 0x3fffffff));
	KUNIT_EXPECT_FALSE(test, netflow_sampler_keep_flow(&s, &st, 0x40000000));
	KUNIT_EXPECT_FALSE(test, netflow_sampler_keep_flow(&s, &st, U32_MAX));
	st.observed = 0;
	st.selected = 0;
	/* a full-period LCG: exactly 1/4 of a stride of 2^32/2^20 values */
	for (i = 0; i < 1u << 20; i++) {
		rnd = rnd * 1664525u + 1013904223u;
		kept += netflow_sampler_keep_flow(&s, &st, rnd);
	}
	KUNIT_EXPECT_GT(test, kept, (1u << 18) - 4096);
	KUNIT_EXPECT_LT(test, kept, (1u << 18) + 4096);
	KUNIT_EXPECT_EQ(test, st.selected, (u64)kept);
	KUNIT_EXPECT_EQ(test, st.observed, 1ull << 20);
}

/* hash:N decides per packet by the flow hash; flows are all exported */
static void sampler_hash(struct kunit *test)
{
	struct netflow_sampler s = { NETFLOW_SAMPLER_HASH, 10 };
	struct netflow_sampler_state st = {};
	u32 limit = (u32)(((1ull << 32) + 9) / 10);	/* first hash skipped */
	unsigned int i, kept = 0;

	KUNIT_EXPECT_TRUE(test, netflow_sampler_keep_packet(&s, 0));
	KUNIT_EXPECT_TRUE(test, netflow_sampler_keep_packet(&s, limit - 1));
	KUNIT_EXPECT_FALSE(test, netflow_sampler_keep_packet(&s, limit));
	KUNIT_EXPECT_FALSE(test, netflow_sampler_keep_packet(&s, U32_MAX));
	/* the same hash always gets the same answer: whole flows */
	for (i = 0; i < 1000; i++)
		KUNIT_EXPECT_EQ(test, netflow_sampler_keep_packet(&s, 0x12345678),
				netflow_sampler_keep_packet(&s, 0x12345678));
	/* evenly spread hashes: one in ten */
	for (i = 0; i < 100000; i++)
		kept += netflow_sampler_keep_packet(&s, i * 42949u);
	KUNIT_EXPECT_GE(test, kept, 9999u);
	KUNIT_EXPECT_LE(test, kept, 10001u);
	for (i = 0; i < 10; i++)
		KUNIT_EXPECT_TRUE(test, netflow_sampler_keep_flow(&s, &st, U32_MAX));
	KUNIT_EXPECT_EQ(test, st.observed, 0ull);
	KUNIT_EXPECT_EQ(test, st.selected, 10ull);
}

static void sampler_off_keeps_all(struct kunit *test)
{
	struct netflow_sampler s = { NETFLOW_SAMPLER_OFF, 0 };
	struct netflow_sampler_state st = {};
	unsigned int i;

	for (i = 0; i < 100; i++) {
		KUNIT_EXPECT_TRUE(test, netflow_sampler_keep_packet(&s, i * 0x01000193u));
		KUNIT_EXPECT_TRUE(test, netflow_sampler_keep_flow(&s, &st, U32_MAX - i));
	}
}

static struct kunit_case netflow_sampler_cases[] = {
	KUNIT_CASE_PARAM(sampler_parses_valid, sampler_valid_gen_params),
	KUNIT_CASE_PARAM(sampler_rejects_invalid, sampler_invalid_gen_params),
	KUNIT_CASE(sampler_limits),
	KUNIT_CASE(sampler_header_fields),
	KUNIT_CASE(sampler_deterministic),
	KUNIT_CASE(sampler_random),
	KUNIT_CASE(sampler_hash),
	KUNIT_CASE(sampler_off_keeps_all),
	{}
};

static struct kunit_suite netflow_sampler_suite = {
	.name = "netflow_sampler",
	.test_cases = netflow_sampler_cases,
};

kunit_test_suite(netflow_sampler_suite);
