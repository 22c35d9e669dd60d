// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: NAT event records (nel.c) against hand-assembled bytes: the v9
 * and IPFIX template 261 with one record of each NAT kind (source NAT as
 * SNAT or MASQUERADE make it, destination NAT, both), and the NetFlow v5
 * pseudo-records of the same events.
 */
#include <kunit/test.h>
#include <linux/string.h>

#include "golden.h"
#include "ipfix.h"
#include "nel.h"
#include "v5.h"
#include "v9.h"

#define BUF_LEN 512

/* 180 octets */
static const u8 golden_v9_nel[] = {
	0x00, 0x09, 0x00, 0x04,	/* version 9, count 4 */
	0x00, 0x01, 0x86, 0xa0,	/* sysUptime 100000 ms */
	0x65, 0x53, 0xf1, 0x01,	/* unix secs 1700000001 */
	0x00, 0x00, 0x00, 0x05,	/* sequence 5 */
	0x00, 0x00, 0x00, 0x07,	/* source id 7 */
	0x00, 0x00, 0x00, 0x34,	/* template set 0, length 52 */
	0x01, 0x05, 0x00, 0x0b,	/* template 261, 11 fields */
	0x01, 0x43, 0x00, 0x08,	/* observationTimeMilliseconds */
	0x00, 0x08, 0x00, 0x04,	/* sourceIPv4Address */
	0x00, 0x0c, 0x00, 0x04,	/* destinationIPv4Address */
	0x00, 0xe1, 0x00, 0x04,	/* postNATSourceIPv4Address */
	0x00, 0xe2, 0x00, 0x04,	/* postNATDestinationIPv4Address */
	0x00, 0x07, 0x00, 0x02,	/* sourceTransportPort */
	0x00, 0x0b, 0x00, 0x02,	/* destinationTransportPort */
	0x00, 0xe3, 0x00, 0x02,	/* postNAPTSourceTransportPort */
	0x00, 0xe4, 0x00, 0x02,	/* postNAPTDestinationTransportPort */
	0x00, 0x04, 0x00, 0x01,	/* protocolIdentifier */
	0x00, 0xe6, 0x00, 0x01,	/* natEvent */
	0x01, 0x05, 0x00, 0x6c,	/* data set 261, length 108 */
	/* SNAT: 10.1.0.2:41001 -> 10.2.0.2:6001 as 10.2.0.1:31001, UDP, create */
	0x00, 0x00, 0x01, 0x8b, 0xcf, 0xe5, 0x68, 0x7b,	/* time 1700000000123 ms */
	0x0a, 0x01, 0x00, 0x02, 0x0a, 0x02, 0x00, 0x02,	/* 10.1.0.2 -> 10.2.0.2 */
	0x0a, 0x02, 0x00, 0x01, 0x0a, 0x02, 0x00, 0x02,	/* post-NAT 10.2.0.1 -> 10.2.0.2 */
	0xa0, 0x29, 0x17, 0x71, 0x79, 0x19, 0x17, 0x71,	/* ports 41001 6001, post-NAT 31001 6001 */
	0x11, 0x04,	/* protocol 17, natEvent 4 */
	/* DNAT: 10.1.0.2:41003 -> 10.2.0.99:80 to 10.2.0.2:8080, TCP, delete */
	0x00, 0x00, 0x01, 0x8b, 0xcf, 0xe5, 0x69, 0xc8,	/* time 1700000000456 ms */
	0x0a, 0x01, 0x00, 0x02, 0x0a, 0x02, 0x00, 0x63,	/* 10.1.0.2 -> 10.2.0.99 */
	0x0a, 0x01, 0x00, 0x02, 0x0a, 0x02, 0x00, 0x02,	/* post-NAT 10.1.0.2 -> 10.2.0.2 */
	0xa0, 0x2b, 0x00, 0x50, 0xa0, 0x2b, 0x1f, 0x90,	/* ports 41003 80, post-NAT 41003 8080 */
	0x06, 0x05,	/* protocol 6, natEvent 5 */
	/* both: 10.1.0.2:41004 -> 10.2.0.98:53 as 10.2.0.1:31004 to 10.2.0.2:5353, UDP, create */
	0x00, 0x00, 0x01, 0x8b, 0xcf, 0xe5, 0x6b, 0x15,	/* time 1700000000789 ms */
	0x0a, 0x01, 0x00, 0x02, 0x0a, 0x02, 0x00, 0x62,	/* 10.1.0.2 -> 10.2.0.98 */
	0x0a, 0x02, 0x00, 0x01, 0x0a, 0x02, 0x00, 0x02,	/* post-NAT 10.2.0.1 -> 10.2.0.2 */
	0xa0, 0x2c, 0x00, 0x35, 0x79, 0x1c, 0x14, 0xe9,	/* ports 41004 53, post-NAT 31004 5353 */
	0x11, 0x04,	/* protocol 17, natEvent 4 */
	0x00, 0x00,	/* padding */
};

