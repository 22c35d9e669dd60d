/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _NETFLOW_PKTFIELDS_H
#define _NETFLOW_PKTFIELDS_H

#include <linux/skbuff.h>

#include "record.h"

void netflow_packet_fields(const struct sk_buff *skb,
			   const struct net_device *in, u8 family, u32 selected,
			   unsigned int mpls_depth,
			   struct netflow_fields_data *fields);

#endif /* _NETFLOW_PKTFIELDS_H */
