// SPDX-License-Identifier: GPL-2.0
/*
 * libxt_NETFLOW.so - iptables/ip6tables userspace part of the NETFLOW target.
 *
 * The kernel side (ipt_NETFLOW.ko) registers target "NETFLOW", revision 0,
 * with an empty target payload for NFPROTO_IPV4 and NFPROTO_IPV6.  This
 * plugin must describe exactly that, or the kernel rejects the rule:
 * same name, same revision, size XT_ALIGN(0).  Everything the target does
 * is configured through module parameters and net.netflow.* sysctls, so
 * there is nothing to parse, print or save per rule.
 *
 * One object serves both families (NFPROTO_UNSPEC), as iptables' own
 * family-neutral extensions do.  There is no .xlate: nft has no native
 * equivalent, and iptables-nft carries the rule through nft_compat.
 */
#include <stdio.h>
#include <xtables.h>

#ifndef NETFLOW_XT_VERSION
#error "NETFLOW_XT_VERSION must be defined by the Makefile (from VERSION)"
#endif

static void netflow_tg_help(void)
{
	printf(
"NETFLOW target (ipt-netflow " NETFLOW_XT_VERSION ") takes no options.\n"
"  Accounts each packet in the ipt_NETFLOW flow cache and continues with\n"
"  the next rule. Export is configured with the ipt_NETFLOW module\n"
"  parameters and the net.netflow.* sysctls.\n");
}

/*
 * Listing (-L) convention: a target's print() appends its own
 * description after the match columns, each token preceded by a space.
 */
static void netflow_tg_print(const void *ip, const struct xt_entry_target *target,
			     int numeric)
{
	(void)ip;
	(void)target;
	(void)numeric;
	printf(" NETFLOW");
}

/*
 * No .save: iptables-save already writes "-j NETFLOW" and the target has
 * no options to add, so the rule round-trips through iptables-restore.
 */
static struct xtables_target netflow_tg_reg = {
	.version	= XTABLES_VERSION,
	.name		= "NETFLOW",
	.revision	= 0,
	.family		= NFPROTO_UNSPEC,
	.size		= XT_ALIGN(0),
	.userspacesize	= XT_ALIGN(0),
	.help		= netflow_tg_help,
	.print		= netflow_tg_print,
};

/*
 * iptables' extensions spell their constructor "void _init(void)" and
 * xtables.h turns that into a uniquely named ELF constructor (_INIT).
 * That mapping is only active inside the iptables tree, so do it here
 * (static: a global _init would clash with crti's, and nothing else needs
 * to see it; iptables finds the target through the registration).
 */
#define _init __attribute__((constructor)) libxt_NETFLOW_init
static void _init(void)
{
	xtables_register_target(&netflow_tg_reg);
}