/* 176 octets */
static const u8 golden_ipfix_nel[] = {
	0x00, 0x0a, 0x00, 0xb0,	/* version 10, length 176 */
	0x65, 0x53, 0xf1, 0x01,	/* export time 1700000001 */
	0x00, 0x00, 0x00, 0x0c,	/* sequence 12 */
	0x00, 0x00, 0x00, 0x07,	/* domain 7 */
	0x00, 0x02, 0x00, 0x34,	/* template set 2, length 52 */
	0x01, 0x05, 0x00, 0x0b,	/* template 261, 11 fields */
	0x01, 0x43, 0x00, 0x08,	/* observationTimeMilliseconds */
	0x00, 0x08, 0x00, 0x04,	/* sourceIPv4Address */
	0x00, 0x0c, 0x00, 0x04,	/* destinationIPv4Address */
	0x00, 0xe1, 0x00, 0x04,	/* postNATSourceIPv4Address */
	0x00, 0xe2, 0x00, 0x04,	/* postNATDestinationIPv4Address */
	0x00, 0x07, 0x00, 0x02,	/* sourceTransportPort */
	0x00, 0x0b, 0x00, 0x02,	/* destinationTransportPort */
	0x00, 0xe3, 0x00, 0x02,	/* postNAPTSourceTransportPort */
	0x00, 0xe4, 0x00, 0x02,	/* postNAPTDestinationTransportPort */
	0x00, 0x04, 0x00, 0x01,	/* protocolIdentifier */
	0x00, 0xe6, 0x00, 0x01,	/* natEvent */
	0x01, 0x05, 0x00, 0x6c,	/* data set 261, length 108 */
	/* SNAT: 10.1.0.2:41001 -> 10.2.0.2:6001 as 10.2.0.1:31001, UDP, create */
	0x00, 0x00, 0x01, 0x8b, 0xcf, 0xe5, 0x68, 0x7b,	/* time 1700000000123 ms */
	0x0a, 0x01, 0x00, 0x02, 0x0a, 0x02, 0x00, 0x02,	/* 10.1.0.2 -> 10.2.0.2 */
	0x0a, 0x02, 0x00, 0x01, 0x0a, 0x02, 0x00, 0x02,	/* post-NAT 10.2.0.1 -> 10.2.0.2 */
	0xa0, 0x29, 0x17, 0x71, 0x79, 0x19, 0x17, 0x71,	/* ports 41001 6001, post-NAT 31001 6001 */
	0x11, 0x04,	/* protocol 17, natEvent 4 */
	/* DNAT: 10.1.0.2:41003 -> 10.2.0.99:80 to 10.2.0.2:8080, TCP, delete */
	0x00, 0x00, 0x01, 0x8b, 0xcf, 0xe5, 0x69, 0xc8,	/* time 1700000000456 ms */
	0x0a, 0x01, 0x00, 0x02, 0x0a, 0x02, 0x00, 0x63,	/* 10.1.0.2 -> 10.2.0.99 */
	0x0a, 0x01, 0x00, 0x02, 0x0a, 0x02, 0x00, 0x02,	/* post-NAT 10.1.0.2 -> 10.2.0.2 */
	0xa0, 0x2b, 0x00, 0x50, 0xa0, 0x2b, 0x1f, 0x90,	/* ports 41003 80, post-NAT 41003 8080 */
	0x06, 0x05,	/* protocol 6, natEvent 5 */
	/* both: 10.1.0.2:41004 -> 10.2.0.98:53 as 10.2.0.1:31004 to 10.2.0.2:5353, UDP, create */
	0x00, 0x00, 0x01, 0x8b, 0xcf, 0xe5, 0x6b, 0x15,	/* time 1700000000789 ms */
	0x0a, 0x01, 0x00, 0x02, 0x0a, 0x02, 0x00, 0x62,	/* 10.1.0.2 -> 10.2.0.98 */
	0x0a, 0x02, 0x00, 0x01, 0x0a, 0x02, 0x00, 0x02,	/* post-NAT 10.2.0.1 -> 10.2.0.2 */
	0xa0, 0x2c, 0x00, 0x35, 0x79, 0x1c, 0x14, 0xe9,	/* ports 41004 53, post-NAT 31004 5353 */
	0x11, 0x04,	/* protocol 17, natEvent 4 */
	0x00, 0x00,	/* padding */
};

