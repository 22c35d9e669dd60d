// SPDX-License-Identifier: GPL-2.0
/*
 * snmp_NETFLOW.so: IPT-NETFLOW-MIB (enterprises.37476.9000.10.1) for
 * net-snmp's snmpd, loaded by the snmpd.conf line
 *
 *   dlmod netflow snmp_NETFLOW
 *
 * (found in snmpd's dlmod directory, /usr/lib/x86_64-linux-gnu/snmp/dlmod
 * on Debian; a full path to the .so works too; init_netflow() and
 * deinit_netflow() are the entry points the name "netflow" selects).
 *
 * Where each object comes from:
 *   iptNetflowModule   /sys/module/ipt_NETFLOW/ (read on each request)
 *   iptNetflowSysctl   /proc/sys/net/netflow/   (read on each request,
 *                      written by SET; knobs.c has the checks)
 *   iptNetflowTotals,  /proc/net/stat/ipt_netflow_snmp, read whole and
 *   the two tables,    parsed (procparse.c) at most once a second; a line
 *   iptNetflowPromisc, an older module does not print has no instance
 *   iptNetflowNatEvents
 *
 * Everything is table-driven: one handler for all scalars, dispatching on
 * the struct object its registration carries, and one for both tables,
 * on their column lists. While the module is not loaded, moduleStatus
 * says so and the other objects have no instance; snmpd is never stopped
 * or crashed by anything the kernel shows or lacks.
 *
 * "netflowRoot DIR" in snmpd.conf, after the dlmod line, looks for /proc
 * and /sys under DIR (a container with the host's mounted elsewhere, or a
 * test).
 */
#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>
#include <net-snmp/agent/agent_sysORTable.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "knobs.h"
#include "procparse.h"
#include "readfile.h"

#ifndef NETFLOW_SNMP_VERSION
#define NETFLOW_SNMP_VERSION "unknown"
#endif

void init_netflow(void);
void deinit_netflow(void);

static oid mib_root[] = { 1, 3, 6, 1, 4, 1, 37476, 9000, 10, 1 };
#define ROOT_LEN OID_LENGTH(mib_root)

#define STATS_FILE "/proc/net/stat/ipt_netflow_snmp"
#define SYSCTL_DIR "/proc/sys/net/netflow/"
#define MODULE_DIR "/sys/module/ipt_NETFLOW"

enum {
	CACHE_MS = 1000,	/* statistics are read at most this often */
	TEXT_MAX = 1024,	/* longest sysctl or sysfs value served */
};

static char root_dir[PATH_MAX / 2];		/* netflowRoot; "" is / */

/* ROOT_DIR + DIR + FILE; a path too long comes out empty, so nothing opens */
static void path_of(char *buf, size_t size, const char *dir, const char *file)
{
	int n = snprintf(buf, size, "%s%s%s", root_dir, dir, file ? file : "");

	if (n < 0 || (size_t)n >= size)
		buf[0] = '\0';
}

/* ---- statistics, cached ---------------------------------------------- */

enum module_status {		/* moduleStatus */
	STATUS_LOADED = 1,
	STATUS_NOT_LOADED = 2,
	STATUS_UNREADABLE = 3,
};

static struct {
	struct nf_stats st;
	enum module_status status;
	bool valid;
	struct timespec at;
	int last_err;		/* to log each new trouble once */
	unsigned int last_bad;
} cache;

static long elapsed_ms(const struct timespec *since)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - since->tv_sec) * 1000 + (now.tv_nsec - since->tv_nsec) / 1000000;
}

static bool module_loaded(void)
{
	char path[PATH_MAX];

	path_of(path, sizeof(path), MODULE_DIR, NULL);
	return access(path, F_OK) == 0;
}

/*
 * Reads the statistics again if the copy is older than CACHE_MS. Called
 * only at the start of a handler (or of a table walk), so no row pointer
 * handed out in one handler call is freed under it.
 */
