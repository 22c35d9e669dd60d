// SPDX-License-Identifier: GPL-2.0
/*
 * NAT event records. v9 and IPFIX share one template, id 261, of fixed
 * length fields (RFC 8158 §4.1 NAT44 session create/delete, with the
 * addresses and ports of both sides); its data records go in data sets
 * like flows and count as data records. NetFlow v5 has no such fields:
 * the original module's pseudo-records stand in, one for each translated
 * side. Pure: no allocation, locking, clock or logging.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <asm/byteorder.h>

#include "ie.h"
#include "nel.h"

static const struct netflow_ie_info nel_ie_info[NETFLOW_NIE_COUNT] = {
	NETFLOW_NEL_IE_INFO
};

/* The template's fields, in order; the table above is in the same order. */
#define NEL_FIELDS NETFLOW_NIE_COUNT

u8 netflow_nel_event_value(const struct netflow_nat_event *ev, bool historic)
{
	if (ev->kind == NETFLOW_NAT_CREATE)
		return historic ? NETFLOW_NAT_EVENT_HISTORIC_CREATE :
				  NETFLOW_NAT_EVENT_CREATE;
	return historic ? NETFLOW_NAT_EVENT_HISTORIC_DELETE :
			  NETFLOW_NAT_EVENT_DELETE;
}

/* Octets of the template record: the same in v9 and IPFIX. */
unsigned int netflow_nel_tmpl_size(void)
{
	return sizeof(struct netflow_tmpl_header) +
	       NEL_FIELDS * sizeof(struct netflow_field_spec);
}

/**
 * netflow_nel_tmpl_build() - write the NAT event template record
 * @buf: netflow_nel_tmpl_size() octets, all of which are written
 *
 * Return: the octets written.
 */
unsigned int netflow_nel_tmpl_build(void *buf)
{
	struct netflow_tmpl_header *h = buf;
	struct netflow_field_spec *f = buf + sizeof(*h);
	unsigned int i;

	h->id = cpu_to_be16(NETFLOW_NEL_TMPL_ID);
	h->field_count = cpu_to_be16(NEL_FIELDS);
	for (i = 0; i < NEL_FIELDS; i++) {
		f[i].id = cpu_to_be16(nel_ie_info[i].id);
		f[i].length = cpu_to_be16(nel_ie_info[i].len);
	}
	return netflow_nel_tmpl_size();
}

unsigned int netflow_nel_record_size(void)
{
	unsigned int i, len = 0;

	for (i = 0; i < NEL_FIELDS; i++)
		len += nel_ie_info[i].len;
	return len;
}

/**
 * netflow_nel_write_record() - write one NAT event data record
 * @buf: netflow_nel_record_size() octets, all of which are written
 * @ev: the event
 * @historic: natEvent 1/2 instead of RFC 8158's 4/5
 */
void netflow_nel_write_record(void *buf, const struct netflow_nat_event *ev,
			      bool historic)
{
	__be64 time_ms = cpu_to_be64(ev->time_ms);
	u8 *p = buf;

	memcpy(p, &time_ms, 8);
	memcpy(p + 8, &ev->pre_src, 4);
	memcpy(p + 12, &ev->pre_dst, 4);
	memcpy(p + 16, &ev->post_src, 4);
	memcpy(p + 20, &ev->post_dst, 4);
	memcpy(p + 24, &ev->pre_sport, 2);
	memcpy(p + 26, &ev->pre_dport, 2);
	memcpy(p + 28, &ev->post_sport, 2);
	memcpy(p + 30, &ev->post_dport, 2);
	p[32] = ev->protocol;
	p[33] = netflow_nel_event_value(ev, historic);
}

/**
 * netflow_nel_add_template() - add the NAT event template record
 * @msg: the message
 *
 * It goes in a template set, and only if a data record still fits after
 * it in a set of its own: when this succeeds, adding a NAT event record
 * next cannot fail.
 *
 * Return: 0, -ENOSPC or -EMSGSIZE as for netflow_tmpl_reserve().
 */
int netflow_nel_add_template(struct netflow_msg *msg)
{
	unsigned int then = sizeof(struct netflow_set_header) +
			    netflow_nel_record_size();
	void *p;
	int err;

	err = netflow_tmpl_reserve_ahead(msg, netflow_tmpl_set_id(msg->proto, false),
					 netflow_nel_tmpl_size(),
					 round_up(then, NETFLOW_SET_ALIGN), false, &p);
	if (!err)
		netflow_nel_tmpl_build(p);
	return err;
}

/**
 * netflow_nel_add_record() - add a NAT event data record
 * @msg: the message
 * @ev: the event
 * @historic: natEvent 1/2 instead of 4/5
 *
 * The caller makes sure the template went out first, in this message or
 * earlier in the session.
 *
 * Return: 0, -ENOSPC or -EMSGSIZE as for netflow_tmpl_reserve().
 */
int netflow_nel_add_record(struct netflow_msg *msg,
			   const struct netflow_nat_event *ev, bool historic)
{
	void *p;
	int err;

	err = netflow_tmpl_reserve(msg, NETFLOW_NEL_TMPL_ID,
				   netflow_nel_record_size(), true, &p);
	if (!err)
		netflow_nel_write_record(p, ev, historic);
	return err;
}

static bool src_translated(const struct netflow_nat_event *ev)
{
	return ev->pre_src != ev->post_src || ev->pre_sport != ev->post_sport;
}

static bool dst_translated(const struct netflow_nat_event *ev)
{
	return ev->pre_dst != ev->post_dst || ev->pre_dport != ev->post_dport;
}

/* How many v5 pseudo-records @ev takes: one per translated side. */
unsigned int netflow_nel_v5_count(const struct netflow_nat_event *ev)
{
	return src_translated(ev) + dst_translated(ev);
}

/**
 * netflow_nel_v5_write() - write one v5 pseudo-record of a NAT event
 * @r: the record; all 48 octets are written
 * @ev: the event
 * @index: below netflow_nel_v5_count(): the source side's record comes
 *	first when the source was translated
 * @boot_epoch_ms: epoch milliseconds at uptime zero
 *
 * As the original module: source the pre-NAT source, destination the
 * post-NAT destination, no packets or octets, first = last = the event's
 * uptime, TCP flags SYN|ACK for a create and FIN|RST for a delete. The
 * source side's record carries the post-NAT source address as next hop
 * and its port (network order) as source AS; the destination side's the
 * pre-NAT destination address and its port as destination AS.
 */
void netflow_nel_v5_write(struct netflow_v5_record *r,
			  const struct netflow_nat_event *ev,
			  unsigned int index, u64 boot_epoch_ms)
{
	u32 uptime = (u32)(ev->time_ms - boot_epoch_ms);

	memset(r, 0, sizeof(*r));
	r->src_addr = ev->pre_src;
	r->dst_addr = ev->post_dst;
	r->src_port = ev->pre_sport;
	r->dst_port = ev->post_dport;
	r->first_ms = cpu_to_be32(uptime);
	r->last_ms = cpu_to_be32(uptime);
	r->protocol = ev->protocol;
	r->tcp_flags = ev->kind == NETFLOW_NAT_CREATE ?
		       NETFLOW_NEL_V5_FLAGS_CREATE : NETFLOW_NEL_V5_FLAGS_DELETE;
	if (index == 0 && src_translated(ev)) {
		r->nexthop = ev->post_src;
		r->src_as = ev->post_sport;
	} else {
		r->nexthop = ev->pre_dst;
		r->dst_as = ev->pre_dport;
	}
}
