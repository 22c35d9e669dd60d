// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: fields= (fields.c), the option bitmaps (hdrbits.c), the data
 * template layouts with optional fields (tmpl.c) and the v5 masks.
 */
#include <kunit/test.h>
#include <linux/in.h>
#include <linux/socket.h>

#include "fields.h"
#include "hdrbits.h"
#include "tmpl.h"
#include "v5.h"

/* --- fields= ------------------------------------------------------------- */

struct fields_case {
	const char *input;
	int err;
	u32 mask;
	const char *canonical;
};

#define F(x)	BIT(NETFLOW_FIELD_##x)

static const struct fields_case valid_cases[] = {
	{ "", 0, 0, "" },
	{ " ,; \t\n", 0, 0, "" },
	{ "direction", 0, F(DIRECTION), "direction" },
	{ "flow-label,ethertype", 0, F(FLOW_LABEL) | F(ETHERTYPE), "ethertype,flow-label" },
	{ "tcp-options tcp-options", 0, F(TCP_OPTIONS), "tcp-options" },
	{ "ipv6-exthdr;ipv4-options\tphysdev", 0,
	  F(IPV6_EXTHDR) | F(IPV4_OPTIONS) | F(PHYSDEV), "physdev,ipv4-options,ipv6-exthdr" },
	{
	"mpls,vlan,mac,flow-label,ipv6-exthdr,tcp-options,ipv4-options,physdev,direction,ethertype",
	0, NETFLOW_FIELDS_ALL,
	"ethertype,direction,physdev,ipv4-options,tcp-options,ipv6-exthdr,flow-label,mac,vlan,mpls"
	},
	{ "mac", 0, F(MAC), "mac" },
	{ "vlan", 0, F(VLAN), "vlan" },
	{ "mpls vlan", 0, F(MPLS) | F(VLAN), "vlan,mpls" },
};

static const struct fields_case invalid_cases[] = {
	{ "bogus", -EINVAL }, { "Direction", -EINVAL }, { "direction,", 0 },
	{ "directions", -EINVAL }, { "directio", -EINVAL }, { "direction=1", -EINVAL },
	{ "macs", -EINVAL }, { "vlans", -EINVAL }, { "VLAN", -EINVAL },
	{ "mpls3", -EINVAL }, { "mpls=3", -EINVAL },
	{ "tcp_options", -EINVAL }, { "ethertype,x", -EINVAL },
};

static void fields_case_desc(const struct fields_case *c, char *desc)
{
	char *p;

	strscpy(desc, c->input[0] ? c->input : "(empty)", KUNIT_PARAM_DESC_SIZE);
	for (p = desc; *p; p++)
		if (*p == '#' || *p == ' ' || *p < ' ')
			*p = '_';
}

KUNIT_ARRAY_PARAM(fields_valid, valid_cases, fields_case_desc);
KUNIT_ARRAY_PARAM(fields_invalid, invalid_cases, fields_case_desc);

static void fields_parses_valid(struct kunit *test)
{
	const struct fields_case *c = test->param_value;
	char buf[NETFLOW_FIELDS_STRLEN + 1];
	u32 mask = 0xdead, again;

	KUNIT_ASSERT_EQ(test, netflow_fields_parse(c->input, &mask), 0);
	KUNIT_EXPECT_EQ(test, mask, c->mask);
	KUNIT_ASSERT_EQ(test, netflow_fields_format(buf, sizeof(buf), mask),
			(int)strlen(c->canonical));
	KUNIT_EXPECT_STREQ(test, buf, c->canonical);
	KUNIT_ASSERT_EQ(test, netflow_fields_parse(buf, &again), 0);
	KUNIT_EXPECT_EQ(test, again, mask);
}

/* "direction," is valid: the invalid table checks it stays so */
static void fields_rejects_invalid(struct kunit *test)
{
	const struct fields_case *c = test->param_value;
	u32 mask = 0xdead;

	KUNIT_EXPECT_EQ(test, netflow_fields_parse(c->input, &mask), c->err);
	if (c->err)
		KUNIT_EXPECT_EQ(test, mask, 0xdeadu);
}

