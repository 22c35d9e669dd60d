// SPDX-License-Identifier: GPL-2.0
/*
 * Whole-file reads for /proc and /sys. The original agent read the
 * statistics into a fixed 4096-byte buffer and lost the end of them on
 * machines with many CPUs; this one has no such limit.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "readfile.h"

int nf_read_file(const char *path, char **buf, size_t *len)
{
	size_t cap = 8192, n = 0;
	char *b = NULL, *nb;
	int fd, err = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	for (;;) {
		ssize_t r;

		if (!b || n + 1 >= cap) {
			if (b)
				cap *= 2;
			if (cap > NF_READ_MAX) {
				err = -EFBIG;
				break;
			}
			nb = realloc(b, cap);
			if (!nb) {
				err = -ENOMEM;
				break;
			}
			b = nb;
		}
		r = read(fd, b + n, cap - n - 1);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			err = -errno;
			break;
		}
		if (r == 0)
			break;
		n += r;
	}
	close(fd);
	if (err) {
		free(b);
		return err;
	}
	b[n] = '\0';
	*buf = b;
	*len = n;
	return 0;
}