static void stats_refresh(void)
{
	char path[PATH_MAX];
	size_t len;
	char *text;
	int err;

	if (cache.valid && elapsed_ms(&cache.at) < CACHE_MS)
		return;
	nf_stats_free(&cache.st);
	clock_gettime(CLOCK_MONOTONIC, &cache.at);
	cache.valid = true;

	path_of(path, sizeof(path), STATS_FILE, NULL);
	err = nf_read_file(path, &text, &len);
	if (!err) {
		err = nf_stats_parse(text, len, &cache.st);
		free(text);
	}
	if (!err)
		cache.status = STATUS_LOADED;
	else if (err == -ENOENT && !module_loaded())
		cache.status = STATUS_NOT_LOADED;
	else
		cache.status = STATUS_UNREADABLE;

	if (err != cache.last_err) {
		if (cache.status == STATUS_UNREADABLE)
			snmp_log(LOG_WARNING, "netflow: %s: %s\n", path,
				 err == -EINVAL ? "no statistics in it" : strerror(-err));
		else if (cache.status == STATUS_NOT_LOADED)
			snmp_log(LOG_INFO, "netflow: ipt_NETFLOW is not loaded\n");
		else
			snmp_log(LOG_INFO, "netflow: reading %s\n", path);
		cache.last_err = err;
	}
	if (cache.st.bad_lines != cache.last_bad) {
		if (cache.st.bad_lines)
			snmp_log(LOG_WARNING, "netflow: %s: %u lines skipped (not as documented)\n",
				 path, cache.st.bad_lines);
		cache.last_bad = cache.st.bad_lines;
	}
}

/* ---- values ----------------------------------------------------------- */

/* Sets an integer-like varbind from a 64-bit count, as TYPE wants it. */
static void set_number(netsnmp_variable_list *vb, u_char type, uint64_t v)
{
	struct counter64 c64;

	switch (type) {
	case ASN_COUNTER64:
		c64.high = v >> 32;
		c64.low = v & 0xffffffff;
		snmp_set_var_typed_value(vb, type, &c64, sizeof(c64));
		break;
	case ASN_COUNTER:	/* wraps, as a Counter32 does */
		snmp_set_var_typed_integer(vb, type, (long)(v & 0xffffffff));
		break;
	case ASN_GAUGE:		/* latches at its maximum (also Unsigned32) */
		snmp_set_var_typed_integer(vb, type, (long)(v > UINT32_MAX ? UINT32_MAX : v));
		break;
	default:		/* ASN_INTEGER */
		snmp_set_var_typed_integer(vb, type, (long)(v > INT32_MAX ? INT32_MAX : v));
		break;
	}
}

/* The text of a small file without its trailing newline; false if none. */
static bool read_text(const char *dir, const char *file, char *buf, size_t size)
{
	char path[PATH_MAX];
	size_t len;
	char *text;

	path_of(path, sizeof(path), dir, file);
	if (nf_read_file(path, &text, &len))
		return false;
	while (len && (text[len - 1] == '\n' || text[len - 1] == ' '))
		len--;
	if (len >= size) {
		free(text);
		return false;
	}
	memcpy(buf, text, len);
	buf[len] = '\0';
	free(text);
	return true;
}

/* ---- scalars ------------------------------------------------------------ */

enum object_kind {
	OBJ_MODULE,		/* arg: enum module_item */
	OBJ_KNOB,		/* arg: index in nf_knobs[] */
	OBJ_TOTAL,		/* arg: enum nf_total */
};

enum module_item {		/* iptNetflowModule sub-ids */
	ITEM_NAME = 1,
	ITEM_VERSION,
	ITEM_SRCVERSION,
	ITEM_LOAD_TIME,
	ITEM_REFCNT,
	ITEM_STATUS,
	ITEM_ITEMS
};

static const char *const module_names[ITEM_ITEMS] = {
	[ITEM_NAME] = "name", [ITEM_VERSION] = "version", [ITEM_SRCVERSION] = "srcversion",
	[ITEM_LOAD_TIME] = "loadTime", [ITEM_REFCNT] = "refcnt", [ITEM_STATUS] = "moduleStatus",
};

/*
 * Where each total is: iptNetflowStatistics.GROUP.SUB (1 iptNetflowTotals,
 * 4 iptNetflowPromisc, 5 iptNetflowNatEvents), and its ASN type, the MIB's
 * SYNTAX (a CounterBasedGauge64 is sent as a Counter64).
 */
