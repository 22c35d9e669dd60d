/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace shim of <linux/kernel.h> for the pure tier: the helpers it
 * uses, with the kernel's definitions (include/linux/{minmax,math,
 * limits,bits,array_size}.h of 6.1), and scnprintf() with the kernel's
 * %pI4 and %pI6c (lib/vsprintf.c in this directory).
 */
#ifndef _FUZZ_SHIM_LINUX_KERNEL_H
#define _FUZZ_SHIM_LINUX_KERNEL_H

#include <stdarg.h>
#include <linux/types.h>
#include <linux/build_bug.h>
#include <linux/kstrtox.h>
/* the kernel's kernel.h has these too (errno through container_of.h) */
#include <linux/errno.h>
#include <asm/byteorder.h>

#define U8_MAX		((u8)~0U)
#define S8_MAX		((s8)(U8_MAX >> 1))
#define S8_MIN		((s8)(-S8_MAX - 1))
#define U16_MAX		((u16)~0U)
#define S16_MAX		((s16)(U16_MAX >> 1))
#define S16_MIN		((s16)(-S16_MAX - 1))
#define U32_MAX		((u32)~0U)
#define U32_MIN		((u32)0)
#define S32_MAX		((s32)(U32_MAX >> 1))
#define S32_MIN		((s32)(-S32_MAX - 1))
#define U64_MAX		((u64)~0ULL)
#define S64_MAX		((s64)(U64_MAX >> 1))
#define S64_MIN		((s64)(-S64_MAX - 1))

/* math.h's: @val scaled into [0, @ep_ro) */
static inline u32 reciprocal_scale(u32 val, u32 ep_ro)
{
	return (u32)(((u64)val * ep_ro) >> 32);
}

#define BIT(nr)			(1UL << (nr))
#define BIT_ULL(nr)		(1ULL << (nr))

/* __must_be_array(): a pointer argument fails to build, as in the kernel */
#define __same_type(a, b) __builtin_types_compatible_p(__typeof__(a), __typeof__(b))
#define __must_be_array(a) \
	(sizeof(struct { int:(-!!(__same_type((a), &(a)[0]))); }))
#define ARRAY_SIZE(arr) (sizeof(arr) / sizeof((arr)[0]) + __must_be_array(arr))

/*
 * min()/max() of 6.1 refuse operands of different types (a warning,
 * -Werror in this build); min_t()/max_t() cast both to @type.
 */
#define __typecheck(x, y) (!!(sizeof((__typeof__(x) *)1 == (__typeof__(y) *)1)))
#define __cmp(x, y, op)	((x) op (y) ? (x) : (y))
#define __cmp_once(x, y, op) ({			\
		__typeof__(x) __x = (x);	\
		__typeof__(y) __y = (y);	\
		(void)__typecheck(__x, __y);	\
		__cmp(__x, __y, op); })
#define min(x, y)	__cmp_once(x, y, <)
#define max(x, y)	__cmp_once(x, y, >)
#define min_t(type, x, y) __cmp_once((type)(x), (type)(y), <)
#define max_t(type, x, y) __cmp_once((type)(x), (type)(y), >)
#define clamp_t(type, val, lo, hi) min_t(type, max_t(type, val, lo), hi)

#define __round_mask(x, y) ((__typeof__(x))((y) - 1))
#define round_up(x, y) ((((x) - 1) | __round_mask(x, y)) + 1)
#define round_down(x, y) ((x) & ~__round_mask(x, y))
#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a) - 1)) == 0)

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

int hex_to_bin(unsigned char ch);

#define __printf(a, b) __attribute__((__format__(__printf__, a, b)))
__attribute__((__format__(__printf__, 3, 0)))
int vsnprintf(char *buf, size_t size, const char *fmt, va_list args);
__attribute__((__format__(__printf__, 3, 0)))
int vscnprintf(char *buf, size_t size, const char *fmt, va_list args);
__attribute__((__format__(__printf__, 3, 4)))
int scnprintf(char *buf, size_t size, const char *fmt, ...);
#endif
