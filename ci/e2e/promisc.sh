#!/bin/bash
# Guest side: promiscuous capture (docs/promisc.md). A namespace "tap"
# sends frames for a MAC address nobody has into the router's m0 (in
# promiscuous mode) from raw AF_PACKET sockets (promisc_frames.py):
#  - bad module parameters fail the load with one clear line;
#  - promisc=0: nothing observed, nothing reaches PREROUTING;
#  - promisc=1: plain IPv4/IPv6 UDP/TCP, 802.1Q, QinQ, MPLS with 1-3
#    labels (promisc-mpls 3) are metered by `-t raw PREROUTING -j
#    NETFLOW` and exported (IPFIX), decoded by nfcapd+nfdump and tshark
#    with exact packets, bytes (IP lengths: no Ethernet padding),
#    addresses and ports; MPLS under promisc-mpls 0 and malformed frames
#    are discarded, /proc counting each reason exactly; the NETFLOW rules
#    count exactly the frames passed; FORWARD and INPUT count nothing;
#  - bad sysctl writes: EINVAL, the old value kept;
#  - each namespace meters the frames of its own devices, by its own
#    setting, and counts them in its own /proc;
#  - a namespace with promisc on goes away cleanly;
#  - 20 on/off toggles under traffic and an unload under traffic, no splat;
#  - /proc/net/stat/ipt_netflow_snmp's promisc lines show the counts sent,
#    the same as the human-readable Promisc line, in each namespace.
# Needs: MODULE_KO, PLUGIN_OUT; runs inside ci/guest/run.
set -uo pipefail
here=$(dirname "$(readlink -f "$0")")
. "$here/../guest/lib.sh"
. "$here/tap.sh"
. "$here/netflow.sh"

out=${GUEST_OUT:-/out}/e2e-promisc
rm -rf "$out"
mkdir -p "$out"
sys=/proc/sys/net/netflow
frames() { python3 "$here/promisc_frames.py" "$@"; }

# the topology's ns2 makes 10.2.0.2 and fd00:2::2 routable: forwarding
# would happen if anything let the frames through
topo_up >"$out/topo.log" 2>&1 || { not_ok "topology up"; tap_summary; exit 1; }
{
	promisc_port_up tap
	# and a second link from tap into namespace obs (o0, promiscuous)
	ip netns add obs
	ip -n tap link add o1 address 02:00:00:00:09:02 type veth \
		peer name o0 address 02:00:00:00:0a:01 netns obs
	ip netns exec tap sysctl -qw net.ipv6.conf.o1.disable_ipv6=1
	ip netns exec obs sysctl -qw net.ipv6.conf.o0.disable_ipv6=1
	ip -n tap link set o1 up
	ip -n obs link set o0 promisc on
	ip -n obs link set o0 up
} >>"$out/topo.log" 2>&1 || { not_ok "tap links"; tap_summary; exit 1; }

# counters of rules matching everything from m0 (FORWARD and INPUT: any
# packet from m0; raw PREROUTING: the NETFLOW rules themselves, which
# also see that the packets kept their type)
watch_rules() {
	local t
	for t in iptables ip6tables; do
		$t -A FORWARD -i m0 -m comment --comment forward
		$t -A INPUT -i m0 -m comment --comment input
		$t -t raw -A PREROUTING -i m0 -m pkttype --pkt-type otherhost \
			-m comment --comment netflow -j NETFLOW
	done
}
# pkts IPTABLES TABLE CHAIN: packets counted by the chain's commented rule
pkts() {
	$1 -t "$2" -L "$3" -v -x -n | awk '/\/\*/ { print $1; exit }'
}
proc_line() { grep '^Promisc hack' /proc/net/stat/ipt_netflow; }
# snmp_lines LABEL OUTDIR PROMISC DEPTH [NS]: the promisc lines of
# ipt_netflow_snmp (in namespace NS) are exactly what was sent to OUTDIR
# (counts.json) with these settings, and what the Promisc line says
snmp_lines() {
	local label=$1 dir=$2 on=$3 depth=$4 run=() got want human
	[ -z "${5:-}" ] || run=(ip netns exec "$5")
	got=$("${run[@]}" awk '$1 ~ /^promisc/ { print $1, $2 }' /proc/net/stat/ipt_netflow_snmp)
	want=$(python3 "$here/promisc_check.py" sent "$dir" "$on" "$depth")
	human=$("${run[@]}" python3 "$here/promisc_check.py" human)
	check "$label: ipt_netflow_snmp promisc lines = the frames sent ($(echo $want | cut -c1-60)...)" \
		test "$got" = "$want"
	[ "$got" = "$want" ] || diff <(echo "$want") <(echo "$got")
	check "$label: ipt_netflow_snmp promisc lines = the Promisc line of ipt_netflow" \
		test "$got" = "$human"
	[ "$got" = "$human" ] || diff <(echo "$human") <(echo "$got")
}
fails() { ! "$@"; }

