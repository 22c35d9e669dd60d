/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace shim of <linux/kstrtox.h>; the functions are lib/kstrtox.c's, in lib/kstrtox.c. */
#ifndef _FUZZ_SHIM_LINUX_KSTRTOX_H
#define _FUZZ_SHIM_LINUX_KSTRTOX_H
#include <linux/types.h>

int kstrtoull(const char *s, unsigned int base, unsigned long long *res);
int kstrtoll(const char *s, unsigned int base, long long *res);
int kstrtouint(const char *s, unsigned int base, unsigned int *res);
int kstrtoint(const char *s, unsigned int base, int *res);
int kstrtou16(const char *s, unsigned int base, u16 *res);
int kstrtou8(const char *s, unsigned int base, u8 *res);
int kstrtobool(const char *s, bool *res);
#endif
