// SPDX-License-Identifier: GPL-2.0
/*
 * Parser of /proc/net/stat/ipt_netflow_snmp. The format (docs/proc-snmp.md)
 * only ever grows: new named lines, new columns at the end of a line. So a
 * line we do not know is skipped, extra columns are ignored, and a known
 * line with too few columns or a column that is not a number is counted in
 * bad_lines and skipped on its own, never failing the whole read.
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "procparse.h"

/* row_slot() finds a row's index at its start */
_Static_assert(offsetof(struct nf_cpu, index) == 0, "cpu index first");
_Static_assert(offsetof(struct nf_sock, index) == 0, "sock index first");

const char *const nf_total_names[NF_TOTALS] = {
	[NF_IN_BIT_RATE] = "inBitRate",
	[NF_IN_PACKET_RATE] = "inPacketRate",
	[NF_IN_FLOWS] = "inFlows",
	[NF_IN_PACKETS] = "inPackets",
	[NF_IN_BYTES] = "inBytes",
	[NF_HASH_METRIC] = "hashMetric",
	[NF_HASH_MEMORY] = "hashMemory",
	[NF_HASH_FLOWS] = "hashFlows",
	[NF_HASH_PACKETS] = "hashPackets",
	[NF_HASH_BYTES] = "hashBytes",
	[NF_DROP_PACKETS] = "dropPackets",
	[NF_DROP_BYTES] = "dropBytes",
	[NF_OUT_BYTE_RATE] = "outByteRate",
	[NF_OUT_FLOWS] = "outFlows",
	[NF_OUT_PACKETS] = "outPackets",
	[NF_OUT_BYTES] = "outBytes",
	[NF_LOST_FLOWS] = "lostFlows",
	[NF_LOST_PACKETS] = "lostPackets",
	[NF_LOST_BYTES] = "lostBytes",
	[NF_ERR_TOTAL] = "errTotal",
	[NF_PROMISC_OBSERVED] = "promiscObserved",
	[NF_PROMISC_PASSED] = "promiscPassed",
	[NF_PROMISC_DISCARDED] = "promiscDiscarded",
	[NF_PROMISC_NOT_IP] = "promiscDiscardNotIp",
	[NF_PROMISC_MPLS] = "promiscDiscardMpls",
	[NF_PROMISC_L2] = "promiscDiscardL2",
	[NF_PROMISC_TRUNCATED] = "promiscDiscardTruncated",
	[NF_PROMISC_HEADER] = "promiscDiscardHeader",
	[NF_PROMISC_CHECKSUM] = "promiscDiscardChecksum",
	[NF_PROMISC_LENGTH] = "promiscDiscardLength",
	[NF_PROMISC_NOMEM] = "promiscDiscardNomem",
	[NF_NAT_LISTENER] = "natEventsListener",
	[NF_NAT_START] = "natEventsStart",
	[NF_NAT_STOP] = "natEventsStop",
	[NF_NAT_LOST] = "natEventsLost",
	[NF_NAT_UNEXPORTABLE] = "natEventsUnexportable",
	[NF_SNDBUF_PEAK] = "sndbufPeak",
};

/* How a column is written. */
enum num_kind {
	NUM_U64,	/* decimal digits */
	NUM_FIXED2,	/* "x.xx": stored times 100 */
	NUM_INT,	/* printed from a C int: a minus sign reads as 0 */
};

struct token {
	const char *s;
	size_t len;
};

enum { MAX_TOKENS = 32 };

