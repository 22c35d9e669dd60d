#!/bin/bash
# Guest side: the module under faults (issue 7 item 4).
#   a. collector absent: ICMP port unreachable counted as cberr, every
#      datagram still sent (none lost to the stale error), no memory growth; recovery when it comes up (flows
#      arrive, the sequence goes on from where it was).
#   b. send buffer exhaustion: tiny sndbuf, a slow link, a flood of flows:
#      counted, every flow either sent (and received) or counted lost.
#   c. destination, protocol and hashsize changed again and again under
#      load: every packet and every flow accounted for.
#   d. rmmod under traffic, FAULTS_UNLOADS (100) times: the slab cache
#      goes with the module, every packet the rule passed reaches the
#      collector.
#   e. random-source flood against maxflows=1000: memory bounded, drops
#      counted, an existing flow still metered.
# Flood traffic comes from ci/torture/tt_send (AF_PACKET, from ns1 into
# v1) and is metered by raw PREROUTING rules that take only its source
# MAC. Needs: MODULE_KO, PLUGIN_OUT; runs inside ci/guest/run.
set -uo pipefail
here=$(dirname "$(readlink -f "$0")")
. "$here/../guest/lib.sh"
. "$here/tap.sh"
. "$here/netflow.sh"

out=${GUEST_OUT:-/out}/e2e-faults
rm -rf "$out"
mkdir -p "$out"
. "$here/../torture/lib.sh"
tt_build "$out" || { tap_summary; exit 1; }

topo_up >"$out/topo.log" 2>&1 || { not_ok "topology up"; tap_summary; exit 1; }

# ----------------------------------------------------- a. collector absent
t0=$EPOCHREALTIME
dir=$out/a
mkdir -p "$dir"
# refresh_rate=1: templates in every datagram, or a collector that comes
# up late cannot decode the data before the next refresh (20 datagrams)
check "a: module loads (v9, collector on 127.0.0.1:2056 absent)" \
	nf_load protocol=9 destination=127.0.0.1:2056 active_timeout=600 inactive_timeout=600 refresh_rate=1
iptables -w -A FORWARD -s 10.1.0.2 -d 10.2.0.2 -j NETFLOW
objs=()
lost0=$(sv lostFlows)
for r in 1 2 3 4 5 6; do
	send_udp ns1 10.2.0.2 5001 20 100 $((40100 + r)) >/dev/null
	flush_all
	objs+=("$(slab_objs)")
done
cberr=$(sockv 0 6)
echo "# a: $(grep '^sock0' /proc/net/stat/ipt_netflow_snmp); slab objects after each round: ${objs[*]}"
check "a: ICMP port unreachable counted as cberr ($cberr)" test "${cberr:-0}" -gt 0
grep '^sock0: ' /proc/net/stat/ipt_netflow >"$dir/sock-human.txt"
check "a: the human format shows cberr too" grep -q "cberr $cberr," "$dir/sock-human.txt"
# the refusal is an earlier datagram's: the module sends each one anyway,
# so nothing is lost at the socket (what the absent collector missed is
# cberr, which the original does not count as lost traffic either)
expect "a: no flow lost at the socket" "$(($(sv lostFlows) - lost0))" 0
expect "a: no flow held after the flushes" "$(sv hashFlows)" 0
check "a: no slab growth over the rounds (${objs[1]} -> ${objs[5]}, slack 64)" \
	test "${objs[5]}" -le $((objs[1] + 64))
# the collector comes up: flows arrive, the sequence goes on
nfcapd_start "$dir" 2056
capture_start "$dir/export.pcapng" "udp port 2056"
out0=$(sv outFlows)
for r in 1 2 3; do
	send_udp ns1 10.2.0.2 5001 10 100 $((40200 + r)) >/dev/null
	flush_all
done
collectors_stop "$dir"
decode_nfcapd "$dir"
tshark -r "$dir/export.pcapng" -d udp.port==2056,cflow -T fields -e cflow.sequence \
	-e cflow.srcport >"$dir/tshark.txt" 2>"$dir/tshark.err"
