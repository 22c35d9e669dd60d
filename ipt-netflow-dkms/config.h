/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _NETFLOW_CONFIG_H
#define _NETFLOW_CONFIG_H

#include "dest.h"

/* The settings of one namespace's exporter. */
struct netflow_config {
	struct netflow_dest dests[NETFLOW_DEST_MAX];
	unsigned int nr_dests;
	unsigned int protocol;		/* 5 */
	unsigned int active_timeout;	/* seconds */
	unsigned int inactive_timeout;	/* seconds */
	unsigned int maxflows;		/* 0 = unlimited */
	unsigned int hashsize;		/* buckets, 0 = by memory size */
	int sndbuf;			/* 0 = kernel default */
	u32 engine_id;
};

int netflow_params_check(void);
void netflow_params_to_config(struct netflow_config *cfg);

#endif /* _NETFLOW_CONFIG_H */
