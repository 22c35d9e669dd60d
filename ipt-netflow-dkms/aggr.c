// SPDX-License-Identifier: GPL-2.0
/*
 * The aggregation= string: rules that coarsen flow keys, as the original
 * module accepts them, plus IPv6:
 *
 *   192.0.0.0/8=16, 2001:db8::/32=48, 80-89=80, 3128=80
 *
 * "net/len=bits": an address inside net/len keeps only its first "bits"
 * bits, the rest become zero. "port[-port]=port": ports in the range
 * become the one on the right. Rules are separated like destinations
 * (space, tab, newline, comma, semicolon); each kind is tried in the
 * order given and the first match wins, separately for IPv4, IPv6 and
 * ports. A net with bits set past its length, a range that runs backwards,
 * a number out of range, or anything else malformed rejects the whole
 * string (the original kept the rules before the bad one).
 */
#include <linux/kernel.h>
#include <linux/inet.h>
#include <linux/string.h>

#include "aggr.h"
#include "strlist.h"

/* Decimal, digits only, at most @max_digits of them, no more than @max. */
static int parse_dec(const char *s, size_t len, size_t max_digits,
		     unsigned int max, unsigned int *out)
{
	unsigned int v = 0;
	size_t i;

	if (len == 0 || len > max_digits)
		return -EINVAL;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -EINVAL;
		v = v * 10 + (s[i] - '0');
	}
	if (v > max)
		return -ERANGE;
	*out = v;
	return 0;
}

static __be32 mask4(unsigned int bits)
{
	return bits ? cpu_to_be32(~0u << (32 - bits)) : 0;
}

static void mask6(struct in6_addr *m, unsigned int bits)
{
	unsigned int i;

	for (i = 0; i < 4; i++) {
		unsigned int b = bits > 32 ? 32 : bits;

		m->s6_addr32[i] = mask4(b);
		bits -= b;
	}
}

static bool match6(const struct in6_addr *a, const struct in6_addr *net,
		   const struct in6_addr *mask)
{
	return !(((a->s6_addr32[0] & mask->s6_addr32[0]) ^ net->s6_addr32[0]) |
		 ((a->s6_addr32[1] & mask->s6_addr32[1]) ^ net->s6_addr32[1]) |
		 ((a->s6_addr32[2] & mask->s6_addr32[2]) ^ net->s6_addr32[2]) |
		 ((a->s6_addr32[3] & mask->s6_addr32[3]) ^ net->s6_addr32[3]));
}

/* "net/len=bits", @eq pointing at the '='. */
static int parse_net(const char *s, const char *slash, const char *eq,
		     const char *end, struct netflow_aggr *a)
{
	unsigned int prefix, strip;
	const char *aend;
	int err;

	/* parsed in place, padding zeroed: rule sets compare with memcmp() */
	if (memchr(s, ':', slash - s)) {
		struct netflow_aggr_net6 *r = &a->net6[a->nr_net6];

		if (a->nr_net6 == NETFLOW_AGGR_MAX)
			return -E2BIG;
		memset(r, 0, sizeof(*r));
		if (slash == s || !in6_pton(s, slash - s, r->net.s6_addr, -1, &aend) ||
		    aend != slash)
			return -EINVAL;
		err = parse_dec(slash + 1, eq - slash - 1, 3, 128, &prefix);
		if (!err)
			err = parse_dec(eq + 1, end - eq - 1, 3, 128, &strip);
		if (err)
			return err;
		mask6(&r->mask, prefix);
		mask6(&r->strip_mask, strip);
		if (!match6(&r->net, &r->net, &r->mask))
			return -EINVAL;		/* bits set past the length */
		r->prefix = prefix;
		r->strip = strip;
		a->nr_net6++;
	} else {
		struct netflow_aggr_net4 *r = &a->net4[a->nr_net4];

		if (a->nr_net4 == NETFLOW_AGGR_MAX)
			return -E2BIG;
		memset(r, 0, sizeof(*r));
		if (slash == s || !in4_pton(s, slash - s, (u8 *)&r->net, -1, &aend) ||
		    aend != slash)
			return -EINVAL;
		err = parse_dec(slash + 1, eq - slash - 1, 2, 32, &prefix);
		if (!err)
			err = parse_dec(eq + 1, end - eq - 1, 2, 32, &strip);
		if (err)
			return err;
		r->mask = mask4(prefix);
		r->strip_mask = mask4(strip);
		if (r->net & ~r->mask)
			return -EINVAL;		/* bits set past the length */
		r->prefix = prefix;
		r->strip = strip;
		a->nr_net4++;
	}
	return 0;
}

