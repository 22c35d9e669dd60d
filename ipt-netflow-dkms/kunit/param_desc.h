/* SPDX-License-Identifier: GPL-2.0 */
/*
 * KUnit: the description of a parameterised case whose parameter has an
 * input string, for KUNIT_ARRAY_PARAM()'s get_desc.
 */
#ifndef _NETFLOW_KUNIT_PARAM_DESC_H
#define _NETFLOW_KUNIT_PARAM_DESC_H

#include <kunit/test.h>
#include <linux/string.h>

/*
 * A KTAP-safe description of a parameterised case from its input string:
 * KTAP reads '#' as a directive and stops at control characters.
 */
static inline void kunit_input_desc(const char *input, char *desc)
{
	char *p;

	strscpy(desc, input[0] ? input : "(empty)", KUNIT_PARAM_DESC_SIZE);
	for (p = desc; *p; p++)
		if (*p == '#' || *p == ' ' || *p < ' ')
			*p = '_';
}

#endif /* _NETFLOW_KUNIT_PARAM_DESC_H */