got=$(grep -c ',4020[123],' "$dir/nfdump.csv")
expect "a: after recovery the 3 new flows reach nfcapd" "$got" 3
seqs=$(awk 'NF { printf "%s ", $1 }' "$dir/tshark.txt")
echo "# a: sequence numbers received: $seqs"
check "a: sequence goes on (first > 0, then +1 per datagram)" awk '
	NF { n++; if (n == 1 && $1 == 0) bad = 1; if (n > 1 && $1 != prev + 1) bad = 1; prev = $1 }
	END { exit bad || !n }' "$dir/tshark.txt"
check "a: outFlows grew by what was sent ($(($(sv outFlows) - out0)))" \
	test "$(($(sv outFlows) - out0))" -ge 3
unload_all
echo "# a: $(elapsed "$t0") s"

# ------------------------------------------------ b. send buffer exhaustion
t0=$EPOCHREALTIME
dir=$out/b
mkdir -p "$dir/nfcap"
check "b: module loads (v5, sndbuf=4096, collector in ns2 behind a 200 kbit/s link)" \
	nf_load protocol=5 destination=10.2.0.2:2057 sndbuf=4096 active_timeout=600 inactive_timeout=600
tc qdisc add dev v2 root tbf rate 200kbit burst 4000 limit 50000000
ip netns exec ns2 nfcapd -w "$dir/nfcap" -b 10.2.0.2 -p 2057 -t 3600 >"$dir/nfcapd.log" 2>&1 &
echo $! >"$dir/nfcapd.pid"
wait_for 30 bash -c "ip netns exec ns2 ss -Hlun 'sport = :2057' | grep -q ."
raw_rule
in0=$(sv inFlows) out0=$(sv outFlows) lost0=$(sv lostFlows) p0=$(sv inPackets) d0=$(sv dropPackets)
res=$(flood 20000 0 1)
echo "# b: flood: $res"
wait_for 60 settled
flush_all
sb=$(sockv 0 5)
echo "# b: $(grep '^sock0' /proc/net/stat/ipt_netflow_snmp)"
check "b: send buffer full counted (${sb:-0} times)" test "${sb:-0}" -gt 0
dl=$(($(sv lostFlows) - lost0)) dout=$(($(sv outFlows) - out0)) din=$(($(sv inFlows) - in0))
echo "# b: flows created $din, sent $dout, lost $dl"
check "b: flows were lost ($dl)" test "$dl" -gt 0
expect "b: flows created = sent + lost" "$((dout + dl))" "$din"
expect "b: packets metered + dropped = rule packets" \
	"$(($(sv inPackets) - p0 + $(sv dropPackets) - d0))" "$(rule_sum)"
check "b: sndbufPeak reported ($(sv sndbufPeak))" test "$(sv sndbufPeak)" -gt 0
wait_for 120 qdisc_empty
sleep 1
stop_pidfile "$dir/nfcapd.pid" TERM
decode_nfcapd "$dir"
got=$(awk -F, 'NF >= 13 && $1 != "ts" { n++ } END { print n + 0 }' "$dir/nfdump.csv")
expect "b: nfcapd received every flow sent" "$got" "$dout"
tc qdisc del dev v2 root
unload_all
echo "# b: $(elapsed "$t0") s"

# ------------------------------------- c. reconfiguration under traffic
t0=$EPOCHREALTIME
dir=$out/c
mkdir -p "$dir"
check "c: module loads" nf_load protocol=5 destination=127.0.0.1:2058 active_timeout=600 inactive_timeout=600
raw_rule 6
in0=$(sv inFlows) out0=$(sv outFlows) lost0=$(sv lostFlows) p0=$(sv inPackets) d0=$(sv dropPackets)
u0=$(awk '/Unexportable/ { sub(/.*Unexportable /, ""); print $1 }' /proc/net/stat/ipt_netflow)
flood_bg "$dir/flood.txt" 4000000000 20000 0 0
fpid=$!
wait_for 30 metered_over 1000
protos=(9 10 5) dests=(127.0.0.1:2059 127.0.0.1:2058 "127.0.0.1:2058,127.0.0.1:2059") sizes=(1024 65536 4096 300000)
fails=0
for i in $(seq 0 29); do
	echo "${protos[i % 3]}" >/proc/sys/net/netflow/protocol || fails=$((fails + 1))
	echo "${dests[i % 3]}" >/proc/sys/net/netflow/destination || fails=$((fails + 1))
	echo "${sizes[i % 4]}" >/proc/sys/net/netflow/hashsize || fails=$((fails + 1))
	sleep 0.1