echo "# ${SECONDS}s: parameters"
check "promisc=2 does not load" fails nf_load promisc=2
check "promisc=2: one line says why" \
	bash -c "dmesg | grep -q 'invalid promisc=2: expected an integer in 0..1'"
check "promisc_mpls=11 does not load" fails nf_load promisc_mpls=11
check "promisc_mpls=11: one line says why" \
	bash -c "dmesg | grep -q 'invalid promisc_mpls=11: expected an integer in 0..10'"

echo "# ${SECONDS}s: promisc off"
d=$out/export
mkdir -p "$d"
collectors_start "$d" 2071
check "module loads (IPFIX)" nf_load protocol=10 destination=127.0.0.1:2071
check "promisc is 0 by default" test "$(cat $sys/promisc)" = 0
check "promisc-mpls is 0 by default" test "$(cat $sys/promisc-mpls)" = 0
check "/proc: promisc disabled" \
	grep -q '^Promisc hack is disabled (observed 0 packets' /proc/net/stat/ipt_netflow
check "watching and NETFLOW rules inserted" watch_rules
# sent but off: neither observed nor exported (flows of these ports would
# show as unexpected in the export)
rx0=$(cat /sys/class/net/m0/statistics/rx_packets)
check "frames sent with promisc off" frames send tap m1 "$out" 'good!' 'vlan!'
check "m0 received them" wait_for 10 \
	test "$(cat /sys/class/net/m0/statistics/rx_packets)" -ge $((rx0 + 22))
check "promisc off: nothing observed" grep -q \
	'^Promisc hack is disabled (observed 0 packets, discarded 0)\. Passed 0;' \
	/proc/net/stat/ipt_netflow
check "promisc off: nothing reached PREROUTING" \
	test "$(pkts iptables raw PREROUTING)/$(pkts ip6tables raw PREROUTING)" = 0/0
snmp_lines "promisc off" "$out" 0 0

echo "# ${SECONDS}s: promisc on"
check "promisc on" bash -c "echo 1 >$sys/promisc"
check "promisc reads 1" test "$(cat $sys/promisc)" = 1
check "plain, VLAN and MPLS (promisc-mpls 0) frames sent" frames send tap m1 "$out" good vlan mpls0
check "promisc-mpls 3" bash -c "echo 3 >$sys/promisc-mpls"
check "MPLS and malformed frames sent" frames send tap m1 "$out" mpls bad
tally < <(frames check "$out")
proc_line >"$out/proc.txt"
snmp_lines "promisc on" "$out" 1 3
want4=$(python3 -c "import json; print(json.load(open('$out/counts.json'))['passed4'])")
want6=$(python3 -c "import json; print(json.load(open('$out/counts.json'))['passed6'])")
check "the IPv4 NETFLOW rule saw exactly the $want4 IPv4 frames passed" \
	test "$(pkts iptables raw PREROUTING)" = "$want4"
check "the IPv6 NETFLOW rule saw exactly the $want6 IPv6 frames passed" \
	test "$(pkts ip6tables raw PREROUTING)" = "$want6"

echo "# ${SECONDS}s: bad writes"
# bad_write NAME VALUE KEPT
bad_write() {
	local err
	err=$(bash -c "printf '%s\n' '$2' >$sys/$1" 2>&1)
	check "$1='$2' is refused with EINVAL" grep -q 'Invalid argument' <<<"$err"
	check "$1 keeps $3" test "$(cat "$sys/$1")" = "$3"
}
bad_write promisc 2 1
bad_write promisc -1 1
bad_write promisc on 1
bad_write promisc-mpls 11 3
bad_write promisc-mpls -1 3
bad_write promisc-mpls x 3
check "/proc says enabled, MPLS depth 3" \
	grep -qE '^Promisc hack is enabled .* MPLS depth 3\.$' /proc/net/stat/ipt_netflow

