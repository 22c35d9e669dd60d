// SPDX-License-Identifier: GPL-2.0
/*
 * scnprintf() for the userspace shim, with the kernel's semantics
 * (lib/vsprintf.c of Linux 6.1):
 *
 *  - the result is always NUL-terminated when size > 0; scnprintf()
 *    returns the characters actually written (at most size - 1), 0 for
 *    size 0; a size above INT_MAX is the kernel's WARN_ON_ONCE (a crash
 *    here, so the fuzzer reports it);
 *  - conversions: %% %c %s %d %i %u %x %X with flags "-0+ ", width,
 *    precision and the length modifiers hh h l ll z; %p with the kernel's
 *    IP extensions %pI4 %pi4 %pI6 %pi6 %pI6c, which, as in the kernel,
 *    swallow every alphanumeric character after the 'p'. The address
 *    printers are the kernel's ip4_string() and ip6_compressed_string(),
 *    copied verbatim (IPv4-mapped and ISATAP addresses end in dotted quad).
 *
 * Any other conversion (a plain %p, %pS, %n, floating point, ...) aborts:
 * the pure tier must not rely on something this shim does not reproduce.
 */
#include <stdio.h>
#include <stdlib.h>
#include <limits.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/in6.h>
#include <asm/byteorder.h>

/* --- the kernel's address printers (lib/vsprintf.c, include/net/) --------- */

static const char hex_asc[] = "0123456789abcdef";
#define hex_asc_lo(x)	hex_asc[((x) & 0x0f)]
#define hex_asc_hi(x)	hex_asc[((x) & 0xf0) >> 4]

static inline char *hex_byte_pack(char *buf, u8 byte)
{
	*buf++ = hex_asc_hi(byte);
	*buf++ = hex_asc_lo(byte);
	return buf;
}

static inline bool ipv6_addr_v4mapped(const struct in6_addr *a)
{
	return ((unsigned long)(a->s6_addr32[0] | a->s6_addr32[1]) |
		(unsigned long)(a->s6_addr32[2] ^ cpu_to_be32(0x0000ffff))) == 0UL;
}

static inline bool ipv6_addr_is_isatap(const struct in6_addr *addr)
{
	return (addr->s6_addr32[2] | htonl(0x02000000)) == htonl(0x02005EFE);
}

/* put_dec_trunc8() for one octet: the decimal digits, least significant first */
static char *put_dec_trunc8(char *buf, unsigned int r)
{
	do {
		*buf++ = '0' + r % 10;
		r /= 10;
	} while (r);
	return buf;
}

static char *ip4_string(char *p, const u8 *addr, const char *fmt)
{
	int i;
	bool leading_zeros = (fmt[0] == 'i');
	int index;
	int step;

	switch (fmt[2]) {
	case 'h':
#ifdef __BIG_ENDIAN
		index = 0;
		step = 1;
#else
		index = 3;
		step = -1;
#endif
		break;
	case 'l':
		index = 3;
		step = -1;
		break;
	case 'n':
	case 'b':
	default:
		index = 0;
		step = 1;
		break;
	}
	for (i = 0; i < 4; i++) {
		char temp[4] __aligned(2);	/* hold each IP quad in reverse order */
		int digits = put_dec_trunc8(temp, addr[index]) - temp;
		if (leading_zeros) {
			if (digits < 3)
				*p++ = '0';
			if (digits < 2)
				*p++ = '0';
		}
		/* reverse the digits in the quad */
		while (digits--)
			*p++ = temp[digits];
		if (i < 3)
			*p++ = '.';
		index += step;
	}
	*p = '\0';

	return p;
}

