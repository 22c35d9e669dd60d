// SPDX-License-Identifier: GPL-2.0
/*
 * The sampler= string: flow sampling (RFC 7014) as the original module
 * offers it.
 *
 *   deterministic:N   every Nth flow is exported (systematic count-based)
 *   random:N          each flow is exported with probability 1/N
 *   hash:N            a packet is metered only if its flow hash selects
 *                     it, so whole flows are kept or skipped, early
 *   "" 0 none off     no sampling
 *
 * N is 2..16383: the v5 header has 14 bits for it. The mode may be
 * abbreviated to any prefix ("d:10") and is case-insensitive, as the
 * original only looked at its first letter; white space around the whole
 * string is ignored. Anything else is an error and changes nothing.
 */
#include <linux/kernel.h>
#include <linux/string.h>

#include "sampler.h"

static const char * const mode_names[] = {
	[NETFLOW_SAMPLER_OFF] = "",
	[NETFLOW_SAMPLER_DETERMINISTIC] = "deterministic",
	[NETFLOW_SAMPLER_RANDOM] = "random",
	[NETFLOW_SAMPLER_HASH] = "hash",
};

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Is s[0..len) a non-empty, case-insensitive prefix of @word? */
static bool is_prefix_of(const char *s, size_t len, const char *word)
{
	size_t i;

	if (len == 0 || len > strlen(word))
		return false;
	for (i = 0; i < len; i++)
		if (lower(s[i]) != word[i])
			return false;
	return true;
}

/* Is s[0..len) exactly @word, case-insensitively? */
static bool is_word(const char *s, size_t len, const char *word)
{
	return len == strlen(word) && is_prefix_of(s, len, word);
}

/**
 * netflow_sampler_parse() - parse a sampler= string
 * @str: NUL-terminated, e.g. "deterministic:100"
 * @s: the result, written only on success
 *
 * Return: 0; -E2BIG for a string over NETFLOW_SAMPLER_STRLEN characters;
 * -ERANGE when N is outside NETFLOW_SAMPLER_MIN..NETFLOW_SAMPLER_MAX;
 * -EINVAL for anything else that is not a sampler.
 */
int netflow_sampler_parse(const char *str, struct netflow_sampler *s)
{
	size_t len = strnlen(str, NETFLOW_SAMPLER_STRLEN + 1);
	const char *colon, *num;
	unsigned int mode, n;
	size_t i, num_len;

	if (len > NETFLOW_SAMPLER_STRLEN)
		return -E2BIG;
	while (len && is_space(*str)) {
		str++;
		len--;
	}
	while (len && is_space(str[len - 1]))
		len--;

	if (len == 0 || is_word(str, len, "0") || is_word(str, len, "none") ||
	    is_word(str, len, "off")) {
		s->mode = NETFLOW_SAMPLER_OFF;
		s->interval = 0;
		return 0;
	}

	colon = memchr(str, ':', len);
	if (!colon)
		return -EINVAL;
	for (mode = NETFLOW_SAMPLER_DETERMINISTIC; mode <= NETFLOW_SAMPLER_HASH; mode++)
		if (is_prefix_of(str, colon - str, mode_names[mode]))
			break;
	if (mode > NETFLOW_SAMPLER_HASH)
		return -EINVAL;

	num = colon + 1;
	num_len = str + len - num;
	if (num_len == 0)
		return -EINVAL;
	for (i = 0; i < num_len; i++)
		if (num[i] < '0' || num[i] > '9')
			return -EINVAL;
	/* leading zeros do not change the value */
	while (num_len > 1 && num[0] == '0') {
		num++;
		num_len--;
	}
	if (num_len > 5)		/* more than 99999 */
		return -ERANGE;
	for (i = 0, n = 0; i < num_len; i++)
		n = n * 10 + (num[i] - '0');
	if (n < NETFLOW_SAMPLER_MIN || n > NETFLOW_SAMPLER_MAX)
		return -ERANGE;
	s->mode = mode;
	s->interval = n;
	return 0;
}

/**
 * netflow_sampler_format() - the canonical sampler string
 * @buf: output buffer, always NUL-terminated when @size > 0
 * @size: its size; NETFLOW_SAMPLER_FMTLEN always fits
 * @s: a sampler netflow_sampler_parse() gave
 *
 * "mode:N", or "" when sampling is off: what netflow_sampler_parse()
 * reads back as the same sampler.
 *
 * Return: the length written, or -ENOSPC if it did not fit.
 */
int netflow_sampler_format(char *buf, size_t size, const struct netflow_sampler *s)
{
	char digits[8];
	size_t name_len, num_len = 0, len;
	unsigned int n;

	if (size == 0)
		return -ENOSPC;
	buf[0] = '\0';
	if (s->mode == NETFLOW_SAMPLER_OFF || s->mode > NETFLOW_SAMPLER_HASH)
		return 0;
	n = s->interval;
	do {
		digits[num_len++] = '0' + n % 10;
		n /= 10;
	} while (n && num_len < sizeof(digits));
	name_len = strlen(mode_names[s->mode]);
	len = name_len + 1 + num_len;
	if (len >= size)
		return -ENOSPC;
	memcpy(buf, mode_names[s->mode], name_len);
	buf[name_len] = ':';
	for (n = 0; n < num_len; n++)
		buf[name_len + 1 + n] = digits[num_len - 1 - n];
	buf[len] = '\0';
	return len;
}

