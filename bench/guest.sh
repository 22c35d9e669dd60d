#!/bin/bash
# bench/guest.sh - guest side of `make bench` (started by bench/run through
# ci/guest/run). Loads our ipt_NETFLOW and the incumbent's in turn, one at a
# time, and for each load runs bench/nf_bench.c cases and reads the slab
# counters; then (optionally) forwards pktgen traffic through FORWARD with
# and without rules. Everything it learns goes to $OUT/raw.txt as lines of
# "key=value" words; bench/report.py turns that into the table.
#
# Environment (bench/run sets it):
#   OURS_KO INC_KO NFB_KO  the two ipt_NETFLOW.ko files and nf_bench.ko
#   BASE_KO                optional: a third ipt_NETFLOW.ko, ours at an older
#                          revision ("base": what a feature that is off must
#                          not slow down)
#   FULL_PARAMS            optional: module parameters that turn our optional
#                          features on; adds "full", OURS_KO loaded with them
#   PLUGIN_OUT             directory of our libxt_NETFLOW.so (works for both)
#   ROUNDS                 alternations of ours/incumbent (default 7)
#   PACKETS PASSES         nf_bench packets per pass, passes per case
#   FLOWS                  warm flow counts (default "1 10000 100000 1000000")
#   STORM_PACKETS          packets per storm pass
#   HASHSIZES              "1048576 default"
#   PKTGEN                 1 to run the forwarding part, 0 to skip
#   PKTGEN_ROTATIONS       windows per configuration and flow count (default 30)
#   PKTGEN_WINDOW          seconds per window (default 0.3)
#   PKTGEN_FLOWS           pktgen flow counts (default "1 1000000")
set -uo pipefail

OUT=${OUT:-/out}
RAW=$OUT/raw.txt
ROUNDS=${ROUNDS:-7}
PACKETS=${PACKETS:-30000}
PASSES=${PASSES:-9}
FLOWS=${FLOWS:-"1 10000 100000 1000000"}
STORM_PACKETS=${STORM_PACKETS:-20000}
HASHSIZES=${HASHSIZES:-"1048576 default"}
PKTGEN=${PKTGEN:-1}
PKTGEN_ROTATIONS=${PKTGEN_ROTATIONS:-30}
PKTGEN_WINDOW=${PKTGEN_WINDOW:-0.3}
PKTGEN_FLOWS=${PKTGEN_FLOWS:-"1 1000000"}
# lists may come with commas (bench/uml-run passes them on a kernel command line)
FLOWS=${FLOWS//,/ } HASHSIZES=${HASHSIZES//,/ } PKTGEN_FLOWS=${PKTGEN_FLOWS//,/ }
: "${OURS_KO:?}" "${INC_KO:?}" "${NFB_KO:?}" "${PLUGIN_OUT:?}"
export XTABLES_LIBDIR=$PLUGIN_OUT:/usr/lib/x86_64-linux-gnu/xtables
# Both modules take the same settings: no flow limit, and flows that stay
# in the cache for the whole run (nothing expires between the passes).
COMMON_PARAMS="inactive_timeout=3600 maxflows=0"

log() { echo "bench: $*" >&2; }
emit() { echo "$*" >>"$RAW"; }
now() { echo "${EPOCHREALTIME/./}"; }	# microseconds, no process

srcversion() { modinfo -F srcversion "$1"; }

# nf_load WHICH HASHSIZE: insmod one ipt_NETFLOW and activate it with a rule
# (ours creates its per-namespace state in the rule's checkentry).
nf_load() {
	local which=$1 hs=$2 ko params=$COMMON_PARAMS
	case $which in
	ours) ko=$OURS_KO ;;
	inc) ko=$INC_KO ;;
	base) ko=$BASE_KO ;;
	full) ko=$OURS_KO params+=" $FULL_PARAMS" ;;
	esac
	[[ $hs == default ]] || params+=" hashsize=$hs"
	if [[ -e /sys/module/ipt_NETFLOW ]]; then
		log "ipt_NETFLOW still loaded"; return 1
	fi
	# shellcheck disable=SC2086
	insmod "$ko" $params || { log "insmod $ko failed"; return 1; }
	[[ $(</sys/module/ipt_NETFLOW/srcversion) == "${SRCV[$which]}" ]] ||
		{ log "wrong ipt_NETFLOW loaded"; return 1; }
	iptables -I FORWARD -j NETFLOW || { log "rule insert failed"; return 1; }
}