/* boot at epoch ms 1699999000000: 4 pseudo-records */
static const u8 golden_v5_nel[][48] = {
	{
		/* SNAT: src side */
		0x0a, 0x01, 0x00, 0x02, 0x0a, 0x02, 0x00, 0x02,	/* 10.1.0.2 -> 10.2.0.2 */
		0x0a, 0x02, 0x00, 0x01,	/* nexthop 10.2.0.1 */
		0x00, 0x00, 0x00, 0x00,	/* input, output interface 0 */
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* packets 0, octets 0 */
		0x00, 0x0f, 0x42, 0xbb, 0x00, 0x0f, 0x42, 0xbb,	/* first = last = 1000123 */
		0xa0, 0x29, 0x17, 0x71,	/* ports 41001 -> 6001 */
		0x00, 0x12, 0x11, 0x00,	/* pad, flags 0x12, proto 17, tos */
		0x79, 0x19, 0x00, 0x00,	/* src_as 31001, dst_as 0 */
		0x00, 0x00, 0x00, 0x00,	/* masks, pad */
	},
	{
		/* DNAT: dst side */
		0x0a, 0x01, 0x00, 0x02, 0x0a, 0x02, 0x00, 0x02,	/* 10.1.0.2 -> 10.2.0.2 */
		0x0a, 0x02, 0x00, 0x63,	/* nexthop 10.2.0.99 */
		0x00, 0x00, 0x00, 0x00,	/* input, output interface 0 */
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* packets 0, octets 0 */
		0x00, 0x0f, 0x44, 0x08, 0x00, 0x0f, 0x44, 0x08,	/* first = last = 1000456 */
		0xa0, 0x2b, 0x1f, 0x90,	/* ports 41003 -> 8080 */
		0x00, 0x05, 0x06, 0x00,	/* pad, flags 0x05, proto 6, tos */
		0x00, 0x00, 0x00, 0x50,	/* src_as 0, dst_as 80 */
		0x00, 0x00, 0x00, 0x00,	/* masks, pad */
	},
	{
		/* both: src side */
		0x0a, 0x01, 0x00, 0x02, 0x0a, 0x02, 0x00, 0x02,	/* 10.1.0.2 -> 10.2.0.2 */
		0x0a, 0x02, 0x00, 0x01,	/* nexthop 10.2.0.1 */
		0x00, 0x00, 0x00, 0x00,	/* input, output interface 0 */
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* packets 0, octets 0 */
		0x00, 0x0f, 0x45, 0x55, 0x00, 0x0f, 0x45, 0x55,	/* first = last = 1000789 */
		0xa0, 0x2c, 0x14, 0xe9,	/* ports 41004 -> 5353 */
		0x00, 0x12, 0x11, 0x00,	/* pad, flags 0x12, proto 17, tos */
		0x79, 0x1c, 0x00, 0x00,	/* src_as 31004, dst_as 0 */
		0x00, 0x00, 0x00, 0x00,	/* masks, pad */
	},
	{
		/* both: dst side */
		0x0a, 0x01, 0x00, 0x02, 0x0a, 0x02, 0x00, 0x02,	/* 10.1.0.2 -> 10.2.0.2 */
		0x0a, 0x02, 0x00, 0x62,	/* nexthop 10.2.0.98 */
		0x00, 0x00, 0x00, 0x00,	/* input, output interface 0 */
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* packets 0, octets 0 */
		0x00, 0x0f, 0x45, 0x55, 0x00, 0x0f, 0x45, 0x55,	/* first = last = 1000789 */
		0xa0, 0x2c, 0x14, 0xe9,	/* ports 41004 -> 5353 */
		0x00, 0x12, 0x11, 0x00,	/* pad, flags 0x12, proto 17, tos */
		0x00, 0x00, 0x00, 0x35,	/* src_as 0, dst_as 53 */
		0x00, 0x00, 0x00, 0x00,	/* masks, pad */
	},
};

