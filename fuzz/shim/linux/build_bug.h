/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace shim of <linux/build_bug.h>: the kernel's one-argument static_assert. */
#ifndef _FUZZ_SHIM_LINUX_BUILD_BUG_H
#define _FUZZ_SHIM_LINUX_BUILD_BUG_H

#define static_assert(expr, ...) __static_assert(expr, ##__VA_ARGS__, #expr)
#define __static_assert(expr, msg, ...) _Static_assert(expr, msg)

#define BUILD_BUG_ON(cond) _Static_assert(!(cond), "BUILD_BUG_ON(" #cond ")")

#endif
