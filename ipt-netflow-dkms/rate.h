/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _NETFLOW_RATE_H
#define _NETFLOW_RATE_H

#include <linux/types.h>

/*
 * A rate estimator fed with a running total every NETFLOW_RATE_PERIOD
 * seconds: the rate of the last period and 1, 5 and 15 minute averages,
 * weighted like the load average.
 */
enum { NETFLOW_RATE_PERIOD = 4 };

struct netflow_rate {
	u64 last_total;
	u64 per_sec;
	u64 avg[3];		/* 1, 5, 15 minutes; fixed point, 11 bits */
	bool primed;
};

void netflow_rate_update(struct netflow_rate *r, u64 total);
u64 netflow_rate_avg(const struct netflow_rate *r, unsigned int which);

#endif /* _NETFLOW_RATE_H */
