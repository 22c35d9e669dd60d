// SPDX-License-Identifier: GPL-2.0
/*
 * nf_bench: the per-packet cost of whichever NETFLOW xtables target is
 * loaded, against a no-op baseline target, measured by calling both
 * directly on prebuilt packets.
 *
 * Loading the module runs one measurement and prints its results to the
 * kernel log, one "nf_bench:" line each; the module then stays loaded,
 * idle, until it is removed. It only ever runs in a throwaway guest.
 *
 * A pass sends @packets packets through one target, in batches of @batch
 * with BH disabled and under rcu_read_lock(); only the time inside the
 * batches counts. Passes alternate between the target and the baseline
 * (B T T B B T ...), so that slow drift of the machine hits both alike.
 *
 * mode=warm: the packets cycle over @flows distinct flows, visited in a
 * scattered order; with @populate each flow is created once (and timed)
 * before the passes, so the passes only ever find existing flows.
 * mode=storm: every target packet starts a flow never seen before.
 */
#include <linux/gcd.h>
#include <linux/etherdevice.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/netfilter.h>
#include <linux/netfilter/x_tables.h>
#include <linux/netfilter/xt_mark.h>
#include <linux/sched.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/udp.h>
#include <net/net_namespace.h>

static unsigned int flows = 1;
module_param(flows, uint, 0444);
MODULE_PARM_DESC(flows, "warm mode: distinct flows the packets cycle over");

static unsigned int packets = 100000;
module_param(packets, uint, 0444);
MODULE_PARM_DESC(packets, "packets per pass");

static unsigned int passes = 11;
module_param(passes, uint, 0444);
MODULE_PARM_DESC(passes, "passes through each of target and baseline");

static unsigned int batch = 256;
module_param(batch, uint, 0444);
MODULE_PARM_DESC(batch, "packets per batch (BH disabled, RCU held)");

static unsigned int family = 4;
module_param(family, uint, 0444);
MODULE_PARM_DESC(family, "4 or 6");

static char *mode = "warm";
module_param(mode, charp, 0444);
MODULE_PARM_DESC(mode, "warm (existing flows) or storm (every packet a new flow)");

static bool populate = true;
module_param(populate, bool, 0444);
MODULE_PARM_DESC(populate, "warm mode: create every flow once before timing");

static unsigned int base;
module_param(base, uint, 0444);
MODULE_PARM_DESC(base, "first flow number; runs in one load use disjoint ranges");

static char *tag = "run";
module_param(tag, charp, 0444);
MODULE_PARM_DESC(tag, "label printed with every result line");

static char *target = "NETFLOW";
module_param(target, charp, 0444);
MODULE_PARM_DESC(target, "name of the xtables target under test (revision 0)");

/* expect= and ifname=, where they always were in the module's data */
#include "nf_target.h"

enum {
	NF_BENCH_POOL = 64,	/* skbs, used round robin */
	NF_BENCH_IPLEN = 46,	/* a 64-byte Ethernet frame */
	NF_BENCH_PORT_WARM = 5001,
	NF_BENCH_PORT_STORM = 5002,
};

struct bench {
	struct xt_target *tg;		/* under test */
	struct xt_target *nop;		/* baseline: MARK with zero mark and mask */
	struct xt_mark_tginfo2 nop_info;
	struct net_device *dev;
	struct nf_hook_state state;
	struct xt_action_param tg_par;
	struct xt_action_param nop_par;
	struct sk_buff *pool[NF_BENCH_POOL];
	u8 nfproto;
	bool storm;
	u32 stride;		/* warm: step through the flows, coprime to flows */
	/* the flow each side visits next; the baseline does the same work */
	u32 next[2];
	u32 *batch_ns;		/* time of each full batch of the current pass */
	unsigned int nr_batches;
};

struct pass_time {
	u64 total;		/* ns inside all batches */
	u64 median;		/* ns of the median full batch (0 if none) */
};

/*
 * Flow number -> source address and port. Warm flows count upwards from
 * 10.0.0.0, sixteen source ports per address; storm flows get scattered
 * (a bijective multiplicative hash) sources and their own destination
 * port, so they never meet a warm flow.
 */
static void set_flow(struct bench *b, struct sk_buff *skb, u32 nr)
{
	struct udphdr *uh = udp_hdr(skb);
	u32 addr, port = 1024 + (nr & 15);

	if (b->storm)
		addr = nr * 2654435761u;
	else
		addr = 0x0a000000 + (nr >> 4);
	uh->source = htons(port);
	if (b->nfproto == NFPROTO_IPV4)
		ip_hdr(skb)->saddr = htonl(addr);
	else
		ipv6_hdr(skb)->saddr.s6_addr32[3] = htonl(addr);
}

