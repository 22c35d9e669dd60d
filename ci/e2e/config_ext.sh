#!/bin/bash
# Guest side: the sampler, aggregation and snmp-rules settings. Bad module
# parameters fail the load with one message naming them; bad sysctl writes
# return EINVAL and change nothing; good writes read back in canonical
# form; each namespace keeps its own, and a new one starts from the module
# parameters.
set -uo pipefail
here=$(dirname "$(readlink -f "$0")")
. "$here/../guest/lib.sh"
. "$here/tap.sh"
. "$here/netflow.sh"

out=${GUEST_OUT:-/out}/e2e-config_ext
mkdir -p "$out"
topo_up >"$out/topo.log" 2>&1 || { not_ok "topology up"; tap_summary; exit 1; }
sys=/proc/sys/net/netflow
long=$(printf 'x%.0s' $(seq 1100))

# --- module parameters -----------------------------------------------------
bad_load() {
	local param=$1 expect=$2 lines
	dmesg -C
	if nf_load "$param" 2>/dev/null; then
		nf_unload
		not_ok "insmod $param is refused"
		return
	fi
	# the first load of the boot also logs the out-of-tree and unsigned taints
	lines=$(dmesg | grep 'ipt_NETFLOW: ' | grep -vEc 'taints? kernel|tainting kernel')
	if dmesg | grep -q "ipt_NETFLOW: invalid $expect="; then
		check "insmod $param is refused with one line: $(dmesg | grep -m1 'ipt_NETFLOW: invalid' |
			sed 's/^\[[^]]*\] //')" test "$lines" = 1
	else
		not_ok "insmod $param is refused with a message naming $expect"
	fi
}
bad_load sampler=random:1 sampler
bad_load sampler=random:16384 sampler
bad_load sampler=bogus:5 sampler
bad_load sampler=random sampler
bad_load sampler=random:5x sampler
bad_load aggregation=10.0.0.1/8=16 aggregation
bad_load aggregation=90-80=80 aggregation
bad_load aggregation=10.0.0.0/33=16 aggregation
bad_load aggregation=80=80,bogus aggregation
bad_load aggregation=2001:db8::/32=129 aggregation
bad_load snmp_rules=eth snmp_rules
bad_load snmp_rules=eth:65536 snmp_rules
bad_load snmp_rules=eth:1,:2 snmp_rules
bad_load snmp_rules=abcdefghijklmnop:1 snmp_rules

# --- good module parameters read back canonical ----------------------------
check "module loads with sampler, aggregation and snmp_rules" \
	nf_load sampler=Rand:0100 "aggregation=80-89=80;10.0.0.0/8=16,2001:db8::/32=48" \
	"snmp_rules=eth:100;ppp:200"
for name in sampler aggregation snmp-rules; do
	check "sysctl $name exists" test -f $sys/$name
done
check "sampler from the parameter reads back canonical" \
	test "$(cat $sys/sampler)" = random:100
check "aggregation from the parameter reads back canonical" \
	test "$(cat $sys/aggregation)" = "10.0.0.0/8=16,2001:db8::/32=48,80-89=80"
check "snmp-rules from the parameter reads back canonical" \
	test "$(cat $sys/snmp-rules)" = "eth:100,ppp:200"
check "the parameter itself shows what was given" \
	test "$(cat /sys/module/ipt_NETFLOW/parameters/sampler)" = Rand:0100

# a namespace made after the load starts from the parameters
ip netns add cfgx
check "a new namespace starts with the sampler parameter" \
	test "$(ip netns exec cfgx cat $sys/sampler)" = random:100
check "a new namespace starts with the aggregation parameter" \
	test "$(ip netns exec cfgx cat $sys/aggregation)" = "10.0.0.0/8=16,2001:db8::/32=48,80-89=80"
check "a new namespace starts with the snmp_rules parameter" \
	test "$(ip netns exec cfgx cat $sys/snmp-rules)" = "eth:100,ppp:200"

# --- sysctl writes -------------------------------------------------------------
bad_write() {
	local name=$1 value=$2 before after err
	before=$(cat "$sys/$name")
	# one write() whatever the length (bash's printf flushes every 1024
	# octets, and a sysctl ignores writes past the first); dd reports
	# the errno ("error writing ...: Invalid argument")
	if err=$(printf '%s\n' "$value" | dd of="$sys/$name" bs=8192 iflag=fullblock 2>&1); then
		not_ok "write '${value:0:40}' to $name is refused"
		return
	fi
	after=$(cat "$sys/$name")
	if [ "$before" != "$after" ]; then
		not_ok "write '${value:0:40}' to $name changed it from '$before' to '$after'"
	elif [[ $err != *"Invalid argument"* ]]; then
		not_ok "write '${value:0:40}' to $name: '$err', not EINVAL"
	else
		ok "write '${value:0:40}' to $name: EINVAL, still '$after'"
	fi
}
good_write() {
	local name=$1 value=$2 expect=${3-$2}
	printf '%s\n' "$value" >"$sys/$name" 2>/dev/null
	check "write '${value:0:40}' to $name reads back '${expect:0:60}'" \
		test "$(cat "$sys/$name")" = "$expect"
}

