#!/bin/bash
# Guest side: aggregation=, snmp-rules= and sampler= on the wire
# (docs/config.md). Real UDP traffic from several source addresses and
# ports, through iptables rules that count it, exported by the module,
# decoded by nfcapd+nfdump and by tshark:
#  - aggregation (IPFIX): the flows of a prefix rule arrive as one flow
#    with the cut address and the aggregated port, packets and bytes equal
#    to what the rules counted; other addresses untouched; IPv6 too; a
#    sysctl change applies to the flows after it;
#  - snmp-rules (NetFlow v9): interface indexes base + digits where a rule
#    matches the device name, the kernel ifindex where none does;
#  - sampler (NetFlow v5): deterministic:N exports exactly K/N flows, the
#    predictable ones among them, random:N a plausible number, hash:N
#    whole flows only; the /proc counters add up; the v5 header carries
#    mode << 14 | N; off again exports everything.
# Needs: MODULE_KO, PLUGIN_OUT; runs inside ci/guest/run.
set -uo pipefail
here=$(dirname "$(readlink -f "$0")")
. "$here/../guest/lib.sh"
. "$here/tap.sh"
. "$here/netflow.sh"

out=${GUEST_OUT:-/out}/e2e-features
rm -rf "$out"
mkdir -p "$out"
sys=/proc/sys/net/netflow
send() { python3 "$here/features_send.py" "$@"; }
check_py() { python3 "$here/features_check.py" "$@"; }

topo_up >"$out/topo.log" 2>&1 || { not_ok "topology up"; tap_summary; exit 1; }
# more source addresses in ns1: 10.1.0.3, .4, .9 in its subnet, 10.1.1.2
# outside it; fd00:1::3, fd00:1::109
{
	for a in 10.1.0.3/24 10.1.0.4/24 10.1.0.9/24 10.1.1.2/32 \
		fd00:1::3/64 fd00:1::109/64; do
		ip -n ns1 addr add $a dev eth0 nodad 2>/dev/null ||
			ip -n ns1 addr add $a dev eth0
	done
	ip route add 10.1.1.2/32 dev v1
	for a in 10.1.0.3 10.1.0.4 10.1.0.9 10.1.1.2 fd00:1::3 fd00:1::109; do
		ip neigh replace $a lladdr 02:00:00:00:01:02 dev v1 nud permanent
	done
} >>"$out/topo.log" 2>&1 || { not_ok "extra addresses"; tap_summary; exit 1; }

# one capture of every export for the whole scenario; one collector a port
capture_start "$out/export.pcapng" "udp and dst portrange 2061-2066"
for p in 2061 2062 2063 2064 2065 2066; do
	nfcapd_start "$out/c$p" $p
done

# rule IPT NAME PROTO SRC DST SPORT DPORT MATCH...: a counting NETFLOW rule
# whose comment is the flow the collector must show
rule() {
	local ipt=$1 key="$2 $3 $4 $5 $6 $7"
	shift 7
	$ipt -A FORWARD "$@" -m comment --comment "$key" -j NETFLOW
}

echo "# ${SECONDS}s: aggregation"
# --- aggregation (IPFIX, port 2061) -------------------------------------------
agg1="10.1.0.0/24=29,fd00:1::/64=120,41000-41099=41000"
d=$out/agg
mkdir -p "$d"
check "aggregation: module loads with aggregation=$agg1" \
	nf_load protocol=10 destination=127.0.0.1:2061 "aggregation=$agg1"
check "aggregation: the sysctl shows the parameter" \
	test "$(cat $sys/aggregation)" = "$agg1"
# batch 1: four sources of 10.1.0.0/29 (10.1.0.9 is in 10.1.0.8/29), one
# outside the rule's net and port range, ns2 -> aggregated destination
rule iptables agg4 17 10.1.0.0 10.2.0.2 41000 5100 -p udp -s 10.1.0.0/29 \
	--sport 41000:41099 -d 10.2.0.2 --dport 5100
rule iptables agg4-9 17 10.1.0.8 10.2.0.2 41000 5100 -p udp -s 10.1.0.8/29 \
	--sport 41000:41099 -d 10.2.0.2 --dport 5100
rule iptables outside 17 10.1.1.2 10.2.0.2 42000 5100 -p udp -s 10.1.1.2 \
	--sport 42000 -d 10.2.0.2 --dport 5100
rule iptables agg4-dst 17 10.2.0.2 10.1.0.0 5150 41000 -p udp -s 10.2.0.2 \
	--sport 5150 -d 10.1.0.0/29 --dport 41000:41099
