/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace shim of <linux/siphash.h>: hsiphash_key_t as 6.1 has it on 64-bit. */
#ifndef _FUZZ_SHIM_LINUX_SIPHASH_H
#define _FUZZ_SHIM_LINUX_SIPHASH_H
typedef struct {
	unsigned long key[2];
} hsiphash_key_t;
#endif
