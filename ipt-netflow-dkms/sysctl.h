/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _NETFLOW_SYSCTL_H
#define _NETFLOW_SYSCTL_H

struct netflow_net;

int netflow_sysctl_net_init(struct netflow_net *nn);
void netflow_sysctl_net_exit(struct netflow_net *nn);

#endif /* _NETFLOW_SYSCTL_H */
