/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace shim of <linux/types.h> for the pure tier (fuzz/README.md).
 * Only libc's freestanding headers are used, so nothing here clashes with
 * the UAPI headers in /usr/include.
 */
#ifndef _FUZZ_SHIM_LINUX_TYPES_H
#define _FUZZ_SHIM_LINUX_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;
typedef u8 __u8;
typedef u16 __u16;
typedef u32 __u32;
typedef u64 __u64;

/* sparse annotations: no meaning to the compiler */
#define __bitwise
#define __force
typedef u16 __bitwise __be16;
typedef u32 __bitwise __be32;
typedef u64 __bitwise __be64;
typedef u16 __bitwise __le16;
typedef u32 __bitwise __le32;
typedef u64 __bitwise __le64;

#define __packed	__attribute__((__packed__))
#define __aligned(x)	__attribute__((__aligned__(x)))
#define __maybe_unused	__attribute__((__unused__))
#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)

#endif
