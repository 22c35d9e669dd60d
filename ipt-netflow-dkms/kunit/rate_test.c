// SPDX-License-Identifier: GPL-2.0
/* KUnit: the rate estimator. */
#include <kunit/test.h>

#include "rate.h"

static void rate_first_update_only_primes(struct kunit *test)
{
	struct netflow_rate r = {};

	netflow_rate_update(&r, 1000000);
	KUNIT_EXPECT_EQ(test, r.per_sec, 0ull);
	KUNIT_EXPECT_EQ(test, netflow_rate_avg(&r, 0), 0ull);
}

static void rate_per_period(struct kunit *test)
{
	struct netflow_rate r = {};

	netflow_rate_update(&r, 100);
	netflow_rate_update(&r, 100 + 4 * 250);
	KUNIT_EXPECT_EQ(test, r.per_sec, 250ull);
}

/* A steady rate: every average converges on it, the 1-minute one first. */
static void rate_averages_converge(struct kunit *test)
{
	struct netflow_rate r = {};
	u64 total = 0;
	int i;

	netflow_rate_update(&r, total);
	for (i = 0; i < 15; i++) {	/* one minute */
		total += 4 * 10000;
		netflow_rate_update(&r, total);
	}
	KUNIT_EXPECT_GT(test, netflow_rate_avg(&r, 0), 6000ull);
	KUNIT_EXPECT_LT(test, netflow_rate_avg(&r, 1), netflow_rate_avg(&r, 0));
	KUNIT_EXPECT_LT(test, netflow_rate_avg(&r, 2), netflow_rate_avg(&r, 1));
	for (i = 0; i < 15 * 60; i++) {	/* one hour */
		total += 4 * 10000;
		netflow_rate_update(&r, total);
	}
	KUNIT_EXPECT_EQ(test, netflow_rate_avg(&r, 0), 10000ull);
	KUNIT_EXPECT_EQ(test, netflow_rate_avg(&r, 1), 10000ull);
	/* 61 minutes of a 15-minute average: 1 - e^(-61/15) = 98.3 % */
	KUNIT_EXPECT_GE(test, netflow_rate_avg(&r, 2), 9800ull);
	KUNIT_EXPECT_LE(test, netflow_rate_avg(&r, 2), 9860ull);
}

/* 100 Gbit/s in bits per second must not overflow the fixed point. */
static void rate_no_overflow_at_line_rate(struct kunit *test)
{
	struct netflow_rate r = {};
	u64 total = 0, bps = 100000000000ull;
	int i;

	netflow_rate_update(&r, total);
	for (i = 0; i < 15 * 60; i++) {
		total += 4 * bps;
		netflow_rate_update(&r, total);
	}
	KUNIT_EXPECT_EQ(test, r.per_sec, bps);
	KUNIT_EXPECT_EQ(test, netflow_rate_avg(&r, 0), bps);
}

static struct kunit_case netflow_rate_cases[] = {
	KUNIT_CASE(rate_first_update_only_primes),
	KUNIT_CASE(rate_per_period),
	KUNIT_CASE(rate_averages_converge),
	KUNIT_CASE(rate_no_overflow_at_line_rate),
	{}
};

static struct kunit_suite netflow_rate_suite = {
	.name = "netflow_rate",
	.test_cases = netflow_rate_cases,
};

kunit_test_suite(netflow_rate_suite);
