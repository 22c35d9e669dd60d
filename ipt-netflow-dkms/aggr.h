/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _NETFLOW_AGGR_H
#define _NETFLOW_AGGR_H

#include <linux/types.h>
#include <linux/in6.h>

enum {
	NETFLOW_AGGR_MAX = 32,		/* rules of each kind: IPv4, IPv6, port */
	NETFLOW_AGGR_STRLEN = 1024,	/* longest aggregation string accepted */
};

/* a.b.c.d/prefix=strip: addresses in net/prefix keep only their first strip bits */
struct netflow_aggr_net4 {
	__be32 net;
	__be32 mask;			/* of prefix bits */
	__be32 strip_mask;		/* of strip bits */
	u8 prefix;
	u8 strip;
};

struct netflow_aggr_net6 {
	struct in6_addr net;
	struct in6_addr mask;
	struct in6_addr strip_mask;
	u8 prefix;
	u8 strip;
};

/* lo[-hi]=to, host order: ports lo..hi become to */
struct netflow_aggr_port {
	u16 lo;
	u16 hi;
	u16 to;
};

/* A parsed aggregation= string. Immutable once published. */
struct netflow_aggr {
	unsigned int nr_net4;
	unsigned int nr_net6;
	unsigned int nr_port;
	struct netflow_aggr_net4 net4[NETFLOW_AGGR_MAX];
	struct netflow_aggr_net6 net6[NETFLOW_AGGR_MAX];
	struct netflow_aggr_port port[NETFLOW_AGGR_MAX];
};

int netflow_aggr_parse(const char *str, struct netflow_aggr *a);
int netflow_aggr_format(char *buf, size_t size, const struct netflow_aggr *a);
int netflow_aggr_ipv4(const struct netflow_aggr *a, __be32 *addr, u8 *mask);
int netflow_aggr_ipv6(const struct netflow_aggr *a, struct in6_addr *addr, u8 *mask);
int netflow_aggr_port(const struct netflow_aggr *a, __be16 *port);

#endif /* _NETFLOW_AGGR_H */
