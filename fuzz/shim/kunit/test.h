/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A userspace <kunit/test.h>: just enough of KUnit for the pure tier's
 * suites (ipt-netflow-dkms/kunit/{dest,v5,tmpl,v9,ipfix,rate}_test.c) to
 * run, unchanged, against the pure files and this shim (kunit_main.c).
 * They pass in the kernel, so they passing here says the shim behaves as
 * the kernel does on everything they exercise.
 */
#ifndef _FUZZ_SHIM_KUNIT_TEST_H
#define _FUZZ_SHIM_KUNIT_TEST_H

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>

#define GFP_KERNEL 0
#define KUNIT_PARAM_DESC_SIZE 128
#define MAX_ERRNO 4095
#define IS_ERR_VALUE(x) ((unsigned long)(void *)(x) >= (unsigned long)-MAX_ERRNO)

struct kunit {
	const char *name;
	const void *param_value;
	int failures;
	jmp_buf abort;
	void *allocs[64];
	unsigned int nallocs;
};

struct kunit_case {
	void (*run_case)(struct kunit *test);
	const char *name;
	const void *(*generate_params)(const void *prev, char *desc);
};

struct kunit_suite {
	const char *name;
	struct kunit_case *test_cases;
	int (*init)(struct kunit *test);
	void (*exit)(struct kunit *test);
};

void kunit_register(struct kunit_suite *suite);
void *kunit_kmalloc(struct kunit *test, size_t size, int gfp);
void kunit_fail(struct kunit *test, const char *file, int line, bool assert,
		const char *fmt, ...) __attribute__((__format__(__printf__, 5, 6)));

static inline void *kunit_kzalloc(struct kunit *test, size_t size, int gfp)
{
	void *p = kunit_kmalloc(test, size, gfp);

	if (p)
		memset(p, 0, size);
	return p;
}

static inline void *kunit_kcalloc(struct kunit *test, size_t n, size_t size,
				  int gfp)
{
	if (size && n > SIZE_MAX / size)
		return NULL;
	return kunit_kzalloc(test, n * size, gfp);
}

/* lib/string.c: copies with truncation, -E2BIG if it truncated */
static inline ssize_t strscpy(char *dst, const char *src, size_t size)
{
	size_t len = strnlen(src, size);

	if (!size)
		return -E2BIG;
	if (len == size) {
		memcpy(dst, src, size - 1);
		dst[size - 1] = '\0';
		return -E2BIG;
	}
	memcpy(dst, src, len + 1);
	return len;
}

#define KUNIT_CASE(fn) { .run_case = fn, .name = #fn }
#define KUNIT_CASE_PARAM(fn, gen) { .run_case = fn, .name = #fn, .generate_params = gen }

#define KUNIT_ARRAY_PARAM(name, array, get_desc)				\
	static const void *name##_gen_params(const void *prev, char *desc)	\
	{									\
		__typeof__((array)[0]) *__next = prev ? ((__typeof__(__next))prev) + 1 : (array); \
		if (__next - (array) < (long)ARRAY_SIZE(array)) {		\
			void (*__get_desc)(__typeof__(__next), char *) = get_desc; \
			if (__get_desc)						\
				__get_desc(__next, desc);			\
			return __next;						\
		}								\
		return NULL;							\
	}

#define kunit_test_suite(suite)							\
	__attribute__((constructor)) static void __kunit_reg_##suite(void)	\
	{									\
		kunit_register(&suite);						\
	}

#define __KUNIT_FAIL(test, assert, ...) do {					\
	kunit_fail(test, __FILE__, __LINE__, assert, __VA_ARGS__);		\
	if (assert)								\
		longjmp((test)->abort, 1);					\
} while (0)

#define KUNIT_FAIL(test, ...) __KUNIT_FAIL(test, false, __VA_ARGS__)

/* the optional message is formatted first, then the failure with it */
#define __KUNIT_MSG(buf, fmt, ...) snprintf(buf, sizeof(buf), "" fmt, ##__VA_ARGS__)

#define __KUNIT_BINARY(test, assert, l, op, r, fmt, ...) do {			\
	__auto_type __l = (l);							\
	__auto_type __r = (r);							\
	if (!(__l op __r)) {							\
		char __m[256];							\
		__KUNIT_MSG(__m, fmt, ##__VA_ARGS__);				\
		__KUNIT_FAIL(test, assert, "%s %s %s: %lld vs %lld%s%s", #l, #op, #r, \
			     (long long)__l, (long long)__r, __m[0] ? "; " : "", __m); \
	}									\
} while (0)