static char *ip6_compressed_string(char *p, const char *addr)
{
	int i, j, range;
	unsigned char zerolength[8];
	int longest = 1;
	int colonpos = -1;
	u16 word;
	u8 hi, lo;
	bool needcolon = false;
	bool useIPv4;
	struct in6_addr in6;

	memcpy(&in6, addr, sizeof(struct in6_addr));

	useIPv4 = ipv6_addr_v4mapped(&in6) || ipv6_addr_is_isatap(&in6);

	memset(zerolength, 0, sizeof(zerolength));

	if (useIPv4)
		range = 6;
	else
		range = 8;

	/* find position of longest 0 run */
	for (i = 0; i < range; i++) {
		for (j = i; j < range; j++) {
			if (in6.s6_addr16[j] != 0)
				break;
			zerolength[i]++;
		}
	}
	for (i = 0; i < range; i++) {
		if (zerolength[i] > longest) {
			longest = zerolength[i];
			colonpos = i;
		}
	}
	if (longest == 1)		/* don't compress a single 0 */
		colonpos = -1;

	/* emit address */
	for (i = 0; i < range; i++) {
		if (i == colonpos) {
			if (needcolon || i == 0)
				*p++ = ':';
			*p++ = ':';
			needcolon = false;
			i += longest - 1;
			continue;
		}
		if (needcolon) {
			*p++ = ':';
			needcolon = false;
		}
		/* hex u16 without leading 0s */
		word = ntohs(in6.s6_addr16[i]);
		hi = word >> 8;
		lo = word & 0xff;
		if (hi) {
			if (hi > 0x0f)
				p = hex_byte_pack(p, hi);
			else
				*p++ = hex_asc_lo(hi);
			p = hex_byte_pack(p, lo);
		}
		else if (lo > 0x0f)
			p = hex_byte_pack(p, lo);
		else
			*p++ = hex_asc_lo(lo);
		needcolon = true;
	}

	if (useIPv4) {
		if (needcolon)
			*p++ = ':';
		p = ip4_string(p, &in6.s6_addr[12], "I4");
	}
	*p = '\0';

	return p;
}

static char *ip6_string(char *p, const char *addr, const char *fmt)
{
	int i;

	for (i = 0; i < 8; i++) {
		p = hex_byte_pack(p, *addr++);
		p = hex_byte_pack(p, *addr++);
		if (fmt[0] == 'I' && i != 7)
			*p++ = ':';
	}
	*p = '\0';

	return p;
}

/* --- the formatter -------------------------------------------------------- */

struct out {
	char *buf;
	size_t size;
	size_t pos;			/* characters produced, written or not */
};

static void put(struct out *o, char c)
{
	if (o->pos < o->size)
		o->buf[o->pos] = c;
	o->pos++;
}

static void put_field(struct out *o, const char *s, size_t len, int width,
		      bool left, char pad)
{
	size_t n = len;

	if (!left)
		for (; width > 0 && (size_t)width > n; width--)
			put(o, pad);
	while (len--)
		put(o, *s++);
	if (left)
		for (; width > 0 && (size_t)width > n; width--)
			put(o, ' ');
}

static _Noreturn void shim_unsupported(const char *fmt, const char *what)
{
	fprintf(stderr, "fuzz shim: scnprintf(\"%s\"): unsupported %s\n", fmt, what);
	abort();
}

