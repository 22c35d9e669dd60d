// SPDX-License-Identifier: GPL-2.0
/*
 * Userspace unit tests of the agent's pure parts: the ipt_netflow_snmp
 * parser, the whole-file reader and the settings table. One "ok - " or
 * "not ok - " line per check, then "N passed, N failed"; exit status 1 on
 * any failure.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../knobs.h"
#include "../procparse.h"
#include "../readfile.h"

static unsigned int passed, failed;

static bool check(bool cond, const char *fmt, ...)
{
	va_list ap;

	printf(cond ? "ok - " : "not ok - ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (cond)
		passed++;
	else
		failed++;
	return cond;
}

/* What the module prints (ipt-netflow-dkms/procfs.c, snmp_show) on 2 CPUs. */
static const char sample[] =
	"inBitRate    8000\n"
	"inPacketRate 10\n"
	"inFlows      3\n"
	"inPackets    1234\n"
	"inBytes      567890\n"
	"hashMetric   1.25\n"
	"hashMemory   2097152\n"
	"hashFlows    2\n"
	"hashPackets  4\n"
	"hashBytes    400\n"
	"dropPackets  5\n"
	"dropBytes    600\n"
	"outByteRate  70\n"
	"outFlows     8\n"
	"outPackets   9\n"
	"outBytes     1000\n"
	"lostFlows    11\n"
	"lostPackets  12\n"
	"lostBytes    13\n"
	"errTotal     14\n"
	"promisc      1\n"
	"promiscMplsDepth 3\n"
	"promiscObserved 41\n"
	"promiscPassed 30\n"
	"promiscDiscarded 11\n"
	"promiscDiscardNotIp 1\n"
	"promiscDiscardMpls 2\n"
	"promiscDiscardL2 3\n"
	"promiscDiscardTruncated 4\n"
	"promiscDiscardHeader 5\n"
	"promiscDiscardChecksum 6\n"
	"promiscDiscardLength 7\n"
	"promiscDiscardNomem 8\n"
	"natEvents    2\n"
	"natEventsListener 1\n"
	"natEventsStart 51\n"
	"natEventsStop 52\n"
	"natEventsLost 53\n"
	"natEventsUnexportable 54\n"
	"cpu0 1 2 3 4 1.00 5 6 7 8 9 10\n"
	"cpu1 11 12 13 14 2.50 15 16 17 18 19 20\n"
	"sock0 127.0.0.1:2055 1 0 1 2 3 212992 0 1792\n"
	"sock1 [2001:db8::10]:9995@[2001:db8::1]%eth0 0 4 0 0 0 0 0 0\n"
	"sndbufPeak   1792\n";

/* Every named line has a name, and no two the same. */
static void test_names(void)
{
	unsigned int i, j, ok = 0;

	for (i = 0; i < NF_TOTALS; i++) {
		bool unique = nf_total_names[i] != NULL;

		for (j = 0; unique && j < i; j++)
			unique = strcmp(nf_total_names[i], nf_total_names[j]) != 0;
		ok += unique;
	}
	check(ok == NF_TOTALS, "names: all %u named lines have a name of their own", NF_TOTALS);
}

