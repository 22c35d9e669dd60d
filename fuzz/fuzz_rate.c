// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_rate: rate.c, the rate estimator (last period, 1/5/15-minute
 * averages in 11-bit fixed point).
 *
 * The input is a sequence of running totals, each given as a step from
 * the previous one (small, large, arbitrary 64-bit, or backwards as a
 * counter reset would be). Checked, besides UBSan:
 *  - the first update only primes: no rate, no average;
 *  - per_sec is the step over NETFLOW_RATE_PERIOD, modulo 2^64 (a wrapped
 *    total still gives the right step);
 *  - every average equals the exact computation, done here in 128 bits,
 *    as long as no rate so far reached 2^42 per second: below that the
 *    64-bit fixed point cannot overflow (rate << 11 times 2048 < 2^64);
 *    that limit is 4.4 Tbit/s for in_bps (bits), 4.4e12 packets/s;
 *  - in that range an average lies between the smallest and the largest
 *    rate seen since priming (it is a weighted mean), and
 *    netflow_rate_avg() rounds it to the nearest integer.
 * Past the limit only UBSan runs: the averages are known to wrap there
 * (fuzz/README.md, findings).
 */
#include <linux/kernel.h>

#include "rate.h"
#include "common.h"

typedef unsigned __int128 u128;

#define RATE_LIMIT	(1ULL << 42)	/* per second, see above */

static const u64 decay[3] = { 1916, 2021, 2039 };	/* 2048 * exp(-4 s / 1, 5, 15 min) */

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct stream st = { data, size };
	struct netflow_rate r;
	u128 avg[3] = { 0, 0, 0 };
	u64 total = st_u64(&st), min_rate = U64_MAX, max_rate = 0;
	bool exact = true;
	unsigned int i, n = 0;

	memset(&r, 0, sizeof(r));
	netflow_rate_update(&r, total);
	CHECK("rate-prime", r.primed && r.per_sec == 0 && r.last_total == total,
	      "first update");
	for (i = 0; i < 3; i++)
		CHECK("rate-prime", r.avg[i] == 0 && netflow_rate_avg(&r, i) == 0,
		      "average %u after priming", i);

	while (!st_empty(&st) && n++ < 100000) {
		u8 mode = st_u8(&st);
		u64 step, rate;

		switch (mode & 7) {
		case 0: step = st_u8(&st); break;
		case 1: step = st_u16(&st); break;
		case 2: step = st_u32(&st); break;
		case 3: step = st_u64(&st); break;
		case 4: step = (u64)st_u32(&st) << (st_u8(&st) % 33); break;
		case 5: step = 0ULL - st_u16(&st); break;	/* backwards */
		case 6: step = 4 * (RATE_LIMIT - 1 - st_u16(&st)); break;	/* at the limit */
		default: step = 4ULL * st_u32(&st) * 1000; break;	/* up to 17 Tbit/s */
		}
		/* repeat it: steady rates are where the averages converge */
		for (unsigned int rep = 0, reps = 1 + (mode >> 3); rep < reps; rep++) {
			total += step;
			netflow_rate_update(&r, total);
			rate = step / NETFLOW_RATE_PERIOD;
			CHECK("rate-per-sec", r.per_sec == rate && r.last_total == total,
			      "step %llu: per_sec %llu", (unsigned long long)step,
			      (unsigned long long)r.per_sec);
			if (rate >= RATE_LIMIT)
				exact = false;
			if (!exact)
				continue;
			min_rate = rate < min_rate ? rate : min_rate;
			max_rate = rate > max_rate ? rate : max_rate;
			for (i = 0; i < 3; i++) {
				u64 got, mean;

				avg[i] = (avg[i] * decay[i] +
					  ((u128)rate << 11) * (2048 - decay[i])) >> 11;
				CHECK("rate-exact", r.avg[i] == avg[i],
				      "average %u: %llu, exact %llu (rates up to %llu/s)", i,
				      (unsigned long long)r.avg[i],
				      (unsigned long long)avg[i],
				      (unsigned long long)max_rate);
				got = netflow_rate_avg(&r, i);
				mean = (u64)((avg[i] + 1024) >> 11);
				CHECK("rate-exact", got == mean, "rounded average %u", i);
				/* a weighted mean of rates since priming, 0 included */
				CHECK("rate-bounds", got <= max_rate, "average %u: %llu > %llu",
				      i, (unsigned long long)got,
				      (unsigned long long)max_rate);
			}
		}
	}
	return 0;
}
