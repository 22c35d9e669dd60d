// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_msg: tmpl.c + v9.c + ipfix.c, the v9/IPFIX message builder.
 *
 * The input is a stream of operations on a message: begin (protocol, cap,
 * boot epoch), add a template, add a data record of random content and
 * family, reserve a raw record of any set id and length (what options
 * templates and options data will use), finish (then begin again), and
 * the template refresh rule. Two builders run in lockstep on exact-size
 * heap buffers of @cap octets, one pre-filled with 0x00 and one with 0xff,
 * next to a model of the layout written here from the RFCs, not from
 * tmpl.c. Checked:
 *  - nothing is written outside the buffer (ASan) nor beyond the
 *    message's length (the fill is intact there), nothing at all for a
 *    message without records;
 *  - both builders return the same and produce the same octets: every
 *    octet of a message is written (an MSan-like check);
 *  - every result is the model's: a record fits iff the message padded to
 *    4 octets stays within cap rounded down to 4 and 65535 (a template
 *    also needs room for one data record of its own after it), -EMSGSIZE
 *    in an empty message, -ENOSPC otherwise, -EINVAL for 0 octets,
 *    -EAFNOSUPPORT for a family without template; reserve hands out the
 *    model's offset;
 *  - an error leaves the builder's state (and, for buffers up to 8 KiB,
 *    every octet of the buffer) as it was;
 *  - after a template is added, a data record of it cannot fail;
 *  - the finished message: length, header (v9 count = every record, IPFIX
 *    length), then set by set: id, length a multiple of 4 covering exactly
 *    its records, zero padding; template records equal to
 *    netflow_tmpl_build()'s, sizes consistent with
 *    netflow_tmpl_size()/netflow_tmpl_record_size(); every data record
 *    decoded field by field through its template and compared with the
 *    flow by information element id (RFC 7012 semantics, written here);
 *    raw records intact;
 *  - netflow_tmpl_refresh_due() against RFC 3954 §9 / RFC 7011 §8.4 with
 *    wrapping packet numbers and clocks.
 */
#include <linux/kernel.h>
#include <linux/socket.h>
#include <linux/errno.h>
#include <linux/in.h>
#include <linux/in6.h>

#include "tmpl.h"
#include "v9.h"
#include "ipfix.h"
#include "common.h"

enum { FULL_COMPARE_MAX = 8192 };

/* --- the model ------------------------------------------------------------- */

enum rec_kind { R_TMPL, R_DATA, R_RAW };

struct mrec {
	enum rec_kind kind;
	unsigned int off, len;
	int t;				/* R_TMPL, R_DATA */
	struct netflow_record flow;	/* R_DATA */
	u8 seed;			/* R_RAW: octet i is seed + 7 * i */
};

struct mset {
	unsigned int off;
	u16 id;
};

struct model {
	int proto;
	unsigned int alloc;		/* octets of the buffers */
	u64 cap;			/* what fits: min(alloc, 65535) & ~3 */
	u64 len;			/* unpadded */
	bool open;
	u16 set_id;
	unsigned int records, data_records;
	u64 boot;
	struct mrec *recs;
	unsigned int nrecs, room;
	struct mset *sets;
	unsigned int nsets;
};

static u64 up4(u64 x)
{
	return (x + 3) & ~3ULL;
}

static void model_begin(struct model *m, int proto, unsigned int alloc, u64 boot)
{
	m->proto = proto;
	m->alloc = alloc;
	m->cap = (alloc < 65535 ? alloc : 65535) & ~3u;
	m->len = proto == NETFLOW_TMPL_V9 ? 20 : 16;
	m->open = false;
	m->set_id = 0;
	m->records = m->data_records = 0;
	m->boot = boot;
	m->nrecs = m->nsets = 0;
}

