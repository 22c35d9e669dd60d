/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace shim of <linux/in6.h>: struct in6_addr exactly as the UAPI has it. */
#ifndef _FUZZ_SHIM_LINUX_IN6_H
#define _FUZZ_SHIM_LINUX_IN6_H
#include <linux/types.h>

struct in6_addr {
	union {
		__u8		u6_addr8[16];
		__be16		u6_addr16[8];
		__be32		u6_addr32[4];
	} in6_u;
#define s6_addr			in6_u.u6_addr8
#define s6_addr16		in6_u.u6_addr16
#define s6_addr32		in6_u.u6_addr32
};

#define IPPROTO_HOPOPTS		0
#define IPPROTO_ROUTING		43
#define IPPROTO_FRAGMENT	44
#define IPPROTO_ICMPV6		58
#define IPPROTO_NONE		59
#define IPPROTO_DSTOPTS		60
#define IPPROTO_MH		135
#endif
