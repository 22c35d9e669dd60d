// SPDX-License-Identifier: GPL-2.0
/* /proc/net/stat/ipt_netflow: what the meter and exporter did. */
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <net/net_namespace.h>

#include "netns.h"
#include "procfs.h"
#include "version.h"

static void show_instance(struct seq_file *m, const struct netflow_instance *inst)
{
	const struct netflow_config *cfg = &inst->cfg;
	unsigned int i;

	seq_printf(m, "Protocol version %u, timeouts active %u s, inactive %u s, maxflows %u\n",
		   cfg->protocol, cfg->active_timeout, cfg->inactive_timeout,
		   cfg->maxflows);
	seq_printf(m, "Flows: active %d, hash buckets %u\n",
		   atomic_read(&inst->cache.nr_flows), inst->cache.nr_buckets);
	for (i = 0; i < inst->exporter.nr_sockets; i++) {
		const struct netflow_socket *s = &inst->exporter.sockets[i];
		char dest[96];

		if (netflow_dest_format(dest, sizeof(dest), &s->dest, 1) < 0)
			strscpy(dest, "?", sizeof(dest));
		seq_printf(m, "sock%u: %s, sent %llu pkts %llu bytes, sndbuf reached %llu, connect %llu, cberr %llu, other %llu\n",
			   i, dest, s->sent_packets, s->sent_bytes, s->err_sndbuf,
			   s->err_connect, s->err_refused, s->err_other);
	}
}

static int stat_show(struct seq_file *m, void *v)
{
	struct netflow_net *nn = netflow_net(seq_file_single_net(m));
	struct netflow_instance *inst;

#define S(which) netflow_stat_sum(nn->stats, NETFLOW_STAT_##which)
	seq_puts(m, "ipt_NETFLOW version " NETFLOW_VERSION "\n");
	seq_printf(m, "Metered: %llu packets, %llu bytes; flows new %llu, found %llu\n",
		   S(PACKETS), S(BYTES), S(NEW), S(FOUND));
	seq_printf(m, "Not metered: %llu packets, %llu bytes; truncated %llu, maxflows %llu, alloc %llu; fragments %llu\n",
		   S(DROP_PACKETS), S(DROP_BYTES), S(TRUNCATED), S(MAXFLOWS),
		   S(ALLOC_ERRORS), S(FRAGMENTS));
	seq_printf(m, "Export: %llu packets, %llu bytes, %llu flows; errors %llu, lost flows %llu, unexportable flows %llu\n",
		   S(EXPORT_PACKETS), S(EXPORT_BYTES), S(EXPORT_FLOWS),
		   S(EXPORT_ERRORS), S(LOST_FLOWS), S(UNEXPORTABLE));
#undef S
	mutex_lock(&nn->mutex);
	inst = rcu_dereference_protected(nn->instance, lockdep_is_held(&nn->mutex));
	if (inst)
		show_instance(m, inst);
	else
		seq_puts(m, "Inactive: no NETFLOW rule in this namespace yet\n");
	mutex_unlock(&nn->mutex);
	return 0;
}

int netflow_procfs_net_init(struct net *net)
{
	if (!proc_create_net_single("ipt_netflow", 0444, net->proc_net_stat,
				    stat_show, NULL))
		return -ENOMEM;
	return 0;
}

void netflow_procfs_net_exit(struct net *net)
{
	remove_proc_entry("ipt_netflow", net->proc_net_stat);
}
