// SPDX-License-Identifier: GPL-2.0
/* KUnit: NetFlow v5 packing against hand-assembled bytes. */
#include <kunit/test.h>
#include <linux/socket.h>

#include "v5.h"

static const struct netflow_v5_context golden_ctx = {
	.uptime_ms = 0x01020304,
	.unix_secs = 1764100000,	/* 0x692607a0 */
	.unix_nsecs = 123456789,	/* 0x075bcd15 */
	.flow_sequence = 4242,
	.engine_type = 0,
	.engine_id = 7,
	.sampling = 0,
};

static const u8 golden_header[24] = {
	0x00, 0x05, 0x00, 0x02,			/* version 5, 2 records */
	0x01, 0x02, 0x03, 0x04,			/* sysUptime */
	0x69, 0x26, 0x07, 0xa0,			/* unix_secs */
	0x07, 0x5b, 0xcd, 0x15,			/* unix_nsecs */
	0x00, 0x00, 0x10, 0x92,			/* flow_sequence */
	0x00, 0x07, 0x00, 0x00,			/* engine type, id, sampling */
};

static struct netflow_record golden_flow(void)
{
	struct netflow_record rec = {
		.key = {
			.family = AF_INET,
			.protocol = 17,
			.tos = 0x10,
			.src_port = cpu_to_be16(40000),
			.dst_port = cpu_to_be16(53),
			.in_ifindex = 3,
		},
		.out_ifindex = 4,
		.packets = 10,
		.bytes = 1280,
		.first_ms = 0x100001000ULL,	/* upper bits are cut */
		.last_ms = 0x100002000ULL,
		.tcp_flags = 0,
		.end_reason = NETFLOW_END_IDLE,
	};

	rec.key.src.ip = cpu_to_be32(0x0a010002);
	rec.key.dst.ip = cpu_to_be32(0x0a020002);
	rec.nexthop.ip = cpu_to_be32(0x0a020001);
	return rec;
}

static const u8 golden_record[48] = {
	10, 1, 0, 2,				/* src */
	10, 2, 0, 2,				/* dst */
	10, 2, 0, 1,				/* nexthop */
	0x00, 0x03, 0x00, 0x04,			/* input, output */
	0x00, 0x00, 0x00, 0x0a,			/* packets */
	0x00, 0x00, 0x05, 0x00,			/* octets */
	0x00, 0x00, 0x10, 0x00,			/* first */
	0x00, 0x00, 0x20, 0x00,			/* last */
	0x9c, 0x40, 0x00, 0x35,			/* ports 40000 -> 53 */
	0x00, 0x00, 17, 0x10,			/* pad, flags, proto, tos */
	0x00, 0x00, 0x00, 0x00,			/* src_as, dst_as */
	0x00, 0x00, 0x00, 0x00,			/* masks, pad */
};

static void v5_header_golden(struct kunit *test)
{
	u8 buf[24];

	memset(buf, 0xa5, sizeof(buf));
	netflow_v5_write_header(buf, &golden_ctx, 2);
	KUNIT_EXPECT_MEMEQ(test, buf, golden_header, sizeof(buf));
}

static void v5_record_golden(struct kunit *test)
{
	struct netflow_record rec = golden_flow();
	u8 buf[48];

	memset(buf, 0xa5, sizeof(buf));	/* every byte must be overwritten */
	KUNIT_ASSERT_EQ(test, netflow_v5_write_record(buf, &rec), 0);
	KUNIT_EXPECT_MEMEQ(test, buf, golden_record, sizeof(buf));
}

static void v5_record_saturates(struct kunit *test)
{
	struct netflow_record rec = golden_flow();
	struct netflow_v5_record *r;
	u8 buf[48];

	rec.packets = 0x100000001ULL;
	rec.bytes = 0x1ffffffffULL;
	rec.key.in_ifindex = 70000;
	rec.out_ifindex = 65535;
	KUNIT_ASSERT_EQ(test, netflow_v5_write_record(buf, &rec), 0);
	r = (struct netflow_v5_record *)buf;
	KUNIT_EXPECT_EQ(test, be32_to_cpu(r->packets), U32_MAX);
	KUNIT_EXPECT_EQ(test, be32_to_cpu(r->octets), U32_MAX);
	KUNIT_EXPECT_EQ(test, be16_to_cpu(r->input_if), U16_MAX);
	KUNIT_EXPECT_EQ(test, be16_to_cpu(r->output_if), U16_MAX);
}

static void v5_record_rejects_ipv6(struct kunit *test)
{
	struct netflow_record rec = golden_flow();
	u8 buf[48];

	rec.key.family = AF_INET6;
	KUNIT_EXPECT_EQ(test, netflow_v5_write_record(buf, &rec), -EAFNOSUPPORT);
}

static void v5_icmp_type_code_in_dst_port(struct kunit *test)
{
	struct netflow_record rec = golden_flow();
	u8 buf[48];

	rec.key.protocol = 1;
	rec.key.src_port = 0;
	rec.key.dst_port = cpu_to_be16(3 << 8 | 3);	/* port unreachable */
	KUNIT_ASSERT_EQ(test, netflow_v5_write_record(buf, &rec), 0);
	KUNIT_EXPECT_EQ(test, buf[32], 0);
	KUNIT_EXPECT_EQ(test, buf[33], 0);
	KUNIT_EXPECT_EQ(test, buf[34], 3);
	KUNIT_EXPECT_EQ(test, buf[35], 3);
	KUNIT_EXPECT_EQ(test, buf[38], 1);
}

static struct kunit_case netflow_v5_cases[] = {
	KUNIT_CASE(v5_header_golden),
	KUNIT_CASE(v5_record_golden),
	KUNIT_CASE(v5_record_saturates),
	KUNIT_CASE(v5_record_rejects_ipv6),
	KUNIT_CASE(v5_icmp_type_code_in_dst_port),
	{}
};

static struct kunit_suite netflow_v5_suite = {
	.name = "netflow_v5",
	.test_cases = netflow_v5_cases,
};

kunit_test_suite(netflow_v5_suite);