static struct sk_buff *build_skb_ip(struct bench *b)
{
	unsigned int l3 = b->nfproto == NFPROTO_IPV4 ? sizeof(struct iphdr) :
			  sizeof(struct ipv6hdr);
	unsigned int l4 = NF_BENCH_IPLEN - sizeof(struct iphdr);
	struct sk_buff *skb;
	struct ethhdr *eth;
	struct udphdr *uh;

	skb = nf_target_skb_alloc(l3 + l4);
	if (!skb)
		return NULL;
	if (b->nfproto == NFPROTO_IPV4) {
		struct iphdr *iph = skb_put_zero(skb, sizeof(*iph));

		iph->version = 4;
		iph->ihl = 5;
		iph->tot_len = htons(l3 + l4);
		iph->ttl = 64;
		iph->protocol = IPPROTO_UDP;
		iph->saddr = htonl(0x0a000000);
		iph->daddr = htonl(0xc6120001);		/* 198.18.0.1 */
		iph->check = ip_fast_csum(iph, iph->ihl);
		skb->protocol = htons(ETH_P_IP);
	} else {
		struct ipv6hdr *ip6h = skb_put_zero(skb, sizeof(*ip6h));

		ip6h->version = 6;
		ip6h->payload_len = htons(l4);
		ip6h->nexthdr = IPPROTO_UDP;
		ip6h->hop_limit = 64;
		ip6h->saddr.s6_addr32[0] = htonl(0xfd000000);
		ip6h->daddr.s6_addr32[0] = htonl(0xfd000001);
		ip6h->daddr.s6_addr32[3] = htonl(1);
		skb->protocol = htons(ETH_P_IPV6);
	}
	skb_set_transport_header(skb, l3);
	uh = skb_put_zero(skb, l4);
	uh->source = htons(1024);
	uh->dest = htons(b->storm ? NF_BENCH_PORT_STORM : NF_BENCH_PORT_WARM);
	uh->len = htons(l4);

	/* an Ethernet header in front, already pulled, as on receive */
	eth = skb_push(skb, ETH_HLEN);
	skb_reset_mac_header(skb);
	eth_zero_addr(eth->h_dest);
	eth->h_dest[5] = 1;
	eth_zero_addr(eth->h_source);
	eth->h_source[5] = 2;
	eth->h_proto = skb->protocol;
	skb_pull(skb, ETH_HLEN);
	nf_target_skb_rx(skb, b->dev);
	return skb;
}

/* Flow number of the next packet; storm flows are never reused. */
static u32 next_flow(struct bench *b, bool under_test)
{
	u32 *next = &b->next[under_test];
	u32 nr = *next;

	if (b->storm) {
		(*next)++;
	} else {
		*next += b->stride;
		if (*next >= flows)
			*next -= flows;
	}
	return base + nr;
}

static int cmp_u32(const void *a, const void *b)
{
	u32 x = *(const u32 *)a, y = *(const u32 *)b;

	return x < y ? -1 : x > y;
}

/*
 * One pass: the time inside the batches, in total and for the median full
 * batch. The median batch shrugs off the batches the host (TCG: the vCPU
 * thread descheduled) or an interrupt stretched.
 */
static struct pass_time run_pass(struct bench *b, bool under_test,
				 unsigned int count, bool sequential)
{
	const struct xt_action_param *par = under_test ? &b->tg_par : &b->nop_par;
	unsigned int (*fn)(struct sk_buff *skb, const struct xt_action_param *par);
	unsigned int done = 0, seq = 0, slot = 0, full = 0;
	struct pass_time pt = { 0, 0 };

	fn = par->target->target;
	while (done < count) {
		unsigned int i, n = min(batch, count - done);
		u64 t0, t1;

		local_bh_disable();
		rcu_read_lock();
		t0 = ktime_get_ns();
		for (i = 0; i < n; i++) {
			struct sk_buff *skb = b->pool[slot];
			u32 nr;

			if (++slot == NF_BENCH_POOL)
				slot = 0;
			if (sequential)
				nr = base + seq++;
			else
				nr = next_flow(b, under_test);
			set_flow(b, skb, nr);
			fn(skb, par);
		}
		t1 = ktime_get_ns();
		rcu_read_unlock();
		local_bh_enable();
		pt.total += t1 - t0;
		if (n == batch && full < b->nr_batches)
			b->batch_ns[full++] = min_t(u64, t1 - t0, U32_MAX);
		done += n;
		cond_resched();
	}
	if (full) {
		sort(b->batch_ns, full, sizeof(u32), cmp_u32, NULL);
		pt.median = b->batch_ns[full / 2];
	}
	return pt;
}

