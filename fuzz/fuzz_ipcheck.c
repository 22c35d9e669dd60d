// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_ipcheck: ipcheck.c, the IP header checks made before the promisc
 * PREROUTING hook.
 *
 * Input: octet 0 chooses the version asked for (4, 6, or the octet itself
 * when it is neither 0 nor 1 mod 8), octets 1-2 the frame length (little
 * endian), the rest the header. Checked:
 *  - only the first min(len, NETFLOW_IP_HDR_MAX) octets are read (an
 *    exact-size heap block);
 *  - the verdict equals the one of a reference written here from RFC 791,
 *    RFC 8200 and RFC 2675 (checksum as a sum modulo 0xffff; a jumbogram
 *    is as long as the frame);
 *  - for a good header 20 <= hdr_len <= 60 (40 for IPv6),
 *    hdr_len <= ip_len <= len; nothing is set for a bad one.
 */
#include <linux/kernel.h>

#include "ipcheck.h"
#include "common.h"

static enum netflow_ip_verdict reference(const u8 *h, unsigned int len,
					 unsigned int version, unsigned int *hl,
					 unsigned int *total)
{
	unsigned long sum = 0;
	unsigned int i;

	if (version != 4 && version != 6)
		return len ? NETFLOW_IP_BAD_HEADER : NETFLOW_IP_TRUNCATED;
	if (len < (version == 4 ? 20u : 40u))
		return NETFLOW_IP_TRUNCATED;
	if (h[0] >> 4 != version)
		return NETFLOW_IP_BAD_HEADER;
	if (version == 6) {
		*hl = 40;
		*total = 40 + get_be(h + 4, 2);
		if (*total == 40 && h[6] == 0)	/* jumbogram */
			*total = len;
		return *total > len ? NETFLOW_IP_BAD_LENGTH : NETFLOW_IP_OK;
	}
	*hl = (h[0] & 15) * 4;
	if (*hl < 20)
		return NETFLOW_IP_BAD_HEADER;
	if (*hl > len)
		return NETFLOW_IP_TRUNCATED;
	for (i = 0; i < *hl; i += 2)
		sum += get_be(h + i, 2);
	if (sum % 0xffff)
		return NETFLOW_IP_BAD_CHECKSUM;
	*total = get_be(h + 2, 2);
	if (*total > len || *total < *hl)
		return NETFLOW_IP_BAD_LENGTH;
	return NETFLOW_IP_OK;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct stream st = { data, size };
	u8 pick = st_u8(&st);
	unsigned int version = pick % 8 == 0 ? 4 : pick % 8 == 1 ? 6 : pick;
	unsigned int len = st_u16(&st);
	unsigned int readable = len < NETFLOW_IP_HDR_MAX ? len : NETFLOW_IP_HDR_MAX;
	unsigned int hdr_len = 0xdead, ip_len = 0xbeef, ref_hl = 0, ref_total = 0;
	enum netflow_ip_verdict got, want;
	u8 *hdr = xalloc(readable, 0);

	st_bytes(&st, hdr, readable);
	got = netflow_ip_check(hdr, len, version, &hdr_len, &ip_len);
	want = reference(hdr, len, version, &ref_hl, &ref_total);
	CHECK("ipcheck-verdict", got == want, "version %u len %u: verdict %d, reference %d",
	      version, len, got, want);
	if (got == NETFLOW_IP_OK) {
		CHECK("ipcheck-lengths", hdr_len == ref_hl && ip_len == ref_total,
		      "hdr_len %u ip_len %u, reference %u %u", hdr_len, ip_len,
		      ref_hl, ref_total);
		CHECK("ipcheck-bounds", hdr_len >= 20 && hdr_len <= 60 &&
		      hdr_len <= ip_len && ip_len <= len, "hdr_len %u ip_len %u len %u",
		      hdr_len, ip_len, len);
	} else {
		CHECK("ipcheck-untouched", hdr_len == 0xdead && ip_len == 0xbeef,
		      "outputs set on verdict %d", got);
	}
	free(hdr);
	return 0;
}
