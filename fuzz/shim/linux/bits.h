/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace shim of <linux/bits.h>: BIT() and BIT_ULL() live in the shim's kernel.h. */
#ifndef _FUZZ_SHIM_LINUX_BITS_H
#define _FUZZ_SHIM_LINUX_BITS_H
#include <linux/kernel.h>
#endif
