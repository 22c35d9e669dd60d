// SPDX-License-Identifier: GPL-2.0
/*
 * The settings table. Ranges are those of ipt-netflow-dkms/sysctl.c (the
 * KNOB() lines and the apply_*() checks): keep them in step; the unit
 * test pins each one.
 */
#include <errno.h>
#include <string.h>

#include "knobs.h"

static const uint32_t protocols[] = { 5, 9, 10 };
static const uint32_t flush_values[] = { 0, 1 };	/* idle, flush */
static const uint32_t natevents_values[] = { 0, 1, 2 };	/* off, with flows, alone */
static const uint32_t promisc_values[] = { 0, 1 };

#define NUMBER(id, mib, file, lo, hi) \
	{ .subid = id, .name = mib, .sysctl = file, .type = NF_KNOB_INTEGER, .min = lo, .max = hi }
#define CHOICE(id, mib, file, list) \
	{ .subid = id, .name = mib, .sysctl = file, .type = NF_KNOB_INTEGER, \
	  .values = list, .nr_values = NF_ARRAY_SIZE(list) }
/* LO 1: at least one item; the kernel parses the text itself */
#define STRING(id, mib, file, lo, hi) \
	{ .subid = id, .name = mib, .sysctl = file, .type = NF_KNOB_STRING, .min = lo, .max = hi }

const struct nf_knob nf_knobs[] = {
	CHOICE(1, "protocol", "protocol", protocols),
	NUMBER(2, "hashsize", "hashsize", 256, 1 << 26),	/* 0 reads, never writes */
	NUMBER(3, "maxflows", "maxflows", 0, 2147483647),
	NUMBER(4, "active-timeout", "active_timeout", 1, 7 * 24 * 3600),
	NUMBER(5, "inactive-timeout", "inactive_timeout", 1, 7 * 24 * 3600),
	NUMBER(6, "sndbuf", "sndbuf", 0, 2147483647 / 2),
	STRING(7, "destination", "destination", 1, 1024),	/* NETFLOW_DEST_STRLEN */
	STRING(8, "aggregation", "aggregation", 0, 1024),	/* NETFLOW_AGGR_STRLEN */
	STRING(9, "sampler", "sampler", 0, 127),		/* NETFLOW_SAMPLER_STRLEN */
	CHOICE(10, "natevents", "natevents", natevents_values),
	CHOICE(11, "promisc", "promisc", promisc_values),
	STRING(12, "snmp-rules", "snmp-rules", 0, 1024),	/* NETFLOW_SNMP_RULES_STRLEN */
	NUMBER(13, "scan-min", "scan-min", 1, 100),
	{ .subid = 14, .name = "engineId", .sysctl = "engine_id",
	  .type = NF_KNOB_UNSIGNED, .min = 0, .max = UINT32_MAX },
	NUMBER(15, "refreshRate", "refresh-rate", 1, 65535),
	NUMBER(16, "timeoutRate", "timeout-rate", 1, 24 * 60),
	NUMBER(17, "debug", "debug", 0, 3),
	{ .subid = 18, .name = "flush", .sysctl = "flush", .type = NF_KNOB_INTEGER,
	  .values = flush_values, .nr_values = NF_ARRAY_SIZE(flush_values), .write_only = true },
	NUMBER(19, "promiscMplsDepth", "promisc-mpls", 0, 10),
	/* the kernel takes 256 (NETFLOW_FIELDS_STRLEN); DisplayString, 255 */
	STRING(20, "fields", "fields", 0, 255),
};

const size_t nf_nr_knobs = NF_ARRAY_SIZE(nf_knobs);

int nf_knob_check_number(const struct nf_knob *k, long long v)
{
	size_t i;

	if (k->type == NF_KNOB_STRING)
		return -ERANGE;
	if (k->values) {
		for (i = 0; i < k->nr_values; i++)
			if (v == k->values[i])
				return 0;
		return -ERANGE;
	}
	return v >= k->min && v <= k->max ? 0 : -ERANGE;
}

/* the list settings' separators (ipt-netflow-dkms/dest.c); tab and newline are refused anyway */
static bool is_separator(char c)
{
	return c == ' ' || c == ',' || c == ';';
}

int nf_knob_check_string(const struct nf_knob *k, const char *s, size_t len)
{
	bool content = false;
	size_t i;

	if (k->type != NF_KNOB_STRING || len > k->max)
		return -E2BIG;
	/*
	 * Printable ASCII only: the kernel stops reading at a newline or a
	 * NUL, and would take the text before it alone.
	 */
	for (i = 0; i < len; i++) {
		if (s[i] < 0x20 || s[i] > 0x7e)
			return -EINVAL;
		content |= !is_separator(s[i]);
	}
	/* min 1: the destination, which must name at least one collector */
	if (k->min && !content)
		return -EINVAL;
	return 0;
}

bool nf_knob_parse_number(const char *text, uint32_t *v)
{
	uint64_t n = 0;
	size_t i = 0;

	while (text[i] >= '0' && text[i] <= '9') {
		n = n * 10 + (text[i] - '0');
		if (n > UINT32_MAX)
			return false;
		i++;
	}
	if (i == 0)
		return false;
	while (text[i] == '\n' || text[i] == ' ' || text[i] == '\t')
		i++;
	if (text[i] != '\0')
		return false;
	*v = (uint32_t)n;
	return true;
}
