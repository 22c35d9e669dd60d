// SPDX-License-Identifier: GPL-2.0
/*
 * Promiscuous capture (net.netflow.promisc): frames an Ethernet port
 * receives for other hosts (PACKET_OTHERHOST: a mirror or TAP port in
 * promiscuous mode) are stripped of their VLAN tags and, up to
 * promisc-mpls labels, of their MPLS stack, checked as ip_rcv() and
 * ipv6_rcv() would, and run through the PREROUTING hook, where NETFLOW
 * rules meter them. Then they are freed: never routed, delivered or
 * forwarded (the stack itself drops them in ip_rcv()).
 *
 * One ETH_P_ALL handler serves every namespace that turned the capture
 * on, each frame going by its device's namespace. While no namespace
 * has it on, the handler is not registered and costs nothing.
 */
#include <linux/if_arp.h>
#include <linux/if_ether.h>
#include <linux/if_vlan.h>
#include <linux/ipv6.h>
#include <linux/netdevice.h>
#include <linux/netfilter.h>
#include <linux/skbuff.h>
#include <net/ip.h>
#include <net/ipv6.h>

#include "ipcheck.h"
#include "l2.h"
#include "netns.h"
#include "promisc.h"

/* The most the layer 2 walker reads: all tags, a full stack, the IP nibble. */
enum {
	PROMISC_L2_MAX = ETH_HLEN + NETFLOW_L2_MAX_TAGS * VLAN_HLEN +
			 NETFLOW_MPLS_MAX_DEPTH * 4 + 1,
};

static DEFINE_MUTEX(promisc_lock);
static unsigned int promisc_users;	/* [promisc_lock] namespaces with it on */

/* The end of the hook for a captured frame: it is only metered. */
static int promisc_done(struct net *net, struct sock *sk, struct sk_buff *skb)
{
	consume_skb(skb);
	return 0;
}

static enum netflow_stat ip_discard_reason(enum netflow_ip_verdict verdict)
{
	switch (verdict) {
	case NETFLOW_IP_TRUNCATED:
		return NETFLOW_STAT_PROMISC_TRUNCATED;
	case NETFLOW_IP_BAD_CHECKSUM:
		return NETFLOW_STAT_PROMISC_BAD_CHECKSUM;
	case NETFLOW_IP_BAD_LENGTH:
		return NETFLOW_STAT_PROMISC_BAD_LENGTH;
	default:
		return NETFLOW_STAT_PROMISC_BAD_HEADER;
	}
}

/*
 * Makes @skb (unshared, its data possibly shared with other taps: only
 * pointers move, the pskb_*() helpers copy before they change anything)
 * an IP packet as ip_rcv()/ipv6_rcv() leave it for PREROUTING: data and
 * network header at the IP header, transport header after it, cut to the
 * IP length, control block cleared. The MAC header stays where it was.
 *
 * Return: the NFPROTO_* to run, or 0 with the reason in @why.
 */
static u8 decapsulate(struct sk_buff *skb, unsigned int mpls_depth,
		      enum netflow_stat *why)
{
	int mac = skb_mac_offset(skb);	/* < 0: before the data */
	unsigned int linear, stack, hdr_len, ip_len;
	enum netflow_ip_verdict verdict;
	struct netflow_l2 l2;
	int ip;
	u8 pf;

	*why = NETFLOW_STAT_PROMISC_L2;
	if (!skb_mac_header_was_set(skb) || mac > 0)
		return 0;
	/* the walker reads flat bytes: make what it may need linear */
	*why = NETFLOW_STAT_PROMISC_NOMEM;
	if (!pskb_may_pull(skb, min_t(unsigned int, skb->len,
				      PROMISC_L2_MAX + mac)))
		return 0;
	linear = skb_headlen(skb) - mac;
	*why = NETFLOW_STAT_PROMISC_L2;
	if (netflow_l2_parse(skb_mac_header(skb), linear, mpls_depth, &l2))
		return 0;

	stack = (l2.l3_offset - ETH_HLEN - l2.nr_tags * VLAN_HLEN) / 4;
	*why = NETFLOW_STAT_PROMISC_MPLS;
	if (stack > mpls_depth)
		return 0;
	*why = NETFLOW_STAT_PROMISC_NOT_IP;
	if (l2.ethertype == htons(ETH_P_IP))
		pf = NFPROTO_IPV4;
	else if (l2.ethertype == htons(ETH_P_IPV6))
		pf = NFPROTO_IPV6;
	else
		return 0;