static void test_sample(void)
{
	static const uint64_t want[NF_TOTALS] = {
		8000, 10, 3, 1234, 567890, 125, 2097152, 2, 4, 400, 5, 600, 70, 8, 9,
		1000, 11, 12, 13, 14, 41, 30, 11, 1, 2, 3, 4, 5, 6, 7, 8, 1, 51, 52, 53, 54,
		1792,
	};
	struct nf_stats st = { 0 };
	unsigned int i, ok = 0;

	if (!check(nf_stats_parse(sample, strlen(sample), &st) == 0, "sample parses"))
		return;
	for (i = 0; i < NF_TOTALS; i++)
		ok += st.have[i] && st.total[i] == want[i];
	check(ok == NF_TOTALS, "sample: all %u totals read, hashMetric 1.25 as 125", NF_TOTALS);
	check(st.have[NF_PROMISC_NOMEM] && st.total[NF_PROMISC_NOMEM] == 8 &&
	      st.have[NF_NAT_UNEXPORTABLE] && st.total[NF_NAT_UNEXPORTABLE] == 54,
	      "sample: the promisc and NAT event lines, the longest names");
	check(st.bad_lines == 0, "sample: no bad line");
	check(st.nr_cpus == 2 && st.cpus[0].index == 0 && st.cpus[1].index == 1,
	      "sample: cpu0 and cpu1");
	check(st.nr_cpus == 2 && st.cpus[1].v[NF_CPU_PPS] == 11 &&
	      st.cpus[1].v[NF_CPU_METRIC] == 250 && st.cpus[1].v[NF_CPU_MAXFLOWS] == 20,
	      "sample: cpu1 columns (pps 11, metric 2.50, maxflows 20)");
	check(st.nr_socks == 2 && !strcmp(st.socks[0].destination, "127.0.0.1:2055") &&
	      st.socks[0].v[NF_SOCK_CONNECTED] == 1 && st.socks[0].v[NF_SOCK_SNDBUF] == 212992 &&
	      st.socks[0].v[NF_SOCK_PEAK] == 1792,
	      "sample: sock0 destination and counters");
	check(st.nr_socks == 2 &&
	      !strcmp(st.socks[1].destination, "[2001:db8::10]:9995@[2001:db8::1]%eth0") &&
	      st.socks[1].v[NF_SOCK_CONNECT_ERRORS] == 4,
	      "sample: sock1 IPv6 destination with source and interface");
	nf_stats_free(&st);
	check(st.cpus == NULL && st.nr_cpus == 0 && st.socks == NULL, "free zeroes");
}

/* one-line cases: text, expected return, a check on the result */
struct line_case {
	const char *name;
	const char *text;
	int ret;
	int bad_lines;
	enum nf_total total;	/* checked if have_total */
	bool have_total;
	uint64_t value;
};

static const struct line_case line_cases[] = {
	{ "empty text", "", -EINVAL, 0, 0, false, 0 },
	{ "only unknown lines", "hello world\nfoo 1\n", -EINVAL, 0, 0, false, 0 },
	{ "no newline at the end", "inFlows 42", 0, 0, NF_IN_FLOWS, true, 42 },
	{ "CRLF line ends", "inFlows 42\r\n", 0, 0, NF_IN_FLOWS, true, 42 },
	{ "tabs and padding", "  inFlows\t\t42   \n", 0, 0, NF_IN_FLOWS, true, 42 },
	{ "largest u64", "inBytes 18446744073709551615\n", 0, 0, NF_IN_BYTES, true,
	  UINT64_MAX },
	{ "u64 overflow is a bad line", "inFlows 1\ninBytes 18446744073709551616\n", 0, 1,
	  NF_IN_BYTES, false, 0 },
	{ "not a number", "inFlows 1\ninBytes 12a\n", 0, 1, NF_IN_BYTES, false, 0 },
	{ "negative total", "inFlows 1\ninBytes -3\n", 0, 1, NF_IN_BYTES, false, 0 },
	{ "name without value", "inFlows 1\ninBytes\n", 0, 1, NF_IN_BYTES, false, 0 },
	{ "second copy of a line", "inFlows 1\ninFlows 2\n", 0, 1, NF_IN_FLOWS, true, 1 },
	{ "extra columns ignored", "inFlows 7 8 9\n", 0, 0, NF_IN_FLOWS, true, 7 },
	{ "case matters", "inflows 7\ninFlows 8\n", 0, 0, NF_IN_FLOWS, true, 8 },
	{ "metric 0.00", "hashMetric 0.00\n", 0, 0, NF_HASH_METRIC, true, 0 },
	{ "metric one decimal", "hashMetric 1.5\n", 0, 0, NF_HASH_METRIC, true, 150 },
	{ "metric no decimals", "hashMetric 3\n", 0, 0, NF_HASH_METRIC, true, 300 },
	{ "metric three decimals cut", "hashMetric 12.345\n", 0, 0, NF_HASH_METRIC, true, 1234 },
	{ "metric '1.' is bad", "inFlows 1\nhashMetric 1.\n", 0, 1, NF_HASH_METRIC, false, 0 },
	{ "metric '.5' is bad", "inFlows 1\nhashMetric .5\n", 0, 1, NF_HASH_METRIC, false, 0 },
	{ "metric '1.2.3' is bad", "inFlows 1\nhashMetric 1.2.3\n", 0, 1, NF_HASH_METRIC, false, 0 },
	{ "a new named line is ignored", "newCounter 5\ninFlows 3\n", 0, 0, NF_IN_FLOWS, true, 3 },
	{ "an older module: no promisc lines", "inFlows 3\nerrTotal 0\n", 0, 0,
	  NF_PROMISC_OBSERVED, false, 0 },
	{ "settings lines are not totals", "promisc 1\nnatEvents 2\npromiscMplsDepth 3\n"
	  "natEventsStart 4\n", 0, 0, NF_NAT_START, true, 4 },
	{ "a NAT counter past 2^32", "natEventsLost 4294967296\n", 0, 0, NF_NAT_LOST, true,
	  4294967296ULL },
	{ "a bad promisc counter", "inFlows 1\npromiscPassed 1x\n", 0, 1, NF_PROMISC_PASSED,
	  false, 0 },
	{ "cpu line too short", "inFlows 1\ncpu0 1 2 3\n", 0, 1, NF_IN_FLOWS, true, 1 },
	{ "cpu line with a word", "inFlows 1\ncpu0 1 2 3 4 1.00 5 6 7 8 x 10\n", 0, 1,
	  NF_IN_FLOWS, true, 1 },
	{ "'cpu' alone is no cpu line", "inFlows 1\ncpu 1 2 3 4 1.00 5 6 7 8 9 10\n", 0, 0,
	  NF_IN_FLOWS, true, 1 },
	{ "'cpux1' is no cpu line", "inFlows 1\ncpux1 1 2 3 4 1.00 5 6 7 8 9 10\n", 0, 0,
	  NF_IN_FLOWS, true, 1 },
	{ "duplicate cpu line", "cpu0 1 2 3 4 1.00 5 6 7 8 9 10\ncpu0 1 2 3 4 1.00 5 6 7 8 9 10\n",
	  0, 1, 0, false, 0 },
	{ "sock line too short", "inFlows 1\nsock0 1.2.3.4:2055 1 0 0 0 0 1 2\n", 0, 1,
	  NF_IN_FLOWS, true, 1 },
	{ "text ends at the length given", "inFlows 5\0inBytes 6\n", 0, 0, NF_IN_BYTES, false, 0 },
};

