/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace shim of <linux/version.h>: the kernel the KUnit runner builds (6.1). */
#ifndef _FUZZ_SHIM_LINUX_VERSION_H
#define _FUZZ_SHIM_LINUX_VERSION_H
#define KERNEL_VERSION(a, b, c) (((a) << 16) + ((b) << 8) + ((c) > 255 ? 255 : (c)))
#define LINUX_VERSION_CODE KERNEL_VERSION(6, 1, 0)
#endif
