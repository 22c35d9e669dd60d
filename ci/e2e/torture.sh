#!/bin/bash
# Guest side: malformed and unusual packets through the NETFLOW target
# (issue 7 item 3), every one accounted for in /proc/net/stat/ipt_netflow
# and ipt_netflow_snmp.
#
# 1. direct: ci/torture/nf_torture.ko builds skbs of the cases in
#    ci/torture/cases.h (truncated and bad IPv4/IPv6 headers, fragments,
#    extension header chains, GRE/ESP/AH/odd protocols, ICMP errors,
#    empty payloads, nonlinear skbs) and calls the target on each; the
#    counters must move by exactly what it says it sent, class by class.
# 2. wire: ci/torture/tt_send sends the same cases as Ethernet frames from
#    ns1 into v1 (AF_PACKET), where a raw PREROUTING rule meters whatever
#    the IP stack lets through; the module's counters must add up to the
#    rule's, packets and bytes.
#
# Needs: MODULE_KO, PLUGIN_OUT; nf_torture.ko and tt_send in TORTURE_DIR
# (default: build/torture beside MODULE_KO's build/module; made by
# ci/torture/build.sh, else built here). TORTURE_PACKETS scales the run.
set -uo pipefail
here=$(dirname "$(readlink -f "$0")")
. "$here/../guest/lib.sh"
. "$here/tap.sh"
. "$here/netflow.sh"

out=${GUEST_OUT:-/out}/e2e-torture
rm -rf "$out"
mkdir -p "$out"
. "$here/../torture/lib.sh"
total=${TORTURE_PACKETS:-1000000}
seed=${TORTURE_SEED:-$((RANDOM << 15 | RANDOM))}
echo "# seed $seed (TORTURE_SEED=$seed repeats this run)"
tt_build "$out" || { tap_summary; exit 1; }

# snap FILE: the counters, one "name value" a line: the named lines of
# ipt_netflow_snmp, the per-CPU columns summed, the "Total" row of the
# human format (h_*) to cross-check.
snap() {
	{
		awk '$1 ~ /^cpu[0-9]+$/ { t += $9; f += $10; a += $11; m += $12; next }
		     NF == 2 { print }
		     END { print "truncated", t; print "fragments", f;
			   print "allocErrors", a; print "maxflows", m }' \
			/proc/net/stat/ipt_netflow_snmp
		sed -n 's/^Total *[0-9]*; *[0-9]* *[0-9]* *[0-9]* \[[0-9.]*\], *\([0-9]*\) *\([0-9]*\) *\([0-9]*\) *\([0-9]*\), traffic: \([0-9]*\), [0-9]* MB, drop: \([0-9]*\), .*/h_truncated \1\nh_fragments \2\nh_alloc \3\nh_maxflows \4\nh_packets \5\nh_drop \6/p' \
			/proc/net/stat/ipt_netflow
	} >"$1"
}
# d NAME: difference of counter NAME between $before and $after
d() {
	local a b
	a=$(awk -v n="$1" '$1 == n { print $2 }' "$after")
	b=$(awk -v n="$1" '$1 == n { print $2 }' "$before")
	echo $((${a:-0} - ${b:-0}))
}
# kv LINE NAME: value of NAME=value in LINE
kv() { sed -n "s/.* $2=\([0-9-]*\).*/\1/p" <<<"$1"; }


topo_down
check "module loads" nf_load protocol=10 destination=127.0.0.1:2055 maxflows=0
# a rule that matches nothing activates the namespace's meter: the
# direct calls are then all the counters see
check "NETFLOW rule on no interface (activates the meter)" \
	iptables -t raw -A PREROUTING -i tt-none -j NETFLOW
srcver=$(cat /sys/module/ipt_NETFLOW/srcversion)

