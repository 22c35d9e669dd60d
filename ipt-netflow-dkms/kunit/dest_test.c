// SPDX-License-Identifier: GPL-2.0
/* KUnit: the destination string parser and formatter. */
#include <kunit/test.h>
#include <linux/inet.h>
#include <linux/socket.h>

#include "dest.h"
#include "param_desc.h"

struct dest_case {
	const char *input;
	unsigned int count;
	const char *canonical;	/* netflow_dest_format() of the result */
};

static const struct dest_case valid_cases[] = {
	{ "127.0.0.1:2055", 1, "127.0.0.1:2055" },
	{ "127.0.0.1", 1, "127.0.0.1:2055" },
	{ "10.0.0.1:9995", 1, "10.0.0.1:9995" },
	{ "1.2.3.4:1,5.6.7.8:65535", 2, "1.2.3.4:1,5.6.7.8:65535" },
	{ " 1.2.3.4 ;\t5.6.7.8\n", 2, "1.2.3.4:2055,5.6.7.8:2055" },
	{ "1.2.3.4:2055,1.2.3.4:2055", 1, "1.2.3.4:2055" },
	{ "1.2.3.4:2055,1.2.3.4:2056", 2, "1.2.3.4:2055,1.2.3.4:2056" },
	{ "[::1]:2055", 1, "[::1]:2055" },
	{ "[2001:db8::1]", 1, "[2001:db8::1]:2055" },
	{ "2001:db8::1", 1, "[2001:db8::1]:2055" },
	{ "2001:db8::1p9996", 1, "[2001:db8::1]:9996" },
	{ "2001:db8::1#9997", 1, "[2001:db8::1]:9997" },
	{ "10.0.0.1:2055@10.0.0.2", 1, "10.0.0.1:2055@10.0.0.2" },
	{ "10.0.0.1%eth0", 1, "10.0.0.1:2055%eth0" },
	{ "10.0.0.1:2055@10.0.0.2%vlan.100", 1, "10.0.0.1:2055@10.0.0.2%vlan.100" },
	{ "10.0.0.1%eth0@10.0.0.2", 1, "10.0.0.1:2055@10.0.0.2%eth0" },
	{ "[fd00::1]:4739@[fd00::2]", 1, "[fd00::1]:4739@[fd00::2]" },
	{ "[fd00::1]:4739@fd00::2", 1, "[fd00::1]:4739@[fd00::2]" },
	{ "127.0.0.1:2055 [::1]:2055", 2, "127.0.0.1:2055,[::1]:2055" },
};

static void dest_case_desc(const struct dest_case *c, char *desc)
{
	kunit_input_desc(c->input, desc);
}

KUNIT_ARRAY_PARAM(dest_valid, valid_cases, dest_case_desc);

