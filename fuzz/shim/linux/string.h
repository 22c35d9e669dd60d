/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace shim of <linux/string.h>: libc's mem* and str* have the same semantics. */
#ifndef _FUZZ_SHIM_LINUX_STRING_H
#define _FUZZ_SHIM_LINUX_STRING_H
#include <linux/types.h>
#include <string.h>

/* the first octet of @s not equal to @c, or NULL (lib/string.c) */
static inline void *memchr_inv(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n; n--, p++)
		if (*p != (unsigned char)c)
			return (void *)p;
	return NULL;
}
#endif
