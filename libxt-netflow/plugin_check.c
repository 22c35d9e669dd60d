// SPDX-License-Identifier: GPL-2.0
/*
 * plugin_check - load libxt_NETFLOW.so the way iptables does and check what
 * it registers against what ipt_NETFLOW.ko registers, without a kernel
 * module, root or a network namespace.
 *
 * Usage: XTABLES_LIBDIR=<dir with the plugin> plugin_check 4|6
 *
 * The kernel accepts "-j NETFLOW" only if name, revision and target size
 * match its xt_target (NETFLOW, rev 0, targetsize 0, IPv4 and IPv6), so a
 * drift here would surface only as "Invalid argument" in a guest.  The
 * listing output and the absence of save/xlate are checked too.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xtables.h>

static int failures;

#define CHECK(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "plugin_check: FAIL: %s\n", #cond);	\
		failures++;						\
	}								\
} while (0)

static void __attribute__((noreturn, format(printf, 2, 3)))
check_exit_err(enum xtables_exittype status, const char *msg, ...)
{
	va_list ap;

	va_start(ap, msg);
	fputs("plugin_check: ", stderr);
	vfprintf(stderr, msg, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(status ? status : 1);
}

/* Stand in for the kernel: no NETFLOW module is loaded on a build host. */
static int kernel_has_revision(const char *name, uint8_t rev, int opt)
{
	(void)opt;
	return strcmp(name, "NETFLOW") == 0 && rev == 0;
}

static struct xtables_globals check_globals = {
	.program_name		= "plugin_check",
	.program_version	= "0",
	.exit_err		= check_exit_err,
	.compat_rev		= kernel_has_revision,
};

/* Runs the plugin's print() and returns what it wrote. */
static char *printed(const struct xtables_target *t,
		     const struct xt_entry_target *et)
{
	static char buf[256];
	FILE *saved = stdout, *mem = fmemopen(buf, sizeof(buf) - 1, "w");

	if (!mem)
		check_exit_err(OTHER_PROBLEM, "fmemopen failed");
	memset(buf, 0, sizeof(buf));
	stdout = mem;
	t->print(NULL, et, 0);
	stdout = saved;
	fclose(mem);
	return buf;
}

int main(int argc, char **argv)
{
	struct xtables_target *t;
	struct xt_entry_target *et;
	uint8_t family;
	size_t len;

	if (argc != 2 || (strcmp(argv[1], "4") && strcmp(argv[1], "6")))
		check_exit_err(PARAMETER_PROBLEM, "usage: plugin_check 4|6");
	family = argv[1][0] == '4' ? NFPROTO_IPV4 : NFPROTO_IPV6;

	if (xtables_init_all(&check_globals, family) < 0)
		check_exit_err(OTHER_PROBLEM, "xtables_init_all failed");
	t = xtables_find_target("NETFLOW", XTF_LOAD_MUST_SUCCEED);

	CHECK(strcmp(t->name, "NETFLOW") == 0);
	CHECK(t->real_name == NULL);
	CHECK(t->revision == 0);
	CHECK(t->family == NFPROTO_UNSPEC);
	CHECK(t->size == XT_ALIGN(0));
	CHECK(t->userspacesize == XT_ALIGN(0));
	CHECK(t->x6_options == NULL && t->extra_opts == NULL && t->parse == NULL);
	CHECK(t->save == NULL);		/* iptables-save writes "-j NETFLOW" */
	CHECK(t->xlate == NULL);	/* iptables-nft uses nft_compat */
	CHECK(t->help != NULL && t->print != NULL);

	len = XT_ALIGN(sizeof(*et)) + t->size;
	et = calloc(1, len);
	if (!et)
		check_exit_err(RESOURCE_PROBLEM, "out of memory");
	et->u.user.target_size = len;
	strcpy(et->u.user.name, t->name);
	et->u.user.revision = t->revision;
	if (t->print)
		CHECK(strcmp(printed(t, et), " NETFLOW") == 0);
	free(et);

	printf("plugin_check: IPv%s: %s\n", argv[1], failures ? "FAIL" : "ok");
	return failures ? 1 : 0;
}
