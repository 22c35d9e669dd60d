#!/bin/bash
# Guest side: NAT event logging (docs/natevents.md). The guest routes
# between ns1 and ns2 and translates with iptables-nft: MASQUERADE, SNAT
# with a port, DNAT, DNAT and SNAT together; real UDP and TCP connections
# through them; the conntracks are then deleted (conntrack -D). Exported
# over IPFIX, NetFlow v9 and v5 to nfcapd and a capture decoded by tshark:
#  - IPFIX, natevents=1 as module parameter, no NETFLOW rule at all: one
#    create (natEvent 4) and one delete (5) per connection, exact pre- and
#    post-NAT addresses and ports, protocol, times within the test;
#    `conntrack -E` running at the same time still prints every event;
#  - v9, switched by sysctl, natevents-historic=1 (natEvent 1/2), ICMP, with
#    nf_conntrack_events=2 and no other listener, and a NETFLOW rule: the
#    flows are exported too;
#  - v5, natevents=2: the pseudo-records (one per translated side, TCP
#    flags 0x12/0x05, next hop and AS fields) and no flow, though the
#    NETFLOW rule still matches;
#  - natevents=0: the listener is gone, no event is exported; bad writes
#    are refused with EINVAL and change nothing; a bad module parameter
#    fails the load;
#  - a burst of 6000 conntracks created, then flushed at once: every
#    event exported or counted lost, the listener still works after it;
#  - in namespace ns1, by sysctl, without any NETFLOW rule, SNAT by
#    iptables-legacy: the events reach nfcapd from there; a namespace
#    deleted with its listener open goes cleanly;
#  - /proc/net/stat/ipt_netflow_snmp's natEvents lines show the exact
#    counts at each step, the same as the human-readable Natevents line.
# Needs: MODULE_KO, PLUGIN_OUT; runs inside ci/guest/run.
set -uo pipefail
here=$(dirname "$(readlink -f "$0")")
. "$here/../guest/lib.sh"
. "$here/tap.sh"
. "$here/netflow.sh"

out=${GUEST_OUT:-/out}/e2e-natevents
rm -rf "$out"
mkdir -p "$out"
sys=/proc/sys/net/netflow
check_py() { python3 "$here/natevents_check.py" "$@"; }
now_ms() { echo $((${EPOCHREALTIME/./} / 1000)); }
nat_line() { grep '^Natevents:' /proc/net/stat/ipt_netflow; }
# the number after WORD in the Natevents line
nat_count() { nat_line | sed -n "s/.* $1 \([0-9]*\).*/\1/p"; }
# netlink sockets of NETLINK_NETFILTER (12) bound to the groups of
# conntrack new and destroy events (bits 0 and 2): ours, or conntrack -E
ct_listeners() { awk '$2 == 12 && $4 == "00000005"' /proc/net/netlink | wc -l; }
# wait_for runs its command again on every try: counts are read inside
# these functions, not in wait_for's arguments (which bash expands once)
listeners() { test "$(ct_listeners)" "$1" "$2"; }
deleted_at_least() { test "$(nat_count deleted)" -ge "$1"; }
created_is() { test "$(nat_count created)" = "$1"; }
wait_deleted() { wait_for 20 deleted_at_least "$1"; }
# The natEvents lines of ipt_netflow_snmp and the Natevents line of
# ipt_netflow in the same form; in namespace $NAT_NS if set.
in_nat_ns() { if [ -n "${NAT_NS:-}" ]; then ip netns exec "$NAT_NS" "$@"; else "$@"; fi; }
snmp_nat() { in_nat_ns awk '$1 ~ /^natEvents/ { print $1, $2 }' /proc/net/stat/ipt_netflow_snmp; }
human_nat() {
	in_nat_ns grep '^Natevents:' /proc/net/stat/ipt_netflow |
		sed -En 's/^Natevents: ([0-9]+) \(.*\), listener (open|closed).*; events created ([0-9]+), deleted ([0-9]+), lost ([0-9]+), unexportable ([0-9]+)\.$/natEvents \1\nnatEventsListener \2\nnatEventsStart \3\nnatEventsStop \4\nnatEventsLost \5\nnatEventsUnexportable \6/p' |
		sed 's/ open$/ 1/; s/ closed$/ 0/'
}
nat_agree() { test "$(snmp_nat)" = "$(human_nat)"; }
# snmp_nat_is MODE LISTENER START STOP LOST UNEXPORTABLE
snmp_nat_is() {
	test "$(snmp_nat)" = "$(printf 'natEvents %s\nnatEventsListener %s\nnatEventsStart %s\nnatEventsStop %s\nnatEventsLost %s\nnatEventsUnexportable %s' "$@")"
}
# nat_snmp LABEL MODE LISTENER START STOP LOST UNEXPORTABLE: both files agree,
# and ipt_netflow_snmp has these values
nat_snmp() {
	local label=$1
	shift
	check "$label: ipt_netflow_snmp natEvents lines = the Natevents line" wait_for 5 nat_agree
	check "$label: ipt_netflow_snmp: natEvents $1, listener $2, start $3, stop $4, lost $5, unexportable $6" \
		snmp_nat_is "$@"
	snmp_nat_is "$@" || snmp_nat | tr '\n' ' ' >&2
}

