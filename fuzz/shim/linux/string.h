/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace shim of <linux/string.h>: libc's mem* and str* have the same semantics. */
#ifndef _FUZZ_SHIM_LINUX_STRING_H
#define _FUZZ_SHIM_LINUX_STRING_H
#include <linux/types.h>
#include <string.h>
#endif
