#!/bin/bash
# Guest side: fields=vlan and fields=mpls (docs/fields.md) on the wire,
# decoded by tshark (exact values) and nfcapd+nfdump:
#  - routed traffic from VLAN sub-interfaces of veth: ns1's eth0.100
#    (802.1Q 100, egress priority 5) arrives on v1.100 with reorder_hdr
#    off, so the tag stays in the frame: VID 100 priority 5; ns1's QinQ
#    eth0.200.300 (802.1ad 200, then 802.1Q 300) arrives on v1.200.300,
#    whose devices consumed both tags: 200 and 300, priorities unknown (0);
#    untagged traffic: no tag;
#  - promiscuous capture (promisc=1, promisc-mpls=3) of crafted frames:
#    802.1Q and QinQ tags with their priorities (the kernel moves the outer
#    tag out of the frame before any handler sees it), MPLS stacks (label,
#    traffic class, S bit of each entry, the top TTL); the VLAN id and the
#    label stack are flow keys;
#  - NetFlow v9 carries the outer VID in vlanId (58) too;
#  - a promisc-mpls change with mpls selected: the flows so far leave
#    (forced end), the template follows the new depth;
#  - every export byte by byte (ci/tools/export_bytes.py).
# Needs: MODULE_KO, PLUGIN_OUT; runs inside ci/guest/run.
set -uo pipefail
here=$(dirname "$(readlink -f "$0")")
. "$here/../guest/lib.sh"
. "$here/tap.sh"
. "$here/netflow.sh"

out=${GUEST_OUT:-/out}/e2e-l2fields
rm -rf "$out"
mkdir -p "$out"
sys=/proc/sys/net/netflow

topo_up >"$out/topo.log" 2>&1 || { not_ok "topology up"; tap_summary; exit 1; }

# VLAN sub-interfaces between ns1 and the router, and ns2 addresses that
# ns1 reaches only through them
vlans_up() {
	ip -n ns1 link add link eth0 name eth0.100 type vlan id 100 egress-qos-map 0:5 &&
	ip link add link v1 name v1.100 type vlan id 100 reorder_hdr off &&
	ip -n ns1 link add link eth0 name eth0.200 type vlan proto 802.1ad id 200 &&
	ip -n ns1 link add link eth0.200 name eth0.200.300 type vlan id 300 &&
	ip link add link v1 name v1.200 type vlan proto 802.1ad id 200 &&
	ip link add link v1.200 name v1.200.300 type vlan id 300 &&
	ip -n ns1 addr add 10.11.0.2/24 dev eth0.100 &&
	ip -n ns1 addr add 10.12.0.2/24 dev eth0.200.300 &&
	ip addr add 10.11.0.1/24 dev v1.100 &&
	ip addr add 10.12.0.1/24 dev v1.200.300 &&
	for d in eth0.100 eth0.200 eth0.200.300; do ip -n ns1 link set "$d" up || return 1; done &&
	for d in v1.100 v1.200 v1.200.300; do ip link set "$d" up || return 1; done &&
	ip -n ns2 addr add 10.2.0.12/24 dev eth0 &&
	ip -n ns2 addr add 10.2.0.13/24 dev eth0 &&
	ip -n ns1 route add 10.2.0.12/32 via 10.11.0.1 &&
	ip -n ns1 route add 10.2.0.13/32 via 10.12.0.1
}
check "VLAN and QinQ sub-interfaces" vlans_up

# the promiscuous port: frames from namespace ptap for nobody's MAC
check "promiscuous port" promisc_port_up ptap

send_sub100() { DST_NS=ns2 send_udp ns1 10.2.0.12 5251 3 100 45101; }
send_subqinq() { DST_NS=ns2 send_udp ns1 10.2.0.13 5252 2 100 45102; }
traffic() {
	check "udp through the 802.1Q sub-interface" send_sub100
	check "udp through the QinQ sub-interface" send_subqinq
	check "udp untagged" send_udp ns1 10.2.0.2 5253 4 100 45103
	check "tagged and labelled frames on the promiscuous port" \
		python3 "$here/l2fields_send.py" ptap m1
}

# --- IPFIX: vlan and mpls -------------------------------------------------------
d=$out/ipfix
mkdir -p "$d"
collectors_start "$d" 2081
check "IPFIX: module loads with fields=vlan,mpls,ethertype promisc=1 promisc_mpls=3" \
	nf_load protocol=10 destination=127.0.0.1:2081 fields=mpls,vlan,ethertype \
	promisc=1 promisc_mpls=3
check "fields reads back canonical" test "$(cat $sys/fields)" = "ethertype,vlan,mpls"
iptables -A FORWARD -p udp -j NETFLOW
iptables -t raw -A PREROUTING -i m0 -j NETFLOW
traffic
flush_and_wait