good_write sampler "deterministic:10"
good_write sampler " HASH:00123 " "hash:123"
good_write sampler "d:16383" "deterministic:16383"
good_write sampler "r:2" "random:2"
bad_write sampler "random:1"
bad_write sampler "random:0"
bad_write sampler "random:16384"
bad_write sampler "random:99999999999999999999"
bad_write sampler "random:-5"
bad_write sampler "random:+5"
bad_write sampler "random:"
bad_write sampler "random"
bad_write sampler "bogus:5"
bad_write sampler "random:5,hash:5"
bad_write sampler "$long"
good_write sampler "off" ""
good_write sampler "hash:7"
good_write sampler "" ""

good_write aggregation "192.0.0.0/8=16,10.0.0.0/8=16,80-89=80,3128=80"
good_write aggregation " 3128-3128=80 ; fe80::/10=64 010.0.0.0/8=24" \
	"10.0.0.0/8=24,fe80::/10=64,3128=80"
bad_write aggregation "10.0.0.1/8=16"
bad_write aggregation "10.0.0.0/8"
bad_write aggregation "10.0.0.0/8=33"
bad_write aggregation "10.0.0.0/8=16=8"
bad_write aggregation "89-80=80"
bad_write aggregation "65536=80"
bad_write aggregation "80=65536"
bad_write aggregation "[::]/0=8"
bad_write aggregation "::1/0=8"
bad_write aggregation "80=80,bogus"
bad_write aggregation "$long"
bad_write aggregation "$(for i in $(seq 33); do printf '%d=1,' "$i"; done)"
good_write aggregation "$(for i in $(seq 32); do printf '%d=1,' "$i"; done)" \
	"$(for i in $(seq 32); do printf '%d=1,' "$i"; done | sed 's/,$//')"
good_write aggregation "" ""

good_write snmp-rules "eth:100,ppp:200,vlan:300"
good_write snmp-rules " e:0 ; abcdefghijklmno:65535" "e:0,abcdefghijklmno:65535"
bad_write snmp-rules "eth"
bad_write snmp-rules "eth:"
bad_write snmp-rules ":100"
bad_write snmp-rules "eth:65536"
bad_write snmp-rules "eth:1x"
bad_write snmp-rules "a/b:1"
bad_write snmp-rules "abcdefghijklmnop:1"
bad_write snmp-rules "$long"
good_write snmp-rules "" ""

# an overlong write is refused, not cut to a value that parses
good_write destination 127.0.0.1:2055
bad_write destination "10.9.9.9:2055$(printf ' %.0s' $(seq 1100))"
bad_write aggregation "80=81$(printf ' %.0s' $(seq 1100))"
bad_write snmp-rules "eth:1$(printf ' %.0s' $(seq 1100))"
bad_write sampler "hash:5$(printf ' %.0s' $(seq 200))"

# --- namespaces are independent ----------------------------------------------
echo hash:50 >$sys/sampler
echo 80=81 >$sys/aggregation
echo eth:7 >$sys/snmp-rules
ip netns exec cfgx sh -c "echo deterministic:3 >$sys/sampler; echo 10.0.0.0/8=8 >$sys/aggregation; echo ppp:9 >$sys/snmp-rules"
check "root keeps its sampler while cfgx sets another" \
	test "$(cat $sys/sampler)/$(ip netns exec cfgx cat $sys/sampler)" = hash:50/deterministic:3
check "root keeps its aggregation while cfgx sets another" \
	test "$(cat $sys/aggregation)/$(ip netns exec cfgx cat $sys/aggregation)" = 80=81/10.0.0.0/8=8
check "root keeps its snmp-rules while cfgx sets another" \
	test "$(cat $sys/snmp-rules)/$(ip netns exec cfgx cat $sys/snmp-rules)" = eth:7/ppp:9
ip netns exec ns1 sh -c "echo random:9 >$sys/sampler"
if ip netns exec cfgx sh -c "echo random:1 >$sys/sampler" 2>/dev/null; then
	not_ok "random:1 is refused in cfgx"
fi
check "a refused write in one namespace changes no other" \
	test "$(ip netns exec cfgx cat $sys/sampler)/$(ip netns exec ns1 cat $sys/sampler)/$(cat $sys/sampler)" \
	= deterministic:3/random:9/hash:50

# --- changes under traffic, with an instance running ---------------------------
nfcapd_start "$out" 2055
iptables -A FORWARD -j NETFLOW
ip netns exec ns1 python3 "$here/traffic.py" udp-spray 10.2.0.2 7000 300 &
spray=$!
for s in random:5 "" deterministic:2 hash:3 ""; do
	echo "$s" >$sys/sampler
	echo "10.0.0.0/8=16,$((RANDOM % 1000))=1" >$sys/aggregation
	echo "eth:$((RANDOM % 1000)),v:1" >$sys/snmp-rules
done
wait $spray
check "sampler reads back the last write under traffic" test -z "$(cat $sys/sampler)"
iptables -F FORWARD
ip netns del cfgx
check "module unloads" nf_unload
stop_pidfile "$out/nfcapd.pid" TERM

check "no kernel warnings" no_kernel_warnings
tap_summary
