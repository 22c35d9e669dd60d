/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the fuzz targets: a byte-stream reader for the input,
 * exact-size heap buffers (so ASan sees one byte of overflow), and CHECK().
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

#endif
