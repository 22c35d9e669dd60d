// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: NetFlow v9 export packets against hand-assembled bytes.
 *
 * The three golden packets form one stream (sequence 0, 1, 2), in this
 * order: golden_v9_ipv4, golden_v9_ipv6, golden_v9_data_only. tshark and
 * nfdump decode every field of it as intended and without a warning;
 * ci/tools/decode_golden.py, given this file and the three array names,
 * shows what they make of them.
 */
#include <kunit/test.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/socket.h>

#include "golden.h"
#include "v9.h"

#define BUF_LEN 512

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

/* Template, then one IPv4 TCP record: 156 octets. */
static const u8 golden_v9_ipv4[] = {
	0x00, 0x09, 0x00, 0x02,		/* version 9, count 2 */
	0x00, 0x01, 0x86, 0xa0,		/* sysUptime 100000 ms */
	0x65, 0x53, 0xf1, 0x00,		/* unix secs 1700000000 */
	0x00, 0x00, 0x00, 0x00,		/* sequence 0 */
	0x00, 0x00, 0x00, 0x07,		/* source id 7 */
	/* template FlowSet */
	0x00, 0x00, 0x00, 0x4c,		/* id 0, length 76 */
	0x01, 0x00, 0x00, 0x11,		/* template 256, 17 fields */
	0x00, 0x08, 0x00, 0x04,		/* IPV4_SRC_ADDR */
	0x00, 0x0c, 0x00, 0x04,		/* IPV4_DST_ADDR */
	0x00, 0x0f, 0x00, 0x04,		/* IPV4_NEXT_HOP */
	0x00, 0x0a, 0x00, 0x04,		/* INPUT_SNMP */
	0x00, 0x0e, 0x00, 0x04,		/* OUTPUT_SNMP */
	0x00, 0x02, 0x00, 0x08,		/* IN_PKTS */
	0x00, 0x01, 0x00, 0x08,		/* IN_BYTES */
	0x00, 0x16, 0x00, 0x04,		/* FIRST_SWITCHED */
	0x00, 0x15, 0x00, 0x04,		/* LAST_SWITCHED */
	0x00, 0x07, 0x00, 0x02,		/* L4_SRC_PORT */
	0x00, 0x0b, 0x00, 0x02,		/* L4_DST_PORT */
	0x00, 0x20, 0x00, 0x02,		/* ICMP_TYPE */
	0x00, 0x04, 0x00, 0x01,		/* PROTOCOL */
	0x00, 0x05, 0x00, 0x01,		/* SRC_TOS */
	0x00, 0x06, 0x00, 0x01,		/* TCP_FLAGS */
	0x00, 0x88, 0x00, 0x01,		/* flowEndReason */
	0x00, 0x3c, 0x00, 0x01,		/* IP_PROTOCOL_VERSION */
	/* data FlowSet */
	0x01, 0x00, 0x00, 0x3c,		/* template 256, length 60 */
	10, 1, 0, 2,			/* src */
	10, 2, 0, 2,			/* dst */
	10, 2, 0, 1,			/* next hop */
	0x00, 0x00, 0x00, 0x03,		/* input */
	0x00, 0x00, 0x00, 0x04,		/* output */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x2d, 0xc6, 0xc0,	/* 3000000 packets */
	0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00,	/* 4294968576 octets */
	0x00, 0x01, 0x5f, 0x90,		/* first 90000 */
	0x00, 0x01, 0x73, 0x18,		/* last 95000 */
	0x9c, 0x40, 0x01, 0xbb,		/* ports 40000 -> 443 */
	0x00, 0x00,			/* ICMP type/code: not ICMP */
	6, 0x10, 0x1b,			/* TCP, TOS, flags FIN SYN PSH ACK */
	1, 4,				/* idle timeout, IPv4 */
	0x00,				/* padding */
};

