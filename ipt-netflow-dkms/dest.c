// SPDX-License-Identifier: GPL-2.0
/*
 * The destination string: a list of collectors, as the original module
 * accepts it, so existing modprobe.d files keep working:
 *
 *   127.0.0.1:2055, [2001:db8::1]:9995@2001:db8::2%eth0 ; 10.0.0.1
 *
 * Entries are separated by space, tab, newline, comma or semicolon. An
 * IPv6 address goes in brackets when a port follows; a bare IPv6 address
 * may end in 'p' or '#' and a port. "@addr" picks the source address and
 * "%ifname" the interface. A port defaults to 2055. Unlike the original,
 * one bad entry rejects the whole string instead of being skipped.
 */
#include <linux/kernel.h>
#include <linux/inet.h>
#include <linux/socket.h>
#include <linux/string.h>

#include "dest.h"
#include "strlist.h"

static const char *find_char(const char *s, size_t len, char c)
{
	return memchr(s, c, len);
}

/* Parses a whole address of either family; brackets only around IPv6. */
static int parse_addr(const char *s, size_t len, u8 *family,
		      union netflow_inaddr *addr)
{
	const char *end;

	if (len >= 2 && s[0] == '[' && s[len - 1] == ']') {
		s++;
		len -= 2;
		if (len == 0 || !in6_pton(s, len, addr->ip6.s6_addr, -1, &end) ||
		    end != s + len)
			return -EINVAL;
		*family = AF_INET6;
		return 0;
	}
	if (len && in4_pton(s, len, (u8 *)&addr->ip, -1, &end) &&
	    end == s + len) {
		*family = AF_INET;
		return 0;
	}
	if (len && find_char(s, len, ':') &&
	    in6_pton(s, len, addr->ip6.s6_addr, -1, &end) && end == s + len) {
		*family = AF_INET6;
		return 0;
	}
	return -EINVAL;
}

static int parse_port(const char *s, size_t len, __be16 *port)
{
	char digits[6];
	u16 value;

	if (len == 0 || len >= sizeof(digits))
		return -EINVAL;
	memcpy(digits, s, len);
	digits[len] = '\0';
	if (digits[0] < '0' || digits[0] > '9' || kstrtou16(digits, 10, &value) ||
	    value == 0)
		return -EINVAL;
	*port = cpu_to_be16(value);
	return 0;
}

/* Splits "address[:port]" into its parts, for either family. */
static int parse_target(const char *s, size_t len, struct netflow_dest *d)
{
	const char *sep = NULL;
	const char *p;

	if (len && s[0] == '[') {
		p = find_char(s, len, ']');
		if (!p)
			return -EINVAL;
		if (p + 1 < s + len) {
			if (p[1] != ':')
				return -EINVAL;
			sep = p + 1;
		}
	} else {
		p = find_char(s, len, ':');
		if (p && !find_char(p + 1, s + len - p - 1, ':')) {
			sep = p;			/* IPv4 with port */
		} else if (p) {			/* bare IPv6 */
			sep = find_char(s, len, 'p');
			if (!sep)
				sep = find_char(s, len, '#');
		}
	}

	d->port = cpu_to_be16(NETFLOW_DEST_DEFAULT_PORT);
	if (sep) {
		if (parse_port(sep + 1, s + len - sep - 1, &d->port))
			return -EINVAL;
		len = sep - s;
	}
	return parse_addr(s, len, &d->family, &d->addr);
}

static int parse_entry(const char *s, size_t len, struct netflow_dest *d)
{
	const char *at = find_char(s, len, '@');
	const char *pct = find_char(s, len, '%');
	const char *end = s + len;
	size_t target_len = len;
	int err;

	memset(d, 0, sizeof(*d));
	if (at)
		target_len = at - s;
	if (pct && (size_t)(pct - s) < target_len)
		target_len = pct - s;

	err = parse_target(s, target_len, d);
	if (err)
		return err;

	if (at) {
		const char *src_end = (pct && pct > at) ? pct : end;
		u8 family;

		if (find_char(at + 1, end - at - 1, '@'))
			return -EINVAL;
		if (parse_addr(at + 1, src_end - at - 1, &family, &d->source) ||
		    family != d->family)
			return -EINVAL;
		d->has_source = true;
	}
	if (pct) {
		const char *if_end = (at && at > pct) ? at : end;
		size_t if_len = if_end - pct - 1;

		if (if_len == 0 || if_len >= NETFLOW_DEST_IFNAMSIZ ||
		    find_char(pct + 1, end - pct - 1, '%') ||
		    find_char(pct + 1, if_len, '/'))
			return -EINVAL;
		memcpy(d->ifname, pct + 1, if_len);
	}
	return 0;
}