static size_t tokenize(const char *line, size_t len, struct token *tok, size_t max)
{
	size_t i = 0, n = 0;

	while (i < len && n < max) {
		while (i < len && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r'))
			i++;
		if (i == len)
			break;
		tok[n].s = line + i;
		while (i < len && line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
			i++;
		tok[n].len = line + i - tok[n].s;
		n++;
	}
	return n;
}

static bool parse_digits(const char *s, size_t len, uint64_t *out)
{
	uint64_t v = 0;
	size_t i;

	if (len == 0)
		return false;
	for (i = 0; i < len; i++) {
		unsigned int d = (unsigned char)s[i] - '0';

		if (d > 9 || v > (UINT64_MAX - d) / 10)
			return false;
		v = v * 10 + d;
	}
	*out = v;
	return true;
}

static bool all_digits(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return len > 0;
}

/* "12.34" -> 1234, "12.3" -> 1230, "12" -> 1200; decimals past two are cut. */
static bool parse_fixed2(const char *s, size_t len, uint64_t *out)
{
	const char *dot = memchr(s, '.', len);
	size_t wlen = dot ? (size_t)(dot - s) : len;
	size_t flen = dot ? len - wlen - 1 : 0;
	uint64_t whole, frac = 0;

	if (!parse_digits(s, wlen, &whole) || whole > UINT64_MAX / 100 - 1)
		return false;
	if (dot) {
		if (!all_digits(dot + 1, flen))
			return false;
		frac = (dot[1] - '0') * 10;
		if (flen > 1)
			frac += dot[2] - '0';
	}
	*out = whole * 100 + frac;
	return true;
}

static bool parse_num(const struct token *t, enum num_kind kind, uint64_t *out)
{
	switch (kind) {
	case NUM_U64:
		return parse_digits(t->s, t->len, out);
	case NUM_INT:
		if (t->len > 1 && t->s[0] == '-' && all_digits(t->s + 1, t->len - 1)) {
			*out = 0;
			return true;
		}
		return parse_digits(t->s, t->len, out);
	case NUM_FIXED2:
		return parse_fixed2(t->s, t->len, out);
	}
	return false;
}

static const enum num_kind cpu_kinds[NF_CPU_COLS] = {
	[NF_CPU_METRIC] = NUM_FIXED2,	/* every other column: NUM_U64 */
};

static const enum num_kind sock_kinds[NF_SOCK_COLS] = {
	[NF_SOCK_SNDBUF] = NUM_INT,
	[NF_SOCK_FILLED] = NUM_INT,
	[NF_SOCK_PEAK] = NUM_INT,
};

/* "cpu12" with prefix "cpu": true, *index = 12 */
static bool row_name(const struct token *t, const char *prefix, uint32_t *index)
{
	size_t plen = strlen(prefix);
	uint64_t v;

	if (t->len <= plen || memcmp(t->s, prefix, plen) != 0 ||
	    !parse_digits(t->s + plen, t->len - plen, &v) || v > UINT32_MAX)
		return false;
	*index = (uint32_t)v;
	return true;
}

/*
 * Room for one more row in a sorted array, at the place INDEX goes; NULL
 * with *dup set if INDEX is there already, NULL alone if out of memory.
 * The kernel writes rows in ascending order, so this is an append in
 * practice.
 */
static void *row_slot(void **rows, size_t *nr, size_t *cap, size_t size,
		      uint32_t index, bool *dup)
{
	char *base = *rows;
	size_t lo = 0, hi = *nr;

	*dup = false;
	if (*nr && *(uint32_t *)(base + (*nr - 1) * size) < index) {
		lo = *nr;
	} else {
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			uint32_t at = *(uint32_t *)(base + mid * size);

			if (at == index) {
				*dup = true;
				return NULL;
			}
			if (at < index)
				lo = mid + 1;
			else
				hi = mid;
		}
	}
	if (*nr == *cap) {
		size_t ncap = *cap ? *cap * 2 : 16;

		base = realloc(base, ncap * size);
		if (!base)
			return NULL;
		*rows = base;
		*cap = ncap;
	}
	memmove(base + (lo + 1) * size, base + lo * size, (*nr - lo) * size);
	(*nr)++;
	memset(base + lo * size, 0, size);
	return base + lo * size;
}

struct parser {
	struct nf_stats *st;
	size_t cpu_cap;
	size_t sock_cap;
	bool known;		/* at least one line we know */
};

/* Returns 0, or -ENOMEM. A bad line is counted, not an error. */
static int parse_cpu(struct parser *p, uint32_t index, const struct token *tok, size_t n)
{
	uint64_t v[NF_CPU_COLS];
	struct nf_cpu *row;
	bool dup;
	size_t i;

	if (n < 1 + NF_CPU_COLS)
		goto bad;
	for (i = 0; i < NF_CPU_COLS; i++)
		if (!parse_num(&tok[1 + i], cpu_kinds[i], &v[i]))
			goto bad;
	row = row_slot((void **)&p->st->cpus, &p->st->nr_cpus, &p->cpu_cap,
		       sizeof(*row), index, &dup);
	if (!row) {
		if (dup)
			goto bad;
		return -ENOMEM;
	}
	row->index = index;
	memcpy(row->v, v, sizeof(v));
	p->known = true;
	return 0;
bad:
	p->st->bad_lines++;
	return 0;
}

static int parse_sock(struct parser *p, uint32_t index, const struct token *tok, size_t n)
{
	uint64_t v[NF_SOCK_COLS];
	struct nf_sock *row;
	char *dest;
	bool dup;
	size_t i;

	if (n < 2 + NF_SOCK_COLS)
		goto bad;
	for (i = 0; i < NF_SOCK_COLS; i++)
		if (!parse_num(&tok[2 + i], sock_kinds[i], &v[i]))
			goto bad;
	dest = strndup(tok[1].s, tok[1].len);
	if (!dest)
		return -ENOMEM;
	row = row_slot((void **)&p->st->socks, &p->st->nr_socks, &p->sock_cap,
		       sizeof(*row), index, &dup);
	if (!row) {
		free(dest);
		if (dup)
			goto bad;
		return -ENOMEM;
	}
	row->index = index;
	row->destination = dest;
	memcpy(row->v, v, sizeof(v));
	p->known = true;
	return 0;
bad:
	p->st->bad_lines++;
	return 0;
}

static void parse_total(struct parser *p, const struct token *tok, size_t n)
{
	size_t i;

	for (i = 0; i < NF_TOTALS; i++) {
		if (tok[0].len != strlen(nf_total_names[i]) ||
		    memcmp(tok[0].s, nf_total_names[i], tok[0].len) != 0)
			continue;
		if (n < 2 || p->st->have[i] ||
		    !parse_num(&tok[1], i == NF_HASH_METRIC ? NUM_FIXED2 : NUM_U64,
			       &p->st->total[i])) {
			p->st->bad_lines++;
			return;
		}
		p->st->have[i] = true;
		p->known = true;
		return;
	}
}

static int parse_line(struct parser *p, const char *line, size_t len)
{
	struct token tok[MAX_TOKENS];
	uint32_t index;
	size_t n;

	n = tokenize(line, len, tok, MAX_TOKENS);
	if (n == 0)
		return 0;
	if (row_name(&tok[0], "cpu", &index))
		return parse_cpu(p, index, tok, n);
	if (row_name(&tok[0], "sock", &index))
		return parse_sock(p, index, tok, n);
	parse_total(p, tok, n);
	return 0;
}

int nf_stats_parse(const char *text, size_t len, struct nf_stats *st)
{
	struct parser p = { .st = st };
	size_t pos = 0;

	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - text) : len;
		int err = parse_line(&p, text + pos, end - pos);

		if (err) {
			nf_stats_free(st);
			return err;
		}
		pos = end + 1;
	}
	if (!p.known) {
		nf_stats_free(st);
		return -EINVAL;
	}
	return 0;
}

void nf_stats_free(struct nf_stats *st)
{
	size_t i;

	for (i = 0; i < st->nr_socks; i++)
		free(st->socks[i].destination);
	free(st->socks);
	free(st->cpus);
	memset(st, 0, sizeof(*st));
}
