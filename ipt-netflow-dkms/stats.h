/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-CPU event counters of one network namespace. Updated lock-free on
 * the packet path, folded across CPUs only by readers.
 */
#ifndef _NETFLOW_STATS_H
#define _NETFLOW_STATS_H

#include <linux/percpu.h>
#include <linux/types.h>

enum netflow_stat {
	NETFLOW_STAT_PACKETS,		/* packets metered into flows */
	NETFLOW_STAT_BYTES,
	NETFLOW_STAT_SEARCHED,		/* extra flows compared in hash chains */
	NETFLOW_STAT_FOUND,		/* packets that hit an existing flow */
	NETFLOW_STAT_NEW,		/* flows created */
	NETFLOW_STAT_TRUNCATED,		/* packets with unreadable headers */
	NETFLOW_STAT_FRAGMENTS,		/* non-first fragments, no ports */
	NETFLOW_STAT_ALLOC_ERRORS,
	NETFLOW_STAT_MAXFLOWS,		/* packets refused by maxflows */
	NETFLOW_STAT_DROP_PACKETS,	/* packets not metered, any reason */
	NETFLOW_STAT_DROP_BYTES,
	NETFLOW_STAT_EXPORT_PACKETS,	/* datagrams sent */
	NETFLOW_STAT_EXPORT_BYTES,
	NETFLOW_STAT_EXPORT_FLOWS,
	NETFLOW_STAT_EXPORT_ERRORS,	/* failed sends, all destinations */
	NETFLOW_STAT_LOST_FLOWS,	/* flows no destination received */
	NETFLOW_STAT_LOST_PACKETS,	/* the traffic those flows described */
	NETFLOW_STAT_LOST_BYTES,
	NETFLOW_STAT_UNEXPORTABLE,	/* e.g. IPv6 flows under NetFlow v5 */
	NETFLOW_STAT_SAMPLED_FLOWS,	/* flows the sampler kept */
	NETFLOW_STAT_SKIPPED_FLOWS,	/* flows it discarded (deterministic, random) */
	NETFLOW_STAT_SAMPLED_PACKETS,	/* packets in kept flows, or hash-kept */
	NETFLOW_STAT_SKIPPED_PACKETS,	/* packets in discarded flows, or hash-skipped */
	NETFLOW_STAT_PROMISC_OBSERVED,	/* frames for other hosts, promisc on */
	NETFLOW_STAT_PROMISC_PASSED,	/* of them, run through PREROUTING */
	NETFLOW_STAT_PROMISC_NOT_IP,	/* discarded: neither IPv4 nor IPv6 */
	NETFLOW_STAT_PROMISC_MPLS,	/* discarded: MPLS deeper than promisc-mpls */
	NETFLOW_STAT_PROMISC_L2,	/* discarded: bad or cut layer 2 header */
	NETFLOW_STAT_PROMISC_TRUNCATED,	/* discarded: IP header cut short */
	NETFLOW_STAT_PROMISC_BAD_HEADER,	/* discarded: IP version, IHL */
	NETFLOW_STAT_PROMISC_BAD_CHECKSUM,	/* discarded: IPv4 header checksum */
	NETFLOW_STAT_PROMISC_BAD_LENGTH,	/* discarded: IP length past the frame */
	NETFLOW_STAT_PROMISC_NOMEM,	/* discarded: no memory to unshare */
	NETFLOW_STAT_COUNT
};

struct netflow_stats {
	u64 value[NETFLOW_STAT_COUNT];
};

static inline void netflow_stat_add(struct netflow_stats __percpu *stats,
				    enum netflow_stat which, u64 n)
{
	this_cpu_add(stats->value[which], n);
}

static inline void netflow_stat_inc(struct netflow_stats __percpu *stats,
				    enum netflow_stat which)
{
	this_cpu_inc(stats->value[which]);
}

static inline u64 netflow_stat_sum(struct netflow_stats __percpu *stats,
				   enum netflow_stat which)
{
	u64 sum = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += READ_ONCE(per_cpu_ptr(stats, cpu)->value[which]);
	return sum;
}

#endif /* _NETFLOW_STATS_H */