topo_up >"$out/topo.log" 2>&1 || { not_ok "topology up"; tap_summary; exit 1; }
modprobe nf_conntrack
command -v conntrack >/dev/null || { not_ok "conntrack (package conntrack) installed"; tap_summary; exit 1; }

capture_start "$out/export.pcapng" "udp and dst portrange 2071-2073"
for p in 2071 2072 2073; do
	nfcapd_start "$out/c$p" $p
done
nfcapd_start "$out/c2074" 2074 10.1.0.1

# The translations: pre-NAT destination port says which.
{
	iptables -t nat -A POSTROUTING -o v2 -p udp --dport 6001 -j MASQUERADE
	iptables -t nat -A POSTROUTING -o v2 -p udp --dport 6002 -j SNAT --to-source 10.2.0.1:31002
	iptables -t nat -A PREROUTING -i v1 -d 10.2.0.99 -p tcp --dport 6003 -j DNAT --to-destination 10.2.0.2
	iptables -t nat -A PREROUTING -i v1 -d 10.2.0.98 -p udp --dport 6004 -j DNAT --to-destination 10.2.0.2
	iptables -t nat -A POSTROUTING -o v2 -p udp --dport 6004 -j SNAT --to-source 10.2.0.1:31004
	iptables -t nat -A POSTROUTING -o v2 -p tcp --dport 6005 -j MASQUERADE
	iptables -t nat -A POSTROUTING -o v2 -p icmp -j MASQUERADE
	# ping sockets, whose echo id is the port they are bound to
	ip netns exec ns1 sysctl -qw net.ipv4.ping_group_range="0 0"
} >"$out/nat.log" 2>&1 || { not_ok "NAT rules"; tap_summary; exit 1; }

# one echo request with id ARGV[2] to ARGV[1], and its reply
ping_py='
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM, socket.IPPROTO_ICMP)
s.bind(("", int(sys.argv[2])))
s.settimeout(5)
s.sendto(bytes([8, 0, 0, 0, 0, 0, 0, 1]) + b"natevents", (sys.argv[1], 0))
assert s.recv(100)[0] == 0
'

# traffic BASE CASES...: one connection per case, source port BASE + case;
# what each must produce goes to $out/expect-*.txt (natevents_check.py)
traffic() {
	local base=$1 c sp
	shift
	for c in "$@"; do
		sp=$((base + c))
		case $c in
		1) send_udp ns1 10.2.0.2 6001 2 32 $sp ;;
		2) send_udp ns1 10.2.0.2 6002 2 32 $sp ;;
		3) DST_NS=ns2 send_tcp ns1 10.2.0.99 6003 2000 $sp ;;
		4) DST_NS=ns2 send_udp ns1 10.2.0.98 6004 2 32 $sp ;;
		5) send_tcp ns1 10.2.0.2 6005 2000 $sp ;;
		6) ip netns exec ns1 python3 -c "$ping_py" 10.2.0.2 $sp ;;
		esac || return 1
		echo "$c $sp"
	done
}

