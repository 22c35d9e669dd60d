/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fields=: the optional flow fields an operator selects (docs/fields.md).
 * Pure: parse and format the setting.
 */
#ifndef _NETFLOW_FIELDS_H
#define _NETFLOW_FIELDS_H

#include <linux/bits.h>
#include <linux/types.h>

/* In the canonical order: the order fields= reads back in. */
enum netflow_field {
	NETFLOW_FIELD_ETHERTYPE,
	NETFLOW_FIELD_DIRECTION,
	NETFLOW_FIELD_PHYSDEV,
	NETFLOW_FIELD_IPV4_OPTIONS,
	NETFLOW_FIELD_TCP_OPTIONS,
	NETFLOW_FIELD_IPV6_EXTHDR,
	NETFLOW_FIELD_FLOW_LABEL,
	NETFLOW_FIELD_MAC,		/* key */
	NETFLOW_FIELD_VLAN,		/* key */
	NETFLOW_FIELD_MPLS,		/* key */
	NETFLOW_FIELD_COUNT
};

/*
 * Template extras beyond the fields= selection, in the same bit space:
 * masks when aggregation has netmask rules, the sampler's id when
 * sampling is on, and with mpls the number of labels exported (the
 * promisc-mpls depth).
 */
enum {
	NETFLOW_EXTRA_MASKS = BIT(NETFLOW_FIELD_COUNT),
	NETFLOW_EXTRA_SAMPLER = BIT(NETFLOW_FIELD_COUNT + 1),
	NETFLOW_EXTRA_MPLS_SHIFT = 24,
	NETFLOW_EXTRA_MPLS_MASK = 0xf << NETFLOW_EXTRA_MPLS_SHIFT,
	NETFLOW_FIELDS_ALL = BIT(NETFLOW_FIELD_COUNT) - 1,
	/* the fields that are part of the flow key */
	NETFLOW_FIELDS_KEY = BIT(NETFLOW_FIELD_MAC) | BIT(NETFLOW_FIELD_VLAN) |
			     BIT(NETFLOW_FIELD_MPLS),
	NETFLOW_FIELDS_STRLEN = 256,	/* longest fields= string accepted */
};

static_assert(NETFLOW_FIELD_COUNT + 2 <= NETFLOW_EXTRA_MPLS_SHIFT);

/* The extras bits that say how many MPLS labels a layout carries. */
static inline u32 netflow_extra_mpls(unsigned int depth)
{
	return (depth << NETFLOW_EXTRA_MPLS_SHIFT) & NETFLOW_EXTRA_MPLS_MASK;
}

static inline unsigned int netflow_extra_mpls_depth(u32 extras)
{
	return (extras & NETFLOW_EXTRA_MPLS_MASK) >> NETFLOW_EXTRA_MPLS_SHIFT;
}

int netflow_fields_parse(const char *str, u32 *fields);
int netflow_fields_format(char *buf, size_t size, u32 fields);

#endif /* _NETFLOW_FIELDS_H */
