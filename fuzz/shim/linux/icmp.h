/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace shim of <linux/icmp.h>: packet.c uses none of it beyond IPPROTO_ICMP. */
#ifndef _FUZZ_SHIM_LINUX_ICMP_H
#define _FUZZ_SHIM_LINUX_ICMP_H
#include <linux/in.h>
#endif