static void fields_too_long(struct kunit *test)
{
	char *s = kunit_kzalloc(test, NETFLOW_FIELDS_STRLEN + 2, GFP_KERNEL);
	u32 mask = 0xdead;

	KUNIT_ASSERT_TRUE(test, s);
	memset(s, ' ', NETFLOW_FIELDS_STRLEN + 1);
	KUNIT_EXPECT_EQ(test, netflow_fields_parse(s, &mask), -E2BIG);
	s[NETFLOW_FIELDS_STRLEN] = '\0';
	KUNIT_EXPECT_EQ(test, netflow_fields_parse(s, &mask), 0);
	KUNIT_EXPECT_EQ(test, mask, 0u);
}

static void fields_format_small(struct kunit *test)
{
	u32 extras = NETFLOW_EXTRA_MASKS | NETFLOW_EXTRA_SAMPLER;
	char buf[10];

	KUNIT_EXPECT_EQ(test, netflow_fields_format(buf, sizeof(buf), F(DIRECTION)), 9);
	KUNIT_EXPECT_EQ(test, netflow_fields_format(buf, 9, F(DIRECTION)), -ENOSPC);
	KUNIT_EXPECT_EQ(test, netflow_fields_format(buf, 0, 0), -ENOSPC);
	/* the template-only bits are not fields= */
	KUNIT_EXPECT_EQ(test, netflow_fields_format(buf, sizeof(buf), extras), 0);
}

/* --- option bitmaps --------------------------------------------------------- */

static void ipv4_options(struct kunit *test)
{
	/* RR (7, len 7), NOP, router alert (148: number 20), EOOL, junk */
	static const u8 opts[] = { 7, 7, 4, 0, 0, 0, 0, 1, 148, 4, 0, 0, 0, 68 };
	/* timestamp (68: number 4) with a length past the end */
	static const u8 bad[] = { 1, 68, 40, 0 };
	static const u8 short_len[] = { 7 };

	KUNIT_EXPECT_EQ(test, netflow_ipv4_options_bits(opts, sizeof(opts)),
			BIT(31 - 7) | BIT(31 - 1) | BIT(31 - 20) | BIT(31 - 0));
	KUNIT_EXPECT_EQ(test, netflow_ipv4_options_bits(bad, sizeof(bad)),
			BIT(31 - 1) | BIT(31 - 4));
	KUNIT_EXPECT_EQ(test, netflow_ipv4_options_bits(short_len, 1), BIT(31 - 7));
	KUNIT_EXPECT_EQ(test, netflow_ipv4_options_bits(opts, 0), 0u);
}

static void tcp_options(struct kunit *test)
{
	/* a Linux SYN: MSS, SACK permitted, timestamps, NOP, window scale */
	static const u8 syn[] = { 2, 4, 0x05, 0xb4, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0,
				  1, 3, 3, 7 };
	/* kind 99 is beyond the bitmap; a zero length ends the walk */
	static const u8 odd[] = { 99, 2, 30, 0, 5, 10 };

	KUNIT_EXPECT_EQ(test, netflow_tcp_options_bits(syn, sizeof(syn)),
			BIT_ULL(63 - 2) | BIT_ULL(63 - 4) | BIT_ULL(63 - 8) |
			BIT_ULL(63 - 1) | BIT_ULL(63 - 3));
	KUNIT_EXPECT_EQ(test, netflow_tcp_options_bits(odd, sizeof(odd)),
			BIT_ULL(63 - 30));
	KUNIT_EXPECT_EQ(test, netflow_tcp_options_bits(syn, 3), BIT_ULL(63 - 2));
}

static u32 xbit(enum netflow_exthdr_bit b)
{
	return BIT(31 - b);
}

