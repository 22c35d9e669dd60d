// SPDX-License-Identifier: GPL-2.0
/*
 * Runs the pure tier's KUnit suites in userspace, under ASan and UBSan,
 * against the shim (shim/kunit/test.h). Prints one line per case and a
 * last line "kunit-shim: N passed, N failed"; exits non-zero on a failure.
 */
#include <stdarg.h>
#include <kunit/test.h>

static struct kunit_suite *suites[32];
static unsigned int nsuites;

void kunit_register(struct kunit_suite *suite)
{
	if (nsuites == ARRAY_SIZE(suites))
		abort();
	suites[nsuites++] = suite;
}

void *kunit_kmalloc(struct kunit *test, size_t size, int gfp)
{
	void *p;

	if (test->nallocs == ARRAY_SIZE(test->allocs))
		return NULL;
	p = malloc(size);
	if (p) {
		memset(p, 0x6b, size);	/* like slub poison: never zero by luck */
		test->allocs[test->nallocs++] = p;
	}
	return p;
}

void kunit_fail(struct kunit *test, const char *file, int line, bool assert,
		const char *fmt, ...)
{
	va_list ap;

	test->failures++;
	fprintf(stderr, "    # %s: %s:%d: %s ", test->name, file, line,
		assert ? "ASSERTION FAILED" : "EXPECTATION FAILED");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static bool run_one(const struct kunit_suite *s, const struct kunit_case *c,
		    const void *param, const char *desc)
{
	struct kunit test = { .name = c->name, .param_value = param };
	unsigned int i;

	if (!setjmp(test.abort)) {
		if (s->init && s->init(&test))
			test.failures++;
		else
			c->run_case(&test);
	}
	if (s->exit)
		s->exit(&test);
	for (i = 0; i < test.nallocs; i++)
		free(test.allocs[i]);
	printf("%s %s.%s%s%s\n", test.failures ? "not ok" : "ok", s->name, c->name,
	       desc ? " " : "", desc ? desc : "");
	return !test.failures;
}

int main(void)
{
	unsigned int i, passed = 0, failed = 0;

	for (i = 0; i < nsuites; i++) {
		const struct kunit_case *c;

		for (c = suites[i]->test_cases; c->run_case; c++) {
			if (c->generate_params) {
				char desc[KUNIT_PARAM_DESC_SIZE];
				const void *p = NULL;

				desc[0] = '\0';
				while ((p = c->generate_params(p, desc))) {
					run_one(suites[i], c, p, desc) ? passed++ : failed++;
					desc[0] = '\0';
				}
			} else {
				run_one(suites[i], c, NULL, NULL) ? passed++ : failed++;
			}
		}
	}
	printf("kunit-shim: %u passed, %u failed\n", passed, failed);
	return failed != 0;
}
