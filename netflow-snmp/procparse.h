/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Parser of /proc/net/stat/ipt_netflow_snmp (docs/proc-snmp.md): named
 * totals, one line per CPU, one per collector socket. Pure: no I/O, no
 * net-snmp, no globals; the only allocation is the rows it returns.
 */
#ifndef NETFLOW_SNMP_PROCPARSE_H
#define NETFLOW_SNMP_PROCPARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * The named lines the agent serves, in the file's order (snmp_NETFLOW.c
 * has each one's OID). The file's promisc, promiscMplsDepth and natEvents
 * lines are settings: the agent reads those from /proc/sys/net/netflow/.
 */
enum nf_total {
	NF_IN_BIT_RATE,
	NF_IN_PACKET_RATE,
	NF_IN_FLOWS,
	NF_IN_PACKETS,
	NF_IN_BYTES,
	NF_HASH_METRIC,		/* x.xx, stored x 100 */
	NF_HASH_MEMORY,
	NF_HASH_FLOWS,
	NF_HASH_PACKETS,
	NF_HASH_BYTES,
	NF_DROP_PACKETS,
	NF_DROP_BYTES,
	NF_OUT_BYTE_RATE,
	NF_OUT_FLOWS,
	NF_OUT_PACKETS,
	NF_OUT_BYTES,
	NF_LOST_FLOWS,
	NF_LOST_PACKETS,
	NF_LOST_BYTES,
	NF_ERR_TOTAL,
	NF_PROMISC_OBSERVED,
	NF_PROMISC_PASSED,
	NF_PROMISC_DISCARDED,
	NF_PROMISC_NOT_IP,
	NF_PROMISC_MPLS,
	NF_PROMISC_L2,
	NF_PROMISC_TRUNCATED,
	NF_PROMISC_HEADER,
	NF_PROMISC_CHECKSUM,
	NF_PROMISC_LENGTH,
	NF_PROMISC_NOMEM,
	NF_NAT_LISTENER,
	NF_NAT_START,
	NF_NAT_STOP,
	NF_NAT_LOST,
	NF_NAT_UNEXPORTABLE,
	NF_SNDBUF_PEAK,		/* the last line, after the rows */
	NF_TOTALS
};

/* Columns of a "cpuN" line after the name; also the MIB columns - 2. */
enum nf_cpu_col {
	NF_CPU_PPS,
	NF_CPU_FLOWS,
	NF_CPU_PACKETS,
	NF_CPU_BYTES,
	NF_CPU_METRIC,		/* x.xx, stored x 100 */
	NF_CPU_DROP_PACKETS,
	NF_CPU_DROP_BYTES,
	NF_CPU_TRUNCATED,
	NF_CPU_FRAGMENTS,
	NF_CPU_ALLOC_ERRORS,
	NF_CPU_MAXFLOWS,
	NF_CPU_COLS
};

/* Columns of a "sockN" line after the destination; the MIB columns - 3. */
enum nf_sock_col {
	NF_SOCK_CONNECTED,
	NF_SOCK_CONNECT_ERRORS,
	NF_SOCK_SNDBUF_FULL,
	NF_SOCK_CBERR,
	NF_SOCK_OTHER_ERRORS,
	NF_SOCK_SNDBUF,
	NF_SOCK_FILLED,
	NF_SOCK_PEAK,
	NF_SOCK_COLS
};

struct nf_cpu {
	uint32_t index;			/* N of cpuN */
	uint64_t v[NF_CPU_COLS];
};

struct nf_sock {
	uint32_t index;			/* N of sockN */
	char *destination;
	uint64_t v[NF_SOCK_COLS];
};

struct nf_stats {
	uint64_t total[NF_TOTALS];
	bool have[NF_TOTALS];		/* the line was there */
	struct nf_cpu *cpus;		/* ascending index, no duplicates */
	size_t nr_cpus;
	struct nf_sock *socks;		/* ascending index, no duplicates */
	size_t nr_socks;
	unsigned int bad_lines;		/* known lines that made no sense, skipped */
};

/* The name of each named line ("inBitRate", ...). */
extern const char *const nf_total_names[NF_TOTALS];

/*
 * Parses LEN bytes of TEXT (need not end in NUL) into *ST, which must be
 * zeroed or freed first. Unknown lines and extra columns are ignored, as
 * the format promises only additions. Returns 0, -ENOMEM (ST holds
 * nothing), or -EINVAL when not one known line was found (ST is freed).
 */
int nf_stats_parse(const char *text, size_t len, struct nf_stats *st);

/* Frees the rows and zeroes *ST. */
void nf_stats_free(struct nf_stats *st);

#endif /* NETFLOW_SNMP_PROCPARSE_H */
