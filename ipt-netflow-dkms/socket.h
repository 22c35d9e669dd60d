/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _NETFLOW_SOCKET_H
#define _NETFLOW_SOCKET_H

#include <linux/net.h>

#include "dest.h"

/* One collector's UDP socket; used only by the export worker. */
struct netflow_socket {
	struct netflow_dest dest;
	struct socket *sock;		/* NULL until created */
	bool connected;
	u64 sent_packets;
	u64 sent_bytes;
	u64 err_sndbuf;			/* EAGAIN/ENOBUFS: send buffer full */
	u64 err_connect;		/* connect() failed, retried later */
	u64 err_refused;		/* ICMP unreachable came back (cberr) */
	u64 err_other;
	int wmem_peak;			/* most bytes queued seen at a send */
};

int netflow_socket_sndbuf(const struct netflow_socket *s);
int netflow_socket_wmem(const struct netflow_socket *s);
unsigned int netflow_socket_max_payload(const struct netflow_socket *s);

void netflow_socket_setup(struct netflow_socket *s, struct net *net,
			  const struct netflow_dest *dest, int sndbuf);
int netflow_socket_send(struct netflow_socket *s, struct net *net, int sndbuf,
			const void *data, size_t len);
void netflow_socket_close(struct netflow_socket *s);

#endif /* _NETFLOW_SOCKET_H */
