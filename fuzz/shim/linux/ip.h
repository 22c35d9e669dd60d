/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace shim of <linux/ip.h>: struct iphdr as the 6.1 UAPI has it (little-endian). */
#ifndef _FUZZ_SHIM_LINUX_IP_H
#define _FUZZ_SHIM_LINUX_IP_H
#include <linux/types.h>
#include <linux/build_bug.h>
#include <linux/in.h>

struct iphdr {
	__u8	ihl:4,
		version:4;
	__u8	tos;
	__be16	tot_len;
	__be16	id;
	__be16	frag_off;
	__u8	ttl;
	__u8	protocol;
	__u16	check;
	__be32	saddr;
	__be32	daddr;
};
static_assert(sizeof(struct iphdr) == 20);
#endif