/* The expected result of reserving @len octets; on success, the record. */
static int model_reserve(struct model *m, u16 set_id, u64 len, u64 then,
			 bool data, struct mrec **out)
{
	bool same = m->open && m->set_id == set_id;
	u64 start = same ? m->len : up4(m->len) + 4;
	struct mrec *r;

	if (len == 0)
		return -EINVAL;
	if (up4(start + len) + then > m->cap)
		return m->records ? -ENOSPC : -EMSGSIZE;
	if (m->nrecs == m->room) {
		m->room = m->room ? 2 * m->room : 64;
		m->recs = realloc(m->recs, m->room * sizeof(*m->recs));
		m->sets = realloc(m->sets, m->room * sizeof(*m->sets));
		if (!m->recs || !m->sets)
			abort();
	}
	if (!same) {
		m->sets[m->nsets].off = up4(m->len);
		m->sets[m->nsets].id = set_id;
		m->nsets++;
		m->open = true;
		m->set_id = set_id;
	}
	r = &m->recs[m->nrecs++];
	memset(r, 0, sizeof(*r));
	r->off = start;
	r->len = len;
	m->len = start + len;
	m->records++;
	if (data)
		m->data_records++;
	*out = r;
	return 0;
}

/* --- the oracle for data records: RFC 7012 element semantics --------------- */

struct field {
	u16 id, len;
};

static bool is_icmp(const struct netflow_record *f)
{
	return f->key.protocol == IPPROTO_ICMP || f->key.protocol == IPPROTO_ICMPV6;
}

/* Checks one field of a data record against the flow it was written from. */
static void check_field(const struct field *fd, const u8 *p,
			const struct netflow_record *f, u64 boot, int family)
{
	const void *addr = NULL;
	unsigned int alen = 0;
	u64 v;

	switch (fd->id) {
	case 8: addr = &f->key.src.ip; alen = 4; break;		/* sourceIPv4Address */
	case 12: addr = &f->key.dst.ip; alen = 4; break;	/* destinationIPv4Address */
	case 15: addr = &f->nexthop.ip; alen = 4; break;	/* ipNextHopIPv4Address */
	case 27: addr = &f->key.src.ip6; alen = 16; break;	/* sourceIPv6Address */
	case 28: addr = &f->key.dst.ip6; alen = 16; break;	/* destinationIPv6Address */
	case 62: addr = &f->nexthop.ip6; alen = 16; break;	/* ipNextHopIPv6Address */
	case 10: v = f->key.in_ifindex; break;			/* ingressInterface */
	case 14: v = f->out_ifindex; break;			/* egressInterface */
	case 2: v = f->packets; break;				/* packetDeltaCount */
	case 1: v = f->bytes; break;				/* octetDeltaCount */
	case 22: v = f->first_ms; break;			/* flowStartSysUpTime */
	case 21: v = f->last_ms; break;				/* flowEndSysUpTime */
	case 152: v = boot + f->first_ms; break;		/* flowStartMilliseconds */
	case 153: v = boot + f->last_ms; break;			/* flowEndMilliseconds */
	case 7: v = be16_to_cpu(f->key.src_port); break;	/* sourceTransportPort */
	case 11: v = be16_to_cpu(f->key.dst_port); break;	/* destinationTransportPort */
	case 32:						/* icmpTypeCodeIPv4 */
	case 139:						/* icmpTypeCodeIPv6 */
		v = is_icmp(f) ? be16_to_cpu(f->key.dst_port) : 0;
		break;
	case 4: v = f->key.protocol; break;			/* protocolIdentifier */
	case 5: v = f->key.tos; break;				/* ipClassOfService */
	case 6: v = f->tcp_flags; break;			/* tcpControlBits */
	case 136: v = f->end_reason; break;			/* flowEndReason */
	case 60: v = f->key.family == AF_INET6 ? 6 : 4; break;	/* ipVersion */
	default:
		CHECK("msg-oracle", 0, "element %u: unknown to this oracle, teach it",
		      fd->id);
		return;
	}
	if (addr) {
		CHECK("msg-template", fd->len == alen, "element %u, %u octets", fd->id,
		      fd->len);
		CHECK("msg-template", (alen == 16) == (family == AF_INET6),
		      "element %u in a template of family %d", fd->id, family);
		CHECK("msg-data", !memcmp(p, addr, alen), "element %u: address",
		      fd->id);
		return;
	}
	CHECK("msg-template", fd->len >= 1 && fd->len <= 8, "element %u, %u octets",
	      fd->id, fd->len);
	if (fd->len < 8)
		v &= (1ULL << (8 * fd->len)) - 1;	/* reduced size: low octets */
	CHECK("msg-data", get_be(p, fd->len) == v, "element %u: %llu, expected %llu",
	      fd->id, (unsigned long long)get_be(p, fd->len), (unsigned long long)v);
}