static void ipv6_exthdrs(struct kunit *test)
{
	/* hop-by-hop (8 octets) -> destination options (16) -> TCP */
	static const u8 hop_dst[] = { 60, 0, 1, 4, 0, 0, 0, 0,
				      6, 1, 1, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
	/* routing -> first fragment -> AH (12 octets) -> ESP */
	static const u8 rh_frag_ah[] = { 44, 0, 0, 0, 0, 0, 0, 0,
					 51, 0, 0, 1, 0, 0, 0, 1,
					 50, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0 };
	/* a later fragment: the walk ends there */
	static const u8 frag1[] = { 17, 0, 0x05, 0xa8, 0, 0, 0, 1 };
	/* destination options claiming more than there is */
	static const u8 trunc[] = { 6, 4, 0, 0 };

	KUNIT_EXPECT_EQ(test, netflow_ipv6_exthdr_bits(0, hop_dst, sizeof(hop_dst)),
			xbit(NETFLOW_EXTHDR_HOP) | xbit(NETFLOW_EXTHDR_DST));
	KUNIT_EXPECT_EQ(test, netflow_ipv6_exthdr_bits(43, rh_frag_ah, sizeof(rh_frag_ah)),
			xbit(NETFLOW_EXTHDR_RH) | xbit(NETFLOW_EXTHDR_FRA0) |
			xbit(NETFLOW_EXTHDR_AH) | xbit(NETFLOW_EXTHDR_ESP));
	KUNIT_EXPECT_EQ(test, netflow_ipv6_exthdr_bits(44, frag1, sizeof(frag1)),
			xbit(NETFLOW_EXTHDR_FRA1));
	KUNIT_EXPECT_EQ(test, netflow_ipv6_exthdr_bits(60, trunc, sizeof(trunc)),
			xbit(NETFLOW_EXTHDR_DST));
	KUNIT_EXPECT_EQ(test, netflow_ipv6_exthdr_bits(6, NULL, 0), 0u);
	KUNIT_EXPECT_EQ(test, netflow_ipv6_exthdr_bits(0, NULL, 0),
			xbit(NETFLOW_EXTHDR_HOP));
	KUNIT_EXPECT_EQ(test, netflow_ipv6_exthdr_bits(108, NULL, 0),
			xbit(NETFLOW_EXTHDR_PAY));
}

/* --- template layouts ----------------------------------------------------- */

static const u32 all_extras = NETFLOW_FIELDS_ALL | NETFLOW_EXTRA_MASKS |
			      NETFLOW_EXTRA_SAMPLER;

/* (id, length) pairs of a template record, written from the IANA registry */
static const u16 v9_ipv4_all[][2] = {
	{ 8, 4 }, { 12, 4 }, { 15, 4 }, { 10, 4 }, { 14, 4 }, { 2, 8 }, { 1, 8 },
	{ 22, 4 }, { 21, 4 }, { 7, 2 }, { 11, 2 }, { 32, 2 }, { 4, 1 }, { 5, 1 },
	{ 6, 1 }, { 136, 1 }, { 60, 1 },
	{ 256, 2 }, { 61, 1 }, { 252, 4 }, { 253, 4 }, { 208, 4 }, { 209, 8 },
	{ 80, 6 }, { 56, 6 }, { 58, 2 }, { 243, 2 }, { 244, 1 }, { 245, 2 }, { 246, 1 },
	{ 9, 1 }, { 13, 1 }, { 48, 1 },
};

static const u16 ipfix_ipv6_all[][2] = {
	{ 27, 16 }, { 28, 16 }, { 62, 16 }, { 10, 4 }, { 14, 4 }, { 2, 8 }, { 1, 8 },
	{ 152, 8 }, { 153, 8 }, { 7, 2 }, { 11, 2 }, { 139, 2 }, { 4, 1 }, { 5, 1 },
	{ 6, 2 }, { 136, 1 }, { 60, 1 },
	{ 256, 2 }, { 61, 1 }, { 252, 4 }, { 253, 4 }, { 209, 8 }, { 64, 4 },
	{ 31, 4 }, { 80, 6 }, { 56, 6 },
	{ 58, 2 }, { 243, 2 }, { 244, 1 }, { 245, 2 }, { 246, 1 },
	{ 200, 1 }, { 70, 3 }, { 71, 3 }, { 72, 3 },
	{ 29, 1 }, { 30, 1 }, { 302, 8 },
};

static void expect_template(struct kunit *test, const u8 *buf, u16 id,
			    const u16 (*pairs)[2], unsigned int n)
{
	unsigned int i;

	KUNIT_EXPECT_EQ(test, buf[0] << 8 | buf[1], id);
	KUNIT_EXPECT_EQ(test, buf[2] << 8 | buf[3], n);
	for (i = 0; i < n; i++) {
		KUNIT_EXPECT_EQ_MSG(test, buf[4 + 4 * i] << 8 | buf[5 + 4 * i],
				    pairs[i][0], "field %u", i);
		KUNIT_EXPECT_EQ_MSG(test, buf[6 + 4 * i] << 8 | buf[7 + 4 * i],
				    pairs[i][1], "field %u", i);
	}
}

/* No optional field: the base templates, ids and octets. */
static void layout_base_unchanged(struct kunit *test)
{
	struct netflow_tmpl_layout l;
	u8 a[256], b[256];
	int p, t;

	for (p = 0; p < NETFLOW_TMPL_PROTOS; p++) {
		netflow_tmpl_layout_init(&l, p, 0, 7);
		for (t = 0; t < NETFLOW_TMPL_COUNT; t++) {
			KUNIT_EXPECT_EQ(test, l.id[t], 256 + t);
			KUNIT_ASSERT_EQ(test, netflow_tmpl_layout_size(&l, t),
					netflow_tmpl_size(p, t));
			KUNIT_EXPECT_EQ(test, netflow_tmpl_layout_record_size(&l, t),
					netflow_tmpl_record_size(p, t));
			netflow_tmpl_layout_build(a, &l, t);
			netflow_tmpl_build(b, p, t);
			KUNIT_EXPECT_MEMEQ(test, a, b, netflow_tmpl_size(p, t));
		}
	}
}

static void layout_v9_ipv4_all(struct kunit *test)
{
	struct netflow_tmpl_layout l;
	u8 buf[256];

	netflow_tmpl_layout_init(&l, NETFLOW_TMPL_V9, all_extras, 0);
	KUNIT_ASSERT_EQ(test, netflow_tmpl_layout_size(&l, NETFLOW_TMPL_IPV4),
			4 + 4 * ARRAY_SIZE(v9_ipv4_all));
	KUNIT_EXPECT_EQ(test, netflow_tmpl_layout_build(buf, &l, NETFLOW_TMPL_IPV4),
			4 + 4 * ARRAY_SIZE(v9_ipv4_all));
	expect_template(test, buf, 1024, v9_ipv4_all, ARRAY_SIZE(v9_ipv4_all));
	KUNIT_EXPECT_EQ(test, netflow_tmpl_layout_record_size(&l, NETFLOW_TMPL_IPV4),
			55 + 38 + 8);
}

static void layout_ipfix_ipv6_all(struct kunit *test)
{
	struct netflow_tmpl_layout l;
	u8 buf[256];

	netflow_tmpl_layout_init(&l, NETFLOW_TMPL_IPFIX,
				 all_extras | netflow_extra_mpls(3), 3);
	KUNIT_ASSERT_EQ(test, netflow_tmpl_layout_size(&l, NETFLOW_TMPL_IPV6),
			4 + 4 * ARRAY_SIZE(ipfix_ipv6_all));
	netflow_tmpl_layout_build(buf, &l, NETFLOW_TMPL_IPV6);
	expect_template(test, buf, 1024 + 2 * 3 + 1, ipfix_ipv6_all,
			ARRAY_SIZE(ipfix_ipv6_all));
	KUNIT_EXPECT_EQ(test, netflow_tmpl_layout_record_size(&l, NETFLOW_TMPL_IPV6),
			100 + 49 + 8 + 10);
}

/* Each field alone, in each protocol and family: the elements it adds. */
static void layout_each_field(struct kunit *test)
{
	static const struct {
		u32 extras;
		u16 v4[2], v6[3];	/* element ids added; 0 ends */
	} cases[] = {
		{ F(ETHERTYPE), { 256 }, { 256 } },
		{ F(DIRECTION), { 61 }, { 61 } },
		{ F(PHYSDEV), { 252, 253 }, { 252, 253 } },
		{ F(IPV4_OPTIONS), { 208 }, { 0 } },
		{ F(TCP_OPTIONS), { 209 }, { 209 } },
		{ F(IPV6_EXTHDR), { 0 }, { 64 } },
		{ F(FLOW_LABEL), { 0 }, { 31 } },
		{ F(MAC), { 80, 56 }, { 80, 56 } },
		{ NETFLOW_EXTRA_MASKS, { 9, 13 }, { 29, 30 } },
	};
	struct netflow_tmpl_layout l;
	unsigned int i, k, p;
	u8 buf[256];

	for (p = 0; p < NETFLOW_TMPL_PROTOS; p++) {
		for (i = 0; i < ARRAY_SIZE(cases); i++) {
			netflow_tmpl_layout_init(&l, p, cases[i].extras, i);
			netflow_tmpl_layout_build(buf, &l, NETFLOW_TMPL_IPV4);
			for (k = 0; k < 2 && cases[i].v4[k]; k++)
				KUNIT_EXPECT_EQ_MSG(test, buf[4 + 4 * (17 + k)] << 8 |
						    buf[5 + 4 * (17 + k)],
						    cases[i].v4[k], "case %u", i);
			KUNIT_EXPECT_EQ_MSG(test, buf[3], 17 + k, "case %u", i);
			netflow_tmpl_layout_build(buf, &l, NETFLOW_TMPL_IPV6);
			for (k = 0; k < 3 && cases[i].v6[k]; k++)
				KUNIT_EXPECT_EQ_MSG(test, buf[4 + 4 * (17 + k)] << 8 |
						    buf[5 + 4 * (17 + k)],
						    cases[i].v6[k], "case %u", i);
			KUNIT_EXPECT_EQ_MSG(test, buf[3], 17 + k, "case %u", i);
			KUNIT_EXPECT_EQ(test, l.id[0], 1024 + 2 * i);
			KUNIT_EXPECT_EQ(test, l.id[1], 1024 + 2 * i + 1);
		}
	}
	netflow_tmpl_layout_init(&l, NETFLOW_TMPL_V9, NETFLOW_EXTRA_SAMPLER, 0);
	netflow_tmpl_layout_build(buf, &l, NETFLOW_TMPL_IPV4);
	KUNIT_EXPECT_EQ(test, buf[4 + 4 * 17] << 8 | buf[5 + 4 * 17], 48);
	KUNIT_EXPECT_EQ(test, buf[7 + 4 * 17], 1);
	netflow_tmpl_layout_init(&l, NETFLOW_TMPL_IPFIX, NETFLOW_EXTRA_SAMPLER, 0);
	netflow_tmpl_layout_build(buf, &l, NETFLOW_TMPL_IPV4);
	KUNIT_EXPECT_EQ(test, buf[4 + 4 * 17] << 8 | buf[5 + 4 * 17], 302);
	KUNIT_EXPECT_EQ(test, buf[7 + 4 * 17], 8);
}

/*
 * vlan: vlanId (58, the outer VID, which nfdump reads), then the 802.1Q
 * elements 243-246. mpls: mplsTopLabelTTL and as many label
 * sections as promisc-mpls keeps; none at depth 0.
 */
static void layout_vlan_mpls(struct kunit *test)
{
	static const u16 vlan[][2] = {
		{ 58, 2 }, { 243, 2 }, { 244, 1 }, { 245, 2 }, { 246, 1 },
	};
	static const u16 ipfix_mpls10[][2] = {
		{ 200, 1 }, { 70, 3 }, { 71, 3 }, { 72, 3 }, { 73, 3 }, { 74, 3 },
		{ 75, 3 }, { 76, 3 }, { 77, 3 }, { 78, 3 }, { 79, 3 },
	};
	struct netflow_tmpl_layout l;
	unsigned int i, p, t, depth;
	u8 buf[256];

	for (p = 0; p < NETFLOW_TMPL_PROTOS; p++) {
		for (t = 0; t < NETFLOW_TMPL_COUNT; t++) {
			netflow_tmpl_layout_init(&l, p, F(VLAN), 0);
			netflow_tmpl_layout_build(buf, &l, t);
			KUNIT_EXPECT_EQ(test, buf[3], 17 + ARRAY_SIZE(vlan));
			for (i = 0; i < ARRAY_SIZE(vlan); i++) {
				KUNIT_EXPECT_EQ(test, buf[4 + 4 * (17 + i)] << 8 |
						buf[5 + 4 * (17 + i)], vlan[i][0]);
				KUNIT_EXPECT_EQ(test, buf[7 + 4 * (17 + i)], vlan[i][1]);
			}
		}
	}

	/* 11-15 fit the extras bits: the layout stops at 10 labels */
	for (depth = 0; depth <= 15; depth++) {
		unsigned int n = depth ? min(depth, 10u) + 1 : 0;

		netflow_tmpl_layout_init(&l, NETFLOW_TMPL_IPFIX,
					 F(MPLS) | netflow_extra_mpls(depth), 0);
		netflow_tmpl_layout_build(buf, &l, NETFLOW_TMPL_IPV4);
		KUNIT_EXPECT_EQ_MSG(test, buf[3], 17 + n, "depth %u", depth);
		for (i = 0; i < n; i++) {
			KUNIT_EXPECT_EQ_MSG(test, buf[4 + 4 * (17 + i)] << 8 |
					    buf[5 + 4 * (17 + i)],
					    ipfix_mpls10[i][0], "depth %u", depth);
			KUNIT_EXPECT_EQ(test, buf[7 + 4 * (17 + i)], ipfix_mpls10[i][1]);
		}
	}
	/* the depth means nothing without mpls */
	netflow_tmpl_layout_init(&l, NETFLOW_TMPL_IPFIX,
				 F(MAC) | netflow_extra_mpls(3), 0);
	netflow_tmpl_layout_build(buf, &l, NETFLOW_TMPL_IPV4);
	KUNIT_EXPECT_EQ(test, buf[3], 17 + 2);
}

/* Ids stay in 1024..65534 and never collide with the next generation's. */
static void layout_ids_wrap(struct kunit *test)
{
	struct netflow_tmpl_layout l;

	netflow_tmpl_layout_init(&l, NETFLOW_TMPL_V9, F(DIRECTION),
				 NETFLOW_TMPL_GENERATIONS - 1);
	KUNIT_EXPECT_EQ(test, l.id[1], 65533);
	KUNIT_EXPECT_LT(test, l.id[1], 65535);
	netflow_tmpl_layout_init(&l, NETFLOW_TMPL_V9, F(DIRECTION),
				 NETFLOW_TMPL_GENERATIONS);
	KUNIT_EXPECT_EQ(test, l.id[0], 1024);
}

/* The optional part of a data record: every element's value, big-endian. */
static void layout_record_values(struct kunit *test)
{
	static const u8 want_v4[] = {
		0x08, 0x00,			/* ethernetType */
		1,				/* flowDirection */
		0, 0, 0, 7, 0, 0, 0, 8,		/* physical interfaces */
		0x81, 0, 0, 0,			/* ipv4Options: EOOL, RR */
		0x2a, 0x80, 0, 0, 0, 0, 0, 0,	/* tcpOptions: 2 4 6 8 */
		2, 0, 0, 0, 1, 1,		/* destinationMacAddress */
		2, 0, 0, 0, 1, 2,		/* sourceMacAddress */
		0x00, 0x64,			/* vlanId: outer VID 100 */
		0x00, 0x64, 5,			/* dot1qVlanId, dot1qPriority */
		0x0f, 0xff, 7,			/* customer VID 4095, priority 7 */
		24, 16,				/* masks */
		3,				/* samplerId */
	};
	static const u8 want_v6_tail[] = {
		0x2a, 0x80, 0, 0, 0, 0, 0, 0,	/* tcpOptions */
		0x40, 0x80, 0, 0,		/* ipv6ExtensionHeaders: HOP, RH */
		0, 0x0a, 0xbc, 0xde,		/* flowLabelIPv6 */
		2, 0, 0, 0, 1, 1,		/* destinationMacAddress */
		2, 0, 0, 0, 1, 2,		/* sourceMacAddress */
		0x00, 0x64,			/* vlanId */
		0x00, 0x64, 5, 0x0f, 0xff, 7,	/* 802.1Q outer, inner */
		63,				/* mplsTopLabelTTL */
		0x01, 0x23, 0x4a,		/* label 0x1234, TC 5, not bottom */
		0xff, 0xff, 0xf1,		/* label 0xfffff, TC 0, bottom */
		24, 16,				/* masks */
		0, 0, 0, 0, 0, 0, 0, 3,		/* selectorId */
	};
	struct netflow_record rec = {
		.key.family = AF_INET, .sampler_mode = 3,
		.fields = {
			.dst_mac = { 2, 0, 0, 0, 1, 1 }, .src_mac = { 2, 0, 0, 0, 1, 2 },
			.tcp_options = 0x2a80000000000000ull,
			.ipv4_options = 0x81000000, .ipv6_exthdr = 0x40800000,
			.flow_label = 0xabcde, .in_physdev = 7, .out_physdev = 8,
			.ethertype = cpu_to_be16(0x0800), .direction = 1,
			.src_mask = 24, .dst_mask = 16,
			/* PCP 5 and DEI set, then PCP 7: DEI is not exported */
			.vlan_tci = { 5 << 13 | 0x1000 | 100, 7 << 13 | 4095 },
			.mpls = { cpu_to_be32(0x1234 << 12 | 5 << 9 | 63),
				  cpu_to_be32(0xfffff << 12 | 1 << 8 | 1) },
		},
	};
	struct netflow_tmpl_layout l;
	u8 buf[256];
	unsigned int len;

	netflow_tmpl_layout_init(&l, NETFLOW_TMPL_V9, all_extras, 0);
	len = netflow_tmpl_layout_record_size(&l, NETFLOW_TMPL_IPV4);
	memset(buf, 0xee, sizeof(buf));
	netflow_tmpl_layout_write_record(buf, &l, NETFLOW_TMPL_IPV4, &rec, 0);
	KUNIT_EXPECT_MEMEQ(test, buf + 55, want_v4, sizeof(want_v4));
	KUNIT_EXPECT_EQ(test, len, 55 + sizeof(want_v4));
	KUNIT_EXPECT_EQ(test, buf[len], 0xee);

	rec.key.family = AF_INET6;
	netflow_tmpl_layout_init(&l, NETFLOW_TMPL_IPFIX,
				 all_extras | netflow_extra_mpls(2), 0);
	len = netflow_tmpl_layout_record_size(&l, NETFLOW_TMPL_IPV6);
	netflow_tmpl_layout_write_record(buf, &l, NETFLOW_TMPL_IPV6, &rec, 0);
	KUNIT_EXPECT_MEMEQ(test, buf + len - sizeof(want_v6_tail), want_v6_tail,
			   sizeof(want_v6_tail));
}

/* A message with a layout uses its ids for the template and the data set. */
static void layout_in_message(struct kunit *test)
{
	struct netflow_record rec = { .key.family = AF_INET, .fields.direction = 1 };
	struct netflow_tmpl_layout l;
	struct netflow_msg msg;
	u8 buf[512];

	netflow_tmpl_layout_init(&l, NETFLOW_TMPL_IPFIX, F(DIRECTION), 5);
	netflow_tmpl_msg_init(&msg, NETFLOW_TMPL_IPFIX, buf, sizeof(buf), 0);
	KUNIT_EXPECT_TRUE(test, !msg.layout);
	msg.layout = &l;
	KUNIT_ASSERT_EQ(test, netflow_tmpl_add_template(&msg, NETFLOW_TMPL_IPV4), 0);
	KUNIT_ASSERT_EQ(test, netflow_tmpl_add_record(&msg, &rec), 0);
	netflow_tmpl_msg_close(&msg);
	/* set 2 (templates) holding template 1034, then data set 1034 */
	KUNIT_EXPECT_EQ(test, buf[16] << 8 | buf[17], 2);
	KUNIT_EXPECT_EQ(test, buf[20] << 8 | buf[21], 1034);
	KUNIT_EXPECT_EQ(test, buf[22] << 8 | buf[23], 18);
	KUNIT_EXPECT_EQ(test, buf[16 + 4 + 4 + 18 * 4] << 8 | buf[16 + 4 + 4 + 18 * 4 + 1],
			1034);
}

/* v5 carries the aggregation masks in src_mask and dst_mask. */
static void v5_masks(struct kunit *test)
{
	struct netflow_record rec = {
		.key.family = AF_INET, .fields.src_mask = 8, .fields.dst_mask = 24,
	};
	u8 r[48];

	memset(r, 0xee, sizeof(r));
	KUNIT_ASSERT_EQ(test, netflow_v5_write_record(r, &rec), 0);
	KUNIT_EXPECT_EQ(test, r[44], 8);
	KUNIT_EXPECT_EQ(test, r[45], 24);
	KUNIT_EXPECT_EQ(test, r[40] | r[41] | r[42] | r[43] | r[46] | r[47], 0);
}

static struct kunit_case netflow_fields_cases[] = {
	KUNIT_CASE_PARAM(fields_parses_valid, fields_valid_gen_params),
	KUNIT_CASE_PARAM(fields_rejects_invalid, fields_invalid_gen_params),
	KUNIT_CASE(fields_too_long),
	KUNIT_CASE(fields_format_small),
	KUNIT_CASE(ipv4_options),
	KUNIT_CASE(tcp_options),
	KUNIT_CASE(ipv6_exthdrs),
	KUNIT_CASE(layout_base_unchanged),
	KUNIT_CASE(layout_v9_ipv4_all),
	KUNIT_CASE(layout_ipfix_ipv6_all),
	KUNIT_CASE(layout_each_field),
	KUNIT_CASE(layout_vlan_mpls),
	KUNIT_CASE(layout_ids_wrap),
	KUNIT_CASE(layout_record_values),
	KUNIT_CASE(layout_in_message),
	KUNIT_CASE(v5_masks),
	{}
};

static struct kunit_suite netflow_fields_suite = {
	.name = "netflow_fields",
	.test_cases = netflow_fields_cases,
};

kunit_test_suite(netflow_fields_suite);
