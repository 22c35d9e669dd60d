// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the element table, template records, the per-element writers and
 * the template refresh rule. Whole messages are in v9_test.c and
 * ipfix_test.c.
 */
#include <kunit/test.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/socket.h>

#include "ie.h"
#include "tmpl.h"

static const struct netflow_ie_info ie_info[NETFLOW_IE_COUNT] = {
	NETFLOW_IE_INFO
};

static const enum netflow_tmpl_proto protos[] = {
	NETFLOW_TMPL_V9, NETFLOW_TMPL_IPFIX,
};

static const enum netflow_tmpl tmpls[] = {
	NETFLOW_TMPL_IPV4, NETFLOW_TMPL_IPV6,
};

static u16 get16(const u8 *p)
{
	return p[0] << 8 | p[1];
}

static u64 get_be(const u8 *p, unsigned int len)
{
	u64 v = 0;

	while (len--)
		v = v << 8 | *p++;
	return v;
}

static void ie_table_is_complete(struct kunit *test)
{
	unsigned int i;

	for (i = 0; i < NETFLOW_IE_COUNT; i++) {
		const struct netflow_ie_info *ie = &ie_info[i];

		KUNIT_EXPECT_NOT_ERR_OR_NULL_MSG(test, ie->name, "element %u", i);
		KUNIT_EXPECT_GT_MSG(test, ie->id, 0, "element %u", i);
		/* no enterprise bit: IANA elements only */
		KUNIT_EXPECT_LT_MSG(test, ie->id, 0x8000, "element %u", i);
		/* 3: an MPLS label stack section (octetArray) */
		KUNIT_EXPECT_TRUE_MSG(test, ie->len == 1 || ie->len == 2 ||
				      ie->len == 3 || ie->len == 4 || ie->len == 6 ||
				      ie->len == 8 || ie->len == 16, "element %u", i);
	}
}

static void tmpl_ids(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, netflow_tmpl_id(NETFLOW_TMPL_IPV4), 256);
	KUNIT_EXPECT_EQ(test, netflow_tmpl_id(NETFLOW_TMPL_IPV6), 257);
	KUNIT_EXPECT_EQ(test, NETFLOW_TMPL_ID_IPV4, 256);
	KUNIT_EXPECT_EQ(test, NETFLOW_TMPL_ID_IPV6, 257);
	KUNIT_EXPECT_EQ(test, netflow_tmpl_set_id(NETFLOW_TMPL_V9, false), 0);
	KUNIT_EXPECT_EQ(test, netflow_tmpl_set_id(NETFLOW_TMPL_V9, true), 1);
	KUNIT_EXPECT_EQ(test, netflow_tmpl_set_id(NETFLOW_TMPL_IPFIX, false), 2);
	KUNIT_EXPECT_EQ(test, netflow_tmpl_set_id(NETFLOW_TMPL_IPFIX, true), 3);
}

static void tmpl_of_family(struct kunit *test)
{
	struct netflow_record rec = { .key.family = AF_INET };

	KUNIT_EXPECT_EQ(test, netflow_tmpl_of(&rec), NETFLOW_TMPL_IPV4);
	rec.key.family = AF_INET6;
	KUNIT_EXPECT_EQ(test, netflow_tmpl_of(&rec), NETFLOW_TMPL_IPV6);
	rec.key.family = AF_UNSPEC;
	KUNIT_EXPECT_EQ(test, netflow_tmpl_of(&rec), -EAFNOSUPPORT);
	rec.key.family = AF_PACKET;
	KUNIT_EXPECT_EQ(test, netflow_tmpl_of(&rec), -EAFNOSUPPORT);
}

/* The documented sizes: 17 fields each; records 55, 91, 64 and 100. */
static void tmpl_sizes(struct kunit *test)
{
	static const unsigned int rec_len[2][2] = { { 55, 91 }, { 64, 100 } };
	unsigned int p, t;

	for (p = 0; p < ARRAY_SIZE(protos); p++)
		for (t = 0; t < ARRAY_SIZE(tmpls); t++) {
			KUNIT_EXPECT_EQ(test, netflow_tmpl_size(protos[p], tmpls[t]),
					4 + 17 * 4);
			KUNIT_EXPECT_EQ(test,
					netflow_tmpl_record_size(protos[p], tmpls[t]),
					rec_len[p][t]);
		}
}

/*
 * Two passes: size, then build exactly that many octets. The field
 * specifiers are table entries, their lengths add up to the record size,
 * and every table entry is used by some template.
 */
