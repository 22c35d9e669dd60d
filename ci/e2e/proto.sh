#!/bin/bash
# Guest side of `make e2e`, each export protocol (NetFlow v5, v9, IPFIX)
# with each iptables backend (nft, legacy): real IPv4 and IPv6 traffic
# through real rules, exported by the module, decoded by nfcapd+nfdump and
# by tshark, compared with the rule counters.
# Needs: MODULE_KO, PLUGIN_OUT; runs inside ci/guest/run.
set -uo pipefail
here=$(dirname "$(readlink -f "$0")")
. "$here/../guest/lib.sh"
. "$here/tap.sh"
. "$here/netflow.sh"

out=${GUEST_OUT:-/out}/e2e-proto
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
	$ip6t -A FORWARD -p ipv6-icmp --icmpv6-type echo-request -s fd00:1::2 -d fd00:2::2 \
		-m comment --comment "icmp6-req 58 fd00:1::2 fd00:2::2 0 32768" -j NETFLOW &&
	$ip6t -A FORWARD -p ipv6-icmp --icmpv6-type echo-reply -s fd00:2::2 -d fd00:1::2 \
		-m comment --comment "icmp6-rep 58 fd00:2::2 fd00:1::2 0 33024" -j NETFLOW &&
	$ip6t -A FORWARD -p udp -s fd00:1::2 --sport 40003 -d fd00:2::2 --dport 5003 \
		-m comment --comment "udp6 17 fd00:1::2 fd00:2::2 40003 5003" -j NETFLOW
}

send_traffic() {
	ping_ns ns1 10.2.0.2 5 100 &&
	send_udp ns1 10.2.0.2 5001 20 200 40001 &&
	send_tcp ns1 10.2.0.2 5002 20000 40002 &&
	ping_ns ns1 fd00:2::2 3 300 &&
	send_udp ns1 fd00:2::2 5003 9 700 40003
}

# run PROTOCOL BACKEND
run() {
	local proto=$1 backend=$2 dir=$out/v$1-$2
	local ipt=iptables-$backend ip6t=ip6tables-$backend label="v$1 $2"
	mkdir -p "$dir"

	check "$label: module loads" nf_load protocol="$proto" destination=127.0.0.1:2055
	collectors_start "$dir" 2055
	check "$label: NETFLOW rules inserted (iptables and ip6tables)" add_rules $ipt $ip6t
	$ipt-save >"$dir/iptables-save.txt"
	check "$label: iptables-save shows the NETFLOW rules" \
		grep -q -- '-j NETFLOW' "$dir/iptables-save.txt"
	check "$label: traffic sent and received" send_traffic
	rule_counters $ipt >"$dir/expect.tsv"
	rule_counters $ip6t >"$dir/expect6.tsv"
	cat /proc/net/stat/ipt_netflow_snmp >"$dir/snmp-before-unload.txt"
	check "$label: the module metered the traffic (/proc inPackets)" \
		grep -q '^inPackets *[1-9]' "$dir/snmp-before-unload.txt"
	$ipt -F FORWARD
	$ip6t -F FORWARD
	if [ "$proto" = 5 ]; then
		# v5 has no IPv6 records: the flows are counted, not sent
		echo 1 >/proc/sys/net/netflow/flush
		check "$label: the 3 IPv6 flows are counted as unexportable" \
			grep -q 'Unexportable 3 flows' /proc/net/stat/ipt_netflow
	else
		cat "$dir/expect6.tsv" >>"$dir/expect.tsv"
	fi
	check "$label: module unloads, exporting every flow" nf_unload
	collectors_stop "$dir"
	if [ "$proto" = 5 ]; then
		decode_v5 "$dir" 2055
		tally < <(python3 "$here/check_flows.py" --label "$label" \
			--expect "$dir/expect.tsv" --nfdump "$dir/nfdump.csv" \
			--nfdump-stat "$dir/nfdump-stat.txt" --tshark-v5 "$dir/tshark.txt")
	else
		decode_nfcapd "$dir"
		tshark -r "$dir/export.pcapng" -d udp.port==2055,cflow -T json \
			>"$dir/tshark.json" 2>"$dir/tshark.err"
		tally < <(python3 "$here/check_flows.py" --label "$label" \
			--expect "$dir/expect.tsv" --nfdump "$dir/nfdump.csv" \
			--nfdump-stat "$dir/nfdump-stat.txt" --tshark-json "$dir/tshark.json")
	fi
}

for proto in ${E2E_PROTOCOLS:-5 9 10}; do
	for backend in nft legacy; do
		run $proto $backend
	done
done
check "no kernel warnings" no_kernel_warnings
tap_summary
