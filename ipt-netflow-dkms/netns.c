// SPDX-License-Identifier: GPL-2.0
/*
 * Per network namespace state. Each namespace meters and exports on its
 * own: flows, settings, counters and sockets never mix.
 */
#include <linux/kmod.h>
#include <linux/netdevice.h>
#include <linux/slab.h>
#include <net/netns/generic.h>

#include "netns.h"
#include "procfs.h"
#include "promisc.h"
#include "sysctl.h"

static unsigned int netflow_net_id __read_mostly;

struct netflow_net *netflow_net(const struct net *net)
{
	return net_generic(net, netflow_net_id);
}

/* The namespace's instance, or NULL before its first rule; holds the mutex. */
struct netflow_instance *netflow_net_instance(struct netflow_net *nn)
{
	return rcu_dereference_protected(nn->instance, lockdep_is_held(&nn->mutex));
}

/**
 * netflow_net_activate_locked() - make sure @nn meters and exports
 * @nn: the namespace; its mutex held
 *
 * Process context. Idempotent. A NETFLOW rule's insertion or natevents
 * switched on (which must work without any rule) activates a namespace.
 *
 * Return: 0 or -ENOMEM.
 */
int netflow_net_activate_locked(struct netflow_net *nn)
{
	struct net *net = nn->net;
	struct netflow_instance *inst;
	int err = 0;

	if (netflow_net_instance(nn))
		goto out;

	inst = kvzalloc(sizeof(*inst), GFP_KERNEL);
	if (!inst) {
		err = -ENOMEM;
		goto out;
	}
	/* hashsize 0: sized by memory, growing with the flows */
	err = netflow_cache_init(&inst->cache, nn->cfg.hashsize, nn->stats);
	if (err) {
		kvfree(inst);
		goto out;
	}
	err = netflow_export_start(&inst->exporter, net, &nn->cfg, &inst->cache,
				   nn->stats);
	if (err) {
		netflow_cache_free(&inst->cache);
		kvfree(inst);
		goto out;
	}
	rcu_assign_pointer(nn->instance, inst);
out:
	return err;
}

/**
 * netflow_net_activate() - make sure @net meters and exports
 * @net: the namespace a rule is being inserted into
 *
 * Process context. Idempotent.
 *
 * Return: 0 or -ENOMEM.
 */
int netflow_net_activate(struct net *net)
{
	struct netflow_net *nn = netflow_net(net);
	int err;

	mutex_lock(&nn->mutex);
	err = netflow_net_activate_locked(nn);
	mutex_unlock(&nn->mutex);
	return err;
}

static int __net_init netflow_net_init(struct net *net)
{
	struct netflow_net *nn = netflow_net(net);
	int err;

	nn->net = net;
	mutex_init(&nn->mutex);
	err = netflow_params_to_config(&nn->cfg);
	if (err)
		return err;
	nn->stats = alloc_percpu(struct netflow_stats);
	if (!nn->stats) {
		err = -ENOMEM;
		goto err_cfg;
	}
	err = netflow_procfs_net_init(net);
	if (err)
		goto err_stats;
	netflow_promisc_net_init(nn);
	err = netflow_sysctl_net_init(nn);
	if (err)
		goto err_promisc;
	/* natevents= needs no rule: the export worker opens the listener */
	if (nn->cfg.natevents && netflow_net_activate(net))
		pr_warn("natevents: no instance in a new namespace\n");
	return 0;

err_promisc:
	netflow_promisc_net_exit(nn);
	netflow_procfs_net_exit(net);
err_stats:
	free_percpu(nn->stats);
err_cfg:
	netflow_config_release(&nn->cfg);
	return err;
}

static void __net_exit netflow_net_exit(struct net *net)
{
	struct netflow_net *nn = netflow_net(net);
	struct netflow_instance *inst;

	netflow_sysctl_net_exit(nn);
	netflow_promisc_net_exit(nn);
	netflow_procfs_net_exit(net);
	mutex_lock(&nn->mutex);
	inst = netflow_net_instance(nn);
	RCU_INIT_POINTER(nn->instance, NULL);
	mutex_unlock(&nn->mutex);
	if (inst) {
		/* no packet path user is left after this */
		synchronize_net();
		netflow_export_stop(&inst->exporter);
		netflow_cache_free(&inst->cache);
		kvfree(inst);
	}
	free_percpu(nn->stats);
	netflow_config_release(&nn->cfg);
}

static struct pernet_operations netflow_net_ops = {
	.init = netflow_net_init,
	.exit = netflow_net_exit,
	.id = &netflow_net_id,
	.size = sizeof(struct netflow_net),
};

int netflow_netns_init(void)
{
	/* not from the namespaces' init: modprobe would wait for their lock */
	if (netflow_params_natevents())
		request_module("nf_conntrack_netlink");
	return register_pernet_subsys(&netflow_net_ops);
}

void netflow_netns_exit(void)
{
	unregister_pernet_subsys(&netflow_net_ops);
}