static void tmpl_build_two_pass(struct kunit *test)
{
	bool used[NETFLOW_IE_COUNT] = {};
	unsigned int p, t, i, j, size, sum;
	u8 buf[128];

	for (p = 0; p < ARRAY_SIZE(protos); p++)
		for (t = 0; t < ARRAY_SIZE(tmpls); t++) {
			size = netflow_tmpl_size(protos[p], tmpls[t]);
			KUNIT_ASSERT_LE(test, size + 8, sizeof(buf));
			memset(buf, 0xa5, sizeof(buf));
			KUNIT_EXPECT_EQ(test, netflow_tmpl_build(buf, protos[p], tmpls[t]),
					size);
			for (i = size; i < sizeof(buf); i++)
				KUNIT_EXPECT_EQ(test, buf[i], 0xa5);
			KUNIT_EXPECT_EQ(test, get16(buf), 256 + tmpls[t]);
			KUNIT_EXPECT_EQ(test, get16(buf + 2), (size - 4) / 4);
			sum = 0;
			for (i = 4; i < size; i += 4) {
				for (j = 0; j < NETFLOW_IE_COUNT; j++)
					if (ie_info[j].id == get16(buf + i) &&
					    ie_info[j].len == get16(buf + i + 2))
						break;
				KUNIT_EXPECT_LT_MSG(test, j, NETFLOW_IE_COUNT,
						    "unknown field %u/%u",
						    get16(buf + i), get16(buf + i + 2));
				if (j < NETFLOW_IE_COUNT)
					used[j] = true;
				sum += get16(buf + i + 2);
			}
			KUNIT_EXPECT_EQ(test, sum,
					netflow_tmpl_record_size(protos[p], tmpls[t]));
		}
	/* the optional elements are in fields_test.c */
	for (j = 0; j < NETFLOW_IE_ETHERTYPE; j++)
		KUNIT_EXPECT_TRUE_MSG(test, used[j], "%s unused", ie_info[j].name);
}

/* Where element @id sits in a record of template @t: from the template. */
static int field_offset(enum netflow_tmpl_proto proto, enum netflow_tmpl t,
			u16 id, unsigned int *len)
{
	unsigned int i, off = 0, size = netflow_tmpl_size(proto, t);
	u8 buf[128];

	netflow_tmpl_build(buf, proto, t);
	for (i = 4; i < size; i += 4) {
		if (get16(buf + i) == id) {
			*len = get16(buf + i + 2);
			return off;
		}
		off += get16(buf + i + 2);
	}
	return -1;
}

static u64 field(struct kunit *test, const u8 *rec,
		 enum netflow_tmpl_proto proto, enum netflow_tmpl t, u16 id)
{
	unsigned int len = 0;
	int off = field_offset(proto, t, id, &len);

	KUNIT_EXPECT_GE_MSG(test, off, 0, "element %u missing", id);
	if (off < 0 || len > 8)
		return ~0ULL;
	return get_be(rec + off, len);
}

static struct netflow_record flow(int family, u8 protocol, u16 sport,
				  u16 dport)
{
	struct netflow_record rec = {
		.key = {
			.family = family,
			.protocol = protocol,
			.tos = 0xb8,
			.src_port = cpu_to_be16(sport),
			.dst_port = cpu_to_be16(dport),
			.in_ifindex = 0x01020304,
		},
		.out_ifindex = 0xfffffffe,
		.packets = 0x1122334455667788ULL,
		.bytes = 0x8877665544332211ULL,
		.first_ms = 0x123456789ULL,
		.last_ms = 0x12345678aULL,
		.tcp_flags = 0x3f,
		.end_reason = NETFLOW_END_OF_FLOW,
	};
	return rec;
}

/*
 * Every octet of a record is written, whatever was in the buffer: two
 * different fills give the same record, and nothing after it changes.
 */
static void record_writes_every_octet(struct kunit *test)
{
	struct netflow_record rec = flow(AF_INET6, IPPROTO_UDP, 1, 2);
	unsigned int p, t, i, len;
	u8 a[128], b[128];

	for (p = 0; p < ARRAY_SIZE(protos); p++)
		for (t = 0; t < ARRAY_SIZE(tmpls); t++) {
			rec.key.family = tmpls[t] == NETFLOW_TMPL_IPV4 ?
					 AF_INET : AF_INET6;
			len = netflow_tmpl_record_size(protos[p], tmpls[t]);
			memset(a, 0xa5, sizeof(a));
			memset(b, 0x5a, sizeof(b));
			netflow_tmpl_write_record(a, protos[p], tmpls[t], &rec, 7);
			netflow_tmpl_write_record(b, protos[p], tmpls[t], &rec, 7);
			KUNIT_EXPECT_MEMEQ(test, a, b, len);
			for (i = len; i < sizeof(a); i++) {
				KUNIT_EXPECT_EQ(test, a[i], 0xa5);
				KUNIT_EXPECT_EQ(test, b[i], 0x5a);
			}
		}
}

