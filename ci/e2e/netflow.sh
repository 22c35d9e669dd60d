# shellcheck shell=bash
# Guest-side helpers for tests of the module: load/unload, collectors,
# decoding, rule counters. Sourced after tap.sh.
NETFLOW_SH_DIR=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
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

# nfcapd_start DIR PORT [ADDR]: a collector writing into DIR/nfcap
nfcapd_start() {
	local dir=$1 port=$2 addr=${3:-127.0.0.1}
	mkdir -p "$dir/nfcap"
	nfcapd -w "$dir/nfcap" -b "$addr" -p "$port" -t 3600 >"$dir/nfcapd.log" 2>&1 &
	echo $! >"$dir/nfcapd.pid"
	wait_for 30 bash -c "ss -Hlun 'sport = :$port' | grep -q ."
}

# capture_start FILE FILTER: dumpcap on every interface of this namespace
capture_start() {
	local file=$1 filter=$2
	dumpcap -q -i lo -f "$filter" -w "$file" >"$file.log" 2>&1 &
	echo $! >"$file.pid"
	wait_for 30 test -s "$file"
}

# stop_pidfile FILE SIGNAL: stop a collector or capture, wait for it to write
stop_pidfile() {
	local pid
	pid=$(cat "$1") || return 0
	kill "-$2" "$pid" 2>/dev/null
	while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
}

# collectors_start DIR PORT: nfcapd and a packet capture on loopback
collectors_start() {
	nfcapd_start "$1" "$2"
	capture_start "$1/export.pcapng" "udp port $2"
}

collectors_stop() {
	local dir=$1
	sleep 1			# let the last datagrams reach both
	stop_pidfile "$dir/export.pcapng.pid" INT
	stop_pidfile "$dir/nfcapd.pid" TERM
}

# decode_v5 DIR PORT: what nfdump and tshark made of the export
decode_v5() {
	local dir=$1 port=$2 files
	decode_nfcapd "$dir"
	tshark -r "$dir/export.pcapng" -d "udp.port==$port,cflow" -T fields \
		-E occurrence=a -E separator='|' \
		-e cflow.version -e cflow.count -e cflow.sequence \
		-e cflow.srcaddr -e cflow.dstaddr -e cflow.srcport -e cflow.dstport \
		-e cflow.protocol -e cflow.packets -e cflow.octets \
		-e cflow.sequence_analysis.expected_sn \
		>"$dir/tshark.txt" 2>"$dir/tshark.err"
}

# decode_nfcapd DIR: nfdump.csv and nfdump-stat.txt from DIR/nfcap
decode_nfcapd() {
	local dir=$1 f
	: >"$dir/nfdump.csv"
	: >"$dir/nfdump-stat.txt"
	for f in "$dir"/nfcap/nfcapd.*; do
		case $f in *current*|*'*') continue ;; esac
		nfdump -r "$f" -q -o csv >>"$dir/nfdump.csv"
		nfdump -r "$f" -I >>"$dir/nfdump-stat.txt"
	done
}

# rule_counters IPTABLES [CHAIN]: "name proto src dst sport dport packets
# bytes" per commented rule, from the kernel's own counters. IPTABLES may be
# a command with arguments ("ip netns exec ns1 iptables").
rule_counters() {
	$1 -L "${2:-FORWARD}" -v -x -n |
		sed -n 's|^ *\([0-9]\+\) \+\([0-9]\+\) .*/\* \(.*\) \*/.*|\3 \1 \2|p'
}

# flush_and_wait: export every flow now, and give the collectors time
flush_and_wait() {
	echo 1 >/proc/sys/net/netflow/flush
	sleep 2
}

# bytes_check LABEL VERSION PORT PCAP: every export datagram in PCAP
# accounted byte by byte (ci/tools/export_bytes.py), as ok/not ok lines
bytes_check() {
	tally < <(python3 "$NETFLOW_SH_DIR/../tools/export_bytes.py" --label "$1: byte by byte" \
		--version "$2" --port "$3" --max-ifindex 64 \
		--nets 10.0.0.0/8,127.0.0.0/8,0.0.0.0/8,fd00::/8,::/128,fe80::/10 "$4")
}

# nfdump_fmt DIR FORMAT: nfdump's "fmt:FORMAT" line of every flow in the
# finished files of DIR/nfcap, spaces removed
nfdump_fmt() {
	local f
	for f in "$1"/nfcap/nfcapd.*; do
		case $f in *current*) continue ;; esac
		nfdump -r "$f" -q -N -o "fmt:$2" | tr -d ' '
	done
}

# promisc_port_up NS: veth m0 (root, promiscuous, 10.9.0.1/24, fd09::1/64)
# to m1 in a new namespace NS, from which frames for nobody's MAC arrive
promisc_port_up() {
	ip netns add "$1" &&
	ip link add m0 address 02:00:00:00:09:01 gso_max_segs 1 type veth \
		peer name m1 address 02:00:00:00:09:02 gso_max_segs 1 netns "$1" &&
	ip netns exec "$1" sysctl -qw net.ipv6.conf.m1.disable_ipv6=1 &&
	ip -n "$1" link set m1 up &&
	ip addr add 10.9.0.1/24 dev m0 &&
	ip addr add fd09::1/64 dev m0 nodad &&
	ip link set m0 promisc on &&
	ip link set m0 up
}

no_kernel_warnings() {
	! dmesg | grep -E 'WARNING:|BUG:|Oops|Call Trace|KASAN|UBSAN'
}