static void test_line_cases(void)
{
	size_t i;

	for (i = 0; i < NF_ARRAY_SIZE(line_cases); i++) {
		const struct line_case *c = &line_cases[i];
		struct nf_stats st = { 0 };
		int ret = nf_stats_parse(c->text, strlen(c->text), &st);
		bool ok = ret == c->ret;

		if (ok && ret == 0) {
			ok = (int)st.bad_lines == c->bad_lines;
			if (c->have_total)
				ok = ok && st.have[c->total] && st.total[c->total] == c->value;
			else if (c->total)
				ok = ok && !st.have[c->total];
		}
		check(ok, "parse: %s (ret %d, bad lines %u)", c->name, ret, st.bad_lines);
		nf_stats_free(&st);
	}
}

static void test_rows(void)
{
	static const char text[] =
		"cpu3 3 0 0 0 0.00 0 0 0 0 0 0 99\n"	/* a new column */
		"cpu1 1 0 0 0 0.00 0 0 0 0 0 0\n"
		"cpu2 2 0 0 0 0.00 0 0 0 0 0 0\n"
		"sock1 b:1 0 0 0 0 0 -1 0 0\n"		/* printed from an int */
		"sock0 a:1 1 0 0 0 0 5 6 7 extra\n";
	struct nf_stats st = { 0 };

	check(nf_stats_parse(text, strlen(text), &st) == 0, "rows parse");
	check(st.nr_cpus == 3 && st.cpus[0].index == 1 && st.cpus[1].index == 2 &&
	      st.cpus[2].index == 3 && st.cpus[2].v[NF_CPU_PPS] == 3,
	      "rows out of order come out sorted, a new column is ignored");
	check(st.nr_socks == 2 && st.socks[0].index == 0 && !strcmp(st.socks[0].destination, "a:1") &&
	      st.socks[0].v[NF_SOCK_PEAK] == 7 && st.socks[1].v[NF_SOCK_SNDBUF] == 0,
	      "sockets sorted; -1 from an int reads as 0; extra column ignored");
	check(!st.have[NF_IN_FLOWS], "rows alone: no totals");
	nf_stats_free(&st);
}

