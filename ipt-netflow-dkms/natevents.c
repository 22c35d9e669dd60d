// SPDX-License-Identifier: GPL-2.0
/*
 * NAT events from conntrack. Rather than taking over the namespace's one
 * conntrack event notifier (ctnetlink's), the module listens like
 * `conntrack -E` does: a kernel netlink socket in the namespace, bound to
 * the ctnetlink multicast groups of new and destroyed conntracks. ctnetlink
 * keeps serving its other listeners, and as a listener this socket also
 * makes nf_conntrack_events=2 (the default) attach events to conntracks.
 *
 * The export worker opens the socket when natevents is switched on and
 * closes it when natevents goes off. A message arriving wakes the reader
 * work, which parses it at once (so the event's time is when it happened,
 * give or take scheduling) into a bounded queue; the export worker takes
 * the queued events on its next run. Losses are counted, never waited
 * for: messages netlink dropped because the socket's receive queue was
 * full (sk_drops), and events the full queue refused.
 */
#include <linux/jiffies.h>
#include <linux/mm.h>
#include <linux/net.h>
#include <linux/netfilter/nf_conntrack_common.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_conntrack.h>
#include <linux/netlink.h>
#include <linux/slab.h>
#include <linux/socket.h>
#include <linux/timekeeping.h>
#include <net/netlink.h>
#include <net/sock.h>

#include "natevents.h"

#define NAT_BUF_LEN	8192		/* one ctnetlink event message fits */
#define NAT_RCVBUF	BIT(20)		/* the kernel doubles it */
#define NAT_QUEUE_LEN	4096		/* parsed events waiting for export */
#define NAT_MAX_PER_RUN	256		/* messages read per reader run */
#define NAT_RETRY	(5 * HZ)	/* after a failed open */

static void nat_data_ready(struct sock *sk)
{
	struct netflow_natevents *nat;

	read_lock_bh(&sk->sk_callback_lock);
	nat = sk->sk_user_data;
	if (nat)
		queue_work(system_wq, &nat->reader);
	read_unlock_bh(&sk->sk_callback_lock);
}

static void nat_reader(struct work_struct *work);

static int open_listener(struct netflow_natevents *nat, struct net *net)
{
	struct sockaddr_nl addr = {
		.nl_family = AF_NETLINK,
		.nl_groups = 1 << (NFNLGRP_CONNTRACK_NEW - 1) |
			     1 << (NFNLGRP_CONNTRACK_DESTROY - 1),
	};
	struct socket *sock;
	struct sock *sk;
	int err;

	/*
	 * nf_conntrack_netlink was loaded where natevents was switched on
	 * (sysctl.c, netns.c): a modprobe from here could wait for the
	 * pernet lock that a namespace exit, waiting for this worker, holds.
	 */
	if (!nat->buf)
		nat->buf = kmalloc(NAT_BUF_LEN, GFP_KERNEL);
	if (!nat->queue)
		nat->queue = kvcalloc(NAT_QUEUE_LEN, sizeof(*nat->queue), GFP_KERNEL);
	if (!nat->buf || !nat->queue)
		return -ENOMEM;
	err = sock_create_kern(net, AF_NETLINK, SOCK_RAW, NETLINK_NETFILTER, &sock);
	if (err)
		return err;
	sk = sock->sk;
	sock_set_rcvbuf(sk, NAT_RCVBUF);
	err = kernel_bind(sock, (struct sockaddr *)&addr, sizeof(addr));
	if (err) {
		sock_release(sock);
		return err;
	}
	spin_lock_init(&nat->lock);
	nat->head = 0;
	nat->count = 0;
	INIT_WORK(&nat->reader, nat_reader);
	nat->sock = sock;
	write_lock_bh(&sk->sk_callback_lock);
	sk->sk_user_data = nat;
	nat->saved_data_ready = sk->sk_data_ready;
	sk->sk_data_ready = nat_data_ready;
	write_unlock_bh(&sk->sk_callback_lock);
	/* what arrived before the callback was in place */
	queue_work(system_wq, &nat->reader);
	return 0;
}

