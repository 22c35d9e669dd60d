/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace shim of <linux/mutex.h>: the type only (cache.h declares one; nothing here locks). */
#ifndef _FUZZ_SHIM_LINUX_MUTEX_H
#define _FUZZ_SHIM_LINUX_MUTEX_H
struct mutex {
	int locked;
};
#endif