# direct CLASSES NUMBERS LABEL: nf_torture over NUMBERS packet numbers in
# chunks; sets $res (summed result fields) and the snapshots
declare -A res
direct() {
	local classes=$1 numbers=$2 chunk=200000 at=0 n line f t0
	for f in meter meter_bytes trunc trunc_bytes either either_bytes frags nonlinear; do
		res[$f]=0
	done
	t0=$EPOCHREALTIME
	while [ "$at" -lt "$numbers" ]; do
		n=$((numbers - at < chunk ? numbers - at : chunk))
		if ! insmod "$TORTURE_DIR/nf_torture.ko" first="$at" packets="$n" \
			seed="$seed" classes="$classes" expect="$srcver"; then
			not_ok "nf_torture classes=$classes first=$at runs"
			dmesg | grep nf_torture | tail -n 3
			return 1
		fi
		rmmod nf_torture
		line=$(dmesg | grep "nf_torture: first=$at packets=$n seed=$seed classes=$classes " | tail -n 1)
		echo "$line" >>"$out/nf_torture.log"
		dmesg | grep 'nf_torture: cases' | tail -n 2 >>"$out/nf_torture.log"
		[ "$(kv "$line" err)" = 0 ] || { not_ok "nf_torture: $line"; return 1; }
		for f in meter meter_bytes trunc trunc_bytes either either_bytes frags nonlinear; do
			res[$f]=$((res[$f] + $(kv "$line" "$f")))
		done
		at=$((at + n))
	done
	echo "# direct classes=$classes: $numbers numbers in $(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }') s"
}

before=$out/direct1-before.txt after=$out/direct1-after.txt
# about 3/4 of the case numbers are must-meter or must-truncate
strict_numbers=$((total * 4 / 3 * 11 / 10 / 10 * 10))
snap "$before"
direct 3 "$strict_numbers"
snap "$after"
sent=$((res[meter] + res[trunc]))
echo "# direct, strict classes: sent $sent: meter ${res[meter]} (${res[meter_bytes]} bytes), truncated ${res[trunc]} (${res[trunc_bytes]} bytes), non-first fragments ${res[frags]}, nonlinear skbs ${res[nonlinear]}"
expect "direct: metered packets = must-meter packets sent" "$(d inPackets)" "${res[meter]}"
expect "direct: metered bytes = their IP lengths" "$(d inBytes)" "${res[meter_bytes]}"
expect "direct: truncated = must-truncate packets sent" "$(d truncated)" "${res[trunc]}"
expect "direct: dropped packets = truncated" "$(d dropPackets)" "${res[trunc]}"
expect "direct: dropped bytes = truncated skb lengths" "$(d dropBytes)" "${res[trunc_bytes]}"
expect "direct: fragments = non-first fragments sent" "$(d fragments)" "${res[frags]}"
expect "direct: no maxflows or allocation drops" "$(($(d maxflows) + $(d allocErrors)))" 0
expect "direct: human format agrees (truncated)" "$(d h_truncated)" "$(d truncated)"
expect "direct: human format agrees (fragments)" "$(d h_fragments)" "$(d fragments)"
expect "direct: human format agrees (metered + dropped)" \
	"$(($(d h_packets) + $(d h_drop)))" "$(($(d inPackets) + $(d dropPackets)))"
check "direct: nonlinear skbs among them (${res[nonlinear]})" test "${res[nonlinear]}" -gt 0
total_sent=$sent

# the arguable ones: any verdict, but each packet counted exactly once
before=$out/direct2-before.txt after=$out/direct2-after.txt
snap "$before"
direct 4 $((total * 3 / 10 + 1))
snap "$after"
sent=${res[either]}
echo "# direct, arguable class: sent $sent, metered $(d inPackets), truncated $(d truncated)"
expect "direct arguable: metered + dropped = sent" \
	"$(($(d inPackets) + $(d dropPackets)))" "$sent"
expect "direct arguable: dropped = truncated" "$(d dropPackets)" "$(d truncated)"
total_sent=$((total_sent + sent))
check "direct: at least $total packets in all ($total_sent)" test "$total_sent" -ge "$total"

# wire: the same cases as real frames from ns1 into v1; the rules take
# only tt_send's source MAC, not the neighbour discovery of the links
topo_up >"$out/topo.log" 2>&1 || { not_ok "topology up"; tap_summary; exit 1; }
iptables -t raw -F PREROUTING
check "raw PREROUTING NETFLOW rules on v1 (v4, v6)" bash -c \
	'iptables -t raw -A PREROUTING -i v1 -m mac --mac-source $TT_MAC -j NETFLOW && ip6tables -t raw -A PREROUTING -i v1 -m mac --mac-source $TT_MAC -j NETFLOW'