/* Numbers at full width, in network order; 32-bit ifindexes whole. */
static void record_numbers(struct kunit *test)
{
	const enum netflow_tmpl_proto v9 = NETFLOW_TMPL_V9, ipfix = NETFLOW_TMPL_IPFIX;
	const enum netflow_tmpl t = NETFLOW_TMPL_IPV4;
	struct netflow_record rec = flow(AF_INET, IPPROTO_TCP, 40000, 443);
	u8 r[128];

	netflow_tmpl_write_record(r, ipfix, t, &rec, 1000);
	KUNIT_EXPECT_EQ(test, field(test, r, ipfix, t, 2), 0x1122334455667788ULL);
	KUNIT_EXPECT_EQ(test, field(test, r, ipfix, t, 1), 0x8877665544332211ULL);
	KUNIT_EXPECT_EQ(test, field(test, r, ipfix, t, 10), 0x01020304);
	KUNIT_EXPECT_EQ(test, field(test, r, ipfix, t, 14), 0xfffffffe);
	KUNIT_EXPECT_EQ(test, field(test, r, ipfix, t, 7), 40000);
	KUNIT_EXPECT_EQ(test, field(test, r, ipfix, t, 11), 443);
	KUNIT_EXPECT_EQ(test, field(test, r, ipfix, t, 4), IPPROTO_TCP);
	KUNIT_EXPECT_EQ(test, field(test, r, ipfix, t, 5), 0xb8);
	KUNIT_EXPECT_EQ(test, field(test, r, ipfix, t, 6), 0x3f);
	KUNIT_EXPECT_EQ(test, field(test, r, ipfix, t, 136), NETFLOW_END_OF_FLOW);
	KUNIT_EXPECT_EQ(test, field(test, r, ipfix, t, 60), 4);
	/* IPFIX times: boot epoch + uptime */
	KUNIT_EXPECT_EQ(test, field(test, r, ipfix, t, 152), 1000 + 0x123456789ULL);
	KUNIT_EXPECT_EQ(test, field(test, r, ipfix, t, 153), 1000 + 0x12345678aULL);

	/* v9 times: 32-bit sysUptime, which wraps */
	netflow_tmpl_write_record(r, v9, t, &rec, 1000);
	KUNIT_EXPECT_EQ(test, field(test, r, v9, t, 22), 0x23456789);
	KUNIT_EXPECT_EQ(test, field(test, r, v9, t, 21), 0x2345678a);
	KUNIT_EXPECT_EQ(test, field(test, r, v9, t, 6), 0x3f);
	KUNIT_EXPECT_EQ(test, field(test, r, v9, t, 2), 0x1122334455667788ULL);
	KUNIT_EXPECT_EQ(test, field(test, r, v9, t, 60), 4);
	KUNIT_EXPECT_EQ(test, field(test, r, v9, t, 32), 0);	/* not ICMP */
}

static void record_addresses(struct kunit *test)
{
	static const u8 s6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 0x11 };
	static const u8 d6[16] = { 0x20, 0x01, 0x0d, 0xb8, [14] = 0x22, 0x22 };
	static const u8 n6[16] = { 0xfe, 0x80, [15] = 0x33 };
	struct netflow_record rec = flow(AF_INET, IPPROTO_UDP, 1, 2);
	unsigned int p, len;
	u8 r[128];

	rec.key.src.ip = cpu_to_be32(0xc0000201);
	rec.key.dst.ip = cpu_to_be32(0xc6336402);
	rec.nexthop.ip = cpu_to_be32(0xcb007103);
	for (p = 0; p < ARRAY_SIZE(protos); p++) {
		netflow_tmpl_write_record(r, protos[p], NETFLOW_TMPL_IPV4, &rec, 0);
		KUNIT_EXPECT_EQ(test, field(test, r, protos[p], NETFLOW_TMPL_IPV4, 8),
				0xc0000201);
		KUNIT_EXPECT_EQ(test, field(test, r, protos[p], NETFLOW_TMPL_IPV4, 12),
				0xc6336402);
		KUNIT_EXPECT_EQ(test, field(test, r, protos[p], NETFLOW_TMPL_IPV4, 15),
				0xcb007103);
	}

	rec.key.family = AF_INET6;
	memcpy(&rec.key.src.ip6, s6, 16);
	memcpy(&rec.key.dst.ip6, d6, 16);
	memcpy(&rec.nexthop.ip6, n6, 16);
	for (p = 0; p < ARRAY_SIZE(protos); p++) {
		netflow_tmpl_write_record(r, protos[p], NETFLOW_TMPL_IPV6, &rec, 0);
		KUNIT_EXPECT_EQ(test, field_offset(protos[p], NETFLOW_TMPL_IPV6, 27, &len), 0);
		KUNIT_EXPECT_EQ(test, len, 16);
		KUNIT_EXPECT_MEMEQ(test, r, s6, 16);
		KUNIT_EXPECT_MEMEQ(test, r + 16, d6, 16);
		KUNIT_EXPECT_MEMEQ(test, r + 32, n6, 16);
		KUNIT_EXPECT_EQ(test, field(test, r, protos[p], NETFLOW_TMPL_IPV6, 60), 6);
	}
}

