// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_options: options.c, the v9/IPFIX options templates and options
 * data records, through tmpl.c's message builder (v9.c, ipfix.c).
 *
 * Input: a protocol and cap octet, then operations: add an options
 * template (metering, exporting, interfaces), add an options data record
 * with random statistics (any u32/u64, interface names and descriptions
 * of 0..90 octets, any octets, or NULL), send an interface table (up to
 * 63 interfaces: template, then records, finishing the message and
 * starting the next one, template first, on -ENOSPC, as export.c does),
 * finish and begin again. Every buffer is an exact-size heap block: the
 * message (cap octets: tiny, path MTU, any 16-bit value, beyond the IPFIX
 * limit), each template and record, each string.
 *
 * The expected layout is docs/options.md's table, written out here with
 * the element ids and lengths of RFC 7011/IANA and RFC 3954 §6.1, not
 * taken from options.c or ie.h. Checked:
 *  - netflow_opt_tmpl_size(), netflow_opt_record_size(): the table's;
 *  - netflow_opt_tmpl_build() and netflow_opt_write_record() write every
 *    octet of their exact-size buffer (run on buffers pre-filled with 0x00
 *    and 0xff: same result) and nothing past it (ASan); the template is
 *    id 258..260, 262, 263, v9 scope/option lengths in octets or IPFIX field and
 *    scope counts, then the table's (id, length) pairs; the record is
 *    each value big-endian in its field, strings cut to the field at a
 *    UTF-8 character boundary (never inside a character: valid UTF-8 in,
 *    valid UTF-8 out), zero-padded, a NULL string all zeroes;
 *  - add_template()/add_record() return what a model of the layout says
 *    (a record fits iff the message padded to 4 stays within the cap
 *    rounded down to 4 and to 65535; an options template goes in an
 *    options template set of its own and also needs room for a set header
 *    and one record of its own after it; -EMSGSIZE in an empty message,
 *    -ENOSPC otherwise); an error changes neither the builder nor any
 *    octet of the buffer; after a template succeeds, a record of it
 *    cannot fail (tried on a copy);
 *  - each finished message equals the model's image octet for octet
 *    (set headers with ids 1/3 or the template ids and lengths, records, zero
 *    padding to 4), with the v9 header (count = every record) or IPFIX
 *    header (length); nothing is written past its end, nor at all for a
 *    message without records (finish returns 0).
 */
#include <linux/kernel.h>
#include <linux/errno.h>

#include "options.h"
#include "v9.h"
#include "ipfix.h"
#include "common.h"

enum { NOPT = 5, MAXF = 11 };

/* docs/options.md: 261 is the NAT event template's */
static const u16 opt_ids[NOPT] = { 258, 259, 260, 262, 263 };

/* what each field carries */
enum val {
	V_DOMAIN, V_IFINDEX, V_EXP_OCTETS, V_EXP_MSGS, V_EXP_FLOWS, V_OBS_FLOWS,
	V_OBS_PKTS, V_OBS_OCTETS, V_IGN_PKTS, V_IGN_OCTETS, V_NS_FLOWS,
	V_NS_PKTS, V_NS_OCTETS, V_START, V_END, V_NAME, V_DESC,
	/* the sampler: its mode, v9 mode, IPFIX algorithm, N, N - 1, 1 */
	V_SEL_ID, V_V9_MODE, V_ALGORITHM, V_N, V_SPACING, V_ONE,
};

struct field {
	u16 id, len;
	enum val v;
};

struct layout {
	unsigned int scope, count;
	struct field f[MAXF];
};

#define STATS_METERING \
	{ 41, 8, V_EXP_MSGS }, { 42, 8, V_EXP_FLOWS }, { 40, 8, V_EXP_OCTETS },	\
	{ 163, 8, V_OBS_FLOWS }, { 86, 8, V_OBS_PKTS }, { 85, 8, V_OBS_OCTETS },	\
	{ 164, 8, V_IGN_PKTS }, { 165, 8, V_IGN_OCTETS }, { 152, 8, V_START },	\
	{ 153, 8, V_END }
