/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _NETFLOW_PACKET_H
#define _NETFLOW_PACKET_H

#include <linux/skbuff.h>

#include "cache.h"

int netflow_packet_parse(const struct sk_buff *skb, u8 family,
			 struct netflow_packet *pkt, bool *fragment);

#endif /* _NETFLOW_PACKET_H */
