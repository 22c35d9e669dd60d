// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel UDP sockets towards collectors. A socket that cannot connect
 * yet (no route at boot, interface down) is retried on every send.
 */
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/netdevice.h>
#include <linux/socket.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/udp.h>
#include <net/dst.h>
#include <net/sock.h>

#include "socket.h"

static int fill_sockaddr(struct sockaddr_storage *ss, u8 family,
			 const union netflow_inaddr *addr, __be16 port)
{
	memset(ss, 0, sizeof(*ss));
	if (family == AF_INET) {
		struct sockaddr_in *sin = (struct sockaddr_in *)ss;

		sin->sin_family = AF_INET;
		sin->sin_addr.s_addr = addr->ip;
		sin->sin_port = port;
		return sizeof(*sin);
	}
	{
		struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;

		sin6->sin6_family = AF_INET6;
		sin6->sin6_addr = addr->ip6;
		sin6->sin6_port = port;
		return sizeof(*sin6);
	}
}

static int bind_to_ifname(struct socket *sock, struct net *net,
			  const char *ifname)
{
	struct net_device *dev;
	int ifindex;

	dev = dev_get_by_name(net, ifname);
	if (!dev)
		return -ENODEV;
	ifindex = dev->ifindex;
	dev_put(dev);
	return sock_bindtoindex(sock->sk, ifindex, true);
}

static int create(struct netflow_socket *s, struct net *net, int sndbuf)
{
	const struct netflow_dest *d = &s->dest;
	struct sockaddr_storage ss;
	struct socket *sock;
	int len, err;

	err = sock_create_kern(net, d->family, SOCK_DGRAM, IPPROTO_UDP, &sock);
	if (err)
		return err;
	sock->sk->sk_allocation = GFP_KERNEL;
	if (sndbuf > 0) {
		/* FORCE: an operator's setting is not capped by wmem_max */
		err = sock_setsockopt(sock, SOL_SOCKET, SO_SNDBUFFORCE,
				      KERNEL_SOCKPTR(&sndbuf), sizeof(sndbuf));
		if (err)
			goto err_release;
	}
	if (d->ifname[0]) {
		err = bind_to_ifname(sock, net, d->ifname);
		if (err)
			goto err_release;
	}
	if (d->has_source) {
		len = fill_sockaddr(&ss, d->family, &d->source, 0);
		err = kernel_bind(sock, (struct sockaddr *)&ss, len);
		if (err)
			goto err_release;
	}
	s->sock = sock;
	return 0;

err_release:
	sock_release(sock);
	return err;
}

static int connect_socket(struct netflow_socket *s)
{
	struct sockaddr_storage ss;
	int len, err;

	len = fill_sockaddr(&ss, s->dest.family, &s->dest.addr, s->dest.port);
	err = kernel_connect(s->sock, (struct sockaddr *)&ss, len, 0);
	if (err) {
		s->err_connect++;
		return err;
	}
	s->connected = true;
	return 0;
}

void netflow_socket_setup(struct netflow_socket *s, struct net *net,
			  const struct netflow_dest *dest, int sndbuf)
{
	memset(s, 0, sizeof(*s));
	s->dest = *dest;
	if (create(s, net, sndbuf) == 0)
		connect_socket(s);
}

/**
 * netflow_socket_send() - send one export datagram, never blocking
 * @s: the collector
 * @net: namespace to (re)create the socket in
 * @sndbuf: SO_SNDBUF for a new socket, 0 for the default
 * @data: the datagram
 * @len: its length
 *
 * Errors are counted in @s. ECONNREFUSED means an earlier datagram drew
 * an ICMP port unreachable (no collector listening), reported by the
 * kernel now: it is counted as cberr and this datagram sent again.
 *
 * Return: 0 or a negative errno.
 */
int netflow_socket_send(struct netflow_socket *s, struct net *net, int sndbuf,
			const void *data, size_t len)
{
	struct msghdr msg = { .msg_flags = MSG_DONTWAIT | MSG_NOSIGNAL };
	struct kvec iov = { .iov_base = (void *)data, .iov_len = len };
	int ret;

	if (!s->sock) {
		ret = create(s, net, sndbuf);
		if (ret) {
			s->err_connect++;
			return ret;
		}
	}
	if (!s->connected) {
		ret = connect_socket(s);
		if (ret)
			return ret;
	}

	ret = kernel_sendmsg(s->sock, &msg, &iov, 1, len);
	if (ret == -ECONNREFUSED) {
		/*
		 * The ICMP error is an earlier datagram's, reported now and
		 * this one left unsent: count it and send this one anyway, so
		 * the first datagram after a collector comes back is not lost.
		 */
		s->err_refused++;
		ret = kernel_sendmsg(s->sock, &msg, &iov, 1, len);
	}
	s->wmem_peak = max(s->wmem_peak, sk_wmem_alloc_get(s->sock->sk));
	if (ret == len) {
		s->sent_packets++;
		s->sent_bytes += len;
		return 0;
	}
	if (ret >= 0)
		ret = -EMSGSIZE;
	switch (ret) {
	case -EAGAIN:
	case -ENOBUFS:
		s->err_sndbuf++;
		break;
	case -ECONNREFUSED:
		s->err_refused++;
		break;
	default:
		s->err_other++;
		break;
	}
	return ret;
}

void netflow_socket_close(struct netflow_socket *s)
{
	if (s->sock) {
		sock_release(s->sock);
		s->sock = NULL;
	}
	s->connected = false;
}

int netflow_socket_sndbuf(const struct netflow_socket *s)
{
	return s->sock ? READ_ONCE(s->sock->sk->sk_sndbuf) : 0;
}

int netflow_socket_wmem(const struct netflow_socket *s)
{
	return s->sock ? sk_wmem_alloc_get(s->sock->sk) : 0;
}

/*
 * The largest UDP payload that reaches the collector unfragmented, as
 * far as the route knows; 1500-byte Ethernet when it does not know.
 */
unsigned int netflow_socket_max_payload(const struct netflow_socket *s)
{
	unsigned int overhead = s->dest.family == AF_INET ?
				sizeof(struct iphdr) + sizeof(struct udphdr) :
				sizeof(struct ipv6hdr) + sizeof(struct udphdr);
	unsigned int mtu = ETH_DATA_LEN;
	struct dst_entry *dst;

	if (s->sock && s->connected) {
		dst = sk_dst_get(s->sock->sk);
		if (dst) {
			mtu = dst_mtu(dst);
			dst_release(dst);
		}
	}
	return mtu > overhead ? mtu - overhead : 0;
}
