/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace shim of <linux/errno.h>: the UAPI numbers (asm-generic), which
 * are the kernel's. glibc's <errno.h> includes <linux/errno.h> too, so
 * this must stay a plain pass-through.
 */
#ifndef _FUZZ_SHIM_LINUX_ERRNO_H
#define _FUZZ_SHIM_LINUX_ERRNO_H
#include_next <linux/errno.h>
#endif