# nf_unload: delete the rule, rmmod (exports every flow; nft_compat lets go
# of the module asynchronously, so retry).
nf_unload() {
	local i t0
	iptables -D FORWARD -j NETFLOW 2>/dev/null
	t0=$(now)
	for i in $(seq 100); do
		rmmod ipt_NETFLOW 2>/dev/null && break
		sleep 0.2
	done
	[[ -e /sys/module/ipt_NETFLOW ]] && { log "rmmod ipt_NETFLOW failed"; return 1; }
	emit "unload us=$(($(now) - t0))"
}

# proc_flows: active flows and hash buckets, from /proc/net/stat/ipt_netflow
proc_flows() {
	local l active='' hash=''
	while read -r l; do
		case $l in
		Flows:*) active=${l#Flows: active }; active=${active%% *} ;;
		Hash:*) hash=${l#Hash: size }; hash=${hash%% *} ;;
		esac
	done </proc/net/stat/ipt_netflow
	echo "active=$active buckets=$hash"
}

# slab NAME: the SLUB cache a module's flows come from (name may be an alias
# of a merged cache, so read sysfs, which follows it)
slab() {
	local d=/sys/kernel/slab/$1 f v rest out="" real
	for f in object_size slab_size objs_per_slab order objects slabs; do
		read -r v rest <"$d/$f"
		out+=" $f=$v"
	done
	real=$(cd -P "$d" && pwd)
	echo "cache=$1 alias=${real##*/}$out"
}

# bench TAG ARGS...: one nf_bench run; its result lines stay in the kernel
# log until collect (one dmesg per load: every process start costs 0.1-0.3 s)
bench() {
	local tag=$1; shift
	if ! insmod "$NFB_KO" tag="$tag" expect="$(</sys/module/ipt_NETFLOW/srcversion)" "$@"; then
		log "nf_bench $tag failed"
		dmesg | grep 'nf_bench' | tail -n 3 >&2
		return 1
	fi
	rmmod nf_bench
}

# collect PATTERN: the nf_bench lines whose tag contains PATTERN, to raw.txt
collect() {
	dmesg | grep -F -- "nf_bench: $1" | sed 's/^\[[^]]*\] nf_bench: //' >>"$RAW"
}

# the slab cache of WHICH's IPv4 flows (flows with optional fields have their own)
slab_name() {
	case $1 in
	inc) echo ipt_netflow ;;
	full) [[ -e /sys/kernel/slab/netflow_flow4x ]] && echo netflow_flow4x || echo netflow_flow4 ;;
	*) echo netflow_flow4 ;;
	esac
}

