// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_fields: fields.c (the fields= setting) and hdrbits.c (the option
 * bitmaps of IPv4 options, TCP options and IPv6 extension headers).
 *
 * Input: a selector octet, then the string or the octets. Every buffer is
 * an exact-size heap block. Checked:
 *  - fields-parse: the result is 0, -EINVAL or -E2BIG; -E2BIG exactly for
 *    more than NETFLOW_FIELDS_STRLEN characters; an accepted mask has no
 *    bit beyond NETFLOW_FIELDS_ALL; its canonical form fits
 *    NETFLOW_FIELDS_STRLEN, formats into exactly its size (one less is
 *    -ENOSPC) and parses back to the same mask;
 *  - bits-ipv4, bits-tcp: a model of the option walk written here from
 *    RFC 791 and RFC 9293 (END ends it, NOP is one octet, the others carry
 *    a length of at least 2 within the list) gives the same bitmap;
 *  - bits-ipv6: a model of the RFC 8200 header chain gives the same
 *    bitmap (hop-by-hop, routing, destination options and mobility in
 *    8-octet units, AH in 4-octet units, fragments 8 octets, ESP and
 *    IPComp end the walk).
 */
#include <linux/kernel.h>

#include "fields.h"
#include "hdrbits.h"
#include "common.h"

static void check_fields(const u8 *data, size_t size)
{
	char *str = xalloc(size + 1, 0), *buf;
	int ret, len;
	u32 mask = 0, again = 0;

	memcpy(str, data, size);
	ret = netflow_fields_parse(str, &mask);
	CHECK("fields-parse", ret == 0 || ret == -EINVAL || ret == -E2BIG, "result %d", ret);
	CHECK("fields-parse", (ret == -E2BIG) == (strlen(str) > NETFLOW_FIELDS_STRLEN),
	      "E2BIG for %zu characters", strlen(str));
	if (!ret) {
		CHECK("fields-parse", !(mask & ~NETFLOW_FIELDS_ALL), "mask %x", mask);
		buf = xalloc(NETFLOW_FIELDS_STRLEN + 1, 0xff);
		len = netflow_fields_format(buf, NETFLOW_FIELDS_STRLEN + 1, mask);
		CHECK("fields-parse", len >= 0 && (size_t)len == strlen(buf), "format %d", len);
		free(buf);
		buf = xalloc(len + 1, 0xff);
		CHECK("fields-parse", netflow_fields_format(buf, len + 1, mask) == len,
		      "exact size");
		CHECK("fields-parse", netflow_fields_parse(buf, &again) == 0 && again == mask,
		      "round trip");
		if (len)
			CHECK("fields-parse", netflow_fields_format(buf, len, mask) == -ENOSPC,
			      "one short");
		free(buf);
	}
	free(str);
}

static u64 model_options(const u8 *p, size_t len, bool tcp)
{
	size_t off = 0;
	u64 bits = 0;

	while (off < len) {
		u8 kind = p[off];

		if (tcp)
			bits |= kind < 64 ? 1ULL << (63 - kind) : 0;
		else
			bits |= 1ULL << (31 - (kind & 31));
		if (kind == 0)
			break;
		if (kind == 1) {
			off++;
			continue;
		}
		if (off + 2 > len || p[off + 1] < 2 || off + p[off + 1] > len)
			break;
		off += p[off + 1];
	}
	return bits;
}

static u32 model_ipv6(u8 nh, const u8 *p, size_t len)
{
	size_t off = 0, hl;
	u32 bits = 0;

	for (;;) {
		int bit;

		switch (nh) {
		case 0: bit = 1; break;
		case 60: bit = 0; break;
		case 43: bit = 5; break;
		case 135: bit = 12; break;
		case 51: bit = 14; break;
		case 44:
			if (off + 8 > len)
				return bits;
			if (get_be(p + off + 2, 2) >> 3)
				return bits | 1u << (31 - 6);
			bits |= 1u << (31 - 4);
			nh = p[off];
			off += 8;
			continue;
		case 50: return bits | 1u << (31 - 13);
		case 108: return bits | 1u << (31 - 15);
		default: return bits;
		}
		bits |= 1u << (31 - bit);
		if (off + 2 > len)
			return bits;
		hl = nh == 51 ? 4 * ((size_t)p[off + 1] + 2) : 8 * ((size_t)p[off + 1] + 1);
		if (off + hl > len)
			return bits;
		nh = p[off];
		off += hl;
	}
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	u8 *p;
	u64 got, want;

	if (size < 2 || size > 8192)
		return 0;
	switch (data[0] % 4) {
	case 0:
		check_fields(data + 1, size - 1);
		return 0;
	case 1:
	case 2:
		p = xalloc(size - 1, 0);
		memcpy(p, data + 1, size - 1);
		if (data[0] % 4 == 1) {
			got = netflow_ipv4_options_bits(p, size - 1);
			want = model_options(p, size - 1, false);
			CHECK("bits-ipv4", got == want, "%llx, model %llx", (unsigned long long)got, (unsigned long long)want);
		} else {
			got = netflow_tcp_options_bits(p, size - 1);
			want = model_options(p, size - 1, true);
			CHECK("bits-tcp", got == want, "%llx, model %llx", (unsigned long long)got, (unsigned long long)want);
		}
		free(p);
		return 0;
	default:
		p = xalloc(size - 2, 0);
		memcpy(p, data + 2, size - 2);
		got = netflow_ipv6_exthdr_bits(data[1], p, size - 2);
		want = model_ipv6(data[1], p, size - 2);
		CHECK("bits-ipv6", got == want, "%llx, model %llx", (unsigned long long)got, (unsigned long long)want);
		free(p);
		return 0;
	}
}
