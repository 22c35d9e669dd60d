/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _NETFLOW_NETNS_H
#define _NETFLOW_NETNS_H

#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <net/net_namespace.h>

#include "cache.h"
#include "config.h"
#include "export.h"

/*
 * A namespace's meter and exporter, created when its first NETFLOW rule
 * is inserted, so namespaces without rules cost almost nothing.
 */
struct netflow_instance {
	struct netflow_cache cache;
	struct netflow_exporter exporter;
};

/*
 * Locking legend: [m] the mutex; [R] RCU-published, read on the packet
 * path; [I] set at namespace creation.
 */
struct netflow_net {
	struct net *net;				/* [I] */
	struct mutex mutex;		/* serialises configuration and teardown */
	struct netflow_config cfg;			/* [m] for writes */
	struct netflow_instance __rcu *instance;	/* [m] [R] */
	struct netflow_stats __percpu *stats;		/* [I] */
	struct ctl_table_header *sysctl;		/* [I] */
};

struct netflow_net *netflow_net(const struct net *net);
int netflow_net_activate(struct net *net);
int netflow_net_activate_locked(struct netflow_net *nn);
struct netflow_instance *netflow_net_instance(struct netflow_net *nn);
int netflow_netns_init(void);
void netflow_netns_exit(void);

#endif /* _NETFLOW_NETNS_H */
