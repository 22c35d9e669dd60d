/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace shim of <net/ip6_fib.h>: the struct rt6_info fields packet.c reads. */
#ifndef _FUZZ_SHIM_NET_IP6_FIB_H
#define _FUZZ_SHIM_NET_IP6_FIB_H
#include <linux/skbuff.h>

#define RTF_GATEWAY	0x0002		/* destination is a gateway	*/

struct rt6_info {
	struct dst_entry		dst;
	struct in6_addr			rt6i_gateway;
	u32				rt6i_flags;
};
#endif