static u64 lost_now(struct netflow_natevents *nat)
{
	return nat->lost_closed + READ_ONCE(nat->overflow) +
	       (nat->sock ? atomic_read(&nat->sock->sk->sk_drops) : 0);
}

/**
 * netflow_natevents_close() - stop listening
 * @nat: the listener; its counters stay
 *
 * Process context, the export worker's (or with it stopped). Events still
 * queued count as lost.
 */
void netflow_natevents_close(struct netflow_natevents *nat)
{
	if (nat->sock) {
		struct sock *sk = nat->sock->sk;

		write_lock_bh(&sk->sk_callback_lock);
		sk->sk_user_data = NULL;
		sk->sk_data_ready = nat->saved_data_ready;
		write_unlock_bh(&sk->sk_callback_lock);
		/* no callback can queue the reader any more */
		cancel_work_sync(&nat->reader);
		nat->lost_closed += atomic_read(&sk->sk_drops) + nat->count;
		nat->count = 0;
		sock_release(nat->sock);
		nat->sock = NULL;
		WRITE_ONCE(nat->lost, lost_now(nat));
	}
	kfree(nat->buf);
	nat->buf = NULL;
	kvfree(nat->queue);
	nat->queue = NULL;
}

static bool get_be32(const struct nlattr *a, __be32 *v)
{
	if (!a || nla_len(a) < sizeof(*v))
		return false;
	*v = nla_get_be32(a);
	return true;
}

static bool get_be16(const struct nlattr *a, __be16 *v)
{
	if (!a || nla_len(a) < sizeof(*v))
		return false;
	*v = nla_get_be16(a);
	return true;
}

static bool get_u8(const struct nlattr *a, u8 *v)
{
	if (!a || nla_len(a) < sizeof(*v))
		return false;
	*v = nla_get_u8(a);
	return true;
}

/* One direction of a conntrack, as ctnetlink describes it. */
struct nat_tuple {
	__be32 src;
	__be32 dst;
	__be16 sport;			/* ICMP: id */
	__be16 dport;			/* ICMP: type << 8 | code */
	u8 protocol;
};

static bool parse_tuple(const struct nlattr *attr, struct nat_tuple *t)
{
	struct nlattr *tb[CTA_TUPLE_MAX + 1], *ip[CTA_IP_MAX + 1];
	struct nlattr *proto[CTA_PROTO_MAX + 1];
	u8 type = 0, code = 0;

	if (!attr ||
	    nla_parse_nested_deprecated(tb, CTA_TUPLE_MAX, attr, NULL, NULL) ||
	    !tb[CTA_TUPLE_IP] || !tb[CTA_TUPLE_PROTO] ||
	    nla_parse_nested_deprecated(ip, CTA_IP_MAX, tb[CTA_TUPLE_IP], NULL, NULL) ||
	    nla_parse_nested_deprecated(proto, CTA_PROTO_MAX, tb[CTA_TUPLE_PROTO],
					NULL, NULL))
		return false;
	if (!get_be32(ip[CTA_IP_V4_SRC], &t->src) ||
	    !get_be32(ip[CTA_IP_V4_DST], &t->dst) ||
	    !get_u8(proto[CTA_PROTO_NUM], &t->protocol))
		return false;
	t->sport = 0;
	t->dport = 0;
	if (t->protocol == IPPROTO_ICMP) {
		get_be16(proto[CTA_PROTO_ICMP_ID], &t->sport);
		get_u8(proto[CTA_PROTO_ICMP_TYPE], &type);
		get_u8(proto[CTA_PROTO_ICMP_CODE], &code);
		t->dport = htons(type << 8 | code);
	} else {
		get_be16(proto[CTA_PROTO_SRC_PORT], &t->sport);
		get_be16(proto[CTA_PROTO_DST_PORT], &t->dport);
	}
	return true;
}