/* Template, then one ICMPv6 record: 192 octets. */
static const u8 golden_v9_ipv6[] = {
	0x00, 0x09, 0x00, 0x02,		/* version 9, count 2 */
	0x00, 0x01, 0x86, 0xa0,		/* sysUptime 100000 ms */
	0x65, 0x53, 0xf1, 0x00,		/* unix secs 1700000000 */
	0x00, 0x00, 0x00, 0x01,		/* sequence 1 */
	0x00, 0x00, 0x00, 0x07,		/* source id 7 */
	/* template FlowSet */
	0x00, 0x00, 0x00, 0x4c,		/* id 0, length 76 */
	0x01, 0x01, 0x00, 0x11,		/* template 257, 17 fields */
	0x00, 0x1b, 0x00, 0x10,		/* IPV6_SRC_ADDR */
	0x00, 0x1c, 0x00, 0x10,		/* IPV6_DST_ADDR */
	0x00, 0x3e, 0x00, 0x10,		/* IPV6_NEXT_HOP */
	0x00, 0x0a, 0x00, 0x04,		/* INPUT_SNMP */
	0x00, 0x0e, 0x00, 0x04,		/* OUTPUT_SNMP */
	0x00, 0x02, 0x00, 0x08,		/* IN_PKTS */
	0x00, 0x01, 0x00, 0x08,		/* IN_BYTES */
	0x00, 0x16, 0x00, 0x04,		/* FIRST_SWITCHED */
	0x00, 0x15, 0x00, 0x04,		/* LAST_SWITCHED */
	0x00, 0x07, 0x00, 0x02,		/* L4_SRC_PORT */
	0x00, 0x0b, 0x00, 0x02,		/* L4_DST_PORT */
	0x00, 0x20, 0x00, 0x02,		/* ICMP_TYPE, for IPv6 too */
	0x00, 0x04, 0x00, 0x01,		/* PROTOCOL */
	0x00, 0x05, 0x00, 0x01,		/* SRC_TOS */
	0x00, 0x06, 0x00, 0x01,		/* TCP_FLAGS */
	0x00, 0x88, 0x00, 0x01,		/* flowEndReason */
	0x00, 0x3c, 0x00, 0x01,		/* IP_PROTOCOL_VERSION */
	/* data FlowSet */
	0x01, 0x01, 0x00, 0x60,		/* template 257, length 96 */
	0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00,	/* src 2001:db8::2 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02,
	0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01, 0x00, 0x00,	/* dst 2001:db8:1::2 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02,
	0xfe, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* next hop fe80::1 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
	0x00, 0x00, 0x00, 0x03,		/* input */
	0x00, 0x00, 0x00, 0x04,		/* output */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04,	/* 4 packets */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0xa0,	/* 416 octets */
	0x00, 0x01, 0x63, 0x78,		/* first 91000 */
	0x00, 0x01, 0x6f, 0x30,		/* last 94000 */
	0x00, 0x00, 0x80, 0x00,		/* ports 0 -> 128 * 256 + 0 */
	0x80, 0x00,			/* ICMP type 128 (echo request), code 0 */
	58, 0x00, 0x00,			/* ICMPv6, TOS, flags */
	2, 6,				/* active timeout, IPv6 */
	0x00,				/* padding */
};

/* A data FlowSet alone (its template went out before): 80 octets. */
static const u8 golden_v9_data_only[] = {
	0x00, 0x09, 0x00, 0x01,		/* version 9, count 1 */
	0x00, 0x01, 0x88, 0x94,		/* sysUptime 100500 ms */
	0x65, 0x53, 0xf1, 0x00,		/* unix secs 1700000000 */
	0x00, 0x00, 0x00, 0x02,		/* sequence 2 */
	0x00, 0x00, 0x00, 0x07,		/* source id 7 */
	0x01, 0x00, 0x00, 0x3c,		/* template 256, length 60 */
	10, 2, 0, 2,			/* src */
	10, 1, 0, 2,			/* dst */
	10, 1, 0, 1,			/* next hop */
	0x00, 0x00, 0x00, 0x04,		/* input */
	0x00, 0x00, 0x00, 0x03,		/* output */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,	/* 1 packet */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x38,	/* 56 octets */
	0x00, 0x01, 0x82, 0xb8,		/* first 99000 */
	0x00, 0x01, 0x82, 0xb8,		/* last 99000 */
	0x00, 0x00, 0x03, 0x03,		/* ports 0 -> 3 * 256 + 3 */
	0x03, 0x03,			/* ICMP type 3 code 3 (port unreachable) */
	1, 0xc0, 0x00,			/* ICMP, TOS, flags */
	4, 4,				/* forced end, IPv4 */
	0x00,				/* padding */
};

