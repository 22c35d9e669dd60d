// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: IPFIX messages against hand-assembled bytes.
 *
 * The three golden messages form one stream (sequence 0, 1, 2: one data
 * record each), in this order: golden_ipfix_ipv4, golden_ipfix_ipv6,
 * golden_ipfix_data_only. tshark, nfdump and ipfixDump decode every field
 * of it as intended and without a warning; ci/tools/decode_golden.py,
 * given this file and the three array names, shows what they make of them.
 */
#include <kunit/test.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/socket.h>

#include "golden.h"
#include "ipfix.h"

#define BUF_LEN 512

/* Epoch ms at uptime 0: the golden messages go out 100 s after boot. */
#define BOOT_EPOCH_MS 1699999900000ULL

/* TCP 10.1.0.2:40000 -> 10.2.0.2:443, more than 2^32 octets. */
static struct netflow_record tcp4_flow(void)
{
	struct netflow_record rec = {
		.key = {
			.family = AF_INET,
			.protocol = IPPROTO_TCP,
			.tos = 0x10,
			.src_port = cpu_to_be16(40000),
			.dst_port = cpu_to_be16(443),
			.in_ifindex = 3,
		},
		.out_ifindex = 4,
		.packets = 3000000,
		.bytes = 0x100000500ULL,
		.first_ms = 90000,
		.last_ms = 95000,
		.tcp_flags = 0x1b,		/* FIN SYN PSH ACK */
		.end_reason = NETFLOW_END_IDLE,
	};

	rec.key.src.ip = cpu_to_be32(0x0a010002);
	rec.key.dst.ip = cpu_to_be32(0x0a020002);
	rec.nexthop.ip = cpu_to_be32(0x0a020001);
	return rec;
}

/* ICMPv6 echo request 2001:db8::2 -> 2001:db8:1::2. */
static struct netflow_record icmp6_flow(void)
{
	static const u8 src[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 2 };
	static const u8 dst[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 1, [15] = 2 };
	static const u8 nh[16] = { 0xfe, 0x80, [15] = 1 };
	struct netflow_record rec = {
		.key = {
			.family = AF_INET6,
			.protocol = IPPROTO_ICMPV6,
			.dst_port = cpu_to_be16(128 << 8 | 0),
			.in_ifindex = 3,
		},
		.out_ifindex = 4,
		.packets = 4,
		.bytes = 416,
		.first_ms = 91000,
		.last_ms = 94000,
		.end_reason = NETFLOW_END_ACTIVE,
	};

	memcpy(&rec.key.src.ip6, src, 16);
	memcpy(&rec.key.dst.ip6, dst, 16);
	memcpy(&rec.nexthop.ip6, nh, 16);
	return rec;
}

/* ICMP port unreachable 10.2.0.2 -> 10.1.0.2. */
static struct netflow_record icmp4_flow(void)
{
	struct netflow_record rec = {
		.key = {
			.family = AF_INET,
			.protocol = IPPROTO_ICMP,
			.tos = 0xc0,
			.dst_port = cpu_to_be16(3 << 8 | 3),
			.in_ifindex = 4,
		},
		.out_ifindex = 3,
		.packets = 1,
		.bytes = 56,
		.first_ms = 99000,
		.last_ms = 99000,
		.end_reason = NETFLOW_END_FORCED,
	};

	rec.key.src.ip = cpu_to_be32(0x0a020002);
	rec.key.dst.ip = cpu_to_be32(0x0a010002);
	rec.nexthop.ip = cpu_to_be32(0x0a010001);
	return rec;
}

