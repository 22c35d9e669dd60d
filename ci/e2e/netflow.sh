# shellcheck shell=bash
# Guest-side helpers for tests of the module: load/unload, collectors,
# decoding, rule counters. Sourced after tap.sh.
: "${MODULE_KO:?MODULE_KO must name the built ipt_NETFLOW.ko}"
: "${PLUGIN_OUT:?PLUGIN_OUT must name the directory of libxt_NETFLOW.so}"
export XTABLES_LIBDIR=$PLUGIN_OUT:/usr/lib/x86_64-linux-gnu/xtables

# insmod does not load dependencies: x_tables first
nf_load() {
	modprobe x_tables && insmod "$MODULE_KO" "$@"
}

# nft_compat drops its module reference asynchronously after a rule goes.
nf_unload() {
	local i
	for i in $(seq 50); do
		rmmod ipt_NETFLOW 2>/dev/null && return 0
		sleep 0.2
	done
	rmmod ipt_NETFLOW
}

# collectors_start DIR PORT: nfcapd and a packet capture on loopback
collectors_start() {
	local dir=$1 port=$2
	mkdir -p "$dir/nfcap"
	nfcapd -w "$dir/nfcap" -b 127.0.0.1 -p "$port" -t 3600 >"$dir/nfcapd.log" 2>&1 &
	echo $! >"$dir/nfcapd.pid"
	dumpcap -q -i lo -f "udp port $port" -w "$dir/export.pcapng" >"$dir/dumpcap.log" 2>&1 &
	echo $! >"$dir/dumpcap.pid"
	wait_for 30 test -s "$dir/export.pcapng"
	wait_for 30 ss -Hlun "sport = :$port" | grep -q .
}

collectors_stop() {
	local dir=$1
	sleep 1			# let the last datagrams reach both
	kill -INT "$(cat "$dir/dumpcap.pid")"
	kill -TERM "$(cat "$dir/nfcapd.pid")"
	wait "$(cat "$dir/dumpcap.pid")" "$(cat "$dir/nfcapd.pid")" 2>/dev/null
	true
}

# decode_v5 DIR PORT: what nfdump and tshark made of the export
decode_v5() {
	local dir=$1 port=$2 files
	files=$(ls "$dir"/nfcap/nfcapd.* 2>/dev/null | grep -v current)
	: >"$dir/nfdump.csv"
	: >"$dir/nfdump-stat.txt"
	for f in $files; do
		nfdump -r "$f" -q -o csv >>"$dir/nfdump.csv"
		nfdump -r "$f" -I >>"$dir/nfdump-stat.txt"
	done
	tshark -r "$dir/export.pcapng" -d "udp.port==$port,cflow" -T fields \
		-E occurrence=a -E separator='|' \
		-e cflow.version -e cflow.count -e cflow.sequence \
		-e cflow.srcaddr -e cflow.dstaddr -e cflow.srcport -e cflow.dstport \
		-e cflow.protocol -e cflow.packets -e cflow.octets \
		-e cflow.sequence_analysis.expected_sn \
		>"$dir/tshark.txt" 2>"$dir/tshark.err"
}

# rule_counters IPTABLES: "name proto src dst sport dport packets bytes" per
# commented rule, from the kernel's own counters
rule_counters() {
	$1 -L FORWARD -v -x -n | sed -n 's|^ *\([0-9]\+\) \+\([0-9]\+\) .*/\* \(.*\) \*/.*|\3 \1 \2|p'
}

no_kernel_warnings() {
	! dmesg | grep -E 'WARNING:|BUG:|Oops|Call Trace|KASAN|UBSAN'
}