static const struct netflow_nat_event golden_events[] = {
	{	/* SNAT, create */
		.time_ms = 1700000000123ULL,
		.pre_src = cpu_to_be32(0x0a010002), .pre_dst = cpu_to_be32(0x0a020002),
		.post_src = cpu_to_be32(0x0a020001), .post_dst = cpu_to_be32(0x0a020002),
		.pre_sport = cpu_to_be16(41001), .pre_dport = cpu_to_be16(6001),
		.post_sport = cpu_to_be16(31001), .post_dport = cpu_to_be16(6001),
		.protocol = 17, .kind = NETFLOW_NAT_CREATE,
	},
	{	/* DNAT, delete */
		.time_ms = 1700000000456ULL,
		.pre_src = cpu_to_be32(0x0a010002), .pre_dst = cpu_to_be32(0x0a020063),
		.post_src = cpu_to_be32(0x0a010002), .post_dst = cpu_to_be32(0x0a020002),
		.pre_sport = cpu_to_be16(41003), .pre_dport = cpu_to_be16(80),
		.post_sport = cpu_to_be16(41003), .post_dport = cpu_to_be16(8080),
		.protocol = 6, .kind = NETFLOW_NAT_DELETE,
	},
	{	/* both, create */
		.time_ms = 1700000000789ULL,
		.pre_src = cpu_to_be32(0x0a010002), .pre_dst = cpu_to_be32(0x0a020062),
		.post_src = cpu_to_be32(0x0a020001), .post_dst = cpu_to_be32(0x0a020002),
		.pre_sport = cpu_to_be16(41004), .pre_dport = cpu_to_be16(53),
		.post_sport = cpu_to_be16(31004), .post_dport = cpu_to_be16(5353),
		.protocol = 17, .kind = NETFLOW_NAT_CREATE,
	},
};

#define GOLDEN_BOOT_EPOCH_MS 1699999000000ULL

static void add_golden(struct kunit *test, struct netflow_msg *msg)
{
	unsigned int i;

	KUNIT_ASSERT_EQ(test, netflow_nel_add_template(msg), 0);
	for (i = 0; i < ARRAY_SIZE(golden_events); i++)
		KUNIT_ASSERT_EQ(test, netflow_nel_add_record(msg, &golden_events[i],
							     false), 0);
}

static void nel_v9_golden(struct kunit *test)
{
	const struct netflow_v9_context ctx = {
		.uptime_ms = 100000,
		.unix_secs = 1700000001,
		.sequence = 5,
		.source_id = 7,
	};
	u8 *buf = golden_buf(test, BUF_LEN);
	struct netflow_msg msg;
	unsigned int len;

	netflow_v9_begin(&msg, buf, BUF_LEN);
	add_golden(test, &msg);
	len = netflow_v9_finish(&msg, &ctx);
	GOLDEN_EXPECT(test, buf, len, BUF_LEN, golden_v9_nel);
	/* v9 Count: the template and the NAT event records */
	KUNIT_EXPECT_EQ(test, msg.records, 4);
	KUNIT_EXPECT_EQ(test, msg.data_records, 3);
}

static void nel_ipfix_golden(struct kunit *test)
{
	const struct netflow_ipfix_context ctx = {
		.export_time = 1700000001,
		.sequence = 12,
		.domain_id = 7,
	};
	u8 *buf = golden_buf(test, BUF_LEN);
	struct netflow_msg msg;
	unsigned int len;

	netflow_ipfix_begin(&msg, buf, BUF_LEN, GOLDEN_BOOT_EPOCH_MS);
	add_golden(test, &msg);
	len = netflow_ipfix_finish(&msg, &ctx);
	GOLDEN_EXPECT(test, buf, len, BUF_LEN, golden_ipfix_nel);
	/* the IPFIX sequence number counts them: they are data records */
	KUNIT_EXPECT_EQ(test, msg.data_records, 3);
}

