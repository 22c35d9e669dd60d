/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _NETFLOW_EXPORT_H
#define _NETFLOW_EXPORT_H

#include <linux/workqueue.h>

#include "cache.h"
#include "config.h"
#include "socket.h"
#include "wire.h"

/*
 * The export side of one namespace. Everything here is touched only by
 * the export worker, or by start/stop when the worker is not running.
 */
struct netflow_exporter {
	struct net *net;
	const struct netflow_config *cfg;
	struct netflow_cache *cache;
	struct netflow_stats __percpu *stats;
	struct delayed_work work;
	struct netflow_socket sockets[NETFLOW_DEST_MAX];
	unsigned int nr_sockets;

	/* the datagram being filled */
	u8 pdu[NETFLOW_V5_MAX_LEN];
	unsigned int pdu_records;
	unsigned long pdu_opened;	/* jiffies of its first record */
	u32 flow_sequence;		/* v5: flows sent so far */

	/* the clock of the current scan, for converting flow times */
	unsigned long now_jiffies;
	u64 now_ms;
};

void netflow_export_start(struct netflow_exporter *ex, struct net *net,
			  const struct netflow_config *cfg,
			  struct netflow_cache *cache,
			  struct netflow_stats __percpu *stats);
void netflow_export_stop(struct netflow_exporter *ex);

#endif /* _NETFLOW_EXPORT_H */
