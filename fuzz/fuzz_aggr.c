// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_aggr: aggr.c, the aggregation= parser, formatter and apply
 * functions.
 *
 * Input: the rule string up to the first NUL (all of it if none); the
 * octets after that NUL are addresses and ports to aggregate. Checked:
 *  - parse never reads past the string's NUL and the rule set is an
 *    exact-size heap block; errors are -EINVAL, -ERANGE or -E2BIG, -E2BIG
 *    for a string over NETFLOW_AGGR_STRLEN;
 *  - what it accepts is well formed: counts within NETFLOW_AGGR_MAX,
 *    prefix and strip within the family's bits, masks that match them, no
 *    net bits past the prefix, port ranges that do not run backwards;
 *  - format never writes past @size (exact-size buffers around the
 *    length), NUL-terminates, gives -ENOSPC exactly when the canonical form
 *    does not fit, and the canonical form is at most NETFLOW_AGGR_STRLEN;
 *  - parse(format(parse(s))) == parse(s) field by field, and a fixed point;
 *  - apply: the rule reported is the first whose net (range) holds the
 *    value, computed here bit by bit; the new value is the old one with the
 *    bits past strip cleared (the port the rule's); -ENOENT changes nothing.
 */
#include <linux/kernel.h>
#include <linux/errno.h>

#include "aggr.h"
#include "common.h"

static bool bit_of(const u8 *p, unsigned int i)
{
	return p[i / 8] >> (7 - i % 8) & 1;
}

/* Do the first @bits bits of @a and @b agree? Bit by bit, no masks. */
static bool prefix_eq(const u8 *a, const u8 *b, unsigned int bits)
{
	unsigned int i;

	for (i = 0; i < bits; i++)
		if (bit_of(a, i) != bit_of(b, i))
			return false;
	return true;
}

/* @out == @in with every bit from @bits on cleared */
static bool stripped(const u8 *in, const u8 *out, unsigned int bits,
		     unsigned int total)
{
	unsigned int i;

	for (i = 0; i < total; i++)
		if (bit_of(out, i) != (i < bits ? bit_of(in, i) : 0))
			return false;
	return true;
}

static void check_rules(const struct netflow_aggr *a)
{
	unsigned int i;
	u8 zero[16] = {};

	CHECK("aggr-valid", a->nr_net4 <= NETFLOW_AGGR_MAX &&
	      a->nr_net6 <= NETFLOW_AGGR_MAX && a->nr_port <= NETFLOW_AGGR_MAX,
	      "counts %u %u %u", a->nr_net4, a->nr_net6, a->nr_port);
	for (i = 0; i < a->nr_net4; i++) {
		const struct netflow_aggr_net4 *r = &a->net4[i];
		__be32 ones = 0xffffffff;

		CHECK("aggr-valid", r->prefix <= 32 && r->strip <= 32,
		      "net4 %u: /%u=%u", i, r->prefix, r->strip);
		CHECK("aggr-valid", stripped((u8 *)&ones, (u8 *)&r->mask, r->prefix, 32) &&
		      stripped((u8 *)&ones, (u8 *)&r->strip_mask, r->strip, 32),
		      "net4 %u: masks do not match /%u=%u", i, r->prefix, r->strip);
		CHECK("aggr-valid", stripped((u8 *)&r->net, (u8 *)&r->net, r->prefix, 32),
		      "net4 %u: bits past /%u", i, r->prefix);
	}
	for (i = 0; i < a->nr_net6; i++) {
		const struct netflow_aggr_net6 *r = &a->net6[i];
		u8 ones[16];

		memset(ones, 0xff, 16);
		CHECK("aggr-valid", r->prefix <= 128 && r->strip <= 128,
		      "net6 %u: /%u=%u", i, r->prefix, r->strip);
		CHECK("aggr-valid", stripped(ones, r->mask.s6_addr, r->prefix, 128) &&
		      stripped(ones, r->strip_mask.s6_addr, r->strip, 128),
		      "net6 %u: masks do not match", i);
		CHECK("aggr-valid", stripped(r->net.s6_addr, r->net.s6_addr, r->prefix, 128),
		      "net6 %u: bits past /%u", i, r->prefix);
	}
	for (i = 0; i < a->nr_port; i++)
		CHECK("aggr-valid", a->port[i].lo <= a->port[i].hi, "port %u: %u-%u",
		      i, a->port[i].lo, a->port[i].hi);
	(void)zero;
}

static bool same_rules(const void *pa, const void *pb)
{
	const struct netflow_aggr *a = pa, *b = pb;

	return a->nr_net4 == b->nr_net4 && a->nr_net6 == b->nr_net6 &&
	       a->nr_port == b->nr_port &&
	       !memcmp(a->net4, b->net4, a->nr_net4 * sizeof(a->net4[0])) &&
	       !memcmp(a->net6, b->net6, a->nr_net6 * sizeof(a->net6[0])) &&
	       !memcmp(a->port, b->port, a->nr_port * sizeof(a->port[0]));
}

static void check_apply(const struct netflow_aggr *a, struct stream *in)
{
	unsigned int i, k;

	for (k = 0; k < 4; k++) {
		__be32 v4, orig4;
		struct in6_addr v6, orig6;
		__be16 port, orig_port;
		u8 mask = 200;
		int ret, want = -ENOENT;

		st_bytes(in, &v4, 4);
		orig4 = v4;
		for (i = 0; i < a->nr_net4 && want < 0; i++)
			if (prefix_eq((u8 *)&orig4, (u8 *)&a->net4[i].net, a->net4[i].prefix))
				want = i;
		ret = netflow_aggr_ipv4(a, &v4, &mask);
		CHECK("aggr-apply4", ret == want, "rule %d, expected %d", ret, want);
		if (ret >= 0)
			CHECK("aggr-apply4", mask == a->net4[ret].prefix &&
			      stripped((u8 *)&orig4, (u8 *)&v4, a->net4[ret].strip, 32),
			      "rule %d: %08x -> %08x, mask %u", ret, be32_to_cpu(orig4),
			      be32_to_cpu(v4), mask);
		else
			CHECK("aggr-apply4", v4 == orig4 && mask == 200, "no rule, changed");

		st_bytes(in, &v6, 16);
		orig6 = v6;
		mask = 200;
		want = -ENOENT;
		for (i = 0; i < a->nr_net6 && want < 0; i++)
			if (prefix_eq(orig6.s6_addr, a->net6[i].net.s6_addr, a->net6[i].prefix))
				want = i;
		ret = netflow_aggr_ipv6(a, &v6, k & 1 ? NULL : &mask);
		CHECK("aggr-apply6", ret == want, "rule %d, expected %d", ret, want);
		if (ret >= 0)
			CHECK("aggr-apply6", (k & 1 || mask == a->net6[ret].prefix) &&
			      stripped(orig6.s6_addr, v6.s6_addr, a->net6[ret].strip, 128),
			      "rule %d", ret);
		else
			CHECK("aggr-apply6", !memcmp(&v6, &orig6, 16) && mask == 200,
			      "no rule, changed");

		st_bytes(in, &port, 2);
		orig_port = port;
		want = -ENOENT;
		for (i = 0; i < a->nr_port && want < 0; i++)
			if (be16_to_cpu(orig_port) >= a->port[i].lo &&
			    be16_to_cpu(orig_port) <= a->port[i].hi)
				want = i;
		ret = netflow_aggr_port(a, &port);
		CHECK("aggr-port", ret == want, "rule %d, expected %d", ret, want);
		CHECK("aggr-port", ret >= 0 ? be16_to_cpu(port) == a->port[ret].to :
		      port == orig_port, "port %u -> %u", be16_to_cpu(orig_port),
		      be16_to_cpu(port));
	}
}

static int parse(const char *str, void *a)
{
	return netflow_aggr_parse(str, a);
}

static int format(char *buf, size_t size, const void *a)
{
	return netflow_aggr_format(buf, size, a);
}

static const struct fuzz_parser aggr_parser = {
	.id = "aggr",
	.size = sizeof(struct netflow_aggr),
	.strlen_max = NETFLOW_AGGR_STRLEN,
	.canon_max = NETFLOW_AGGR_STRLEN,
	.big_buf = 8192,
	.extra_size = NETFLOW_AGGR_STRLEN + 1,	/* sysctl.c's buffer */
	.fixed_point = true,
	.parse = parse,
	.format = format,
	.same = same_rules,
};

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct stream rest;
	struct netflow_aggr *a;
	size_t len;

	a = fuzz_parse(&aggr_parser, data, size, &len, &rest);
	if (!a)
		return 0;
	CHECK("aggr-accept", len <= NETFLOW_AGGR_STRLEN, "%zu chars accepted", len);
	check_rules(a);
	fuzz_format(&aggr_parser, a, data[0]);
	check_apply(a, &rest);
	free(a);
	return 0;
}
