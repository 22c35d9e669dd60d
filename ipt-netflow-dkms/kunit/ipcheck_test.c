// SPDX-License-Identifier: GPL-2.0
/* KUnit: the IP header checks made before the promisc PREROUTING hook. */
#include <kunit/test.h>
#include <linux/string.h>

#include "ipcheck.h"

/* 192.168.0.1 -> 192.168.0.199, UDP, total length 115, checksum b861 */
#define V4 0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11, \
	   0xb8, 0x61, 0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7
#define V4_TAIL 0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7
/* fd00::1 -> fd00::2, UDP, payload 8 */
#define V6_ADDRS 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, \
		 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2

struct ip_case {
	const char *name;
	u8 hdr[64];
	unsigned int len;
	unsigned int version;
	enum netflow_ip_verdict verdict;
	unsigned int hdr_len, ip_len;	/* when NETFLOW_IP_OK */
};

static const struct ip_case cases[] = {
	{ "v4_exact", { V4 }, 115, 4, NETFLOW_IP_OK, 20, 115 },
	{ "v4_padded", { V4 }, 200, 4, NETFLOW_IP_OK, 20, 115 },
	{ "v4_options", { 0x46, 0, 0, 0x20, 0xab, 0xcd, 0, 0, 0x40, 0x06, 0x49, 0xf1,
			  V4_TAIL, 1, 1, 1, 0 }, 32, 4, NETFLOW_IP_OK, 24, 32 },
	{ "v4_header_only", { 0x45, 0, 0, 0x14, 0, 0, 0x40, 0, 0x40, 0x11, 0xb8, 0xc0,
			      V4_TAIL }, 20, 4, NETFLOW_IP_OK, 20, 20 },
	{ "v4_carries", { 0x45, 0, 0xff, 0xff, 0, 0, 0x40, 0, 0x40, 0x11, 0x3a, 0xee,
			  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff }, 65535, 4,
	  NETFLOW_IP_OK, 20, 65535 },
	{ "v4_empty", { V4 }, 0, 4, NETFLOW_IP_TRUNCATED },
	{ "v4_short", { V4 }, 19, 4, NETFLOW_IP_TRUNCATED },
	{ "v4_options_cut", { 0x46, 0, 0, 0x20, 0xab, 0xcd, 0, 0, 0x40, 0x06, 0x49, 0xf1,
			      V4_TAIL, 1, 1, 1, 0 }, 22, 4, NETFLOW_IP_TRUNCATED },
	{ "v4_version5", { 0x55, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11,
			   0xa8, 0x61, V4_TAIL }, 115, 4, NETFLOW_IP_BAD_HEADER },
	{ "v4_ihl4", { 0x44, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11,
		       0xb9, 0x61, V4_TAIL }, 115, 4, NETFLOW_IP_BAD_HEADER },
	{ "v4_is_v6", { 0x60, 0, 0, 0, 0, 8, 17, 64, V6_ADDRS }, 48, 4,
	  NETFLOW_IP_BAD_HEADER },
	{ "v4_checksum", { 0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11,
			   0xb8, 0x62, V4_TAIL }, 115, 4, NETFLOW_IP_BAD_CHECKSUM },
	{ "v4_checksum_zero", { 0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11,
				0x00, 0x00, V4_TAIL }, 115, 4, NETFLOW_IP_BAD_CHECKSUM },
	{ "v4_total_past_frame", { V4 }, 114, 4, NETFLOW_IP_BAD_LENGTH },
	{ "v4_total_in_header", { 0x45, 0, 0, 0x13, 0, 0, 0x40, 0, 0x40, 0x11, 0xb8, 0xc1,
				  V4_TAIL }, 115, 4, NETFLOW_IP_BAD_LENGTH },
	{ "v6_exact", { 0x60, 0, 0, 0, 0, 8, 17, 64, V6_ADDRS }, 48, 6,
	  NETFLOW_IP_OK, 40, 48 },
	{ "v6_padded", { 0x60, 0, 0, 0, 0, 8, 17, 64, V6_ADDRS }, 60, 6,
	  NETFLOW_IP_OK, 40, 48 },
	{ "v6_no_payload", { 0x6f, 0xff, 0xff, 0xff, 0, 0, 59, 64, V6_ADDRS }, 40, 6,
	  NETFLOW_IP_OK, 40, 40 },
	{ "v6_short", { 0x60, 0, 0, 0, 0, 0, 59, 64, V6_ADDRS }, 39, 6,
	  NETFLOW_IP_TRUNCATED },
	{ "v6_payload_past_frame", { 0x60, 0, 0, 0, 0, 8, 17, 64, V6_ADDRS }, 47, 6,
	  NETFLOW_IP_BAD_LENGTH },
	{ "v6_is_v4", { V4 }, 115, 6, NETFLOW_IP_BAD_HEADER },
	{ "v6_version7", { 0x70, 0, 0, 0, 0, 8, 17, 64, V6_ADDRS }, 48, 6,
	  NETFLOW_IP_BAD_HEADER },
	{ "version5_asked", { V4 }, 115, 5, NETFLOW_IP_BAD_HEADER },
};

static void ip_case_desc(const struct ip_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(ip_check, cases, ip_case_desc);

static void ip_check_verdicts(struct kunit *test)
{
	const struct ip_case *c = test->param_value;
	unsigned int hdr_len = 12345, ip_len = 12345;

	KUNIT_EXPECT_EQ(test, netflow_ip_check(c->hdr, c->len, c->version,
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
	static const u8 good[20] = { V4 };
	unsigned int hdr_len, ip_len, bit;
	u8 hdr[64];

	for (bit = 0; bit < 20 * 8; bit++) {
		memset(hdr, 0, sizeof(hdr));
		memcpy(hdr, good, sizeof(good));
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