static const struct {
	oid group, sub;
	u_char type;
} total_objs[NF_TOTALS] = {
	[NF_IN_BIT_RATE] = { 1, 1, ASN_COUNTER64 },	[NF_IN_PACKET_RATE] = { 1, 2, ASN_GAUGE },
	[NF_IN_FLOWS] = { 1, 3, ASN_COUNTER64 },	[NF_IN_PACKETS] = { 1, 4, ASN_COUNTER64 },
	[NF_IN_BYTES] = { 1, 5, ASN_COUNTER64 },	[NF_HASH_METRIC] = { 1, 6, ASN_GAUGE },
	[NF_HASH_MEMORY] = { 1, 7, ASN_GAUGE },		[NF_HASH_FLOWS] = { 1, 8, ASN_GAUGE },
	[NF_HASH_PACKETS] = { 1, 9, ASN_GAUGE },	[NF_HASH_BYTES] = { 1, 10, ASN_COUNTER64 },
	[NF_DROP_PACKETS] = { 1, 11, ASN_COUNTER64 },	[NF_DROP_BYTES] = { 1, 12, ASN_COUNTER64 },
	[NF_OUT_BYTE_RATE] = { 1, 13, ASN_GAUGE },	[NF_OUT_FLOWS] = { 1, 14, ASN_COUNTER64 },
	[NF_OUT_PACKETS] = { 1, 15, ASN_COUNTER64 },	[NF_OUT_BYTES] = { 1, 16, ASN_COUNTER64 },
	[NF_LOST_FLOWS] = { 1, 17, ASN_COUNTER64 },	[NF_LOST_PACKETS] = { 1, 18, ASN_COUNTER64 },
	[NF_LOST_BYTES] = { 1, 19, ASN_COUNTER64 },	[NF_ERR_TOTAL] = { 1, 20, ASN_COUNTER },
	[NF_SNDBUF_PEAK] = { 1, 21, ASN_GAUGE },
	[NF_PROMISC_OBSERVED] = { 4, 1, ASN_COUNTER64 },
	[NF_PROMISC_PASSED] = { 4, 2, ASN_COUNTER64 },
	[NF_PROMISC_DISCARDED] = { 4, 3, ASN_COUNTER64 },
	[NF_PROMISC_NOT_IP] = { 4, 4, ASN_COUNTER64 },
	[NF_PROMISC_MPLS] = { 4, 5, ASN_COUNTER64 },
	[NF_PROMISC_L2] = { 4, 6, ASN_COUNTER64 },
	[NF_PROMISC_TRUNCATED] = { 4, 7, ASN_COUNTER64 },
	[NF_PROMISC_HEADER] = { 4, 8, ASN_COUNTER64 },
	[NF_PROMISC_CHECKSUM] = { 4, 9, ASN_COUNTER64 },
	[NF_PROMISC_LENGTH] = { 4, 10, ASN_COUNTER64 },
	[NF_PROMISC_NOMEM] = { 4, 11, ASN_COUNTER64 },
	[NF_NAT_START] = { 5, 1, ASN_COUNTER64 },
	[NF_NAT_STOP] = { 5, 2, ASN_COUNTER64 },
	[NF_NAT_LOST] = { 5, 3, ASN_COUNTER64 },
	[NF_NAT_UNEXPORTABLE] = { 5, 4, ASN_COUNTER64 },
	[NF_NAT_LISTENER] = { 5, 5, ASN_INTEGER },
};

struct object {
	enum object_kind kind;
	int arg;
	const char *name;
	oid sub[3];		/* under iptNetflowMIB */
	netsnmp_handler_registration *reg;
};

static struct object objects[(ITEM_ITEMS - 1) + 32 + NF_TOTALS];
static size_t nr_objects;

static u_char knob_asn_type(const struct nf_knob *k)
{
	return k->type == NF_KNOB_STRING ? ASN_OCTET_STR :
	       k->type == NF_KNOB_UNSIGNED ? ASN_UNSIGNED : ASN_INTEGER;
}

/* loadTime: DateAndTime in UTC, 11 octets */
static int get_load_time(netsnmp_variable_list *vb)
{
	char path[PATH_MAX];
	u_char dt[11];
	struct stat sb;
	struct tm tm;

	path_of(path, sizeof(path), MODULE_DIR, NULL);
	if (stat(path, &sb) || !gmtime_r(&sb.st_mtime, &tm))
		return SNMP_NOSUCHINSTANCE;
	dt[0] = (tm.tm_year + 1900) >> 8;
	dt[1] = (tm.tm_year + 1900) & 0xff;
	dt[2] = tm.tm_mon + 1;
	dt[3] = tm.tm_mday;
	dt[4] = tm.tm_hour;
	dt[5] = tm.tm_min;
	dt[6] = tm.tm_sec;
	dt[7] = sb.st_mtim.tv_nsec / 100000000;
	dt[8] = '+';
	dt[9] = 0;
	dt[10] = 0;
	snmp_set_var_typed_value(vb, ASN_OCTET_STR, dt, sizeof(dt));
	return SNMP_ERR_NOERROR;
}