/* Decodes a template record: the fields, checking its own consistency. */
static unsigned int decode_template(const u8 *p, unsigned int len, int t,
				    struct field *fields, unsigned int max)
{
	unsigned int n, i, sum = 0;

	CHECK("msg-template", len >= 4, "template record of %u octets", len);
	CHECK("msg-template", get_be(p, 2) == 256u + t, "template id %llu for %d",
	      (unsigned long long)get_be(p, 2), t);
	n = get_be(p + 2, 2);
	CHECK("msg-template", 4 + 4 * n == len && n <= max,
	      "%u fields in %u octets", n, len);
	for (i = 0; i < n; i++) {
		fields[i].id = get_be(p + 4 + 4 * i, 2);
		fields[i].len = get_be(p + 6 + 4 * i, 2);
		CHECK("msg-template", !(fields[i].id & 0x8000),
		      "enterprise bit set in field %u", i);
		sum += fields[i].len;
	}
	return sum;
}

/* --- the builders ------------------------------------------------------------ */

struct side {
	struct netflow_msg msg;
	u8 *buf;
	u8 fill;
};

struct run {
	struct side s[2];
	u8 *scratch;			/* @cap octets for a copy of side 0 */
	struct model m;
	/* the canonical templates, from netflow_tmpl_build() */
	struct field tf[NETFLOW_TMPL_PROTOS][NETFLOW_TMPL_COUNT][64];
	unsigned int tn[NETFLOW_TMPL_PROTOS][NETFLOW_TMPL_COUNT];
	u8 *tbytes[NETFLOW_TMPL_PROTOS][NETFLOW_TMPL_COUNT];
	u32 messages;
};

static void setup_templates(struct run *r)
{
	int p, t;

	for (p = 0; p < NETFLOW_TMPL_PROTOS; p++)
		for (t = 0; t < NETFLOW_TMPL_COUNT; t++) {
			unsigned int size = netflow_tmpl_size(p, t);
			u8 *a = xalloc(size, 0x00), *b = xalloc(size, 0xff);
			unsigned int sum;

			CHECK("msg-template", netflow_tmpl_build(a, p, t) == size &&
			      netflow_tmpl_build(b, p, t) == size, "build size");
			CHECK("msg-uninit", !memcmp(a, b, size), "template octets unwritten");
			sum = decode_template(a, size, t, r->tf[p][t], 64);
			r->tn[p][t] = (size - 4) / 4;
			CHECK("msg-template", sum == netflow_tmpl_record_size(p, t),
			      "fields add up to %u, record size %u", sum,
			      netflow_tmpl_record_size(p, t));
			free(b);
			r->tbytes[p][t] = a;
		}
}

static void begin(struct run *r, struct stream *st)
{
	u8 mode = st_u8(st);
	int proto = mode & 1 ? NETFLOW_TMPL_IPFIX : NETFLOW_TMPL_V9;
	unsigned int cap = st_u16(st);
	u64 boot = st_u64(st);
	int i;

	/* mostly small: a 64 KiB message costs 50 times a 1.4 KiB one */
	switch (mode >> 1 & 7) {
	case 0: case 1: cap %= 512; break;		/* tiny, around the header */
	case 2: case 3: case 4:
		cap = 1200 + cap % 400; break;		/* path MTUs */
	case 5: cap = 1600 + cap % 8400; break;		/* jumbo frames */
	case 6: break;					/* anything up to 65535 */
	case 7: cap += 65536 - 64; break;		/* past the IPFIX limit */
	}
	r->scratch = xalloc(cap, 0);
	for (i = 0; i < 2; i++) {
		struct side *s = &r->s[i];

		s->buf = xalloc(cap, s->fill);
		memset(&s->msg, 0x5a, sizeof(s->msg));
		if (proto == NETFLOW_TMPL_V9)
			netflow_v9_begin(&s->msg, s->buf, cap);
		else
			netflow_ipfix_begin(&s->msg, s->buf, cap, boot);
	}
	model_begin(&r->m, proto, cap, boot);
}

