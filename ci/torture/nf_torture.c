// SPDX-License-Identifier: GPL-2.0
/*
 * nf_torture: calls the loaded NETFLOW xtables target directly on crafted
 * skbs (cases.h), most of which the IP stack would drop before netfilter
 * ever saw them: truncated and malformed headers, fragments, extension
 * header chains, odd protocols. A quarter of the skbs are nonlinear (the
 * packet split between the linear area and a page fragment at a random
 * point), so header reads cross the boundary.
 *
 * Loading the module runs @packets packets through the target in the
 * initial network namespace, then prints one "nf_torture:" result line
 * with what was sent, per class (cases.h), and stays loaded, idle. Test
 * use only, in a throwaway guest.
 */
#include <linux/etherdevice.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/netfilter.h>
#include <linux/netfilter/x_tables.h>
#include <linux/sched.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <net/net_namespace.h>

#include "cases.h"
#include "nf_target.h"

static unsigned int packets = 100000;
module_param(packets, uint, 0444);
MODULE_PARM_DESC(packets, "packet numbers to go through (skipped ones included)");

static unsigned int first;
module_param(first, uint, 0444);
MODULE_PARM_DESC(first, "first packet number");

static unsigned int seed = 1;
module_param(seed, uint, 0444);
MODULE_PARM_DESC(seed, "random seed of the packet contents");

static unsigned int classes = 7;
module_param(classes, uint, 0444);
MODULE_PARM_DESC(classes, "bit mask: 1 must-meter, 2 must-truncate, 4 either");

static int family;
module_param(family, int, 0444);
MODULE_PARM_DESC(family, "4, 6 or 0 for both");

struct tally {
	u64 pkts[TT_NCLASS];
	u64 bytes[TT_NCLASS];	/* meter: l3len; others: skb->len */
	u64 frags;
	u64 nonlinear;
	u64 kases[2][16];
};

static int run_one(struct sk_buff **skbp, struct page *page, const u8 *buf,
		   unsigned int len, bool split, u32 r, struct net_device *dev,
		   u8 fam)
{
	unsigned int head = split ? r % (len + 1) : len;
	struct sk_buff *skb;

	skb = nf_target_skb_alloc(head);
	if (!skb)
		return -ENOMEM;
	skb_put_data(skb, buf, head);
	if (head < len) {
		memcpy(page_address(page), buf + head, len - head);
		get_page(page);
		skb_fill_page_desc(skb, 0, page, 0, len - head);
		skb->len += len - head;
		skb->data_len += len - head;
		skb->truesize += PAGE_SIZE;
	}
	skb_set_transport_header(skb, 0);
	skb->protocol = htons(fam == 4 ? ETH_P_IP : ETH_P_IPV6);
	nf_target_skb_rx(skb, dev);
	*skbp = skb;
	return 0;
}

static int torture(struct xt_target *tg[2], struct net_device *dev,
		   struct tally *t)
{
	struct nf_hook_state state[2];
	struct xt_action_param par[2];
	struct page *page;
	u8 *buf;
	u32 n, rs = seed | 1;
	int i, err = 0;

	buf = kmalloc(TT_CAP + 64, GFP_KERNEL);
	page = alloc_page(GFP_KERNEL);
	if (!buf || !page) {
		err = -ENOMEM;
		goto out;
	}
	for (i = 0; i < 2; i++)
		nf_target_par(&par[i], &state[i], tg[i],
			      i ? NFPROTO_IPV6 : NFPROTO_IPV4,
			      NF_INET_PRE_ROUTING, dev, NULL);
	for (n = first; n - first < packets; n++) {
		struct tt_meta m;
		struct sk_buff *skb;
		unsigned int len = tt_gen(buf, n, seed, family, classes, &m);
		u32 r = tt_rand(&rs);
		int v6;

		if (!m.family)
			continue;
		v6 = m.family == 6;
		err = run_one(&skb, page, buf, len, (r & 3) == 0, r >> 2, dev, m.family);
		if (err)
			break;
		t->pkts[m.cls]++;
		t->bytes[m.cls] += m.cls == TT_METER ? m.l3len : len;
		t->frags += m.frag;
		t->nonlinear += skb_is_nonlinear(skb);
		t->kases[v6][m.kase & 15]++;
		par[v6].thoff = 0;
		local_bh_disable();
		rcu_read_lock();
		tg[v6]->target(skb, &par[v6]);
		rcu_read_unlock();
		local_bh_enable();
		kfree_skb(skb);
		if (!(n & 1023)) {
			cond_resched();
			if (fatal_signal_pending(current)) {
				err = -EINTR;
				break;
			}
		}
	}
out:
	if (page)
		__free_page(page);
	kfree(buf);
	return err;
}

static int __init nf_torture_init(void)
{
	struct xt_target *tg[2] = { NULL, NULL };
	struct net_device *dev;
	struct tally *t;
	int i, err;

	t = kzalloc(sizeof(*t), GFP_KERNEL);
	if (!t)
		return -ENOMEM;
	dev = nf_target_dev();
	if (!dev) {
		err = -ENODEV;
		goto out_free;
	}
	for (i = 0; i < 2; i++) {
		tg[i] = nf_target_get(i ? 6 : 4, "NETFLOW");
		if (IS_ERR(tg[i])) {
			err = PTR_ERR(tg[i]);
			tg[i] = NULL;
			goto out_tg;
		}
	}
	err = torture(tg, dev, t);
	pr_info("nf_torture: first=%u packets=%u seed=%u classes=%u family=%d err=%d meter=%llu meter_bytes=%llu trunc=%llu trunc_bytes=%llu either=%llu either_bytes=%llu frags=%llu nonlinear=%llu\n",
		first, packets, seed, classes, family, err,
		t->pkts[TT_METER], t->bytes[TT_METER], t->pkts[TT_TRUNC],
		t->bytes[TT_TRUNC], t->pkts[TT_EITHER], t->bytes[TT_EITHER],
		t->frags, t->nonlinear);
	for (i = 0; i < 2; i++) {
		const u64 *k = t->kases[i];

		pr_info("nf_torture: cases v%d: %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu\n",
			i ? 6 : 4, k[0], k[1], k[2], k[3], k[4], k[5], k[6], k[7],
			k[8], k[9], k[10], k[11], k[12], k[13]);
	}
out_tg:
	for (i = 0; i < 2; i++)
		if (tg[i])
			module_put(tg[i]->me);
	dev_put(dev);
out_free:
	kfree(t);
	return err;
}

static void __exit nf_torture_exit(void)
{
}

module_init(nf_torture_init);
module_exit(nf_torture_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Malformed packets through the loaded NETFLOW xtables target (test)");
