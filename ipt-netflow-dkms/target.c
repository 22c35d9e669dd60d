// SPDX-License-Identifier: GPL-2.0
/*
 * The NETFLOW xtables target for IPv4 and IPv6: meters the packet into
 * its flow and lets it continue. It never drops, mangles or delays.
 */
#include <linux/jiffies.h>
#include <linux/netfilter/x_tables.h>
#include <linux/netfilter_ipv4/ip_tables.h>
#include <linux/netfilter_ipv6/ip6_tables.h>
#include <linux/netfilter_bridge.h>
#include <linux/skbuff.h>
#include <net/ip.h>

#include "netns.h"
#include "packet.h"
#include "pipeline.h"
#include "pktfields.h"
#include "target.h"

/*
 * The packet this CPU metered last. A packet that meets NETFLOW rules in
 * two hooks (PREROUTING and FORWARD, say) is the same skb, seen again on
 * the same CPU in a later hook with the same key: it is metered once.
 */
struct last_metered {
	const struct sk_buff *skb;
	const struct netflow_net *nn;
	unsigned int len;
	unsigned int hook;
	u32 hash;			/* of the key, standing in for it */
};

static DEFINE_PER_CPU(struct last_metered, last_metered);

/* @same_flow: whether the last packet was of the same flow. */
static bool seen_in_earlier_hook(const struct sk_buff *skb,
				 const struct netflow_net *nn, unsigned int hook,
				 u32 hash, bool *same_flow)
{
	/* BH is disabled: this CPU's */
	struct last_metered *last = this_cpu_ptr(&last_metered);
	bool seen;

	*same_flow = last->nn == nn && last->hash == hash;
	seen = *same_flow && last->skb == skb && last->len == skb->len &&
	       last->hook < hook;

	/* the hook is kept current so that a recycled skb looks new */
	last->hook = hook;
	if (!seen) {
		last->skb = skb;
		last->nn = nn;
		last->len = skb->len;
		last->hash = hash;
	}
	return seen;
}

/* The interface index exported: snmp-rules= may renumber by name. */
static u32 if_index(const struct netflow_snmp_rules *rules,
		    const struct net_device *dev)
{
	if (likely(!rules))
		return dev->ifindex;
	return netflow_snmp_map(rules, dev->name, dev->ifindex);
}

/*
 * aggregation=: coarser addresses and ports, so more packets share a
 * flow. @masks: the matching netmask rules' prefix lengths, 0 for none.
 */
static void aggregate(const struct netflow_aggr *aggr, union netflow_fkey *key,
		      u8 masks[2])
{
	masks[0] = 0;
	masks[1] = 0;
	if (key->h.family == AF_INET) {
		netflow_aggr_ipv4(aggr, &key->v4.src, &masks[0]);
		netflow_aggr_ipv4(aggr, &key->v4.dst, &masks[1]);
	} else {
		netflow_aggr_ipv6(aggr, &key->v6.src, &masks[0]);
		netflow_aggr_ipv6(aggr, &key->v6.dst, &masks[1]);
	}
	switch (key->h.protocol) {
	case IPPROTO_TCP:
	case IPPROTO_UDP:
	case IPPROTO_UDPLITE:
	case IPPROTO_SCTP:
		netflow_aggr_port(aggr, &key->h.src_port);
		netflow_aggr_port(aggr, &key->h.dst_port);
		break;
	}
}

static void count_drop(struct netflow_stats __percpu *stats,
		       const struct sk_buff *skb, enum netflow_stat why)
{
	netflow_stat_inc(stats, why);
	netflow_stat_inc(stats, NETFLOW_STAT_DROP_PACKETS);
	netflow_stat_add(stats, NETFLOW_STAT_DROP_BYTES, skb->len);
}

/*
 * flowDirection by hook: 0 (ingress) where the packet enters, 1 (egress)
 * where it leaves. FORWARD counts as ingress: a collector decodes only 0
 * and 1, and the flow is the router's input (docs/fields.md).
 */
