// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_v5: v5.c, the NetFlow v5 header and record encoder.
 *
 * Input: a header context, a record count, then up to 30 flow records as
 * raw bytes; the family byte's top two bits make it AF_INET (0x, half the
 * records), AF_INET6 (10) or its low 6 bits (11). Each record and the header are
 * written twice into exact-size heap buffers pre-filled with 0x00 and
 * 0xff: both runs must agree byte for byte, so every output byte was
 * written (an MSan-like check without MSan). Then every field is decoded
 * at its Cisco v5 offset, independently of wire.h, and compared with the
 * record: addresses and ports copied, interfaces saturated at 65535,
 * counters at 2^32 - 1, times truncated to 32 bits, the masks those of
 * the record's aggregation rules, the AS and pad fields zero. A non-IPv4 record is -EAFNOSUPPORT and leaves the buffer
 * untouched. Finally the records go into one datagram of exactly
 * NETFLOW_V5_MAX_LEN octets, as export.c lays them out.
 */
#include <linux/kernel.h>
#include <linux/socket.h>
#include <linux/errno.h>

#include "v5.h"
#include "common.h"

enum { HDR = 24, REC = 48 };

static void check_header(const u8 *h, const struct netflow_v5_context *ctx,
			 unsigned int count)
{
	CHECK("v5-header", get_be(h + 0, 2) == 5, "version %llu",
	      (unsigned long long)get_be(h, 2));
	CHECK("v5-header", get_be(h + 2, 2) == (u16)count, "count");
	CHECK("v5-header", get_be(h + 4, 4) == ctx->uptime_ms, "sys_uptime");
	CHECK("v5-header", get_be(h + 8, 4) == ctx->unix_secs, "unix_secs");
	CHECK("v5-header", get_be(h + 12, 4) == ctx->unix_nsecs, "unix_nsecs");
	CHECK("v5-header", get_be(h + 16, 4) == ctx->flow_sequence, "flow_sequence");
	CHECK("v5-header", h[20] == ctx->engine_type, "engine_type");
	CHECK("v5-header", h[21] == ctx->engine_id, "engine_id");
	CHECK("v5-header", get_be(h + 22, 2) == ctx->sampling, "sampling");
}

static u64 sat(u64 v, u64 max)
{
	return v > max ? max : v;
}

static void check_record(const u8 *r, const struct netflow_record *rec)
{
	const struct netflow_key *k = &rec->key;

	CHECK("v5-record", !memcmp(r + 0, &k->src.ip, 4), "srcaddr");
	CHECK("v5-record", !memcmp(r + 4, &k->dst.ip, 4), "dstaddr");
	CHECK("v5-record", !memcmp(r + 8, &rec->nexthop.ip, 4), "nexthop");
	CHECK("v5-record", get_be(r + 12, 2) == sat(k->in_ifindex, 65535), "input");
	CHECK("v5-record", get_be(r + 14, 2) == sat(rec->out_ifindex, 65535), "output");
	CHECK("v5-record", get_be(r + 16, 4) == sat(rec->packets, 0xffffffffu), "dPkts");
	CHECK("v5-record", get_be(r + 20, 4) == sat(rec->bytes, 0xffffffffu), "dOctets");
	CHECK("v5-record", get_be(r + 24, 4) == (u32)rec->first_ms, "First");
	CHECK("v5-record", get_be(r + 28, 4) == (u32)rec->last_ms, "Last");
	CHECK("v5-record", !memcmp(r + 32, &k->src_port, 2), "srcport");
	CHECK("v5-record", !memcmp(r + 34, &k->dst_port, 2), "dstport");
	CHECK("v5-record", r[36] == 0, "pad1");
	CHECK("v5-record", r[37] == rec->tcp_flags, "tcp_flags");
	CHECK("v5-record", r[38] == k->protocol, "prot");
	CHECK("v5-record", r[39] == k->tos, "tos");
	CHECK("v5-record", all_eq(r + 40, 4, 0), "src_as, dst_as");
	CHECK("v5-record", r[44] == rec->fields.src_mask, "src_mask");
	CHECK("v5-record", r[45] == rec->fields.dst_mask, "dst_mask");
	CHECK("v5-record", all_eq(r + 46, 2, 0), "pad2");
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct stream s = { data, size };
	struct netflow_v5_context ctx;
	struct netflow_record recs[NETFLOW_V5_MAX_RECORDS];
	unsigned int n = 0, count, i, good = 0;
	u8 *h0, *h1, *dgram;

	static_assert(sizeof(struct netflow_v5_header) == HDR);
	static_assert(sizeof(struct netflow_v5_record) == REC);

	st_bytes(&s, &ctx, sizeof(ctx));
	count = st_u8(&s) % (NETFLOW_V5_MAX_RECORDS + 1);

	/* the header, twice */
	h0 = xalloc(HDR, 0x00);
	h1 = xalloc(HDR, 0xff);
	netflow_v5_write_header(h0, &ctx, count);
	netflow_v5_write_header(h1, &ctx, count);
	CHECK("v5-uninit", !memcmp(h0, h1, HDR), "header octets left unwritten");
	check_header(h0, &ctx, count);
	free(h0);
	free(h1);

	while (!st_empty(&s) && n < NETFLOW_V5_MAX_RECORDS) {
		struct netflow_record *rec = &recs[n++];
		u8 *r0 = xalloc(REC, 0x00), *r1 = xalloc(REC, 0xff);
		int e0, e1;

		st_bytes(&s, rec, sizeof(*rec));
		switch (rec->key.family >> 6) {
		case 0:
		case 1: rec->key.family = AF_INET; break;
		case 2: rec->key.family = AF_INET6; break;
		default: rec->key.family &= 0x3f; break;	/* any, 2 included */
		}
		e0 = netflow_v5_write_record(r0, rec);
		e1 = netflow_v5_write_record(r1, rec);
		CHECK("v5-record", e0 == e1, "%d then %d", e0, e1);
		if (rec->key.family == AF_INET) {
			CHECK("v5-record", e0 == 0, "IPv4 record refused: %d", e0);
			CHECK("v5-uninit", !memcmp(r0, r1, REC),
			      "record octets left unwritten");
			check_record(r0, rec);
			good++;
		} else {
			CHECK("v5-record", e0 == -EAFNOSUPPORT,
			      "family %u: %d", rec->key.family, e0);
			CHECK("v5-record", all_eq(r0, REC, 0x00) && all_eq(r1, REC, 0xff),
			      "refused record written anyway");
		}
		free(r0);
		free(r1);
	}

	/* a whole datagram of the encodable ones, as export.c lays it out */
	dgram = xalloc(NETFLOW_V5_MAX_LEN, 0xff);
	for (i = 0, count = 0; i < n; i++)
		if (!netflow_v5_write_record(dgram + HDR + count * REC, &recs[i]))
			count++;
	CHECK("v5-record", count == good, "%u of %u", count, good);
	netflow_v5_write_header(dgram, &ctx, count);
	check_header(dgram, &ctx, count);
	for (i = 0, count = 0; i < n; i++)
		if (recs[i].key.family == AF_INET)
			check_record(dgram + HDR + REC * count++, &recs[i]);
	CHECK("v5-uninit", all_eq(dgram + HDR + REC * count,
				  NETFLOW_V5_MAX_LEN - HDR - REC * count, 0xff),
	      "written past the last record");
	free(dgram);
	return 0;
}
