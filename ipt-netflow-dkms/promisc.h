/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _NETFLOW_PROMISC_H
#define _NETFLOW_PROMISC_H

struct netflow_net;

void netflow_promisc_set(struct netflow_net *nn, unsigned int on);
void netflow_promisc_net_init(struct netflow_net *nn);
void netflow_promisc_net_exit(struct netflow_net *nn);

#endif /* _NETFLOW_PROMISC_H */
