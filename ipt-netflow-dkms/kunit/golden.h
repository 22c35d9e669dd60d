/* SPDX-License-Identifier: GPL-2.0 */
/*
 * KUnit helpers for the suites that build messages into a buffer and
 * compare them with hand-assembled golden bytes: the buffer starts filled
 * with GOLDEN_FILL, and what the builder did not write must still be so.
 *
 * Header-only: kunit/run links kunit/ *.h into the rigged tree and the
 * fuzz shim finds it beside the suites. KUNIT_EXPECT_MEMEQ comes from
 * KUnit (6.2+), kunit/kunit_compat.h (6.1) or the shim.
 */
#ifndef _NETFLOW_KUNIT_GOLDEN_H
#define _NETFLOW_KUNIT_GOLDEN_H

#include <kunit/test.h>
#include <linux/string.h>

#define GOLDEN_FILL 0xa5

/* @len octets of test-managed memory, every one GOLDEN_FILL. */
static inline u8 *golden_buf(struct kunit *test, unsigned int len)
{
	u8 *buf = kunit_kmalloc(test, len, GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, buf);
	memset(buf, GOLDEN_FILL, len);
	return buf;
}

/* The @len octets at @p were not written to. */
static inline void golden_expect_untouched(struct kunit *test, const u8 *p,
					   unsigned int len)
{
	unsigned int i;

	for (i = 0; i < len; i++)
		KUNIT_EXPECT_EQ_MSG(test, p[i], GOLDEN_FILL,
				    "octet %u after the end", i);
}

/*
 * A message of @len octets built in @buf (of @cap) is @golden, and
 * nothing past it was written; @name says which in a failure. A wrong
 * length ends the test case.
 */
static inline void golden_expect_msg(struct kunit *test, const u8 *buf,
				     unsigned int len, unsigned int cap,
				     const u8 *golden, unsigned int golden_len,
				     const char *name)
{
	KUNIT_ASSERT_EQ_MSG(test, len, golden_len, "%s", name);
	KUNIT_EXPECT_MEMEQ_MSG(test, buf, golden, len, "%s", name);
	golden_expect_untouched(test, buf + len, cap - len);
}

/* The same for a golden array, named in a failure. */
#define GOLDEN_EXPECT(test, buf, len, cap, golden)			\
	golden_expect_msg(test, buf, len, cap, golden, sizeof(golden), #golden)

#endif /* _NETFLOW_KUNIT_GOLDEN_H */
