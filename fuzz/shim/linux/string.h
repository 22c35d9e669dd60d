/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace shim of <linux/string.h>: libc's mem* and str* have the same semantics. */
#ifndef _FUZZ_SHIM_LINUX_STRING_H
#define _FUZZ_SHIM_LINUX_STRING_H
#include <linux/types.h>
#include <string.h>

/* lib/string.c: the first byte that is not @c, or NULL */
static inline void *memchr_inv(const void *start, int c, size_t bytes)
{
	const u8 *p = start;

	for (; bytes; p++, bytes--)
		if (*p != (u8)c)
			return (void *)p;
	return NULL;
}
#endif
