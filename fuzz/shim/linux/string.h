/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace shim of <linux/string.h>: libc's mem* and str* have the same semantics. */
#ifndef _FUZZ_SHIM_LINUX_STRING_H
#define _FUZZ_SHIM_LINUX_STRING_H
#include <linux/types.h>
#include <string.h>

/* The first octet in @p[0..n) that is not @c, or NULL: lib/string.c's. */
static inline void *memchr_inv(const void *p, int c, size_t n)
{
	const unsigned char *s = p;

	for (; n; n--, s++)
		if (*s != (unsigned char)c)
			return (void *)s;
	return NULL;
}
#endif
