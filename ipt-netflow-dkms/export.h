/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _NETFLOW_EXPORT_H
#define _NETFLOW_EXPORT_H

#include <linux/workqueue.h>

#include "cache.h"
#include "rate.h"
#include "config.h"
#include "socket.h"
#include "wire.h"

/*
 * The export side of one namespace. Everything here is touched only by
 * the export worker, or under the namespace mutex while the worker is
 * paused.
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
	u64 pdu_packets;		/* traffic its records describe */
	u64 pdu_bytes;
	unsigned long pdu_opened;	/* jiffies of its first record */
	u32 flow_sequence;		/* v5: flows sent so far */

	/* the clock of the current scan, for converting flow times */
	unsigned long now_jiffies;
	u64 now_ms;

	/* estimators, updated every NETFLOW_RATE_PERIOD seconds */
	unsigned int peak_flows;
	unsigned long peak_time;	/* jiffies */
	unsigned long rates_updated;
	struct netflow_rate in_pps;
	struct netflow_rate in_bps;
	struct netflow_rate out_byte_rate;
	struct netflow_rate *cpu_pps;	/* [nr_cpu_ids] */
};

int netflow_export_start(struct netflow_exporter *ex, struct net *net,
			 const struct netflow_config *cfg,
			 struct netflow_cache *cache,
			 struct netflow_stats __percpu *stats);
void netflow_export_stop(struct netflow_exporter *ex);

/* Reconfiguration: pause, change, resume; all under the namespace mutex. */
void netflow_export_pause(struct netflow_exporter *ex);
void netflow_export_resume(struct netflow_exporter *ex);
void netflow_export_flush(struct netflow_exporter *ex);
void netflow_export_reopen_sockets(struct netflow_exporter *ex);

#endif /* _NETFLOW_EXPORT_H */
