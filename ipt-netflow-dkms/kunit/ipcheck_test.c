// SPDX-License-Identifier: GPL-2.0
/* KUnit: the IP header checks made before the promisc PREROUTING hook. */
#include <kunit/test.h>
#include <linux/string.h>

#include "ipcheck.h"

/* 192.168.0.1 -> 192.168.0.199, UDP, total length 115, checksum b861 */
static const u8 v4[20] = {
	0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11,
	0xb8, 0x61, 0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7,
};

/* the same with IHL 6 (one option word), total length 32 */
static const u8 v4_options[24] = {
	0x46, 0x00, 0x00, 0x20, 0xab, 0xcd, 0x00, 0x00, 0x40, 0x06,
	0x49, 0xf1, 0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7,
	0x01, 0x01, 0x01, 0x00,
};

/* fd00::1 -> fd00::2, UDP, payload length 8 */
static const u8 v6[40] = {
	0x60, 0, 0, 0, 0, 8, 17, 64,
	0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
	0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2,
};

struct byte_set {
	u8 offset, value;
};

/* A header: @base with up to three octets changed. */
struct ip_case {
	const char *name;
	const u8 *base;
	unsigned int base_len;
	struct byte_set set[3];
	unsigned int nr_set;
	unsigned int len;
	unsigned int version;
	enum netflow_ip_verdict verdict;
	unsigned int hdr_len, ip_len;	/* when NETFLOW_IP_OK */
};

static const struct ip_case cases[] = {
	{ "v4_exact", v4, sizeof(v4), {}, 0, 115, 4, NETFLOW_IP_OK, 20, 115 },
	{ "v4_padded", v4, sizeof(v4), {}, 0, 200, 4, NETFLOW_IP_OK, 20, 115 },
	{ "v4_options", v4_options, sizeof(v4_options), {}, 0, 32, 4, NETFLOW_IP_OK, 24, 32 },
	/* total length 20, checksum b8c0 */
	{ "v4_header_only", v4, sizeof(v4), { { 3, 0x14 }, { 11, 0xc0 } }, 2, 20, 4,
	  NETFLOW_IP_OK, 20, 20 },
	/* total length 65535, checksum b8d4: the sum carries */
	{ "v4_carries", v4, sizeof(v4), { { 2, 0xff }, { 3, 0xff }, { 11, 0xd4 } }, 3, 65535, 4,
	  NETFLOW_IP_OK, 20, 65535 },
	{ "v4_empty", v4, sizeof(v4), {}, 0, 0, 4, NETFLOW_IP_TRUNCATED },
	{ "v4_short", v4, sizeof(v4), {}, 0, 19, 4, NETFLOW_IP_TRUNCATED },
	{ "v4_options_cut", v4_options, sizeof(v4_options), {}, 0, 22, 4, NETFLOW_IP_TRUNCATED },
	{ "v4_version5", v4, sizeof(v4), { { 0, 0x55 }, { 10, 0xa8 } }, 2, 115, 4,
	  NETFLOW_IP_BAD_HEADER },
	{ "v4_ihl4", v4, sizeof(v4), { { 0, 0x44 }, { 10, 0xb9 } }, 2, 115, 4,
	  NETFLOW_IP_BAD_HEADER },
	{ "v4_is_v6", v6, sizeof(v6), {}, 0, 48, 4, NETFLOW_IP_BAD_HEADER },
	{ "v4_checksum", v4, sizeof(v4), { { 11, 0x62 } }, 1, 115, 4, NETFLOW_IP_BAD_CHECKSUM },
	{ "v4_checksum_zero", v4, sizeof(v4), { { 10, 0 }, { 11, 0 } }, 2, 115, 4,
	  NETFLOW_IP_BAD_CHECKSUM },
	{ "v4_total_past_frame", v4, sizeof(v4), {}, 0, 114, 4, NETFLOW_IP_BAD_LENGTH },
	/* total length 19, checksum b8c1 */
	{ "v4_total_in_header", v4, sizeof(v4), { { 3, 0x13 }, { 11, 0xc1 } }, 2, 115, 4,
	  NETFLOW_IP_BAD_LENGTH },
	{ "v6_exact", v6, sizeof(v6), {}, 0, 48, 6, NETFLOW_IP_OK, 40, 48 },
	{ "v6_padded", v6, sizeof(v6), {}, 0, 60, 6, NETFLOW_IP_OK, 40, 48 },
	{ "v6_no_payload", v6, sizeof(v6), { { 1, 0xff }, { 5, 0 }, { 6, 59 } }, 3, 40, 6,
	  NETFLOW_IP_OK, 40, 40 },
	/* payload length 0 before a hop-by-hop header: a jumbogram, not cut */
	{ "v6_jumbo", v6, sizeof(v6), { { 5, 0 }, { 6, 0 } }, 2, 9000, 6,
	  NETFLOW_IP_OK, 40, 9000 },
	{ "v6_short", v6, sizeof(v6), { { 5, 0 } }, 1, 39, 6, NETFLOW_IP_TRUNCATED },
	{ "v6_payload_past_frame", v6, sizeof(v6), {}, 0, 47, 6, NETFLOW_IP_BAD_LENGTH },
	{ "v6_is_v4", v4, sizeof(v4), {}, 0, 115, 6, NETFLOW_IP_BAD_HEADER },
	{ "v6_version7", v6, sizeof(v6), { { 0, 0x70 } }, 1, 48, 6, NETFLOW_IP_BAD_HEADER },
	{ "version5_asked", v4, sizeof(v4), {}, 0, 115, 5, NETFLOW_IP_BAD_HEADER },
};