/* The event's time: conntrack's own timestamp when it keeps them. */
static u64 event_time_ms(const struct nlattr *attr, bool create)
{
	struct nlattr *tb[CTA_TIMESTAMP_MAX + 1];
	const struct nlattr *a;

	if (attr &&
	    !nla_parse_nested_deprecated(tb, CTA_TIMESTAMP_MAX, attr, NULL, NULL)) {
		a = tb[create ? CTA_TIMESTAMP_START : CTA_TIMESTAMP_STOP];
		if (a && nla_len(a) >= sizeof(__be64) && nla_get_be64(a))
			return div_u64(be64_to_cpu(nla_get_be64(a)), NSEC_PER_MSEC);
	}
	return div_u64(ktime_get_real_ns(), NSEC_PER_MSEC);
}

enum nat_parse {
	NAT_NONE,			/* not a NAT event */
	NAT_EVENT,
	NAT_IPV6,			/* a NAT event v4 records cannot carry */
};

static enum nat_parse parse_event(const struct nlmsghdr *h,
				  struct netflow_nat_event *ev)
{
	struct nlattr *cda[CTA_MAX + 1];
	const struct nfgenmsg *nfmsg;
	struct nat_tuple orig, reply;
	__be32 status;
	bool create;

	if (NFNL_SUBSYS_ID(h->nlmsg_type) != NFNL_SUBSYS_CTNETLINK)
		return NAT_NONE;
	switch (NFNL_MSG_TYPE(h->nlmsg_type)) {
	case IPCTNL_MSG_CT_NEW:
		create = true;
		break;
	case IPCTNL_MSG_CT_DELETE:
		create = false;
		break;
	default:
		return NAT_NONE;
	}
	if (nlmsg_len(h) < (int)sizeof(*nfmsg) ||
	    nlmsg_parse_deprecated(h, sizeof(*nfmsg), cda, CTA_MAX, NULL, NULL) ||
	    !get_be32(cda[CTA_STATUS], &status) ||
	    !(status & htonl(IPS_SRC_NAT | IPS_DST_NAT)))
		return NAT_NONE;
	nfmsg = nlmsg_data(h);
	if (nfmsg->nfgen_family != AF_INET)
		return NAT_IPV6;
	if (!parse_tuple(cda[CTA_TUPLE_ORIG], &orig) ||
	    !parse_tuple(cda[CTA_TUPLE_REPLY], &reply))
		return NAT_NONE;
	memset(ev, 0, sizeof(*ev));
	ev->time_ms = event_time_ms(cda[CTA_TIMESTAMP], create);
	ev->kind = create ? NETFLOW_NAT_CREATE : NETFLOW_NAT_DELETE;
	ev->protocol = orig.protocol;
	ev->pre_src = orig.src;
	ev->pre_dst = orig.dst;
	ev->pre_sport = orig.sport;
	ev->pre_dport = orig.dport;
	/* the reply direction, reversed, is what the packets look like after NAT */
	ev->post_src = reply.dst;
	ev->post_dst = reply.src;
	if (orig.protocol == IPPROTO_ICMP) {
		ev->post_sport = reply.sport;	/* the id, maybe remapped */
		ev->post_dport = orig.dport;
	} else {
		ev->post_sport = reply.dport;
		ev->post_dport = reply.sport;
	}
	return NAT_EVENT;
}

/* The reader's side: a parsed event joins the queue, or is counted lost. */
static void enqueue(struct netflow_natevents *nat,
		    const struct netflow_nat_event *ev)
{
	spin_lock_bh(&nat->lock);
	if (nat->count < NAT_QUEUE_LEN) {
		nat->queue[(nat->head + nat->count) % NAT_QUEUE_LEN] = *ev;
		nat->count++;
	} else {
		WRITE_ONCE(nat->overflow, nat->overflow + 1);
	}
	spin_unlock_bh(&nat->lock);
}

