/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace shim of <net/ip.h>: the fragment bits of 6.1. */
#ifndef _FUZZ_SHIM_NET_IP_H
#define _FUZZ_SHIM_NET_IP_H
#include <linux/ip.h>
#include <linux/skbuff.h>
#define IP_CE		0x8000		/* Flag: "Congestion"		*/
#define IP_DF		0x4000		/* Flag: "Don't Fragment"	*/
#define IP_MF		0x2000		/* Flag: "More Fragments"	*/
#define IP_OFFSET	0x1FFF		/* "Fragment Offset" part	*/
#endif
