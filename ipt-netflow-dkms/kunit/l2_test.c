// SPDX-License-Identifier: GPL-2.0
/* KUnit: the layer 2 walker (l2.c). */
#include <kunit/test.h>

#include "l2.h"

/*
 * Frames in hex, spaces ignored: M is the two MAC addresses
 * (02:00:00:00:00:02 to, 02:00:00:00:00:01 from), 4 and 6 the first
 * octets of an IPv4 and an IPv6 header, F and G five MPLS label stack
 * entries each without the bottom-of-stack bit.
 */

struct l2_case {
	const char *name;
	const char *frame;
	unsigned int depth;
	int err;
	/* expected on success */
	u8 nr_tags;
	u16 tci[NETFLOW_L2_MAX_TAGS];
	u16 ethertype;
	u8 nr_mpls;
	u32 mpls[4];
	u16 l3_offset;
};

static const struct l2_case cases[] = {
	{ "plain_ipv4", "M 0800 4", 3, 0, 0, {}, 0x0800, 0, {}, 14 },
	{ "plain_ipv6", "M 86dd 6", 3, 0, 0, {}, 0x86dd, 0, {}, 14 },
	{ "header_only", "M 0806", 3, 0, 0, {}, 0x0806, 0, {}, 14 },
	{ "dot1q", "M 8100200a0800 4", 3, 0,
	  1, { 0x200a }, 0x0800, 0, {}, 18 },
	{ "qinq_88a8", "M 88a800648100e00a86dd 6", 3, 0,
	  2, { 0x0064, 0xe00a }, 0x86dd, 0, {}, 22 },
	{ "qinq_8100_8100", "M 81000fff810000010800 4", 3, 0,
	  2, { 0x0fff, 0x0001 }, 0x0800, 0, {}, 22 },
	{ "mpls_one", "M 884700010140 4", 3, 0,
	  0, {}, 0x0800, 1, { 0x00010140 }, 18 },
	{ "mpls_three_ipv6", "M 8847000100400002003f0003013e 6", 3, 0,
	  0, {}, 0x86dd, 3, { 0x00010040, 0x0002003f, 0x0003013e }, 26 },
	{ "mpls_depth_cut", "M 8847000100400002003f0003013e 4", 2, 0,
	  0, {}, 0x0800, 2, { 0x00010040, 0x0002003f }, 26 },
	{ "mpls_depth_zero", "M 884800010140 4", 0, 0,
	  0, {}, 0x0800, 0, {}, 18 },
	{ "mpls_not_ip", "M 8847000101400000", 3, 0,
	  0, {}, 0x0000, 1, { 0x00010140 }, 18 },
	{ "vlan_mpls", "M 81000005884700010140 4", 3, 0,
	  1, { 0x0005 }, 0x0800, 1, { 0x00010140 }, 22 },
	{ "llc_length", "M 0026424203", 3, 0, 0, {}, 0x0026, 0, {}, 14 },
	/* truncated */
	{ "short_header", "M 08", 3, -EMSGSIZE },
	{ "short_tag", "M 8100000a08", 3, -EMSGSIZE },
	{ "tag_no_type", "M 8100000a", 3, -EMSGSIZE },
	{ "short_mpls", "M 8847000101", 3, -EMSGSIZE },
	{ "mpls_no_bos", "M 884700010040", 3, -EMSGSIZE },
	{ "mpls_no_payload", "M 884700010140", 3, -EMSGSIZE },
	/* malformed */
	{ "three_tags", "M 88a8000181000002810000030800 4", 3, -EINVAL },
	{ "mpls_eleven", "M 8847 F G 0000b101 4", 10, -EINVAL },
};

/* The frame of @hex in a buffer of its exact size; its length in @len. */
static u8 *frame_of(struct kunit *test, const char *hex, unsigned int *len)
{
	static const char * const expand[] = {
		['M'] = "020000000002020000000001",
		['4'] = "45000014",
		['6'] = "60000000",
		/* label stack entries 1-5 and 6-10, none the bottom */
		['F'] = "0000100100002001000030010000400100005001",
		['G'] = "000060010000700100008001000090010000a001",
	};
	char digits[256];
	unsigned int i, n = 0;
	u8 *frame;

	for (; *hex; hex++) {
		const char *add = hex;
		size_t add_len = 2;

		if (*hex == ' ')
			continue;
		if (hex[1] == ' ' || !hex[1]) {
			add = expand[(u8)*hex];
			add_len = strlen(add);
		} else {
			hex++;
		}
		KUNIT_ASSERT_LT(test, n + add_len, sizeof(digits));
		memcpy(digits + n, add, add_len);
		n += add_len;
	}
	*len = n / 2;
	frame = kunit_kzalloc(test, *len ? *len : 1, GFP_KERNEL);
	KUNIT_ASSERT_TRUE(test, frame);
	for (i = 0; i < *len; i++)
		frame[i] = hex_to_bin(digits[2 * i]) << 4 | hex_to_bin(digits[2 * i + 1]);
	return frame;
}

