// SPDX-License-Identifier: GPL-2.0
/*
 * Per network namespace state. Each namespace meters and exports on its
 * own: flows, settings, counters and sockets never mix.
 */
#include <linux/netdevice.h>
#include <linux/slab.h>
#include <net/netns/generic.h>

#include "netns.h"
#include "procfs.h"

static unsigned int netflow_net_id __read_mostly;

struct netflow_net *netflow_net(const struct net *net)
{
	return net_generic(net, netflow_net_id);
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
	struct netflow_instance *inst;
	unsigned int buckets;
	int err = 0;

	mutex_lock(&nn->mutex);
	if (rcu_access_pointer(nn->instance))
		goto out;

	inst = kvzalloc(sizeof(*inst), GFP_KERNEL);
	if (!inst) {
		err = -ENOMEM;
		goto out;
	}
	netflow_params_to_config(&inst->cfg);
	buckets = inst->cfg.hashsize ?: netflow_cache_default_buckets();
	err = netflow_cache_init(&inst->cache, buckets, nn->stats);
	if (err) {
		kvfree(inst);
		goto out;
	}
	netflow_export_start(&inst->exporter, net, &inst->cfg, &inst->cache,
			     nn->stats);
	rcu_assign_pointer(nn->instance, inst);
out:
	mutex_unlock(&nn->mutex);
	return err;
}

static int __net_init netflow_net_init(struct net *net)
{
	struct netflow_net *nn = netflow_net(net);
	int err;

	nn->net = net;
	mutex_init(&nn->mutex);
	nn->stats = alloc_percpu(struct netflow_stats);
	if (!nn->stats)
		return -ENOMEM;
	err = netflow_procfs_net_init(net);
	if (err)
		free_percpu(nn->stats);
	return err;
}

static void __net_exit netflow_net_exit(struct net *net)
{
	struct netflow_net *nn = netflow_net(net);
	struct netflow_instance *inst;

	netflow_procfs_net_exit(net);
	mutex_lock(&nn->mutex);
	inst = rcu_replace_pointer(nn->instance, NULL,
				   lockdep_is_held(&nn->mutex));
	mutex_unlock(&nn->mutex);
	if (inst) {
		/* no packet path user is left after this */
		synchronize_net();
		netflow_export_stop(&inst->exporter);
		netflow_cache_free(&inst->cache);
		kvfree(inst);
	}
	free_percpu(nn->stats);
}

static struct pernet_operations netflow_net_ops = {
	.init = netflow_net_init,
	.exit = netflow_net_exit,
	.id = &netflow_net_id,
	.size = sizeof(struct netflow_net),
};

int netflow_netns_init(void)
{
	return register_pernet_subsys(&netflow_net_ops);
}

void netflow_netns_exit(void)
{
	unregister_pernet_subsys(&netflow_net_ops);
}
