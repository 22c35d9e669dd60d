#!/bin/bash
# Guest side: configuration. Bad module parameters fail the load with a
# message; bad sysctl writes return EINVAL and change nothing; good ones
# take effect at once (timeouts, flush, hashsize under traffic, two
# collectors, two namespaces exporting apart).
set -uo pipefail
here=$(dirname "$(readlink -f "$0")")
. "$here/../guest/lib.sh"
. "$here/tap.sh"
. "$here/netflow.sh"

out=${GUEST_OUT:-/out}/e2e-config
mkdir -p "$out"
topo_up >"$out/topo.log" 2>&1 || { not_ok "topology up"; tap_summary; exit 1; }
sys=/proc/sys/net/netflow

# --- module parameters -----------------------------------------------------
bad_load() {
	local param=$1 expect=$2
	dmesg -C
	if nf_load "$param" 2>/dev/null; then
		nf_unload
		not_ok "insmod $param is refused"
		return
	fi
	if dmesg | grep -q "ipt_NETFLOW: .*$expect"; then
		ok "insmod $param is refused: $(dmesg | grep -m1 ipt_NETFLOW: | sed 's/^\[[^]]*\] //')"
	else
		not_ok "insmod $param is refused with a message naming $expect"
	fi
}
bad_load destination=bogus destination
bad_load destination=1.2.3.4:0 destination
bad_load protocol=7 protocol
bad_load active_timeout=0 active_timeout
bad_load inactive_timeout=abc inactive_timeout
bad_load maxflows=-1 maxflows
bad_load hashsize=100 hashsize
bad_load scan_min=1000 scan_min

# --- sysctl validation -------------------------------------------------------
check "module loads with defaults" nf_load
check "sysctl tree net.netflow exists" test -d $sys
for name in protocol active_timeout inactive_timeout maxflows hashsize sndbuf \
	    engine_id refresh-rate timeout-rate scan-min debug destination; do
	check "sysctl $name is readable" test -n "$(cat $sys/$name)"
done

bad_write() {
	local name=$1 value=$2 before after
	before=$(cat "$sys/$name")
	if echo "$value" >"$sys/$name" 2>/dev/null; then
		not_ok "write '$value' to $name is refused"
		return
	fi
	after=$(cat "$sys/$name")
	if [ "$before" = "$after" ]; then
		ok "write '$value' to $name: EINVAL, still '$after'"
	else
		not_ok "write '$value' to $name changed it from '$before' to '$after'"
	fi
}
bad_write protocol 7
bad_write protocol 4
bad_write protocol abc
bad_write protocol ""
bad_write active_timeout 0
bad_write active_timeout -5
bad_write active_timeout 99999999999
bad_write inactive_timeout 0
bad_write inactive_timeout 1x
bad_write maxflows -1
bad_write hashsize 100
bad_write hashsize 999999999999
bad_write sndbuf -1
bad_write engine_id 4294967296
bad_write refresh-rate 0
bad_write timeout-rate 0
bad_write scan-min 0
bad_write scan-min 101
bad_write debug 4
bad_write destination bogus
bad_write destination 1.2.3.4:0
bad_write destination "1.2.3.4:2055,bogus"
bad_write destination " "
bad_write destination "[::1"

good_write() {
	local name=$1 value=$2 expect=${3:-$2}
	echo "$value" >"$sys/$name" 2>/dev/null
	check "write '$value' to $name reads back '$expect'" test "$(cat "$sys/$name")" = "$expect"
}
good_write destination "127.0.0.1 , [::1]:2056@::1" "127.0.0.1:2055,[::1]:2056@[::1]"
good_write destination 127.0.0.1:2055
good_write hashsize 4096
good_write active_timeout 3
good_write inactive_timeout 2
good_write maxflows 0

# --- privileges ----------------------------------------------------------------
as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@" 2>/dev/null; }
fails() { ! "$@"; }
check "statistics are world-readable" as_nobody cat /proc/net/stat/ipt_netflow
check "the flow dump is for root only" fails as_nobody cat /proc/net/stat/ipt_netflow_flows
check "root can read the flow dump" cat /proc/net/stat/ipt_netflow_flows
check "settings are readable by anyone" as_nobody cat $sys/destination
check "settings are writable by root only" \
	fails as_nobody sh -c "echo 60 >$sys/inactive_timeout"
