/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What nf_bench (bench/) and nf_torture (ci/torture/) share to call a
 * loaded xtables target directly, outside any hook: the expect= and
 * ifname= parameters, the target's lookup, its action parameters, and
 * skbs as the receive path hands them to netfilter.
 *
 * Included by the one source file of each module. Their Kbuild finds it
 * beside bench/nf_bench.c, through the symlinks the builds use.
 */
#ifndef _NF_TARGET_H
#define _NF_TARGET_H

#include <linux/err.h>
#include <linux/if_ether.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/netfilter.h>
#include <linux/netfilter/x_tables.h>
#include <linux/skbuff.h>
#include <linux/string.h>
#include <net/net_namespace.h>

static char *expect;
module_param(expect, charp, 0444);
MODULE_PARM_DESC(expect, "refuse to run unless the target's module has this srcversion");

static char *ifname = "lo";
module_param(ifname, charp, 0444);
MODULE_PARM_DESC(ifname, "device used as skb->dev and as the in and out interface");

/* The ifname= device, with a reference, or NULL. */
static inline struct net_device *nf_target_dev(void)
{
	struct net_device *dev = dev_get_by_name(&init_net, ifname);

	if (!dev)
		pr_err(KBUILD_MODNAME ": no device %s\n", ifname);
	return dev;
}

/*
 * The xtables target @name, revision 0, of @family (4 or 6), with a
 * reference on its module, which must have the srcversion expect= names
 * if that is set. It would autoload a module if none were loaded: the
 * caller loads the one to call first, and expect= makes sure that is the
 * one found.
 */
static inline struct xt_target *nf_target_get(unsigned int family,
					      const char *name)
{
	struct xt_target *tg;
	const char *have;

	tg = xt_request_find_target(family == 4 ? NFPROTO_IPV4 : NFPROTO_IPV6,
				    name, 0);
	if (IS_ERR(tg)) {
		pr_err(KBUILD_MODNAME ": no %s target for family %u\n",
		       name, family);
		return tg;
	}
	if (!expect || !*expect)
		return tg;
	have = tg->me ? tg->me->srcversion : NULL;
	if (!have || strcmp(have, expect)) {
		pr_err(KBUILD_MODNAME ": %s comes from the wrong module (srcversion %s, want %s)\n",
		       name, have ?: "-", expect);
		module_put(tg->me);
		return ERR_PTR(-ESRCH);
	}
	return tg;
}

/*
 * @par calls @tg as a rule at @hook of family @pf would, seeing packets
 * from @in to @out (NULL: none) in the initial namespace; @state is the
 * hook state it points to. No target data, thoff 0.
 */
static inline void nf_target_par(struct xt_action_param *par,
				 struct nf_hook_state *state,
				 struct xt_target *tg, u8 pf, unsigned int hook,
				 struct net_device *in, struct net_device *out)
{
	memset(state, 0, sizeof(*state));
	state->hook = hook;
	state->pf = pf;
	state->in = in;
	state->out = out;
	state->net = &init_net;
	memset(par, 0, sizeof(*par));
	par->target = tg;
	par->targinfo = NULL;
	par->state = state;
}

/*
 * An empty skb with room for @len octets from its network header on,
 * which starts at its data, with an Ethernet header's room in front.
 */
static inline struct sk_buff *nf_target_skb_alloc(unsigned int len)
{
	struct sk_buff *skb = alloc_skb(NET_SKB_PAD + ETH_HLEN + len, GFP_KERNEL);

	if (!skb)
		return NULL;
	skb_reserve(skb, NET_SKB_PAD + ETH_HLEN);
	skb_reset_network_header(skb);
	return skb;
}

/* @skb as received on @dev, addressed to this host. */
static inline void nf_target_skb_rx(struct sk_buff *skb, struct net_device *dev)
{
	skb->dev = dev;
	skb->skb_iif = dev->ifindex;
	skb->pkt_type = PACKET_HOST;
}

#endif /* _NF_TARGET_H */
