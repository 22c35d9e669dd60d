// SPDX-License-Identifier: GPL-2.0
/*
 * fields=: a list of names, separated as the other list settings are
 * (strlist.c), read back in one fixed order, "" for none.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>

#include "fields.h"
#include "strlist.h"

static const char * const field_names[NETFLOW_FIELD_COUNT] = {
	[NETFLOW_FIELD_ETHERTYPE]	= "ethertype",
	[NETFLOW_FIELD_DIRECTION]	= "direction",
	[NETFLOW_FIELD_PHYSDEV]		= "physdev",
	[NETFLOW_FIELD_IPV4_OPTIONS]	= "ipv4-options",
	[NETFLOW_FIELD_TCP_OPTIONS]	= "tcp-options",
	[NETFLOW_FIELD_IPV6_EXTHDR]	= "ipv6-exthdr",
	[NETFLOW_FIELD_FLOW_LABEL]	= "flow-label",
	[NETFLOW_FIELD_MAC]		= "mac",
	[NETFLOW_FIELD_VLAN]		= "vlan",
	[NETFLOW_FIELD_MPLS]		= "mpls",
};

/**
 * netflow_fields_parse() - parse a fields= string
 * @str: names, e.g. "direction,tcp-options"; "" selects none
 * @fields: set to the BIT(enum netflow_field) mask; untouched on error
 *
 * A name given twice counts once.
 *
 * Return: 0, -EINVAL for an unknown name, -E2BIG for a string longer
 * than NETFLOW_FIELDS_STRLEN.
 */
int netflow_fields_parse(const char *str, u32 *fields)
{
	const char *pos = str, *end, *item;
	size_t len = strnlen(str, NETFLOW_FIELDS_STRLEN + 1);
	u32 mask = 0;

	if (len > NETFLOW_FIELDS_STRLEN)
		return -E2BIG;
	end = str + len;
	while (netflow_list_next(&pos, end, &item, &len)) {
		unsigned int f;

		for (f = 0; f < NETFLOW_FIELD_COUNT; f++)
			if (strlen(field_names[f]) == len &&
			    !memcmp(field_names[f], item, len))
				break;
		if (f == NETFLOW_FIELD_COUNT)
			return -EINVAL;
		mask |= BIT(f);
	}
	*fields = mask;
	return 0;
}

/**
 * netflow_fields_format() - the canonical form of a selection
 * @buf: where it goes, NUL-terminated
 * @size: of @buf
 * @fields: the mask netflow_fields_parse() gave; other bits are ignored
 *
 * Return: the length written, or -ENOSPC if it did not fit.
 */
int netflow_fields_format(char *buf, size_t size, u32 fields)
{
	size_t len = 0;
	unsigned int f;
	int err = 0;

	if (!size)
		return -ENOSPC;
	buf[0] = '\0';
	for (f = 0; f < NETFLOW_FIELD_COUNT && !err; f++)
		if (fields & BIT(f))
			err = netflow_append(buf, size, &len, "%s%s",
					     len ? "," : "", field_names[f]);
	return err ?: len;
}