check "a refused write changes nothing" test "$(cat $sys/inactive_timeout)" = 2

# --- timeouts and flush without unloading ------------------------------------
dir=$out/timeouts
mkdir -p "$dir"
nfcapd_start "$dir" 2055
iptables -A FORWARD -p udp -s 10.1.0.2 --dport 6001 -m comment --comment "steady 17 10.1.0.2 10.2.0.2 41001 6001" -j NETFLOW
iptables -A FORWARD -p udp -s 10.1.0.2 --dport 6002 -m comment --comment "burst 17 10.1.0.2 10.2.0.2 41002 6002" -j NETFLOW
ip6tables -A FORWARD -j NETFLOW
iptables -A FORWARD -p icmp --icmp-type echo-request -j NETFLOW
check "Hash: size follows the hashsize write" grep -q 'Hash: size 4096 ' /proc/net/stat/ipt_netflow
send_udp ns1 10.2.0.2 6002 10 100 41002
ping_ns ns1 fd00:2::2 2
# 6 s of one packet each 0.1 s: active_timeout 3 must cut it at least once
ip netns exec ns1 python3 "$here/traffic.py" udp-send 10.2.0.2 6001 41001 60 100 0.1
sleep 3
exported=$(awk '/^outFlows/ {print $2}' /proc/net/stat/ipt_netflow_snmp)
check "idle and active timeouts export without unload ($exported flows out)" test "${exported:-0}" -ge 3
check "IPv6 flows are counted as unexportable under v5" \
	grep -q 'Unexportable [1-9][0-9]* flows' /proc/net/stat/ipt_netflow
echo 3600 >$sys/inactive_timeout
echo 3600 >$sys/active_timeout
ping_ns ns1 10.2.0.2 3
before=$(awk '/^outFlows/ {print $2}' /proc/net/stat/ipt_netflow_snmp)
echo 1 >$sys/flush
sleep 0.5
after=$(awk '/^outFlows/ {print $2}' /proc/net/stat/ipt_netflow_snmp)
check "flush exports the ping flow at once ($before -> $after)" test "$after" -gt "$before"
rule_counters iptables >"$dir/expect.tsv"
iptables -F FORWARD
ip6tables -F FORWARD
sleep 1
stop_pidfile "$dir/nfcapd.pid" TERM
decode_nfcapd "$dir"
tally < <(python3 "$here/check_flows.py" --label "timeouts" --expect "$dir/expect.tsv" \
	--nfdump "$dir/nfdump.csv" --nfdump-stat "$dir/nfdump-stat.txt" --allow-extra)
check "the steady flow was cut by the active timeout (several records)" \
	test "$(grep -c ',41001,6001,' "$dir/nfdump.csv")" -ge 2
check "module unloads" nf_unload

# --- hashsize changed under traffic loses nothing ------------------------------
dir=$out/resize
mkdir -p "$dir"
nf_load destination=127.0.0.1:2055 hashsize=512
nfcapd_start "$dir" 2055
iptables -A FORWARD -p udp -s 10.1.0.2 -m comment --comment "many 17 any any 0 0" -j NETFLOW
ip netns exec ns1 python3 "$here/traffic.py" udp-spray 10.2.0.2 7000 2000 &
spray=$!
for size in 8192 300 65536 1024 131072; do
	echo $size >$sys/hashsize
	sleep 0.3
done
wait $spray
check "hashsize reads back the last write" test "$(cat $sys/hashsize)" = 131072
rule_counters iptables >"$dir/expect.tsv"
iptables -F FORWARD
check "module unloads" nf_unload
sleep 1
stop_pidfile "$dir/nfcapd.pid" TERM
decode_nfcapd "$dir"
read -r rule_pkts rule_bytes < <(awk '{print $7, $8}' "$dir/expect.tsv")
read -r flows pkts bytes < <(awk -F, '{f++; p += $12; b += $13} END {print f+0, p+0, b+0}' "$dir/nfdump.csv")
check "resizes under traffic: $flows flows, packets $pkts/$rule_pkts, bytes $bytes/$rule_bytes" \
	test "$pkts" = "$rule_pkts" -a "$bytes" = "$rule_bytes" -a "$flows" = 2000