rule ip6tables agg6 17 fd00:1:: fd00:2::2 41000 5106 -p udp -s fd00:1::/120 \
	--sport 41000:41099 -d fd00:2::2 --dport 5106
rule ip6tables agg6-109 17 fd00:1::100 fd00:2::2 41000 5106 -p udp \
	-s fd00:1::100/120 --sport 41000:41099 -d fd00:2::2 --dport 5106
# batch 2, after a runtime change: 10.1.0.0/24 keeps 30 bits, no v6 or
# port rule any more
agg2="10.1.0.0/24=30"
rule iptables b2-2 17 10.1.0.0 10.2.0.2 41001 5102 -p udp -s 10.1.0.2 \
	--sport 41001 -d 10.2.0.2 --dport 5102
rule iptables b2-3 17 10.1.0.0 10.2.0.2 41002 5102 -p udp -s 10.1.0.3 \
	--sport 41002 -d 10.2.0.2 --dport 5102
rule iptables b2-4 17 10.1.0.4 10.2.0.2 41003 5102 -p udp -s 10.1.0.4 \
	--sport 41003 -d 10.2.0.2 --dport 5102
rule ip6tables b2-6 17 fd00:1::2 fd00:2::2 41001 5108 -p udp -s fd00:1::2 \
	--sport 41001 -d fd00:2::2 --dport 5108
check "aggregation: batch 1, sysctl change, batch 2 sent and received" send \
	"ns1/10.1.0.2/41001>ns2/10.2.0.2/5100*5,ns1/10.1.0.3/41002>ns2/10.2.0.2/5100*7,ns1/10.1.0.4/41099>ns2/10.2.0.2/5100*3,ns1/10.1.0.9/41004>ns2/10.2.0.2/5100*4,ns1/10.1.1.2/42000>ns2/10.2.0.2/5100*6,ns2/10.2.0.2/5150>ns1/10.1.0.3/41060*3,ns2/10.2.0.2/5150>ns1/10.1.0.4/41050*2,ns1/fd00:1::2/41001>ns2/fd00:2::2/5106*5,ns1/fd00:1::3/41002>ns2/fd00:2::2/5106*4,ns1/fd00:1::109/41005>ns2/fd00:2::2/5106*2" \
	"aggregation=$agg2" \
	"ns1/10.1.0.2/41001>ns2/10.2.0.2/5102*2,ns1/10.1.0.3/41002>ns2/10.2.0.2/5102*3,ns1/10.1.0.4/41003>ns2/10.2.0.2/5102*4,ns1/fd00:1::2/41001>ns2/fd00:2::2/5108*3"
check "aggregation: the sysctl changed at runtime" test "$(cat $sys/aggregation)" = "$agg2"
{ rule_counters iptables; rule_counters ip6tables; } >"$d/expect.tsv"
iptables -F FORWARD
ip6tables -F FORWARD
check "aggregation: module unloads, exporting every flow" nf_unload

echo "# ${SECONDS}s: snmp-rules"
# --- snmp-rules (NetFlow v9, port 2062) ---------------------------------------
d=$out/snmp
mkdir -p "$d"
if1=$(cat /sys/class/net/v1/ifindex)
if2=$(cat /sys/class/net/v2/ifindex)
check "snmp-rules: module loads with snmp_rules=v:100" \
	nf_load protocol=9 destination=127.0.0.1:2062 snmp_rules=v:100
iptables -A FORWARD -j NETFLOW
ip6tables -A FORWARD -j NETFLOW
# each group of flows under its rules, set in between (expected in/out)
printf '%s\n' "43001 101 102 v:100" "43002 102 101 v:100" \
	"43003 $if1 $if2 v1:300,v2:400,eth:100" "43004 1001 1002 w:1,v:1000" \
	"43005 $if2 $if1 (none)" >"$d/expect.txt"
# "v1" and "v2" are prefixes without digits after them: no match
check "snmp-rules: flows sent under four rule sets" send \
	"ns1/10.1.0.2/43001>ns2/10.2.0.2/5200*3,ns2/fd00:2::2/43002>ns1/fd00:1::2/5201*2" \
	"snmp-rules=v1:300,v2:400,eth:100" "ns1/10.1.0.2/43003>ns2/10.2.0.2/5202*3" \
	"snmp-rules=w:1,v:1000" "ns1/10.1.0.2/43004>ns2/10.2.0.2/5203*2" \
	"snmp-rules=" "ns2/10.2.0.2/43005>ns1/10.1.0.2/5204*2"
check "snmp-rules: the sysctl is empty again" test -z "$(cat $sys/snmp-rules)"
iptables -F FORWARD
ip6tables -F FORWARD
check "snmp-rules: module unloads" nf_unload