/**
 * netflow_sampler_mode_name() - the mode's name, for /proc
 * @s: a sampler
 *
 * Return: "deterministic", "random" or "hash"; "off" when sampling is off.
 */
const char *netflow_sampler_mode_name(const struct netflow_sampler *s)
{
	if (s->mode == NETFLOW_SAMPLER_OFF || s->mode > NETFLOW_SAMPLER_HASH)
		return "off";
	return mode_names[s->mode];
}

/**
 * netflow_sampler_keep_packet() - does the hash sampler meter this packet?
 * @s: the sampler in force (a copy taken with READ_ONCE())
 * @flow_hash: a hash of the packet's flow key, uniform over 32 bits; the
 *	same for every packet of a flow, so a flow is kept or skipped whole
 *
 * For the packet path, before the flow lookup: a packet it skips costs no
 * flow. True for every packet unless the mode is hash, where one flow
 * hash in N is kept: (hash * N) >> 32 == 0, as the original does.
 *
 * Return: true to meter the packet, false to skip it.
 */
bool netflow_sampler_keep_packet(const struct netflow_sampler *s, u32 flow_hash)
{
	if (s->mode != NETFLOW_SAMPLER_HASH)
		return true;
	return ((u64)flow_hash * s->interval) >> 32 == 0;
}

/**
 * netflow_sampler_keep_flow() - is this expiring flow exported?
 * @s: the sampler in force
 * @st: the exporter's counters, updated; only the export worker calls this,
 *	so no locking; zero them when the sampler changes
 * @rnd: a uniform random 32-bit number (get_random_u32()), used by random
 *	mode only
 *
 * For the export worker, once per flow about to be exported.
 * deterministic: the 1st, N+1th, 2N+1th... flow is kept; random: a flow
 * is kept when (rnd * N) >> 32 == 0, one in N; hash and off: every flow
 * (hash sampling happened per packet), which @st->observed does not count
 * for hash, as the original's flowsObserved.
 *
 * Return: true to export the flow, false to drop it.
 */
bool netflow_sampler_keep_flow(const struct netflow_sampler *s,
			       struct netflow_sampler_state *st, u32 rnd)
{
	bool keep;

	switch (s->mode) {
	case NETFLOW_SAMPLER_DETERMINISTIC:
		keep = s->interval < 2 || st->observed % s->interval == 0;
		st->observed++;
		break;
	case NETFLOW_SAMPLER_RANDOM:
		keep = ((u64)rnd * s->interval) >> 32 == 0;
		st->observed++;
		break;
	default:
		keep = true;
		break;
	}
	if (keep)
		st->selected++;
	return keep;
}

/**
 * netflow_sampler_v5_field() - the NetFlow v5 header's sampling field
 * @s: the sampler in force
 *
 * The top 2 bits are the mode (1 deterministic, 2 random; hash is shown as
 * random, as the original does), the low 14 bits the interval N.
 *
 * Return: the value for the header, host order; 0 when off.
 */
u16 netflow_sampler_v5_field(const struct netflow_sampler *s)
{
	u16 mode = s->mode == NETFLOW_SAMPLER_DETERMINISTIC ? 1 : 2;

	if (s->mode == NETFLOW_SAMPLER_OFF || s->mode > NETFLOW_SAMPLER_HASH)
		return 0;
	return mode << 14 | (s->interval & 0x3fff);
}

/**
 * netflow_sampler_v9_mode() - NetFlow v9 samplingAlgorithm / samplerMode
 * @s: the sampler in force
 *
 * The samplerId (48) of data records and sampler options is @s->mode
 * (1, 2 or 3); samplerRandomInterval (50) is @s->interval.
 *
 * Return: samplerMode (49): 1 deterministic, 2 random (and hash); 0 off.
 */
u8 netflow_sampler_v9_mode(const struct netflow_sampler *s)
{
	switch (s->mode) {
	case NETFLOW_SAMPLER_DETERMINISTIC:
		return 1;
	case NETFLOW_SAMPLER_RANDOM:
	case NETFLOW_SAMPLER_HASH:
		return 2;
	default:
		return 0;
	}
}

/**
 * netflow_sampler_ipfix_algorithm() - IPFIX flowSelectorAlgorithm (390)
 * @s: the sampler in force
 *
 * selectorId (302) is @s->mode. The original sends deterministic with
 * samplingFlowInterval (396) = 1 and samplingFlowSpacing (397) = N, random
 * and hash with samplingSize (309) = 1 and samplingPopulation (310) = N.
 *
 * Return: 1 (systematic count-based) for deterministic, 3 (random
 * n-out-of-N) for random and hash, 0 when off.
 */
u8 netflow_sampler_ipfix_algorithm(const struct netflow_sampler *s)
{
	switch (s->mode) {
	case NETFLOW_SAMPLER_DETERMINISTIC:
		return 1;
	case NETFLOW_SAMPLER_RANDOM:
	case NETFLOW_SAMPLER_HASH:
		return 3;
	default:
		return 0;
	}
}