/* natevents-historic: the original module's 1 and 2, nothing else moves */
static void nel_historic_values(struct kunit *test)
{
	u8 now[34], old[34];
	unsigned int i;

	KUNIT_ASSERT_EQ(test, netflow_nel_record_size(), sizeof(now));
	for (i = 0; i < ARRAY_SIZE(golden_events); i++) {
		const struct netflow_nat_event *ev = &golden_events[i];
		bool create = ev->kind == NETFLOW_NAT_CREATE;

		memset(now, GOLDEN_FILL, sizeof(now));
		memset(old, GOLDEN_FILL, sizeof(old));
		netflow_nel_write_record(now, ev, false);
		netflow_nel_write_record(old, ev, true);
		KUNIT_EXPECT_EQ(test, now[33], create ? 4 : 5);
		KUNIT_EXPECT_EQ(test, old[33], create ? 1 : 2);
		KUNIT_EXPECT_MEMEQ(test, now, old, 33);
	}
}

static void nel_v5_golden(struct kunit *test)
{
	static const unsigned int counts[] = { 1, 1, 2 };
	struct netflow_v5_record r;
	unsigned int i, j, k = 0;

	for (i = 0; i < ARRAY_SIZE(golden_events); i++) {
		KUNIT_EXPECT_EQ(test, netflow_nel_v5_count(&golden_events[i]),
				counts[i]);
		for (j = 0; j < counts[i]; j++) {
			memset(&r, GOLDEN_FILL, sizeof(r));
			netflow_nel_v5_write(&r, &golden_events[i], j,
					     GOLDEN_BOOT_EPOCH_MS);
			KUNIT_ASSERT_LT(test, k, ARRAY_SIZE(golden_v5_nel));
			KUNIT_EXPECT_MEMEQ(test, &r, golden_v5_nel[k], sizeof(r));
			k++;
		}
	}
	KUNIT_EXPECT_EQ(test, k, ARRAY_SIZE(golden_v5_nel));
}

/* An address kept but a port remapped is a translation too (MASQUERADE). */
static void nel_v5_port_only(struct kunit *test)
{
	struct netflow_nat_event ev = golden_events[0];
	struct netflow_v5_record r;

	ev.post_src = ev.pre_src;
	KUNIT_EXPECT_EQ(test, netflow_nel_v5_count(&ev), 1);
	netflow_nel_v5_write(&r, &ev, 0, GOLDEN_BOOT_EPOCH_MS);
	KUNIT_EXPECT_EQ(test, r.nexthop, ev.pre_src);
	KUNIT_EXPECT_EQ(test, r.src_as, cpu_to_be16(31001));
	KUNIT_EXPECT_EQ(test, r.dst_as, 0);
}

/* The template goes in only with room for a record after it. */
static void nel_template_needs_room_for_a_record(struct kunit *test)
{
	/* v9 header 20, template set 52, data set header 4 + record 34 + 2 */
	const unsigned int need = 20 + 52 + 40;
	u8 *buf = golden_buf(test, BUF_LEN);
	struct netflow_msg msg;

	/* in an empty message: it could never fit */
	netflow_v9_begin(&msg, buf, need - 4);
	KUNIT_EXPECT_EQ(test, netflow_nel_add_template(&msg), -EMSGSIZE);
	KUNIT_EXPECT_EQ(test, msg.records, 0);
	netflow_v9_begin(&msg, buf, need);
	KUNIT_EXPECT_EQ(test, netflow_nel_add_template(&msg), 0);
	KUNIT_EXPECT_EQ(test, netflow_nel_add_record(&msg, &golden_events[0], false), 0);
	KUNIT_EXPECT_EQ(test, netflow_nel_add_record(&msg, &golden_events[1], false),
			-ENOSPC);
}

static struct kunit_case netflow_nel_cases[] = {
	KUNIT_CASE(nel_v9_golden),
	KUNIT_CASE(nel_ipfix_golden),
	KUNIT_CASE(nel_historic_values),
	KUNIT_CASE(nel_v5_golden),
	KUNIT_CASE(nel_v5_port_only),
	KUNIT_CASE(nel_template_needs_room_for_a_record),
	{}
};

static struct kunit_suite netflow_nel_suite = {
	.name = "netflow_nel",
	.test_cases = netflow_nel_cases,
};

kunit_test_suite(netflow_nel_suite);
