// SPDX-License-Identifier: GPL-2.0
/*
 * ci/guest selftest helper: emits one kernel WARN when loaded and refuses to
 * stay loaded. Proves that ci/guest/run fails a run whose console shows a
 * WARNING (only ever loaded inside a throwaway guest).
 */
#include <linux/module.h>
#include <linux/bug.h>

static int __init guest_warn_init(void)
{
	WARN(1, "ci/guest selftest: deliberate warning\n");
	return -ENODEV;
}
module_init(guest_warn_init);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("ci/guest selftest: one deliberate WARN on load");
