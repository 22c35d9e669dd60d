/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _NETFLOW_PROCFS_H
#define _NETFLOW_PROCFS_H

struct net;

int netflow_procfs_net_init(struct net *net);
void netflow_procfs_net_exit(struct net *net);

#endif /* _NETFLOW_PROCFS_H */
