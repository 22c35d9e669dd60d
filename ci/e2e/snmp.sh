#!/bin/bash
# shellcheck source-path=SCRIPTDIR source-path=SCRIPTDIR/../..
# Guest side: the SNMP agent (netflow-snmp/snmp_NETFLOW.so) in a private
# snmpd on 127.0.0.1 against the real module. Known traffic through a
# NETFLOW rule; snmpget/snmpwalk/snmptable agree with the rule counters,
# /proc/net/stat/ipt_netflow_snmp and /proc/sys/net/netflow; snmpset
# changes settings (SNMPv2c, v3 authPriv and authNoPriv); bad SETs get the
# right error and change nothing, the kernel's own refusals included (a
# SET of several variables is undone whole); snmpd as a non-root user
# reads but may not write, unless it has CAP_NET_ADMIN; the module
# unloaded and loaded again under a running snmpd. The string settings
# (sampler, aggregation, snmp-rules, fields) set by SNMP read back in the
# kernel's canonical form; a value the kernel refuses (EINVAL) is a
# wrongValue and the sysctl keeps its old value. Promisc frames and NAT
# events (promisc, promiscMplsDepth and natevents switched by SNMP SET):
# ipt_netflow_snmp, the human-readable Promisc and Natevents lines and the
# iptNetflowPromisc and iptNetflowNatEvents objects show the same exact
# counts.
# Needs: MODULE_KO, PLUGIN_OUT; runs inside ci/guest/run. The agent is
# SNMP_SO if set (an installed one), else SNMP_OUT/snmp_NETFLOW.so (default
# SNMP_OUT: build/snmp beside the module's build directory), built there
# first if it is missing or stale.
set -uo pipefail
here=$(dirname "$(readlink -f "$0")")
top=$(readlink -f "$here/../..")
. "$here/../guest/lib.sh"
. "$here/tap.sh"
. "$here/netflow.sh"
. "$top/netflow-snmp/test/snmpd-lib.sh"

out=${GUEST_OUT:-/out}/e2e-snmp
mkdir -p "$out"
work=/tmp/e2e-snmp
rm -rf "$work"
mkdir -p "$work"
stats=/proc/net/stat/ipt_netflow_snmp
sys=/proc/sys/net/netflow
snmp_out=${SNMP_OUT:-$(dirname "$(readlink -f "$MODULE_KO")")/../snmp}

