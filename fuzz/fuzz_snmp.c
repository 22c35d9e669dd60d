// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_snmp: snmp_rules.c, the snmp-rules= parser, formatter and mapping.
 *
 * Input: the rule string up to the first NUL (all of it if none); the
 * octets after that NUL are 16-byte interface names (not necessarily
 * NUL-terminated, as dev->name never is past IFNAMSIZ) and ifindexes.
 * Checked:
 *  - parse never reads past the string's NUL; errors are -EINVAL, -ERANGE
 *    or -E2BIG (-E2BIG for a string over NETFLOW_SNMP_RULES_STRLEN);
 *  - what it accepts is well formed: count within NETFLOW_SNMP_RULES_MAX,
 *    each prefix 1..15 characters, NUL-terminated and zero-padded, without
 *    separators, ':' or '/', and len == strlen(prefix);
 *  - format never writes past @size, NUL-terminates, -ENOSPC exactly when
 *    the canonical form does not fit, which is at most 22 * MAX - 1;
 *  - parse(format(parse(s))) == parse(s), a fixed point;
 *  - map never reads a name past 16 octets (exact-size block) and gives
 *    what the rules say, computed here independently: the first rule whose
 *    prefix is followed by 1+ digits and nothing else, base + number if
 *    that stays within 32 bits; otherwise the ifindex.
 */
#include <linux/kernel.h>
#include <linux/errno.h>

#include "snmp_rules.h"
#include "common.h"

static u32 expected_map(const struct netflow_snmp_rules *r, const char *name,
			u32 ifindex)
{
	size_t n = strnlen(name, NETFLOW_SNMP_IFNAMSIZ);
	unsigned int k;

	for (k = 0; k < r->count; k++) {
		size_t plen = strlen(r->rule[k].prefix), i;
		unsigned long long num = 0;
		bool digits = n > plen;

		if (n <= plen || strncmp(name, r->rule[k].prefix, plen))
			continue;
		for (i = plen; i < n; i++) {
			if (name[i] < '0' || name[i] > '9')
				digits = false;
			else
				num = num * 10 + name[i] - '0';
		}
		if (digits && num + r->rule[k].base <= 0xffffffffull)
			return num + r->rule[k].base;
	}
	return ifindex;
}

static int parse(const char *str, void *r)
{
	return netflow_snmp_rules_parse(str, r);
}

static int format(char *buf, size_t size, const void *r)
{
	return netflow_snmp_rules_format(buf, size, r);
}

static bool same_rules(const void *pa, const void *pb)
{
	const struct netflow_snmp_rules *a = pa, *b = pb;

	return b->count == a->count &&
	       !memcmp(a->rule, b->rule, a->count * sizeof(a->rule[0]));
}

static const struct fuzz_parser snmp_parser = {
	.id = "snmp",
	.size = sizeof(struct netflow_snmp_rules),
	.strlen_max = NETFLOW_SNMP_RULES_STRLEN,
	.canon_max = 22 * NETFLOW_SNMP_RULES_MAX - 1,
	.big_buf = 4096,
	.parse = parse,
	.format = format,
	.same = same_rules,
};

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct stream rest;
	struct netflow_snmp_rules *a;
	unsigned int k;
	size_t len;

	a = fuzz_parse(&snmp_parser, data, size, &len, &rest);
	if (!a)
		return 0;
	CHECK("snmp-accept", len <= NETFLOW_SNMP_RULES_STRLEN && a->count <= NETFLOW_SNMP_RULES_MAX,
	      "%zu chars, %u rules", len, a->count);
	for (k = 0; k < a->count; k++) {
		const struct netflow_snmp_rule *r = &a->rule[k];
		size_t plen = strnlen(r->prefix, sizeof(r->prefix));

		CHECK("snmp-valid", plen >= 1 && plen < sizeof(r->prefix) && plen == r->len &&
		      all_eq((const u8 *)r->prefix + plen, sizeof(r->prefix) - plen, 0),
		      "rule %u: prefix length %zu, len %u", k, plen, r->len);
		CHECK("snmp-valid", !strpbrk(r->prefix, ":/ \t\n,;"), "rule %u: \"%s\"",
		      k, r->prefix);
	}

	fuzz_format(&snmp_parser, a, data[0]);

	for (k = 0; k < 8 && !st_empty(&rest); k++) {
		char *name = xalloc(NETFLOW_SNMP_IFNAMSIZ, 0);
		u32 ifindex, got, want;

		st_bytes(&rest, name, NETFLOW_SNMP_IFNAMSIZ);
		ifindex = st_u32(&rest);
		got = netflow_snmp_map(a, name, ifindex);
		want = expected_map(a, name, ifindex);
		CHECK("snmp-map", got == want, "\"%.16s\" (%u): %u, expected %u", name,
		      ifindex, got, want);
		free(name);
	}
	free(a);
	return 0;
}
