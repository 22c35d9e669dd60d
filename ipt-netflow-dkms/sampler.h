/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _NETFLOW_SAMPLER_H
#define _NETFLOW_SAMPLER_H

#include <linux/types.h>

/* The sampler= mode. The values are the v9 samplerId / IPFIX selectorId. */
enum netflow_sampler_mode {
	NETFLOW_SAMPLER_OFF = 0,
	NETFLOW_SAMPLER_DETERMINISTIC = 1,	/* every Nth flow */
	NETFLOW_SAMPLER_RANDOM = 2,		/* each flow with probability 1/N */
	NETFLOW_SAMPLER_HASH = 3,		/* packets whose flow hash selects them */
};

enum {
	NETFLOW_SAMPLER_MIN = 2,		/* population size N */
	NETFLOW_SAMPLER_MAX = 16383,		/* 14 bits: the v5 header field */
	NETFLOW_SAMPLER_STRLEN = 127,		/* longest sampler string accepted */
	NETFLOW_SAMPLER_FMTLEN = 20,		/* "deterministic:16383" and its NUL */
};

/*
 * A parsed sampler= setting: 4 bytes, so a whole one is read or written
 * with one READ_ONCE() / WRITE_ONCE(). interval is 0 when mode is OFF.
 */
struct netflow_sampler {
	u16 mode;			/* enum netflow_sampler_mode */
	u16 interval;			/* N, 2..16383 */
};

/* The export worker's count of flows seen and kept, reset on a change. */
struct netflow_sampler_state {
	u64 observed;
	u64 selected;
};

static inline bool netflow_sampler_equal(const struct netflow_sampler *a,
					 const struct netflow_sampler *b)
{
	return a->mode == b->mode && a->interval == b->interval;
}

int netflow_sampler_parse(const char *str, struct netflow_sampler *s);
int netflow_sampler_format(char *buf, size_t size, const struct netflow_sampler *s);
const char *netflow_sampler_mode_name(const struct netflow_sampler *s);
bool netflow_sampler_keep_packet(const struct netflow_sampler *s, u32 flow_hash);
bool netflow_sampler_keep_flow(const struct netflow_sampler *s,
			       struct netflow_sampler_state *st, u32 rnd);
u16 netflow_sampler_v5_field(const struct netflow_sampler *s);
u8 netflow_sampler_v9_mode(const struct netflow_sampler *s);
u8 netflow_sampler_ipfix_algorithm(const struct netflow_sampler *s);

#endif /* _NETFLOW_SAMPLER_H */
