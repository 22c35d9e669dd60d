# ci/guest/lib.sh - helpers for test scripts that run inside a ci/guest/run guest.
# Source it:  . "$(dirname "$0")/lib.sh"   (bash only)
#
# Topology made by topo_up (guest root namespace = the router):
#
#   ns1: eth0 10.1.0.2/24 fd00:1::2/64 --veth-- v1 10.1.0.1/24 fd00:1::1/64 (root)
#   ns2: eth0 10.2.0.2/24 fd00:2::2/64 --veth-- v2 10.2.0.1/24 fd00:2::1/64 (root)
#
# Default routes of ns1/ns2 point at root; root forwards IPv4 and IPv6. MAC
# addresses are fixed (02:00:00:00:0N:01 on vN, 02:00:00:00:0N:02 on nsN's eth0)
# and neighbours are permanent, so no ARP/ND traffic and no first-packet delay.
# Every veth end has gso_max_segs 1 (one skb = one wire packet, also for TCP);
# GRO is off on veth by default in this kernel (no NAPI without XDP).
# Link-local IPv6 traffic (DAD of fe80::, RS, MLD) stays on the links: nothing
# but your traffic crosses FORWARD.
#
# Under TCG every process start costs 50-100 ms (python3 about 0.5 s):
# the helpers batch their work into as few processes as they can.

GUEST_LIB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# guest_require: stop unless inside a ci/guest/run guest.
guest_require() {
	if [[ ${GUEST:-} != 1 ]]; then
		echo "this must run inside the guest: ci/guest/run -- $0" >&2
		exit 2
	fi
}

# topo_up: create ns1/ns2 and their veth links (removes leftovers first).
topo_up() {
	topo_down
	local i batch=() nsb
	for i in 1 2; do
		batch+=("netns add ns$i"
			"link add v$i address 02:00:00:00:0$i:01 gso_max_segs 1 type veth peer name eth0 address 02:00:00:00:0$i:02 gso_max_segs 1 netns ns$i"
			"addr add 10.$i.0.1/24 dev v$i"
			"addr add fd00:$i::1/64 dev v$i nodad"
			"link set v$i up"
			"neigh replace 10.$i.0.2 lladdr 02:00:00:00:0$i:02 dev v$i nud permanent"
			"neigh replace fd00:$i::2 lladdr 02:00:00:00:0$i:02 dev v$i nud permanent")
	done
	printf '%s\n' "${batch[@]}" | ip -batch - || { echo "topo_up: root side failed" >&2; return 1; }
	for i in 1 2; do
		nsb=("link set lo up"
			"link set eth0 up"
			"addr add 10.$i.0.2/24 dev eth0"
			"addr add fd00:$i::2/64 dev eth0 nodad"
			"route add default via 10.$i.0.1"
			"route add default via fd00:$i::1"
			"neigh replace 10.$i.0.1 lladdr 02:00:00:00:0$i:01 dev eth0 nud permanent"
			"neigh replace fd00:$i::1 lladdr 02:00:00:00:0$i:01 dev eth0 nud permanent")
		printf '%s\n' "${nsb[@]}" | ip -n "ns$i" -batch - || { echo "topo_up: ns$i failed" >&2; return 1; }
	done
	echo 1 >/proc/sys/net/ipv4/ip_forward
	echo 1 >/proc/sys/net/ipv6/conf/all/forwarding
}

# topo_down: remove the topology (no error if it is not there).
topo_down() {
	local b=()
	[[ -e /sys/class/net/v1 ]] && b+=("link del v1")
	[[ -e /sys/class/net/v2 ]] && b+=("link del v2")
	[[ -e /run/netns/ns1 ]] && b+=("netns del ns1")
	[[ -e /run/netns/ns2 ]] && b+=("netns del ns2")
	((${#b[@]})) || return 0
	printf '%s\n' "${b[@]}" | ip -force -batch - 2>/dev/null
	return 0
}

# in_ns NS CMD [ARGS...]: run CMD in namespace NS ("root" = the guest's own).
in_ns() {
	local ns=$1; shift
	if [[ $ns == root || $ns == - ]]; then "$@"; else ip netns exec "$ns" "$@"; fi
}

# ns_of_ip IP: the namespace that owns IP in the topology ("none" if unknown).
ns_of_ip() {
	case $1 in
	10.1.0.2 | fd00:1::2) echo ns1 ;;
	10.2.0.2 | fd00:2::2) echo ns2 ;;
	10.1.0.1 | 10.2.0.1 | fd00:1::1 | fd00:2::1 | 127.* | ::1) echo root ;;
	*) echo none ;;
	esac
}