# --- IPFIX: module parameter, no NETFLOW rule, conntrack -E alongside -------
echo "# ${SECONDS}s: IPFIX"
conntrack -E -e NEW,DESTROY >"$out/conntrack-E.txt" 2>&1 &
ctpid=$!
wait_for 10 listeners -ge 1
check "ipfix: module loads with natevents=1" \
	nf_load protocol=10 destination=127.0.0.1:2071 natevents=1
check "ipfix: sysctl natevents reads 1" test "$(cat $sys/natevents)" = 1
check "ipfix: the listener is open without any NETFLOW rule" \
	wait_for 10 bash -c "grep -q 'listener open' /proc/net/stat/ipt_netflow"
check "ipfix: two ctnetlink listeners (ours and conntrack -E)" test "$(ct_listeners)" = 2
t0=$(now_ms)
check "ipfix: connections through every NAT kind" \
	eval 'traffic 41000 1 2 3 4 5 >"$out/ipfix-sent.txt"'
check "ipfix: conntracks deleted" conntrack -D -s 10.1.0.2
check "ipfix: 5 created and 5 deleted exported" wait_deleted 5
check "ipfix: /proc counts 5 created" test "$(nat_count created)" = 5
nat_snmp ipfix 1 1 5 5 0 0
t1=$(now_ms)
nat_line >"$out/ipfix-proc.txt"
kill "$ctpid"
wait "$ctpid" 2>/dev/null
for sp in 41001 41002 41003 41004 41005; do
	check "ipfix: conntrack -E printed NEW and DESTROY of port $sp" \
		test "$(grep -c "sport=$sp " "$out/conntrack-E.txt")" = 2
done

# --- v9: sysctl, historic values, nf_conntrack_events=2, flows too ----------
echo "# ${SECONDS}s: v9"
echo 2 >/proc/sys/net/netfilter/nf_conntrack_events
# conntrack's own times: start for a create, stop for a delete
echo 1 >/proc/sys/net/netfilter/nf_conntrack_timestamp
check "v9: our listener alone is left" test "$(ct_listeners)" = 1
echo 127.0.0.1:2072 >$sys/destination
echo 9 >$sys/protocol
echo 1 >$sys/natevents-historic
check "v9: natevents-historic reads 1" test "$(cat $sys/natevents-historic)" = 1
iptables -A FORWARD -j NETFLOW
t2=$(now_ms)
check "v9: connections (SNAT, DNAT, ICMP MASQUERADE)" eval 'traffic 42000 2 3 6 >"$out/v9-sent.txt"'
check "v9: conntracks deleted" conntrack -D -s 10.1.0.2
check "v9: 3 more deleted exported" wait_deleted 8
nat_snmp v9 1 1 8 8 0 0
echo 1 >$sys/flush
t3=$(now_ms)

# --- v5: natevents=2, NAT events only ------------------------------------------
echo "# ${SECONDS}s: v5"
echo 0 >$sys/natevents-historic
echo 127.0.0.1:2073 >$sys/destination
echo 5 >$sys/protocol
echo 2 >$sys/natevents
check "v5: natevents reads 2" test "$(cat $sys/natevents)" = 2
check "v5: /proc says NAT events only" bash -c "nat_line() { grep '^Natevents:' /proc/net/stat/ipt_netflow; }; nat_line | grep -q 'NAT events only'"
t4=$(now_ms)
check "v5: connections (MASQUERADE, DNAT+SNAT, DNAT)" \
	eval 'traffic 43000 1 4 3 >"$out/v5-sent.txt"'
check "v5: the NETFLOW rule saw the packets" test "$(ipt_pkts FORWARD 1)" -gt 0
check "v5: conntracks deleted" conntrack -D -s 10.1.0.2
check "v5: 3 more deleted exported" wait_deleted 11
nat_snmp v5 2 1 11 11 0 0
echo 1 >$sys/flush
t5=$(now_ms)

