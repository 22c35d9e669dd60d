/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _NETFLOW_PKTFIELDS_H
#define _NETFLOW_PKTFIELDS_H

#include <linux/skbuff.h>

#include "record.h"

void netflow_packet_fields(const struct sk_buff *skb, u8 family, u32 selected,
			   struct netflow_fields_data *fields);

#endif /* _NETFLOW_PKTFIELDS_H */