/* Both builders' states equal, but for the buffer pointers. */
static bool same_state(const struct netflow_msg *a, const struct netflow_msg *b)
{
	struct netflow_msg x = *a, y = *b;

	x.buf = y.buf = NULL;
	return x.cap == y.cap && x.len == y.len && x.set == y.set &&
	       x.set_id == y.set_id && x.records == y.records &&
	       x.data_records == y.data_records && x.proto == y.proto &&
	       x.boot_epoch_ms == y.boot_epoch_ms;
}

struct snapshot {
	struct netflow_msg msg[2];
	u8 buf[2][FULL_COMPARE_MAX];
	size_t from, len;
};

static void snap_take(struct run *r, struct snapshot *sn)
{
	int i;

	sn->from = 0;
	sn->len = r->m.alloc;
	if (sn->len > FULL_COMPARE_MAX) {	/* around the end of the message */
		sn->from = r->s[0].msg.len > 64 ? r->s[0].msg.len - 64 : 0;
		if (sn->from > r->m.alloc)
			sn->from = r->m.alloc;
		sn->len = r->m.alloc - sn->from < 512 ? r->m.alloc - sn->from : 512;
	}
	for (i = 0; i < 2; i++) {
		sn->msg[i] = r->s[i].msg;
		memcpy(sn->buf[i], r->s[i].buf + sn->from, sn->len);
	}
}

static void snap_check(struct run *r, struct snapshot *sn, bool unchanged,
			    const char *what)
{
	int i;

	for (i = 0; i < 2; i++) {
		if (unchanged) {
			CHECK("msg-error-unchanged",
			      !memcmp(&sn->msg[i], &r->s[i].msg, sizeof(sn->msg[i])),
			      "%s failed but changed the builder's state", what);
			CHECK("msg-error-unchanged",
			      !memcmp(sn->buf[i], r->s[i].buf + sn->from, sn->len),
			      "%s failed but wrote into the buffer", what);
		}
	}
}

static void read_flow(struct stream *st, struct netflow_record *f)
{
	u8 fam = st_u8(st);

	st_bytes(st, f, sizeof(*f));
	switch (fam & 3) {
	case 0: f->key.family = AF_INET; break;
	case 1: f->key.family = AF_INET6; break;
	case 2: f->key.family = fam; break;	/* mostly unsupported */
	case 3:					/* the cache's zeroing: v4 */
		f->key.family = AF_INET;
		memset((u8 *)&f->key.src + 4, 0, 12);
		memset((u8 *)&f->key.dst + 4, 0, 12);
		memset((u8 *)&f->nexthop + 4, 0, 12);
		break;
	}
	if (fam & 4)
		f->key.protocol = fam & 8 ? IPPROTO_ICMPV6 : IPPROTO_ICMP;
}

static void op_add_template(struct run *r, int t)
{
	static struct snapshot sn;
	struct mrec *mr = NULL;
	int e[2], want, i;
	u64 then = up4(4 + netflow_tmpl_record_size(r->m.proto, t));

	snap_take(r, &sn);
	for (i = 0; i < 2; i++)
		e[i] = netflow_tmpl_add_template(&r->s[i].msg, t);
	CHECK("msg-lockstep", e[0] == e[1] && same_state(&r->s[0].msg, &r->s[1].msg),
	      "builders diverged: %d, %d", e[0], e[1]);
	want = model_reserve(&r->m, netflow_tmpl_set_id(r->m.proto, false),
			     netflow_tmpl_size(r->m.proto, t), then, false, &mr);
	CHECK("msg-model", e[0] == want, "add_template(%d): %d, model %d", t, e[0], want);
	snap_check(r, &sn, e[0] != 0, "add_template");
	if (e[0] || !mr)
		return;
	mr->kind = R_TMPL;
	mr->t = t;

	/*
	 * The promise: a data record of @t now fits. Tried on a copy of the
	 * builder's state writing into scratch space of the same size.
	 */
	{
		struct netflow_msg copy = r->s[0].msg;
		struct netflow_record f;
		int err;

		copy.buf = r->scratch;
		memset(&f, 0, sizeof(f));
		f.key.family = t == NETFLOW_TMPL_IPV4 ? AF_INET : AF_INET6;
		err = netflow_tmpl_add_record(&copy, &f);
		CHECK("msg-template-then-data", err == 0,
		      "a template fitted but its data record then did not: %d", err);
	}
}