static int get_module(enum module_item item, netsnmp_variable_list *vb)
{
	char text[TEXT_MAX + 1];
	uint32_t v;

	switch (item) {
	case ITEM_NAME:
		snmp_set_var_typed_value(vb, ASN_OCTET_STR, "ipt_NETFLOW", 11);
		return SNMP_ERR_NOERROR;
	case ITEM_STATUS:
		stats_refresh();
		snmp_set_var_typed_integer(vb, ASN_INTEGER, cache.status);
		return SNMP_ERR_NOERROR;
	case ITEM_LOAD_TIME:
		return get_load_time(vb);
	case ITEM_VERSION:
	case ITEM_SRCVERSION:
		if (!read_text(MODULE_DIR "/", item == ITEM_VERSION ? "version" : "srcversion",
			       text, sizeof(text)))
			return SNMP_NOSUCHINSTANCE;
		snmp_set_var_typed_value(vb, ASN_OCTET_STR, text, strlen(text));
		return SNMP_ERR_NOERROR;
	case ITEM_REFCNT:
		if (!read_text(MODULE_DIR "/", "refcnt", text, sizeof(text)) ||
		    !nf_knob_parse_number(text, &v))
			return SNMP_NOSUCHINSTANCE;
		set_number(vb, ASN_INTEGER, v);
		return SNMP_ERR_NOERROR;
	default:
		return SNMP_NOSUCHINSTANCE;
	}
}

static int get_knob(const struct nf_knob *k, netsnmp_variable_list *vb)
{
	char text[TEXT_MAX + 2], path[PATH_MAX];
	uint32_t v;

	if (k->write_only) {
		path_of(path, sizeof(path), SYSCTL_DIR, k->sysctl);
		if (access(path, F_OK))
			return SNMP_NOSUCHINSTANCE;
		set_number(vb, ASN_INTEGER, 0);
		return SNMP_ERR_NOERROR;
	}
	if (!read_text(SYSCTL_DIR, k->sysctl, text, sizeof(text)))
		return SNMP_NOSUCHINSTANCE;
	if (k->type == NF_KNOB_STRING) {
		snmp_set_var_typed_value(vb, ASN_OCTET_STR, text, strnlen(text, k->max));
		return SNMP_ERR_NOERROR;
	}
	if (!nf_knob_parse_number(text, &v))
		return SNMP_NOSUCHINSTANCE;
	set_number(vb, knob_asn_type(k), v);
	return SNMP_ERR_NOERROR;
}

static int get_total(enum nf_total t, netsnmp_variable_list *vb)
{
	stats_refresh();
	if (cache.status != STATUS_LOADED || !cache.st.have[t])
		return SNMP_NOSUCHINSTANCE;
	set_number(vb, total_objs[t].type, cache.st.total[t]);
	return SNMP_ERR_NOERROR;
}

static int object_get(const struct object *obj, netsnmp_variable_list *vb)
{
	switch (obj->kind) {
	case OBJ_MODULE:
		return get_module(obj->arg, vb);
	case OBJ_KNOB:
		return get_knob(&nf_knobs[obj->arg], vb);
	case OBJ_TOTAL:
		return get_total(obj->arg, vb);
	}
	return SNMP_NOSUCHINSTANCE;
}

/* ---- SET of a setting ------------------------------------------------------
 *
 * RESERVE1 checks everything that can be checked without writing, in the
 * order of RFC 3416 4.2.5: wrongType, wrongLength, wrongValue (the kernel's
 * own ranges, knobs.c), inconsistentName (module not loaded), notWritable
 * (snmpd may not write the file). RESERVE2 keeps the old value; ACTION
 * writes. The string settings (destination, aggregation, sampler,
 * snmp-rules, fields) are checked here for length and printable ASCII
 * only; the kernel parses them itself, whole, and its EINVAL (value
 * refused, the old one still in force) is a wrongValue, any other failure
 * a commitFailed. UNDO writes the old value (the canonical form read in
 * RESERVE2) back when another variable of the same SET failed.
 */