#define KUNIT_EXPECT_EQ(t, l, r) __KUNIT_BINARY(t, false, l, ==, r, "")
#define KUNIT_EXPECT_NE(t, l, r) __KUNIT_BINARY(t, false, l, !=, r, "")
#define KUNIT_EXPECT_LT(t, l, r) __KUNIT_BINARY(t, false, l, <, r, "")
#define KUNIT_EXPECT_LE(t, l, r) __KUNIT_BINARY(t, false, l, <=, r, "")
#define KUNIT_EXPECT_GT(t, l, r) __KUNIT_BINARY(t, false, l, >, r, "")
#define KUNIT_EXPECT_GE(t, l, r) __KUNIT_BINARY(t, false, l, >=, r, "")
#define KUNIT_ASSERT_EQ(t, l, r) __KUNIT_BINARY(t, true, l, ==, r, "")
#define KUNIT_ASSERT_NE(t, l, r) __KUNIT_BINARY(t, true, l, !=, r, "")
#define KUNIT_ASSERT_LT(t, l, r) __KUNIT_BINARY(t, true, l, <, r, "")
#define KUNIT_ASSERT_LE(t, l, r) __KUNIT_BINARY(t, true, l, <=, r, "")
#define KUNIT_ASSERT_GT(t, l, r) __KUNIT_BINARY(t, true, l, >, r, "")
#define KUNIT_ASSERT_GE(t, l, r) __KUNIT_BINARY(t, true, l, >=, r, "")
#define KUNIT_ASSERT_EQ_MSG(t, l, r, ...) __KUNIT_BINARY(t, true, l, ==, r, __VA_ARGS__)
#define KUNIT_EXPECT_PTR_EQ(t, l, r) \
	__KUNIT_BOOL(t, false, (const void *)(l) == (const void *)(r), true, "")
#define KUNIT_EXPECT_EQ_MSG(t, l, r, ...) __KUNIT_BINARY(t, false, l, ==, r, __VA_ARGS__)
#define KUNIT_EXPECT_LT_MSG(t, l, r, ...) __KUNIT_BINARY(t, false, l, <, r, __VA_ARGS__)
#define KUNIT_EXPECT_LE_MSG(t, l, r, ...) __KUNIT_BINARY(t, false, l, <=, r, __VA_ARGS__)
#define KUNIT_EXPECT_GT_MSG(t, l, r, ...) __KUNIT_BINARY(t, false, l, >, r, __VA_ARGS__)
#define KUNIT_EXPECT_GE_MSG(t, l, r, ...) __KUNIT_BINARY(t, false, l, >=, r, __VA_ARGS__)

#define __KUNIT_BOOL(t, assert, cond, want, fmt, ...) do {			\
	if (!!(cond) != (want)) {						\
		char __m[256];							\
		__KUNIT_MSG(__m, fmt, ##__VA_ARGS__);				\
		__KUNIT_FAIL(t, assert, "%s is %s%s%s", #cond,			\
			     (want) ? "false" : "true", __m[0] ? "; " : "", __m); \
	}									\
} while (0)
#define KUNIT_EXPECT_TRUE(t, c) __KUNIT_BOOL(t, false, c, true, "")
#define KUNIT_EXPECT_FALSE(t, c) __KUNIT_BOOL(t, false, c, false, "")
#define KUNIT_ASSERT_TRUE(t, c) __KUNIT_BOOL(t, true, c, true, "")
#define KUNIT_ASSERT_FALSE(t, c) __KUNIT_BOOL(t, true, c, false, "")
#define KUNIT_EXPECT_TRUE_MSG(t, c, ...) __KUNIT_BOOL(t, false, c, true, __VA_ARGS__)
#define KUNIT_EXPECT_FALSE_MSG(t, c, ...) __KUNIT_BOOL(t, false, c, false, __VA_ARGS__)

#define KUNIT_ASSERT_NOT_NULL(t, p) __KUNIT_BOOL(t, true, (p) != NULL, true, "")
#define KUNIT_EXPECT_NOT_NULL(t, p) __KUNIT_BOOL(t, false, (p) != NULL, true, "")
#define KUNIT_ASSERT_NOT_ERR_OR_NULL(t, p) \
	__KUNIT_BOOL(t, true, (p) && !IS_ERR_VALUE(p), true, "")
#define KUNIT_EXPECT_NOT_ERR_OR_NULL(t, p) \
	__KUNIT_BOOL(t, false, (p) && !IS_ERR_VALUE(p), true, "")
#define KUNIT_EXPECT_NOT_ERR_OR_NULL_MSG(t, p, ...) \
	__KUNIT_BOOL(t, false, (p) && !IS_ERR_VALUE(p), true, __VA_ARGS__)

#define KUNIT_EXPECT_STREQ(t, a, b) do {					\
	const char *__a = (a), *__b = (b);					\
	if (strcmp(__a, __b))							\
		__KUNIT_FAIL(t, false, "%s == %s: \"%s\" vs \"%s\"", #a, #b, __a, __b); \
} while (0)

#define __KUNIT_MEMEQ(t, assert, a, b, n, fmt, ...) do {			\
	const void *__a = (a), *__b = (b);					\
	size_t __n = (n);							\
	if (memcmp(__a, __b, __n)) {						\
		char __m[256];							\
		__KUNIT_MSG(__m, fmt, ##__VA_ARGS__);				\
		__KUNIT_FAIL(t, assert, "%s == %s (%zu octets) differ%s%s",	\
			     #a, #b, __n, __m[0] ? "; " : "", __m);		\
	}									\
} while (0)
#define KUNIT_EXPECT_MEMEQ(t, a, b, n) __KUNIT_MEMEQ(t, false, a, b, n, "")
#define KUNIT_ASSERT_MEMEQ(t, a, b, n) __KUNIT_MEMEQ(t, true, a, b, n, "")
#define KUNIT_EXPECT_MEMEQ_MSG(t, a, b, n, ...) \
	__KUNIT_MEMEQ(t, false, a, b, n, __VA_ARGS__)

#endif