#define STATS_EXPORTING \
	{ 166, 8, V_NS_FLOWS }, { 167, 8, V_NS_PKTS }, { 168, 8, V_NS_OCTETS },	\
	{ 152, 8, V_START }, { 153, 8, V_END }

#define V9_SAMPLER \
	{ 48, 1, V_SEL_ID }, { 49, 1, V_V9_MODE }, { 50, 4, V_N }, { 34, 4, V_N },	\
	{ 35, 1, V_V9_MODE }

/* docs/options.md: [options template][protocol] */
static const struct layout layouts[NOPT][2] = {
	[NETFLOW_OPT_METERING] = {
		[NETFLOW_TMPL_V9] = { 1, 11, { { 1, 4, V_DOMAIN }, STATS_METERING } },
		[NETFLOW_TMPL_IPFIX] = { 1, 11, { { 149, 4, V_DOMAIN }, STATS_METERING } },
	},
	[NETFLOW_OPT_EXPORTING] = {
		[NETFLOW_TMPL_V9] = { 1, 6, { { 1, 4, V_DOMAIN }, STATS_EXPORTING } },
		[NETFLOW_TMPL_IPFIX] = { 1, 6, { { 144, 4, V_DOMAIN }, STATS_EXPORTING } },
	},
	[NETFLOW_OPT_INTERFACES] = {
		[NETFLOW_TMPL_V9] = { 2, 4, { { 1, 4, V_DOMAIN }, { 2, 4, V_IFINDEX },
					      { 82, 16, V_NAME }, { 83, 64, V_DESC } } },
		[NETFLOW_TMPL_IPFIX] = { 2, 4, { { 149, 4, V_DOMAIN }, { 10, 4, V_IFINDEX },
						 { 82, 16, V_NAME }, { 83, 64, V_DESC } } },
	},
	[NETFLOW_OPT_SAMPLER_SYSTEMATIC] = {
		[NETFLOW_TMPL_V9] = { 1, 6, { { 1, 4, V_DOMAIN }, V9_SAMPLER } },
		[NETFLOW_TMPL_IPFIX] = { 1, 4, { { 302, 8, V_SEL_ID }, { 390, 2, V_ALGORITHM },
						 { 396, 8, V_ONE }, { 397, 8, V_SPACING } } },
	},
	[NETFLOW_OPT_SAMPLER_RANDOM] = {
		[NETFLOW_TMPL_V9] = { 1, 6, { { 1, 4, V_DOMAIN }, V9_SAMPLER } },
		[NETFLOW_TMPL_IPFIX] = { 1, 4, { { 302, 8, V_SEL_ID }, { 390, 2, V_ALGORITHM },
						 { 309, 4, V_ONE }, { 310, 4, V_N } } },
	},
};

static void put_be(u8 *p, unsigned int len, u64 v)
{
	while (len--) {
		p[len] = (u8)v;
		v >>= 8;
	}
}

static unsigned int tmpl_size(int proto, int o)
{
	return 6 + 4 * layouts[o][proto].count;
}

static unsigned int rec_size(int proto, int o)
{
	const struct layout *l = &layouts[o][proto];
	unsigned int i, n = 0;

	for (i = 0; i < l->count; i++)
		n += l->f[i].len;
	return n;
}

static void enc_tmpl(u8 *p, int proto, int o)
{
	const struct layout *l = &layouts[o][proto];
	unsigned int i;

	put_be(p, 2, opt_ids[o]);
	if (proto == NETFLOW_TMPL_V9) {
		put_be(p + 2, 2, 4 * l->scope);
		put_be(p + 4, 2, 4 * (l->count - l->scope));
	} else {
		put_be(p + 2, 2, l->count);
		put_be(p + 4, 2, l->scope);
	}
	for (i = 0; i < l->count; i++) {
		put_be(p + 6 + 4 * i, 2, l->f[i].id);
		put_be(p + 8 + 4 * i, 2, l->f[i].len);
	}
}

static bool cont(u8 c)
{
	return (c & 0xc0) == 0x80;
}