#define SET_STATE "netflow-set"

struct set_state {
	char *old;		/* text read before the write; NULL for flush */
	bool written;
};

static void set_state_free(void *p)
{
	struct set_state *s = p;

	free(s->old);
	free(s);
}

/* Writes LEN bytes of VALUE and a newline to the knob's file: 0 or -errno. */
static int write_knob(const struct nf_knob *k, const char *value, size_t len)
{
	char path[PATH_MAX], buf[TEXT_MAX + 2];
	ssize_t n;
	int fd, err = 0;

	if (len > TEXT_MAX)
		return -E2BIG;
	memcpy(buf, value, len);
	buf[len++] = '\n';
	path_of(path, sizeof(path), SYSCTL_DIR, k->sysctl);
	fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = write(fd, buf, len);
	if (n < 0)
		err = -errno;
	else if ((size_t)n != len)
		err = -EIO;
	if (close(fd) && !err)
		err = -errno;
	return err;
}

/* The requested value as the text the sysctl file takes. */
static size_t value_text(const struct nf_knob *k, const netsnmp_variable_list *vb,
			 char *buf, size_t size)
{
	if (k->type == NF_KNOB_STRING) {
		size_t len = vb->val_len < size ? vb->val_len : size - 1;

		memcpy(buf, vb->val.string, len);
		return len;
	}
	if (k->type == NF_KNOB_UNSIGNED)
		return snprintf(buf, size, "%lu", (unsigned long)*vb->val.integer & 0xffffffff);
	return snprintf(buf, size, "%ld", *vb->val.integer);
}

static int set_check(const struct nf_knob *k, const netsnmp_variable_list *vb)
{
	char path[PATH_MAX];
	long long v;

	if (vb->type != knob_asn_type(k))
		return SNMP_ERR_WRONGTYPE;
	if (k->type == NF_KNOB_STRING) {
		switch (nf_knob_check_string(k, (const char *)vb->val.string, vb->val_len)) {
		case 0:
			break;
		case -E2BIG:
			return SNMP_ERR_WRONGLENGTH;
		default:
			return SNMP_ERR_WRONGVALUE;
		}
	} else {
		if (vb->val_len != sizeof(long))
			return SNMP_ERR_WRONGLENGTH;
		v = k->type == NF_KNOB_UNSIGNED ? (long long)(unsigned long)*vb->val.integer :
						  (long long)*vb->val.integer;
		if (nf_knob_check_number(k, v))
			return SNMP_ERR_WRONGVALUE;
	}
	path_of(path, sizeof(path), SYSCTL_DIR, k->sysctl);
	if (access(path, F_OK))
		return SNMP_ERR_INCONSISTENTNAME;
	/*
	 * With the effective ids and capabilities: a non-root snmpd that has
	 * CAP_NET_ADMIN may write net.* sysctls, and plain access() would
	 * drop the capability for the check.
	 */
	if (faccessat(AT_FDCWD, path, W_OK, AT_EACCESS))
		return SNMP_ERR_NOTWRITABLE;
	return SNMP_ERR_NOERROR;
}

