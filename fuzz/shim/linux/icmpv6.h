/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace shim of <linux/icmpv6.h>: packet.c uses none of it beyond IPPROTO_ICMPV6. */
#ifndef _FUZZ_SHIM_LINUX_ICMPV6_H
#define _FUZZ_SHIM_LINUX_ICMPV6_H
#include <linux/in6.h>
#endif
