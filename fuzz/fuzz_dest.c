// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_dest: dest.c, the destination= parser and formatter.
 *
 * The input is the destination string (a NUL is appended; an embedded NUL
 * ends it as it would in the kernel). Checked:
 *  - parse never reads past the string's NUL nor writes past @max entries
 *    (the string and the array are exact-size heap blocks);
 *  - its errors are -EINVAL or -E2BIG, -E2BIG for a string over
 *    NETFLOW_DEST_STRLEN characters; what it accepts is well formed
 *    (family, non-zero port, IPv4 in the first 4 octets of the union and
 *    zeroes after, no source unless has_source, a NUL-terminated interface
 *    name without '%' or '/', no two entries with the same target);
 *  - @max: the same entries with @max = count, -E2BIG with count - 1;
 *  - format never writes past @size (exact-size heap buffers of every size
 *    around the result's length), always NUL-terminates, returns the
 *    length of the canonical form when that fits and -ENOSPC otherwise,
 *    and what it wrote on -ENOSPC is a prefix of the canonical form;
 *  - the canonical form of an accepted string is itself accepted: no
 *    longer than NETFLOW_DEST_STRLEN, and fits the buffer sysctl.c reads
 *    it into (NETFLOW_DEST_STRLEN + 1), each entry the one procfs.c uses
 *    (NETFLOW_DEST_STRLEN / 8);
 *  - parse(format(parse(s))) == parse(s), byte for byte, and formatting
 *    that again gives the same string.
 */
#include <linux/kernel.h>
#include <linux/socket.h>
#include <linux/errno.h>

#include "dest.h"
#include "common.h"

enum {
	SYSCTL_BUF = NETFLOW_DEST_STRLEN + 1,	/* sysctl.c destination_handler() */
	PROCFS_BUF = NETFLOW_DEST_STRLEN / 8,	/* procfs.c show_sock() */
	BIG_BUF = 8192,
};

static void check_dest(const struct netflow_dest *d)
{
	static const u8 zero[16];
	size_t if_len = strnlen(d->ifname, sizeof(d->ifname));

	CHECK("dest-valid", d->family == AF_INET || d->family == AF_INET6,
	      "family %u", d->family);
	CHECK("dest-valid", d->port != 0, "port 0 accepted");
	CHECK("dest-valid", d->has_source == 0 || d->has_source == 1,
	      "has_source %u", d->has_source);
	if (d->family == AF_INET) {
		CHECK("dest-valid", !memcmp((const u8 *)&d->addr + 4, zero, 12),
		      "IPv4 address with garbage after 4 octets");
		CHECK("dest-valid", !memcmp((const u8 *)&d->source + 4, zero, 12),
		      "IPv4 source with garbage after 4 octets");
	}
	if (!d->has_source)
		CHECK("dest-valid", !memcmp(&d->source, zero, 16),
		      "source set without has_source");
	CHECK("dest-valid", if_len < sizeof(d->ifname), "ifname not terminated");
	CHECK("dest-valid", all_eq((const u8 *)d->ifname + if_len,
				   sizeof(d->ifname) - if_len, 0),
	      "bytes after the ifname's NUL are not zero");
	CHECK("dest-valid", !memchr(d->ifname, '%', if_len) &&
	      !memchr(d->ifname, '/', if_len), "ifname with '%%' or '/'");
}

/* Parses @str with room for exactly @max entries. */
static int parse_exact(const char *str, unsigned int max,
		       struct netflow_dest **out, unsigned int *count)
{
	struct netflow_dest *d = xalloc(max * sizeof(*d), 0xa5);
	int err;

	*count = 0xdeadbeef;
	err = netflow_dest_parse(str, d, max, count);
	*out = d;
	return err;
}

/* Formats into an exact-size heap buffer; checks what can be checked alone. */
static int format_exact(size_t size, const struct netflow_dest *d,
			unsigned int n, const char *canon, size_t canon_len)
{
	char *buf = xalloc(size, 0x5a);
	int ret = netflow_dest_format(buf, size, d, n);

	if (size == 0) {
		CHECK("dest-format", ret == -ENOSPC, "size 0: %d", ret);
		free(buf);
		return ret;
	}
	CHECK("dest-format", memchr(buf, '\0', size), "not NUL-terminated (size %zu)",
	      size);
	if (ret >= 0) {
		CHECK("dest-format", (size_t)ret == strlen(buf),
		      "returned %d for a %zu-char string", ret, strlen(buf));
		if (canon)
			CHECK("dest-format", (size_t)ret == canon_len &&
			      !memcmp(buf, canon, canon_len),
			      "size %zu: \"%s\" instead of \"%s\"", size, buf, canon);
	} else {
		CHECK("dest-format", ret == -ENOSPC, "error %d", ret);
		if (canon)
			CHECK("dest-format", !strncmp(buf, canon, strlen(buf)),
			      "-ENOSPC left \"%s\", not a prefix of \"%s\"", buf, canon);
	}
	if (canon)
		/* the contract: "-ENOSPC if it did not fit" */
		CHECK("dest-format-exact", (ret >= 0) == (size >= canon_len + 1),
		      "size %zu, canonical form %zu chars: returned %d",
		      size, canon_len, ret);
	free(buf);
	return ret;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct netflow_dest *a, *b;
	char *c;
	unsigned int na, nb, i, j;
	char *str, *canon;
	size_t len, canon_len, sizes[8];
	int err, ret;

	if (size > 4 * NETFLOW_DEST_STRLEN)
		return 0;
	str = xalloc(size + 1, 0);
	memcpy(str, data, size);
	len = strlen(str);

	err = parse_exact(str, NETFLOW_DEST_MAX, &a, &na);
	if (err) {
		CHECK("dest-errno", err == -EINVAL || err == -E2BIG, "error %d", err);
		if (len > NETFLOW_DEST_STRLEN)
			CHECK("dest-errno", err == -E2BIG, "%zu chars: %d", len, err);
		goto out_a;
	}
	CHECK("dest-accept", len <= NETFLOW_DEST_STRLEN, "%zu chars accepted", len);
	CHECK("dest-accept", na >= 1 && na <= NETFLOW_DEST_MAX, "count %u", na);
	for (i = 0; i < na; i++) {
		check_dest(&a[i]);
		for (j = 0; j < i; j++)
			CHECK("dest-accept", !netflow_dest_same_target(&a[i], &a[j]),
			      "entries %u and %u have the same target", j, i);
	}

	/* room for exactly the entries found, then one less */
	err = parse_exact(str, na, &b, &nb);
	CHECK("dest-max", !err && nb == na && !memcmp(a, b, na * sizeof(*a)),
	      "max=%u: error %d, count %u", na, err, nb);
	free(b);
	err = parse_exact(str, na - 1, &b, &nb);
	CHECK("dest-max", err == -E2BIG, "max=%u for %u entries: error %d",
	      na - 1, na, err);
	free(b);

	/* the canonical form, from a buffer big enough for anything */
	canon = xalloc(BIG_BUF, 0);
	ret = netflow_dest_format(canon, BIG_BUF, a, na);
	CHECK("dest-format", ret > 0, "big buffer: %d", ret);
	canon_len = ret;
	CHECK("dest-format", canon_len == strlen(canon), "length %zu vs %zu",
	      canon_len, strlen(canon));

	/* the canonical form must be acceptable itself */
	CHECK("dest-canonical-len", canon_len <= NETFLOW_DEST_STRLEN,
	      "accepted a %zu-char string whose canonical form is %zu chars, over "
	      "NETFLOW_DEST_STRLEN (%d): the parser rejects it", len, canon_len,
	      NETFLOW_DEST_STRLEN);

	/* exact-size buffers around the length, and the module's own sizes */
	sizes[0] = 0;
	sizes[1] = 1;
	sizes[2] = canon_len;
	sizes[3] = canon_len + 1;
	sizes[4] = canon_len + 2;
	sizes[5] = data[0] % (canon_len + 2);
	sizes[6] = data[size - 1] % (canon_len + 2);
	sizes[7] = canon_len / 2;
	for (i = 0; i < ARRAY_SIZE(sizes); i++)
		format_exact(sizes[i], a, na, canon, canon_len);
	for (i = 0; i < na; i++)
		CHECK("dest-procfs", format_exact(PROCFS_BUF, &a[i], 1, NULL, 0) >= 0,
		      "entry %u does not fit procfs.c's %d-byte buffer", i, PROCFS_BUF);

	/* what the parser accepted must read back: a re-parse, sysctl.c */
	CHECK("dest-sysctl", format_exact(SYSCTL_BUF, a, na, canon, canon_len) >= 0,
	      "canonical form (%zu chars) does not fit sysctl.c's %d-byte buffer: "
	      "reading net.netflow.destination gives \"\"", canon_len, SYSCTL_BUF);

	if (canon_len > NETFLOW_DEST_STRLEN)	/* reported above */
		goto out_canon;
	err = parse_exact(canon, NETFLOW_DEST_MAX, &b, &nb);
	CHECK("dest-roundtrip", !err, "\"%s\" -> \"%s\": error %d", str, canon, err);
	CHECK("dest-roundtrip", err || (nb == na && !memcmp(a, b, na * sizeof(*a))),
	      "\"%s\" -> \"%s\": %u entries, then %u, or different", str, canon,
	      na, nb);

	/* the canonical form is a fixed point */
	if (!err && nb <= NETFLOW_DEST_MAX) {
		c = xalloc(BIG_BUF, 0);
		ret = netflow_dest_format(c, BIG_BUF, b, nb);
		CHECK("dest-roundtrip", ret == (int)canon_len && !strcmp(c, canon),
		      "\"%s\" formats again as \"%s\"", canon, c);
		free(c);
	}
	free(b);
out_canon:
	free(canon);
out_a:
	free(a);
	free(str);
	return 0;
}