/* A machine with many CPUs: the original agent's 4096-byte buffer lost most of it. */
static void test_large(void)
{
	enum { CPUS = 4096, SOCKS = 16 };
	char path[] = "/tmp/netflow-snmp-unit-XXXXXX";
	struct nf_stats st = { 0 };
	size_t len = 0;
	char *buf = NULL;
	FILE *f;
	int fd, i;

	fd = mkstemp(path);
	if (!check(fd >= 0, "large: temporary file"))
		return;
	f = fdopen(fd, "w");
	for (i = 0; i < NF_SNDBUF_PEAK; i++)
		fprintf(f, "%-12s %d\n", nf_total_names[i], i + 1);
	for (i = 0; i < CPUS; i++)
		fprintf(f, "cpu%d %d 1 2 3 1.%02d 4 5 6 7 8 %d\n", i, i, i % 100, 1000000 + i);
	for (i = 0; i < SOCKS; i++)
		fprintf(f, "sock%d 10.0.%d.1:2055 1 0 0 0 0 212992 0 %d\n", i, i, 100 + i);
	fprintf(f, "%-12s %d\n", "sndbufPeak", 100 + SOCKS - 1);
	fclose(f);

	i = nf_read_file(path, &buf, &len);
	check(i == 0 && len > 150000 && strlen(buf) == len, "large: read all %zu bytes", len);
	check(buf && nf_stats_parse(buf, len, &st) == 0, "large: parses");
	check(st.nr_cpus == CPUS && st.cpus[CPUS - 1].index == CPUS - 1 &&
	      st.cpus[CPUS - 1].v[NF_CPU_MAXFLOWS] == 1000000 + CPUS - 1 &&
	      st.cpus[CPUS - 1].v[NF_CPU_METRIC] == 100 + (CPUS - 1) % 100,
	      "large: all %d CPUs, the last one's columns right", CPUS);
	check(st.nr_socks == SOCKS && !strcmp(st.socks[SOCKS - 1].destination, "10.0.15.1:2055"),
	      "large: all %d sockets", SOCKS);
	check(st.have[NF_SNDBUF_PEAK] && st.total[NF_SNDBUF_PEAK] == 100 + SOCKS - 1 &&
	      st.have[NF_IN_BIT_RATE] && st.total[NF_ERR_TOTAL] == NF_ERR_TOTAL + 1,
	      "large: the last line (sndbufPeak) and the first are both read");
	check(st.bad_lines == 0, "large: no bad line");
	nf_stats_free(&st);
	free(buf);
	unlink(path);
}

static void test_readfile(void)
{
	char path[] = "/tmp/netflow-snmp-unit-XXXXXX";
	size_t len = 99;
	char *buf = NULL;
	int fd;

	fd = mkstemp(path);
	if (fd >= 0)
		close(fd);
	check(nf_read_file(path, &buf, &len) == 0 && len == 0 && buf && buf[0] == '\0',
	      "read: an empty file is 0 bytes");
	free(buf);
	unlink(path);
	check(nf_read_file("/nonexistent/netflow", &buf, &len) == -ENOENT,
	      "read: a missing file is -ENOENT");
	buf = NULL;
	check(nf_read_file("/proc/self/status", &buf, &len) == 0 && len > 100 &&
	      strstr(buf, "Pid:") != NULL, "read: a /proc file (size 0 in stat) reads whole");
	free(buf);
}

/* Each writable object against ipt-netflow-dkms/sysctl.c. */
struct knob_pin {
	const char *name, *sysctl;
	unsigned int subid;
	enum nf_knob_type type;
	long long ok[3];
	long long bad[3];
};