/* Valid UTF-8 (RFC 3629): no overlongs, surrogates or code points past 10FFFF. */
static bool utf8_valid(const u8 *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		u8 c = s[i];
		unsigned int k, cp;

		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xc2 && c <= 0xdf) {
			k = 1, cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			k = 2, cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			k = 3, cp = c & 0x07;
		} else {
			return false;
		}
		if (i + k >= n)
			return false;
		for (unsigned int j = 1; j <= k; j++) {
			if (!cont(s[i + j]))
				return false;
			cp = cp << 6 | (s[i + j] & 0x3f);
		}
		if ((k == 2 && cp < 0x800) || (k == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		i += k + 1;
	}
	return true;
}

/*
 * The expected string field: the longest prefix of @s within @len that
 * ends at a character boundary (the end of @s, or before an octet that
 * does not continue a character), then zeroes.
 */
static void enc_string(u8 *p, unsigned int len, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (n > len) {
		n = len;
		while (n && cont((u8)s[n]))
			n--;
	}
	memset(p, 0, len);
	if (n)
		memcpy(p, s, n);
}

static void enc_rec(u8 *p, int proto, int o, const struct netflow_opt_values *v)
{
	const struct layout *l = &layouts[o][proto];
	unsigned int i;

	for (i = 0; i < l->count; i++) {
		const struct field *f = &l->f[i];
		u64 x = 0;

		switch (f->v) {
		case V_DOMAIN: x = v->domain_id; break;
		case V_IFINDEX: x = v->ifindex; break;
		case V_EXP_OCTETS: x = v->exported_octets; break;
		case V_EXP_MSGS: x = v->exported_messages; break;
		case V_EXP_FLOWS: x = v->exported_flows; break;
		case V_OBS_FLOWS: x = v->observed_flows; break;
		case V_OBS_PKTS: x = v->observed_packets; break;
		case V_OBS_OCTETS: x = v->observed_octets; break;
		case V_IGN_PKTS: x = v->ignored_packets; break;
		case V_IGN_OCTETS: x = v->ignored_octets; break;
		case V_NS_FLOWS: x = v->not_sent_flows; break;
		case V_NS_PKTS: x = v->not_sent_packets; break;
		case V_NS_OCTETS: x = v->not_sent_octets; break;
		case V_START: x = v->start_ms; break;
		case V_END: x = v->end_ms; break;
		case V_NAME: enc_string(p, f->len, v->if_name); break;
		case V_DESC: enc_string(p, f->len, v->if_desc); break;
		case V_SEL_ID: x = v->sampler.mode; break;
		case V_V9_MODE: x = v->sampler.mode == 1 ? 1 : v->sampler.mode ? 2 : 0; break;
		case V_ALGORITHM: x = v->sampler.mode == 1 ? 1 : v->sampler.mode ? 3 : 0; break;
		case V_N: x = v->sampler.interval; break;
		case V_SPACING: x = v->sampler.interval ? v->sampler.interval - 1 : 0; break;
		case V_ONE: x = 1; break;
		}
		if (f->v != V_NAME && f->v != V_DESC)
			put_be(p, f->len, x);
		p += f->len;
	}
}

/* --- standalone encoders ---------------------------------------------------- */

static void check_strings(const u8 *rec, int proto, int o, const struct netflow_opt_values *v)
{
	const struct layout *l = &layouts[o][proto];
	unsigned int i, off = 0;

	for (i = 0; i < l->count; off += l->f[i++].len) {
		const char *s = l->f[i].v == V_NAME ? v->if_name :
				l->f[i].v == V_DESC ? v->if_desc : NULL;
		size_t n;

		if (!s)
			continue;
		n = strnlen((const char *)rec + off, l->f[i].len);
		CHECK("opt-string", all_eq(rec + off + n, l->f[i].len - n, 0),
		      "field %u: not zero-padded", l->f[i].id);
		CHECK("opt-string", !memcmp(rec + off, s, n), "field %u: not a prefix",
		      l->f[i].id);
		if (utf8_valid((const u8 *)s, strlen(s)))
			CHECK("opt-utf8", utf8_valid(rec + off, n),
			      "field %u: valid UTF-8 cut inside a character", l->f[i].id);
	}
}