# --- two collectors get the same stream ----------------------------------------
dir=$out/two-dest
mkdir -p "$dir/a" "$dir/b"
nf_load destination=127.0.0.1:2055,127.0.0.1:2056
nfcapd_start "$dir/a" 2055
nfcapd_start "$dir/b" 2056
capture_start "$dir/both.pcapng" "udp port 2055 or udp port 2056"
iptables -A FORWARD -j NETFLOW
ping_ns ns1 10.2.0.2 4
ip netns exec ns1 python3 "$here/traffic.py" udp-spray 10.2.0.2 7000 50
iptables -F FORWARD
check "module unloads" nf_unload
sleep 1
stop_pidfile "$dir/both.pcapng.pid" INT
stop_pidfile "$dir/a/nfcapd.pid" TERM
stop_pidfile "$dir/b/nfcapd.pid" TERM
decode_nfcapd "$dir/a"
decode_nfcapd "$dir/b"
for port in 2055 2056; do
	tshark -r "$dir/both.pcapng" -Y "udp.dstport == $port" -T fields -e udp.payload \
		>"$dir/payload-$port.txt" 2>/dev/null
done
check "both collectors received the same datagrams ($(wc -l <"$dir/payload-2055.txt") each)" \
	cmp -s "$dir/payload-2055.txt" "$dir/payload-2056.txt"
check "the datagrams are not empty" test -s "$dir/payload-2055.txt"
cut -d, -f4-13 "$dir/a/nfdump.csv" | sort >"$dir/a/flows.txt"
cut -d, -f4-13 "$dir/b/nfdump.csv" | sort >"$dir/b/flows.txt"
check "both nfdump decodes list the same $(wc -l <"$dir/a/flows.txt") flows" \
	cmp -s "$dir/a/flows.txt" "$dir/b/flows.txt"

# --- two namespaces export apart -----------------------------------------------
dir=$out/netns
mkdir -p "$dir/root" "$dir/ns1"
nf_load destination=127.0.0.1:2055
ip netns exec ns1 sh -c "echo 10.1.0.1:2057 >$sys/destination"
check "ns1 has its own destination" \
	test "$(ip netns exec ns1 cat $sys/destination)" = 10.1.0.1:2057 -a "$(cat $sys/destination)" = 127.0.0.1:2055
nfcapd_start "$dir/root" 2055
nfcapd_start "$dir/ns1" 2057 10.1.0.1
iptables -A FORWARD -p icmp -s 10.1.0.2 -m comment --comment "root-icmp 1 10.1.0.2 10.2.0.2 0 2048" -j NETFLOW
ip netns exec ns1 iptables -A OUTPUT -p udp -d 10.2.0.2 --dport 6003 \
	-m comment --comment "ns1-udp 17 10.1.0.2 10.2.0.2 41003 6003" -j NETFLOW
ping_ns ns1 10.2.0.2 3
send_udp ns1 10.2.0.2 6003 7 300 41003
rule_counters iptables >"$dir/root/expect.tsv"
rule_counters "ip netns exec ns1 iptables" OUTPUT >"$dir/ns1/expect.tsv"
ip netns exec ns1 iptables -F OUTPUT
iptables -F FORWARD
ip netns exec ns1 sh -c "echo 1 >$sys/flush"
check "module unloads" nf_unload
sleep 1
stop_pidfile "$dir/root/nfcapd.pid" TERM
stop_pidfile "$dir/ns1/nfcapd.pid" TERM
for ns in root ns1; do
	decode_nfcapd "$dir/$ns"
	tally < <(python3 "$here/check_flows.py" --label "netns $ns" \
		--expect "$dir/$ns/expect.tsv" --nfdump "$dir/$ns/nfdump.csv" \
		--nfdump-stat "$dir/$ns/nfdump-stat.txt")
done

