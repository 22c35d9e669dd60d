/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _NETFLOW_VERSION_H
#define _NETFLOW_VERSION_H

/* Kbuild passes the subproject's VERSION file; this is the fallback. */
#ifndef NETFLOW_VERSION
#define NETFLOW_VERSION "0.0.0-unknown"
#endif

#endif /* _NETFLOW_VERSION_H */