static void op_add_record(struct run *r, struct stream *st)
{
	struct netflow_record f;
	static struct snapshot sn;
	struct mrec *mr = NULL;
	int e[2], want, t, i;

	read_flow(st, &f);
	snap_take(r, &sn);
	for (i = 0; i < 2; i++)
		e[i] = netflow_tmpl_add_record(&r->s[i].msg, &f);
	CHECK("msg-lockstep", e[0] == e[1] && same_state(&r->s[0].msg, &r->s[1].msg),
	      "builders diverged: %d, %d", e[0], e[1]);
	t = f.key.family == AF_INET ? NETFLOW_TMPL_IPV4 :
	    f.key.family == AF_INET6 ? NETFLOW_TMPL_IPV6 : -1;
	CHECK("msg-model", netflow_tmpl_of(&f) == (t < 0 ? -EAFNOSUPPORT : t),
	      "tmpl_of(family %u) = %d", f.key.family, netflow_tmpl_of(&f));
	if (t < 0)
		want = -EAFNOSUPPORT;
	else
		want = model_reserve(&r->m, netflow_tmpl_id(t),
				     netflow_tmpl_record_size(r->m.proto, t), 0,
				     true, &mr);
	CHECK("msg-model", e[0] == want, "add_record(family %u): %d, model %d",
	      f.key.family, e[0], want);
	snap_check(r, &sn, e[0] != 0, "add_record");
	if (e[0] || !mr)
		return;
	mr->kind = R_DATA;
	mr->t = t;
	mr->flow = f;
}

static void op_reserve(struct run *r, struct stream *st)
{
	u8 mode = st_u8(st);
	u16 set_id = st_u16(st);
	u32 len = st_u16(st);
	u8 seed = st_u8(st);
	bool data = mode & 1;
	static struct snapshot sn;
	struct mrec *mr = NULL;
	void *p[2] = { NULL, NULL };
	int e[2], want, i;
	unsigned int k;

	switch (mode >> 1 & 7) {
	case 0: len %= 8; break;
	case 1: len %= 128; break;
	case 2: break;
	case 3: len = 0xffffffffu - len; break;		/* wraps any sum */
	case 4: set_id = netflow_tmpl_set_id(r->m.proto, true); len %= 64; break;
	case 5: set_id = r->m.set_id; len %= 64; break;	/* the open set */
	case 6: set_id = 256 + (set_id & 1); len %= 256; break;
	case 7: set_id = netflow_tmpl_set_id(r->m.proto, false); len %= 128; break;
	}
	snap_take(r, &sn);
	for (i = 0; i < 2; i++)
		e[i] = netflow_tmpl_reserve(&r->s[i].msg, set_id, len, data, &p[i]);
	CHECK("msg-lockstep", e[0] == e[1] && same_state(&r->s[0].msg, &r->s[1].msg),
	      "builders diverged: %d, %d", e[0], e[1]);
	want = model_reserve(&r->m, set_id, len, 0, data, &mr);
	CHECK("msg-model", e[0] == want, "reserve(set %u, %u octets): %d, model %d",
	      set_id, len, e[0], want);
	snap_check(r, &sn, e[0] != 0, "reserve");
	if (e[0] || !mr)
		return;
	for (i = 0; i < 2; i++) {
		CHECK("msg-model", p[i] == r->s[i].buf + mr->off,
		      "reserve gave offset %td, model %u",
		      (u8 *)p[i] - r->s[i].buf, mr->off);
		for (k = 0; k < len; k++)
			((u8 *)p[i])[k] = seed + 7 * k;
	}
	mr->kind = R_RAW;
	mr->seed = seed;
}

