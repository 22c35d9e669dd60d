/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace shim of <net/dsfield.h>: ipv6_get_dsfield() verbatim from 6.1. */
#ifndef _FUZZ_SHIM_NET_DSFIELD_H
#define _FUZZ_SHIM_NET_DSFIELD_H
#include <linux/ipv6.h>
#include <asm/byteorder.h>

static inline __u8 ipv6_get_dsfield(const struct ipv6hdr *ipv6h)
{
	return ntohs(*(__force const __be16 *)ipv6h) >> 4;
}
#endif
