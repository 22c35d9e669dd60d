/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace shim of <linux/socket.h>: address families only. */
#ifndef _FUZZ_SHIM_LINUX_SOCKET_H
#define _FUZZ_SHIM_LINUX_SOCKET_H
#define AF_UNSPEC	0
#define AF_INET		2
#define AF_INET6	10
#define AF_PACKET	17
#endif