static const struct netflow_v9_context golden_ctx = {
	.uptime_ms = 100000,
	.unix_secs = 1700000000,
	.sequence = 0,
	.source_id = 7,
};

static void v9_golden_ipv4(struct kunit *test)
{
	struct netflow_record rec = tcp4_flow();
	u8 *buf = golden_buf(test, BUF_LEN);
	struct netflow_msg msg;
	unsigned int len;

	netflow_v9_begin(&msg, buf, 1500);
	KUNIT_ASSERT_EQ(test, netflow_tmpl_add_template(&msg, NETFLOW_TMPL_IPV4), 0);
	KUNIT_ASSERT_EQ(test, netflow_tmpl_add_record(&msg, &rec), 0);
	len = netflow_v9_finish(&msg, &golden_ctx);
	KUNIT_ASSERT_EQ(test, len, sizeof(golden_v9_ipv4));
	KUNIT_EXPECT_MEMEQ(test, buf, golden_v9_ipv4, len);
	golden_expect_untouched(test, buf + len, BUF_LEN - len);
	KUNIT_EXPECT_EQ(test, msg.records, 2);
	KUNIT_EXPECT_EQ(test, msg.data_records, 1);
}

static void v9_golden_ipv6(struct kunit *test)
{
	struct netflow_v9_context ctx = golden_ctx;
	struct netflow_record rec = icmp6_flow();
	u8 *buf = golden_buf(test, BUF_LEN);
	struct netflow_msg msg;
	unsigned int len;

	ctx.sequence = 1;
	netflow_v9_begin(&msg, buf, 1500);
	KUNIT_ASSERT_EQ(test, netflow_tmpl_add_template(&msg, NETFLOW_TMPL_IPV6), 0);
	KUNIT_ASSERT_EQ(test, netflow_tmpl_add_record(&msg, &rec), 0);
	len = netflow_v9_finish(&msg, &ctx);
	KUNIT_ASSERT_EQ(test, len, sizeof(golden_v9_ipv6));
	KUNIT_EXPECT_MEMEQ(test, buf, golden_v9_ipv6, len);
	golden_expect_untouched(test, buf + len, BUF_LEN - len);
}

static void v9_golden_data_only(struct kunit *test)
{
	struct netflow_v9_context ctx = golden_ctx;
	struct netflow_record rec = icmp4_flow();
	u8 *buf = golden_buf(test, BUF_LEN);
	struct netflow_msg msg;
	unsigned int len;

	ctx.uptime_ms = 100500;
	ctx.sequence = 2;
	netflow_v9_begin(&msg, buf, 1500);
	KUNIT_ASSERT_EQ(test, netflow_tmpl_add_record(&msg, &rec), 0);
	len = netflow_v9_finish(&msg, &ctx);
	KUNIT_ASSERT_EQ(test, len, sizeof(golden_v9_data_only));
	KUNIT_EXPECT_MEMEQ(test, buf, golden_v9_data_only, len);
	golden_expect_untouched(test, buf + len, BUF_LEN - len);
}

static u16 get16(const u8 *p)
{
	return p[0] << 8 | p[1];
}

/*
 * RFC 3954 §5.1: count is every record, template records included. Both
 * templates share one template FlowSet; a data FlowSet is continued while
 * the template stays the same, and a new one opened when it changes.
 */
