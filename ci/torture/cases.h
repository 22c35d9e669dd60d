/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Malformed and unusual IPv4/IPv6 packets for the NETFLOW torture test,
 * shared by the kernel module (nf_torture.c, direct calls of the target)
 * and the AF_PACKET sender (tt_send.c, real wire). Plain C, no library.
 *
 * tt_gen() writes packet number N (from the network header on) and says
 * what any correct meter must make of it:
 *   TT_METER: every header the meter needs is there and consistent; it
 *             must be metered, as l3len bytes (the IP length fields);
 *   TT_TRUNC: a header the meter needs is missing or not IP at all (too
 *             short, wrong version, IHL < 5, no ports where the protocol
 *             has them, an extension header chain that cannot be walked);
 *             it must not be metered, and counts as truncated, as its
 *             whole length;
 *   TT_EITHER: arguable (a TCP header long enough for the ports but not
 *             the flags, lengths that disagree with the buffer): metered
 *             or counted truncated, never lost.
 * frag is set for non-first fragments (metered without ports).
 */
#ifndef TT_CASES_H
#define TT_CASES_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/string.h>
typedef u8 tt_u8;
typedef u16 tt_u16;
typedef u32 tt_u32;
#else
#include <stdint.h>
#include <string.h>
typedef uint8_t tt_u8;
typedef uint16_t tt_u16;
typedef uint32_t tt_u32;
#endif

enum { TT_METER, TT_TRUNC, TT_EITHER, TT_NCLASS };

#define TT_CAP 1500		/* largest packet made */

struct tt_meta {
	tt_u8 family;		/* 4 or 6 */
	tt_u8 cls;
	tt_u8 frag;
	tt_u8 kase;		/* which generator case, for the statistics */
	tt_u32 l3len;		/* TT_METER: bytes the IP header claims */
};

static inline tt_u32 tt_rand(tt_u32 *s)
{
	tt_u32 x = *s;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*s = x;
	return x;
}

static inline void tt_put16(tt_u8 *p, tt_u32 v)
{
	p[0] = (v >> 8) & 0xff;
	p[1] = v & 0xff;
}

static inline void tt_put32(tt_u8 *p, tt_u32 v)
{
	p[0] = (v >> 24) & 0xff;
	p[1] = (v >> 16) & 0xff;
	p[2] = (v >> 8) & 0xff;
	p[3] = v & 0xff;
}

static inline void tt_fill(tt_u8 *p, unsigned int n, tt_u32 *s)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		p[i] = tt_rand(s) >> 11;
}

