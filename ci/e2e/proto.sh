#!/bin/bash
# Guest side of `make e2e`, NetFlow v5: real traffic through real iptables
# rules (nft and legacy backends), exported by the module, decoded by
# nfcapd+nfdump and by tshark, compared with the rule counters.
# Needs: MODULE_KO, PLUGIN_OUT; runs inside ci/guest/run.
set -uo pipefail
here=$(dirname "$(readlink -f "$0")")
. "$here/../guest/lib.sh"
. "$here/tap.sh"
. "$here/netflow.sh"

out=${GUEST_OUT:-/out}/e2e-v5
mkdir -p "$out"
topo_up >"$out/topo.log" 2>&1 || { not_ok "topology up"; tap_summary; exit 1; }

# One rule per flow we expect, named by a comment; ICMP by type so the
# ICMP errors a test might provoke stay out of the count.
add_rules() {
	local ipt=$1 ip6t=$2
	$ipt -A FORWARD -p icmp --icmp-type echo-request -s 10.1.0.2 -d 10.2.0.2 \
		-m comment --comment "icmp-req 1 10.1.0.2 10.2.0.2 0 2048" -j NETFLOW &&
	$ipt -A FORWARD -p icmp --icmp-type echo-reply -s 10.2.0.2 -d 10.1.0.2 \
		-m comment --comment "icmp-rep 1 10.2.0.2 10.1.0.2 0 0" -j NETFLOW &&
	$ipt -A FORWARD -p udp -s 10.1.0.2 --sport 40001 -d 10.2.0.2 --dport 5001 \
		-m comment --comment "udp 17 10.1.0.2 10.2.0.2 40001 5001" -j NETFLOW &&
	$ipt -A FORWARD -p tcp -s 10.1.0.2 --sport 40002 -d 10.2.0.2 --dport 5002 \
		-m comment --comment "tcp-fwd 6 10.1.0.2 10.2.0.2 40002 5002" -j NETFLOW &&
	$ipt -A FORWARD -p tcp -s 10.2.0.2 --sport 5002 -d 10.1.0.2 --dport 40002 \
		-m comment --comment "tcp-rev 6 10.2.0.2 10.1.0.2 5002 40002" -j NETFLOW &&
	$ip6t -A FORWARD -p ipv6-icmp -s fd00:1::2 -d fd00:2::2 -j NETFLOW
}

send_traffic() {
	ip netns exec ns1 busybox ping -q -c 5 -s 100 10.2.0.2 >/dev/null &&
	ip netns exec ns2 python3 "$here/traffic.py" udp-sink 5001 3 &
	local sink=$!
	sleep 0.5
	ip netns exec ns1 python3 "$here/traffic.py" udp-send 10.2.0.2 5001 40001 20 200 0.01
	wait $sink
	ip netns exec ns2 python3 "$here/traffic.py" tcp-sink 5002 >/dev/null &
	sink=$!
	sleep 0.5
	ip netns exec ns1 python3 "$here/traffic.py" tcp-send 10.2.0.2 5002 40002 20000
	wait $sink
	ip netns exec ns1 busybox ping -6 -q -c 3 fd00:2::2 >/dev/null
}

run_backend() {
	local backend=$1 dir=$out/$1
	local ipt=iptables-$backend ip6t=ip6tables-$backend
	mkdir -p "$dir"

	check "$backend: module loads" nf_load destination=127.0.0.1:2055
	collectors_start "$dir" 2055
	check "$backend: NETFLOW rules inserted (iptables and ip6tables)" add_rules $ipt $ip6t
	$ipt-save >"$dir/iptables-save.txt"
	check "$backend: iptables-save shows the NETFLOW rules" \
		grep -q -- '-j NETFLOW' "$dir/iptables-save.txt"
	send_traffic
	rule_counters $ipt >"$dir/expect.tsv"
	cat /proc/net/stat/ipt_netflow >"$dir/stat-before-unload.txt"
	cat /proc/net/stat/ipt_netflow_snmp >"$dir/snmp-before-unload.txt"
	check "$backend: the module metered the traffic (/proc inPackets)" \
		grep -q '^inPackets *[1-9]' "$dir/snmp-before-unload.txt"
	$ipt -F FORWARD
	$ip6t -F FORWARD
	check "$backend: module unloads, exporting every flow" nf_unload
	collectors_stop "$dir"
	decode_v5 "$dir" 2055
	tally < <(python3 "$here/check_flows.py" --label "v5 $backend" \
		--expect "$dir/expect.tsv" --nfdump "$dir/nfdump.csv" \
		--nfdump-stat "$dir/nfdump-stat.txt" --tshark-v5 "$dir/tshark.txt")
}

run_backend nft
run_backend legacy
check "no kernel warnings" no_kernel_warnings
tap_summary