/*
 * ICMP type and code, as collector-quirks.md says every decoder reads
 * them: type * 256 + code in the destination port and in ICMP_TYPE (32,
 * v9, both families) or icmpTypeCodeIPv4/IPv6 (32/139, IPFIX).
 */
static void record_icmp(struct kunit *test)
{
	const enum netflow_tmpl_proto v9 = NETFLOW_TMPL_V9, ipfix = NETFLOW_TMPL_IPFIX;
	const enum netflow_tmpl t4 = NETFLOW_TMPL_IPV4, t6 = NETFLOW_TMPL_IPV6;
	struct netflow_record rec = flow(AF_INET, IPPROTO_ICMP, 0, 8 << 8 | 0);
	u8 r[128];

	netflow_tmpl_write_record(r, v9, t4, &rec, 0);
	KUNIT_EXPECT_EQ(test, field(test, r, v9, t4, 7), 0);
	KUNIT_EXPECT_EQ(test, field(test, r, v9, t4, 11), 0x0800);
	KUNIT_EXPECT_EQ(test, field(test, r, v9, t4, 32), 0x0800);
	netflow_tmpl_write_record(r, ipfix, t4, &rec, 0);
	KUNIT_EXPECT_EQ(test, field(test, r, ipfix, t4, 11), 0x0800);
	KUNIT_EXPECT_EQ(test, field(test, r, ipfix, t4, 32), 0x0800);
	KUNIT_EXPECT_LT(test, field_offset(ipfix, t4, 139, &(unsigned int){ 0 }), 0);

	rec = flow(AF_INET6, IPPROTO_ICMPV6, 0, 1 << 8 | 4);
	netflow_tmpl_write_record(r, v9, t6, &rec, 0);
	KUNIT_EXPECT_EQ(test, field(test, r, v9, t6, 11), 0x0104);
	KUNIT_EXPECT_EQ(test, field(test, r, v9, t6, 32), 0x0104);
	KUNIT_EXPECT_LT(test, field_offset(v9, t6, 139, &(unsigned int){ 0 }), 0);
	netflow_tmpl_write_record(r, ipfix, t6, &rec, 0);
	KUNIT_EXPECT_EQ(test, field(test, r, ipfix, t6, 11), 0x0104);
	KUNIT_EXPECT_EQ(test, field(test, r, ipfix, t6, 139), 0x0104);
	KUNIT_EXPECT_LT(test, field_offset(ipfix, t6, 32, &(unsigned int){ 0 }), 0);

	/* other protocols: ports as they are, the ICMP field 0 */
	rec = flow(AF_INET6, IPPROTO_UDP, 5353, 0x0800);
	netflow_tmpl_write_record(r, ipfix, t6, &rec, 0);
	KUNIT_EXPECT_EQ(test, field(test, r, ipfix, t6, 7), 5353);
	KUNIT_EXPECT_EQ(test, field(test, r, ipfix, t6, 11), 0x0800);
	KUNIT_EXPECT_EQ(test, field(test, r, ipfix, t6, 139), 0);
}

/* --- refresh ------------------------------------------------------------- */

#define MINUTE 60000ULL

static void refresh_first_use(struct kunit *test)
{
	struct netflow_tmpl_refresh r = {};

	/* a fresh session sends the template before any data */
	KUNIT_EXPECT_TRUE(test, netflow_tmpl_refresh_due(&r, 0, 0, 20, 30));
	KUNIT_EXPECT_TRUE(test, netflow_tmpl_refresh_due(&r, 12345, 999, 0, 0));
	netflow_tmpl_refresh_sent(&r, 0, 0);
	KUNIT_EXPECT_FALSE(test, netflow_tmpl_refresh_due(&r, 0, 0, 20, 30));
	/* rates of 0 turn the resends off, not the first send */
	KUNIT_EXPECT_FALSE(test, netflow_tmpl_refresh_due(&r, 1000000, 1000 * MINUTE,
							  0, 0));
}