static void check_encoders(int proto, int o, const struct netflow_opt_values *v)
{
	unsigned int ts = tmpl_size(proto, o), rs = rec_size(proto, o);
	u8 *a, *b, *e;

	CHECK("opt-size", netflow_opt_tmpl_size(proto, o) == ts, "template size %u, expected %u",
	      netflow_opt_tmpl_size(proto, o), ts);
	CHECK("opt-size", netflow_opt_record_size(proto, o) == rs, "record size %u, expected %u",
	      netflow_opt_record_size(proto, o), rs);

	a = xalloc(ts, 0x00), b = xalloc(ts, 0xff), e = xalloc(ts, 0);
	CHECK("opt-tmpl", netflow_opt_tmpl_build(a, proto, o) == ts, "template build length");
	netflow_opt_tmpl_build(b, proto, o);
	CHECK("opt-uninit", !memcmp(a, b, ts), "template octets left unwritten");
	enc_tmpl(e, proto, o);
	CHECK("opt-tmpl", !memcmp(a, e, ts), "template %d/%d differs from docs/options.md",
	      proto, o);
	free(a), free(b), free(e);

	a = xalloc(rs, 0x00), b = xalloc(rs, 0xff), e = xalloc(rs, 0);
	netflow_opt_write_record(a, proto, o, v);
	netflow_opt_write_record(b, proto, o, v);
	CHECK("opt-uninit", !memcmp(a, b, rs), "record octets left unwritten");
	check_strings(a, proto, o, v);
	enc_rec(e, proto, o, v);
	CHECK("opt-record", !memcmp(a, e, rs), "record %d/%d differs", proto, o);
	free(a), free(b), free(e);
}

/* --- the message and its model ----------------------------------------------- */

struct run {
	int proto;
	unsigned int alloc, cap, capr;
	u8 *buf, *img;			/* the message, the model's image of it */
	struct netflow_msg msg;
	/* model */
	unsigned int len, set, set_id, records;
	u64 boot;
};

static const unsigned int hdr_len[2] = { 20, 16 };

static void restart(struct run *r);

static void begin(struct run *r, struct stream *st)
{
	u8 m = st_u8(st);
	unsigned int cap;

	r->proto = m & 1;
	switch ((m >> 1) & 3) {
	case 0: cap = st_u8(st); break;
	case 1: cap = 1400 + st_u8(st); break;
	case 2: cap = st_u16(st); break;
	default: cap = 65535 + st_u8(st) * 16; break;
	}
	free(r->buf);
	free(r->img);
	r->alloc = r->cap = cap;
	r->buf = xalloc(cap, m & 0x80 ? 0xff : 0x00);
	r->img = xalloc(cap, m & 0x80 ? 0xff : 0x00);
	r->boot = st_u64(st);
	restart(r);
}

/* A new message in the same buffer, as the exporter reuses its own. */
static void restart(struct run *r)
{
	if (r->proto == NETFLOW_TMPL_V9)
		netflow_v9_begin(&r->msg, r->buf, r->cap);
	else
		netflow_ipfix_begin(&r->msg, r->buf, r->cap, r->boot);
	memcpy(r->img, r->buf, r->alloc);
	r->capr = (r->cap < 65535 ? r->cap : 65535) & ~3u;
	r->len = hdr_len[r->proto];
	r->set = 0;
	r->set_id = 0;
	r->records = 0;
}

static void model_close(struct run *r)
{
	unsigned int end = round_up(r->len, 4);

	if (!r->set)
		return;
	memset(r->img + r->len, 0, end - r->len);
	r->len = end;
	put_be(r->img + r->set, 2, r->set_id);
	put_be(r->img + r->set + 2, 2, r->len - r->set);
	r->set = 0;
}