static u8 hook_direction(unsigned int hook)
{
	return hook == NF_INET_LOCAL_OUT || hook == NF_INET_POST_ROUTING;
}

/* Bridge ports from br_netfilter, renumbered as interfaces are; 0 if none. */
static void physdev(const struct sk_buff *skb, struct net *net,
		    const struct netflow_snmp_rules *rules,
		    struct netflow_fields_data *fields)
{
#if IS_ENABLED(CONFIG_BRIDGE_NETFILTER)
	int in = nf_bridge_get_physinif(skb), out = nf_bridge_get_physoutif(skb);
	const struct net_device *dev;

	if (in) {
		dev = dev_get_by_index_rcu(net, in);
		fields->in_physdev = dev ? if_index(rules, dev) : in;
	}
	if (out) {
		dev = dev_get_by_index_rcu(net, out);
		fields->out_physdev = dev ? if_index(rules, dev) : out;
	}
#endif
}

/*
 * The packet's flow gets optional fields: taken here, off the common
 * path, then metered into an extended flow.
 */
static noinline int account_fields(struct netflow_net *nn,
				   struct netflow_instance *inst,
				   const struct sk_buff *skb,
				   const struct xt_action_param *par,
				   const struct netflow_packet *pkt, u32 hash,
				   u32 selected, const u8 masks[2],
				   const struct netflow_snmp_rules *snmp_rules)
{
	const struct netflow_timeouts timeouts = netflow_config_timeouts(&nn->cfg);
	struct netflow_fields_data fields;

	memset(&fields, 0, sizeof(fields));
	netflow_packet_fields(skb, xt_in(par), xt_family(par), selected,
			      READ_ONCE(nn->cfg.promisc_mpls), &fields);
	if (selected & BIT(NETFLOW_FIELD_DIRECTION))
		fields.direction = hook_direction(xt_hooknum(par));
	if (selected & BIT(NETFLOW_FIELD_PHYSDEV))
		physdev(skb, xt_net(par), snmp_rules, &fields);
	if (masks) {
		fields.src_mask = masks[0];
		fields.dst_mask = masks[1];
	}
	/* extended flows are hashed with their key fields (MACs, tags, labels) */
	hash = netflow_cache_hash_fields(&inst->cache, &pkt->key, &fields);
	return netflow_cache_account_fields(&inst->cache, pkt, hash, jiffies,
					    &timeouts, READ_ONCE(nn->cfg.maxflows),
					    &fields);
}

/*
 * Plain packets are metered a few packets late (pipeline.c), so that
 * their bucket loads overlap; packets with optional fields, and those of
 * the flow this CPU metered last, at once.
 */