	ip = l2.l3_offset + mac;	/* from the data */
	if (ip < 0 || ip > skb->len)
		return 0;
	*why = NETFLOW_STAT_PROMISC_NOMEM;
	if (!pskb_may_pull(skb, ip + min_t(unsigned int, skb->len - ip,
					   NETFLOW_IP_HDR_MAX)))
		return 0;
	verdict = netflow_ip_check(skb->data + ip, skb->len - ip,
				   pf == NFPROTO_IPV4 ? 4 : 6, &hdr_len, &ip_len);
	if (verdict != NETFLOW_IP_OK) {
		*why = ip_discard_reason(verdict);
		return 0;
	}
	skb_pull_rcsum(skb, ip);
	if (pskb_trim_rcsum(skb, ip_len))
		return 0;		/* NOMEM */
	skb_reset_network_header(skb);
	skb_set_transport_header(skb, hdr_len);
	skb_orphan(skb);
	memset(skb->cb, 0, sizeof(skb->cb));
	if (pf == NFPROTO_IPV4) {
		skb->protocol = htons(ETH_P_IP);
		IPCB(skb)->iif = skb->skb_iif;
	} else {
		skb->protocol = htons(ETH_P_IPV6);
		IP6CB(skb)->iif = skb->dev->ifindex;
		IP6CB(skb)->nhoff = offsetof(struct ipv6hdr, nexthdr);
	}
	return pf;
}

static int promisc_rcv(struct sk_buff *skb, struct net_device *dev,
		       struct packet_type *pt, struct net_device *orig_dev)
{
	struct net *net = dev_net(dev);
	struct netflow_net *nn;
	enum netflow_stat why;
	u8 pf;

	if (skb->pkt_type != PACKET_OTHERHOST || dev->type != ARPHRD_ETHER)
		goto out;
	nn = netflow_net(net);
	/* pairs with netflow_promisc_set(): the namespace is ready then */
	if (!smp_load_acquire(&nn->cfg.promisc))
		goto out;
	netflow_stat_inc(nn->stats, NETFLOW_STAT_PROMISC_OBSERVED);
	/* the other taps and the stack keep the original */
	skb = skb_share_check(skb, GFP_ATOMIC);
	if (!skb) {
		netflow_stat_inc(nn->stats, NETFLOW_STAT_PROMISC_NOMEM);
		return NET_RX_DROP;
	}
	pf = decapsulate(skb, READ_ONCE(nn->cfg.promisc_mpls), &why);
	if (!pf) {
		netflow_stat_inc(nn->stats, why);
		goto out;
	}
	netflow_stat_inc(nn->stats, NETFLOW_STAT_PROMISC_PASSED);
	return NF_HOOK(pf, NF_INET_PRE_ROUTING, net, NULL, skb, dev, NULL,
		       promisc_done);
out:
	consume_skb(skb);
	return NET_RX_SUCCESS;
}

static struct packet_type promisc_packet_type __read_mostly = {
	.type = cpu_to_be16(ETH_P_ALL),
	.func = promisc_rcv,
	.ignore_outgoing = true,	/* no clone of every packet sent */
};

static void promisc_get(void)
{
	mutex_lock(&promisc_lock);
	if (!promisc_users++)
		dev_add_pack(&promisc_packet_type);
	mutex_unlock(&promisc_lock);
}

/* dev_remove_pack() waits for every handler running (synchronize_net()). */
static void promisc_put(void)
{
	mutex_lock(&promisc_lock);
	if (!--promisc_users)
		dev_remove_pack(&promisc_packet_type);
	mutex_unlock(&promisc_lock);
}

/**
 * netflow_promisc_set() - turn a namespace's capture on or off
 * @nn: the namespace, its mutex held
 * @on: 0 or 1
 *
 * Process context. Stores @on in the settings: set once the handler is
 * registered, with a release so that the handler, seeing it, sees the
 * namespace's counters too; cleared before the handler may go.
 */
void netflow_promisc_set(struct netflow_net *nn, unsigned int on)
{
	lockdep_assert_held(&nn->mutex);
	if (!on == !nn->cfg.promisc)
		return;
	if (on) {
		promisc_get();
		/* pairs with promisc_rcv()'s acquire: nn->stats is visible */
		smp_store_release(&nn->cfg.promisc, 1);
	} else {
		WRITE_ONCE(nn->cfg.promisc, 0);
		promisc_put();
	}
}

/*
 * A new namespace, its counters allocated: promisc=1 (the module
 * parameter) turns the capture on. The handler may already run for
 * other namespaces and see this one before it is complete, so the
 * setting is only set here.
 */
void netflow_promisc_net_init(struct netflow_net *nn)
{
	if (!netflow_params_promisc())
		return;
	mutex_lock(&nn->mutex);
	netflow_promisc_set(nn, 1);
	mutex_unlock(&nn->mutex);
}

/* Before the namespace's counters go: no handler may still count in them. */
void netflow_promisc_net_exit(struct netflow_net *nn)
{
	mutex_lock(&nn->mutex);
	if (nn->cfg.promisc) {
		netflow_promisc_set(nn, 0);
		synchronize_net();
	}
	mutex_unlock(&nn->mutex);
}