static void v9_count_and_sets(struct kunit *test)
{
	struct netflow_record r4 = tcp4_flow(), r6 = icmp6_flow();
	u8 *buf = golden_buf(test, BUF_LEN);
	struct netflow_msg msg;
	unsigned int len, off;

	netflow_v9_begin(&msg, buf, BUF_LEN);
	KUNIT_ASSERT_EQ(test, netflow_tmpl_add_template(&msg, NETFLOW_TMPL_IPV4), 0);
	KUNIT_ASSERT_EQ(test, netflow_tmpl_add_template(&msg, NETFLOW_TMPL_IPV6), 0);
	KUNIT_ASSERT_EQ(test, netflow_tmpl_add_record(&msg, &r4), 0);
	KUNIT_ASSERT_EQ(test, netflow_tmpl_add_record(&msg, &r4), 0);
	KUNIT_ASSERT_EQ(test, netflow_tmpl_add_record(&msg, &r6), 0);
	KUNIT_ASSERT_EQ(test, netflow_tmpl_add_record(&msg, &r4), 0);
	len = netflow_v9_finish(&msg, &golden_ctx);
	KUNIT_EXPECT_EQ(test, msg.records, 6);
	KUNIT_EXPECT_EQ(test, msg.data_records, 4);
	KUNIT_EXPECT_EQ(test, get16(buf + 2), 6);

	off = sizeof(struct netflow_v9_header);
	KUNIT_EXPECT_EQ(test, get16(buf + off), 0);		/* templates */
	KUNIT_EXPECT_EQ(test, get16(buf + off + 2), 4 + 72 + 72);
	off += 4 + 72 + 72;
	KUNIT_EXPECT_EQ(test, get16(buf + off), 256);	/* 2 x 55 + 2 */
	KUNIT_EXPECT_EQ(test, get16(buf + off + 2), 4 + 110 + 2);
	off += 4 + 110 + 2;
	KUNIT_EXPECT_EQ(test, get16(buf + off), 257);	/* 91 + 1 */
	KUNIT_EXPECT_EQ(test, get16(buf + off + 2), 4 + 91 + 1);
	off += 4 + 91 + 1;
	KUNIT_EXPECT_EQ(test, get16(buf + off), 256);	/* 55 + 1 */
	KUNIT_EXPECT_EQ(test, get16(buf + off + 2), 4 + 55 + 1);
	off += 4 + 55 + 1;
	KUNIT_EXPECT_EQ(test, len, off);
	golden_expect_untouched(test, buf + len, BUF_LEN - len);
}

/* A data FlowSet of n 55-octet records is padded with 4 - 55n % 4 zeroes. */
static void v9_data_set_padding(struct kunit *test)
{
	struct netflow_record rec = tcp4_flow();
	unsigned int n, i, len, set_len, pad;
	u8 *buf;
	struct netflow_msg msg;

	for (n = 1; n <= 4; n++) {
		buf = golden_buf(test, BUF_LEN);
		netflow_v9_begin(&msg, buf, BUF_LEN);
		for (i = 0; i < n; i++)
			KUNIT_ASSERT_EQ(test, netflow_tmpl_add_record(&msg, &rec), 0);
		len = netflow_v9_finish(&msg, &golden_ctx);
		pad = (4 - 55 * n % 4) % 4;
		set_len = 4 + 55 * n + pad;
		KUNIT_EXPECT_EQ(test, get16(buf + 22), set_len);
		KUNIT_EXPECT_EQ(test, len, 20 + set_len);
		KUNIT_EXPECT_EQ(test, len % 4, 0);
		for (i = len - pad; i < len; i++)
			KUNIT_EXPECT_EQ(test, buf[i], 0);
		golden_expect_untouched(test, buf + len, BUF_LEN - len);
	}
}

/*
 * An options template record (6 + 4n octets in v9) leaves its FlowSet 2
 * octets short of a boundary: the set is padded like any other, also
 * when a data set follows.
 */
