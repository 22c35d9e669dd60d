// SPDX-License-Identifier: GPL-2.0
/* Rate estimation for the statistics. Pure: the caller keeps the period. */
#include <linux/kernel.h>

#include "rate.h"

#define RATE_SHIFT	11
#define RATE_ONE	BIT(RATE_SHIFT)

/* 2048 * exp(-4 s / 1, 5, 15 minutes) */
static const u64 decay[3] = { 1916, 2021, 2039 };

void netflow_rate_update(struct netflow_rate *r, u64 total)
{
	unsigned int i;

	if (!r->primed) {
		/* no period has passed yet: nothing to measure */
		r->last_total = total;
		r->primed = true;
		return;
	}
	r->per_sec = (total - r->last_total) / NETFLOW_RATE_PERIOD;
	r->last_total = total;
	for (i = 0; i < ARRAY_SIZE(r->avg); i++)
		r->avg[i] = (r->avg[i] * decay[i] +
			     (r->per_sec << RATE_SHIFT) * (RATE_ONE - decay[i])) >>
			    RATE_SHIFT;
}

/* @which: 0, 1, 2 for the 1, 5, 15 minute average, per second */
u64 netflow_rate_avg(const struct netflow_rate *r, unsigned int which)
{
	return (r->avg[which] + RATE_ONE / 2) >> RATE_SHIFT;
}