# warm_load ROUND WHICH HASHSIZE: every warm flow count in one load
warm_load() {
	local r=$1 which=$2 hs=$3 n base=0 pre post tag
	nf_load "$which" "$hs" || return 1
	for n in $FLOWS; do
		tag="warm mod=$which hs=$hs round=$r flows=$n"
		tag=${tag// /,}
		pre="$(slab "$(slab_name "$which")") $(proc_flows)"
		bench "$tag" mode=warm flows="$n" base=$base packets="$PACKETS" passes="$PASSES" ||
			return 1
		post="$(slab "$(slab_name "$which")") $(proc_flows)"
		emit "mem tag=$tag new=$n pre: $pre"
		emit "mem tag=$tag new=$n post: $post"
		base=$((base + n + 16))
	done
	collect "tag=warm,mod=$which,hs=$hs,round=$r,"
	nf_unload
}

storm_load() {
	local r=$1 which=$2 hs=$3 tag
	nf_load "$which" "$hs" || return 1
	tag="storm mod=$which hs=$hs round=$r flows=storm"
	tag=${tag// /,}
	bench "$tag" mode=storm packets="$STORM_PACKETS" passes="$PASSES" || return 1
	collect "tag=$tag "
	emit "mem tag=$tag post: $(slab "$(slab_name "$which")") $(proc_flows)"
	nf_unload
}

# ------------------------------------------------------------- pktgen ---
# ns1 (pktgen) --veth-- root (forwards; FORWARD chain) --veth-- ns2 (sink:
# a tc ingress rule drops everything). FORWARD holds two rules, always:
#   -d 198.18.1.1 -j NETFLOW      (configuration "netflow")
#   -d 198.18.2.1 -j ACCEPT       (configuration "accept": the no-op rule)
# and pktgen's destination picks the configuration; 198.18.3.1 matches
# neither ("none"). Every packet is checked against both matches whatever
# the configuration, so the configurations differ only in the target run.
# Switching is a write into pktgen's device file (no process start, which
# costs 0.1-0.3 s under TCG), once a second, round robin.
PG_CFGS=(none:198.18.3.1 accept:198.18.2.1 netflow:198.18.1.1)
PG_HOLDER=

topo_up() {
	local b
	ip netns add ns1 && ip netns add ns2 || return 1
	b=("link add v1 address 02:00:00:00:01:01 type veth peer name eth0 address 02:00:00:00:01:02 netns ns1"
	   "link add v2 address 02:00:00:00:02:01 type veth peer name eth0 address 02:00:00:00:02:02 netns ns2"
	   "addr add 10.1.0.1/24 dev v1" "addr add 10.2.0.1/24 dev v2"
	   "link set v1 up" "link set v2 up"
	   "neigh replace 10.2.0.2 lladdr 02:00:00:00:02:02 dev v2 nud permanent"
	   "route add 198.18.0.0/16 via 10.2.0.2 dev v2")
	printf '%s\n' "${b[@]}" | ip -batch - || return 1
	b=("link set lo up" "link set eth0 up")
	printf '%s\n' "${b[@]}" | ip -n ns1 -batch - || return 1
	printf '%s\n' "${b[@]}" | ip -n ns2 -batch - || return 1
	ip netns exec ns2 tc qdisc add dev eth0 ingress &&
		ip netns exec ns2 tc filter add dev eth0 ingress matchall action drop ||
		log "no tc drop in ns2: packets die in its routing instead"
	echo 1 >/proc/sys/net/ipv4/ip_forward
	echo 0 >/proc/sys/net/ipv4/conf/all/rp_filter
	echo 0 >/proc/sys/net/ipv4/conf/v1/rp_filter
	iptables -A FORWARD -d 198.18.1.1 -j NETFLOW || return 1
	iptables -A FORWARD -d 198.18.2.1 -j ACCEPT || return 1
	# a process that lives in ns1: its /proc/PID/net/pktgen is ns1's
	ip netns exec ns1 sleep 1000000 &
	PG_HOLDER=$!
	sleep 0.3
}

topo_down() {
	iptables -F FORWARD
	[[ -n $PG_HOLDER ]] && kill "$PG_HOLDER" 2>/dev/null && wait "$PG_HOLDER" 2>/dev/null
	PG_HOLDER=
	ip link del v1 2>/dev/null
	ip link del v2 2>/dev/null
	ip netns del ns1 2>/dev/null
	ip netns del ns2 2>/dev/null
}

pg() { echo "$2" >"/proc/$PG_HOLDER/net/pktgen/$1"; }

ip4() { echo "$(($1 >> 24 & 255)).$(($1 >> 16 & 255)).$(($1 >> 8 & 255)).$(($1 & 255))"; }

# pg_start FLOWS: pktgen in ns1, endless, 64-byte UDP frames; FLOWS source
# addresses visited in turn, so each flow comes back every FLOWS packets
pg_start() {
	local flows=$1 d=eth0
	pg kpktgend_0 rem_device_all
	pg kpktgend_0 "add_device $d" || return 1
	pg $d "count 0"
	pg $d "clone_skb 0"
	pg $d "pkt_size 60"
	pg $d "delay 0"
	pg $d "dst_mac 02:00:00:00:01:01"
	pg $d "src_min 11.0.0.0"
	pg $d "src_max $(ip4 $((0x0b000000 + flows - 1)))"
	pg $d "udp_src_min 1024"
	pg $d "udp_src_max 1024"
	pg $d "udp_dst_min 9"
	pg $d "udp_dst_max 9"
	pg_dst 198.18.3.1
	# pgctrl acts on the writer's namespace; the write blocks while it runs
	ip netns exec ns1 sh -c 'echo start >/proc/net/pktgen/pgctrl' &
	PG_STARTER=$!
	sleep 1
}

pg_stop() {
	ip netns exec ns1 sh -c 'echo stop >/proc/net/pktgen/pgctrl'
	wait "$PG_STARTER"
}

# pg_dst ADDR: where pktgen sends from now on (dst_min also moves its cursor)
pg_dst() {
	pg eth0 "dst_max $1"
	pg eth0 "dst_min $1"
}

# pg_measure WHICH FLOWS: short windows, one per configuration, round robin
# (PKTGEN_ROTATIONS times); each line is one window: packets forwarded (tx
# of the root's veth towards ns2) and the window's length. Only builtins
# between the two counter reads.
pg_measure() {
	local which=$1 flows=$2 i cfg c0 c1 t0 t1 tag
	local ctr=/sys/class/net/v2/statistics/tx_packets
	tag="fwd,mod=$which,flows=$flows"
	for ((i = 0; i < PKTGEN_ROTATIONS; i++)); do
		for cfg in "${PG_CFGS[@]}"; do
			pg_dst "${cfg#*:}"
			sleep 0.05	# packets already past FORWARD drain
			read -r c0 <"$ctr"; t0=$(now)
			sleep "$PKTGEN_WINDOW"
			read -r c1 <"$ctr"; t1=$(now)
			emit "tag=$tag win=$i cfg=${cfg%%:*} pkts=$((c1 - c0)) us=$((t1 - t0))"
		done
	done
}

pktgen_part() {
	local which n c0 c1 t0
	modprobe -a pktgen veth sch_ingress cls_matchall act_gact || { log "cannot load pktgen, veth or tc modules"; return 1; }
	for which in ours inc; do
		nf_load "$which" 1048576 || return 1
		iptables -D FORWARD -j NETFLOW
		topo_up || { log "topology failed"; topo_down; nf_unload; return 1; }
		for n in $PKTGEN_FLOWS; do
			pg_start "$n" || { log "pktgen start failed"; break; }
			if ((n > 1)); then
				# warm up: every flow through NETFLOW once (and a bit)
				pg_dst 198.18.1.1
				read -r c0 </sys/class/net/v2/statistics/tx_packets
				t0=$(now)
				while read -r c1 </sys/class/net/v2/statistics/tx_packets &&
					((c1 - c0 < n + n / 20)); do
					sleep 1
				done
				emit "fwd-warmup mod=$which flows=$n us=$(($(now) - t0))"
			fi
			emit "fwd-state mod=$which flows=$n $(proc_flows)"
			pg_measure "$which" "$n"
			emit "fwd-state mod=$which flows=$n end $(proc_flows)"
			pg_stop
		done
		topo_down
		nf_unload
	done
}

# ------------------------------------------------------------------ main ---
main() {
	: >"$RAW"
	local variants=(ours inc) r hs which order t0 v
	declare -gA SRCV=([ours]=$(srcversion "$OURS_KO") [inc]=$(srcversion "$INC_KO"))
	if [[ -n ${BASE_KO:-} ]]; then
		variants+=(base)
		SRCV[base]=$(srcversion "$BASE_KO")
	fi
	if [[ -n ${FULL_PARAMS:-} ]]; then
		variants+=(full)
		SRCV[full]=${SRCV[ours]}
	fi
	modprobe -a x_tables xt_mark || { log "cannot load x_tables/xt_mark"; return 1; }
	emit "env kernel=$(uname -r) cpus=$(nproc) mem_kb=$(awk '/MemTotal/ {print $2}' /proc/meminfo) rounds=$ROUNDS packets=$PACKETS passes=$PASSES storm_packets=$STORM_PACKETS"
	for v in "${variants[@]}"; do
		case $v in
		base) emit "module which=base srcversion=${SRCV[base]} version=$(modinfo -F version "$BASE_KO")" ;;
		full) emit "module which=full srcversion=${SRCV[full]} version=$(modinfo -F version "$OURS_KO") params=${FULL_PARAMS// /,}" ;;
		*) emit "module which=$v srcversion=${SRCV[$v]} version=$(modinfo -F version "$([[ $v == ours ]] && echo "$OURS_KO" || echo "$INC_KO")")" ;;
		esac
	done
	t0=$(now)
	for ((r = 0; r < ROUNDS; r++)); do
		# alternate which module goes first: forwards, then backwards
		order="${variants[*]}"
		((r % 2)) && order=$(printf '%s\n' "${variants[@]}" | tac | tr '\n' ' ')
		for hs in $HASHSIZES; do
			for which in $order; do
				log "round $r: $which hashsize=$hs warm"
				warm_load "$r" "$which" "$hs" || return 1
				log "round $r: $which hashsize=$hs storm"
				storm_load "$r" "$which" "$hs" || return 1
			done
		done
		emit "progress round=$r us=$(($(now) - t0))"
	done
	if [[ $PKTGEN == 1 ]]; then
		log "forwarding (pktgen)"
		pktgen_part || log "forwarding part failed"
		emit "progress pktgen us=$(($(now) - t0))"
	fi
	emit "end"
}

main "$@"
