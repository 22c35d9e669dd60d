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

enum { BIG_BUF = 4096 };

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

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	const u8 *nul = memchr(data, 0, size);
	size_t len = nul ? (size_t)(nul - data) : size;
	struct stream rest = { nul ? nul + 1 : data, nul ? size - len - 1 : size };
	struct netflow_snmp_rules *a, *b;
	char *str, *canon, *buf;
	size_t canon_len, sizes[5], i;
	unsigned int k;
	int err, ret;

	if (size > 4 * NETFLOW_SNMP_RULES_STRLEN)
		return 0;
	str = xalloc(len + 1, 0);
	memcpy(str, data, len);
	a = xalloc(sizeof(*a), 0xa5);
	err = netflow_snmp_rules_parse(str, a);
	free(str);
	if (err) {
		CHECK("snmp-errno", err == -EINVAL || err == -ERANGE || err == -E2BIG,
		      "error %d", err);
		if (len > NETFLOW_SNMP_RULES_STRLEN)
			CHECK("snmp-errno", err == -E2BIG, "%zu chars: %d", len, err);
		free(a);
		return 0;
	}
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

	canon = xalloc(BIG_BUF, 0);
	ret = netflow_snmp_rules_format(canon, BIG_BUF, a);
	canon_len = strlen(canon);
	CHECK("snmp-format", ret >= 0 && (size_t)ret == canon_len, "big buffer: %d", ret);
	CHECK("snmp-canonical-len", canon_len <= 22 * NETFLOW_SNMP_RULES_MAX - 1,
	      "canonical form %zu chars", canon_len);
	sizes[0] = 0;
	sizes[1] = 1;
	sizes[2] = canon_len;
	sizes[3] = canon_len + 1;
	sizes[4] = data[0] % (canon_len + 2);
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		buf = xalloc(sizes[i], 0x5a);
		ret = netflow_snmp_rules_format(buf, sizes[i], a);
		if (sizes[i] > canon_len)
			CHECK("snmp-format", ret == (int)canon_len && !strcmp(buf, canon),
			      "size %zu: %d", sizes[i], ret);
		else
			CHECK("snmp-format", ret == -ENOSPC && (sizes[i] == 0 ||
			      !strncmp(buf, canon, strlen(buf))),
			      "size %zu for %zu chars: %d", sizes[i], canon_len, ret);
		free(buf);
	}

	b = xalloc(sizeof(*b), 0x5a);
	str = xalloc(canon_len + 1, 0);
	memcpy(str, canon, canon_len);
	err = netflow_snmp_rules_parse(str, b);
	free(str);
	CHECK("snmp-roundtrip", !err && b->count == a->count &&
	      !memcmp(a->rule, b->rule, a->count * sizeof(a->rule[0])),
	      "\"%s\": error %d or different", canon, err);
	free(b);
	free(canon);

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
