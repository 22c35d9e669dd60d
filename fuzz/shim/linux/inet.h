/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace shim of <linux/inet.h>; the functions are net/core/utils.c's, in lib/utils.c. */
#ifndef _FUZZ_SHIM_LINUX_INET_H
#define _FUZZ_SHIM_LINUX_INET_H
#include <linux/types.h>

#define INET_ADDRSTRLEN		(16)
#define INET6_ADDRSTRLEN	(48)

int in4_pton(const char *src, int srclen, u8 *dst, int delim, const char **end);
int in6_pton(const char *src, int srclen, u8 *dst, int delim, const char **end);
#endif
