/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace shim of <net/route.h>: the struct rtable fields packet.c reads, skb_rtable(). */
#ifndef _FUZZ_SHIM_NET_ROUTE_H
#define _FUZZ_SHIM_NET_ROUTE_H
#include <linux/skbuff.h>

struct rtable {
	struct dst_entry	dst;
	u8			rt_gw_family;
	union {
		__be32		rt_gw4;
		struct in6_addr	rt_gw6;
	};
};

static inline struct rtable *skb_rtable(const struct sk_buff *skb)
{
	return (struct rtable *)skb_dst(skb);
}
#endif