static int set_knob(const struct nf_knob *k, int mode, netsnmp_request_info *r)
{
	struct set_state *s = netsnmp_request_get_list_data(r, SET_STATE);
	char text[TEXT_MAX + 2];
	size_t len;
	int err;

	switch (mode) {
	case MODE_SET_RESERVE1:
		return set_check(k, r->requestvb);
	case MODE_SET_RESERVE2:
		s = calloc(1, sizeof(*s));
		if (!s)
			return SNMP_ERR_RESOURCEUNAVAILABLE;
		if (!k->write_only) {
			if (read_text(SYSCTL_DIR, k->sysctl, text, sizeof(text)))
				s->old = strdup(text);
			if (!s->old) {
				free(s);
				return SNMP_ERR_RESOURCEUNAVAILABLE;
			}
		}
		netsnmp_request_add_list_data(r, netsnmp_create_data_list(SET_STATE, s,
									  set_state_free));
		return SNMP_ERR_NOERROR;
	case MODE_SET_ACTION:
		len = value_text(k, r->requestvb, text, sizeof(text));
		err = write_knob(k, text, len);
		DEBUGMSGTL(("netflow", "write %s = '%.*s': %d\n", k->sysctl, (int)len, text, err));
		if (err == -EINVAL || err == -ERANGE) {
			snmp_log(LOG_INFO, "netflow: SET %s refused by the kernel\n", k->name);
			return SNMP_ERR_WRONGVALUE;
		}
		if (err) {
			snmp_log(LOG_WARNING, "netflow: SET %s: %s\n", k->name, strerror(-err));
			return SNMP_ERR_COMMITFAILED;
		}
		if (s)
			s->written = true;
		return SNMP_ERR_NOERROR;
	case MODE_SET_COMMIT:
		cache.valid = false;	/* a flush or new collectors show at once */
		return SNMP_ERR_NOERROR;
	case MODE_SET_UNDO:
		if (!s || !s->written || !s->old)
			return SNMP_ERR_NOERROR;
		err = write_knob(k, s->old, strlen(s->old));
		if (err) {
			snmp_log(LOG_ERR, "netflow: undoing SET %s: %s; it stays changed\n",
				 k->name, strerror(-err));
			return SNMP_ERR_UNDOFAILED;
		}
		return SNMP_ERR_NOERROR;
	default:		/* MODE_SET_FREE: the state goes with the request */
		return SNMP_ERR_NOERROR;
	}
}

static int scalar_handler(netsnmp_mib_handler *handler, netsnmp_handler_registration *reg,
			  netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests)
{
	const struct object *obj = reg->my_reg_void;
	netsnmp_request_info *r;
	int err;

	(void)handler;
	for (r = requests; r; r = r->next) {
		if (r->processed)
			continue;
		if (reqinfo->mode == MODE_GET)
			err = object_get(obj, r->requestvb);
		else if (obj->kind == OBJ_KNOB)
			err = set_knob(&nf_knobs[obj->arg], reqinfo->mode, r);
		else
			err = SNMP_ERR_NOTWRITABLE;
		if (err)
			netsnmp_set_request_error(reqinfo, r, err);
	}
	return SNMP_ERR_NOERROR;
}

/* ---- tables ----------------------------------------------------------- */

struct column {
	oid col;
	u_char type;
	int field;		/* index in the row's v[]; -1: the destination */
};

static const struct column cpu_columns[] = {
	{ 2, ASN_GAUGE, NF_CPU_PPS },
	{ 3, ASN_COUNTER64, NF_CPU_FLOWS },
	{ 4, ASN_COUNTER64, NF_CPU_PACKETS },
	{ 5, ASN_COUNTER64, NF_CPU_BYTES },
	{ 6, ASN_GAUGE, NF_CPU_METRIC },
	{ 7, ASN_COUNTER64, NF_CPU_DROP_PACKETS },
	{ 8, ASN_COUNTER64, NF_CPU_DROP_BYTES },
	{ 9, ASN_COUNTER, NF_CPU_TRUNCATED },
	{ 10, ASN_COUNTER, NF_CPU_FRAGMENTS },
	{ 11, ASN_COUNTER, NF_CPU_ALLOC_ERRORS },
	{ 12, ASN_COUNTER, NF_CPU_MAXFLOWS },
};

static const struct column sock_columns[] = {
	{ 2, ASN_OCTET_STR, -1 },
	{ 3, ASN_INTEGER, NF_SOCK_CONNECTED },
	{ 4, ASN_COUNTER, NF_SOCK_CONNECT_ERRORS },
	{ 5, ASN_COUNTER, NF_SOCK_SNDBUF_FULL },
	{ 6, ASN_COUNTER, NF_SOCK_CBERR },
	{ 7, ASN_COUNTER, NF_SOCK_OTHER_ERRORS },
	{ 8, ASN_GAUGE, NF_SOCK_SNDBUF },
	{ 9, ASN_GAUGE, NF_SOCK_FILLED },
	{ 10, ASN_GAUGE, NF_SOCK_PEAK },
};

struct table {
	const char *name;
	oid sub[2];			/* under iptNetflowMIB: the table */
	uint32_t max_index;		/* the index's range in the MIB */
	const struct column *columns;
	size_t nr_columns;
	bool sockets;			/* rows: cache.st.socks, else cpus */
	netsnmp_handler_registration *reg;
};