before=$out/wire-before.txt after=$out/wire-after.txt
wire_n=${TORTURE_WIRE:-$((total / 5))}
p4=$(ipt_pkts --cmd iptables PREROUTING 1 raw) p6=$(ipt_pkts --cmd ip6tables PREROUTING 1 raw)
b4=$(iptables -t raw -L PREROUTING -v -x -n | awk 'NR == 3 { print $2 }')
b6=$(ip6tables -t raw -L PREROUTING -v -x -n | awk 'NR == 3 { print $2 }')
snap "$before"
t0=$EPOCHREALTIME
wire=$(in_ns ns1 "$TORTURE_DIR/tt_send" eth0 02:00:00:00:01:01 0 "$wire_n" "$seed" 7 0)
check "wire: tt_send ran ($wire)" test -n "$wire"
echo "# wire: $wire in $(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }') s"
# the last frames may still be in the backlog: wait for the counters to settle
settle() {
	local a b
	a=$(ipt_pkts --cmd iptables PREROUTING 1 raw)$(ipt_pkts --cmd ip6tables PREROUTING 1 raw)
	sleep 0.5
	b=$(ipt_pkts --cmd iptables PREROUTING 1 raw)$(ipt_pkts --cmd ip6tables PREROUTING 1 raw)
	[ "$a" = "$b" ]
}
wait_for 60 settle
snap "$after"
rp=$(($(ipt_pkts --cmd iptables PREROUTING 1 raw) - p4 + $(ipt_pkts --cmd ip6tables PREROUTING 1 raw) - p6))
rb=$(($(iptables -t raw -L PREROUTING -v -x -n | awk 'NR == 3 { print $2 }') - b4 +
	$(ip6tables -t raw -L PREROUTING -v -x -n | awk 'NR == 3 { print $2 }') - b6))
echo "# wire: the rules saw $rp packets, $rb bytes; metered $(d inPackets), truncated $(d truncated), fragments $(d fragments)"
check "wire: some frames got through the IP stack ($rp)" test "$rp" -gt 0
expect "wire: metered + dropped packets = rule packets" \
	"$(($(d inPackets) + $(d dropPackets)))" "$rp"
expect "wire: metered + dropped bytes = rule bytes" \
	"$(($(d inBytes) + $(d dropBytes)))" "$rb"
expect "wire: no maxflows or allocation drops" "$(($(d maxflows) + $(d allocErrors)))" 0
check "wire: fragments were metered ($(d fragments))" test "$(d fragments)" -gt 0

iptables -t raw -F PREROUTING
ip6tables -t raw -F PREROUTING
echo 1 >/proc/sys/net/netflow/flush
check "module unloads after the torture" nf_unload

# ------------------------------------------------------------ s. security
# (ci/e2e/config.sh already checks that nobody can neither read the flow
# dump nor write one setting; here: the error, every knob, user
# namespaces, kernel pointers, and every byte of real exports.)
t0=$EPOCHREALTIME
dir=$out/s
mkdir -p "$dir"
check "s: module loads" nf_load protocol=5 destination=127.0.0.1:2061 engine_id=7
iptables -w -A FORWARD -j NETFLOW
ip6tables -w -A FORWARD -j NETFLOW
raw_rule 6
ping_ns ns1 10.2.0.2 3
err=$(as_nobody cat /proc/net/stat/ipt_netflow_flows 2>&1 >/dev/null)
check "s: the flow dump refuses nobody with EACCES ($err)" grep -q 'Permission denied' <<<"$err"
expect "s: the flow dump's mode" "$(stat -c %a /proc/net/stat/ipt_netflow_flows)" 400
bad=()
for f in /proc/sys/net/netflow/*; do
	k=${f##*/}
	mode=$(stat -c %a "$f")
	[ $((8#$mode & 8#022)) = 0 ] || bad+=("$k:mode $mode")
	before=$(cat "$f" 2>/dev/null)
	err=$(as_nobody sh -c "echo 1 >$f" 2>&1)
	case $err in *"Permission denied"*) ;; *) bad+=("$k:nobody wrote ($err)") ;; esac
	# root of a user namespace of its own is no root here either
	err=$(as_nobody unshare -U -r sh -c "echo 1 >$f" 2>&1)
	case $err in *"Permission denied"* | *"Operation not permitted"* | *"Read-only"*) ;; *) bad+=("$k:userns root wrote ($err)") ;; esac
	[ "$(cat "$f" 2>/dev/null)" = "$before" ] || bad+=("$k:value changed")
