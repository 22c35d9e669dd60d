/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _NETFLOW_V5_H
#define _NETFLOW_V5_H

#include "record.h"
#include "wire.h"

/* What a v5 header says besides the record count. */
struct netflow_v5_context {
	u32 uptime_ms;
	u32 unix_secs;
	u32 unix_nsecs;
	u32 flow_sequence;
	u8 engine_type;
	u8 engine_id;
	u16 sampling;
};

void netflow_v5_write_header(void *buf, const struct netflow_v5_context *ctx,
			     unsigned int count);
int netflow_v5_write_record(void *buf, const struct netflow_record *rec);

#endif /* _NETFLOW_V5_H */
