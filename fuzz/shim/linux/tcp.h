/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace shim of <linux/tcp.h>: struct tcphdr as the 6.1 UAPI has it (little-endian). */
#ifndef _FUZZ_SHIM_LINUX_TCP_H
#define _FUZZ_SHIM_LINUX_TCP_H
#include <linux/types.h>
#include <linux/build_bug.h>

struct tcphdr {
	__be16	source;
	__be16	dest;
	__be32	seq;
	__be32	ack_seq;
	__u16	res1:4,
		doff:4,
		fin:1,
		syn:1,
		rst:1,
		psh:1,
		ack:1,
		urg:1,
		ece:1,
		cwr:1;
	__be16	window;
	__u16	check;
	__be16	urg_ptr;
};
static_assert(sizeof(struct tcphdr) == 20);
#endif