static void ip_case_desc(const struct ip_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(ip_check, cases, ip_case_desc);

static void ip_check_verdicts(struct kunit *test)
{
	const struct ip_case *c = test->param_value;
	unsigned int hdr_len = 12345, ip_len = 12345, i;
	u8 hdr[NETFLOW_IP_HDR_MAX] = {};

	memcpy(hdr, c->base, c->base_len);
	for (i = 0; i < c->nr_set; i++)
		hdr[c->set[i].offset] = c->set[i].value;
	KUNIT_EXPECT_EQ(test, netflow_ip_check(hdr, c->len, c->version,
					       &hdr_len, &ip_len), c->verdict);
	if (c->verdict == NETFLOW_IP_OK) {
		KUNIT_EXPECT_EQ(test, hdr_len, c->hdr_len);
		KUNIT_EXPECT_EQ(test, ip_len, c->ip_len);
	} else {
		/* nothing is set for a bad header */
		KUNIT_EXPECT_EQ(test, hdr_len, 12345u);
		KUNIT_EXPECT_EQ(test, ip_len, 12345u);
	}
}

/* Every single-bit error in a good header's checksummed words is caught. */
static void ip_check_every_bit_flip(struct kunit *test)
{
	unsigned int hdr_len, ip_len, bit;
	u8 hdr[NETFLOW_IP_HDR_MAX];

	for (bit = 0; bit < sizeof(v4) * 8; bit++) {
		memset(hdr, 0, sizeof(hdr));
		memcpy(hdr, v4, sizeof(v4));
		hdr[bit / 8] ^= 1 << (bit % 8);
		KUNIT_EXPECT_TRUE_MSG(test, netflow_ip_check(hdr, 115, 4, &hdr_len,
							     &ip_len) != NETFLOW_IP_OK,
				      "bit %u flipped", bit);
	}
}

static struct kunit_case ipcheck_cases[] = {
	KUNIT_CASE_PARAM(ip_check_verdicts, ip_check_gen_params),
	KUNIT_CASE(ip_check_every_bit_flip),
	{}
};

static struct kunit_suite ipcheck_suite = {
	.name = "netflow_ipcheck",
	.test_cases = ipcheck_cases,
};

kunit_test_suite(ipcheck_suite);