echo "# ${SECONDS}s: sampler"
# --- sampler (NetFlow v5, ports 2063-2066) ---------------------------------------
d=$out/sampler
mkdir -p "$d"
check "sampler: module loads (v5)" nf_load protocol=5 destination=127.0.0.1:2063
# flows PORT0 COUNT DPORT: COUNT flows 10.1.0.2:PORT0+i -> 10.2.0.2:DPORT,
# 1 + i % 4 packets each, as send specs; also appended to $d/sent-DPORT.txt
flows() {
	local i sp n list=()
	for ((i = 0; i < $2; i++)); do
		sp=$(($1 + i))
		n=$((1 + i % 4))
		list+=("ns1/10.1.0.2/$sp>ns2/10.2.0.2/$3*$n")
		echo "$sp $n" >>"$d/sent-$3.txt"
	done
	local IFS=,
	echo "${list[*]}"
}
proc_line() { grep -E '^Flow sampling' /proc/net/stat/ipt_netflow; }
# sample MODE DPORT PORT SEND-ARGS...: one sampler, one collector port
sample() {
	local mode=$1 dport=$2 port=$3
	shift 3
	echo 1 >$sys/flush
	echo "127.0.0.1:$port" >$sys/destination
	echo "$mode" >$sys/sampler
	check "sampler '$mode': the sysctl reads back" test "$(cat $sys/sampler)" = "$mode"
	proc_line >"$d/proc-before-$dport.txt"
	iptables -A FORWARD -p udp -d 10.2.0.2 --dport "$dport" -j NETFLOW
	check "sampler '$mode': traffic sent and received" send "$@"
	echo 1 >$sys/flush
	proc_line >"$d/proc-after-$dport.txt"
	ipt_pkts FORWARD 1 >"$d/rule-$dport.txt"
	iptables -F FORWARD
}
# deterministic:4, 40 flows: the 1st alone (observed 0: kept), 35 together
# (observed 1..35: 8 kept), then 4 alone, each flushed (36 kept, 37-39 not)
sample deterministic:4 5301 2063 "$(flows 44000 1 5301)" flush \
	"$(flows 44001 35 5301)" flush "$(flows 44036 1 5301)" flush \
	"$(flows 44037 1 5301)" flush "$(flows 44038 1 5301)" flush \
	"$(flows 44039 1 5301)"
sample random:4 5302 2064 "$(flows 44100 40 5302)"
sample hash:4 5303 2065 "$(flows 44200 40 5303)"
sample "" 5304 2066 "$(flows 44300 10 5304)"
check "sampler off: /proc says so" grep -qx 'Flow sampling is disabled.' "$d/proc-after-5304.txt"
check "sampler: module unloads" nf_unload

echo "# ${SECONDS}s: decode"
# --- decode everything ---------------------------------------------------------
sleep 1
stop_pidfile "$out/export.pcapng.pid" INT
for p in 2061 2062 2063 2064 2065 2066; do
	stop_pidfile "$out/c$p/nfcapd.pid" TERM
	decode_nfcapd "$out/c$p"
	for f in "$out/c$p"/nfcap/nfcapd.*; do
		case $f in *current*|*'*') continue ;; esac
		nfdump -r "$f" -q -N -o 'fmt:%pr|%sa|%da|%sp|%dp|%in|%out|%pkt|%byt'
	done | tr -d ' ' >"$out/c$p/nfdump.txt"
done
tshark -r "$out/export.pcapng" -d udp.port==2061,cflow -d udp.port==2062,cflow \
	-d udp.port==2063,cflow -d udp.port==2064,cflow -d udp.port==2065,cflow \
	-d udp.port==2066,cflow -T json >"$out/tshark.json" 2>"$out/tshark.err"
check_py split "$out/tshark.json" "$out"

tally < <(python3 "$here/check_flows.py" --label "aggregation" \
	--expect "$out/agg/expect.tsv" --nfdump "$out/c2061/nfdump.csv" \
	--nfdump-stat "$out/c2061/nfdump-stat.txt" --tshark-json "$out/tshark-2061.json")
tally < <(check_py snmp "$out/snmp/expect.txt" "$out/c2062/nfdump.txt" "$out/tshark-2062.json")
tally < <(check_py sampler "$out" deterministic:4 5301 2063 --predict-in 44000,44036 \
	--predict-out 44037,44038,44039 \
	random:4 5302 2064 hash:4 5303 2065 off 5304 2066)

echo "# ${SECONDS}s: done"
topo_down
check "no kernel warnings" no_kernel_warnings
tap_summary
