// SPDX-License-Identifier: GPL-2.0
/*
 * NetFlow v5 packing. Pure: the caller supplies the buffer, the clock
 * and the sequence number.
 */
#include <linux/kernel.h>
#include <linux/socket.h>
#include <asm/byteorder.h>

#include "v5.h"

/* v5 interface fields are 16 bits wide; larger indexes saturate. */
static __be16 v5_ifindex(u32 ifindex)
{
	return cpu_to_be16(min_t(u32, ifindex, U16_MAX));
}

/* v5 counters are 32 bits wide; the cache ends flows before they wrap. */
static __be32 v5_counter(u64 value)
{
	return cpu_to_be32(min_t(u64, value, U32_MAX));
}

void netflow_v5_write_header(void *buf, const struct netflow_v5_context *ctx,
			     unsigned int count)
{
	struct netflow_v5_header *h = buf;

	h->version = cpu_to_be16(NETFLOW_V5_VERSION);
	h->count = cpu_to_be16(count);
	h->sys_uptime_ms = cpu_to_be32(ctx->uptime_ms);
	h->unix_secs = cpu_to_be32(ctx->unix_secs);
	h->unix_nsecs = cpu_to_be32(ctx->unix_nsecs);
	h->flow_sequence = cpu_to_be32(ctx->flow_sequence);
	h->engine_type = ctx->engine_type;
	h->engine_id = ctx->engine_id;
	h->sampling = cpu_to_be16(ctx->sampling);
}

/**
 * netflow_v5_write_record() - pack one flow into a 48-byte v5 record
 * @buf: where the record goes; every byte of it is written
 * @rec: the flow
 *
 * Return: 0, or -EAFNOSUPPORT for a flow v5 cannot express (IPv6).
 */
int netflow_v5_write_record(void *buf, const struct netflow_record *rec)
{
	const struct netflow_key *key = &rec->key;
	struct netflow_v5_record *r = buf;

	if (key->family != AF_INET)
		return -EAFNOSUPPORT;

	memset(r, 0, sizeof(*r));
	r->src_addr = key->src.ip;
	r->dst_addr = key->dst.ip;
	r->nexthop = rec->nexthop.ip;
	r->input_if = v5_ifindex(key->in_ifindex);
	r->output_if = v5_ifindex(rec->out_ifindex);
	r->packets = v5_counter(rec->packets);
	r->octets = v5_counter(rec->bytes);
	r->first_ms = cpu_to_be32((u32)rec->first_ms);
	r->last_ms = cpu_to_be32((u32)rec->last_ms);
	r->src_port = key->src_port;
	r->dst_port = key->dst_port;
	r->tcp_flags = rec->tcp_flags;
	r->protocol = key->protocol;
	r->tos = key->tos;
	r->src_mask = rec->fields.src_mask;
	r->dst_mask = rec->fields.dst_mask;
	return 0;
}