# --- a burst: thousands of events at once ---------------------------------
echo "# ${SECONDS}s: burst"
# N conntracks through MASQUERADE, then one flush deletes them all at once;
# exported nowhere that matters (no collector on 2079)
echo 127.0.0.1:2079 >$sys/destination
echo "# nf_conntrack_max $(cat /proc/sys/net/netfilter/nf_conntrack_max)"
burst=6000
created0=$(nat_count created)
deleted0=$(nat_count deleted)
lost0=$(nat_count lost)
check "burst: $burst conntracks through MASQUERADE" ip netns exec ns1 python3 -c '
import socket, struct, sys
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_UDP)
for sport in range(20000, 20000 + int(sys.argv[1])):
    s.sendto(struct.pack("!HHHH", sport, 6001, 8, 0), ("10.2.0.2", 0))
' $burst
check "burst: their creates arrived or were counted lost" wait_for 20 bash -c \
	"n() { grep '^Natevents:' /proc/net/stat/ipt_netflow | sed -n \"s/.* \$1 \\([0-9]*\\).*/\\1/p\"; }; test \$((\$(n created) + \$(n lost) - $created0 - $lost0)) -ge $burst"
# the reader usually keeps up even with this; whatever it missed is lost
check "burst: one flush deletes them all" conntrack -F
# every event exported or counted lost ("lost" counts any conntrack event
# the queue dropped, a few non-NAT ones among them)
accounted() {
	test $(($(nat_count created) - created0 + $(nat_count deleted) - deleted0 +
		$(nat_count lost) - lost0)) -ge $((2 * burst))
}
check "burst: every create and delete exported or counted lost" wait_for 20 accounted
nat_line >"$out/overrun-proc.txt"
echo "# $(cat "$out/overrun-proc.txt")"
check "burst: no more creates than conntracks" test "$(nat_count created)" -le $((created0 + burst))
check "burst: no more deletes than conntracks" test "$(nat_count deleted)" -le $((deleted0 + burst))
# netlink stops delivering to a congested socket until it is read empty
created1=$(nat_count created)
check "burst: a connection after it" send_udp ns1 10.2.0.2 6001 1 32 44501
check "burst: its create still arrives" wait_for 10 created_is $((created1 + 1))
check "burst: ipt_netflow_snmp natEvents lines = the Natevents line" wait_for 5 nat_agree

# --- off, bad writes ---------------------------------------------------------
echo "# ${SECONDS}s: off"
iptables -F FORWARD
echo 0 >$sys/natevents
check "off: the listener is gone" wait_for 10 listeners = 0
check "off: /proc says closed" bash -c "grep '^Natevents:' /proc/net/stat/ipt_netflow | grep -q 'listener closed'"
before=$(nat_count created)
check "off: a connection" eval 'traffic 44000 2 >/dev/null'
conntrack -D -s 10.1.0.2 >/dev/null 2>&1
sleep 1.5
check "off: no event counted" test "$(nat_count created)" = "$before"
for v in 3 -1 x 10 ""; do
	if echo "$v" 2>/dev/null >$sys/natevents; then
		not_ok "off: natevents '$v' refused"
	else
		ok "off: natevents '$v' refused"
	fi
done
check "off: natevents still 0" test "$(cat $sys/natevents)" = 0
check "off: ipt_netflow_snmp says natEvents 0, listener 0" \
	test "$(snmp_nat | head -2 | tr '\n' ' ')" = "natEvents 0 natEventsListener 0 "
check "off: ipt_netflow_snmp natEvents lines = the Natevents line" wait_for 5 nat_agree
for v in 2 -1 y; do
	if echo "$v" 2>/dev/null >$sys/natevents-historic; then
		not_ok "off: natevents-historic '$v' refused"
	else
		ok "off: natevents-historic '$v' refused"
	fi
done
check "off: natevents-historic still 0" test "$(cat $sys/natevents-historic)" = 0
check "module unloads" nf_unload
check "bad natevents=3 fails the load" bash -c "! insmod '$MODULE_KO' natevents=3"
check "with one line naming it" bash -c "dmesg | tail -5 | grep -q 'invalid natevents=3'"
check "bad natevents_historic=2 fails the load" bash -c "! insmod '$MODULE_KO' natevents_historic=2"

