// SPDX-License-Identifier: GPL-2.0
/*
 * The snmp-rules= string: interface name to exported index (SNMP ifIndex)
 * rules, as fprobe-ulog and the original module define them:
 *
 *   eth:100, ppp:200, vlan:300
 *
 * An interface named <prefix><decimal number> is exported as base +
 * number (ppp11 -> 211); the first rule that matches wins; an interface no
 * rule matches keeps its kernel ifindex. Rules are separated by space,
 * tab, newline, comma or semicolon. The prefix is 1..15 characters without
 * ':' or '/', the base 0..65535 (the original stored it in 16 bits). One
 * bad rule rejects the whole string.
 */
#include <linux/kernel.h>
#include <linux/string.h>

#include "snmp_rules.h"
#include "strlist.h"

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int parse_rule(const char *s, size_t len, struct netflow_snmp_rule *rule)
{
	const char *colon = memchr(s, ':', len);
	size_t plen, blen, i;
	unsigned int base = 0;

	if (!colon)
		return -EINVAL;
	plen = colon - s;
	blen = len - plen - 1;
	if (plen == 0 || plen >= NETFLOW_SNMP_IFNAMSIZ || memchr(s, '/', plen))
		return -EINVAL;
	if (blen == 0 || blen > 5)
		return blen ? -ERANGE : -EINVAL;
	for (i = 0; i < blen; i++) {
		if (!is_digit(colon[1 + i]))
			return -EINVAL;
		base = base * 10 + (colon[1 + i] - '0');
	}
	if (base > U16_MAX)
		return -ERANGE;
	memset(rule, 0, sizeof(*rule));
	memcpy(rule->prefix, s, plen);
	rule->len = plen;
	rule->base = base;
	return 0;
}

/**
 * netflow_snmp_rules_parse() - parse an snmp-rules= string
 * @str: NUL-terminated list of prefix:base rules; empty is none
 * @r: the result; unspecified on error, so parse into scratch space
 *
 * Return: 0; -EINVAL for a malformed rule; -ERANGE for a base over 65535;
 * -E2BIG for more than NETFLOW_SNMP_RULES_MAX rules or a string over
 * NETFLOW_SNMP_RULES_STRLEN characters. The canonical form of what is
 * accepted is at most 22 * NETFLOW_SNMP_RULES_MAX - 1 characters.
 */
int netflow_snmp_rules_parse(const char *str, struct netflow_snmp_rules *r)
{
	size_t total = strnlen(str, NETFLOW_SNMP_RULES_STRLEN + 1);
	const char *end = str + total;
	const char *s = str, *item;
	size_t item_len;
	int err;

	if (total > NETFLOW_SNMP_RULES_STRLEN)
		return -E2BIG;
	r->count = 0;
	while (netflow_list_next(&s, end, &item, &item_len)) {
		if (r->count == NETFLOW_SNMP_RULES_MAX)
			return -E2BIG;
		err = parse_rule(item, item_len, &r->rule[r->count]);
		if (err)
			return err;
		r->count++;
	}
	return 0;
}

/**
 * netflow_snmp_rules_format() - write rules in the form the parser reads
 * @buf: output buffer, always NUL-terminated when @size > 0
 * @size: its size; NETFLOW_SNMP_RULES_STRLEN fits any parsed rule set
 * @r: the rules
 *
 * "prefix:base" comma separated, in order; "" for no rules.
 *
 * Return: the length written, or -ENOSPC if it did not fit.
 */
int netflow_snmp_rules_format(char *buf, size_t size,
			      const struct netflow_snmp_rules *r)
{
	size_t len = 0;
	unsigned int i;
	int err = 0;

	if (size == 0)
		return -ENOSPC;
	buf[0] = '\0';
	for (i = 0; i < r->count && !err; i++)
		err = netflow_append(buf, size, &len, "%s%.*s:%u",
				     i ? "," : "", NETFLOW_SNMP_IFNAMSIZ - 1,
				     r->rule[i].prefix, r->rule[i].base);
	return err ?: len;
}

/**
 * netflow_snmp_map() - the interface index to export
 * @r: the rules in force (under rcu_read_lock()), or NULL for none
 * @ifname: the interface's name, NUL-terminated within 16 bytes (dev->name)
 * @ifindex: its kernel ifindex
 *
 * The first rule whose prefix the name starts with, followed by nothing
 * but decimal digits (at least one), gives base + that number. A number
 * that would take the result past U32_MAX makes the rule not match. NetFlow
 * v5 carries 16 bits of it: the caller decides what to do with more.
 *
 * Return: the index to export: a rule's result, or @ifindex.
 */
u32 netflow_snmp_map(const struct netflow_snmp_rules *r, const char *ifname,
		     u32 ifindex)
{
	size_t name_len, i;
	unsigned int k;

	if (!r || !ifname)
		return ifindex;
	name_len = strnlen(ifname, NETFLOW_SNMP_IFNAMSIZ);
	for (k = 0; k < r->count; k++) {
		const struct netflow_snmp_rule *rule = &r->rule[k];
		u64 num = 0;

		if (name_len <= rule->len || memcmp(ifname, rule->prefix, rule->len))
			continue;
		for (i = rule->len; i < name_len && is_digit(ifname[i]); i++)
			num = num * 10 + (ifname[i] - '0');
		if (i < name_len || num + rule->base > U32_MAX)
			continue;
		return num + rule->base;
	}
	return ifindex;
}