/* "lo[-hi]=to", @eq pointing at the '='. */
static int parse_port_rule(const char *s, const char *eq, const char *end,
			   struct netflow_aggr *a)
{
	const char *dash = memchr(s, '-', eq - s);
	unsigned int lo, hi, to;
	int err;

	err = parse_dec(s, (dash ?: eq) - s, 5, U16_MAX, &lo);
	if (!err)
		err = dash ? parse_dec(dash + 1, eq - dash - 1, 5, U16_MAX, &hi) : 0;
	if (!err)
		err = parse_dec(eq + 1, end - eq - 1, 5, U16_MAX, &to);
	if (err)
		return err;
	if (!dash)
		hi = lo;
	if (hi < lo)
		return -EINVAL;
	if (a->nr_port == NETFLOW_AGGR_MAX)
		return -E2BIG;
	memset(&a->port[a->nr_port], 0, sizeof(a->port[0]));
	a->port[a->nr_port].lo = lo;
	a->port[a->nr_port].hi = hi;
	a->port[a->nr_port].to = to;
	a->nr_port++;
	return 0;
}

static int parse_rule(const char *s, size_t len, struct netflow_aggr *a)
{
	const char *end = s + len;
	const char *eq = memchr(s, '=', len);
	const char *slash;

	if (!eq || memchr(eq + 1, '=', end - eq - 1))
		return -EINVAL;
	slash = memchr(s, '/', eq - s);
	if (slash)
		return parse_net(s, slash, eq, end, a);
	return parse_port_rule(s, eq, end, a);
}

static unsigned int nr_rules(const struct netflow_aggr *a)
{
	return a->nr_net4 + a->nr_net6 + a->nr_port;
}

/* Rule @i of the canonical order: IPv4, IPv6, ports, each as given. */
static int format_rule(char *buf, size_t size, size_t *len,
		       const struct netflow_aggr *a, unsigned int i)
{
	const struct netflow_aggr_port *p;

	if (i < a->nr_net4)
		return netflow_append(buf, size, len, "%pI4/%u=%u",
				      &a->net4[i].net, a->net4[i].prefix,
				      a->net4[i].strip);
	i -= a->nr_net4;
	if (i < a->nr_net6)
		return netflow_append(buf, size, len, "%pI6c/%u=%u",
				      &a->net6[i].net, a->net6[i].prefix,
				      a->net6[i].strip);
	p = &a->port[i - a->nr_net6];
	if (p->lo == p->hi)
		return netflow_append(buf, size, len, "%u=%u", p->lo, p->to);
	return netflow_append(buf, size, len, "%u-%u=%u", p->lo, p->hi, p->to);
}

/* Length of netflow_aggr_format()'s output; a rule is at most 47 chars. */
static size_t canonical_length(const struct netflow_aggr *a)
{
	unsigned int i, n = nr_rules(a);
	size_t total = n ? n - 1 : 0;	/* the commas */
	char rule[64];

	for (i = 0; i < n; i++) {
		size_t len = 0;

		if (format_rule(rule, sizeof(rule), &len, a, i))
			return SIZE_MAX;
		total += len;
	}
	return total;
}

/**
 * netflow_aggr_parse() - parse an aggregation= string
 * @str: NUL-terminated list of rules; empty (or only separators) is none
 * @a: the result; unspecified on error, so parse into scratch space
 *
 * Return: 0; -EINVAL for a malformed rule; -ERANGE for a number out of
 * range; -E2BIG for more than NETFLOW_AGGR_MAX rules of a kind, or a
 * string or canonical form (netflow_aggr_format()) over
 * NETFLOW_AGGR_STRLEN characters.
 */