static struct table tables[] = {
	{ "iptNetflowCpuTable", { 2, 2 }, 65535, cpu_columns,
	  NF_ARRAY_SIZE(cpu_columns), false, NULL },
	{ "iptNetflowSockTable", { 2, 3 }, 4096, sock_columns,
	  NF_ARRAY_SIZE(sock_columns), true, NULL },
};

static size_t table_rows(const struct table *t)
{
	if (cache.status != STATUS_LOADED)
		return 0;
	return t->sockets ? cache.st.nr_socks : cache.st.nr_cpus;
}

static const void *table_row(const struct table *t, size_t i, uint32_t *index)
{
	if (t->sockets) {
		*index = cache.st.socks[i].index;
		return &cache.st.socks[i];
	}
	*index = cache.st.cpus[i].index;
	return &cache.st.cpus[i];
}

/* The loop context is the next row's position plus one (never NULL). */
static netsnmp_variable_list *table_next(void **loop, void **data, netsnmp_variable_list *idx,
					 netsnmp_iterator_info *iinfo)
{
	const struct table *t = iinfo->myvoid;
	size_t i = (uintptr_t)*loop - 1, n = table_rows(t);
	uint32_t index = 0;
	const void *row = NULL;

	for (; i < n; i++) {
		row = table_row(t, i, &index);
		if (index <= t->max_index)
			break;
	}
	if (i >= n)
		return NULL;
	*loop = (void *)(uintptr_t)(i + 2);
	*data = (void *)row;
	snmp_set_var_typed_integer(idx, ASN_INTEGER, index);
	return idx;
}

static netsnmp_variable_list *table_first(void **loop, void **data, netsnmp_variable_list *idx,
					  netsnmp_iterator_info *iinfo)
{
	stats_refresh();
	*loop = (void *)(uintptr_t)1;
	return table_next(loop, data, idx, iinfo);
}

static int table_handler(netsnmp_mib_handler *handler, netsnmp_handler_registration *reg,
			 netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests)
{
	const struct table *t = reg->my_reg_void;
	netsnmp_table_request_info *tinfo;
	const struct column *c;
	netsnmp_request_info *r;
	const uint64_t *v;
	const void *row;
	size_t i;

	(void)handler;
	if (reqinfo->mode != MODE_GET)
		return SNMP_ERR_NOERROR;
	for (r = requests; r; r = r->next) {
		if (r->processed)
			continue;
		row = netsnmp_extract_iterator_context(r);
		tinfo = netsnmp_extract_table_info(r);
		for (c = NULL, i = 0; tinfo && i < t->nr_columns; i++)
			if (t->columns[i].col == tinfo->colnum)
				c = &t->columns[i];
		if (!row || !c) {
			netsnmp_set_request_error(reqinfo, r, SNMP_NOSUCHINSTANCE);
			continue;
		}
		if (c->field < 0) {
			const char *dest = ((const struct nf_sock *)row)->destination;

			snmp_set_var_typed_value(r->requestvb, ASN_OCTET_STR, dest,
						 strnlen(dest, 255));
			continue;
		}
		v = t->sockets ? ((const struct nf_sock *)row)->v : ((const struct nf_cpu *)row)->v;
		set_number(r->requestvb, c->type, v[c->field]);
	}
	return SNMP_ERR_NOERROR;
}

/* ---- registration --------------------------------------------------------- */

static void add_object(enum object_kind kind, int arg, const char *name, oid a, oid b, oid c)
{
	struct object *o;

	if (nr_objects == NF_ARRAY_SIZE(objects)) {
		snmp_log(LOG_ERR, "netflow: no room for %s\n", name);
		return;
	}
	o = &objects[nr_objects++];

	o->kind = kind;
	o->arg = arg;
	o->name = name;
	o->sub[0] = a;
	o->sub[1] = b;
	o->sub[2] = c;
}

static int register_object(struct object *o)
{
	oid name[ROOT_LEN + 3];
	int mode = o->kind == OBJ_KNOB ? HANDLER_CAN_RWRITE : HANDLER_CAN_RONLY;

	memcpy(name, mib_root, sizeof(mib_root));
	memcpy(name + ROOT_LEN, o->sub, sizeof(o->sub));
	o->reg = netsnmp_create_handler_registration(o->name, scalar_handler, name,
						     OID_LENGTH(name), mode);
	if (!o->reg)
		return -1;
	o->reg->my_reg_void = o;
	if (netsnmp_register_scalar(o->reg) != MIB_REGISTERED_OK) {
		o->reg = NULL;	/* freed by the failed registration */
		return -1;
	}
	return 0;
}