static const struct knob_pin pins[] = {
	{ "protocol", "protocol", 1, NF_KNOB_INTEGER, { 5, 9, 10 }, { 4, 7, 0 } },
	{ "hashsize", "hashsize", 2, NF_KNOB_INTEGER, { 256, 4096, 1 << 26 },
	  { 0, 255, (1 << 26) + 1 } },
	{ "maxflows", "maxflows", 3, NF_KNOB_INTEGER, { 0, 2000000, 2147483647 },
	  { -1, 2147483648LL, -2 } },
	{ "active-timeout", "active_timeout", 4, NF_KNOB_INTEGER, { 1, 1800, 604800 },
	  { 0, 604801, -1 } },
	{ "inactive-timeout", "inactive_timeout", 5, NF_KNOB_INTEGER, { 1, 15, 604800 },
	  { 0, 604801, -5 } },
	{ "sndbuf", "sndbuf", 6, NF_KNOB_INTEGER, { 0, 212992, 1073741823 },
	  { -1, 1073741824, 2147483647 } },
	{ "scan-min", "scan-min", 13, NF_KNOB_INTEGER, { 1, 50, 100 }, { 0, 101, -1 } },
	{ "engineId", "engine_id", 14, NF_KNOB_UNSIGNED, { 0, 255, 4294967295LL },
	  { -1, 4294967296LL, -2 } },
	{ "refreshRate", "refresh-rate", 15, NF_KNOB_INTEGER, { 1, 20, 65535 },
	  { 0, 65536, -1 } },
	{ "timeoutRate", "timeout-rate", 16, NF_KNOB_INTEGER, { 1, 30, 1440 }, { 0, 1441, -1 } },
	{ "debug", "debug", 17, NF_KNOB_INTEGER, { 0, 1, 3 }, { 4, -1, 100 } },
	{ "flush", "flush", 18, NF_KNOB_INTEGER, { 0, 1, 1 }, { 2, -1, 5 } },
	{ "natevents", "natevents", 10, NF_KNOB_INTEGER, { 0, 1, 2 }, { 3, -1, 10 } },
	{ "promisc", "promisc", 11, NF_KNOB_INTEGER, { 0, 1, 1 }, { 2, -1, 3 } },
	{ "promiscMplsDepth", "promisc-mpls", 19, NF_KNOB_INTEGER, { 0, 3, 10 },
	  { 11, -1, 100 } },
};

/* The string settings: the longest value each takes (the kernel's *_STRLEN) */
static const struct {
	const char *name, *sysctl;
	unsigned int subid, max;
	bool empty_ok;
} string_pins[] = {
	{ "destination", "destination", 7, 1024, false },
	{ "aggregation", "aggregation", 8, 1024, true },
	{ "sampler", "sampler", 9, 127, true },
	{ "snmp-rules", "snmp-rules", 12, 1024, true },
	{ "fields", "fields", 20, 255, true },
};

static const struct nf_knob *knob_named(const char *name)
{
	size_t i;

	for (i = 0; i < nf_nr_knobs; i++)
		if (!strcmp(nf_knobs[i].name, name))
			return &nf_knobs[i];
	return NULL;
}

