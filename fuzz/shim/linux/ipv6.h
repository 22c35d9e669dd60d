/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace shim of <linux/ipv6.h>: struct ipv6hdr and struct
 * ipv6_opt_hdr as the 6.1 UAPI has them (little-endian), ipv6_optlen()
 * and ipv6_authlen() from include/linux/ipv6.h.
 */
#ifndef _FUZZ_SHIM_LINUX_IPV6_H
#define _FUZZ_SHIM_LINUX_IPV6_H
#include <linux/types.h>
#include <linux/build_bug.h>
#include <linux/in6.h>

#define ipv6_optlen(p)  (((p)->hdrlen+1) << 3)
#define ipv6_authlen(p) (((p)->hdrlen+2) << 2)

struct ipv6_opt_hdr {
	__u8		nexthdr;
	__u8		hdrlen;
	/*
	 * TLV encoded option data follows.
	 */
} __attribute__((packed));	/* required for some archs */

struct ipv6hdr {
	__u8			priority:4,
				version:4;
	__u8			flow_lbl[3];

	__be16			payload_len;
	__u8			nexthdr;
	__u8			hop_limit;

	struct	in6_addr	saddr;
	struct	in6_addr	daddr;
};
static_assert(sizeof(struct ipv6hdr) == 40);
#endif
