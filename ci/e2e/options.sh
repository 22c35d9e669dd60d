#!/bin/bash
# Guest side: options templates and records (docs/options.md) from the real
# module. For NetFlow v9 and for IPFIX: real traffic through a NETFLOW
# rule, an interface added and an alias changed while exporting, packets
# ignored under maxflows 1, a final flush and unload; the capture decoded
# by tshark must hold the three
# options templates, the unload's statistics equal to
# /proc/net/stat/ipt_netflow_snmp, and the guest's own interface table
# before and after the change; nfdump must count no sequence failure in v9
# and in IPFIX exactly those its own rule predicts (it does not count
# options data records), ipfixDump must read the IPFIX capture cleanly.
# The v9 session runs with snmp-rules=: the interface table and the flows
# carry the same renumbered indexes. The sampler's records: one per
# setting, exact values, none once sampling is off, in v9 and IPFIX.
# Then the protocol is switched 9 -> 10 -> 9 at runtime: every session
# starts with its options templates and keeps its sequence numbers.
# Needs: MODULE_KO, PLUGIN_OUT; runs inside ci/guest/run.
set -uo pipefail
here=$(dirname "$(readlink -f "$0")")
. "$here/../guest/lib.sh"
. "$here/tap.sh"
. "$here/netflow.sh"

out=${GUEST_OUT:-/out}/e2e-options
mkdir -p "$out"
stat=/proc/net/stat/ipt_netflow_snmp
sys=/proc/sys/net/netflow
ENGINE=77

topo_up >"$out/topo.log" 2>&1 || { not_ok "topology up"; tap_summary; exit 1; }

traffic() {
	ping_ns ns1 10.2.0.2 3 100 &&
	send_udp ns1 10.2.0.2 5001 10 200 40001 &&
	ping_ns ns1 fd00:2::2 2 300
}

rules() {
	iptables-nft "$1" FORWARD -j NETFLOW && ip6tables-nft "$1" FORWARD -j NETFLOW
}

# seen PCAP FILTER: tshark finds a cflow packet matching FILTER (the
# capture is still being written: a torn last packet is fine)
seen() {
	tshark -r "$1" -d udp.port==2055,cflow -Y "$2" 2>/dev/null | grep -q .
}

links() {
	ip -d -j link show >"$1"
}

# run PROTOCOL [SNMP_RULES]: one session, checked against /proc and the
# interfaces (renumbered by SNMP_RULES, if given, in the table and in flows)
run() {
	local proto=$1 rules=${2:-} dir=$out/v$1 label="v$1 options" extra=() load=()
	[ "$proto" = 10 ] && extra=(--ipfixdump)
	if [ -n "$rules" ]; then
		extra+=(--snmp-rules "$rules")
		load=(snmp_rules="$rules")
		label+=" (snmp-rules $rules)"
	fi
	mkdir -p "$dir"
	ip link del e2eopt0 2>/dev/null
	ip link set dev v1 alias "uplink to ns1"
	ip link set dev v2 alias "ns2 side"
	links "$dir/links-start.json"
	check "$label: module loads (engine_id $ENGINE)" \
		nf_load protocol="$proto" engine_id=$ENGINE destination=127.0.0.1:2055 "${load[@]}"
	collectors_start "$dir" 2055
	check "$label: NETFLOW rules inserted" rules -A
	check "$label: traffic sent and received" traffic
	check "$label: the interface table went out at session start" \
		wait_for 60 seen "$dir/export.pcapng" 'cflow.if_name == "v2"'
	ip link add e2eopt0 type dummy
	ip link set dev v2 alias "changed alias"
	links "$dir/links-changed.json"
	check "$label: the interface table went out again after a change" \
		wait_for 60 seen "$dir/export.pcapng" 'cflow.if_name == "e2eopt0"'
	# maxflows 1: the metering ignores packets of new flows
	echo 1 >$sys/maxflows
	ping_ns ns1 10.2.0.2 2 100
	send_udp ns1 10.2.0.2 5009 3 200 40009
	echo 0 >$sys/maxflows
	check "$label: maxflows 1 made the metering ignore packets" \
		awk '$1 == "dropPackets" && $2 > 0 { f = 1 } END { exit !f }' $stat
	rules -D
	echo 1 >$sys/flush
	# nothing meters now; what /proc says, the unload's statistics say
	date +%s.%N >"$dir/stat-time.txt"
	cat $stat >"$dir/stat.txt"
	check "$label: module unloads" nf_unload
	collectors_stop "$dir"
	ip link del e2eopt0
	decode_nfcapd "$dir"
	tshark -r "$dir/export.pcapng" -d udp.port==2055,cflow -T json \
		>"$dir/tshark.json" 2>"$dir/tshark.err"
	tally < <(python3 "$here/options_check.py" --label "$label" --dir "$dir" \
		--engine $ENGINE --sessions 1 --stats --interfaces "${extra[@]}" \
		--nfdump-stat "$dir/nfdump-stat.txt")
}

