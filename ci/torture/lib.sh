# shellcheck shell=bash
# Guest-side helpers of ci/e2e/torture.sh and ci/e2e/faults.sh: the
# torture tools (nf_torture.ko, tt_send), the module's counters, floods.
# Sourced after ci/guest/lib.sh, ci/e2e/tap.sh and ci/e2e/netflow.sh.
TT_SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
: "${TORTURE_DIR:=$(dirname "$(dirname "$(readlink -f "$MODULE_KO")")")/torture}"
export TT_MAC=02:00:00:00:7e:01
export V1_MAC=02:00:00:00:01:01

# tt_ready: nf_torture.ko and tt_send built, newer than their sources
# (bench/nf_target.h included)
tt_ready() {
	local f s
	for f in nf_torture.ko tt_send; do
		[ -e "$TORTURE_DIR/$f" ] || return 1
		for s in "$TT_SRC"/*.[ch] "$TT_SRC/../../bench/nf_target.h"; do
			[ "$TORTURE_DIR/$f" -nt "$s" ] || return 1
		done
	done
}
# tt_build LOGDIR: build them in the guest if build/torture is missing or
# stale (ci/torture/build.sh on the host avoids that)
tt_build() {
	if ! tt_ready; then
		echo "# $TORTURE_DIR missing or stale: building in the guest"
		TORTURE_DIR=/tmp/torture-build
		"$TT_SRC/build.sh" "$TORTURE_DIR" >"$1/build.log" 2>&1
	fi
	check "torture helpers built (nf_torture.ko, tt_send)" tt_ready
}

# sv NAME: a named value of ipt_netflow_snmp; cpusum COL: a CPU column summed
sv() { awk -v n="$1" '$1 == n { print $2 }' /proc/net/stat/ipt_netflow_snmp; }
cpusum() { awk -v c="$1" '$1 ~ /^cpu[0-9]+$/ { s += $c } END { print s + 0 }' /proc/net/stat/ipt_netflow_snmp; }
# sockv N COL: column COL of socket line N (3 connected, 4 connect errors,
# 5 sndbuf full, 6 cberr, 7 other errors, 8 sndbuf, 9 filled, 10 peak)
sockv() { awk -v s="sock$1" -v c="$2" '$1 == s { print $c }' /proc/net/stat/ipt_netflow_snmp; }
# The module's flows live in two slab caches, netflow_flow4 and
# netflow_flow6. slab_objs: objects in use in them (with slab merging a
# cache is shared with others: compare differences only)
NF_SLABS="netflow_flow4 netflow_flow6"
slab_objs() {
	local c n total=0
	for c in $NF_SLABS; do
		n=0
		[ -e "/sys/kernel/slab/$c/objects" ] && read -r n _ <"/sys/kernel/slab/$c/objects"
		total=$((total + n))
	done
	echo "$total"
}
# slab_gone: no cache of those names left. A mergeable cache is only a
# symlink to a shared one in sysfs, left behind by kmem_cache_destroy()
# while the shared cache lives: then only /proc/slabinfo can tell (and
# with merging it never lists the names at all; the e2e boot passes
# slab_nomerge for a real check).
slab_gone() {
	local c
	for c in $NF_SLABS; do
		grep -q "^$c " /proc/slabinfo && return 1
		[ -e "/sys/kernel/slab/$c" ] && ! [ -L "/sys/kernel/slab/$c" ] && return 1
	done
	return 0
}
# slab_merged: a cache is shared with others (counts are not its own)
slab_merged() { [ -L /sys/kernel/slab/netflow_flow4 ] || [ -L /sys/kernel/slab/netflow_flow6 ]; }
expect() {
	if [ "$2" = "$3" ]; then ok "$1: $2"; else not_ok "$1: got $2, want $3"; fi
}
# raw_rule: the flood's metering rule, v4 (and v6 with "6")
raw_rule() {
	iptables -w -t raw -A PREROUTING -i v1 -m mac --mac-source $TT_MAC -j NETFLOW &&
	{ [ "${1:-}" != 6 ] || ip6tables -w -t raw -A PREROUTING -i v1 -m mac --mac-source $TT_MAC -j NETFLOW; }
}
rule_sum() {
	local a b
	a=$(ipt_pkts --cmd iptables PREROUTING 1 raw 2>/dev/null) || a=0
	b=$(ipt_pkts --cmd ip6tables PREROUTING 1 raw 2>/dev/null) || b=0
	echo $((a + b))
}
settled() {
	local a
	a=$(rule_sum)
	sleep 0.3
	[ "$a" = "$(rule_sum)" ]
}
# flush_all: export every flow and wait until none is held or pending
flush_all() {
	echo 1 >/proc/sys/net/netflow/flush &&
	wait_for 60 nothing_held
}
flood() { # flood COUNT PACE RANDSRC FAMILY: tt_send of must-meter packets
	ip netns exec ns1 "$TORTURE_DIR/tt_send" eth0 $V1_MAC 0 "$1" 7 1 "${4:-4}" "$2" "$3"
}
# flood_bg OUTFILE ARGS...: flood in the background, $! its very process
flood_bg() {
	local f=$1
	shift
	(exec ip netns exec ns1 "$TORTURE_DIR/tt_send" eth0 $V1_MAC 0 "$1" 7 1 "${4:-4}" "$2" "$3" >"$f" 2>&1) &
}
nothing_held() { [ "$(sv hashFlows)" = 0 ] && [ "$(sv hashPackets)" = 0 ]; }
qdisc_empty() { tc -s qdisc show dev v2 | grep -q 'backlog 0b 0p'; }
metered_over() { [ "$(sv inPackets)" -gt "$1" ]; }
maxflows_hit() { [ "$(cpusum 12)" -gt 0 ]; }
rule1_busy() { [ "$(ipt_pkts --cmd iptables PREROUTING 1 raw)" -gt 0 ]; }
elapsed() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", b - a }'; }
unload_all() {
	iptables -w -t raw -F PREROUTING 2>/dev/null
	ip6tables -w -t raw -F PREROUTING 2>/dev/null
	iptables -w -F FORWARD 2>/dev/null
	ip6tables -w -F FORWARD 2>/dev/null
	[ -e /sys/module/ipt_NETFLOW ] && nf_unload
	return 0
}

as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"; }
