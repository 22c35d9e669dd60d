/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _NETFLOW_TARGET_H
#define _NETFLOW_TARGET_H

int netflow_target_init(void);
void netflow_target_exit(void);

#endif /* _NETFLOW_TARGET_H */
