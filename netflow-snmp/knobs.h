/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The read-write objects of IPT-NETFLOW-MIB (iptNetflowSysctl) and the
 * sysctl net.netflow.* file behind each, with the checks the kernel makes
 * on a write (ipt-netflow-dkms/sysctl.c), so that a SET the kernel would
 * refuse is refused before anything is written. Pure: no I/O.
 */
#ifndef NETFLOW_SNMP_KNOBS_H
#define NETFLOW_SNMP_KNOBS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NF_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

enum nf_knob_type {
	NF_KNOB_INTEGER,	/* Integer32 or an enumeration */
	NF_KNOB_UNSIGNED,	/* Unsigned32 */
	NF_KNOB_STRING,		/* printable ASCII */
};

struct nf_knob {
	unsigned int subid;	/* under iptNetflowSysctl */
	const char *name;	/* MIB object */
	const char *sysctl;	/* file in /proc/sys/net/netflow/ */
	enum nf_knob_type type;
	/*
	 * A write's range; for strings, max is the longest and min 1 asks
	 * for at least one item (not separators alone), min 0 takes "".
	 */
	uint32_t min, max;
	const uint32_t *values;	/* if set, a write must be one of these */
	size_t nr_values;
	bool write_only;	/* the file cannot be read: GET answers 0 */
};

extern const struct nf_knob nf_knobs[];
extern const size_t nf_nr_knobs;

/* 0 if the kernel would take V, else -ERANGE. */
int nf_knob_check_number(const struct nf_knob *k, long long v);

/*
 * 0 if the kernel may take the LEN bytes at S (it parses the text itself
 * and may still refuse it: EINVAL), -E2BIG if too long (wrongLength),
 * -EINVAL if not printable ASCII, or empty where an item is needed
 * (wrongValue).
 */
int nf_knob_check_string(const struct nf_knob *k, const char *s, size_t len);

/* Parses what reading the sysctl file of a number knob gave. */
bool nf_knob_parse_number(const char *text, uint32_t *v);

#endif /* NETFLOW_SNMP_KNOBS_H */
