/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace shim of <linux/in.h>: the protocol numbers the pure tier uses. */
#ifndef _FUZZ_SHIM_LINUX_IN_H
#define _FUZZ_SHIM_LINUX_IN_H
#include <linux/types.h>
enum {
	IPPROTO_IP = 0,
	IPPROTO_ICMP = 1,
	IPPROTO_TCP = 6,
	IPPROTO_UDP = 17,
	IPPROTO_GRE = 47,
	IPPROTO_ESP = 50,
	IPPROTO_AH = 51,
	IPPROTO_SCTP = 132,
	IPPROTO_UDPLITE = 136,
};
#endif
