/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _NETFLOW_CONFIG_H
#define _NETFLOW_CONFIG_H

#include "dest.h"

/*
 * The settings of one namespace. Written only under the namespace mutex;
 * the scalars are read anywhere with READ_ONCE(), the destinations only
 * by the export worker, which is paused while they change.
 */
struct netflow_config {
	struct netflow_dest dests[NETFLOW_DEST_MAX];
	unsigned int nr_dests;
	unsigned int protocol;		/* 5, 9 or 10 (IPFIX) */
	unsigned int active_timeout;	/* seconds */
	unsigned int inactive_timeout;	/* seconds */
	unsigned int maxflows;		/* 0 = unlimited */
	unsigned int hashsize;		/* buckets, 0 = by memory size */
	unsigned int sndbuf;		/* bytes, 0 = kernel default */
	unsigned int engine_id;
	unsigned int refresh_rate;	/* templates every N export packets */
	unsigned int timeout_rate;	/* templates every N minutes */
	unsigned int scan_min;		/* ms between export scans, at least */
	unsigned int debug;
};

enum {
	NETFLOW_TIMEOUT_MAX = 7 * 24 * 3600,
	NETFLOW_HASHSIZE_MIN = 256,
	NETFLOW_HASHSIZE_MAX = 1 << 26,
};

bool netflow_protocol_valid(unsigned int protocol);
int netflow_params_check(void);
void netflow_params_to_config(struct netflow_config *cfg);
int netflow_params_exportcpu(void);

#endif /* _NETFLOW_CONFIG_H */
