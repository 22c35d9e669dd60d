/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Data templates of NetFlow v9 and IPFIX, the message builder that lays
 * template and data records out in sets, and the template refresh rule.
 * Pure: the caller supplies buffers, clocks and sequence numbers.
 */
#ifndef _NETFLOW_TMPL_H
#define _NETFLOW_TMPL_H

#include <linux/types.h>

#include "record.h"
#include "wire.h"

enum netflow_tmpl_proto {
	NETFLOW_TMPL_V9,
	NETFLOW_TMPL_IPFIX,
	NETFLOW_TMPL_PROTOS
};

/* The data templates: one per address family. */
enum netflow_tmpl {
	NETFLOW_TMPL_IPV4,
	NETFLOW_TMPL_IPV6,
	NETFLOW_TMPL_COUNT
};

/* Template ids on the wire; a data set's id is its template's id. */
enum netflow_tmpl_id {
	NETFLOW_TMPL_ID_IPV4 = NETFLOW_SET_DATA_MIN + NETFLOW_TMPL_IPV4,
	NETFLOW_TMPL_ID_IPV6 = NETFLOW_SET_DATA_MIN + NETFLOW_TMPL_IPV6,
};

static inline u16 netflow_tmpl_id(enum netflow_tmpl t)
{
	return NETFLOW_SET_DATA_MIN + t;
}

/*
 * Data templates with optional fields (fields.h: the fields= mask and
 * the NETFLOW_EXTRA_* bits). With none they are the base templates, ids
 * 256 and 257; with any, each layout gets ids of its own from
 * NETFLOW_TMPL_ID_DYNAMIC on (1024 + 2 * generation + template), so that
 * one id never stands for two layouts in a session.
 */
enum {
	NETFLOW_TMPL_MAX_IES = 48,
	NETFLOW_TMPL_ID_DYNAMIC = 1024,
	/* generations before the ids wrap: the last id stays below 65535 */
	NETFLOW_TMPL_GENERATIONS = (65535 - NETFLOW_TMPL_ID_DYNAMIC) / 2,
};

struct netflow_tmpl_layout {
	u16 id[NETFLOW_TMPL_COUNT];
	u8 count[NETFLOW_TMPL_COUNT];
	u8 ies[NETFLOW_TMPL_COUNT][NETFLOW_TMPL_MAX_IES];	/* enum netflow_ie */
};

void netflow_tmpl_layout_init(struct netflow_tmpl_layout *l,
			      enum netflow_tmpl_proto proto, u32 extras,
			      unsigned int generation);
unsigned int netflow_tmpl_layout_size(const struct netflow_tmpl_layout *l,
				      enum netflow_tmpl t);
unsigned int netflow_tmpl_layout_build(void *buf,
				       const struct netflow_tmpl_layout *l,
				       enum netflow_tmpl t);
unsigned int netflow_tmpl_layout_record_size(const struct netflow_tmpl_layout *l,
					     enum netflow_tmpl t);
void netflow_tmpl_layout_write_record(void *buf,
				      const struct netflow_tmpl_layout *l,
				      enum netflow_tmpl t,
				      const struct netflow_record *rec,
				      u64 boot_epoch_ms);

/* The id of the sets that carry template (or options template) records. */
static inline u16 netflow_tmpl_set_id(enum netflow_tmpl_proto proto,
				      bool options)
{
	if (proto == NETFLOW_TMPL_IPFIX)
		return options ? NETFLOW_IPFIX_SET_OPTIONS :
				 NETFLOW_IPFIX_SET_TEMPLATE;
	return options ? NETFLOW_V9_SET_OPTIONS : NETFLOW_V9_SET_TEMPLATE;
}

int netflow_tmpl_of(const struct netflow_record *rec);
unsigned int netflow_tmpl_size(enum netflow_tmpl_proto proto,
			       enum netflow_tmpl t);
unsigned int netflow_tmpl_build(void *buf, enum netflow_tmpl_proto proto,
				enum netflow_tmpl t);
unsigned int netflow_tmpl_record_size(enum netflow_tmpl_proto proto,
				      enum netflow_tmpl t);
void netflow_tmpl_write_record(void *buf, enum netflow_tmpl_proto proto,
			       enum netflow_tmpl t,
			       const struct netflow_record *rec,
			       u64 boot_epoch_ms);

/*
 * One v9 export packet or IPFIX message being built in a caller buffer.
 * Started by netflow_v9_begin() or netflow_ipfix_begin(), filled with
 * netflow_tmpl_add_template() and netflow_tmpl_add_record(), ended by
 * netflow_v9_finish() or netflow_ipfix_finish(). The caller reads
 * @data_records and @records; the rest is private to the builder.
 */
struct netflow_msg {
	u8 *buf;
	unsigned int cap;		/* usable octets, a multiple of 4 */
	unsigned int len;		/* octets used; the open set unpadded */
	unsigned int set;		/* offset of the open set, 0 if none */
	u16 set_id;			/* id of the open set */
	u16 records;			/* records of every kind */
	u16 data_records;		/* data records */
	u8 proto;			/* enum netflow_tmpl_proto */
	u64 boot_epoch_ms;		/* IPFIX: epoch ms at uptime 0 */
	/* data templates of this protocol; NULL (as begun): the base ones */
	const struct netflow_tmpl_layout *layout;
};

void netflow_tmpl_msg_init(struct netflow_msg *msg,
			   enum netflow_tmpl_proto proto, void *buf,
			   unsigned int cap, u64 boot_epoch_ms);
int netflow_tmpl_reserve(struct netflow_msg *msg, u16 set_id,
			 unsigned int len, bool data, void **rec);
int netflow_tmpl_reserve_ahead(struct netflow_msg *msg, u16 set_id,
			       unsigned int len, unsigned int then, bool data,
			       void **rec);
void netflow_tmpl_end_set(struct netflow_msg *msg);
int netflow_tmpl_add_template(struct netflow_msg *msg, enum netflow_tmpl t);
int netflow_tmpl_add_record(struct netflow_msg *msg,
			    const struct netflow_record *rec);
unsigned int netflow_tmpl_msg_close(struct netflow_msg *msg);

/*
 * When a template was last sent, for the refresh rule of RFC 3954 §9 and
 * RFC 7011 §8.4. One per template and per export session; all zeroes
 * means "never sent", so a fresh session starts by sending it.
 */
struct netflow_tmpl_refresh {
	u64 sent_ms;			/* caller's clock when last sent */
	u32 sent_packet;		/* number of the packet that carried it */
	bool sent;
};

enum netflow_tmpl_refresh_defaults {
	NETFLOW_TMPL_REFRESH_RATE = 20,	/* export packets */
	NETFLOW_TMPL_TIMEOUT_RATE = 30,	/* minutes */
};

bool netflow_tmpl_refresh_due(const struct netflow_tmpl_refresh *r,
			      u32 packet, u64 now_ms,
			      unsigned int refresh_rate,
			      unsigned int timeout_rate);
void netflow_tmpl_refresh_sent(struct netflow_tmpl_refresh *r, u32 packet,
			       u64 now_ms);

#endif /* _NETFLOW_TMPL_H */
