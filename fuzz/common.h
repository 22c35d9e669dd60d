/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the fuzz targets: a byte-stream reader for the input,
 * exact-size heap buffers (so ASan sees one byte of overflow), CHECK(),
 * and the parse/format/round-trip checks of a parameter string parser
 * (fuzz_parse(), fuzz_format(): aggr, snmp).
 *
 * CHECK(id, cond, fmt, ...) aborts with "FINDING <id>: ..." when @cond is
 * false. Every check has an id; FUZZ_IGNORE="id1,id2" in the environment
 * skips those checks, to keep fuzzing past a finding that is reported but
 * not fixed yet ("all" skips every one: the coverage run uses it to go
 * through every input). make smoke and make fuzz set nothing: every check
 * is on.
 */
#ifndef _FUZZ_COMMON_H
#define _FUZZ_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/errno.h>
#include <linux/types.h>

static inline bool fuzz_ignored(const char *id)
{
	static const char *list;
	static bool read;
	const char *p;
	size_t n = strlen(id);

	if (!read) {
		list = getenv("FUZZ_IGNORE");
		read = true;
	}
	for (p = list; p && *p; ) {
		const char *e = strchr(p, ',');
		size_t len = e ? (size_t)(e - p) : strlen(p);

		if ((len == n && !memcmp(p, id, n)) || (len == 3 && !memcmp(p, "all", 3)))
			return true;
		p = e ? e + 1 : NULL;
	}
	return false;
}

#define CHECK(id, cond, fmt, ...) do {						\
	if (!(cond) && !fuzz_ignored(id)) {					\
		fprintf(stderr, "FINDING %s: %s:%d: " fmt "\n", id, __FILE__,	\
			__LINE__, ##__VA_ARGS__);				\
		abort();							\
	}									\
} while (0)

/* --- input stream: every read past the end yields zeroes ---------------- */

struct stream {
	const u8 *p;
	size_t n;
};

static inline bool st_empty(const struct stream *s)
{
	return s->n == 0;
}

static inline void st_bytes(struct stream *s, void *dst, size_t len)
{
	size_t k = len < s->n ? len : s->n;

	memcpy(dst, s->p, k);
	memset((u8 *)dst + k, 0, len - k);
	s->p += k;
	s->n -= k;
}

static inline u8 st_u8(struct stream *s)
{
	u8 v;

	st_bytes(s, &v, 1);
	return v;
}

static inline u16 st_u16(struct stream *s)
{
	u16 v;

	st_bytes(s, &v, 2);
	return v;
}

static inline u32 st_u32(struct stream *s)
{
	u32 v;

	st_bytes(s, &v, 4);
	return v;
}

static inline u64 st_u64(struct stream *s)
{
	u64 v;

	st_bytes(s, &v, 8);
	return v;
}

/* --- exact-size heap buffers ---------------------------------------------- */

/* @size octets, every one set to @fill; ASan's malloc(0) is a valid 0-byte block. */
static inline void *xalloc(size_t size, int fill)
{
	void *p = malloc(size);

	if (!p)
		abort();
	memset(p, fill, size);
	return p;
}

/* Big-endian reads from a message, independent of the module's structs. */
static inline u64 get_be(const u8 *p, unsigned int len)
{
	u64 v = 0;

	while (len--)
		v = v << 8 | *p++;
	return v;
}

/*
 * @n octets at @p all equal to @c? Through memcmp(), which the fuzzer's
 * comparison tracing does not instrument octet by octet: messages are
 * checked over up to 128 KiB each time.
 */
static inline bool all_eq(const u8 *p, size_t n, u8 c)
{
	static u8 pattern[256][512];
	static bool ready[256];

	if (!ready[c]) {
		memset(pattern[c], c, sizeof(pattern[c]));
		ready[c] = true;
	}
	while (n) {
		size_t k = n < sizeof(pattern[c]) ? n : sizeof(pattern[c]);

		if (memcmp(p, pattern[c], k))
			return false;
		p += k;
		n -= k;
	}
	return true;
}

/* --- a string parser and its formatter ------------------------------------ */

/*
 * What fuzz_parse() and fuzz_format() need of a parser of module
 * parameter strings: parse(str, obj) fills one object of @size octets,
 * format(buf, size, obj) writes its canonical form.
 */