static inline tt_u16 tt_csum(const tt_u8 *p, unsigned int n)
{
	tt_u32 sum = 0;
	unsigned int i;

	for (i = 0; i + 1 < n; i += 2)
		sum += p[i] << 8 | p[i + 1];
	if (n & 1)
		sum += p[n - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return ~sum & 0xffff;
}

/* the protocols whose first bytes a meter reads, and how many it needs */
static inline unsigned int tt_need(tt_u8 proto)
{
	switch (proto) {
	case 6:			/* TCP: ports; the flags need 14 */
	case 17:		/* UDP */
	case 132:		/* SCTP */
	case 136:		/* UDP-Lite */
		return 4;
	case 1:			/* ICMP: type, code */
	case 58:		/* ICMPv6 */
		return 2;
	default:
		return 0;
	}
}

/* full header length of a transport protocol (0: none we know) */
static inline unsigned int tt_full(tt_u8 proto)
{
	switch (proto) {
	case 6:
		return 20;
	case 17:
	case 136:
	case 1:
	case 58:
		return 8;
	case 132:
		return 12;
	default:
		return 0;
	}
}

static const tt_u8 tt_odd_protos[] = {
	0, 2, 4, 41, 46, 47, 50, 51, 59, 89, 103, 112, 115, 132, 136, 137,
	143, 200, 253, 254, 255,
};

static inline tt_u8 tt_pick_proto(tt_u32 *s)
{
	static const tt_u8 common[] = { 6, 17, 1, 47, 50, 51 };
	tt_u32 r = tt_rand(s);

	if (r & 1)
		return common[(r >> 1) % sizeof(common)];
	return tt_odd_protos[(r >> 1) % sizeof(tt_odd_protos)];
}

/*
 * A transport header of @proto (@v6: ICMPv6 instead of ICMP semantics)
 * plus up to @maxpay payload bytes at @p; returns its length. ICMP errors
 * quote a packet of the other kind.
 */
static inline unsigned int tt_l4(tt_u8 *p, tt_u8 proto, int v6,
				 unsigned int maxpay, tt_u32 *s)
{
	unsigned int n = tt_full(proto), pay = maxpay ? tt_rand(s) % (maxpay + 1) : 0;
	tt_u32 r = tt_rand(s);

	switch (proto) {
	case 6:
		tt_put16(p, 1024 + (r & 15));
		tt_put16(p + 2, 80 + ((r >> 4) & 3));
		tt_put32(p + 4, tt_rand(s));
		tt_put32(p + 8, tt_rand(s));
		p[12] = 5 << 4;
		p[13] = r >> 8;		/* any flags, also invalid combinations */
		tt_put16(p + 14, 65535);
		tt_put32(p + 16, 0);
		break;
	case 17:
	case 136:
	case 132:
		tt_put16(p, 2000 + (r & 15));
		tt_put16(p + 2, (r >> 4) & 1 ? 53 : 0);	/* port 0 too */
		tt_fill(p + 4, n - 4, s);
		if (proto == 17)
			tt_put16(p + 4, n + pay);
		break;
	case 1:
	case 58:
		if ((r >> 6) & 1) {
			/* an error quoting another packet: header + 8 bytes */
			static const tt_u8 t4[] = { 3, 4, 5, 11, 12 };
			static const tt_u8 t6[] = { 1, 2, 3, 4 };

			p[0] = v6 ? t6[(r >> 8) % 4] : t4[(r >> 8) % 5];
			p[1] = r >> 16 & 15;
			tt_put16(p + 2, 0);
			tt_put32(p + 4, 0);
			if (!v6) {
				tt_u8 *q = p + 8;

				q[0] = 0x45;
				q[1] = 0;
				tt_put16(q + 2, 28 + (r >> 20 & 255));
				tt_put32(q + 4, 0);
				q[8] = 1;
				q[9] = (r >> 24) & 1 ? 6 : 17;
				tt_put16(q + 10, 0);
				tt_put32(q + 12, 0xc6120001);
				tt_put32(q + 16, 0x0a630001 + (r >> 25 & 7));
				tt_put16(q + 20, 53);
				tt_put16(q + 22, 1024 + (r & 15));
				tt_put32(q + 24, 0);
				tt_put16(q + 10, tt_csum(q, 20));
				n = 36;
			} else {
				tt_u8 *q = p + 8;

				memset(q, 0, 48);
				q[0] = 0x60;
				tt_put16(q + 4, 8);
				q[6] = 17;
				q[7] = 1;
				q[8] = 0x20;
				q[9] = 0x01;
				q[10] = 0x0d;
				q[11] = 0xb8;
				q[39] = 1;
				q[24] = 0xfd;
				q[39] = r >> 26 & 7;
				tt_put16(q + 40, 53);
				tt_put16(q + 42, 1024 + (r & 15));
				tt_put16(q + 44, 8);
				n = 56;
			}
		} else {
			p[0] = v6 ? 128 + (r >> 8 & 1) : (r >> 8 & 1 ? 8 : 0);
			p[1] = 0;
			tt_put16(p + 2, 0);
			tt_put32(p + 4, r);
		}
		break;
	case 47:		/* GRE: flags/version, protocol type */
		tt_put16(p, 0);
		tt_put16(p + 2, 0x0800);
		n = 4;
		break;
	case 50:		/* ESP: SPI, sequence number */
		tt_put32(p, 0x100 + (r & 7));
		tt_put32(p + 4, tt_rand(s));
		n = 8;
		break;
	default:		/* anything: random bytes enough for ports */
		n = 20;
		tt_fill(p, n, s);
		break;
	}
	tt_fill(p + n, pay, s);
	return n + pay;
}

/* IPv4 header of @ihl words at @p; tot_len and checksum set by caller */
static inline void tt_ip4(tt_u8 *p, unsigned int ihl, tt_u8 proto,
			  tt_u32 frag, tt_u32 *s)
{
	tt_u32 r = tt_rand(s);
	unsigned int i;

	p[0] = 0x40 | (ihl & 15);
	p[1] = r & 0x0c;	/* a few DSCP values; ECN 0 */
	tt_put16(p + 2, 0);
	tt_put16(p + 4, r >> 8);
	tt_put16(p + 6, frag);
	p[8] = 64;
	p[9] = proto;
	tt_put16(p + 10, 0);
	tt_put32(p + 12, 0x0a630001 + (r >> 24 & 63));	/* 10.99.0.x */
	tt_put32(p + 16, 0xc6120001 + (r >> 30));	/* 198.18.0.x */
	/* options: NOPs, then an end-of-options byte */
	for (i = 20; i < ihl * 4; i++)
		p[i] = i + 1 == ihl * 4 ? 0 : 1;
}

static inline void tt_ip4_finish(tt_u8 *p, unsigned int tot_len)
{
	tt_put16(p + 2, tot_len);
	tt_put16(p + 10, 0);
	tt_put16(p + 10, tt_csum(p, (p[0] & 15) * 4));
}

static inline unsigned int tt_gen4(tt_u8 *b, tt_u32 *s, struct tt_meta *m,
				   unsigned int kase)
{
	tt_u32 r = tt_rand(s);
	unsigned int ihl = 5, len, l4;
	tt_u8 proto;

	m->cls = TT_METER;
	switch (kase) {
	case 0:			/* TCP, any options, any flags */
		ihl = 5 + r % 11;
		tt_ip4(b, ihl, 6, 0x4000, s);
		len = ihl * 4 + tt_l4(b + ihl * 4, 6, 0, 40, s);
		break;
	case 1:			/* UDP, often empty */
		tt_ip4(b, 5, 17, 0, s);
		len = 20 + tt_l4(b + 20, 17, 0, r & 1 ? 0 : 30, s);
		break;
	case 2:			/* ICMP echo or error */
		tt_ip4(b, 5, 1, 0, s);
		len = 20 + tt_l4(b + 20, 1, 0, 20, s);
		break;
	case 3:			/* GRE, ESP, AH, odd protocols */
		proto = tt_pick_proto(s);
		ihl = 5 + (r & 1) * (r >> 1) % 11;
		tt_ip4(b, ihl, proto, 0, s);
		len = ihl * 4 + tt_l4(b + ihl * 4, proto, 0, 60, s);
		break;
	case 4:			/* first fragment, more to come */
		proto = tt_pick_proto(s);
		tt_ip4(b, 5, proto, 0x2000, s);
		len = 20 + tt_l4(b + 20, proto, 0, 64, s);
		break;
	case 5:			/* non-first fragment, maybe empty */
		proto = tt_pick_proto(s);
		ihl = 5 + (r & 1) * 3;
		tt_ip4(b, ihl, proto, (r >> 1 & 0x2000) | (1 + (r >> 3) % 8191), s);
		l4 = (r >> 20) % 41;
		tt_fill(b + ihl * 4, l4, s);
		len = ihl * 4 + l4;
		m->frag = 1;
		break;
	case 6:			/* shorter than an IPv4 header */
		len = r % 20;
		tt_fill(b, len, s);
		if (len)
			b[0] = 0x45;
		m->cls = TT_TRUNC;
		return len;
	case 7:			/* not version 4 */
		tt_ip4(b, 5, 17, 0, s);
		len = 20 + tt_l4(b + 20, 17, 0, 10, s);
		tt_ip4_finish(b, len);
		b[0] = (r % 15 + 5) << 4 | 5;		/* 5..15, never 4 */
		if (b[0] >> 4 == 4)
			b[0] = 0x05;
		m->cls = TT_TRUNC;
		return len;
	case 8:			/* IHL below 5 */
		tt_ip4(b, 5, tt_pick_proto(s), 0, s);
		len = 20 + tt_l4(b + 20, 6, 0, 10, s);
		tt_ip4_finish(b, len);
		b[0] = 0x40 | r % 5;
		m->cls = TT_TRUNC;
		return len;
	case 9:			/* ports or ICMP type missing */
		proto = (r & 3) == 0 ? 1 : (r & 3) == 1 ? 6 : (r & 3) == 2 ? 17 : 132;
		tt_ip4(b, 5, proto, r >> 2 & 1 ? 0x2000 : 0, s);
		l4 = (r >> 3) % tt_need(proto);
		tt_fill(b + 20, l4, s);
		len = 20 + l4;
		m->cls = TT_TRUNC;
		break;
	case 10:		/* IHL past the end, ports needed */
		proto = (r & 1) ? 6 : 17;
		ihl = 6 + (r >> 1) % 10;
		tt_ip4(b, ihl, proto, 0, s);
		len = 20 + (r >> 8) % (ihl * 4 - 20);
		tt_ip4_finish(b, len);
		m->cls = TT_TRUNC;
		return len;
	case 11:		/* ports there, rest of the header not */
		proto = (r & 1) ? 6 : 1;
		tt_ip4(b, 5, proto, 0, s);
		l4 = tt_need(proto) + (r >> 1) % (tt_full(proto) - tt_need(proto));
		tt_fill(b + 20, l4, s);
		len = 20 + l4;
		m->cls = TT_EITHER;
		break;
	case 12:		/* total length disagrees with the buffer */
		tt_ip4(b, 5, 17, 0, s);
		len = 20 + tt_l4(b + 20, 17, 0, 30, s);
		tt_ip4_finish(b, (r & 1) ? r >> 1 & 0xffff : (r >> 1) % 20);
		m->cls = TT_EITHER;
		return len;
	default:		/* 13: IHL past the end, no ports needed */
		ihl = 6 + r % 10;
		tt_ip4(b, ihl, 47, 0, s);
		len = 20 + (r >> 8) % (ihl * 4 - 20);
		tt_ip4_finish(b, len);
		m->cls = TT_EITHER;
		return len;
	}
	tt_ip4_finish(b, len);
	m->l3len = len;
	return len;
}

#define TT_CASES4 14

static inline void tt_ip6(tt_u8 *p, tt_u8 nexthdr, tt_u32 *s)
{
	tt_u32 r = tt_rand(s);

	memset(p, 0, 40);
	p[0] = 0x60 | (r >> 4 & 3);		/* traffic class */
	p[1] = r & 0xf0;
	p[6] = nexthdr;
	p[7] = 64;
	p[8] = 0xfd;
	p[9] = 0x99;
	p[15] = r >> 24 & 63;			/* fd99::x */
	p[24] = 0x20;
	p[25] = 0x01;
	p[26] = 0x0d;
	p[27] = 0xb8;
	p[39] = 1 + (r >> 30);			/* 2001:db8::x */
}

/*
 * A chain of @n extension headers at @p, the last pointing at @last;
 * @frag: 0 no fragment header, 1 a first fragment, 2 a later one (the
 * chain ends there). Returns the bytes written; *first is the first
 * header's type (0 = hop-by-hop is only ever first).
 */
static inline unsigned int tt_ext6(tt_u8 *p, unsigned int n, tt_u8 last,
				   int frag, tt_u8 *first, tt_u32 *s)
{
	static const tt_u8 types[] = { 43, 60, 51, 44 };
	unsigned int off = 0, i, fragat = frag ? tt_rand(s) % n : n;
	tt_u8 *prev = first;

	for (i = 0; i < n; i++) {
		tt_u32 r = tt_rand(s);
		tt_u8 t = i == fragat ? 44 : i == 0 && (r & 1) ? 0 : types[(r >> 1) % 3];
		unsigned int hl;
		tt_u8 *h = p + off;

		*prev = t;
		prev = h;
		if (t == 44) {
			h[1] = 0;
			tt_put16(h + 2, frag == 2 ? (1 + (r >> 8) % 8191) << 3 | (r >> 4 & 1) :
				 (r >> 4 & 1));
			tt_put32(h + 4, r);
			off += 8;
			if (frag == 2)
				break;
			continue;
		}
		if (t == 51) {			/* AH: 12 + ICV, 4-byte units */
			hl = 12 + 4 * ((r >> 8) % 4) * 2;
			h[1] = hl / 4 - 2;
			tt_put16(h + 2, 0);
			tt_put32(h + 4, 0x200 + (r & 7));
			tt_put32(h + 8, r);
			memset(h + 12, 0, hl - 12);
		} else {			/* hop-by-hop, routing, dest opts */
			hl = 8 * (1 + (r >> 8) % 4);
			h[1] = hl / 8 - 1;
			if (t == 43) {		/* routing type any, segments left 0 */
				h[2] = r >> 16 & 3;
				h[3] = 0;
				memset(h + 4, 0, hl - 4);
			} else {		/* one PadN option over the rest */
				h[2] = 1;
				h[3] = hl - 4;
				memset(h + 4, 0, hl - 4);
			}
		}
		off += hl;
	}
	*prev = last;
	return off;
}

static inline unsigned int tt_gen6(tt_u8 *b, tt_u32 *s, struct tt_meta *m,
				   unsigned int kase)
{
	tt_u32 r = tt_rand(s);
	unsigned int len, ext, l4;
	tt_u8 proto = 0, nh;

	m->cls = TT_METER;
	switch (kase) {
	case 0:			/* TCP, UDP, ICMPv6, no extension headers */
		proto = r % 3 == 0 ? 6 : r % 3 == 1 ? 17 : 58;
		tt_ip6(b, proto, s);
		len = 40 + tt_l4(b + 40, proto, 1, 40, s);
		break;
	case 1:			/* long extension header chains */
	case 2:
		proto = tt_pick_proto(s);
		if (proto == 1)
			proto = 58;
		if (proto == 51 || proto == 0 || proto == 41)
			proto = 59;	/* nothing follows */
		tt_ip6(b, 0, s);
		ext = tt_ext6(b + 40, 1 + r % 12, proto, r >> 8 & 1, &nh, s);
		b[6] = nh;
		len = 40 + ext + (proto == 59 ? 0 : tt_l4(b + 40 + ext, proto, 1, 30, s));
		break;
	case 3:			/* non-first fragment after a chain */
		proto = tt_pick_proto(s);
		tt_ip6(b, 0, s);
		ext = tt_ext6(b + 40, 1 + r % 6, proto, 2, &nh, s);
		b[6] = nh;
		l4 = (r >> 12) % 41;
		tt_fill(b + 40 + ext, l4, s);
		len = 40 + ext + l4;
		m->frag = 1;
		break;
	case 4:			/* ICMPv6 errors quoting another packet */
		tt_ip6(b, 58, s);
		len = 40 + tt_l4(b + 40, 58, 1, 0, s);
		break;
	case 5:			/* zero-length payload, ESP, GRE */
		proto = r % 3 == 0 ? 59 : r % 3 == 1 ? 50 : 47;
		tt_ip6(b, proto, s);
		len = 40 + (proto == 59 ? 0 : tt_l4(b + 40, proto, 1, 20, s));
		break;
	case 6:			/* shorter than an IPv6 header */
		len = r % 40;
		tt_fill(b, len, s);
		if (len)
			b[0] = 0x60;
		m->cls = TT_TRUNC;
		return len;
	case 7:			/* not version 6 */
		tt_ip6(b, 17, s);
		len = 40 + tt_l4(b + 40, 17, 1, 10, s);
		tt_put16(b + 4, len - 40);
		b[0] = (b[0] & 15) | ((r >> 8) % 15 + 7) << 4;	/* 7..21 mod 16 */
		if (b[0] >> 4 == 6)
			b[0] = (b[0] & 15) | 0x40;
		m->cls = TT_TRUNC;
		return len;
	case 8:			/* chain cut inside an extension header */
		proto = r & 1 ? 6 : 17;
		tt_ip6(b, 0, s);
		ext = tt_ext6(b + 40, 2 + r % 8, proto, 0, &nh, s);
		b[6] = nh;
		/* cut after the 2nd byte of the chain, before the end of it */
		len = 40 + 1 + (r >> 8) % (ext - 1);
		tt_put16(b + 4, len - 40);
		m->cls = TT_TRUNC;
		return len;
	case 9:			/* ports or ICMPv6 type missing */
		proto = (r & 3) == 0 ? 58 : (r & 3) == 1 ? 6 : (r & 3) == 2 ? 17 : 132;
		tt_ip6(b, 0, s);
		ext = r >> 2 & 1 ? tt_ext6(b + 40, 1 + r % 4, proto, 0, &nh, s) : 0;
		b[6] = ext ? nh : proto;
		l4 = (r >> 3) % tt_need(proto);
		tt_fill(b + 40 + ext, l4, s);
		len = 40 + ext + l4;
		m->cls = TT_TRUNC;
		break;
	case 10:		/* ports there, rest of the header not */
		proto = (r & 1) ? 6 : 58;
		tt_ip6(b, proto, s);
		l4 = tt_need(proto) + (r >> 1) % (tt_full(proto) - tt_need(proto));
		tt_fill(b + 40, l4, s);
		len = 40 + l4;
		m->cls = TT_EITHER;
		break;
	case 11:		/* payload length disagrees with the buffer */
		tt_ip6(b, 17, s);
		len = 40 + tt_l4(b + 40, 17, 1, 30, s);
		tt_put16(b + 4, r >> 8 & 0xffff);
		m->cls = TT_EITHER;
		return len;
	default:		/* 12: chain cut, no ports needed after it */
		tt_ip6(b, 0, s);
		ext = tt_ext6(b + 40, 2 + r % 8, 47, 0, &nh, s);
		b[6] = nh;
		len = 40 + 1 + (r >> 8) % (ext - 1);
		tt_put16(b + 4, len - 40);
		m->cls = TT_EITHER;
		return len;
	}
	tt_put16(b + 4, len - 40);
	m->l3len = len;
	/*
	 * "No next header" (59) ends a valid packet, but the kernel's
	 * ipv6_skip_exthdr() fails on it: a meter built on that calls it
	 * truncated. Arguable, so not held against it.
	 */
	if (kase != 3 && proto == 59)
		m->cls = TT_EITHER;
	return len;
}

#define TT_CASES6 13

/*
 * Packet @n of a run: even numbers IPv4, odd IPv6 (or only one family if
 * @fam is 4 or 6); the case cycles so that every case comes up evenly.
 * @classes: bit mask of the classes wanted (1 << TT_METER, ...); cases of
 * other classes are skipped. Returns the length, 0 with m->family 0 if
 * this @n is skipped.
 */
static inline unsigned int tt_gen(tt_u8 *b, tt_u32 n, tt_u32 seed, int fam,
				  unsigned int classes, struct tt_meta *m)
{
	tt_u32 s = seed ^ (n * 2654435761u) ^ 0x9e3779b9;
	unsigned int len, kase;
	int v6 = fam == 6 || (fam != 4 && (n & 1));

	if (!s)
		s = 1;
	tt_rand(&s);
	memset(m, 0, sizeof(*m));
	kase = (fam == 4 || fam == 6 ? n : n >> 1) % (v6 ? TT_CASES6 : TT_CASES4);
	m->kase = kase;
	if (v6)
		len = tt_gen6(b, &s, m, kase);
	else
		len = tt_gen4(b, &s, m, kase);
	if (!(classes & 1u << m->cls))
		return 0;
	m->family = v6 ? 6 : 4;
	return len;
}

#endif /* TT_CASES_H */
