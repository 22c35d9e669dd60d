/* SPDX-License-Identifier: GPL-2.0 */
/*
 * NAT events (docs/natevents.md): a ctnetlink multicast listener per
 * namespace, read by the export worker.
 */
#ifndef _NETFLOW_NATEVENTS_H
#define _NETFLOW_NATEVENTS_H

#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#include "nel.h"

struct net;
struct sock;
struct socket;

/*
 * The listener of one namespace, its queue and its counters. The export
 * worker opens and closes it and takes the queued events; the reader work
 * fills the queue; /proc reads the counters (READ_ONCE()).
 */
struct netflow_natevents {
	struct socket *sock;		/* NULL while natevents=0 */
	void *buf;			/* [reader] one netlink message */
	struct work_struct reader;	/* queued by the socket's data_ready */
	void (*saved_data_ready)(struct sock *sk);
	spinlock_t lock;		/* the queue */
	struct netflow_nat_event *queue;	/* ring, [lock] */
	unsigned int head;		/* [lock] oldest event */
	unsigned int count;		/* [lock] events queued */
	u64 overflow;			/* [lock] events the full queue refused */
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
