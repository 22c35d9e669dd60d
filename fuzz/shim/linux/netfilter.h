/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace shim of <linux/netfilter.h>: the NFPROTO_* numbers of the 6.1 UAPI. */
#ifndef _FUZZ_SHIM_LINUX_NETFILTER_H
#define _FUZZ_SHIM_LINUX_NETFILTER_H
enum {
	NFPROTO_UNSPEC =  0,
	NFPROTO_INET   =  1,
	NFPROTO_IPV4   =  2,
	NFPROTO_ARP    =  3,
	NFPROTO_NETDEV =  5,
	NFPROTO_BRIDGE =  7,
	NFPROTO_IPV6   = 10,
	NFPROTO_DECNET = 12,
	NFPROTO_NUMPROTO,
};
#endif