# --- packets still queued for metering leave on their own --------------------
# The target meters plain packets a few packets late (pipeline.c). Three
# lone packets, then nothing that would empty the queues for them (no
# /proc read, no flush, no unload): the exporter's own scans must. Then
# a stream sent from CPU 1 (veth forwards on the sender's CPU), which goes
# offline under it and stays offline until the collector has decoded:
# the packets left in its queue are metered from another CPU.
dir=$out/queued
cpu1=/sys/devices/system/cpu/cpu1/online
nf_load destination=127.0.0.1:2055 inactive_timeout=1
# queued_check NAME: the collector of DIR/NAME against the rule counters
queued_check() {
	rule_counters iptables >"$dir/$1/expect.tsv"
	stop_pidfile "$dir/$1/nfcapd.pid" TERM
	decode_nfcapd "$dir/$1"
	[ -w $cpu1 ] && echo 1 >$cpu1
	tally < <(python3 "$here/check_flows.py" --label "queued packets, $1" \
		--expect "$dir/$1/expect.tsv" --nfdump "$dir/$1/nfdump.csv" \
		--nfdump-stat "$dir/$1/nfdump-stat.txt")
	iptables -F FORWARD
}
nfcapd_start "$dir/lone" 2055
iptables -A FORWARD -p udp -s 10.1.0.2 --dport 6005 \
	-m comment --comment "lone 17 10.1.0.2 10.2.0.2 41005 6005" -j NETFLOW
send_udp ns1 10.2.0.2 6005 3 100 41005
sleep 4
queued_check lone
nfcapd_start "$dir/offline" 2055
iptables -A FORWARD -p udp -s 10.1.0.2 --dport 6006 \
	-m comment --comment "offline 17 10.1.0.2 10.2.0.2 41006 6006" -j NETFLOW
stream_started() { test "$(ipt_pkts FORWARD 1)" -ge 20; }
if [ -w $cpu1 ]; then
	ip netns exec ns1 taskset -c 1 python3 "$here/traffic.py" udp-send \
		10.2.0.2 6006 41006 300 100 0.002 &
	sender=$!
	check "the stream from CPU 1 has begun" wait_for 60 stream_started
	check "CPU 1 goes offline under traffic" sh -c "echo 0 >$cpu1"
	wait $sender
else
	not_ok "CPU 1 can go offline (2 vCPUs expected)"
fi
sleep 4
queued_check offline
check "module unloads" nf_unload

# --- protocol switched at runtime, mid-traffic -----------------------------
dir=$out/switch
mkdir -p "$dir"
nf_load protocol=5
collectors_start "$dir" 2055
iptables -A FORWARD -p udp -s 10.1.0.2 --dport 6004 \
	-m comment --comment "switch 17 10.1.0.2 10.2.0.2 41004 6004" -j NETFLOW
ip netns exec ns1 python3 "$here/traffic.py" udp-send 10.2.0.2 6004 41004 600 100 0.05 &
sender=$!
# each protocol meters at least a few packets before the next switch
first_rule_has() { test "$(ipt_pkts FORWARD 1)" -ge "$1"; }
seen=0
for proto in 9 10 5 10; do
	wait_for 60 first_rule_has $((seen + 5))
	seen=$(ipt_pkts FORWARD 1)
	echo $proto >$sys/protocol
done
wait_for 60 first_rule_has $((seen + 5))
kill $sender
wait $sender
check "protocol reads back the last write" test "$(cat $sys/protocol)" = 10
rule_counters iptables >"$dir/expect.tsv"
iptables -F FORWARD
check "module unloads" nf_unload
collectors_stop "$dir"
decode_nfcapd "$dir"
tshark -r "$dir/export.pcapng" -d udp.port==2055,cflow -T json >"$dir/tshark.json" 2>/dev/null
tally < <(python3 "$here/check_flows.py" --label "switch" --expect "$dir/expect.tsv" \
	--nfdump "$dir/nfdump.csv" --tshark-json "$dir/tshark.json")
versions=$(tshark -r "$dir/export.pcapng" -d udp.port==2055,cflow -T fields -e cflow.version 2>/dev/null |
	sort -u | tr '\n' ' ')
check "datagrams of every protocol went out ($versions)" test "$versions" = "10 5 9 "
sessions=$(tshark -r "$dir/export.pcapng" -d udp.port==2055,cflow -T fields -e udp.srcport \
	-e cflow.version 2>/dev/null | sort -u | wc -l)
check "each protocol change began a new session ($sessions source port/version pairs)" \
	test "$sessions" = 5

check "no kernel warnings" no_kernel_warnings
tap_summary
