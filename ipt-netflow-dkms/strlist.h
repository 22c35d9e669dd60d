/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What every list option (destination=, aggregation=, snmp-rules=) shares:
 * the items' separators when parsing, bounded appends when formatting.
 */
#ifndef _NETFLOW_STRLIST_H
#define _NETFLOW_STRLIST_H

#include <linux/kernel.h>
#include <linux/types.h>

bool netflow_list_next(const char **pos, const char *end,
		       const char **item, size_t *len);
__printf(4, 5) int netflow_append(char *buf, size_t size, size_t *len,
				  const char *fmt, ...);

#endif /* _NETFLOW_STRLIST_H */