/* Template, then one IPv4 TCP record: 160 octets. */
static const u8 golden_ipfix_ipv4[] = {
	0x00, 0x0a, 0x00, 0xa0,		/* version 10, length 160 */
	0x65, 0x53, 0xf1, 0x00,		/* export time 1700000000 */
	0x00, 0x00, 0x00, 0x00,		/* sequence 0 */
	0x00, 0x00, 0x00, 0x07,		/* observation domain 7 */
	/* template set */
	0x00, 0x02, 0x00, 0x4c,		/* id 2, length 76 */
	0x01, 0x00, 0x00, 0x11,		/* template 256, 17 fields */
	0x00, 0x08, 0x00, 0x04,		/* sourceIPv4Address */
	0x00, 0x0c, 0x00, 0x04,		/* destinationIPv4Address */
	0x00, 0x0f, 0x00, 0x04,		/* ipNextHopIPv4Address */
	0x00, 0x0a, 0x00, 0x04,		/* ingressInterface */
	0x00, 0x0e, 0x00, 0x04,		/* egressInterface */
	0x00, 0x02, 0x00, 0x08,		/* packetDeltaCount */
	0x00, 0x01, 0x00, 0x08,		/* octetDeltaCount */
	0x00, 0x98, 0x00, 0x08,		/* flowStartMilliseconds */
	0x00, 0x99, 0x00, 0x08,		/* flowEndMilliseconds */
	0x00, 0x07, 0x00, 0x02,		/* sourceTransportPort */
	0x00, 0x0b, 0x00, 0x02,		/* destinationTransportPort */
	0x00, 0x20, 0x00, 0x02,		/* icmpTypeCodeIPv4 */
	0x00, 0x04, 0x00, 0x01,		/* protocolIdentifier */
	0x00, 0x05, 0x00, 0x01,		/* ipClassOfService */
	0x00, 0x06, 0x00, 0x02,		/* tcpControlBits */
	0x00, 0x88, 0x00, 0x01,		/* flowEndReason */
	0x00, 0x3c, 0x00, 0x01,		/* ipVersion */
	/* data set */
	0x01, 0x00, 0x00, 0x44,		/* template 256, length 68 */
	10, 1, 0, 2,			/* src */
	10, 2, 0, 2,			/* dst */
	10, 2, 0, 1,			/* next hop */
	0x00, 0x00, 0x00, 0x03,		/* ingress */
	0x00, 0x00, 0x00, 0x04,		/* egress */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x2d, 0xc6, 0xc0,	/* 3000000 packets */
	0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00,	/* 4294968576 octets */
	0x00, 0x00, 0x01, 0x8b, 0xcf, 0xe5, 0x40, 0xf0,	/* 1699999990000 */
	0x00, 0x00, 0x01, 0x8b, 0xcf, 0xe5, 0x54, 0x78,	/* 1699999995000 */
	0x9c, 0x40, 0x01, 0xbb,		/* ports 40000 -> 443 */
	0x00, 0x00,			/* ICMP type/code: not ICMP */
	6, 0x10,			/* TCP, TOS */
	0x00, 0x1b,			/* flags FIN SYN PSH ACK */
	1, 4,				/* idle timeout, IPv4 */
};

