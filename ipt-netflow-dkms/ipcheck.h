/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _NETFLOW_IPCHECK_H
#define _NETFLOW_IPCHECK_H

#include <linux/types.h>

/* Why a captured IP packet is not fit for the hooks; 0 when it is. */
enum netflow_ip_verdict {
	NETFLOW_IP_OK,
	NETFLOW_IP_TRUNCATED,		/* the header runs past the frame */
	NETFLOW_IP_BAD_HEADER,		/* wrong version, IHL below 5 */
	NETFLOW_IP_BAD_CHECKSUM,	/* IPv4 header checksum */
	NETFLOW_IP_BAD_LENGTH,		/* total length past the frame, or inside the header */
};

enum {
	NETFLOW_IP_HDR_MAX = 60,	/* an IPv4 header with every option */
	NETFLOW_IPV6_HDR_LEN = 40,
};

enum netflow_ip_verdict netflow_ip_check(const u8 *hdr, unsigned int len,
					 unsigned int version,
					 unsigned int *hdr_len,
					 unsigned int *ip_len);

#endif /* _NETFLOW_IPCHECK_H */
