/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Force-included (by kunit/run) into every *_test.c built in the rigged
 * kernel tree.  The runner pins Debian's linux-source-6.1; this fills the
 * gaps between 6.1's KUnit API and the one the suites are written for.
 * Each shim only applies when the kernel lacks the real thing.
 */
#ifndef _NETFLOW_KUNIT_COMPAT_H
#define _NETFLOW_KUNIT_COMPAT_H

#include <kunit/test.h>
#include <linux/string.h>

/* Memory comparisons appeared in 6.2 (kunit: Introduce KUNIT_EXPECT_MEMEQ). */
#ifndef KUNIT_EXPECT_MEMEQ
#define __NETFLOW_KUNIT_MEMCMP(kind, test, left, right, size, op)	\
	KUNIT_##kind##_TRUE_MSG(test,					\
		memcmp((left), (right), (size)) op 0,			\
		"%s " #op " %s over %zu bytes",				\
		#left, #right, (size_t)(size))
#define KUNIT_EXPECT_MEMEQ(test, left, right, size)			\
	__NETFLOW_KUNIT_MEMCMP(EXPECT, test, left, right, size, ==)
#define KUNIT_EXPECT_MEMNEQ(test, left, right, size)			\
	__NETFLOW_KUNIT_MEMCMP(EXPECT, test, left, right, size, !=)
#define KUNIT_ASSERT_MEMEQ(test, left, right, size)			\
	__NETFLOW_KUNIT_MEMCMP(ASSERT, test, left, right, size, ==)
#define KUNIT_ASSERT_MEMNEQ(test, left, right, size)			\
	__NETFLOW_KUNIT_MEMCMP(ASSERT, test, left, right, size, !=)
#define KUNIT_EXPECT_MEMEQ_MSG(test, left, right, size, fmt, ...)	\
	KUNIT_EXPECT_TRUE_MSG(test, !memcmp((left), (right), (size)),	\
			      fmt, ##__VA_ARGS__)
#endif

#endif /* _NETFLOW_KUNIT_COMPAT_H */