int netflow_aggr_parse(const char *str, struct netflow_aggr *a)
{
	size_t total = strnlen(str, NETFLOW_AGGR_STRLEN + 1);
	const char *end = str + total;
	const char *s = str, *item;
	size_t item_len;
	int err;

	if (total > NETFLOW_AGGR_STRLEN)
		return -E2BIG;
	a->nr_net4 = 0;
	a->nr_net6 = 0;
	a->nr_port = 0;
	while (netflow_list_next(&s, end, &item, &item_len)) {
		err = parse_rule(item, item_len, a);
		if (err)
			return err;
	}
	/* what the parser takes, its canonical form must fit too (sysctl reads) */
	if (canonical_length(a) > NETFLOW_AGGR_STRLEN)
		return -E2BIG;
	return 0;
}

/**
 * netflow_aggr_format() - write rules in the form the parser reads
 * @buf: output buffer, always NUL-terminated when @size > 0
 * @size: its size; NETFLOW_AGGR_STRLEN + 1 fits any parsed rule set
 * @a: the rules
 *
 * IPv4 rules first, then IPv6, then ports, each kind in its order, comma
 * separated; "" for no rules.
 *
 * Return: the length written, or -ENOSPC if it did not fit.
 */
int netflow_aggr_format(char *buf, size_t size, const struct netflow_aggr *a)
{
	unsigned int i, n = nr_rules(a);
	size_t len = 0;
	int err = 0;

	if (size == 0)
		return -ENOSPC;
	buf[0] = '\0';
	for (i = 0; i < n && !err; i++) {
		if (i)
			err = netflow_append(buf, size, &len, ",");
		if (!err)
			err = format_rule(buf, size, &len, a, i);
	}
	return err ?: len;
}

/**
 * netflow_aggr_ipv4() - aggregate an IPv4 address
 * @a: the rules in force (under rcu_read_lock())
 * @addr: the address, changed in place when a rule matches
 * @mask: if not NULL, set to the matching rule's prefix length (what the
 *	original exports as the v5/v9 src/dst mask); untouched otherwise
 *
 * The first IPv4 rule whose net contains @addr applies. Call it once for
 * the source and once for the destination.
 *
 * Return: the index of that rule in @a->net4, or -ENOENT.
 */
int netflow_aggr_ipv4(const struct netflow_aggr *a, __be32 *addr, u8 *mask)
{
	unsigned int i;

	for (i = 0; i < a->nr_net4; i++) {
		const struct netflow_aggr_net4 *r = &a->net4[i];

		if ((*addr & r->mask) == r->net) {
			*addr &= r->strip_mask;
			if (mask)
				*mask = r->prefix;
			return i;
		}
	}
	return -ENOENT;
}

/**
 * netflow_aggr_ipv6() - aggregate an IPv6 address
 * @a: the rules in force (under rcu_read_lock())
 * @addr: the address, changed in place when a rule matches
 * @mask: if not NULL, set to the matching rule's prefix length
 *
 * As netflow_aggr_ipv4(), with the IPv6 rules.
 *
 * Return: the index of that rule in @a->net6, or -ENOENT.
 */
int netflow_aggr_ipv6(const struct netflow_aggr *a, struct in6_addr *addr, u8 *mask)
{
	unsigned int i, w;

	for (i = 0; i < a->nr_net6; i++) {
		const struct netflow_aggr_net6 *r = &a->net6[i];

		if (match6(addr, &r->net, &r->mask)) {
			for (w = 0; w < 4; w++)
				addr->s6_addr32[w] &= r->strip_mask.s6_addr32[w];
			if (mask)
				*mask = r->prefix;
			return i;
		}
	}
	return -ENOENT;
}

/**
 * netflow_aggr_port() - aggregate a transport port
 * @a: the rules in force (under rcu_read_lock())
 * @port: the port, network order, changed in place when a rule matches
 *
 * The first port rule whose range holds @port applies. The original does
 * this for TCP, UDP, SCTP and UDP-Lite only, source and destination apart;
 * ICMP's type/code "port" must not go through it.
 *
 * Return: the index of that rule in @a->port, or -ENOENT.
 */
int netflow_aggr_port(const struct netflow_aggr *a, __be16 *port)
{
	u16 p = be16_to_cpu(*port);
	unsigned int i;

	for (i = 0; i < a->nr_port; i++) {
		if (p >= a->port[i].lo && p <= a->port[i].hi) {
			*port = cpu_to_be16(a->port[i].to);
			return i;
		}
	}
	return -ENOENT;
}
