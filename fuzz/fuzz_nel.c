// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_nel: nel.c, the NAT event records, through tmpl.c's message
 * builder (v9.c, ipfix.c).
 *
 * Input: a protocol octet (v9 or IPFIX), a 16-bit message cap, then
 * events: a flags octet (historic natEvent values, create or delete) and
 * the addresses, ports, protocol and time as raw bytes. Each record and
 * each v5 pseudo-record is written twice into exact-size heap buffers
 * pre-filled with 0x00 and 0xff: both runs must agree, so every octet was
 * written. The fields are then decoded at RFC 8158 / template 261 offsets
 * and at the Cisco v5 offsets, independently of nel.c, and compared with
 * the event. Finally the events go into messages of the given cap (an
 * exact-size heap block) as export.c adds them: template first in each
 * message, a new message on -ENOSPC, after which the add must succeed
 * unless even an empty message is too small (-EMSGSIZE).
 */
#include <linux/kernel.h>
#include <linux/errno.h>

#include "nel.h"
#include "v9.h"
#include "ipfix.h"
#include "common.h"

enum { REC = 34, V5 = 48, MAX_EVENTS = 64 };

static void check_record(const u8 *r, const struct netflow_nat_event *ev,
			 bool historic)
{
	u8 want = ev->kind == NETFLOW_NAT_CREATE ? (historic ? 1 : 4) :
						   (historic ? 2 : 5);

	CHECK("nel-record", get_be(r, 8) == ev->time_ms, "time");
	CHECK("nel-record", !memcmp(r + 8, &ev->pre_src, 4), "src");
	CHECK("nel-record", !memcmp(r + 12, &ev->pre_dst, 4), "dst");
	CHECK("nel-record", !memcmp(r + 16, &ev->post_src, 4), "post src");
	CHECK("nel-record", !memcmp(r + 20, &ev->post_dst, 4), "post dst");
	CHECK("nel-record", !memcmp(r + 24, &ev->pre_sport, 2), "sport");
	CHECK("nel-record", !memcmp(r + 26, &ev->pre_dport, 2), "dport");
	CHECK("nel-record", !memcmp(r + 28, &ev->post_sport, 2), "post sport");
	CHECK("nel-record", !memcmp(r + 30, &ev->post_dport, 2), "post dport");
	CHECK("nel-record", r[32] == ev->protocol, "protocol");
	CHECK("nel-record", r[33] == want, "natEvent %u, want %u", r[33], want);
}

static void check_v5(const u8 *r, const struct netflow_nat_event *ev,
		     bool src_side)
{
	static const u8 zero[4];

	CHECK("nel-v5", !memcmp(r, &ev->pre_src, 4), "srcaddr");
	CHECK("nel-v5", !memcmp(r + 4, &ev->post_dst, 4), "dstaddr");
	CHECK("nel-v5", !memcmp(r + 8, src_side ? &ev->post_src : &ev->pre_dst, 4),
	      "nexthop");
	CHECK("nel-v5", all_eq(r + 12, 12, 0), "interfaces, counters");
	CHECK("nel-v5", get_be(r + 24, 4) == get_be(r + 28, 4), "first = last");
	CHECK("nel-v5", !memcmp(r + 32, &ev->pre_sport, 2), "srcport");
	CHECK("nel-v5", !memcmp(r + 34, &ev->post_dport, 2), "dstport");
	CHECK("nel-v5", r[36] == 0 && r[39] == 0, "pad1, tos");
	CHECK("nel-v5", r[37] == (ev->kind == NETFLOW_NAT_CREATE ? 0x12 : 0x05),
	      "tcp flags");
	CHECK("nel-v5", r[38] == ev->protocol, "prot");
	CHECK("nel-v5", !memcmp(r + 40, src_side ? (const void *)&ev->post_sport : zero, 2),
	      "src_as");
	CHECK("nel-v5", !memcmp(r + 42, src_side ? zero : (const void *)&ev->pre_dport, 2),
	      "dst_as");
	CHECK("nel-v5", all_eq(r + 44, 4, 0), "masks, pad2");
}