done
expect "s: every net.netflow knob refuses nobody and user-namespace root" "${bad[*]:-none}" none
# no kernel pointers: not in what the files say, not in the formats
for f in /proc/net/stat/ipt_netflow*; do cat "$f"; done >"$dir/proc.txt" 2>&1
cat /sys/module/ipt_NETFLOW/parameters/* >>"$dir/proc.txt" 2>&1
check "s: no 16-hex-digit values (pointers) in /proc and parameters" \
	bash -c "! grep -Eiq '(^|[^0-9a-f])(0x)?[0-9a-f]{16}([^0-9a-f]|$)' '$dir/proc.txt'"
src=$here/../../ipt-netflow-dkms
fmts=$(cat "$src"/*.[ch] | grep -oE '%p[a-zA-Z0-9]*' | sort -u | tr '\n' ' ')
check "s: the module's sources print no raw pointers (formats: ${fmts:-none})" \
	bash -c "! cat '$src'/*.[ch] | grep -oE '%p[a-zA-Z0-9]*' | grep -qvE '^%p(I4|I6c?|IS[a-z]*|M[a-zA-Z]*|e)$'"
unload_all
if grep -qE 'slub_debug|init_on_free=1' /proc/cmdline; then
	echo "# s: slab poisoning on ($(grep -oE '(slub_debug|init_on_alloc|init_on_free)[^ ]*' /proc/cmdline | tr '\n' ' '))"
else
	echo "# s: slab poisoning off in this boot: uninitialised bytes are whatever memory held (stale data, often not zero)"
fi
# one collector (so that no datagram is refused by ICMP and lost) and one
# capture for the three protocols; each load is a new exporter session
nfcapd_start "$dir/nfcapd" 2061
capture_start "$dir/export.pcapng" "udp port 2061"
for proto in 5 9 10; do
	check "s: v$proto: module loads" nf_load protocol=$proto destination=127.0.0.1:2061 \
		engine_id=7 refresh_rate=3 active_timeout=600 inactive_timeout=600
	iptables -w -A FORWARD -j NETFLOW
	ip6tables -w -A FORWARD -j NETFLOW
	raw_rule 6
	ping_ns ns1 10.2.0.2 3 && ping_ns ns1 fd00:2::2 3 &&
	send_udp ns1 10.2.0.2 5001 5 100 >/dev/null && send_udp ns1 fd00:2::2 5001 5 1000 >/dev/null &&
	send_tcp ns1 10.2.0.2 5002 3000 >/dev/null && send_tcp ns1 fd00:2::2 5002 3000 >/dev/null
	check "s: v$proto: traffic of every kind (odd protocols, fragments, extension headers)" \
		flood 4000 0 0 0
	echo 1 >/proc/sys/net/netflow/flush
	flood 2000 0 0 4 >/dev/null
	unload_all
done
sleep 1
stop_pidfile "$dir/export.pcapng.pid" INT
stop_pidfile "$dir/nfcapd/nfcapd.pid" TERM
for proto in 5 9 10; do
	tally < <(python3 "$here/../tools/export_bytes.py" --label "s: v$proto: byte by byte" \
		--self-test --version "$proto" --port 2061 --engine-id 7 --max-ifindex 64 --min-datagrams 10 \
		--active-timeout 600 --max-uptime "$(awk '{ print $1 + 60 }' /proc/uptime)" \
		--nets 10.0.0.0/8,198.18.0.0/15,127.0.0.0/8,0.0.0.0/8,fd00::/8,2001:db8::/32,::/128,fe80::/10 \
		"$dir/export.pcapng")
done
echo "# s: $(elapsed "$t0") s"

check "no kernel warnings" no_kernel_warnings
topo_down
tap_summary
