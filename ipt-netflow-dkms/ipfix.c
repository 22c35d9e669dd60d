// SPDX-License-Identifier: GPL-2.0
/*
 * IPFIX messages (RFC 7011). The sets are laid out by tmpl.c; this file
 * starts a message and writes its header. Pure: the caller supplies the
 * buffer, the clocks and the sequence number.
 */
#include <asm/byteorder.h>

#include "ipfix.h"

/**
 * netflow_ipfix_begin() - start a message
 * @msg: the builder state
 * @buf: where the message goes
 * @cap: its largest size in octets: what the path MTU leaves for UDP, or
 *	512 if that is unknown (RFC 7011 §10.3.3); at most 65535
 * @boot_epoch_ms: milliseconds since the epoch at uptime 0: the records'
 *	uptime stamps plus this are flowStart/EndMilliseconds
 *
 * Then add templates and records with netflow_tmpl_add_template() and
 * netflow_tmpl_add_record(), and end with netflow_ipfix_finish().
 */
void netflow_ipfix_begin(struct netflow_msg *msg, void *buf, unsigned int cap,
			 u64 boot_epoch_ms)
{
	netflow_tmpl_msg_init(msg, NETFLOW_TMPL_IPFIX, buf, cap, boot_epoch_ms);
}

/**
 * netflow_ipfix_finish() - pad the last set and write the header
 * @msg: the message
 * @ctx: header fields; @ctx->sequence is the number of data records sent
 *	in this session before this message (RFC 7011 §3.1), so the caller
 *	adds @msg->data_records after each message (templates do not count)
 *
 * The builder may be started again afterwards.
 *
 * Return: the message's length, every octet of it written; 0 if it holds
 * no record, in which case nothing is written and nothing is to be sent.
 */
unsigned int netflow_ipfix_finish(struct netflow_msg *msg,
				  const struct netflow_ipfix_context *ctx)
{
	struct netflow_ipfix_header *h = (struct netflow_ipfix_header *)msg->buf;
	unsigned int len = netflow_tmpl_msg_close(msg);

	if (!msg->records)
		return 0;
	h->version = cpu_to_be16(NETFLOW_IPFIX_VERSION);
	h->length = cpu_to_be16(len);
	h->export_time = cpu_to_be32(ctx->export_time);
	h->sequence = cpu_to_be32(ctx->sequence);
	h->domain_id = cpu_to_be32(ctx->domain_id);
	return len;
}