static void begin(struct netflow_msg *msg, bool v9, u8 *buf, unsigned int cap)
{
	if (v9)
		netflow_v9_begin(msg, buf, cap);
	else
		netflow_ipfix_begin(msg, buf, cap, 0);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct stream s = { data, size };
	struct netflow_nat_event evs[MAX_EVENTS];
	bool hist[MAX_EVENTS];
	bool v9 = st_u8(&s) & 1;
	unsigned int cap = st_u16(&s), n = 0, i, j;
	struct netflow_msg msg;
	bool fresh = true;
	u8 *buf;

	while (!st_empty(&s) && n < MAX_EVENTS) {
		struct netflow_nat_event *ev = &evs[n];
		u8 flags = st_u8(&s);
		u8 *a = xalloc(REC, 0), *b = xalloc(REC, 0xff);
		unsigned int cnt;

		memset(ev, 0, sizeof(*ev));
		ev->time_ms = st_u64(&s);
		st_bytes(&s, &ev->pre_src, 4);
		st_bytes(&s, &ev->pre_dst, 4);
		st_bytes(&s, &ev->post_src, 4);
		st_bytes(&s, &ev->post_dst, 4);
		st_bytes(&s, &ev->pre_sport, 2);
		st_bytes(&s, &ev->pre_dport, 2);
		st_bytes(&s, &ev->post_sport, 2);
		st_bytes(&s, &ev->post_dport, 2);
		ev->protocol = st_u8(&s);
		ev->kind = flags & 1 ? NETFLOW_NAT_DELETE : NETFLOW_NAT_CREATE;
		hist[n] = flags & 2;
		CHECK("nel-size", netflow_nel_record_size() == REC, "record size");
		netflow_nel_write_record(a, ev, hist[n]);
		netflow_nel_write_record(b, ev, hist[n]);
		CHECK("nel-record", !memcmp(a, b, REC), "octets left unwritten");
		check_record(a, ev, hist[n]);
		free(a);
		free(b);

		cnt = netflow_nel_v5_count(ev);
		CHECK("nel-v5", cnt <= NETFLOW_NEL_V5_MAX, "count %u", cnt);
		for (j = 0; j < cnt; j++) {
			bool src_side = j == 0 &&
				(ev->pre_src != ev->post_src || ev->pre_sport != ev->post_sport);

			a = xalloc(V5, 0);
			b = xalloc(V5, 0xff);
			netflow_nel_v5_write((void *)a, ev, j, ev->time_ms - 1000);
			netflow_nel_v5_write((void *)b, ev, j, ev->time_ms - 1000);
			CHECK("nel-v5", !memcmp(a, b, V5), "octets left unwritten");
			CHECK("nel-v5", get_be(a + 24, 4) == 1000, "uptime");
			check_v5(a, ev, src_side);
			free(a);
			free(b);
		}
		n++;
	}

	buf = xalloc(cap, 0);
	begin(&msg, v9, buf, cap);
	for (i = 0; i < n; i++) {
		int err = 0;

		if (fresh) {
			err = netflow_nel_add_template(&msg);
			if (err == -ENOSPC || err == -EMSGSIZE)
				break;	/* the cap cannot take a template and a record */
			CHECK("nel-msg", !err, "template: %d", err);
		}
		err = netflow_nel_add_record(&msg, &evs[i], hist[i]);
		CHECK("nel-msg", !fresh || !err, "a record after its template: %d", err);
		fresh = false;
		if (err == -ENOSPC) {
			begin(&msg, v9, buf, cap);
			fresh = true;
			i--;
			continue;
		}
		CHECK("nel-msg", !err, "record: %d", err);
	}
	free(buf);
	return 0;
}
