/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _NETFLOW_DEST_H
#define _NETFLOW_DEST_H

#include <linux/types.h>
#include "key.h"

enum {
	NETFLOW_DEST_MAX = 16,		/* collectors per exporter */
	NETFLOW_DEST_IFNAMSIZ = 16,	/* IFNAMSIZ, without the netdev headers */
	NETFLOW_DEST_DEFAULT_PORT = 2055,
	NETFLOW_DEST_STRLEN = 1024,	/* longest destination string accepted */
};

/* One collector: where to send, and optionally from where. */
struct netflow_dest {
	u8 family;			/* AF_INET or AF_INET6 */
	bool has_source;
	__be16 port;
	union netflow_inaddr addr;
	union netflow_inaddr source;	/* valid if has_source */
	char ifname[NETFLOW_DEST_IFNAMSIZ];	/* "" = any interface */
};

int netflow_dest_parse(const char *str, struct netflow_dest *dests,
		       unsigned int max, unsigned int *count);
int netflow_dest_format(char *buf, size_t size,
			const struct netflow_dest *dests, unsigned int count);
bool netflow_dest_same_target(const struct netflow_dest *a,
			      const struct netflow_dest *b);

#endif /* _NETFLOW_DEST_H */
