/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _NETFLOW_EXPORT_H
#define _NETFLOW_EXPORT_H

#include <linux/workqueue.h>

#include "cache.h"
#include "config.h"
#include "natevents.h"
#include "options.h"
#include "rate.h"
#include "socket.h"
#include "tmpl.h"
#include "wire.h"

enum {
	/* largest datagram payload we build; the path MTU usually caps it */
	NETFLOW_PDU_MAX = 1472,
};

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

	/* the datagram being filled, in the protocol of the session */
	unsigned int protocol;		/* 5, 9, 10; 0 before the first flow */
	u8 pdu[NETFLOW_PDU_MAX];
	unsigned int pdu_cap;		/* what fits the path MTU */
	bool msg_open;			/* a datagram is being built */
	bool pdu_full;			/* v5: no room for another record */
	bool v6_explained;		/* the log says why IPv6 is not in v5 */
	unsigned int pdu_records;	/* flow records in it */
	u64 pdu_packets;		/* traffic its records describe */
	u64 pdu_bytes;
	unsigned long pdu_opened;	/* jiffies of its first record */
	struct netflow_msg msg;		/* v9 and IPFIX: set layout */

	/* sequence numbers, one per protocol so that each stream is whole */
	u32 v5_flows;			/* v5: flows sent */
	u32 v9_packets;			/* v9: export packets sent */
	u32 ipfix_records;		/* IPFIX: data records sent */
	u32 msgs_sent;			/* datagrams, for the template refresh rule */
	struct netflow_tmpl_refresh refresh[NETFLOW_TMPL_COUNT];
	/* data templates with optional fields (docs/fields.md) */
	struct netflow_tmpl_layout layout;
	u32 layout_extras;		/* what it was built for; 0: base templates */
	unsigned int layout_proto;	/* 9 or 10; 0: none built */
	unsigned int layout_gen;	/* layouts built: the ids' generation */

	/* options (docs/options.md): templates, and when records last went */
	struct netflow_tmpl_refresh opt_refresh[NETFLOW_OPT_COUNT];
	u64 opt_sent_ms[NETFLOW_OPT_COUNT];	/* uptime ms */
	bool opt_sent[NETFLOW_OPT_COUNT];
	u32 if_hash;			/* of the interface table last sent */
	u64 if_checked_ms;		/* uptime ms of the last change check */
	struct netflow_sampler opt_sampler;	/* the sampler last described */
	u64 start_ms;			/* uptime ms the totals count from */
	bool stopping;			/* netflow_export_stop() is running */

	/* natevents (docs/natevents.md): the listener, the NEL template */
	struct netflow_natevents nat;
	struct netflow_tmpl_refresh nel_refresh;

	/* the clock of the current scan, for converting flow times */
	unsigned long now_jiffies;
	u64 now_ms;
	u64 boot_epoch_ms;

	/* sampler=deterministic/random: which ended flows go out */
	struct netflow_sampler sampler;	/* the one the state counts for */
	struct netflow_sampler_state sampler_state;

	unsigned int peak_flows;
	unsigned long peak_time;	/* jiffies */

	/* estimators, updated every NETFLOW_RATE_PERIOD seconds */
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
