/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace shim of <asm/byteorder.h>: x86-64 and other little-endian hosts. */
#ifndef _FUZZ_SHIM_ASM_BYTEORDER_H
#define _FUZZ_SHIM_ASM_BYTEORDER_H

#include <linux/types.h>

#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the fuzz shim assumes a little-endian host"
#endif
#define __LITTLE_ENDIAN 1234

#define cpu_to_be16(x)	((__force __be16)__builtin_bswap16((u16)(x)))
#define cpu_to_be32(x)	((__force __be32)__builtin_bswap32((u32)(x)))
#define cpu_to_be64(x)	((__force __be64)__builtin_bswap64((u64)(x)))
#define be16_to_cpu(x)	__builtin_bswap16((__force u16)(__be16)(x))
#define be32_to_cpu(x)	__builtin_bswap32((__force u32)(__be32)(x))
#define be64_to_cpu(x)	__builtin_bswap64((__force u64)(__be64)(x))
#define cpu_to_le16(x)	((__force __le16)(u16)(x))
#define cpu_to_le32(x)	((__force __le32)(u32)(x))
#define le16_to_cpu(x)	((__force u16)(__le16)(x))
#define le32_to_cpu(x)	((__force u32)(__le32)(x))

#define htons(x)	cpu_to_be16(x)
#define htonl(x)	cpu_to_be32(x)
#define ntohs(x)	be16_to_cpu(x)
#define ntohl(x)	be32_to_cpu(x)

#endif