static void verify_message(struct run *r, const u8 *buf, unsigned int len,
			   const void *ctx, u8 fill)
{
	struct model *m = &r->m;
	u64 total = up4(m->len);
	unsigned int i, k;

	if (!m->records) {
		CHECK("msg-empty", len == 0, "no record, length %u", len);
		CHECK("msg-empty", all_eq(buf, m->alloc, fill), "no record, yet written");
		return;
	}
	CHECK("msg-length", len == total, "length %u, model %llu", len,
	      (unsigned long long)total);
	CHECK("msg-length", len % 4 == 0 && len <= m->cap && len <= 65535,
	      "length %u, cap %u", len, m->alloc);
	CHECK("msg-uninit", all_eq(buf + len, m->alloc - len, fill),
	      "written beyond the message");

	if (m->proto == NETFLOW_TMPL_V9) {
		const struct netflow_v9_context *c = ctx;

		CHECK("msg-header", get_be(buf, 2) == 9, "v9 version");
		CHECK("msg-header", get_be(buf + 2, 2) == m->records,
		      "v9 count %llu, records %u", (unsigned long long)get_be(buf + 2, 2),
		      m->records);
		CHECK("msg-header", get_be(buf + 4, 4) == c->uptime_ms &&
		      get_be(buf + 8, 4) == c->unix_secs &&
		      get_be(buf + 12, 4) == c->sequence &&
		      get_be(buf + 16, 4) == c->source_id, "v9 header fields");
	} else {
		const struct netflow_ipfix_context *c = ctx;

		CHECK("msg-header", get_be(buf, 2) == 10, "IPFIX version");
		CHECK("msg-header", get_be(buf + 2, 2) == len, "IPFIX length %llu of %u",
		      (unsigned long long)get_be(buf + 2, 2), len);
		CHECK("msg-header", get_be(buf + 4, 4) == c->export_time &&
		      get_be(buf + 8, 4) == c->sequence &&
		      get_be(buf + 12, 4) == c->domain_id, "IPFIX header fields");
	}

	/* sets: header, length, padding; each record at the model's offset */
	for (i = 0, k = 0; i < m->nsets; i++) {
		unsigned int off = m->sets[i].off;
		unsigned int end = i + 1 < m->nsets ? m->sets[i + 1].off : len;
		unsigned int slen = get_be(buf + off + 2, 2), last = off + 4;

		CHECK("msg-set", off == (i ? off : (m->proto ? 16u : 20u)),
		      "first set at %u", off);
		CHECK("msg-set", get_be(buf + off, 2) == m->sets[i].id,
		      "set %u: id %llu, model %u", i, (unsigned long long)get_be(buf + off, 2),
		      m->sets[i].id);
		CHECK("msg-set", slen == end - off, "set %u: length %u, model %u", i,
		      slen, end - off);
		CHECK("msg-set", slen % 4 == 0 && slen >= 8, "set %u: length %u", i, slen);
		for (; k < m->nrecs && m->recs[k].off < end; k++) {
			const struct mrec *mr = &m->recs[k];
			const u8 *p = buf + mr->off;

			CHECK("msg-set", mr->off >= off + 4 && mr->off + mr->len <= end,
			      "record %u outside its set", k);
			last = mr->off + mr->len;
			if (mr->kind == R_RAW) {
				unsigned int b;

				for (b = 0; b < mr->len; b++)
					CHECK("msg-raw", p[b] == (u8)(mr->seed + 7 * b),
					      "raw record %u overwritten at %u", k, b);
			} else if (mr->kind == R_TMPL) {
				struct field fd[64];

				decode_template(p, mr->len, mr->t, fd, 64);
				CHECK("msg-template", mr->len == netflow_tmpl_size(m->proto, mr->t) &&
				      !memcmp(p, r->tbytes[m->proto][mr->t], mr->len),
				      "template record differs from netflow_tmpl_build()");
			} else {
				const struct field *fd = r->tf[m->proto][mr->t];
				unsigned int n = r->tn[m->proto][mr->t], f, at = 0;
				int family = mr->t == NETFLOW_TMPL_IPV4 ? AF_INET : AF_INET6;

				CHECK("msg-data", mr->len == netflow_tmpl_record_size(m->proto, mr->t),
				      "data record of %u octets", mr->len);
				for (f = 0; f < n; f++) {
					check_field(&fd[f], p + at, &mr->flow, m->boot, family);
					at += fd[f].len;
				}
			}
		}
		CHECK("msg-set", last <= end && up4(last) == end,
		      "set %u: records end at %u, set at %u", i, last, end);
		CHECK("msg-padding", all_eq(buf + last, end - last, 0),
		      "set %u: padding not zero", i);
	}
	CHECK("msg-set", k == m->nrecs, "%u records in sets, model %u", k, m->nrecs);
}

