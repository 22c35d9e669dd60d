/* SPDX-License-Identifier: GPL-2.0 */
/*
 * NAT events (docs/natevents.md): a ctnetlink multicast listener per
 * namespace, read by the export worker.
 */
#ifndef _NETFLOW_NATEVENTS_H
#define _NETFLOW_NATEVENTS_H

#include <linux/types.h>

#include "nel.h"

struct net;
struct socket;

/*
 * The listener of one namespace and its counters. Only the export worker
 * touches it; /proc reads the counters (READ_ONCE()).
 */
struct netflow_natevents {
	struct socket *sock;		/* NULL while natevents=0 */
	void *buf;			/* one netlink message */
	int open_err;			/* the last failed open, 0 if none */
	unsigned long retry;		/* jiffies: when to try opening again */
	u64 created;			/* NAT events exported */
	u64 deleted;
	u64 lost;			/* conntrack events the queue dropped */
	u64 lost_closed;		/* of listeners closed before */
	u64 unexportable;		/* IPv6 NAT, or no room in the datagram */
};

/* Puts one event into the export stream; 0 when it went in. */
typedef int (*netflow_nat_emit_t)(void *ctx, const struct netflow_nat_event *ev);

void netflow_natevents_poll(struct netflow_natevents *nat, struct net *net,
			    unsigned int mode, netflow_nat_emit_t emit,
			    void *ctx);
void netflow_natevents_close(struct netflow_natevents *nat);

#endif /* _NETFLOW_NATEVENTS_H */
