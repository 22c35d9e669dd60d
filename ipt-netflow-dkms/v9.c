// SPDX-License-Identifier: GPL-2.0
/*
 * NetFlow v9 export packets (RFC 3954). The sets are laid out by tmpl.c;
 * this file starts a packet and writes its header. Pure: the caller
 * supplies the buffer, the clock and the sequence number.
 */
#include <asm/byteorder.h>

#include "v9.h"

/**
 * netflow_v9_begin() - start an export packet
 * @msg: the builder state
 * @buf: where the packet goes
 * @cap: its largest size in octets, e.g. what the path MTU leaves for UDP
 *
 * Then add templates and records with netflow_tmpl_add_template() and
 * netflow_tmpl_add_record(), and end with netflow_v9_finish().
 */
void netflow_v9_begin(struct netflow_msg *msg, void *buf, unsigned int cap)
{
	netflow_tmpl_msg_init(msg, NETFLOW_TMPL_V9, buf, cap, 0);
}

/**
 * netflow_v9_finish() - pad the last FlowSet and write the header
 * @msg: the packet
 * @ctx: header fields; @ctx->sequence counts export packets (RFC 3954
 *	§5.1), so the caller adds one per packet it finishes
 *
 * The header's count is every record in the packet, template records
 * included (RFC 3954 §5.1). The builder may be started again afterwards.
 *
 * Return: the packet's length, every octet of it written; 0 if it holds
 * no record, in which case nothing is written and nothing is to be sent.
 */
unsigned int netflow_v9_finish(struct netflow_msg *msg,
			       const struct netflow_v9_context *ctx)
{
	struct netflow_v9_header *h = (struct netflow_v9_header *)msg->buf;
	unsigned int len = netflow_tmpl_msg_close(msg);

	if (!msg->records)
		return 0;
	h->version = cpu_to_be16(NETFLOW_V9_VERSION);
	h->count = cpu_to_be16(msg->records);
	h->sys_uptime_ms = cpu_to_be32(ctx->uptime_ms);
	h->unix_secs = cpu_to_be32(ctx->unix_secs);
	h->sequence = cpu_to_be32(ctx->sequence);
	h->source_id = cpu_to_be32(ctx->source_id);
	return len;
}