/* Template, then one ICMPv6 record: 196 octets. */
static const u8 golden_ipfix_ipv6[] = {
	0x00, 0x0a, 0x00, 0xc4,		/* version 10, length 196 */
	0x65, 0x53, 0xf1, 0x00,		/* export time 1700000000 */
	0x00, 0x00, 0x00, 0x01,		/* sequence 1 */
	0x00, 0x00, 0x00, 0x07,		/* observation domain 7 */
	/* template set */
	0x00, 0x02, 0x00, 0x4c,		/* id 2, length 76 */
	0x01, 0x01, 0x00, 0x11,		/* template 257, 17 fields */
	0x00, 0x1b, 0x00, 0x10,		/* sourceIPv6Address */
	0x00, 0x1c, 0x00, 0x10,		/* destinationIPv6Address */
	0x00, 0x3e, 0x00, 0x10,		/* ipNextHopIPv6Address */
	0x00, 0x0a, 0x00, 0x04,		/* ingressInterface */
	0x00, 0x0e, 0x00, 0x04,		/* egressInterface */
	0x00, 0x02, 0x00, 0x08,		/* packetDeltaCount */
	0x00, 0x01, 0x00, 0x08,		/* octetDeltaCount */
	0x00, 0x98, 0x00, 0x08,		/* flowStartMilliseconds */
	0x00, 0x99, 0x00, 0x08,		/* flowEndMilliseconds */
	0x00, 0x07, 0x00, 0x02,		/* sourceTransportPort */
	0x00, 0x0b, 0x00, 0x02,		/* destinationTransportPort */
	0x00, 0x8b, 0x00, 0x02,		/* icmpTypeCodeIPv6 */
	0x00, 0x04, 0x00, 0x01,		/* protocolIdentifier */
	0x00, 0x05, 0x00, 0x01,		/* ipClassOfService */
	0x00, 0x06, 0x00, 0x02,		/* tcpControlBits */
	0x00, 0x88, 0x00, 0x01,		/* flowEndReason */
	0x00, 0x3c, 0x00, 0x01,		/* ipVersion */
	/* data set */
	0x01, 0x01, 0x00, 0x68,		/* template 257, length 104 */
	0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00,	/* src 2001:db8::2 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02,
	0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01, 0x00, 0x00,	/* dst 2001:db8:1::2 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02,
	0xfe, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* next hop fe80::1 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
	0x00, 0x00, 0x00, 0x03,		/* ingress */
	0x00, 0x00, 0x00, 0x04,		/* egress */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04,	/* 4 packets */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0xa0,	/* 416 octets */
	0x00, 0x00, 0x01, 0x8b, 0xcf, 0xe5, 0x44, 0xd8,	/* 1699999991000 */
	0x00, 0x00, 0x01, 0x8b, 0xcf, 0xe5, 0x50, 0x90,	/* 1699999994000 */
	0x00, 0x00, 0x80, 0x00,		/* ports 0 -> 128 * 256 + 0 */
	0x80, 0x00,			/* ICMP type 128 (echo request), code 0 */
	58, 0x00,			/* ICMPv6, TOS */
	0x00, 0x00,			/* flags */
	2, 6,				/* active timeout, IPv6 */
};

/* A data set alone (its template went out before): 84 octets. */
static const u8 golden_ipfix_data_only[] = {
	0x00, 0x0a, 0x00, 0x54,		/* version 10, length 84 */
	0x65, 0x53, 0xf1, 0x01,		/* export time 1700000001 */
	0x00, 0x00, 0x00, 0x02,		/* sequence 2 */
	0x00, 0x00, 0x00, 0x07,		/* observation domain 7 */
	0x01, 0x00, 0x00, 0x44,		/* template 256, length 68 */
	10, 2, 0, 2,			/* src */
	10, 1, 0, 2,			/* dst */
	10, 1, 0, 1,			/* next hop */
	0x00, 0x00, 0x00, 0x04,		/* ingress */
	0x00, 0x00, 0x00, 0x03,		/* egress */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,	/* 1 packet */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x38,	/* 56 octets */
	0x00, 0x00, 0x01, 0x8b, 0xcf, 0xe5, 0x64, 0x18,	/* 1699999999000 */
	0x00, 0x00, 0x01, 0x8b, 0xcf, 0xe5, 0x64, 0x18,	/* 1699999999000 */
	0x00, 0x00, 0x03, 0x03,		/* ports 0 -> 3 * 256 + 3 */
	0x03, 0x03,			/* ICMP type 3 code 3 (port unreachable) */
	1, 0xc0,			/* ICMP, TOS */
	0x00, 0x00,			/* flags */
	4, 4,				/* forced end, IPv4 */
};

static const struct netflow_ipfix_context golden_ctx = {
	.export_time = 1700000000,
	.sequence = 0,
	.domain_id = 7,
};

static u16 get16(const u8 *p)
{
	return p[0] << 8 | p[1];
}

