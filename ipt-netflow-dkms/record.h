/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One flow as the encoders see it: a snapshot taken by the exporter,
 * with times already converted to milliseconds of system uptime.
 */
#ifndef _NETFLOW_RECORD_H
#define _NETFLOW_RECORD_H

#include "key.h"

/* RFC 7012 flowEndReason values. */
enum netflow_end_reason {
	NETFLOW_END_IDLE = 1,
	NETFLOW_END_ACTIVE = 2,
	NETFLOW_END_OF_FLOW = 3,	/* TCP FIN or RST seen */
	NETFLOW_END_FORCED = 4,		/* flush, unload, reconfiguration */
};

struct netflow_record {
	struct netflow_key key;
	union netflow_inaddr nexthop;
	u32 out_ifindex;
	u64 packets;
	u64 bytes;			/* layer 3 bytes */
	u64 first_ms;			/* uptime at the first packet */
	u64 last_ms;			/* uptime at the last packet */
	u8 tcp_flags;
	u8 end_reason;
};

#endif /* _NETFLOW_RECORD_H */