static void dest_parses_valid(struct kunit *test)
{
	const struct dest_case *c = test->param_value;
	struct netflow_dest dests[NETFLOW_DEST_MAX];
	unsigned int n = 0;
	char *buf = kunit_kzalloc(test, 512, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_EQ(test, netflow_dest_parse(c->input, dests,
						 NETFLOW_DEST_MAX, &n), 0);
	KUNIT_EXPECT_EQ(test, n, c->count);
	KUNIT_ASSERT_GT(test, netflow_dest_format(buf, 512, dests, n), 0);
	KUNIT_EXPECT_STREQ(test, buf, c->canonical);
}

/* parse(format(x)) == x, field by field. */
static void dest_round_trips(struct kunit *test)
{
	const struct dest_case *c = test->param_value;
	struct netflow_dest a[NETFLOW_DEST_MAX], b[NETFLOW_DEST_MAX];
	unsigned int na, nb, i;
	char *buf = kunit_kzalloc(test, 512, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, buf);
	memset(a, 0, sizeof(a));
	memset(b, 0, sizeof(b));
	KUNIT_ASSERT_EQ(test, netflow_dest_parse(c->input, a, NETFLOW_DEST_MAX, &na), 0);
	KUNIT_ASSERT_GT(test, netflow_dest_format(buf, 512, a, na), 0);
	KUNIT_ASSERT_EQ(test, netflow_dest_parse(buf, b, NETFLOW_DEST_MAX, &nb), 0);
	KUNIT_ASSERT_EQ(test, na, nb);
	for (i = 0; i < na; i++)
		KUNIT_EXPECT_MEMEQ(test, &a[i], &b[i], sizeof(a[i]));
}

static const struct dest_case invalid_cases[] = {
	{ "" }, { " , ;" }, { "localhost" }, { "1.2.3" }, { "1.2.3.4.5" },
	{ "256.1.1.1" }, { "1.2.3.4:" }, { "1.2.3.4:0" }, { "1.2.3.4:65536" },
	{ "1.2.3.4:20x5" }, { "1.2.3.4:-1" }, { "1.2.3.4:+1" }, { "[::1" },
	{ "[::1]2055" }, { "[]:2055" }, { "[1.2.3.4]:2055" }, { "2001:db8::g" },
	{ "1.2.3.4@" }, { "1.2.3.4@::1" }, { "[::1]@127.0.0.1" },
	{ "1.2.3.4@5.6.7.8@9.9.9.9" }, { "1.2.3.4%" },
	{ "1.2.3.4%averyveryverylongifname" }, { "1.2.3.4%a%b" },
	{ "1.2.3.4%a/b" }, { "1.2.3.4:2055,bogus" }, { "1.2.3.4::2055" },
};

KUNIT_ARRAY_PARAM(dest_invalid, invalid_cases, dest_case_desc);

static void dest_rejects_invalid(struct kunit *test)
{
	const struct dest_case *c = test->param_value;
	struct netflow_dest dests[NETFLOW_DEST_MAX];
	unsigned int n = 0;

	KUNIT_EXPECT_LT(test, netflow_dest_parse(c->input, dests,
						 NETFLOW_DEST_MAX, &n), 0);
}

static void dest_fields(struct kunit *test)
{
	struct netflow_dest d[2];
	unsigned int n;
	u8 expect6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };

	KUNIT_ASSERT_EQ(test, netflow_dest_parse("10.1.2.3:9999@10.1.2.4%eth1,[2001:db8::1]",
						 d, 2, &n), 0);
	KUNIT_ASSERT_EQ(test, n, 2u);
	KUNIT_EXPECT_EQ(test, d[0].family, AF_INET);
	KUNIT_EXPECT_EQ(test, be32_to_cpu(d[0].addr.ip), 0x0a010203u);
	KUNIT_EXPECT_EQ(test, be16_to_cpu(d[0].port), 9999);
	KUNIT_EXPECT_TRUE(test, d[0].has_source);
	KUNIT_EXPECT_EQ(test, be32_to_cpu(d[0].source.ip), 0x0a010204u);
	KUNIT_EXPECT_STREQ(test, d[0].ifname, "eth1");
	KUNIT_EXPECT_EQ(test, d[1].family, AF_INET6);
	KUNIT_EXPECT_MEMEQ(test, d[1].addr.ip6.s6_addr, expect6, 16);
	KUNIT_EXPECT_EQ(test, be16_to_cpu(d[1].port), NETFLOW_DEST_DEFAULT_PORT);
	KUNIT_EXPECT_FALSE(test, d[1].has_source);
	KUNIT_EXPECT_STREQ(test, d[1].ifname, "");
}

static void dest_limits(struct kunit *test)
{
	struct netflow_dest d[2];
	unsigned int n;
	char *big = kunit_kzalloc(test, NETFLOW_DEST_STRLEN + 2, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, big);
	KUNIT_EXPECT_EQ(test, netflow_dest_parse("1.1.1.1,2.2.2.2,3.3.3.3", d, 2, &n),
			-E2BIG);
	memset(big, ' ', NETFLOW_DEST_STRLEN + 1);
	memcpy(big, "1.1.1.1", 7);
	KUNIT_EXPECT_EQ(test, netflow_dest_parse(big, d, 2, &n), -E2BIG);
	big[NETFLOW_DEST_STRLEN] = '\0';
	KUNIT_EXPECT_EQ(test, netflow_dest_parse(big, d, 2, &n), 0);
	KUNIT_EXPECT_EQ(test, n, 1u);
}