static void v9_options_template_set_padded(struct kunit *test)
{
	static const u8 opt_tmpl[14] = {
		0x01, 0x02, 0x00, 0x04, 0x00, 0x04,	/* 258, 1 scope, 1 field */
		0x00, 0x01, 0x00, 0x04,			/* scope System, 4 */
		0x00, 0x29, 0x00, 0x08,			/* exported packets, 8 */
	};
	const u16 opt_set = netflow_tmpl_set_id(NETFLOW_TMPL_V9, true);
	struct netflow_record rec = tcp4_flow();
	u8 *buf = golden_buf(test, BUF_LEN);
	struct netflow_msg msg;
	unsigned int len;
	void *p;

	netflow_v9_begin(&msg, buf, BUF_LEN);
	KUNIT_ASSERT_EQ(test, netflow_tmpl_reserve(&msg, opt_set, sizeof(opt_tmpl),
						   false, &p), 0);
	memcpy(p, opt_tmpl, sizeof(opt_tmpl));
	KUNIT_ASSERT_EQ(test, netflow_tmpl_add_record(&msg, &rec), 0);
	len = netflow_v9_finish(&msg, &golden_ctx);
	KUNIT_EXPECT_EQ(test, get16(buf + 20), 1);
	KUNIT_EXPECT_EQ(test, get16(buf + 22), 4 + 14 + 2);
	KUNIT_EXPECT_MEMEQ(test, buf + 24, opt_tmpl, sizeof(opt_tmpl));
	KUNIT_EXPECT_EQ(test, buf[38], 0);
	KUNIT_EXPECT_EQ(test, buf[39], 0);
	KUNIT_EXPECT_EQ(test, get16(buf + 40), 256);
	KUNIT_EXPECT_EQ(test, len, 20 + 20 + 60);
	KUNIT_EXPECT_EQ(test, get16(buf + 2), 2);
	KUNIT_EXPECT_EQ(test, msg.data_records, 1);

	/* the last set, an options template set alone */
	buf = golden_buf(test, BUF_LEN);
	netflow_v9_begin(&msg, buf, BUF_LEN);
	KUNIT_ASSERT_EQ(test, netflow_tmpl_reserve(&msg, opt_set, sizeof(opt_tmpl),
						   false, &p), 0);
	memcpy(p, opt_tmpl, sizeof(opt_tmpl));
	len = netflow_v9_finish(&msg, &golden_ctx);
	KUNIT_EXPECT_EQ(test, len, 20 + 20);
	KUNIT_EXPECT_EQ(test, get16(buf + 22), 20);
	KUNIT_EXPECT_EQ(test, buf[38], 0);
	KUNIT_EXPECT_EQ(test, buf[39], 0);
	KUNIT_EXPECT_EQ(test, msg.data_records, 0);
	golden_expect_untouched(test, buf + len, BUF_LEN - len);
}

/*
 * The golden IPv4 packet is 156 octets; a second record makes it 20 + 76 +
 * 4 + 110 + 2 = 212. Each fits a capacity of exactly its size, and the
 * next record is refused with -ENOSPC, leaving the packet as it was.
 */
static void v9_enospc_exact(struct kunit *test)
{
	struct netflow_record rec = tcp4_flow();
	u8 *buf = golden_buf(test, BUF_LEN);
	struct netflow_msg msg;
	unsigned int len;

	netflow_v9_begin(&msg, buf, 156);
	KUNIT_ASSERT_EQ(test, netflow_tmpl_add_template(&msg, NETFLOW_TMPL_IPV4), 0);
	KUNIT_ASSERT_EQ(test, netflow_tmpl_add_record(&msg, &rec), 0);
	KUNIT_EXPECT_EQ(test, netflow_tmpl_add_record(&msg, &rec), -ENOSPC);
	KUNIT_EXPECT_EQ(test, netflow_tmpl_add_template(&msg, NETFLOW_TMPL_IPV6),
			-ENOSPC);
	len = netflow_v9_finish(&msg, &golden_ctx);
	KUNIT_ASSERT_EQ(test, len, sizeof(golden_v9_ipv4));
	KUNIT_EXPECT_MEMEQ(test, buf, golden_v9_ipv4, len);
	golden_expect_untouched(test, buf + len, BUF_LEN - len);
	KUNIT_EXPECT_EQ(test, msg.records, 2);

	/* 211 rounds down to 208: the second record's padding would not fit */
	buf = golden_buf(test, BUF_LEN);
	netflow_v9_begin(&msg, buf, 211);
	KUNIT_ASSERT_EQ(test, netflow_tmpl_add_template(&msg, NETFLOW_TMPL_IPV4), 0);
	KUNIT_ASSERT_EQ(test, netflow_tmpl_add_record(&msg, &rec), 0);
	KUNIT_EXPECT_EQ(test, netflow_tmpl_add_record(&msg, &rec), -ENOSPC);
	KUNIT_EXPECT_EQ(test, netflow_v9_finish(&msg, &golden_ctx), 156);

	buf = golden_buf(test, BUF_LEN);
	netflow_v9_begin(&msg, buf, 212);
	KUNIT_ASSERT_EQ(test, netflow_tmpl_add_template(&msg, NETFLOW_TMPL_IPV4), 0);
	KUNIT_ASSERT_EQ(test, netflow_tmpl_add_record(&msg, &rec), 0);
	KUNIT_ASSERT_EQ(test, netflow_tmpl_add_record(&msg, &rec), 0);
	KUNIT_EXPECT_EQ(test, netflow_tmpl_add_record(&msg, &rec), -ENOSPC);
	KUNIT_EXPECT_EQ(test, netflow_v9_finish(&msg, &golden_ctx), 212);
	golden_expect_untouched(test, buf + 212, BUF_LEN - 212);
}