struct fuzz_parser {
	const char *id;		/* checks "<id>-errno", "<id>-format", ... */
	size_t size;		/* of the parsed object */
	size_t strlen_max;	/* a longer string is -E2BIG */
	size_t canon_max;	/* longest canonical form */
	size_t big_buf;		/* a buffer any canonical form fits */
	size_t extra_size;	/* one more buffer size format must handle, or 0 */
	bool fixed_point;	/* check format(parse(canonical)) == canonical */
	int (*parse)(const char *str, void *obj);
	int (*format)(char *buf, size_t size, const void *obj);
	bool (*same)(const void *a, const void *b);
};

/* CHECK() with the id "<parser's id>-<what>". */
#define PCHECK(parser, what, cond, fmt, ...) do {				\
	if (!(cond)) {								\
		char id_[64];							\
		snprintf(id_, sizeof(id_), "%s-%s", (parser)->id, what);	\
		CHECK(id_, false, fmt, ##__VA_ARGS__);				\
	}									\
} while (0)

/*
 * The input is the string up to its first NUL (all of it if none); the
 * octets after that NUL are left in @rest. Parses the string into an
 * exact-size heap block (free() it) and returns it, or NULL if the input
 * is too long to bother or parse refused it, with the right error.
 */
static inline void *fuzz_parse(const struct fuzz_parser *p, const u8 *data,
			       size_t size, size_t *len, struct stream *rest)
{
	const u8 *nul = memchr(data, 0, size);
	char *str;
	void *obj;
	int err;

	*len = nul ? (size_t)(nul - data) : size;
	rest->p = nul ? nul + 1 : data;
	rest->n = nul ? size - *len - 1 : size;
	if (size > 4 * p->strlen_max)
		return NULL;
	str = xalloc(*len + 1, 0);
	memcpy(str, data, *len);
	obj = xalloc(p->size, 0xa5);
	err = p->parse(str, obj);
	free(str);
	if (!err)
		return obj;
	PCHECK(p, "errno", err == -EINVAL || err == -ERANGE || err == -E2BIG,
	       "error %d", err);
	if (*len > p->strlen_max)
		PCHECK(p, "errno", err == -E2BIG, "%zu chars: %d", *len, err);
	free(obj);
	return NULL;
}

/*
 * The canonical form of @a: at most canon_max, and format never writes
 * past @size (exact-size buffers around its length, and one of
 * @seed % (length + 2)), NUL-terminates, and gives -ENOSPC exactly when
 * it does not fit. parse(format(a)) == @a.
 */
static inline void fuzz_format(const struct fuzz_parser *p, const void *a, u8 seed)
{
	size_t canon_len, sizes[6], n = 0, i;
	char *str, *canon, *buf;
	void *b;
	int err, ret;

	canon = xalloc(p->big_buf, 0);
	ret = p->format(canon, p->big_buf, a);
	canon_len = strlen(canon);
	PCHECK(p, "format", ret >= 0 && (size_t)ret == canon_len, "big buffer: %d", ret);
	PCHECK(p, "canonical-len", canon_len <= p->canon_max,
	       "canonical form %zu chars", canon_len);
	sizes[n++] = 0;
	sizes[n++] = 1;
	sizes[n++] = canon_len;
	sizes[n++] = canon_len + 1;
	sizes[n++] = seed % (canon_len + 2);
	if (p->extra_size)
		sizes[n++] = p->extra_size;
	for (i = 0; i < n; i++) {
		buf = xalloc(sizes[i], 0x5a);
		ret = p->format(buf, sizes[i], a);
		if (sizes[i] > canon_len)
			PCHECK(p, "format", ret == (int)canon_len && !strcmp(buf, canon),
			       "size %zu: %d", sizes[i], ret);
		else
			PCHECK(p, "format", ret == -ENOSPC && (sizes[i] == 0 ||
			       !strncmp(buf, canon, strlen(buf))),
			       "size %zu for %zu chars: %d", sizes[i], canon_len, ret);
		free(buf);
	}

	b = xalloc(p->size, 0x5a);
	str = xalloc(canon_len + 1, 0);
	memcpy(str, canon, canon_len);
	err = p->parse(str, b);
	free(str);
	PCHECK(p, "roundtrip", !err && p->same(a, b), "\"%s\": error %d or different",
	       canon, err);
	if (!err && p->fixed_point) {
		buf = xalloc(p->big_buf, 0);
		ret = p->format(buf, p->big_buf, b);
		PCHECK(p, "roundtrip", ret == (int)canon_len && !strcmp(buf, canon),
		       "\"%s\" formats again as \"%s\"", canon, buf);
		free(buf);
	}
	free(b);
	free(canon);
}

#endif
