// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_sampler: sampler.c, the sampler= parser, formatter and decisions.
 *
 * Input: the sampler string up to the first NUL (all of it if none); the
 * octets after that NUL feed the decision functions. Checked:
 *  - parse never reads past the string's NUL (an exact-size heap block);
 *    its errors are -EINVAL, -ERANGE or -E2BIG (-E2BIG exactly for a
 *    string over NETFLOW_SAMPLER_STRLEN), and on error the sampler is
 *    untouched;
 *  - what it accepts is well formed: mode 0..3, interval 0 when off and
 *    NETFLOW_SAMPLER_MIN..MAX otherwise;
 *  - format never writes past @size (exact-size buffers of every size up
 *    to NETFLOW_SAMPLER_FMTLEN + 1), NUL-terminates, returns the length on
 *    success, -ENOSPC exactly when the canonical form does not fit;
 *  - parse(format(s)) == s, and the canonical form is a fixed point;
 *  - v5 field: mode in the top 2 bits, N in the low 14; v9 samplerMode,
 *    IPFIX flowSelectorAlgorithm and the mode's name agree with the mode;
 *  - keep_packet(): all packets unless hash, and for hash keeps exactly
 *    the hashes below ceil(2^32 / N), a flow's answer never changing;
 *  - keep_flow(): deterministic keeps a flow exactly when the flows seen
 *    before it are a multiple of N, from any count on, and counts observed
 *    and selected; random keeps exactly when rnd < ceil(2^32 / N).
 */
#include <linux/kernel.h>
#include <linux/errno.h>