bool netflow_dest_same_target(const struct netflow_dest *a,
			      const struct netflow_dest *b)
{
	return a->family == b->family && a->port == b->port &&
	       !memcmp(&a->addr, &b->addr, sizeof(a->addr));
}

static int append_addr(char *buf, size_t size, size_t *len, u8 family,
		       const union netflow_inaddr *a)
{
	if (family == AF_INET)
		return netflow_append(buf, size, len, "%pI4", &a->ip);
	return netflow_append(buf, size, len, "[%pI6c]", &a->ip6);
}

static int format_one(char *buf, size_t size, size_t *len,
		      const struct netflow_dest *d)
{
	int err;

	err = append_addr(buf, size, len, d->family, &d->addr);
	if (!err)
		err = netflow_append(buf, size, len, ":%u", be16_to_cpu(d->port));
	if (!err && d->has_source)
		err = netflow_append(buf, size, len, "@");
	if (!err && d->has_source)
		err = append_addr(buf, size, len, d->family, &d->source);
	if (!err && d->ifname[0])
		err = netflow_append(buf, size, len, "%%%s", d->ifname);
	return err;
}

/* Length of netflow_dest_format()'s output; an entry is at most 115 chars. */
static size_t canonical_length(const struct netflow_dest *dests, unsigned int n)
{
	char entry[128];
	size_t total = n - 1;	/* the commas */
	unsigned int i;

	for (i = 0; i < n; i++) {
		size_t len = 0;

		if (format_one(entry, sizeof(entry), &len, &dests[i]))
			return SIZE_MAX;
		total += len;
	}
	return total;
}

/**
 * netflow_dest_parse() - parse a destination string
 * @str: NUL-terminated list of collectors
 * @dests: array to fill
 * @max: room in @dests
 * @count: number of collectors found
 *
 * A collector listed twice (same address and port) is kept once.
 *
 * Return: 0; -EINVAL for a malformed entry or an empty list; -E2BIG when
 * there are more than @max collectors, or the string or its canonical form
 * (netflow_dest_format()) is longer than NETFLOW_DEST_STRLEN. On error
 * @dests and @count are left unspecified; callers parse into scratch space.
 */
int netflow_dest_parse(const char *str, struct netflow_dest *dests,
		       unsigned int max, unsigned int *count)
{
	size_t total = strnlen(str, NETFLOW_DEST_STRLEN + 1);
	const char *end = str + total;
	const char *s = str, *item;
	unsigned int n = 0;
	size_t item_len;

	if (total > NETFLOW_DEST_STRLEN)
		return -E2BIG;

	while (netflow_list_next(&s, end, &item, &item_len)) {
		struct netflow_dest d;
		unsigned int i;
		int err;

		err = parse_entry(item, item_len, &d);
		if (err)
			return err;

		for (i = 0; i < n; i++)
			if (netflow_dest_same_target(&dests[i], &d))
				break;
		if (i < n)
			continue;
		if (n == max)
			return -E2BIG;
		dests[n++] = d;
	}
	if (n == 0)
		return -EINVAL;
	/* what the parser takes, its canonical form must fit too (sysctl reads) */
	if (canonical_length(dests, n) > NETFLOW_DEST_STRLEN)
		return -E2BIG;
	*count = n;
	return 0;
}

/**
 * netflow_dest_format() - write collectors in the form the parser reads
 * @buf: output buffer, always NUL-terminated
 * @size: its size
 * @dests: the collectors
 * @count: how many
 *
 * Return: the length written, or -ENOSPC if it did not fit.
 */
int netflow_dest_format(char *buf, size_t size,
			const struct netflow_dest *dests, unsigned int count)
{
	size_t len = 0;
	unsigned int i;
	int err = 0;

	if (size == 0)
		return -ENOSPC;
	buf[0] = '\0';
	for (i = 0; i < count && !err; i++) {
		if (i)
			err = netflow_append(buf, size, &len, ",");
		if (!err)
			err = format_one(buf, size, &len, &dests[i]);
	}
	return err ?: len;
}