static void op_finish(struct run *r, struct stream *st)
{
	unsigned int len[2];
	u8 ctxbytes[sizeof(struct netflow_v9_context) + sizeof(struct netflow_ipfix_context)];
	struct netflow_v9_context v9;
	struct netflow_ipfix_context ipfix;
	int i;

	st_bytes(st, ctxbytes, sizeof(ctxbytes));
	memcpy(&v9, ctxbytes, sizeof(v9));
	memcpy(&ipfix, ctxbytes + sizeof(v9), sizeof(ipfix));
	for (i = 0; i < 2; i++) {
		struct side *s = &r->s[i];

		CHECK("msg-model", s->msg.records == r->m.records &&
		      s->msg.data_records == r->m.data_records,
		      "records %u/%u, data %u/%u", s->msg.records, r->m.records,
		      s->msg.data_records, r->m.data_records);
		len[i] = r->m.proto == NETFLOW_TMPL_V9 ?
			 netflow_v9_finish(&s->msg, &v9) :
			 netflow_ipfix_finish(&s->msg, &ipfix);
	}
	CHECK("msg-lockstep", len[0] == len[1], "lengths %u, %u", len[0], len[1]);
	CHECK("msg-uninit", !memcmp(r->s[0].buf, r->s[1].buf, len[0]),
	      "message octets depend on the buffer's previous contents");
	for (i = 0; i < 2; i++)
		verify_message(r, r->s[i].buf, len[i],
			       r->m.proto == NETFLOW_TMPL_V9 ? (void *)&v9 : (void *)&ipfix,
			       r->s[i].fill);
	r->messages++;
	for (i = 0; i < 2; i++)
		free(r->s[i].buf);
	free(r->scratch);
}

/* RFC 3954 §9, RFC 7011 §8.4: resend after @rate packets or @timeout minutes. */
static void op_refresh(struct stream *st)
{
	struct netflow_tmpl_refresh rf;
	u32 sent_packet = st_u32(st), packet = st_u32(st);
	u64 sent_ms = st_u64(st), now = st_u64(st);
	u8 mode = st_u8(st);
	unsigned int rate = st_u16(st), timeout = st_u16(st);
	bool want, due;

	if (mode & 1)
		packet = sent_packet + (u8)packet;		/* close by, wrapping */
	if (mode & 2)
		now = sent_ms + (now % (3ULL * 60 * 60 * 1000));	/* hours */
	if (mode & 4)
		rate = st_u32(st);
	if (mode & 8)
		timeout = st_u32(st);
	memset(&rf, 0, sizeof(rf));
	CHECK("msg-refresh", netflow_tmpl_refresh_due(&rf, packet, now, rate, timeout),
	      "a template never sent is not due");
	netflow_tmpl_refresh_sent(&rf, sent_packet, sent_ms);
	due = netflow_tmpl_refresh_due(&rf, packet, now, rate, timeout);
	/* both differences modulo 2^32 / 2^64: a clock gone back is far ahead */
	want = (rate && (u32)(packet - sent_packet) >= rate) ||
	       (timeout && (unsigned __int128)(u64)(now - sent_ms) >=
			   (unsigned __int128)timeout * 60000);
	CHECK("msg-refresh", due == want,
	      "sent %u at %llu, now %u at %llu, rate %u, timeout %u: %d",
	      sent_packet, (unsigned long long)sent_ms, packet,
	      (unsigned long long)now, rate, timeout, due);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct stream st = { data, size };
	static struct run r;

	if (!r.tbytes[0][0])
		setup_templates(&r);
	r.s[0].fill = 0x00;
	r.s[1].fill = 0xff;
	r.messages = 0;
	begin(&r, &st);
	while (!st_empty(&st)) {
		u8 op = st_u8(&st);

		switch (op % 8) {
		case 0:
		case 1:
			op_add_template(&r, op >> 3 & 1);
			break;
		case 2:
		case 3:
		case 4:
			op_add_record(&r, &st);
			break;
		case 5:
			op_reserve(&r, &st);
			break;
		case 6:
			op_finish(&r, &st);
			begin(&r, &st);
			break;
		case 7:
			op_refresh(&st);
			break;
		}
	}
	op_finish(&r, &st);
	return 0;
}