# --- a namespace of its own: sysctl, no NETFLOW rule, iptables-legacy ---------
echo "# ${SECONDS}s: namespace"
n1() { ip netns exec ns1 "$@"; }
check "netns: module loads without natevents" nf_load protocol=9
check "netns: ns1 SNAT by iptables-legacy" n1 iptables-legacy -t nat -A POSTROUTING \
	-o eth0 -p udp --dport 6010 -j SNAT --to-source 10.1.0.2:32010
n1 sysctl -qw net.netflow.destination=10.1.0.1:2074
n1 sysctl -qw net.netflow.natevents-historic=1
check "netns: natevents=1 in ns1" n1 sysctl -qw net.netflow.natevents=1
check "netns: ns1 has an instance and a listener, without any rule" \
	wait_for 10 n1 grep -q 'listener open' /proc/net/stat/ipt_netflow
check "netns: init_net stays off" bash -c "grep -q '^Natevents: 0 (off)' /proc/net/stat/ipt_netflow || ! grep -q '^Natevents' /proc/net/stat/ipt_netflow"
check "netns: a connection from ns1" send_udp ns1 10.2.0.2 6010 2 32 45010
check "netns: conntrack deleted in ns1" n1 conntrack -D -p udp --dport 6010
check "netns: ns1 exported 1 created, 1 deleted" wait_for 20 bash -c \
	"ip netns exec ns1 grep -q 'created 1, deleted 1,' /proc/net/stat/ipt_netflow"
NAT_NS=ns1 nat_snmp "netns: ns1" 1 1 1 1 0 0
check "netns: init_net's ipt_netflow_snmp: off, no listener, nothing counted" snmp_nat_is 0 0 0 0 0 0
ip netns add nsx
check "netns: natevents=1 in a throwaway namespace" \
	ip netns exec nsx sysctl -qw net.netflow.natevents=1
check "netns: its listener opens" \
	wait_for 10 ip netns exec nsx grep -q 'listener open' /proc/net/stat/ipt_netflow
check "netns: deleted with the listener open" ip netns del nsx
n1 iptables-legacy -t nat -F
check "netns: module unloads" nf_unload

# --- decode ------------------------------------------------------------------
echo "# ${SECONDS}s: decode"
sleep 1
stop_pidfile "$out/export.pcapng.pid" INT
for p in 2071 2072 2073 2074; do
	stop_pidfile "$out/c$p/nfcapd.pid" TERM
	for f in "$out/c$p"/nfcap/nfcapd.*; do
		case $f in *current*|*'*') continue ;; esac
		nfdump -r "$f" -q -N -o 'fmt:%nevt|%pr|%sa|%da|%sp|%dp|%nsa|%nda|%nsp|%ndp|%pkt|%flg|%nh|%sas|%das'
	done | tr -d ' ' >"$out/c$p/nfdump.txt"
done
tshark -r "$out/export.pcapng" -d udp.port==2071,cflow -d udp.port==2072,cflow \
	-d udp.port==2073,cflow -T json >"$out/tshark.json" 2>"$out/tshark.err"
check_py "$out" ipfix 2071 "$t0" "$t1" 4 5 "$out/ipfix-sent.txt" \
	v9 2072 "$t2" "$t3" 1 2 "$out/v9-sent.txt" \
	v5 2073 "$t4" "$t5" 4 5 "$out/v5-sent.txt" >"$out/check.txt" 2>&1
rc=$?
tally <"$out/check.txt"
[ $rc = 0 ] || grep -q '^not ok' "$out/check.txt" || not_ok "natevents_check.py exited $rc"
check "netns: nfdump shows ns1's create and delete, exact" test \
	"$(grep -v '^Nomatchingflows$' "$out/c2074/nfdump.txt" | sort | cut -d'|' -f1-10 | tr '\n' ' ')" = \
	"ADD|17|10.1.0.2|10.2.0.2|45010|6010|10.1.0.2|10.2.0.2|32010|6010 DELETE|17|10.1.0.2|10.2.0.2|45010|6010|10.1.0.2|10.2.0.2|32010|6010 "

iptables -t nat -F
topo_down
check "no kernel warnings" no_kernel_warnings
tap_summary