# promisc-mpls 3 -> 2 with mpls selected: what was metered leaves first
check "the label flow before the depth change" python3 "$here/l2fields_send.py" ptap m1 m2
check "promisc-mpls 2" bash -c "echo 2 >$sys/promisc-mpls"
check "the label flow after it" python3 "$here/l2fields_send.py" ptap m1 m2
flush_and_wait
collectors_stop "$d"
tshark -r "$d/export.pcapng" -d udp.port==2081,cflow -T json >"$d/tshark.json" 2>"$d/tshark.err"
# dport 5263 (m2/m2b) is checked by the label lists below
cat >"$d/expect" <<'EOT'
sub100 dport=5251 set=1024 packets=3 dot1q_vlan_id=100 dot1q_priority=5 dot1q_customer_vlan_id=0 dot1q_customer_priority=0 ethernet_type=0x0800
subqinq dport=5252 set=1024 packets=2 dot1q_vlan_id=200 dot1q_priority=0 dot1q_customer_vlan_id=300 dot1q_customer_priority=0
untagged dport=5253 set=1024 packets=4 dot1q_vlan_id=0 dot1q_priority=0 dot1q_customer_vlan_id=0
q100 dport=5261 @dot1q_vlan_id=100 set=1024 packets=2 dot1q_priority=5 dot1q_customer_vlan_id=0
q101 dport=5261 @dot1q_vlan_id=101 set=1024 packets=3 dot1q_priority=5
qinq dport=5262 set=1024 packets=2 dot1q_vlan_id=200 dot1q_priority=3 dot1q_customer_vlan_id=300 dot1q_customer_priority=6 ethernet_type=0x0800
qm1 dport=5264 set=1024 packets=1 dot1q_vlan_id=10 dot1q_priority=2 mpls_top_label_ttl=9
m2 dport=5263 @set=1024 records>=2 mpls_top_label_ttl=200
EOT
tally < <(python3 "$here/fields_check.py" "$d/tshark.json" "$d/expect")
tally < <(python3 "$here/l2fields_check.py" "$d/tshark.json" <<'EOT'
m2 5263 1024 2 16001/5/0 16002/0/1 0/0/0
m2b 5263 1024 1 16001/5/0 16003/0/1 0/0/0
qm1 5264 1024 1 17000/7/1 0/0/0 0/0/0
m2-depth2 5263 1026 2 16001/5/0 16002/0/1
untagged 5253 1024 4 0/0/0 0/0/0 0/0/0
EOT
)
decode_nfcapd "$d"
nfdump_fmt "$d" '%dp|%svln|%pkt|%mpls1|%mpls2' >"$d/nfdump.txt" 2>"$d/nfdump.err"
check "nfdump: the 802.1Q flow's VLAN" grep -qx '5251|100|3|0-0-0|0-0-0' "$d/nfdump.txt"
check "nfdump: the QinQ flow's outer VLAN" grep -qx '5252|200|2|0-0-0|0-0-0' "$d/nfdump.txt"
check "nfdump: two flows of one 5-tuple in VLANs 100 and 101" \
	bash -c "grep -qx '5261|100|2|0-0-0|0-0-0' $d/nfdump.txt &&
		 grep -qx '5261|101|3|0-0-0|0-0-0' $d/nfdump.txt"
check "nfdump: two flows of one 5-tuple under two label stacks" \
	bash -c "grep -qx '5263|0|2|16001-5-0|16002-0-1' $d/nfdump.txt &&
		 grep -qx '5263|0|1|16001-5-0|16003-0-1' $d/nfdump.txt"
check "nfdump: a tag above a label" grep -qx '5264|10|1|17000-7-1|0-0-0' "$d/nfdump.txt"
bytes_check "IPFIX" 10 2081 "$d/export.pcapng"
iptables -F; iptables -t raw -F
nf_unload

# --- NetFlow v9: vlanId too ---------------------------------------------------------
d=$out/v9
mkdir -p "$d"
collectors_start "$d" 2082
check "v9: module loads with fields=vlan promisc=1" \
	nf_load protocol=9 destination=127.0.0.1:2082 fields=vlan promisc=1
iptables -A FORWARD -p udp -j NETFLOW
iptables -t raw -A PREROUTING -i m0 -j NETFLOW
traffic
flush_and_wait
collectors_stop "$d"
tshark -r "$d/export.pcapng" -d udp.port==2082,cflow -T json >"$d/tshark.json" 2>"$d/tshark.err"
tally < <(python3 "$here/fields_check.py" "$d/tshark.json" /dev/stdin <<'EOT'
sub100 dport=5251 set=1024 packets=3 vlanid=100 dot1q_vlan_id=100 dot1q_priority=5
subqinq dport=5252 set=1024 packets=2 vlanid=200 dot1q_vlan_id=200 dot1q_customer_vlan_id=300
qinq dport=5262 set=1024 packets=2 vlanid=200 dot1q_priority=3 dot1q_customer_vlan_id=300 dot1q_customer_priority=6
EOT
)
decode_nfcapd "$d"
nfdump_fmt "$d" '%dp|%svln|%pkt' >"$d/nfdump.txt" 2>"$d/nfdump.err"
check "v9: nfdump: the 802.1Q flow's VLAN" grep -qx '5251|100|3' "$d/nfdump.txt"
check "v9: nfdump: the QinQ flow's outer VLAN" grep -qx '5262|200|2' "$d/nfdump.txt"
bytes_check "v9" 9 2082 "$d/export.pcapng"
iptables -F; iptables -t raw -F
nf_unload

check "no kernel warnings" no_kernel_warnings
ip link del m0
ip netns del ptap
topo_down
tap_summary
