/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace shim of <linux/spinlock.h>: types only, for cache.h; atomic_t, cache alignment. */
#ifndef _FUZZ_SHIM_LINUX_SPINLOCK_H
#define _FUZZ_SHIM_LINUX_SPINLOCK_H
typedef struct {
	int locked;
} spinlock_t;
typedef struct {
	int counter;
} atomic_t;
#define ____cacheline_aligned_in_smp	__attribute__((__aligned__(64)))
#endif
