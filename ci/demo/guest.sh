#!/bin/bash
# Guest side of `make demo`: route traffic between two namespaces through
# a NETFLOW rule and show what nfdump decoded from the export.
set -uo pipefail
here=$(dirname "$(readlink -f "$0")")
. "$here/../guest/lib.sh"
. "$here/../e2e/tap.sh"
. "$here/../e2e/netflow.sh"
dir=${GUEST_OUT:-/out}/demo
mkdir -p "$dir"

echo "# two namespaces, ns1 (10.1.0.2) and ns2 (10.2.0.2), routed through this guest"
topo_up >/dev/null 2>&1 || exit 1
echo "# insmod ipt_NETFLOW.ko destination=127.0.0.1:2055"
nf_load destination=127.0.0.1:2055 || exit 1
collectors_start "$dir" 2055
echo "# iptables -I FORWARD -j NETFLOW"
iptables -I FORWARD -j NETFLOW || exit 1
ip6tables -I FORWARD -j NETFLOW || exit 1
echo "# traffic: 4 pings, 10 UDP datagrams, one TCP transfer of 30000 bytes"
ping_ns ns1 10.2.0.2 4
send_udp ns1 10.2.0.2 53 10 60 33333
send_tcp ns1 10.2.0.2 80 30000 44444
echo "# iptables -L FORWARD -v -x -n"
iptables -L FORWARD -v -x -n
echo "# /proc/net/stat/ipt_netflow"
cat /proc/net/stat/ipt_netflow
iptables -F FORWARD
ip6tables -F FORWARD
echo "# rmmod ipt_NETFLOW (exports every flow still in the cache)"
nf_unload || exit 1
collectors_stop "$dir"
echo "# nfdump -r <nfcapd file> -o extended"
for f in "$dir"/nfcap/nfcapd.*; do
	nfdump -r "$f" -o extended -N
done
