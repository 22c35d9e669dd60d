/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The flow key: what makes two packets belong to the same flow. It is
 * hashed and compared as raw bytes, so it has no implicit padding and
 * every instance must start zeroed.
 */
#ifndef _NETFLOW_KEY_H
#define _NETFLOW_KEY_H

#include <linux/types.h>
#include <linux/string.h>
#include <linux/in6.h>
#include <linux/build_bug.h>

union netflow_inaddr {
	__be32 ip;			/* IPv4, rest zero */
	struct in6_addr ip6;
};

struct netflow_key {
	union netflow_inaddr src;
	union netflow_inaddr dst;
	__be16 src_port;
	__be16 dst_port;		/* ICMP: type << 8 | code */
	u32 in_ifindex;
	u8 family;			/* AF_INET or AF_INET6 */
	u8 protocol;
	u8 tos;
	u8 reserved;			/* keeps the size free of padding */
};

static_assert(sizeof(struct netflow_key) == 44);

static inline bool netflow_key_equal(const struct netflow_key *a,
				     const struct netflow_key *b)
{
	return !memcmp(a, b, sizeof(*a));
}

#endif /* _NETFLOW_KEY_H */