static void ipfix_golden_ipv4(struct kunit *test)
{
	struct netflow_record rec = tcp4_flow();
	u8 *buf = golden_buf(test, BUF_LEN);
	struct netflow_msg msg;
	unsigned int len;

	netflow_ipfix_begin(&msg, buf, 1500, BOOT_EPOCH_MS);
	KUNIT_ASSERT_EQ(test, netflow_tmpl_add_template(&msg, NETFLOW_TMPL_IPV4), 0);
	KUNIT_ASSERT_EQ(test, netflow_tmpl_add_record(&msg, &rec), 0);
	len = netflow_ipfix_finish(&msg, &golden_ctx);
	KUNIT_ASSERT_EQ(test, len, sizeof(golden_ipfix_ipv4));
	KUNIT_EXPECT_MEMEQ(test, buf, golden_ipfix_ipv4, len);
	golden_expect_untouched(test, buf + len, BUF_LEN - len);
	KUNIT_EXPECT_EQ(test, msg.data_records, 1);
}

static void ipfix_golden_ipv6(struct kunit *test)
{
	struct netflow_ipfix_context ctx = golden_ctx;
	struct netflow_record rec = icmp6_flow();
	u8 *buf = golden_buf(test, BUF_LEN);
	struct netflow_msg msg;
	unsigned int len;

	ctx.sequence = 1;
	netflow_ipfix_begin(&msg, buf, 1500, BOOT_EPOCH_MS);
	KUNIT_ASSERT_EQ(test, netflow_tmpl_add_template(&msg, NETFLOW_TMPL_IPV6), 0);
	KUNIT_ASSERT_EQ(test, netflow_tmpl_add_record(&msg, &rec), 0);
	len = netflow_ipfix_finish(&msg, &ctx);
	KUNIT_ASSERT_EQ(test, len, sizeof(golden_ipfix_ipv6));
	KUNIT_EXPECT_MEMEQ(test, buf, golden_ipfix_ipv6, len);
	golden_expect_untouched(test, buf + len, BUF_LEN - len);
	KUNIT_EXPECT_EQ(test, msg.data_records, 1);
}

static void ipfix_golden_data_only(struct kunit *test)
{
	struct netflow_ipfix_context ctx = golden_ctx;
	struct netflow_record rec = icmp4_flow();
	u8 *buf = golden_buf(test, BUF_LEN);
	struct netflow_msg msg;
	unsigned int len;

	ctx.export_time = 1700000001;
	ctx.sequence = 2;
	netflow_ipfix_begin(&msg, buf, 1500, BOOT_EPOCH_MS);
	KUNIT_ASSERT_EQ(test, netflow_tmpl_add_record(&msg, &rec), 0);
	len = netflow_ipfix_finish(&msg, &ctx);
	KUNIT_ASSERT_EQ(test, len, sizeof(golden_ipfix_data_only));
	KUNIT_EXPECT_MEMEQ(test, buf, golden_ipfix_data_only, len);
	golden_expect_untouched(test, buf + len, BUF_LEN - len);
}

/*
 * RFC 7011 §3.1: the sequence number counts data records only. The
 * builder says how many a message holds; templates are not among them.
 */
