/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace shim of <linux/udp.h>: struct udphdr as the 6.1 UAPI has it. */
#ifndef _FUZZ_SHIM_LINUX_UDP_H
#define _FUZZ_SHIM_LINUX_UDP_H
#include <linux/types.h>

struct udphdr {
	__be16	source;
	__be16	dest;
	__be16	len;
	__u16	check;
};
#endif