static void dest_format_too_small(struct kunit *test)
{
	struct netflow_dest d[1];
	unsigned int n;
	char buf[8];

	KUNIT_ASSERT_EQ(test, netflow_dest_parse("192.168.100.200:2055", d, 1, &n), 0);
	KUNIT_EXPECT_EQ(test, netflow_dest_format(buf, sizeof(buf), d, n), -ENOSPC);
}

/* Found by fuzz_dest: a form that fits its buffer exactly is no -ENOSPC. */
static void dest_format_exact_fit(struct kunit *test)
{
	struct netflow_dest d[1];
	unsigned int n;
	char buf[13];		/* "1.2.3.4:2055" and its NUL */

	KUNIT_ASSERT_EQ(test, netflow_dest_parse("1.2.3.4", d, 1, &n), 0);
	KUNIT_EXPECT_EQ(test, netflow_dest_format(buf, sizeof(buf), d, n), 12);
	KUNIT_EXPECT_STREQ(test, buf, "1.2.3.4:2055");
	KUNIT_EXPECT_EQ(test, netflow_dest_format(buf, 12, d, n), -ENOSPC);
}

/* @count collectors whose canonical form is 104 characters each. */
static char *long_list(struct kunit *test, int count)
{
	char *list = kunit_kzalloc(test, NETFLOW_DEST_STRLEN + 1, GFP_KERNEL);
	size_t len = 0;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, list);
	for (i = 0; i < count; i++)
		len += scnprintf(list + len, NETFLOW_DEST_STRLEN + 1 - len,
				 "%sffff:ffff:ffff:ffff:ffff:ffff:ffff:ff0%d@ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff%%abcdefghijklmno",
				 i ? "," : "", i);
	return list;
}

/*
 * Found by fuzz_dest: short input, long canonical form. What the parser
 * accepts must read back through sysctl, so such a list is refused.
 */
static void dest_rejects_long_canonical_form(struct kunit *test)
{
	struct netflow_dest *d = kunit_kcalloc(test, NETFLOW_DEST_MAX, sizeof(*d), GFP_KERNEL);
	char *canonical = kunit_kzalloc(test, NETFLOW_DEST_STRLEN + 1, GFP_KERNEL);
	char *ten = long_list(test, 10), *eight = long_list(test, 8);
	unsigned int n;

	KUNIT_ASSERT_NOT_NULL(test, d);
	KUNIT_ASSERT_NOT_NULL(test, canonical);
	KUNIT_ASSERT_EQ(test, strlen(ten), (size_t)959);	/* input fits ... */
	KUNIT_EXPECT_EQ(test, netflow_dest_parse(ten, d, NETFLOW_DEST_MAX, &n),
			-E2BIG);			/* ... its 1049 do not */
	KUNIT_ASSERT_EQ(test, netflow_dest_parse(eight, d, NETFLOW_DEST_MAX, &n), 0);
	KUNIT_EXPECT_EQ(test, netflow_dest_format(canonical, NETFLOW_DEST_STRLEN + 1,
						  d, n), 8 * 104 + 7);
}

static struct kunit_case netflow_dest_cases[] = {
	KUNIT_CASE(dest_format_exact_fit),
	KUNIT_CASE(dest_rejects_long_canonical_form),
	KUNIT_CASE_PARAM(dest_parses_valid, dest_valid_gen_params),
	KUNIT_CASE_PARAM(dest_round_trips, dest_valid_gen_params),
	KUNIT_CASE_PARAM(dest_rejects_invalid, dest_invalid_gen_params),
	KUNIT_CASE(dest_fields),
	KUNIT_CASE(dest_limits),
	KUNIT_CASE(dest_format_too_small),
	{}
};

static struct kunit_suite netflow_dest_suite = {
	.name = "netflow_dest",
	.test_cases = netflow_dest_cases,
};

kunit_test_suite(netflow_dest_suite);
