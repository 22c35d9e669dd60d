/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _NETFLOW_SNMP_RULES_H
#define _NETFLOW_SNMP_RULES_H

#include <linux/types.h>

enum {
	NETFLOW_SNMP_RULES_MAX = 32,	/* rules in one string */
	NETFLOW_SNMP_IFNAMSIZ = 16,	/* IFNAMSIZ, without the netdev headers */
	NETFLOW_SNMP_RULES_STRLEN = 1024, /* longest snmp-rules string accepted */
};

/* prefix:base - interface <prefix><number> is exported as base + number */
struct netflow_snmp_rule {
	char prefix[NETFLOW_SNMP_IFNAMSIZ];	/* NUL-terminated, never empty */
	u8 len;					/* strlen(prefix) */
	u16 base;
};

/* A parsed snmp-rules= string. Immutable once published. */
struct netflow_snmp_rules {
	unsigned int count;
	struct netflow_snmp_rule rule[NETFLOW_SNMP_RULES_MAX];
};

int netflow_snmp_rules_parse(const char *str, struct netflow_snmp_rules *r);
int netflow_snmp_rules_format(char *buf, size_t size,
			      const struct netflow_snmp_rules *r);
u32 netflow_snmp_map(const struct netflow_snmp_rules *r, const char *ifname,
		     u32 ifindex);

#endif /* _NETFLOW_SNMP_RULES_H */
