// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_l2: l2.c, the layer 2 walker (Ethernet, 802.1Q/802.1ad tags, MPLS).
 *
 * Input: one octet of MPLS depth (any value; the walker keeps at most
 * NETFLOW_MPLS_MAX_DEPTH), then the frame, given in an exact-size heap
 * block so that ASan sees a read one octet past it. A model written here
 * from IEEE 802.1Q and RFC 3032 (not from l2.c) gives the expected result
 * and the whole struct netflow_l2:
 *  - l2-result: -EMSGSIZE exactly when the frame ends inside the Ethernet
 *    header, a tag, a label stack entry or before the octet after the
 *    bottom of the stack; -EINVAL for a third tag or an eleventh entry;
 *  - l2-struct: on success every field, compared octet for octet, so
 *    unused entries and padding are zero (nothing uninitialised leaves);
 *  - l2-depth: asking for depth d and for NETFLOW_MPLS_MAX_DEPTH gives the
 *    same walk, the first keeping a prefix of the second's stack.
 */
#include <linux/kernel.h>

#include "l2.h"
#include "common.h"

static int model(const u8 *f, size_t len, unsigned int depth, struct netflow_l2 *m)
{
	size_t off = 14;
	unsigned int type, n;

	memset(m, 0, sizeof(*m));
	if (len < 14)
		return -EMSGSIZE;
	memcpy(m->dst_mac, f, 6);
	memcpy(m->src_mac, f + 6, 6);
	type = get_be(f + 12, 2);
	for (n = 0; type == 0x8100 || type == 0x88a8; n++) {
		if (n == 2)
			return -EINVAL;
		if (off + 4 > len)
			return -EMSGSIZE;
		m->vlan_tci[n] = get_be(f + off, 2);
		type = get_be(f + off + 2, 2);
		off += 4;
		m->nr_tags = n + 1;
	}
	if (type != 0x8847 && type != 0x8848) {
		m->ethertype = cpu_to_be16(type);
		m->l3_offset = off;
		return 0;
	}
	if (depth > 10)
		depth = 10;
	for (n = 0; ; n++) {
		u32 e;

		if (n == 10)
			return -EINVAL;
		if (off + 4 > len)
			return -EMSGSIZE;
		e = get_be(f + off, 4);
		off += 4;
		if (n < depth)
			m->mpls[m->nr_mpls++] = cpu_to_be32(e);
		if (e & 0x100)
			break;
	}
	if (off + 1 > len)
		return -EMSGSIZE;
	m->ethertype = f[off] >> 4 == 4 ? cpu_to_be16(0x0800) :
		       f[off] >> 4 == 6 ? cpu_to_be16(0x86dd) : 0;
	m->l3_offset = off;
	return 0;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct netflow_l2 got, want, full;
	unsigned int depth;
	int ret, expect;
	u8 *frame;

	if (size < 1 || size > 65536)
		return 0;
	depth = data[0];
	frame = xalloc(size - 1, 0);
	memcpy(frame, data + 1, size - 1);

	memset(&got, 0xa5, sizeof(got));
	ret = netflow_l2_parse(frame, size - 1, depth, &got);
	expect = model(frame, size - 1, depth, &want);
	CHECK("l2-result", ret == expect, "result %d, model %d", ret, expect);
	if (!ret) {
		CHECK("l2-struct", !memcmp(&got, &want, sizeof(got)), "struct differs");
		memset(&full, 0x5a, sizeof(full));
		CHECK("l2-depth", !netflow_l2_parse(frame, size - 1, NETFLOW_MPLS_MAX_DEPTH,
						    &full), "full depth fails");
		CHECK("l2-depth", full.l3_offset == got.l3_offset &&
		      full.ethertype == got.ethertype && full.nr_mpls >= got.nr_mpls &&
		      !memcmp(full.mpls, got.mpls, got.nr_mpls * sizeof(got.mpls[0])),
		      "depth %u is not a prefix of the full stack", depth);
	}
	free(frame);
	return 0;
}
