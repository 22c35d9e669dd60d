/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _NETFLOW_PIPELINE_H
#define _NETFLOW_PIPELINE_H

#include "cache.h"

struct netflow_net;
struct netflow_instance;

/*
 * A packet waiting on its CPU to be metered, its bucket already being
 * loaded. Plain packets (no optional fields) go this way.
 */
struct netflow_pending {
	struct netflow_net *nn;
	struct netflow_instance *inst;
	unsigned long now;		/* jiffies when it passed the target */
	u32 hash;
	u32 maxflows;			/* in force when it passed the target */
	struct netflow_packet pkt;
};

struct netflow_pending *netflow_pipeline_slot(void);
void netflow_pipeline_commit(void);
void netflow_pipeline_kick(void);
void netflow_pipeline_drain(void);
void netflow_pipeline_init(void);
void netflow_pipeline_exit(void);

void netflow_count_metered(struct netflow_stats __percpu *stats, int err,
			   u32 bytes);

#endif /* _NETFLOW_PIPELINE_H */