/* Sent in packet 5: again in packet 25 with refresh-rate 20, not before. */
static void refresh_by_packets(struct kunit *test)
{
	struct netflow_tmpl_refresh r = {};
	u32 pkt;

	netflow_tmpl_refresh_sent(&r, 5, 1000);
	for (pkt = 5; pkt < 25; pkt++) {
		bool due = netflow_tmpl_refresh_due(&r, pkt, 1000,
						    NETFLOW_TMPL_REFRESH_RATE,
						    NETFLOW_TMPL_TIMEOUT_RATE);

		KUNIT_EXPECT_FALSE_MSG(test, due, "packet %u", pkt);
	}
	KUNIT_EXPECT_TRUE(test, netflow_tmpl_refresh_due(&r, 25, 1000, 20, 30));
	KUNIT_EXPECT_TRUE(test, netflow_tmpl_refresh_due(&r, 26, 1000, 20, 30));
	KUNIT_EXPECT_TRUE(test, netflow_tmpl_refresh_due(&r, 6, 1000, 1, 30));
	KUNIT_EXPECT_FALSE(test, netflow_tmpl_refresh_due(&r, 5, 1000, 1, 30));

	/* the packet counter wraps */
	netflow_tmpl_refresh_sent(&r, 0xfffffff0, 1000);
	KUNIT_EXPECT_FALSE(test, netflow_tmpl_refresh_due(&r, 3, 1000, 20, 30));
	KUNIT_EXPECT_TRUE(test, netflow_tmpl_refresh_due(&r, 4, 1000, 20, 30));
}

/* Sent at t: again at t + 30 minutes with timeout-rate 30, not before. */
static void refresh_by_time(struct kunit *test)
{
	const u64 t = 5 * MINUTE + 123;
	struct netflow_tmpl_refresh r = {};

	netflow_tmpl_refresh_sent(&r, 100, t);
	KUNIT_EXPECT_FALSE(test, netflow_tmpl_refresh_due(&r, 101, t, 20, 30));
	KUNIT_EXPECT_FALSE(test, netflow_tmpl_refresh_due(&r, 101, t + 30 * MINUTE - 1,
							  20, 30));
	KUNIT_EXPECT_TRUE(test, netflow_tmpl_refresh_due(&r, 101, t + 30 * MINUTE,
							 20, 30));
	KUNIT_EXPECT_TRUE(test, netflow_tmpl_refresh_due(&r, 101, t + MINUTE, 20, 1));
	/* no packet limit: time alone */
	KUNIT_EXPECT_FALSE(test, netflow_tmpl_refresh_due(&r, 100000, t + MINUTE - 1,
							  0, 1));
	KUNIT_EXPECT_TRUE(test, netflow_tmpl_refresh_due(&r, 100000, t + MINUTE, 0, 1));
	/* a clock that went backwards resends rather than waiting */
	KUNIT_EXPECT_TRUE(test, netflow_tmpl_refresh_due(&r, 101, t - 1, 20, 30));
	/* the longest timeout-rate, 24 hours, does not overflow */
	KUNIT_EXPECT_FALSE(test, netflow_tmpl_refresh_due(&r, 101,
							  t + 1440 * MINUTE - 1,
							  0, 1440));
	KUNIT_EXPECT_TRUE(test, netflow_tmpl_refresh_due(&r, 101, t + 1440 * MINUTE,
							 0, 1440));
}

static struct kunit_case netflow_tmpl_cases[] = {
	KUNIT_CASE(ie_table_is_complete),
	KUNIT_CASE(tmpl_ids),
	KUNIT_CASE(tmpl_of_family),
	KUNIT_CASE(tmpl_sizes),
	KUNIT_CASE(tmpl_build_two_pass),
	KUNIT_CASE(record_writes_every_octet),
	KUNIT_CASE(record_numbers),
	KUNIT_CASE(record_addresses),
	KUNIT_CASE(record_icmp),
	KUNIT_CASE(refresh_first_use),
	KUNIT_CASE(refresh_by_packets),
	KUNIT_CASE(refresh_by_time),
	{}
};

static struct kunit_suite netflow_tmpl_suite = {
	.name = "netflow_tmpl",
	.test_cases = netflow_tmpl_cases,
};

kunit_test_suite(netflow_tmpl_suite);