#include "sampler.h"
#include "common.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	const u8 *nul = memchr(data, 0, size);
	size_t len = nul ? (size_t)(nul - data) : size;
	struct stream rest = { nul ? nul + 1 : data, nul ? size - len - 1 : size };
	struct netflow_sampler s = { 0xabcd, 0x1234 }, t;
	struct netflow_sampler_state st = {};
	char *str, canon[NETFLOW_SAMPLER_FMTLEN];
	size_t sz;
	u64 limit;
	int err, ret;
	unsigned int i;

	str = xalloc(len + 1, 0);
	memcpy(str, data, len);
	err = netflow_sampler_parse(str, &s);
	if (err) {
		CHECK("sampler-errno", err == -EINVAL || err == -ERANGE || err == -E2BIG,
		      "error %d", err);
		CHECK("sampler-errno", (err == -E2BIG) == (len > NETFLOW_SAMPLER_STRLEN),
		      "%zu chars: %d", len, err);
		CHECK("sampler-untouched", s.mode == 0xabcd && s.interval == 0x1234,
		      "error %d changed the sampler", err);
		free(str);
		return 0;
	}
	free(str);
	CHECK("sampler-valid", s.mode <= NETFLOW_SAMPLER_HASH, "mode %u", s.mode);
	if (s.mode == NETFLOW_SAMPLER_OFF)
		CHECK("sampler-valid", s.interval == 0, "off with interval %u", s.interval);
	else
		CHECK("sampler-valid", s.interval >= NETFLOW_SAMPLER_MIN &&
		      s.interval <= NETFLOW_SAMPLER_MAX, "interval %u", s.interval);

	ret = netflow_sampler_format(canon, sizeof(canon), &s);
	CHECK("sampler-format", ret >= 0 && (size_t)ret == strlen(canon),
	      "FMTLEN buffer: %d", ret);
	for (sz = 0; sz <= NETFLOW_SAMPLER_FMTLEN + 1; sz++) {
		char *buf = xalloc(sz, 0x5a);

		ret = netflow_sampler_format(buf, sz, &s);
		if (sz == 0) {
			CHECK("sampler-format", ret == -ENOSPC, "size 0: %d", ret);
		} else if (sz > strlen(canon)) {
			CHECK("sampler-format", ret == (int)strlen(canon) &&
			      !strcmp(buf, canon), "size %zu: %d", sz, ret);
		} else {
			CHECK("sampler-format", ret == -ENOSPC && buf[0] == '\0',
			      "size %zu for %zu chars: %d", sz, strlen(canon), ret);
		}
		free(buf);
	}

	str = xalloc(strlen(canon) + 1, 0);
	memcpy(str, canon, strlen(canon));
	err = netflow_sampler_parse(str, &t);
	free(str);
	CHECK("sampler-roundtrip", !err && t.mode == s.mode && t.interval == s.interval,
	      "\"%s\": error %d, %u:%u instead of %u:%u", canon, err, t.mode,
	      t.interval, s.mode, s.interval);

	ret = netflow_sampler_v5_field(&s);
	if (s.mode == NETFLOW_SAMPLER_OFF)
		CHECK("sampler-v5", ret == 0, "off: %#x", ret);
	else
		CHECK("sampler-v5", (ret & 0x3fff) == s.interval &&
		      (ret >> 14) == (s.mode == NETFLOW_SAMPLER_DETERMINISTIC ? 1 : 2),
		      "%u:%u gives %#x", s.mode, s.interval, ret);

	/* the other ids, and the name, agree with the mode */
	ret = s.mode == NETFLOW_SAMPLER_OFF ? 0 : s.mode == NETFLOW_SAMPLER_DETERMINISTIC ? 1 : 2;
	CHECK("sampler-ids", netflow_sampler_v9_mode(&s) == ret, "v9 mode %u for %u",
	      netflow_sampler_v9_mode(&s), s.mode);
	ret = s.mode == NETFLOW_SAMPLER_OFF ? 0 : s.mode == NETFLOW_SAMPLER_DETERMINISTIC ? 1 : 3;
	CHECK("sampler-ids", netflow_sampler_ipfix_algorithm(&s) == ret,
	      "IPFIX algorithm %u for %u", netflow_sampler_ipfix_algorithm(&s), s.mode);
	if (s.mode == NETFLOW_SAMPLER_OFF)
		CHECK("sampler-ids", !strcmp(netflow_sampler_mode_name(&s), "off"), "name");
	else
		CHECK("sampler-ids", !strncmp(canon, netflow_sampler_mode_name(&s),
					      strlen(netflow_sampler_mode_name(&s))) &&
		      canon[strlen(netflow_sampler_mode_name(&s))] == ':',
		      "name %s for \"%s\"", netflow_sampler_mode_name(&s), canon);

	/* the decisions */
	limit = s.interval ? ((1ull << 32) + s.interval - 1) / s.interval : 1ull << 32;
	for (i = 0; i < 16; i++) {
		u32 h = st_u32(&rest);
		bool keep = netflow_sampler_keep_packet(&s, h);

		CHECK("sampler-packet", keep == (s.mode != NETFLOW_SAMPLER_HASH || h < limit),
		      "%u:%u hash %#x: %d", s.mode, s.interval, h, keep);
		CHECK("sampler-packet", keep == netflow_sampler_keep_packet(&s, h),
		      "hash %#x: a different answer", h);
	}
	if (s.mode == NETFLOW_SAMPLER_DETERMINISTIC) {
		/* from any count on, and across a multiple of N */
		u64 start = st_u64(&rest) >> 2, sel = st_u64(&rest) >> 2;
		u64 next = start + s.interval - start % s.interval;

		st.observed = start;
		st.selected = sel;
		for (i = 0; i < 2u + (st_u8(&rest) & 15); i++) {
			u64 seq = st.observed;
			bool keep = netflow_sampler_keep_flow(&s, &st, st_u32(&rest));

			CHECK("sampler-flow", keep == (seq % s.interval == 0),
			      "deterministic:%u, flow %llu: %d", s.interval,
			      (unsigned long long)seq, keep);
			sel += keep;
		}
		CHECK("sampler-flow", st.observed == start + i && st.selected == sel,
		      "counts %llu %llu", (unsigned long long)st.observed,
		      (unsigned long long)st.selected);
		/* exactly one kept in N in a row */
		st.observed = next - 1;
		CHECK("sampler-flow", !netflow_sampler_keep_flow(&s, &st, 0) &&
		      netflow_sampler_keep_flow(&s, &st, 0) &&
		      (s.interval == 2 || !netflow_sampler_keep_flow(&s, &st, 0)),
		      "deterministic:%u around flow %llu", s.interval,
		      (unsigned long long)next);
	} else {
		for (i = 0; i < 16; i++) {
			u32 rnd = st_u32(&rest);
			bool keep = netflow_sampler_keep_flow(&s, &st, rnd);

			CHECK("sampler-flow", keep == (s.mode != NETFLOW_SAMPLER_RANDOM ||
						       rnd < limit),
			      "%u:%u rnd %#x: %d", s.mode, s.interval, rnd, keep);
		}
	}
	return 0;
}