done
kill "$fpid"
wait "$fpid" 2>/dev/null
expect "c: 90 changes of protocol, destination, hashsize under traffic, failed writes" "$fails" 0
wait_for 60 settled
flush_all
u1=$(awk '/Unexportable/ { sub(/.*Unexportable /, ""); print $1 }' /proc/net/stat/ipt_netflow)
din=$(($(sv inFlows) - in0)) dout=$(($(sv outFlows) - out0)) dl=$(($(sv lostFlows) - lost0)) du=$((u1 - u0))
echo "# c: packets $(($(sv inPackets) - p0)), flows created $din, sent $dout, lost $dl, unexportable $du"
check "c: traffic was metered meanwhile" test "$din" -gt 0
expect "c: packets metered + dropped = rule packets" \
	"$(($(sv inPackets) - p0 + $(sv dropPackets) - d0))" "$(rule_sum)"
# with two collectors a flow is sent (or lost) once per collector
check "c: every flow sent or lost or unexportable ($din <= $dout + $dl + $du <= 2 * $din)" \
	test "$din" -le $((dout + dl + du)) -a $((dout + dl + du)) -le $((2 * din))
unload_all
echo "# c: $(elapsed "$t0") s"

# --------------------------------------------- d. rmmod under traffic
t0=$EPOCHREALTIME
dir=$out/d
mkdir -p "$dir"
cycles=${FAULTS_UNLOADS:-100}
nfcapd_start "$dir" 2055
flood_bg "$dir/flood.txt" 4000000000 20000 0 4
fpid=$!
sent=0 fails=0 leaks=0 empty=0 merged=0 objs0=
# iptables-legacy here: a deleted rule drops its module reference at once
# (nft_compat does it later, and rmmod must retry), and fewer processes
L="iptables-legacy -w -t raw"
# lpkts N: packets of rule N of the legacy raw PREROUTING chain
lpkts() {
	local num pkts rest
	while read -r num pkts rest; do
		[ "$num" = "$1" ] && { echo "$pkts"; return 0; }
	done < <($L -L PREROUTING -v -x -n --line-numbers)
	return 1
}
lbusy() { [ "$(lpkts 1)" -gt 0 ]; }
modprobe x_tables
for _ in $(seq "$cycles"); do
	if ! insmod "$MODULE_KO" protocol=5 destination=127.0.0.1:2055; then
		fails=$((fails + 1))
		continue
	fi
	[ -n "$objs0" ] || objs0=$(slab_objs)
	if ! $L -A PREROUTING -i v1 -m mac --mac-source $TT_MAC -j NETFLOW; then
		fails=$((fails + 1))
		rmmod ipt_NETFLOW
		continue
	fi
	slab_merged && merged=$((merged + 1))
	wait_for 20 lbusy 2>/dev/null || empty=$((empty + 1))
	# an ACCEPT in front: the traffic goes on, the NETFLOW rule sees no more
	$L -I PREROUTING 1 -i v1 -j ACCEPT
	until n=$(lpkts 2) && sleep 0.1 && [ "$n" = "$(lpkts 2)" ]; do :; done
	sent=$((sent + n))
	$L -F PREROUTING
	rmmod ipt_NETFLOW || nf_unload || fails=$((fails + 1))
	slab_gone || leaks=$((leaks + 1))
