/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _NETFLOW_V9_H
#define _NETFLOW_V9_H

#include "tmpl.h"

/* What a v9 header says besides the record count. */
struct netflow_v9_context {
	u32 uptime_ms;			/* sysUptime, the clock of the records */
	u32 unix_secs;
	u32 sequence;			/* export packets sent before this one */
	u32 source_id;
};

void netflow_v9_begin(struct netflow_msg *msg, void *buf, unsigned int cap);
unsigned int netflow_v9_finish(struct netflow_msg *msg,
			       const struct netflow_v9_context *ctx);

#endif /* _NETFLOW_V9_H */