static void l2_case_desc(const struct l2_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(l2, cases, l2_case_desc);

static void l2_parses(struct kunit *test)
{
	const struct l2_case *c = test->param_value;
	struct netflow_l2 l2;
	unsigned int i, len;
	u8 *frame = frame_of(test, c->frame, &len);
	int ret;

	memset(&l2, 0xa5, sizeof(l2));
	ret = netflow_l2_parse(frame, len, c->depth, &l2);
	KUNIT_ASSERT_EQ(test, ret, c->err);
	if (ret)
		return;
	KUNIT_EXPECT_MEMEQ(test, l2.dst_mac, frame, 6);
	KUNIT_EXPECT_MEMEQ(test, l2.src_mac, frame + 6, 6);
	KUNIT_EXPECT_EQ(test, l2.nr_tags, c->nr_tags);
	for (i = 0; i < NETFLOW_L2_MAX_TAGS; i++)
		KUNIT_EXPECT_EQ(test, l2.vlan_tci[i], c->tci[i]);
	KUNIT_EXPECT_EQ(test, be16_to_cpu(l2.ethertype), c->ethertype);
	KUNIT_EXPECT_EQ(test, l2.nr_mpls, c->nr_mpls);
	for (i = 0; i < NETFLOW_MPLS_MAX_DEPTH; i++)
		KUNIT_EXPECT_EQ(test, be32_to_cpu(l2.mpls[i]),
				i < ARRAY_SIZE(c->mpls) ? c->mpls[i] : 0);
	KUNIT_EXPECT_EQ(test, l2.l3_offset, c->l3_offset);
}

/* The deepest stack allowed is kept whole when asked for. */
static void l2_mpls_max_depth(struct kunit *test)
{
	u8 frame[14 + 4 * NETFLOW_MPLS_MAX_DEPTH + 4] = { [12] = 0x88, 0x47 };
	struct netflow_l2 l2;
	unsigned int i;

	for (i = 0; i < NETFLOW_MPLS_MAX_DEPTH; i++) {
		frame[14 + 4 * i + 1] = i + 1;
		frame[14 + 4 * i + 3] = 64;
	}
	frame[14 + 4 * (NETFLOW_MPLS_MAX_DEPTH - 1) + 2] = 0x01;	/* BoS */
	frame[14 + 4 * NETFLOW_MPLS_MAX_DEPTH] = 0x45;
	KUNIT_ASSERT_EQ(test, netflow_l2_parse(frame, sizeof(frame), 99, &l2), 0);
	KUNIT_EXPECT_EQ(test, l2.nr_mpls, NETFLOW_MPLS_MAX_DEPTH);
	KUNIT_EXPECT_EQ(test, be32_to_cpu(l2.mpls[9]), 0x000a0140u);
	KUNIT_EXPECT_EQ(test, be16_to_cpu(l2.ethertype), 0x0800);
	KUNIT_EXPECT_EQ(test, l2.l3_offset, 14 + 4 * NETFLOW_MPLS_MAX_DEPTH);
}

static void l2_empty(struct kunit *test)
{
	static const u8 frame[1];
	struct netflow_l2 l2;

	KUNIT_EXPECT_EQ(test, netflow_l2_parse(frame, 0, 3, &l2), -EMSGSIZE);
}

static struct kunit_case netflow_l2_cases[] = {
	KUNIT_CASE(l2_empty),
	KUNIT_CASE_PARAM(l2_parses, l2_gen_params),
	KUNIT_CASE(l2_mpls_max_depth),
	{}
};

static struct kunit_suite netflow_l2_suite = {
	.name = "netflow_l2",
	.test_cases = netflow_l2_cases,
};

kunit_test_suite(netflow_l2_suite);