done
rmmod iptable_raw 2>/dev/null
# with a merged cache, a leak shows as growth of the shared one
insmod "$MODULE_KO" && objs1=$(slab_objs) && rmmod ipt_NETFLOW
kill "$fpid"
wait "$fpid" 2>/dev/null
sleep 1
stop_pidfile "$dir/nfcapd.pid" TERM
# nfdump's file statistics: a CSV of all the flows takes minutes under TCG
got=0
for f in "$dir"/nfcap/nfcapd.*; do
	n=$(nfdump -r "$f" -I | sed -n 's/^Packets: *//p')
	got=$((got + ${n:-0}))
done
expect "d: $cycles load/rule/traffic/unload cycles, failed" "$fails" 0
expect "d: cycles without traffic" "$empty" 0
expect "d: cycles after which the slab caches netflow_flow4/6 remained" "$leaks" 0
echo "# d: the cache was merged with another in $merged cycles; objects in it $objs0 at the first cycle, $objs1 after the last"
check "d: no growth of the cache over the cycles ($objs0 -> $objs1, slack 128)" \
	test "${objs1:-0}" -le $((${objs0:-0} + 128))
echo "# d: the rules passed $sent packets in $cycles cycles; nfcapd decoded $got"
check "d: traffic in the cycles ($sent packets)" test "$sent" -gt 0
expect "d: packets in decoded flows = packets the rules passed" "$got" "$sent"
echo "# d: $(elapsed "$t0") s"

# ------------------------------------------------ e. flood against maxflows
t0=$EPOCHREALTIME
dir=$out/e
mkdir -p "$dir"
base=$(slab_objs)
check "e: module loads (maxflows=1000)" nf_load protocol=5 maxflows=1000 \
	destination=127.0.0.1:2060 active_timeout=600 inactive_timeout=600
iptables -w -A FORWARD -p udp -s 10.1.0.2 --sport 40300 -d 10.2.0.2 --dport 5001 -j NETFLOW
raw_rule
send_udp ns1 10.2.0.2 5001 50 100 40300 >/dev/null
p0=$(sv inPackets) d0=$(sv dropPackets)
flood_bg "$dir/flood.txt" 30000 0 1
fpid=$!
peak=0 speak=0
wait_for 60 maxflows_hit
send_udp ns1 10.2.0.2 5001 50 100 40300 >/dev/null
while kill -0 "$fpid" 2>/dev/null; do
	f=$(sv hashFlows) s=$(slab_objs)
	[ "$f" -gt "$peak" ] && peak=$f
	[ "$s" -gt "$speak" ] && speak=$s
	sleep 0.3
done
wait "$fpid"
echo "# e: flood: $(cat "$dir/flood.txt")"
wait_for 60 settled
f=$(sv hashFlows) s=$(slab_objs)
[ "$f" -gt "$peak" ] && peak=$f
[ "$s" -gt "$speak" ] && speak=$s
mf=$(cpusum 12)
echo "# e: flows held at most $peak; slab objects $base before, at most $speak; maxflows drops $mf"
check "e: flows held <= maxflows ($peak)" test "$peak" -le 1000
check "e: slab objects <= before + maxflows + 256 ($speak <= $base + 1256)" test "$speak" -le $((base + 1256))
check "e: drops counted in the maxflows counter ($mf)" test "$mf" -gt 0
expect "e: dropped packets = maxflows drops" "$(($(sv dropPackets) - d0))" "$mf"
fw=$(ipt_pkts FORWARD 1)
expect "e: packets metered + dropped = rule packets" \
	"$(($(sv inPackets) - p0 + $(sv dropPackets) - d0))" "$(($(rule_sum) + fw - 50))"
line=$(awk '$2 == 17 && $5 == "10.1.0.2" && $6 == 40300' /proc/net/stat/ipt_netflow_flows)
echo "# e: the existing flow: $line"
expect "e: the existing flow kept being metered (packets)" "$(awk '{ print $12 }' <<<"$line")" 100
unload_all
check "e: slab cache gone after unload" slab_gone
echo "# e: $(elapsed "$t0") s"

check "no kernel warnings" no_kernel_warnings
topo_down
tap_summary