finish() {
	local d
	nf_snmpd_stop >/dev/null 2>&1
	for d in "$work"/*/; do cp "$d/snmpd.log" "$out/snmpd-$(basename "$d").log" 2>/dev/null; done
	iptables -F FORWARD 2>/dev/null
	lsmod | grep -q '^ipt_NETFLOW ' && nf_unload
	tap_summary
	exit
}

if [ -n "${SNMP_SO:-}" ]; then
	so=$SNMP_SO		# an installed agent (package tests)
elif make -s -C "$top/netflow-snmp" O="$snmp_out" >"$out/build.log" 2>&1; then
	so=$(readlink -f "$snmp_out/snmp_NETFLOW.so")
else
	cat "$out/build.log"
	not_ok "snmp_NETFLOW.so builds"
	finish
fi
topo_up >"$out/topo.log" 2>&1 || { not_ok "topology up"; finish; }

# --- known traffic -------------------------------------------------------------
# Two collectors (two socket rows); nothing expires by itself during the test.
check "module loads" nf_load destination=127.0.0.1:2055,127.0.0.1:2056 \
	inactive_timeout=3600 active_timeout=3600
iptables -A FORWARD -j NETFLOW
send_udp ns1 10.2.0.2 5001 10 100 40001	# 10 x 128 bytes
ping_ns ns1 10.2.0.2 3			# 3 requests + 3 replies, 84 bytes each
read -r rule_pkts rule_bytes < <(iptables -L FORWARD -v -x -n | awk '/NETFLOW/ {print $1, $2}')
check "the rule counted the traffic sent: $rule_pkts packets, $rule_bytes bytes" \
	test "$rule_pkts" = 16 -a "$rule_bytes" = 1784

check "snmpd starts with snmp_NETFLOW.so on 127.0.0.1" \
	nf_snmpd_start "$work/root" "$so" 16161
[ -n "$NF_SNMPD_PID" ] || finish

same() {
	if [ "$2" = "$3" ]; then
		ok "$1: ${2//$'\n'/ | }"
	else
		not_ok "$1: got '${2//$'\n'/ | }', want '${3//$'\n'/ | }'"
	fi
}
# eventually DESC WANT_CMD GOT_CMD: both agree within 5 s (the agent
# caches the statistics for a second)
eventually() {
	local what=$1 want=$2 got=$3 i a b
	for i in $(seq 25); do
		a=$(eval "$want")
		b=$(eval "$got")
		[ "$a" = "$b" ] && break
		sleep 0.2
	done
	same "$what" "$b" "$a"
}

same "SNMPv2c inPackets = the rule's packet counter" \
	"$(nf_get IPT-NETFLOW-MIB::inPackets.0)" "$rule_pkts"
same "SNMPv2c inBytes = the rule's byte counter" "$(nf_get IPT-NETFLOW-MIB::inBytes.0)" "$rule_bytes"
same "inFlows and hashFlows: UDP, echo request, echo reply" \
	"$(nf_get IPT-NETFLOW-MIB::inFlows.0 IPT-NETFLOW-MIB::hashFlows.0 | tr '\n' ' ')" "3 3 "
same "SNMPv3 authPriv reads inPackets" \
	"$(snmpget "${NF_V3PRIV[@]}" -Oqv -OU "$NF_AGENT" IPT-NETFLOW-MIB::inPackets.0)" "$rule_pkts"
same "SNMPv3 authNoPriv reads inBytes" \
	"$(snmpget "${NF_V3AUTH[@]}" -Oqv -OU "$NF_AGENT" IPT-NETFLOW-MIB::inBytes.0)" "$rule_bytes"
check "SNMPv3 with a wrong password is refused" \
	bash -c "! snmpget -v3 -l authNoPriv -u nfauth -a SHA -A not-the-secret -r 0 -t 2 \
		-M '$NF_MIBDIRS' -m IPT-NETFLOW-MIB $NF_AGENT IPT-NETFLOW-MIB::inBytes.0 2>/dev/null"

# --- everything against /proc ----------------------------------------------------
# Rates decay over 4 s and are left out; every other value stands still now.
# (The promisc and NAT event lines are other subtrees: checked below.)
proc_totals() {
	awk 'NF == 2 && $1 !~ /Rate$/ && $1 !~ /^(promisc|natEvents)/ { print $1, $2 }' "$stats" |
		sort
}
# net-snmp shows a FixedDiv100 (DISPLAY-HINT "d-2") of 0 as ".00"
fixed2() { sed -E 's/(^| )\.([0-9][0-9])( |$)/\10.\2\3/g'; }
snmp_totals() {
	snmpwalk "${NF_V2RO[@]}" -Oq -OU -Oe -Os "$NF_AGENT" IPT-NETFLOW-MIB::iptNetflowTotals |
		sed 's/\.0 / /' | grep -v 'Rate ' | fixed2 | sort
}
eventually "snmpwalk iptNetflowTotals = $stats (18 totals, rates aside)" proc_totals snmp_totals
same "the rates are there, typed as in the MIB" \
	"$(snmpget "${NF_V2RO[@]}" -OU "$NF_AGENT" IPT-NETFLOW-MIB::inBitRate.0 IPT-NETFLOW-MIB::inPacketRate.0 IPT-NETFLOW-MIB::outByteRate.0 | sed 's/.* = \([A-Za-z0-9]*\):.*/\1/' | tr '\n' ' ')" \
	"Counter64 Gauge32 Gauge32 "
proc_cpus() { sed -n 's/^cpu\([0-9]*\) [0-9]*/\1/p' "$stats"; }
snmp_cpus() {
	snmptable "${NF_V2RO[@]}" -OU -Oe -Cf ' ' -CH -Ci "$NF_AGENT" IPT-NETFLOW-MIB::iptNetflowCpuTable |
		sed 's/^\([0-9]*\) [0-9]*/\1/' | fixed2
}
eventually "snmptable iptNetflowCpuTable = the cpu lines (per-CPU rate aside)" proc_cpus snmp_cpus
same "one CPU row per present CPU" "$(snmp_cpus | wc -l)" "$(nproc)"
proc_socks() { sed -n 's/^sock\([0-9]*\)/\1/p' "$stats"; }
snmp_socks() {
	snmptable "${NF_V2RO[@]}" -OU -Oe -Cf ' ' -CH -Ci "$NF_AGENT" IPT-NETFLOW-MIB::iptNetflowSockTable
}
eventually "snmptable iptNetflowSockTable = the sock lines" proc_socks snmp_socks
same "two collectors, two rows" "$(snmp_socks | cut -d' ' -f2 | tr '\n' ' ')" \
	"127.0.0.1:2055 127.0.0.1:2056 "
proc_sysctl() {
	local f
	for f in protocol hashsize maxflows active_timeout inactive_timeout sndbuf destination \
		 aggregation sampler natevents promisc snmp-rules scan-min engine_id \
		 refresh-rate timeout-rate debug; do
		cat "$sys/$f"
	done
	echo 0	# flush reads idle(0)
	cat "$sys/promisc-mpls" "$sys/fields"
}
snmp_sysctl() {
	snmpwalk "${NF_V2RO[@]}" -Oqv -OU -Oe "$NF_AGENT" IPT-NETFLOW-MIB::iptNetflowSysctl
}
same "snmpwalk iptNetflowSysctl = /proc/sys/net/netflow/*" "$(snmp_sysctl)" "$(proc_sysctl)"
same "the string settings are off at load: aggregation, sampler, snmp-rules, fields empty" \
	"$(nf_get IPT-NETFLOW-MIB::aggregation.0 IPT-NETFLOW-MIB::sampler.0 IPT-NETFLOW-MIB::snmp-rules.0 IPT-NETFLOW-MIB::fields.0 | tr '\n' '|')" \
	"||||"
same "module: name, version, srcversion, refcnt, moduleStatus" \
	"$(nf_get IPT-NETFLOW-MIB::name.0 IPT-NETFLOW-MIB::version.0 IPT-NETFLOW-MIB::srcversion.0 IPT-NETFLOW-MIB::refcnt.0 IPT-NETFLOW-MIB::moduleStatus.0 | tr '\n' ' ')" \
	"ipt_NETFLOW $(cat /sys/module/ipt_NETFLOW/version) $(cat /sys/module/ipt_NETFLOW/srcversion) $(cat /sys/module/ipt_NETFLOW/refcnt) 1 "

# --- SET ----------------------------------------------------------------------------
set_ok() {
	local desc=$1 optvar=$2 file=$3 want=$4
	shift 4
	same "$desc" "$(nf_set_error "$optvar" "$@") $(cat "$sys/$file")" "ok $want"
}

# --- promiscuous capture: frames counted alike in both files and over SNMP -----------
# Frames for nobody's MAC into m0 (promiscuous) from namespace tap
# (ci/e2e/promisc_frames.py; no NETFLOW rule in PREROUTING, so nothing is
# metered: inPackets stays the rule's count). promisc and promiscMplsDepth
# are switched by SNMP SET.
pdir=$out/promisc
mkdir -p "$pdir"
rm -f "$pdir/counts.json" "$pdir/expect.tsv"
frames() { python3 "$here/promisc_frames.py" "$@"; }
# the Promisc line of the human-readable file, as ipt_netflow_snmp names it
human_promisc() { python3 "$here/promisc_check.py" human; }
proc_promisc() { awk '$1 ~ /^promisc/ { print $1, $2 }' "$stats"; }
snmp_promisc() {
	{
		snmpget "${NF_V2RO[@]}" -Oq -OU -Oe -Os "$NF_AGENT" IPT-NETFLOW-MIB::promisc.0 \
			IPT-NETFLOW-MIB::promiscMplsDepth.0
		snmpwalk "${NF_V2RO[@]}" -Oq -OU -Os "$NF_AGENT" IPT-NETFLOW-MIB::iptNetflowPromisc
	} | sed 's/\.0 / /'
}
# what promisc_frames.py sent (counts.json), in the same form
sent_promisc() { python3 "$here/promisc_check.py" sent "$pdir" "$@"; }
{
	promisc_port_up tap
} >"$pdir/link.log" 2>&1
check "promisc: link m0 (promiscuous) from namespace tap" test $? = 0
same "promisc: the file says off, nothing observed" "$(proc_promisc | head -3 | tr '\n' ' ')" \
	"promisc 0 promiscMplsDepth 0 promiscObserved 0 "
same "promisc: SET promisc enabled(1)" "$(nf_set_error NF_V2RW IPT-NETFLOW-MIB::promisc.0 i 1)" ok
check "promisc: plain frames, and MPLS ones promiscMplsDepth 0 discards" \
	frames send tap m1 "$pdir" good mpls0
same "promisc: SET promiscMplsDepth 3" \
	"$(nf_set_error NF_V2RW IPT-NETFLOW-MIB::promiscMplsDepth.0 i 3)" ok
check "promisc: MPLS frames and one malformed frame per discard reason" \
	frames send tap m1 "$pdir" mpls bad
# waits until every frame is observed; compares the human-readable line
tally < <(frames check "$pdir" "promisc")
same "promisc: ipt_netflow_snmp = what was sent (counts.json)" "$(proc_promisc)" "$(sent_promisc 1 3)"
same "promisc: ipt_netflow_snmp = the Promisc line of ipt_netflow" "$(proc_promisc)" "$(human_promisc)"
eventually "promisc: SNMP promisc, promiscMplsDepth, iptNetflowPromisc = ipt_netflow_snmp" \
	proc_promisc snmp_promisc
same "promisc: SET promisc disabled(0)" "$(nf_set_error NF_V2RW IPT-NETFLOW-MIB::promisc.0 i 0)" ok
check "promisc: frames sent with promisc off" frames send tap m1 "$pdir" 'good!'
sleep 0.5
same "promisc: off, nothing more observed" "$(proc_promisc)" "$(sent_promisc 0 3)"
eventually "promisc: SNMP = ipt_netflow_snmp, off" proc_promisc snmp_promisc
ip link del m0
ip netns del tap

# --- NAT events: counted alike in both files and over SNMP ------------------------------
# Two UDP connections through MASQUERADE, their conntracks deleted: 2
# creates and 2 deletes. natevents is switched by SNMP SET.
human_nat() {
	sed -En 's/^Natevents: ([0-9]+) \(.*\), listener (open|closed).*; events created ([0-9]+), deleted ([0-9]+), lost ([0-9]+), unexportable ([0-9]+)\.$/natEvents \1\nnatEventsListener \2\nnatEventsStart \3\nnatEventsStop \4\nnatEventsLost \5\nnatEventsUnexportable \6/p' \
		/proc/net/stat/ipt_netflow | sed 's/ open$/ 1/; s/ closed$/ 0/' | sort
}
proc_nat() { awk '$1 ~ /^natEvents/ { print $1, $2 }' "$stats" | sort; }
snmp_nat() {
	{
		snmpget "${NF_V2RO[@]}" -Oq -OU -Oe -Os "$NF_AGENT" IPT-NETFLOW-MIB::natevents.0
		snmpwalk "${NF_V2RO[@]}" -Oq -OU -Oe -Os "$NF_AGENT" IPT-NETFLOW-MIB::iptNetflowNatEvents
	} | sed 's/\.0 / /; s/^natevents /natEvents /' | sort
}
nat_want() {
	printf 'natEvents %s\nnatEventsListener %s\nnatEventsLost 0\nnatEventsStart %s\nnatEventsStop %s\nnatEventsUnexportable 0\n' "$@"
}
nat_is() { test "$(proc_nat)" = "$(nat_want "$@")"; }
# natEventsListener over SNMP, as a number (nf_get: -Oe): 1 open, 0 closed
listener_is() { test "$(nf_get IPT-NETFLOW-MIB::natEventsListener.0)" = "$1"; }
modprobe nf_conntrack
command -v conntrack >/dev/null || not_ok "natevents: conntrack (package conntrack) installed"
conntrack -F >/dev/null 2>&1
check "natevents: MASQUERADE rule" \
	iptables -t nat -A POSTROUTING -o v2 -p udp --dport 6101 -j MASQUERADE
same "natevents: the file says off, listener closed, nothing counted" "$(proc_nat)" "$(nat_want 0 0 0 0)"
eventually "natevents: SNMP = ipt_netflow_snmp, off" proc_nat snmp_nat
same "natevents: SET natevents enabled(1)" "$(nf_set_error NF_V2RW IPT-NETFLOW-MIB::natevents.0 i 1)" ok
check "natevents: natEventsListener open(1) over SNMP" wait_for 10 listener_is 1
two_connections() {
	send_udp ns1 10.2.0.2 6101 2 32 46001 && send_udp ns1 10.2.0.2 6101 2 32 46002
}
check "natevents: two connections through MASQUERADE" two_connections
check "natevents: their 2 creates exported" wait_for 10 nat_is 1 1 2 0
check "natevents: their conntracks deleted" conntrack -D -p udp --dport 6101
check "natevents: their 2 deletes exported" wait_for 10 nat_is 1 1 2 2
same "natevents: ipt_netflow_snmp = the Natevents line of ipt_netflow" "$(proc_nat)" "$(human_nat)"
eventually "natevents: SNMP natevents, iptNetflowNatEvents = ipt_netflow_snmp" proc_nat snmp_nat
same "natevents: SET natevents disabled(0)" "$(nf_set_error NF_V2RW IPT-NETFLOW-MIB::natevents.0 i 0)" ok
check "natevents: natEventsListener closed(0) over SNMP" wait_for 10 listener_is 0
same "natevents: off, the counts stay" "$(proc_nat)" "$(nat_want 0 0 2 2)"
same "natevents: ipt_netflow_snmp = ipt_netflow, off" "$(proc_nat)" "$(human_nat)"
eventually "natevents: SNMP = ipt_netflow_snmp, off" proc_nat snmp_nat
iptables -t nat -F
# the NAT connections went through the NETFLOW rule too
read -r rule_pkts rule_bytes < <(iptables -L FORWARD -v -x -n | awk '/NETFLOW/ {print $1, $2}')
set_ok "SNMPv2c SET inactive-timeout 20 (seconds): the sysctl reads 20" NF_V2RW \
	inactive_timeout 20 IPT-NETFLOW-MIB::inactive-timeout.0 i 20
same "and SNMP reads it back" "$(nf_get IPT-NETFLOW-MIB::inactive-timeout.0)" 20
set_ok "SNMPv3 authPriv SET active-timeout 600" NF_V3PRIV active_timeout 600 \
	IPT-NETFLOW-MIB::active-timeout.0 i 600
set_ok "SNMPv3 authNoPriv SET debug 1" NF_V3AUTH debug 1 IPT-NETFLOW-MIB::debug.0 i 1
set_ok "SET debug 0 again" NF_V2RW debug 0 IPT-NETFLOW-MIB::debug.0 i 0
set_ok "SET hashsize 4096 (rehashes live)" NF_V2RW hashsize 4096 IPT-NETFLOW-MIB::hashsize.0 i 4096
check "the module uses 4096 buckets" grep -q 'Hash: size 4096 ' /proc/net/stat/ipt_netflow
set_ok "SET protocol ipfix(10)" NF_V2RW protocol 10 IPT-NETFLOW-MIB::protocol.0 i 10
set_ok "SET protocol netflow5(5)" NF_V2RW protocol 5 IPT-NETFLOW-MIB::protocol.0 i 5
set_ok "SET engineId (Unsigned32) 4294967295" NF_V2RW engine_id 4294967295 \
	IPT-NETFLOW-MIB::engineId.0 u 4294967295
set_ok "SET destination: a new second collector" NF_V2RW destination \
	"127.0.0.1:2055,127.0.0.1:2057" IPT-NETFLOW-MIB::destination.0 s "127.0.0.1:2055,127.0.0.1:2057"
same "the socket table shows it at once" "$(snmp_socks | cut -d' ' -f2 | tr '\n' ' ')" \
	"127.0.0.1:2055 127.0.0.1:2057 "
set_ok "SET destination: the canonical form reads back" NF_V2RW destination \
	"127.0.0.1:2055,[::1]:2056" IPT-NETFLOW-MIB::destination.0 s "127.0.0.1 ; [::1]:2056"
same "SET flush(1)" "$(nf_set_error NF_V2RW IPT-NETFLOW-MIB::flush.0 i 1)" ok
eventually "flush emptied the cache: hashFlows 0" "echo 0" "nf_get IPT-NETFLOW-MIB::hashFlows.0"
out_flows=$(nf_get IPT-NETFLOW-MIB::outFlows.0)
check "and exported flows: outFlows $out_flows" test "$out_flows" -gt 0
eventually "after the export, totals still = $stats" proc_totals snmp_totals

# the string settings: the kernel parses them; SNMP reads its canonical form
set_ok "SET sampler deterministic:10" NF_V2RW sampler deterministic:10 \
	IPT-NETFLOW-MIB::sampler.0 s deterministic:10
set_ok "SET sampler ' R:0100 ': the sysctl reads random:100" NF_V2RW sampler random:100 \
	IPT-NETFLOW-MIB::sampler.0 s ' R:0100 '
same "and SNMP reads random:100" "$(nf_get IPT-NETFLOW-MIB::sampler.0)" random:100
check "the module samples: 'mode random one-out-of 100' in ipt_netflow" \
	grep -q 'Flow sampling mode random one-out-of 100\.' /proc/net/stat/ipt_netflow
set_ok "SET aggregation (OID numeric): IPv4, IPv6, then ports, comma separated" NF_V2RW \
	aggregation "10.1.0.0/16=8,2001:db8::/32=48,80=8080,1024-65535=1024" \
	.1.3.6.1.4.1.37476.9000.10.1.1.2.8.0 s '80-80=8080 2001:db8:0::/32=48;1024-65535=1024, 10.1.0.0/16=8'
same "and SNMP reads it back" "$(nf_get IPT-NETFLOW-MIB::aggregation.0)" \
	"10.1.0.0/16=8,2001:db8::/32=48,80=8080,1024-65535=1024"
set_ok "SET snmp-rules 'eth:0100; ppp:200'" NF_V2RW snmp-rules "eth:100,ppp:200" \
	IPT-NETFLOW-MIB::snmp-rules.0 s 'eth:0100; ppp:200'
same "and SNMP reads it back" "$(nf_get IPT-NETFLOW-MIB::snmp-rules.0)" "eth:100,ppp:200"
set_ok "SET fields (OID numeric .1.2.20) 'flow-label;direction ethertype,direction'" NF_V2RW \
	fields "ethertype,direction,flow-label" \
	.1.3.6.1.4.1.37476.9000.10.1.1.2.20.0 s 'flow-label;direction ethertype,direction'
same "and SNMP reads it back in the table's order" "$(nf_get IPT-NETFLOW-MIB::fields.0)" \
	"ethertype,direction,flow-label"
same "snmpwalk iptNetflowSysctl = /proc/sys/net/netflow/*, string settings set" \
	"$(snmp_sysctl)" "$(proc_sysctl)"

# --- bad SETs -------------------------------------------------------------------------
snapshot() { local f; for f in "$sys"/*; do [ "${f##*/}" = flush ] || echo "${f##*/}=$(cat "$f")"; done; }
before=$(snapshot)
bad_set() {
	local want=$1 optvar=$2 what
	shift 2
	what="$*"
	[ ${#what} -le 80 ] || what="${what:0:60}... (${#what} characters)"
	same "refused: $what" "$(nf_set_error "$optvar" "$@")" "$want"
}
bad_set wrongValue NF_V2RW IPT-NETFLOW-MIB::protocol.0 i 7
bad_set wrongValue NF_V2RW IPT-NETFLOW-MIB::inactive-timeout.0 i 0
bad_set wrongValue NF_V2RW IPT-NETFLOW-MIB::active-timeout.0 i 604801
bad_set wrongValue NF_V2RW IPT-NETFLOW-MIB::hashsize.0 i 100
bad_set wrongValue NF_V2RW IPT-NETFLOW-MIB::hashsize.0 i 0
bad_set wrongValue NF_V2RW IPT-NETFLOW-MIB::scan-min.0 i 101
bad_set wrongValue NF_V2RW IPT-NETFLOW-MIB::debug.0 i 4
# the kernel parses destinations: its EINVAL comes back as wrongValue
bad_set wrongValue NF_V2RW IPT-NETFLOW-MIB::destination.0 s bogus
bad_set wrongValue NF_V2RW IPT-NETFLOW-MIB::destination.0 s 1.2.3.4:0
bad_set wrongValue NF_V2RW IPT-NETFLOW-MIB::destination.0 s '[::1'
bad_set wrongValue NF_V2RW IPT-NETFLOW-MIB::destination.0 s \
	"$(for i in $(seq 17); do printf '10.0.0.%d,' "$i"; done)"
bad_set wrongValue NF_V2RW IPT-NETFLOW-MIB::destination.0 s ' '
bad_set wrongLength NF_V2RW IPT-NETFLOW-MIB::destination.0 s "$(printf '1%.0s' $(seq 1025))"
bad_set wrongType NF_V2RW IPT-NETFLOW-MIB::inactive-timeout.0 s 10
# the string settings: the kernel's EINVAL comes back as wrongValue
bad_set wrongValue NF_V2RW IPT-NETFLOW-MIB::sampler.0 s random:1
bad_set wrongValue NF_V2RW IPT-NETFLOW-MIB::sampler.0 s deterministic:10x
bad_set wrongValue NF_V2RW IPT-NETFLOW-MIB::aggregation.0 s 10.0.0.1/8=16
bad_set wrongValue NF_V2RW IPT-NETFLOW-MIB::aggregation.0 s '10.0.0.0/8=16,65536=1'
bad_set wrongValue NF_V2RW IPT-NETFLOW-MIB::snmp-rules.0 s eth:65536
bad_set wrongValue NF_V2RW IPT-NETFLOW-MIB::snmp-rules.0 s 'eth:1,ppp'
bad_set wrongValue NF_V2RW IPT-NETFLOW-MIB::fields.0 s 'direction,bogus'
# too long: refused by the agent before anything is written
bad_set wrongLength NF_V2RW IPT-NETFLOW-MIB::sampler.0 s "r:$(printf '0%.0s' $(seq 124))10"
bad_set wrongLength NF_V2RW IPT-NETFLOW-MIB::aggregation.0 s "$(printf '80=80,%.0s' $(seq 205))"
bad_set wrongType NF_V2RW IPT-NETFLOW-MIB::fields.0 i 1
bad_set notWritable NF_V2RW IPT-NETFLOW-MIB::inFlows.0 i 0
bad_set noAccess NF_V2RO IPT-NETFLOW-MIB::inactive-timeout.0 i 30
bad_set badValue NF_V1RW IPT-NETFLOW-MIB::protocol.0 i 7
# two variables, the second refused by the kernel: the first is put back
bad_set wrongValue NF_V2RW IPT-NETFLOW-MIB::inactive-timeout.0 i 77 \
	IPT-NETFLOW-MIB::destination.0 s bogus
same "undone: inactive_timeout is still 20" "$(cat "$sys/inactive_timeout")" 20
bad_set wrongValue NF_V2RW IPT-NETFLOW-MIB::protocol.0 i 9 IPT-NETFLOW-MIB::maxflows.0 i 5 \
	IPT-NETFLOW-MIB::destination.0 s 1.2.3.4:0
# a string setting refused after another was written: the first goes back
bad_set wrongValue NF_V2RW IPT-NETFLOW-MIB::sampler.0 s hash:50 \
	IPT-NETFLOW-MIB::fields.0 s mac,nonsense
same "undone: sampler is still random:100" "$(cat "$sys/sampler")" random:100
same "no refused SET changed a setting" "$(snapshot)" "$before"
check "no undo failed" bash -c "! grep -q 'undoing SET' '$work/root/snmpd.log'"
same "the string settings off again: SET sampler, aggregation, snmp-rules, fields ''" \
	"$(nf_set_error NF_V2RW IPT-NETFLOW-MIB::sampler.0 s '' IPT-NETFLOW-MIB::aggregation.0 s '' IPT-NETFLOW-MIB::snmp-rules.0 s '' IPT-NETFLOW-MIB::fields.0 s '') $(cat "$sys/sampler" "$sys/aggregation" "$sys/snmp-rules" "$sys/fields" | tr '\n' '|')" \
	"ok ||||"

check "snmpd (root) is still running" nf_snmpd_alive
check "snmpd (root) stops cleanly, exit 0" nf_snmpd_stop

# --- snmpd as a non-root user ------------------------------------------------------------
# Without privileges (Debian runs snmpd as Debian-snmp) it reads everything
# and refuses SETs; with CAP_NET_ADMIN alone it may write net.netflow.*.
mkdir -p "$work/capable/persist" "$work/nobody/persist"
chmod 0777 "$work/capable" "$work/capable/persist" "$work/nobody/persist"
NF_SNMPD_WRAP=(setpriv --reuid=nobody --regid=nogroup --clear-groups
	--inh-caps=+net_admin --ambient-caps=+net_admin)
check "snmpd as nobody with CAP_NET_ADMIN starts" nf_snmpd_start "$work/capable" "$so" 16163
# shellcheck disable=SC2034 # read by nf_snmpd_start (snmpd-lib.sh)
NF_SNMPD_WRAP=()
set_ok "as nobody with CAP_NET_ADMIN: SET inactive-timeout 25" NF_V2RW inactive_timeout 25 \
	IPT-NETFLOW-MIB::inactive-timeout.0 i 25
set_ok "as nobody with CAP_NET_ADMIN: SET inactive-timeout 20 again" NF_V2RW inactive_timeout 20 \
	IPT-NETFLOW-MIB::inactive-timeout.0 i 20
nf_snmpd_stop >/dev/null 2>&1

NF_SNMPD_ARGS=(-u nobody -g nogroup)
check "snmpd as nobody (-u nobody) starts" nf_snmpd_start "$work/nobody" "$so" 16162
# shellcheck disable=SC2034 # read by nf_snmpd_start (snmpd-lib.sh)
NF_SNMPD_ARGS=()
same "as nobody: statistics readable" "$(nf_get IPT-NETFLOW-MIB::inPackets.0)" "$rule_pkts"
same "as nobody: settings readable" "$(nf_get IPT-NETFLOW-MIB::inactive-timeout.0)" 20
bad_set notWritable NF_V2RW IPT-NETFLOW-MIB::inactive-timeout.0 i 30
same "as nobody: nothing written" "$(cat "$sys/inactive_timeout")" 20

# --- the module goes away and comes back, snmpd running ----------------------------------
iptables -F FORWARD
check "module unloads under a running snmpd" nf_unload
eventually "unloaded: moduleStatus notLoaded(2)" "echo 2" "nf_get IPT-NETFLOW-MIB::moduleStatus.0"
same "unloaded: a walk shows name and moduleStatus only" \
	"$(snmpwalk "${NF_V2RO[@]}" -Oqv "$NF_AGENT" IPT-NETFLOW-MIB::iptNetflowMIB | tr '\n' ' ')" \
	"ipt_NETFLOW notLoaded "
same "unloaded: GET inPackets, protocol" \
	"$(nf_get IPT-NETFLOW-MIB::inPackets.0 IPT-NETFLOW-MIB::protocol.0 | tr '\n' ' ')" \
	"No Such Instance currently exists at this OID No Such Instance currently exists at this OID "
same "unloaded: the tables are empty" \
	"$(snmptable "${NF_V2RO[@]}" "$NF_AGENT" IPT-NETFLOW-MIB::iptNetflowCpuTable 2>&1)" \
	"IPT-NETFLOW-MIB::iptNetflowCpuTable: No entries"
bad_set inconsistentName NF_V2RW IPT-NETFLOW-MIB::protocol.0 i 9
check "module loads again" nf_load
eventually "loaded again: moduleStatus loaded(1), inPackets 0, protocol 5" "echo '1 0 5 '" \
	"nf_get IPT-NETFLOW-MIB::moduleStatus.0 IPT-NETFLOW-MIB::inPackets.0 IPT-NETFLOW-MIB::protocol.0 | tr '\n' ' '"
check "snmpd is still running" nf_snmpd_alive
check "snmpd stops cleanly, exit 0" nf_snmpd_stop
check "no kernel warnings" no_kernel_warnings
finish