static u32 pick_stride(u32 n)
{
	u32 s;

	if (n <= 2)
		return 1;
	/* about n / golden ratio, coprime to n: consecutive packets far apart */
	s = (u64)n * 618034 / 1000000;
	while (gcd(s, n) != 1)
		s++;
	return s;
}

static int bench_run(struct bench *b)
{
	unsigned int i;

	pr_info("nf_bench: tag=%s start target=%s module=%s version=%s srcversion=%s mode=%s family=%u flows=%u packets=%u passes=%u batch=%u base=%u\n",
		tag, target, module_name(b->tg->me),
		b->tg->me && b->tg->me->version ? b->tg->me->version : "-",
		b->tg->me && b->tg->me->srcversion ? b->tg->me->srcversion : "-",
		mode, family, flows, packets, passes, batch, base);

	if (!b->storm && populate) {
		struct pass_time pt = run_pass(b, true, flows, true);

		pr_info("nf_bench: tag=%s populate flows=%u ns=%llu batch=%u batch_median_ns=%llu\n",
			tag, flows, pt.total, batch, pt.median);
	}
	for (i = 0; i < passes; i++) {
		/* B T, T B, B T, ...: each pair is adjacent in time */
		bool tg_first = i & 1;
		struct pass_time t, n;

		if (tg_first) {
			t = run_pass(b, true, packets, false);
			n = run_pass(b, false, packets, false);
		} else {
			n = run_pass(b, false, packets, false);
			t = run_pass(b, true, packets, false);
		}
		pr_info("nf_bench: tag=%s pass=%u pkts=%u target_ns=%llu base_ns=%llu batch=%u target_batch_ns=%llu base_batch_ns=%llu\n",
			tag, i, packets, t.total, n.total, batch, t.median, n.median);
		if (fatal_signal_pending(current))
			return -EINTR;
	}
	pr_info("nf_bench: tag=%s done\n", tag);
	return 0;
}

static int __init nf_bench_init(void)
{
	struct bench *b;
	unsigned int i;
	int err;

	if ((family != 4 && family != 6) || !flows || !packets || !batch ||
	    (strcmp(mode, "warm") && strcmp(mode, "storm")))
		return -EINVAL;
	b = kzalloc(sizeof(*b), GFP_KERNEL);
	if (!b)
		return -ENOMEM;
	b->nfproto = family == 4 ? NFPROTO_IPV4 : NFPROTO_IPV6;
	b->storm = !strcmp(mode, "storm");
	b->stride = pick_stride(flows);

	b->dev = nf_target_dev();
	if (!b->dev) {
		err = -ENODEV;
		goto out_free;
	}
	b->tg = nf_target_get(family, target);
	if (IS_ERR(b->tg)) {
		err = PTR_ERR(b->tg);
		goto out_dev;
	}
	b->nop = xt_request_find_target(b->nfproto, "MARK", 2);
	if (IS_ERR(b->nop)) {
		pr_err("nf_bench: no MARK target revision 2 (xt_mark)\n");
		err = PTR_ERR(b->nop);
		goto out_tg;
	}

	/* NETFLOW has no target data */
	nf_target_par(&b->tg_par, &b->state, b->tg, b->nfproto, NF_INET_FORWARD,
		      b->dev, b->dev);
	b->tg_par.thoff = family == 4 ? sizeof(struct iphdr) : sizeof(struct ipv6hdr);
	b->nop_par = b->tg_par;
	b->nop_par.target = b->nop;
	b->nop_par.targinfo = &b->nop_info;	/* mark 0, mask 0: no change */

	b->nr_batches = max(packets, flows) / batch + 1;
	b->batch_ns = kvcalloc(b->nr_batches, sizeof(u32), GFP_KERNEL);
	if (!b->batch_ns) {
		err = -ENOMEM;
		goto out_nop;
	}
	for (i = 0; i < NF_BENCH_POOL; i++) {
		b->pool[i] = build_skb_ip(b);
		if (!b->pool[i]) {
			err = -ENOMEM;
			goto out_skbs;
		}
	}
	err = bench_run(b);

out_skbs:
	for (i = 0; i < NF_BENCH_POOL; i++)
		kfree_skb(b->pool[i]);
	kvfree(b->batch_ns);
out_nop:
	module_put(b->nop->me);
out_tg:
	module_put(b->tg->me);
out_dev:
	dev_put(b->dev);
out_free:
	kfree(b);
	return err;
}

static void __exit nf_bench_exit(void)
{
}

module_init(nf_bench_init);
module_exit(nf_bench_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Per-packet cost of the loaded NETFLOW xtables target (benchmark)");
