// SPDX-License-Identifier: GPL-2.0
/* List options: item splitting and bounded formatting (strlist.h). */
#include <linux/kernel.h>

#include "strlist.h"

/* Comma, semicolon, space, tab or newline: what the original accepts. */
static bool is_separator(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == ',' || c == ';';
}

/**
 * netflow_list_next() - the next item of a separated list
 * @pos: where to look from; moved past the item
 * @end: end of the list
 * @item: set to the item's first character
 * @len: set to its length, never 0
 *
 * Runs of separators are skipped: empty items are no items.
 *
 * Return: whether an item was found.
 */
bool netflow_list_next(const char **pos, const char *end,
		       const char **item, size_t *len)
{
	const char *s = *pos, *e;

	while (s < end && is_separator(*s))
		s++;
	if (s == end) {
		*pos = s;
		return false;
	}
	for (e = s; e < end && !is_separator(*e); e++)
		;
	*item = s;
	*len = e - s;
	*pos = e;
	return true;
}

/**
 * netflow_append() - append formatted text to a buffer
 * @buf: the buffer
 * @size: its size
 * @len: what it holds so far; advanced by what was appended
 * @fmt: format
 *
 * Return: 0, or -ENOSPC unless it all fits, with its NUL.
 */
int netflow_append(char *buf, size_t size, size_t *len, const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vsnprintf(buf + *len, size - *len, fmt, args);
	va_end(args);
	if (n < 0 || (size_t)n >= size - *len)
		return -ENOSPC;
	*len += n;
	return 0;
}