/* The layout rule; returns the error or 0 and the record's offset in *at. */
static int model_reserve(struct run *r, unsigned int id, unsigned int len,
			 unsigned int then, unsigned int *at)
{
	bool same = r->set && r->set_id == id;
	unsigned int start = same ? r->len : round_up(r->len, 4) + 4;

	if ((u64)round_up(start + len, 4) + then > r->capr)
		return r->records ? -ENOSPC : -EMSGSIZE;
	if (!same) {
		model_close(r);
		r->set = r->len;
		r->set_id = id;
	}
	*at = start;
	r->len = start + len;
	r->records++;
	return 0;
}

/* The builder's state and the whole buffer, to check an error changed nothing. */
struct snap {
	struct netflow_msg msg;
	u8 *buf;
};

static void snap_take(struct snap *s, const struct run *r)
{
	s->msg = r->msg;
	s->buf = xalloc(r->alloc, 0);
	memcpy(s->buf, r->buf, r->alloc);
}

static void check_unchanged(struct snap *s, const struct run *r, const char *what)
{
	CHECK("opt-error-unchanged", !memcmp(&s->msg, &r->msg, sizeof(s->msg)),
	      "%s: failed, builder state changed", what);
	CHECK("opt-error-unchanged", !memcmp(s->buf, r->buf, r->alloc),
	      "%s: failed, buffer changed", what);
	free(s->buf);
}

static int add_record(struct run *r, int o, const struct netflow_opt_values *v)
{
	unsigned int rs = rec_size(r->proto, o), at = 0;
	struct snap s;
	int err, eerr;

	snap_take(&s, r);
	err = netflow_opt_add_record(&r->msg, o, v);
	eerr = model_reserve(r, opt_ids[o], rs, 0, &at);
	CHECK("opt-model", err == eerr, "record %d: %d, model %d (len %u, cap %u)",
	      o, err, eerr, r->len, r->capr);
	if (err) {
		check_unchanged(&s, r, "add_record");
		return err;
	}
	free(s.buf);
	enc_rec(r->img + at, r->proto, o, v);
	return 0;
}

static int add_template(struct run *r, int o)
{
	unsigned int ts = tmpl_size(r->proto, o), at = 0;
	struct snap s;
	int err, eerr;

	snap_take(&s, r);
	err = netflow_opt_add_template(&r->msg, o);
	eerr = model_reserve(r, r->proto == NETFLOW_TMPL_V9 ? 1 : 3, ts,
			     4 + rec_size(r->proto, o), &at);
	CHECK("opt-model", err == eerr, "template %d: %d, model %d (len %u, cap %u)",
	      o, err, eerr, r->len, r->capr);
	if (err) {
		check_unchanged(&s, r, "add_template");
		return err;
	}
	enc_tmpl(r->img + at, r->proto, o);
	model_close(r);
	/* a record of it now cannot fail: on a copy of the builder */
	{
		struct netflow_msg copy = r->msg;
		struct netflow_opt_values zero = { 0 };
		u8 *b = xalloc(r->alloc, 0);

		memcpy(b, r->buf, r->alloc);
		copy.buf = b;
		CHECK("opt-then", netflow_opt_add_record(&copy, o, &zero) == 0,
		      "template %d added, its record does not fit", o);
		free(b);
	}
	free(s.buf);
	return 0;
}

static void finish(struct run *r, struct stream *st)
{
	struct netflow_v9_context v9 = { st_u32(st), st_u32(st), st_u32(st), st_u32(st) };
	struct netflow_ipfix_context ipfix = { v9.uptime_ms, v9.unix_secs, v9.source_id };
	unsigned int len;

	len = r->proto == NETFLOW_TMPL_V9 ? netflow_v9_finish(&r->msg, &v9) :
					    netflow_ipfix_finish(&r->msg, &ipfix);
	model_close(r);
	if (!r->records) {
		CHECK("opt-empty", len == 0, "empty message of %u octets", len);
		CHECK("opt-empty", !memcmp(r->buf, r->img, r->alloc), "empty message written");
		return;
	}
	CHECK("opt-length", len == r->len, "length %u, model %u", len, r->len);
	CHECK("opt-length", len <= r->capr && len % 4 == 0, "length %u, cap %u", len, r->capr);
	if (r->proto == NETFLOW_TMPL_V9) {
		put_be(r->img, 2, 9);
		put_be(r->img + 2, 2, r->records);
		put_be(r->img + 4, 4, v9.uptime_ms);
		put_be(r->img + 8, 4, v9.unix_secs);
		put_be(r->img + 12, 4, v9.sequence);
		put_be(r->img + 16, 4, v9.source_id);
	} else {
		put_be(r->img, 2, 10);
		put_be(r->img + 2, 2, len);
		put_be(r->img + 4, 4, ipfix.export_time);
		put_be(r->img + 8, 4, ipfix.sequence);
		put_be(r->img + 12, 4, ipfix.domain_id);
	}
	CHECK("opt-message", !memcmp(r->buf, r->img, len), "message differs from the model");
	/* past len, the image holds what the buffer held before the message */
	CHECK("opt-message", !memcmp(r->buf + len, r->img + len, r->alloc - len),
	      "written past the message's end");
}