static void handle_message(struct netflow_natevents *nat, const void *data,
			   int len)
{
	const struct nlmsghdr *h = data;
	struct netflow_nat_event ev;

	for (; nlmsg_ok(h, len); h = nlmsg_next(h, &len)) {
		switch (parse_event(h, &ev)) {
		case NAT_NONE:
			break;
		case NAT_IPV6:
			WRITE_ONCE(nat->unexportable, nat->unexportable + 1);
			break;
		case NAT_EVENT:
			enqueue(nat, &ev);
			break;
		}
	}
}

/* Reads what the socket holds, a bounded batch at a time. */
static void nat_reader(struct work_struct *work)
{
	struct netflow_natevents *nat =
		container_of(work, struct netflow_natevents, reader);
	unsigned int n;

	for (n = 0; n < NAT_MAX_PER_RUN; n++) {
		struct kvec iov = { nat->buf, NAT_BUF_LEN };
		struct msghdr msg = { };
		int len;

		/* netlink_recvmsg, not the queue itself: it ends the overrun state */
		len = kernel_recvmsg(nat->sock, &msg, &iov, 1, NAT_BUF_LEN,
				     MSG_DONTWAIT);
		if (len == -ENOBUFS)	/* counted in sk_drops */
			continue;
		if (len < 0)
			return;
		if (!(msg.msg_flags & MSG_TRUNC))
			handle_message(nat, nat->buf, len);
	}
	queue_work(system_wq, &nat->reader);	/* more is waiting */
}

/* The export worker's side: the queued events, oldest first. */
static void export_queued(struct netflow_natevents *nat,
			  netflow_nat_emit_t emit, void *ctx)
{
	struct netflow_nat_event ev;

	for (;;) {
		spin_lock_bh(&nat->lock);
		if (!nat->count) {
			spin_unlock_bh(&nat->lock);
			break;
		}
		ev = nat->queue[nat->head];
		nat->head = (nat->head + 1) % NAT_QUEUE_LEN;
		nat->count--;
		spin_unlock_bh(&nat->lock);
		if (emit(ctx, &ev))
			WRITE_ONCE(nat->unexportable, nat->unexportable + 1);
		else if (ev.kind == NETFLOW_NAT_CREATE)
			WRITE_ONCE(nat->created, nat->created + 1);
		else
			WRITE_ONCE(nat->deleted, nat->deleted + 1);
	}
	WRITE_ONCE(nat->lost, lost_now(nat));
}

/**
 * netflow_natevents_poll() - follow the setting, pass on what arrived
 * @nat: the namespace's listener
 * @net: its namespace
 * @mode: natevents, read once by the caller
 * @emit: called for each NAT event, in arrival order
 * @ctx: passed to @emit
 *
 * The export worker calls this on every run: it opens the listener when
 * @mode turns non-zero, closes it when @mode is 0, and otherwise hands
 * the queued NAT events to @emit.
 */
void netflow_natevents_poll(struct netflow_natevents *nat, struct net *net,
			    unsigned int mode, netflow_nat_emit_t emit,
			    void *ctx)
{
	int err;

	if (!mode) {
		netflow_natevents_close(nat);
		nat->open_err = 0;
		return;
	}
	if (!nat->sock) {
		if (nat->open_err && time_before(jiffies, nat->retry))
			return;
		err = open_listener(nat, net);
		if (err) {
			if (!nat->open_err)
				pr_warn("natevents: cannot listen to ctnetlink: %d\n",
					err);
			WRITE_ONCE(nat->open_err, err);
			nat->retry = jiffies + NAT_RETRY;
			return;
		}
		WRITE_ONCE(nat->open_err, 0);
	}
	export_queued(nat, emit, ctx);
}