static int shim_vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	const char *const whole = fmt;
	struct out o = { buf, size, 0 };

	if (size > INT_MAX) {
		fprintf(stderr, "fuzz shim: vsnprintf size %zu > INT_MAX: the kernel WARNs\n",
			size);
		abort();
	}
	while (*fmt) {
		bool left = false, plus = false, space = false, zero = false;
		int width = -1, prec = -1, qual = 0;
		char tmp[64], *t;
		unsigned long long num;
		bool neg = false;

		if (*fmt != '%') {
			put(&o, *fmt++);
			continue;
		}
		fmt++;
		for (;; fmt++) {
			if (*fmt == '-')
				left = true;
			else if (*fmt == '+')
				plus = true;
			else if (*fmt == ' ')
				space = true;
			else if (*fmt == '0')
				zero = true;
			else if (*fmt == '#')
				shim_unsupported(whole, "flag '#'");
			else
				break;
		}
		if (*fmt == '*') {
			width = va_arg(args, int);
			if (width < 0) {
				left = true;
				width = -width;
			}
			fmt++;
		} else {
			for (width = 0; *fmt >= '0' && *fmt <= '9'; fmt++)
				width = width * 10 + (*fmt - '0');
		}
		if (*fmt == '.') {
			fmt++;
			if (*fmt == '*') {
				prec = va_arg(args, int);
				fmt++;
			} else {
				for (prec = 0; *fmt >= '0' && *fmt <= '9'; fmt++)
					prec = prec * 10 + (*fmt - '0');
			}
			if (prec < 0)
				prec = 0;
		}
		if (*fmt == 'h') {
			qual = 'h';
			if (*++fmt == 'h') {
				qual = 'H';
				fmt++;
			}
		} else if (*fmt == 'l') {
			qual = 'l';
			if (*++fmt == 'l') {
				qual = 'L';
				fmt++;
			}
		} else if (*fmt == 'z') {
			qual = 'z';
			fmt++;
		}

		switch (*fmt) {
		case '%':
			put(&o, '%');
			fmt++;
			continue;
		case 'c':
			tmp[0] = (char)va_arg(args, int);
			put_field(&o, tmp, 1, width, left, ' ');
			fmt++;
			continue;
		case 's': {
			const char *s = va_arg(args, const char *);
			size_t len;

			if (!s)
				s = "(null)";
			len = strnlen(s, prec >= 0 ? (size_t)prec : SIZE_MAX);
			put_field(&o, s, len, width, left, ' ');
			fmt++;
			continue;
		}
		case 'p': {
			const u8 *addr = va_arg(args, const void *);
			char ip[sizeof("[xxxx:xxxx:xxxx:xxxx:xxxx:xxxx:255.255.255.255]")];
			const char *ext = ++fmt;

			while ((*fmt >= '0' && *fmt <= '9') || (*fmt >= 'a' && *fmt <= 'z') ||
			       (*fmt >= 'A' && *fmt <= 'Z'))
				fmt++;
			if ((ext[0] != 'I' && ext[0] != 'i') ||
			    (ext[1] != '4' && ext[1] != '6'))
				shim_unsupported(whole, "%p extension");
			if (!addr) {
				put_field(&o, "(null)", 6, width, left, ' ');
				continue;
			}
			if (ext[1] == '4')
				t = ip4_string(ip, addr, ext);
			else if (ext[0] == 'I' && ext[2] == 'c')
				t = ip6_compressed_string(ip, (const char *)addr);
			else
				t = ip6_string(ip, (const char *)addr, ext);
			put_field(&o, ip, t - ip, width, left, ' ');
			continue;
		}
		case 'd':
		case 'i':
		case 'u':
		case 'x':
		case 'X':
			break;
		default:
			shim_unsupported(whole, "conversion");
		}

		if (*fmt == 'd' || *fmt == 'i') {
			long long v;

			switch (qual) {
			case 'H': v = (signed char)va_arg(args, int); break;
			case 'h': v = (short)va_arg(args, int); break;
			case 'l': v = va_arg(args, long); break;
			case 'L': v = va_arg(args, long long); break;
			case 'z': v = va_arg(args, ptrdiff_t); break;
			default: v = va_arg(args, int); break;
			}
			neg = v < 0;
			num = neg ? 0ULL - (unsigned long long)v : (unsigned long long)v;
		} else {
			switch (qual) {
			case 'H': num = (unsigned char)va_arg(args, unsigned int); break;
			case 'h': num = (unsigned short)va_arg(args, unsigned int); break;
			case 'l': num = va_arg(args, unsigned long); break;
			case 'L': num = va_arg(args, unsigned long long); break;
			case 'z': num = va_arg(args, size_t); break;
			default: num = va_arg(args, unsigned int); break;
			}
		}
		{
			const char *digits = *fmt == 'X' ? "0123456789ABCDEF" : hex_asc;
			unsigned int base = (*fmt == 'x' || *fmt == 'X') ? 16 : 10;
			char *end = tmp + sizeof(tmp);
			char sign = neg ? '-' : plus ? '+' : space ? ' ' : 0;
			int ndig, lead;

			if (*fmt == 'u' || base == 16)
				sign = 0;
			t = end;
			if (num || prec != 0)
				do {
					*--t = digits[num % base];
					num /= base;
				} while (num);
			ndig = end - t;
			lead = prec > ndig ? prec - ndig : 0;
			if (zero && !left && prec < 0)
				lead = width - (sign != 0) > ndig ? width - (sign != 0) - ndig : 0;
			width -= (sign != 0) + lead + ndig;
			for (; !left && width > 0; width--)
				put(&o, ' ');
			if (sign)
				put(&o, sign);
			for (; lead > 0; lead--)
				put(&o, '0');
			while (t < end)
				put(&o, *t++);
			for (; left && width > 0; width--)
				put(&o, ' ');
		}
		fmt++;
	}
	if (size)
		buf[o.pos < size ? o.pos : size - 1] = '\0';
	return o.pos > INT_MAX ? INT_MAX : (int)o.pos;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	return shim_vsnprintf(buf, size, fmt, args);
}

int vscnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	int i;

	if (unlikely(!size))
		return 0;

	i = shim_vsnprintf(buf, size, fmt, args);

	if (likely(i < (int)size))
		return i;

	return size - 1;
}

int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int i;

	va_start(args, fmt);
	i = vscnprintf(buf, size, fmt, args);
	va_end(args);

	return i;
}