static int register_table(struct table *t)
{
	oid name[ROOT_LEN + 2];
	netsnmp_table_registration_info *tinfo;
	netsnmp_iterator_info *iinfo;

	memcpy(name, mib_root, sizeof(mib_root));
	memcpy(name + ROOT_LEN, t->sub, sizeof(t->sub));
	t->reg = netsnmp_create_handler_registration(t->name, table_handler, name,
						     OID_LENGTH(name), HANDLER_CAN_RONLY);
	tinfo = SNMP_MALLOC_TYPEDEF(netsnmp_table_registration_info);
	iinfo = SNMP_MALLOC_TYPEDEF(netsnmp_iterator_info);
	if (!t->reg || !tinfo || !iinfo) {
		if (t->reg)
			netsnmp_handler_registration_free(t->reg);
		t->reg = NULL;
		free(tinfo);
		free(iinfo);
		return -1;
	}
	t->reg->my_reg_void = t;
	netsnmp_table_helper_add_indexes(tinfo, ASN_INTEGER, 0);
	tinfo->min_column = t->columns[0].col;
	tinfo->max_column = t->columns[t->nr_columns - 1].col;
	iinfo->get_first_data_point = table_first;
	iinfo->get_next_data_point = table_next;
	iinfo->table_reginfo = tinfo;
	iinfo->myvoid = t;
	iinfo->flags |= NETSNMP_ITERATOR_FLAG_SORTED;
	if (netsnmp_register_table_iterator2(t->reg, iinfo) != MIB_REGISTERED_OK) {
		t->reg = NULL;
		return -1;
	}
	return 0;
}

static void parse_root(const char *token, char *value)
{
	size_t len = strlen(value);

	while (len && value[len - 1] == '/')
		len--;
	if (len >= sizeof(root_dir)) {
		config_perror("netflowRoot: path too long");
		return;
	}
	memcpy(root_dir, value, len);
	root_dir[len] = '\0';
	cache.valid = false;
	DEBUGMSGTL(("netflow", "%s %s\n", token, root_dir));
}

void init_netflow(void)
{
	size_t i, failed = 0;
	int t;

	nr_objects = 0;
	for (i = ITEM_NAME; i < ITEM_ITEMS; i++)
		add_object(OBJ_MODULE, i, module_names[i], 1, 1, i);
	for (i = 0; i < nf_nr_knobs; i++)
		add_object(OBJ_KNOB, i, nf_knobs[i].name, 1, 2, nf_knobs[i].subid);
	for (t = 0; t < NF_TOTALS; t++)
		add_object(OBJ_TOTAL, t, nf_total_names[t], 2, total_objs[t].group,
			   total_objs[t].sub);

	for (i = 0; i < nr_objects; i++)
		failed += register_object(&objects[i]) != 0;
	for (i = 0; i < NF_ARRAY_SIZE(tables); i++)
		failed += register_table(&tables[i]) != 0;
	register_sysORTable(mib_root, ROOT_LEN, "IPT-NETFLOW-MIB: the ipt_NETFLOW flow exporter");
	snmpd_register_config_handler("netflowRoot", parse_root, NULL, "DIR");

	if (failed)
		snmp_log(LOG_ERR, "netflow: %zu registrations failed\n", failed);
	snmp_log(LOG_INFO, "netflow: snmp_NETFLOW %s serving IPT-NETFLOW-MIB\n",
		 NETFLOW_SNMP_VERSION);
}

void deinit_netflow(void)
{
	size_t i;

	snmpd_unregister_config_handler("netflowRoot");
	unregister_sysORTable(mib_root, ROOT_LEN);
	for (i = 0; i < NF_ARRAY_SIZE(tables); i++) {
		if (tables[i].reg)
			netsnmp_unregister_handler(tables[i].reg);
		tables[i].reg = NULL;
	}
	for (i = 0; i < nr_objects; i++) {
		if (objects[i].reg)
			netsnmp_unregister_handler(objects[i].reg);
		objects[i].reg = NULL;
	}
	nf_stats_free(&cache.st);
	memset(&cache, 0, sizeof(cache));
	snmp_log(LOG_INFO, "netflow: IPT-NETFLOW-MIB unregistered\n");
}