/*
 * A template is only added with room for one of its records after it:
 * 20 + 76 + 4 + 91 + 1 = 192 for IPv6. With less it is refused even
 * though the template record alone would fit; in an empty packet that is
 * -EMSGSIZE (it can never fit), otherwise -ENOSPC.
 */
static void v9_template_needs_room_for_a_record(struct kunit *test)
{
	struct netflow_record r4 = tcp4_flow();
	u8 *buf = golden_buf(test, BUF_LEN);
	struct netflow_msg msg;

	netflow_v9_begin(&msg, buf, 191);
	KUNIT_EXPECT_EQ(test, netflow_tmpl_add_template(&msg, NETFLOW_TMPL_IPV6),
			-EMSGSIZE);
	KUNIT_EXPECT_EQ(test, netflow_v9_finish(&msg, &golden_ctx), 0);
	golden_expect_untouched(test, buf, BUF_LEN);

	netflow_v9_begin(&msg, buf, 192);
	KUNIT_EXPECT_EQ(test, netflow_tmpl_add_template(&msg, NETFLOW_TMPL_IPV6), 0);
	KUNIT_EXPECT_EQ(test, netflow_v9_finish(&msg, &golden_ctx), 20 + 76);

	/* after the 80-octet data-only packet: 80 + 76 + 96 = 252 */
	netflow_v9_begin(&msg, buf, 251);
	KUNIT_ASSERT_EQ(test, netflow_tmpl_add_record(&msg, &r4), 0);
	KUNIT_EXPECT_EQ(test, netflow_tmpl_add_template(&msg, NETFLOW_TMPL_IPV6),
			-ENOSPC);
	netflow_v9_begin(&msg, buf, 252);
	KUNIT_ASSERT_EQ(test, netflow_tmpl_add_record(&msg, &r4), 0);
	KUNIT_EXPECT_EQ(test, netflow_tmpl_add_template(&msg, NETFLOW_TMPL_IPV6), 0);
}

static void v9_record_never_fits(struct kunit *test)
{
	struct netflow_record rec = icmp6_flow();
	u8 *buf = golden_buf(test, BUF_LEN);
	struct netflow_msg msg;

	netflow_v9_begin(&msg, buf, 20 + 4 + 92 - 1);
	KUNIT_EXPECT_EQ(test, netflow_tmpl_add_record(&msg, &rec), -EMSGSIZE);
	netflow_v9_begin(&msg, buf, 20 + 4 + 92);
	KUNIT_EXPECT_EQ(test, netflow_tmpl_add_record(&msg, &rec), 0);
	KUNIT_EXPECT_EQ(test, netflow_v9_finish(&msg, &golden_ctx), 116);

	netflow_v9_begin(&msg, buf, 0);
	KUNIT_EXPECT_EQ(test, netflow_tmpl_add_record(&msg, &rec), -EMSGSIZE);
	KUNIT_EXPECT_EQ(test, netflow_v9_finish(&msg, &golden_ctx), 0);
}

static void v9_empty_packet_is_not_written(struct kunit *test)
{
	u8 *buf = golden_buf(test, BUF_LEN);
	struct netflow_msg msg;

	netflow_v9_begin(&msg, buf, BUF_LEN);
	KUNIT_EXPECT_EQ(test, netflow_v9_finish(&msg, &golden_ctx), 0);
	golden_expect_untouched(test, buf, BUF_LEN);
}