# send_udp SRC_NS DST_IP DPORT COUNT PAYLOAD_LEN [SPORT]
# COUNT datagrams of PAYLOAD_LEN bytes from SRC_NS (SPORT default 40000; 0 =
# kernel's choice). A sink bound to DPORT in the destination namespace (from
# ns_of_ip; override with DST_NS=...) receives them, so no ICMP port
# unreachable comes back; fails unless all COUNT arrive. IPv6 if DST_IP has ':'.
send_udp() {
	(($# == 5 || $# == 6)) || { echo "usage: send_udp SRC_NS DST_IP DPORT COUNT PAYLOAD_LEN [SPORT]" >&2; return 2; }
	python3 "$GUEST_LIB_DIR/netsend.py" udp "$1" "${DST_NS:-$(ns_of_ip "$2")}" "$2" "$3" "$4" "$5" "${6:-40000}"
}

# send_tcp SRC_NS DST_IP DPORT BYTES [SPORT]
# One TCP connection from SRC_NS (SPORT default 40000; 0 = kernel's choice) to
# a sink listening on DPORT in the destination namespace; BYTES bytes one way;
# the sink closes first, then the source. Fails unless the sink read BYTES.
# Data packets carry at most one MSS each (gso_max_segs 1); how many ACKs the
# sink sends depends on timing, so count TCP by bytes, not packets.
send_tcp() {
	(($# == 4 || $# == 5)) || { echo "usage: send_tcp SRC_NS DST_IP DPORT BYTES [SPORT]" >&2; return 2; }
	local dns=${DST_NS:-$(ns_of_ip "$2")}
	[[ $dns != none ]] || { echo "send_tcp: no namespace owns $2 (set DST_NS)" >&2; return 2; }
	python3 "$GUEST_LIB_DIR/netsend.py" tcp "$1" "$dns" "$2" "$3" "$4" "${5:-40000}"
}

# send_udp6 / send_tcp6: the same (the family follows DST_IP); for readability.
send_udp6() { send_udp "$@"; }
send_tcp6() { send_tcp "$@"; }

# ping_ns SRC_NS DST_IP COUNT [SIZE]: COUNT echo requests of SIZE data bytes
# (default 56), each sent as soon as the previous reply came back (busybox ping
# -A); fails unless all COUNT replies came. IPv6 if DST_IP has ':'.
ping_ns() {
	(($# == 3 || $# == 4)) || { echo "usage: ping_ns SRC_NS DST_IP COUNT [SIZE]" >&2; return 2; }
	local fam=-4 out
	[[ $2 == *:* ]] && fam=-6
	out=$(in_ns "$1" /bin/busybox ping "$fam" -A -q -c "$3" -s "${4:-56}" -W 5 "$2" 2>&1)
	if [[ $out != *"$3 packets transmitted, $3 packets received"* ]]; then
		echo "ping_ns $*: $out" >&2
		return 1
	fi
}
ping6_ns() { ping_ns "$@"; }

# wait_for TIMEOUT_SEC CMD [ARGS...]: run CMD every 0.2 s until it succeeds;
# fails (with a message) if it has not within TIMEOUT_SEC seconds.
wait_for() {
	local t=$1; shift
	local end=$((${EPOCHREALTIME/./} + t * 1000000))
	until "$@"; do
		if ((${EPOCHREALTIME/./} >= end)); then
			echo "wait_for: '$*' not true after ${t}s" >&2
			return 1
		fi
		sleep 0.2
	done
}

# ipt_pkts [--cmd iptables|ip6tables|iptables-legacy|...] CHAIN RULENUM [TABLE]:
# packet counter of rule RULENUM (1-based) of CHAIN, exact (-x).
ipt_pkts() {
	local cmd=iptables
	if [[ $1 == --cmd ]]; then cmd=$2; shift 2; fi
	"$cmd" -w -t "${3:-filter}" -L "$1" -v -n -x --line-numbers |
		awk -v n="$2" '$1 == n { print $2; found = 1 } END { if (!found) exit 1 }'
}