/* Statistics and an interface from the stream; strings are exact-size heap blocks. */
static char *read_string(struct stream *st)
{
	u8 n = st_u8(st);
	char *s;

	if (n == 255)
		return NULL;
	n %= 91;
	s = xalloc(n + 1, 0);
	st_bytes(st, s, n);
	s[n] = 0;	/* an embedded NUL just ends it earlier */
	return s;
}

static void read_values(struct stream *st, struct netflow_opt_values *v, bool stats)
{
	memset(v, 0, sizeof(*v));
	v->domain_id = st_u32(st);
	v->ifindex = st_u32(st);
	if (stats) {
		u64 *p = &v->exported_octets;
		unsigned int i;

		for (i = 0; i < 13; i++)	/* exported_octets .. end_ms */
			p[i] = st_u8(st) & 1 ? st_u64(st) : st_u8(st);
	}
	v->if_name = read_string(st);
	v->if_desc = read_string(st);
	/* any sampler, valid or not: the writer must not care */
	v->sampler.mode = st_u8(st) % 4;
	v->sampler.interval = st_u16(st);
}

static void free_values(struct netflow_opt_values *v)
{
	free((char *)v->if_name);
	free((char *)v->if_desc);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct stream st = { data, size };
	struct run r = { 0 };
	struct netflow_opt_values v;
	unsigned int ops = 0;

	static_assert(offsetof(struct netflow_opt_values, end_ms) ==
		      offsetof(struct netflow_opt_values, exported_octets) + 12 * 8);
	static_assert(NETFLOW_OPT_COUNT == NOPT);

	begin(&r, &st);
	while (!st_empty(&st) && ops++ < 256) {
		u8 op = st_u8(&st);
		int o = (op >> 2) % NOPT;

		switch (op & 3) {
		case 0:
			add_template(&r, o);
			break;
		case 1:
			read_values(&st, &v, true);
			check_encoders(r.proto, o, &v);
			check_encoders(!r.proto, o, &v);
			add_record(&r, o, &v);
			free_values(&v);
			break;
		case 2: {	/* an interface table, as export.c sends one */
			unsigned int n = st_u8(&st) % 64, i;
			int err = add_template(&r, NETFLOW_OPT_INTERFACES);

			for (i = 0; i < n && err != -EMSGSIZE; i++) {
				read_values(&st, &v, false);
				check_encoders(r.proto, NETFLOW_OPT_INTERFACES, &v);
				if (err || add_record(&r, NETFLOW_OPT_INTERFACES, &v)) {
					static const u8 nothing[1];
					struct stream none = { nothing, 0 };

					/* send it, then template and record in the next */
					finish(&r, &none);
					restart(&r);
					err = add_template(&r, NETFLOW_OPT_INTERFACES);
					if (!err)
						CHECK("opt-then", !add_record(&r, NETFLOW_OPT_INTERFACES, &v),
						      "record after a fresh template failed");
				}
				free_values(&v);
			}
			break;
		}
		default:
			finish(&r, &st);
			begin(&r, &st);
			break;
		}
	}
	finish(&r, &st);
	free(r.buf);
	free(r.img);
	return 0;
}