static void ipfix_sequence_counts_data_records(struct kunit *test)
{
	struct netflow_record r4 = tcp4_flow(), r6 = icmp6_flow();
	struct netflow_ipfix_context ctx = golden_ctx;
	u8 *buf = golden_buf(test, BUF_LEN);
	struct netflow_msg msg;
	u32 sequence = 0xfffffffe;	/* it wraps */
	unsigned int len;

	netflow_ipfix_begin(&msg, buf, BUF_LEN, BOOT_EPOCH_MS);
	KUNIT_ASSERT_EQ(test, netflow_tmpl_add_template(&msg, NETFLOW_TMPL_IPV4), 0);
	KUNIT_ASSERT_EQ(test, netflow_tmpl_add_template(&msg, NETFLOW_TMPL_IPV6), 0);
	KUNIT_ASSERT_EQ(test, netflow_tmpl_add_record(&msg, &r4), 0);
	KUNIT_ASSERT_EQ(test, netflow_tmpl_add_record(&msg, &r6), 0);
	KUNIT_ASSERT_EQ(test, netflow_tmpl_add_record(&msg, &r4), 0);
	ctx.sequence = sequence;
	len = netflow_ipfix_finish(&msg, &ctx);
	KUNIT_EXPECT_EQ(test, msg.records, 5);
	KUNIT_EXPECT_EQ(test, msg.data_records, 3);
	KUNIT_EXPECT_EQ(test, get16(buf + 2), len);
	KUNIT_EXPECT_EQ(test, get16(buf + 8), 0xffff);
	KUNIT_EXPECT_EQ(test, get16(buf + 10), 0xfffe);
	/* 16 + (4 + 2 x 72) + (4 + 64) + (4 + 100) + (4 + 64) */
	KUNIT_EXPECT_EQ(test, len, 404);
	sequence += msg.data_records;

	buf = golden_buf(test, BUF_LEN);
	netflow_ipfix_begin(&msg, buf, BUF_LEN, BOOT_EPOCH_MS);
	KUNIT_ASSERT_EQ(test, netflow_tmpl_add_record(&msg, &r6), 0);
	ctx.sequence = sequence;
	netflow_ipfix_finish(&msg, &ctx);
	KUNIT_EXPECT_EQ(test, get16(buf + 8), 0x0000);
	KUNIT_EXPECT_EQ(test, get16(buf + 10), 0x0001);

	/* a message of templates only does not advance it */
	netflow_ipfix_begin(&msg, buf, BUF_LEN, BOOT_EPOCH_MS);
	KUNIT_ASSERT_EQ(test, netflow_tmpl_add_template(&msg, NETFLOW_TMPL_IPV4), 0);
	KUNIT_EXPECT_EQ(test, netflow_ipfix_finish(&msg, &ctx), 16 + 76);
	KUNIT_EXPECT_EQ(test, msg.data_records, 0);
}

/*
 * An options template record (6 + 4n octets) leaves its set 2 octets short
 * of a boundary: padded, counted in the set's and the message's length,
 * whether a set follows or it is the last.
 */
static void ipfix_options_template_set_padded(struct kunit *test)
{
	static const u8 opt_tmpl[14] = {
		0x01, 0x02, 0x00, 0x02, 0x00, 0x01,	/* 258, 2 fields, 1 scope */
		0x00, 0x95, 0x00, 0x04,			/* observationDomainId */
		0x00, 0x29, 0x00, 0x08,			/* exportedMessageTotalCount */
	};
	const u16 opt_set = netflow_tmpl_set_id(NETFLOW_TMPL_IPFIX, true);
	struct netflow_record rec = tcp4_flow();
	u8 *buf = golden_buf(test, BUF_LEN);
	struct netflow_msg msg;
	unsigned int len;
	void *p;

	netflow_ipfix_begin(&msg, buf, BUF_LEN, BOOT_EPOCH_MS);
	KUNIT_ASSERT_EQ(test, netflow_tmpl_reserve(&msg, opt_set, sizeof(opt_tmpl),
						   false, &p), 0);
	memcpy(p, opt_tmpl, sizeof(opt_tmpl));
	KUNIT_ASSERT_EQ(test, netflow_tmpl_add_record(&msg, &rec), 0);
	len = netflow_ipfix_finish(&msg, &golden_ctx);
	KUNIT_EXPECT_EQ(test, len, 16 + 20 + 68);
	KUNIT_EXPECT_EQ(test, get16(buf + 2), len);
	KUNIT_EXPECT_EQ(test, get16(buf + 16), 3);
	KUNIT_EXPECT_EQ(test, get16(buf + 18), 20);
	KUNIT_EXPECT_MEMEQ(test, buf + 20, opt_tmpl, sizeof(opt_tmpl));
	KUNIT_EXPECT_EQ(test, buf[34], 0);
	KUNIT_EXPECT_EQ(test, buf[35], 0);
	KUNIT_EXPECT_EQ(test, get16(buf + 36), 256);
	KUNIT_EXPECT_EQ(test, get16(buf + 38), 68);

	buf = golden_buf(test, BUF_LEN);
	netflow_ipfix_begin(&msg, buf, BUF_LEN, BOOT_EPOCH_MS);
	KUNIT_ASSERT_EQ(test, netflow_tmpl_reserve(&msg, opt_set, sizeof(opt_tmpl),
						   false, &p), 0);
	memcpy(p, opt_tmpl, sizeof(opt_tmpl));
	len = netflow_ipfix_finish(&msg, &golden_ctx);
	KUNIT_EXPECT_EQ(test, len, 36);
	KUNIT_EXPECT_EQ(test, get16(buf + 2), 36);
	KUNIT_EXPECT_EQ(test, get16(buf + 18), 20);
	KUNIT_EXPECT_EQ(test, buf[34], 0);
	KUNIT_EXPECT_EQ(test, buf[35], 0);
	golden_expect_untouched(test, buf + len, BUF_LEN - len);
}