run 9 v:100
run 10

# sampler PROTOCOL SETTING...: the sampler's options records, one per
# setting while sampling is on (docs/options.md), none once it is off
sampler() {
	local proto=$1 dir=$out/sampler-v$1 label="v$1 sampler options" s id
	shift
	mkdir -p "$dir"
	check "$label: module loads with sampler=$1" \
		nf_load protocol="$proto" engine_id=$ENGINE destination=127.0.0.1:2055 sampler="$1"
	collectors_start "$dir" 2055
	rules -A
	for s in "$@"; do
		[ "$(cat $sys/sampler)" = "$s" ] || echo "$s" >$sys/sampler
		id=$(sampler_id "$s")
		check "$label: traffic under $s" traffic
		check "$label: the $s record went out" wait_for 60 seen "$dir/export.pcapng" \
			"cflow.sampler_id == $id || cflow.selector_id == $id"
	done
	echo >$sys/sampler
	check "$label: traffic with the sampler off" traffic
	rules -D
	echo 1 >$sys/flush
	check "$label: module unloads" nf_unload
	collectors_stop "$dir"
	tshark -r "$dir/export.pcapng" -d udp.port==2055,cflow -T json \
		>"$dir/tshark.json" 2>"$dir/tshark.err"
	tally < <(python3 "$here/options_check.py" --label "$label" --dir "$dir" \
		--sessions 1 --sampler "$*")
}

sampler_id() {
	case $1 in
	deterministic:*) echo 1 ;;
	random:*) echo 2 ;;
	hash:*) echo 3 ;;
	esac
}

sampler 9 deterministic:10 random:100 hash:5
sampler 10 deterministic:10 random:100 hash:5

# Switching protocol at runtime: new session, options again, sequences whole
dir=$out/switch
mkdir -p "$dir"
label="9 -> 10 -> 9"
check "$label: module loads" nf_load protocol=9 destination=127.0.0.1:2055
collectors_start "$dir" 2055
rules -A
check "$label: v9 traffic" traffic
check "$label: v9 options out" wait_for 60 seen "$dir/export.pcapng" 'cflow.version == 9 && cflow.if_name'
echo 10 >$sys/protocol
check "$label: IPFIX traffic" traffic
check "$label: IPFIX options out" wait_for 60 seen "$dir/export.pcapng" 'cflow.version == 10 && cflow.if_name'
echo 9 >$sys/protocol
check "$label: v9 traffic again" traffic
rules -D
echo 1 >$sys/flush
check "$label: module unloads" nf_unload
collectors_stop "$dir"
tshark -r "$dir/export.pcapng" -d udp.port==2055,cflow -T json \
	>"$dir/tshark.json" 2>"$dir/tshark.err"
tally < <(python3 "$here/options_check.py" --label "$label" --dir "$dir" --sessions 3)

topo_down
check "no kernel warnings" no_kernel_warnings
tap_summary
