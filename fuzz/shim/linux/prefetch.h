/* SPDX-License-Identifier: GPL-2.0 */
/* Shim: prefetch() as the kernel's generic fallback has it. */
#ifndef _SHIM_LINUX_PREFETCH_H
#define _SHIM_LINUX_PREFETCH_H

static inline void prefetch(const void *x)
{
	__builtin_prefetch(x);
}

#endif
