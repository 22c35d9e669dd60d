/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _NETFLOW_IPFIX_H
#define _NETFLOW_IPFIX_H

#include "tmpl.h"

/* What an IPFIX message header says besides its length. */
struct netflow_ipfix_context {
	u32 export_time;		/* seconds since the epoch */
	u32 sequence;			/* data records sent before this message */
	u32 domain_id;			/* observation domain */
};

void netflow_ipfix_begin(struct netflow_msg *msg, void *buf, unsigned int cap,
			 u64 boot_epoch_ms);
unsigned int netflow_ipfix_finish(struct netflow_msg *msg,
				  const struct netflow_ipfix_context *ctx);

#endif /* _NETFLOW_IPFIX_H */