static void test_knobs(void)
{
	const struct nf_knob *k;
	char big[1026];
	size_t i, j;
	bool ascending = true;

	for (i = 1; i < nf_nr_knobs; i++)
		ascending &= nf_knobs[i].subid > nf_knobs[i - 1].subid;
	check(ascending, "knobs: sub-ids ascend, none twice");
	check(nf_nr_knobs == NF_ARRAY_SIZE(pins) + NF_ARRAY_SIZE(string_pins),
	      "knobs: %zu objects (%zu numbers, %zu strings)", nf_nr_knobs, NF_ARRAY_SIZE(pins),
	      NF_ARRAY_SIZE(string_pins));

	for (i = 0; i < NF_ARRAY_SIZE(pins); i++) {
		const struct knob_pin *p = &pins[i];
		bool ok;

		k = knob_named(p->name);
		ok = k && !strcmp(k->sysctl, p->sysctl) && k->subid == p->subid && k->type == p->type;
		for (j = 0; ok && j < 3; j++)
			ok = nf_knob_check_number(k, p->ok[j]) == 0 &&
			     nf_knob_check_number(k, p->bad[j]) == -ERANGE;
		check(ok, "knob %s: sysctl %s, sub-id %u, takes %lld %lld %lld, refuses %lld %lld %lld",
		      p->name, p->sysctl, p->subid, p->ok[0], p->ok[1], p->ok[2],
		      p->bad[0], p->bad[1], p->bad[2]);
	}
	k = knob_named("flush");
	check(k && k->write_only, "knob flush is write-only (sysctl mode 0200)");

	memset(big, 'a', sizeof(big));
	for (i = 0; i < NF_ARRAY_SIZE(string_pins); i++) {
		unsigned int max = string_pins[i].max;
		bool ok;

		k = knob_named(string_pins[i].name);
		ok = k && k->type == NF_KNOB_STRING && !strcmp(k->sysctl, string_pins[i].sysctl) &&
		     k->subid == string_pins[i].subid && !k->write_only &&
		     nf_knob_check_number(k, 1) == -ERANGE &&
		     nf_knob_check_string(k, big, max) == 0 &&
		     nf_knob_check_string(k, big, max + 1) == -E2BIG &&
		     nf_knob_check_string(k, "", 0) == (string_pins[i].empty_ok ? 0 : -EINVAL) &&
		     nf_knob_check_string(k, " ,;", 3) == (string_pins[i].empty_ok ? 0 : -EINVAL) &&
		     nf_knob_check_string(k, "a\nb", 3) == -EINVAL &&
		     nf_knob_check_string(k, "a\tb", 3) == -EINVAL;
		check(ok, "knob %s: string, sysctl %s, sub-id %u, %u characters fit, %u are a wrong "
		      "length, empty %s, newline and tab refused", string_pins[i].name,
		      string_pins[i].sysctl, string_pins[i].subid, max, max + 1,
		      string_pins[i].empty_ok ? "taken" : "refused");
	}

	k = knob_named("destination");
	if (!check(k && k->type == NF_KNOB_STRING && k->subid == 7 && !strcmp(k->sysctl, "destination"),
		   "knob destination is a string, sub-id 7"))
		return;
	check(nf_knob_check_number(k, 1) == -ERANGE, "destination: a number is refused");
#define STR(s) s, sizeof(s) - 1
	check(nf_knob_check_string(k, STR("127.0.0.1:2055")) == 0, "destination: one collector");
	check(nf_knob_check_string(k, STR("10.0.0.1, [2001:db8::1]:2055@[2001:db8::2]%eth0;x")) == 0,
	      "destination: a list (the kernel parses it)");
	check(nf_knob_check_string(k, STR("")) == -EINVAL, "destination: empty is a wrong value");
	check(nf_knob_check_string(k, STR(" , ;")) == -EINVAL,
	      "destination: separators alone are a wrong value");
	check(nf_knob_check_string(k, STR("1.2.3.4\n5.6.7.8")) == -EINVAL,
	      "destination: a newline is a wrong value (the kernel would stop at it)");
	check(nf_knob_check_string(k, STR("1.2.3.4\0")) == -EINVAL, "destination: a NUL is refused");
	check(nf_knob_check_string(k, STR("1.2.3.4\t5.6.7.8")) == -EINVAL, "destination: a tab is refused");
	check(nf_knob_check_string(k, STR("caf\xc3\xa9")) == -EINVAL, "destination: non-ASCII is refused");
	check(nf_knob_check_string(k, big, 1024) == 0, "destination: 1024 characters fit");
	check(nf_knob_check_string(k, big, 1025) == -E2BIG, "destination: 1025 are a wrong length");
	k = knob_named("sampler");
	check(nf_knob_check_string(k, STR("deterministic:10")) == 0 &&
	      nf_knob_check_string(k, STR("bogus:1")) == 0,
	      "sampler: any printable text goes to the kernel, which parses it");
	k = knob_named("fields");
	check(nf_knob_check_string(k, STR("ethertype,direction")) == 0 &&
	      nf_knob_check_string(k, STR("caf\xc3\xa9")) == -EINVAL,
	      "fields: a list goes to the kernel; non-ASCII is refused");
	k = knob_named("protocol");
	check(nf_knob_check_string(k, STR("5")) == -E2BIG, "protocol: a string is refused");
#undef STR
}

static void test_parse_number(void)
{
	static const struct {
		const char *text;
		bool ok;
		uint32_t v;
	} cases[] = {
		{ "15\n", true, 15 }, { "0\n", true, 0 }, { "4294967295\n", true, 4294967295u },
		{ "4294967296\n", false, 0 }, { "", false, 0 }, { "\n", false, 0 },
		{ "abc\n", false, 0 }, { "12 x\n", false, 0 }, { "-1\n", false, 0 },
	};
	size_t i;

	for (i = 0; i < NF_ARRAY_SIZE(cases); i++) {
		uint32_t v = 0;
		bool ok = nf_knob_parse_number(cases[i].text, &v);

		check(ok == cases[i].ok && (!ok || v == cases[i].v),
		      "sysctl value '%.*s' %s", (int)strcspn(cases[i].text, "\n"), cases[i].text,
		      cases[i].ok ? "reads" : "is refused");
	}
}

int main(void)
{
	test_names();
	test_sample();
	test_line_cases();
	test_rows();
	test_large();
	test_readfile();
	test_knobs();
	test_parse_number();
	printf("%u passed, %u failed\n", passed, failed);
	return failed ? 1 : 0;
}