echo "# ${SECONDS}s: namespaces"
mkdir -p "$out/obs"
check "frames into obs, promisc off there" frames send tap o1 "$out/obs" 'good!'
check "obs observed nothing" ip netns exec obs grep -q \
	'^Promisc hack is disabled (observed 0 packets, discarded 0)\. Passed 0;' \
	/proc/net/stat/ipt_netflow
# (the bad batch expects promisc-mpls 3: obs has its own, 0 until set)
check "promisc on in obs, promisc-mpls 3" \
	ip netns exec obs sh -c "echo 1 >$sys/promisc && echo 3 >$sys/promisc-mpls"
check "frames into obs, promisc on there" frames send tap o1 "$out/obs" good bad
tally < <(ip netns exec obs python3 "$here/promisc_frames.py" check "$out/obs" obs)
snmp_lines "obs" "$out/obs" 1 3 obs
# root's counts are what they were: nothing of obs in them
tally < <(frames check "$out" "promisc, after obs")
snmp_lines "promisc, after obs" "$out" 1 3

echo "# ${SECONDS}s: a namespace with promisc on goes away"
check "promisc on in a new namespace" \
	bash -c "ip netns add pz && ip netns exec pz sh -c 'echo 1 >$sys/promisc && echo 2 >$sys/promisc-mpls'"
check "its setting is its own" test "$(ip netns exec pz cat $sys/promisc-mpls)/$(cat $sys/promisc-mpls)" = 2/3
check "the namespace is deleted" ip netns del pz

check "nothing was forwarded (iptables FORWARD)" test "$(pkts iptables filter FORWARD)" = 0
check "nothing was delivered (iptables INPUT)" test "$(pkts iptables filter INPUT)" = 0
check "nothing was forwarded (ip6tables FORWARD)" test "$(pkts ip6tables filter FORWARD)" = 0
check "nothing was delivered (ip6tables INPUT)" test "$(pkts ip6tables filter INPUT)" = 0
for t in iptables ip6tables; do
	$t -F FORWARD
	$t -F INPUT
	$t -t raw -F PREROUTING
done
check "module unloads, exporting every flow" nf_unload
collectors_stop "$d"
decode_nfcapd "$d"
tshark -r "$d/export.pcapng" -d udp.port==2071,cflow -T json >"$d/tshark.json" 2>"$d/tshark.err"
tally < <(python3 "$here/check_flows.py" --label "promisc" --expect "$out/expect.tsv" \
	--nfdump "$d/nfdump.csv" --nfdump-stat "$d/nfdump-stat.txt" \
	--tshark-json "$d/tshark.json")

echo "# ${SECONDS}s: toggles under traffic"
check "module loads with promisc=1 promisc_mpls=2" nf_load promisc=1 promisc_mpls=2
check "the parameters are the sysctls' defaults" \
	test "$(cat $sys/promisc)/$(cat $sys/promisc-mpls)" = 1/2
iptables -t raw -A PREROUTING -i m0 -j NETFLOW
ip6tables -t raw -A PREROUTING -i m0 -j NETFLOW
rm -f "$out/stop"
frames blast tap m1 "$out/stop" >"$out/blast.log" 2>&1 &
blaster=$!
wait_for 30 bash -c "grep -q 'observed [1-9]' /proc/net/stat/ipt_netflow"
toggles=0
for i in $(seq 20); do
	echo 0 >$sys/promisc && echo $((i % 4)) >$sys/promisc-mpls &&
		echo 1 >$sys/promisc && toggles=$((toggles + 1))
done
check "20 on/off toggles under traffic" test "$toggles" = 20
proc_line >"$out/proc-toggles.txt"
check "frames kept being observed" grep -q 'observed [1-9]' "$out/proc-toggles.txt"
iptables -t raw -F PREROUTING
ip6tables -t raw -F PREROUTING
check "module unloads under traffic, promisc on" nf_unload
touch "$out/stop"
wait "$blaster"
check "the blaster ran throughout" grep -q '^blast: [1-9]' "$out/blast.log"

topo_down
ip netns del tap 2>/dev/null
ip netns del obs 2>/dev/null
check "no kernel warnings" no_kernel_warnings
tap_summary
