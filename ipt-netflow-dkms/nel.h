/* SPDX-License-Identifier: GPL-2.0 */
/*
 * NAT event logging (docs/natevents.md): a conntrack NAT session created
 * or deleted, as a v9/IPFIX data record of its own template or as NetFlow
 * v5 pseudo-records. Pure, like tmpl.c: the caller supplies the message,
 * the buffers and the clock.
 */
#ifndef _NETFLOW_NEL_H
#define _NETFLOW_NEL_H

#include <linux/types.h>

#include "tmpl.h"
#include "wire.h"

enum netflow_nat_kind {
	NETFLOW_NAT_CREATE,
	NETFLOW_NAT_DELETE,
};

/*
 * natEvent values: RFC 8158 §4.1 (NAT44 session create/delete), or those
 * of the original module (natevents-historic) for older collectors.
 */
enum netflow_nat_event_value {
	NETFLOW_NAT_EVENT_CREATE = 4,
	NETFLOW_NAT_EVENT_DELETE = 5,
	NETFLOW_NAT_EVENT_HISTORIC_CREATE = 1,
	NETFLOW_NAT_EVENT_HISTORIC_DELETE = 2,
};

enum {
	/* after the options templates (258-260) and the sampler's (262, 263) */
	NETFLOW_NEL_TMPL_ID = 261,
	/* v5 TCP flags that mark a pseudo-record: SYN|ACK, FIN|RST */
	NETFLOW_NEL_V5_FLAGS_CREATE = 0x12,
	NETFLOW_NEL_V5_FLAGS_DELETE = 0x05,
	NETFLOW_NEL_V5_MAX = 2,		/* pseudo-records per event */
};

/*
 * One NAT event, IPv4. Pre-NAT is the conntrack's original direction,
 * post-NAT the reply direction reversed. Ports in network order: for
 * ICMP the source port is the echo id, the destination port type << 8 |
 * code, as in flow records.
 */
struct netflow_nat_event {
	u64 time_ms;			/* epoch milliseconds */
	__be32 pre_src;
	__be32 pre_dst;
	__be32 post_src;
	__be32 post_dst;
	__be16 pre_sport;
	__be16 pre_dport;
	__be16 post_sport;
	__be16 post_dport;
	u8 protocol;
	u8 kind;			/* enum netflow_nat_kind */
};

u8 netflow_nel_event_value(const struct netflow_nat_event *ev, bool historic);
unsigned int netflow_nel_tmpl_size(void);
unsigned int netflow_nel_tmpl_build(void *buf);
unsigned int netflow_nel_record_size(void);
void netflow_nel_write_record(void *buf, const struct netflow_nat_event *ev,
			      bool historic);
int netflow_nel_add_template(struct netflow_msg *msg);
int netflow_nel_add_record(struct netflow_msg *msg,
			   const struct netflow_nat_event *ev, bool historic);
unsigned int netflow_nel_v5_count(const struct netflow_nat_event *ev);
void netflow_nel_v5_write(struct netflow_v5_record *r,
			  const struct netflow_nat_event *ev,
			  unsigned int index, u64 boot_epoch_ms);

#endif /* _NETFLOW_NEL_H */