/* Options data records count in the sequence, like flows. */
static void ipfix_options_data_counts(struct kunit *test)
{
	u8 *buf = golden_buf(test, BUF_LEN);
	struct netflow_msg msg;
	void *p;

	netflow_ipfix_begin(&msg, buf, BUF_LEN, BOOT_EPOCH_MS);
	KUNIT_EXPECT_EQ(test, netflow_tmpl_reserve(&msg, 258, 0, true, &p), -EINVAL);
	KUNIT_ASSERT_EQ(test, netflow_tmpl_reserve(&msg, 258, 5, true, &p), 0);
	memset(p, 0x11, 5);
	KUNIT_ASSERT_EQ(test, netflow_tmpl_reserve(&msg, 258, 5, true, &p), 0);
	memset(p, 0x22, 5);
	KUNIT_EXPECT_EQ(test, netflow_ipfix_finish(&msg, &golden_ctx), 16 + 16);
	KUNIT_EXPECT_EQ(test, msg.data_records, 2);
	KUNIT_EXPECT_EQ(test, get16(buf + 18), 16);
	KUNIT_EXPECT_EQ(test, buf[30], 0);
	KUNIT_EXPECT_EQ(test, buf[31], 0);
}

/*
 * The golden IPv4 message is 160 octets, with a second record 224: each
 * fits a capacity of exactly its size, one octet less refuses the record
 * with -ENOSPC and leaves the message as it was.
 */
static void ipfix_enospc_exact(struct kunit *test)
{
	struct netflow_record rec = tcp4_flow();
	u8 *buf = golden_buf(test, BUF_LEN);
	struct netflow_msg msg;
	unsigned int len;

	netflow_ipfix_begin(&msg, buf, 223, BOOT_EPOCH_MS);
	KUNIT_ASSERT_EQ(test, netflow_tmpl_add_template(&msg, NETFLOW_TMPL_IPV4), 0);
	KUNIT_ASSERT_EQ(test, netflow_tmpl_add_record(&msg, &rec), 0);
	KUNIT_EXPECT_EQ(test, netflow_tmpl_add_record(&msg, &rec), -ENOSPC);
	len = netflow_ipfix_finish(&msg, &golden_ctx);
	KUNIT_ASSERT_EQ(test, len, sizeof(golden_ipfix_ipv4));
	KUNIT_EXPECT_MEMEQ(test, buf, golden_ipfix_ipv4, len);
	golden_expect_untouched(test, buf + len, BUF_LEN - len);
	KUNIT_EXPECT_EQ(test, msg.data_records, 1);

	buf = golden_buf(test, BUF_LEN);
	netflow_ipfix_begin(&msg, buf, 224, BOOT_EPOCH_MS);
	KUNIT_ASSERT_EQ(test, netflow_tmpl_add_template(&msg, NETFLOW_TMPL_IPV4), 0);
	KUNIT_ASSERT_EQ(test, netflow_tmpl_add_record(&msg, &rec), 0);
	KUNIT_ASSERT_EQ(test, netflow_tmpl_add_record(&msg, &rec), 0);
	KUNIT_EXPECT_EQ(test, netflow_tmpl_add_record(&msg, &rec), -ENOSPC);
	len = netflow_ipfix_finish(&msg, &golden_ctx);
	KUNIT_EXPECT_EQ(test, len, 224);
	KUNIT_EXPECT_EQ(test, get16(buf + 2), 224);
	KUNIT_EXPECT_EQ(test, msg.data_records, 2);
	golden_expect_untouched(test, buf + len, BUF_LEN - len);

	/* the template wants room for a record after it: 160, not 92 */
	netflow_ipfix_begin(&msg, buf, 159, BOOT_EPOCH_MS);
	KUNIT_EXPECT_EQ(test, netflow_tmpl_add_template(&msg, NETFLOW_TMPL_IPV4),
			-EMSGSIZE);
	netflow_ipfix_begin(&msg, buf, 160, BOOT_EPOCH_MS);
	KUNIT_EXPECT_EQ(test, netflow_tmpl_add_template(&msg, NETFLOW_TMPL_IPV4), 0);
}