static unsigned int netflow_tg(struct sk_buff *skb,
			       const struct xt_action_param *par)
{
	struct netflow_net *nn = netflow_net(xt_net(par));
	struct netflow_instance *inst = rcu_dereference(nn->instance);
	const struct netflow_snmp_rules *snmp_rules;
	const struct netflow_aggr *aggr;
	struct netflow_sampler sampler;
	struct netflow_pending *pending;
	struct netflow_packet *pkt;
	u8 masks[2];
	bool fragment, bh, hot;
	u32 hash, selected;

	if (unlikely(!inst))
		return XT_CONTINUE;
	/* natevents=2: NAT events only, no flows */
	if (unlikely(READ_ONCE(nn->cfg.natevents) == 2))
		return XT_CONTINUE;

	/*
	 * The queue is this CPU's, used with BH disabled: ipt_do_table() has
	 * disabled it, nft may call from process context with it enabled.
	 */
	bh = !in_softirq();
	if (bh)
		local_bh_disable();
	pending = netflow_pipeline_slot();
	pkt = &pending->pkt;
	memset(pkt, 0, sizeof(*pkt));
	if (netflow_packet_parse(skb, xt_family(par), pkt, &fragment)) {
		count_drop(nn->stats, skb, NETFLOW_STAT_TRUNCATED);
		goto out;
	}
	if (fragment)
		netflow_stat_inc(nn->stats, NETFLOW_STAT_FRAGMENTS);
	snmp_rules = netflow_config_snmp_rules(&nn->cfg);
	if (xt_in(par))
		pkt->key.h.in_ifindex = if_index(snmp_rules, xt_in(par));
	if (xt_out(par))
		pkt->out_ifindex = if_index(snmp_rules, xt_out(par));
	aggr = netflow_config_aggr(&nn->cfg);
	if (unlikely(aggr))
		aggregate(aggr, &pkt->key, masks);
	hash = netflow_cache_hash(&inst->cache, &pkt->key);
	/* extended flows are hashed with their fields: another bucket */
	selected = READ_ONCE(nn->cfg.fields);
	if (likely(!selected))
		netflow_cache_prefetch(&inst->cache, hash);
	if (seen_in_earlier_hook(skb, nn, xt_hooknum(par), hash, &hot))
		goto out;
	/* hash sampling keeps or skips whole flows here; the others at export */
	sampler = netflow_config_sampler(&nn->cfg);
	if (unlikely(sampler.mode == NETFLOW_SAMPLER_HASH)) {
		if (!netflow_sampler_keep_packet(&sampler, hash)) {
			netflow_stat_inc(nn->stats, NETFLOW_STAT_SKIPPED_PACKETS);
			goto out;
		}
		netflow_stat_inc(nn->stats, NETFLOW_STAT_SAMPLED_PACKETS);
	}

	/* the one test optional fields cost when there are none */
	if (unlikely(selected)) {
		int err = account_fields(nn, inst, skb, par, pkt, hash, selected,
					 aggr ? masks : NULL, snmp_rules);

		netflow_count_metered(nn->stats, err, pkt->bytes);
	} else if (hot) {
		/* the flow this CPU just metered is in the cache: no miss to hide */
		const struct netflow_timeouts timeouts = netflow_config_timeouts(&nn->cfg);
		int err = netflow_cache_account(&inst->cache, pkt, hash, jiffies,
						&timeouts,
						READ_ONCE(nn->cfg.maxflows));

		netflow_count_metered(nn->stats, err, pkt->bytes);
	} else {
		pending->cache = &inst->cache;
		pending->cfg = &nn->cfg;
		pending->stats = nn->stats;
		pending->now = jiffies;
		pending->hash = hash;
		pending->maxflows = READ_ONCE(nn->cfg.maxflows);
		netflow_pipeline_commit();
	}
out:
	if (bh)
		local_bh_enable();
	return XT_CONTINUE;
}

static int netflow_tg_check(const struct xt_tgchk_param *par)
{
	if (!strcmp(par->table, "nat")) {
		pr_info_ratelimited("NETFLOW cannot be used in the nat table\n");
		return -EINVAL;
	}
	return netflow_net_activate(par->net);
}

#define NETFLOW_HOOKS	(BIT(NF_INET_PRE_ROUTING) | BIT(NF_INET_LOCAL_IN) | \
			 BIT(NF_INET_FORWARD) | BIT(NF_INET_LOCAL_OUT) | \
			 BIT(NF_INET_POST_ROUTING))

static struct xt_target netflow_tg_reg[] __read_mostly = {
	{
		.name = "NETFLOW",
		.revision = 0,
		.family = NFPROTO_IPV4,
		.target = netflow_tg,
		.checkentry = netflow_tg_check,
		.targetsize = 0,
		.hooks = NETFLOW_HOOKS,
		.me = THIS_MODULE,
	},
	{
		.name = "NETFLOW",
		.revision = 0,
		.family = NFPROTO_IPV6,
		.target = netflow_tg,
		.checkentry = netflow_tg_check,
		.targetsize = 0,
		.hooks = NETFLOW_HOOKS,
		.me = THIS_MODULE,
	},
};

int netflow_target_init(void)
{
	return xt_register_targets(netflow_tg_reg, ARRAY_SIZE(netflow_tg_reg));
}

void netflow_target_exit(void)
{
	xt_unregister_targets(netflow_tg_reg, ARRAY_SIZE(netflow_tg_reg));
}