static void v9_rejects_unknown_family(struct kunit *test)
{
	struct netflow_record rec = tcp4_flow();
	u8 *buf = golden_buf(test, BUF_LEN);
	struct netflow_msg msg;

	rec.key.family = AF_UNSPEC;
	netflow_v9_begin(&msg, buf, BUF_LEN);
	KUNIT_EXPECT_EQ(test, netflow_tmpl_add_record(&msg, &rec), -EAFNOSUPPORT);
	KUNIT_EXPECT_EQ(test, netflow_v9_finish(&msg, &golden_ctx), 0);
	golden_expect_untouched(test, buf, BUF_LEN);
}

/* The header carries what the caller says; sequence counts packets. */
static void v9_header_fields(struct kunit *test)
{
	static const u8 header[20] = {
		0x00, 0x09, 0x00, 0x03,		/* version, count 3 */
		0xff, 0xff, 0xff, 0xfe,		/* sysUptime */
		0x80, 0x00, 0x00, 0x01,		/* unix secs */
		0xde, 0xad, 0xbe, 0xef,		/* sequence */
		0x12, 0x34, 0x56, 0x78,		/* source id */
	};
	const struct netflow_v9_context ctx = {
		.uptime_ms = 0xfffffffe,
		.unix_secs = 0x80000001,
		.sequence = 0xdeadbeef,
		.source_id = 0x12345678,
	};
	struct netflow_record rec = icmp4_flow();
	u8 *buf = golden_buf(test, BUF_LEN);
	struct netflow_msg msg;

	netflow_v9_begin(&msg, buf, BUF_LEN);
	KUNIT_ASSERT_EQ(test, netflow_tmpl_add_record(&msg, &rec), 0);
	KUNIT_ASSERT_EQ(test, netflow_tmpl_add_record(&msg, &rec), 0);
	KUNIT_ASSERT_EQ(test, netflow_tmpl_add_record(&msg, &rec), 0);
	netflow_v9_finish(&msg, &ctx);
	KUNIT_EXPECT_MEMEQ(test, buf, header, sizeof(header));
}

/* sysUptime stamps are 32 bits in v9 and wrap as sysUptime does. */
static void v9_uptime_wraps(struct kunit *test)
{
	struct netflow_record rec = tcp4_flow();
	u8 *buf = golden_buf(test, BUF_LEN);
	struct netflow_msg msg;
	u8 *r = buf + 24;

	rec.first_ms = 0x100001000ULL;
	rec.last_ms = 0x1fffffffeULL;
	netflow_v9_begin(&msg, buf, BUF_LEN);
	KUNIT_ASSERT_EQ(test, netflow_tmpl_add_record(&msg, &rec), 0);
	netflow_v9_finish(&msg, &golden_ctx);
	KUNIT_EXPECT_EQ(test, get16(r + 36), 0x0000);
	KUNIT_EXPECT_EQ(test, get16(r + 38), 0x1000);
	KUNIT_EXPECT_EQ(test, get16(r + 40), 0xffff);
	KUNIT_EXPECT_EQ(test, get16(r + 42), 0xfffe);
}

static struct kunit_case netflow_v9_cases[] = {
	KUNIT_CASE(v9_golden_ipv4),
	KUNIT_CASE(v9_golden_ipv6),
	KUNIT_CASE(v9_golden_data_only),
	KUNIT_CASE(v9_count_and_sets),
	KUNIT_CASE(v9_data_set_padding),
	KUNIT_CASE(v9_options_template_set_padded),
	KUNIT_CASE(v9_enospc_exact),
	KUNIT_CASE(v9_template_needs_room_for_a_record),
	KUNIT_CASE(v9_record_never_fits),
	KUNIT_CASE(v9_empty_packet_is_not_written),
	KUNIT_CASE(v9_rejects_unknown_family),
	KUNIT_CASE(v9_header_fields),
	KUNIT_CASE(v9_uptime_wraps),
	{}
};

static struct kunit_suite netflow_v9_suite = {
	.name = "netflow_v9",
	.test_cases = netflow_v9_cases,
};

kunit_test_suite(netflow_v9_suite);