/* Filling a 1500-octet message: 23 records of 64 octets, then -ENOSPC. */
static void ipfix_fill_to_capacity(struct kunit *test)
{
	struct netflow_record rec = tcp4_flow();
	struct netflow_msg msg;
	unsigned int n = 0, len;
	int err;
	u8 *buf = kunit_kmalloc(test, 2048, GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, buf);
	memset(buf, GOLDEN_FILL, 2048);
	netflow_ipfix_begin(&msg, buf, 1500, BOOT_EPOCH_MS);
	for (;;) {
		err = netflow_tmpl_add_record(&msg, &rec);
		if (err)
			break;
		n++;
	}
	KUNIT_EXPECT_EQ(test, err, -ENOSPC);
	KUNIT_EXPECT_EQ(test, n, 23);
	len = netflow_ipfix_finish(&msg, &golden_ctx);
	KUNIT_EXPECT_EQ(test, len, 16 + 4 + 23 * 64);
	KUNIT_EXPECT_EQ(test, get16(buf + 2), len);
	KUNIT_EXPECT_EQ(test, get16(buf + 18), 4 + 23 * 64);
	golden_expect_untouched(test, buf + len, 2048 - len);
}

/* The length field is 16 bits: a larger capacity is cut to 65532. */
static void ipfix_capacity_limit(struct kunit *test)
{
	struct netflow_msg msg;
	u8 buf[4];

	netflow_ipfix_begin(&msg, buf, 100000, BOOT_EPOCH_MS);
	KUNIT_EXPECT_EQ(test, msg.cap, 65532);
	netflow_ipfix_begin(&msg, buf, 1499, BOOT_EPOCH_MS);
	KUNIT_EXPECT_EQ(test, msg.cap, 1496);
}

static void ipfix_empty_message_is_not_written(struct kunit *test)
{
	u8 *buf = golden_buf(test, BUF_LEN);
	struct netflow_msg msg;

	netflow_ipfix_begin(&msg, buf, BUF_LEN, BOOT_EPOCH_MS);
	KUNIT_EXPECT_EQ(test, netflow_ipfix_finish(&msg, &golden_ctx), 0);
	golden_expect_untouched(test, buf, BUF_LEN);
}

static struct kunit_case netflow_ipfix_cases[] = {
	KUNIT_CASE(ipfix_golden_ipv4),
	KUNIT_CASE(ipfix_golden_ipv6),
	KUNIT_CASE(ipfix_golden_data_only),
	KUNIT_CASE(ipfix_sequence_counts_data_records),
	KUNIT_CASE(ipfix_options_template_set_padded),
	KUNIT_CASE(ipfix_options_data_counts),
	KUNIT_CASE(ipfix_enospc_exact),
	KUNIT_CASE(ipfix_fill_to_capacity),
	KUNIT_CASE(ipfix_capacity_limit),
	KUNIT_CASE(ipfix_empty_message_is_not_written),
	{}
};

static struct kunit_suite netflow_ipfix_suite = {
	.name = "netflow_ipfix",
	.test_cases = netflow_ipfix_cases,
};

kunit_test_suite(netflow_ipfix_suite);
