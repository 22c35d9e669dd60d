// SPDX-License-Identifier: GPL-2.0
/*
 * ipt_NETFLOW: a NetFlow exporter driven by the iptables NETFLOW target.
 * This file only wires the parts together, in order, and undoes them in
 * reverse.
 */
#include <linux/module.h>

#include "cache.h"
#include "config.h"
#include "netns.h"
#include "pipeline.h"
#include "target.h"
#include "version.h"

static int __init netflow_init(void)
{
	int err;

	err = netflow_params_check();
	if (err)
		return err;
	err = netflow_cache_global_init();
	if (err)
		return err;
	netflow_pipeline_init();
	err = netflow_netns_init();
	if (err)
		goto err_cache;
	err = netflow_target_init();
	if (err)
		goto err_netns;
	pr_info("version " NETFLOW_VERSION " loaded\n");
	return 0;

err_netns:
	netflow_netns_exit();
err_cache:
	netflow_pipeline_exit();
	netflow_cache_global_exit();
	return err;
}

static void __exit netflow_exit(void)
{
	netflow_target_exit();
	netflow_netns_exit();	/* exports every flow left */
	netflow_pipeline_exit();
	netflow_cache_global_exit();
	pr_info("unloaded\n");
}

module_init(netflow_init);
module_exit(netflow_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("NetFlow v5 exporter: iptables/ip6tables target NETFLOW");
MODULE_VERSION(NETFLOW_VERSION);
MODULE_ALIAS("ipt_NETFLOW");
MODULE_ALIAS("ip6t_NETFLOW");
