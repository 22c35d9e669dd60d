/* SPDX-License-Identifier: GPL-2.0 */
#ifndef NETFLOW_SNMP_READFILE_H
#define NETFLOW_SNMP_READFILE_H

#include <stddef.h>

enum { NF_READ_MAX = 64 << 20 };	/* refuse files larger than this */

/*
 * Reads all of PATH, whatever its size (a /proc file reports size 0, so
 * the buffer grows as it fills), into a malloc'ed *BUF of *LEN bytes plus
 * a NUL. Returns 0 or -errno (-EFBIG past NF_READ_MAX).
 */
int nf_read_file(const char *path, char **buf, size_t *len);

#endif /* NETFLOW_SNMP_READFILE_H */
