/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Differences between the kernels we build for. Force-included into
 * every object by Kbuild; no other file tests kernel versions.
 */
#ifndef _NETFLOW_COMPAT_H
#define _NETFLOW_COMPAT_H

#include <linux/version.h>

#if KERNEL_VERSION(5, 10, 0) > LINUX_VERSION_CODE
#error "ipt_NETFLOW needs Linux 5.10 or newer"
#endif

#endif /* _NETFLOW_COMPAT_H */
