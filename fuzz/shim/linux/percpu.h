/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace shim of <linux/percpu.h>: one CPU, enough for stats.h's inline helpers to compile. */
#ifndef _FUZZ_SHIM_LINUX_PERCPU_H
#define _FUZZ_SHIM_LINUX_PERCPU_H
#define __percpu
#define this_cpu_add(pcp, n)	((pcp) += (n))
#define this_cpu_inc(pcp)	((pcp)++)
#define per_cpu_ptr(ptr, cpu)	((void)(cpu), (ptr))
#define for_each_possible_cpu(cpu) for ((cpu) = 0; (cpu) < 1; (cpu)++)
#define READ_ONCE(x)		(*(const volatile __typeof__(x) *)&(x))
#endif
