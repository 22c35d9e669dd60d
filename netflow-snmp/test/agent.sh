#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The agent in a real snmpd, against a made-up /proc and /sys (netflowRoot):
# no kernel module needed, so it runs on any build host. Checks what the
# made-up files can show: every value and type, 64-bit counters, latching
# gauges and wrapping counters, a statistics file far past 4096 bytes, the
# one-second cache, every SNMP error a bad SET can get, v2c and v3, and an
# agent that keeps answering while the module is missing or its file is
# nonsense. The kernel's own checks are tested in the guest (ci/e2e/snmp.sh).
#
#   test/agent.sh OUT_DIR     (OUT_DIR holds snmp_NETFLOW.so)
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "${1:?usage: agent.sh OUT_DIR}" && pwd)
so=$out/snmp_NETFLOW.so
# shellcheck source-path=SCRIPTDIR
. "$here/snmpd-lib.sh"

passed=0 failed=0
ok() { echo "ok - $*"; passed=$((passed + 1)); }
not_ok() { echo "not ok - $*"; failed=$((failed + 1)); }
check() {
	local what=$1
	shift
	if "$@"; then ok "$what"; else not_ok "$what"; fi
}
# same WHAT GOT WANT
same() {
	if [ "$2" = "$3" ]; then
		ok "$1: ${2//$'\n'/ | }"
	else
		not_ok "$1: got '${2//$'\n'/ | }', want '${3//$'\n'/ | }'"
	fi
}

work=$(mktemp -d /tmp/netflow-snmp-agent.XXXXXX)
appendonly=()	# files made append-only (chattr +a): rm cannot remove them
trap 'nf_snmpd_stop >/dev/null 2>&1
	[ ${#appendonly[@]} = 0 ] || chattr -a "${appendonly[@]}"
	rm -rf "$work"' EXIT
root=$work/root
stats=$root/proc/net/stat/ipt_netflow_snmp
sys=$root/proc/sys/net/netflow

make_module() {
	local kv
	mkdir -p "$root/proc/net/stat" "$sys" "$root/sys/module/ipt_NETFLOW"
	echo 0.1.0 >"$root/sys/module/ipt_NETFLOW/version"
	echo 1A2B3C4D5E6F7A8B9C0D1E2 >"$root/sys/module/ipt_NETFLOW/srcversion"
	echo 3 >"$root/sys/module/ipt_NETFLOW/refcnt"
	for kv in protocol=5 hashsize=0 maxflows=2000000 active_timeout=1800 \
		  inactive_timeout=15 sndbuf=0 engine_id=0 refresh-rate=20 \
		  timeout-rate=30 scan-min=1 debug=0 destination=127.0.0.1:2055 \
		  natevents=2 promisc=1 promisc-mpls=3 sampler=hash:100 \
		  aggregation=10.0.0.0/8=16,80-89=80 snmp-rules=eth:100,ppp:200 \
		  fields=direction,mac; do
		echo "${kv#*=}" >"$sys/${kv%%=*}"
	done
	: >"$sys/flush"
	chmod 0200 "$sys/flush"
}

# stats_file CPUS SOCKS: the module's format, values chosen to catch mix-ups
stats_file() {
	local cpus=$1 socks=$2 i
	{
		printf '%-12s %s\n' inBitRate 12000000000 inPacketRate 1500 inFlows 3 \
			inPackets 1234 inBytes 5678901234567 hashMetric 1.25 \
			hashMemory 5000000000 hashFlows 2 hashPackets 4 hashBytes 400 \
			dropPackets 5 dropBytes 600 outByteRate 70 outFlows 8 outPackets 9 \
			outBytes 1000 lostFlows 11 lostPackets 12 lostBytes 13 errTotal 4294967297
		[ -n "${OLD_MODULE:-}" ] || printf '%-12s %s\n' promisc 1 promiscMplsDepth 3 \
			promiscObserved 5000000000 promiscPassed 4999999964 promiscDiscarded 36 \
			promiscDiscardNotIp 1 promiscDiscardMpls 2 promiscDiscardL2 3 \
			promiscDiscardTruncated 4 promiscDiscardHeader 5 promiscDiscardChecksum 6 \
			promiscDiscardLength 7 promiscDiscardNomem 8 natEvents 2 \
			natEventsListener 1 natEventsStart 21 natEventsStop 22 natEventsLost 23 \
			natEventsUnexportable 4294967296
		for ((i = 0; i < cpus; i++)); do
			echo "cpu$i $i $((i + 1)) 3 4 1.0$((i % 10)) 5 6 7 8 9 $((4294967296 + i))"
		done
		for ((i = 0; i < socks; i++)); do
			echo "sock$i 10.0.$i.1:2055 $((i % 2)) 0 1 2 3 212992 0 $((1000 + i))"
		done
		printf '%-12s %s\n' sndbufPeak $((1000 + socks - 1))
	} >"$stats.tmp"
}
write_stats() {
	stats_file "$1" "$2"
	mv "$stats.tmp" "$stats"
}
# the statistics cache lives one second
expire() { sleep 1.1; }

make_module
write_stats 2 2
# Under valgrind when there is one: any invalid access by the agent fails
# the last check (snmpd's exit status).
if command -v valgrind >/dev/null; then
	NF_SNMPD_WRAP=(valgrind -q --error-exitcode=99 --log-file="$work/valgrind.log")
fi
# a random port, another if that one is taken
start_agent() {
	for _ in 1 2 3; do
		nf_snmpd_start "$work" "$so" $((20000 + RANDOM % 20000)) "$root" && return 0
		nf_snmpd_stop >/dev/null 2>&1
	done
	return 1
}
if ! check "snmpd starts with the dlmod" start_agent; then
	echo "$passed passed, $((failed + 1)) failed"
	exit 1
fi
check "snmpd logs the agent's version" grep -q "netflow: snmp_NETFLOW $(cat "$here/../VERSION") serving" "$work/snmpd.log"

# --- values -----------------------------------------------------------------
totals=$(snmpwalk "${NF_V2RO[@]}" -Oq -OU -Oe -Os "$NF_AGENT" IPT-NETFLOW-MIB::iptNetflowTotals)
want="inBitRate.0 12000000000
inPacketRate.0 1500
inFlows.0 3
inPackets.0 1234
inBytes.0 5678901234567
hashMetric.0 1.25
hashMemory.0 4294967295
hashFlows.0 2
hashPackets.0 4
hashBytes.0 400
dropPackets.0 5
dropBytes.0 600
outByteRate.0 70
outFlows.0 8
outPackets.0 9
outBytes.0 1000
lostFlows.0 11
lostPackets.0 12
lostBytes.0 13
errTotal.0 1
sndbufPeak.0 1001"
check "walk of iptNetflowTotals: 21 values as in the file (hashMemory latched, errTotal wrapped)" \
	test "$totals" = "$want"
[ "$totals" = "$want" ] || diff <(echo "$want") <(echo "$totals")
types=$(snmpwalk "${NF_V2RO[@]}" -Os "$NF_AGENT" IPT-NETFLOW-MIB::iptNetflowTotals |
	sed 's/^\([a-zA-Z]*\).* = \([A-Za-z0-9]*\):.*/\1 \2/' | tr '\n' ' ')
same "types of the totals" "$types" "inBitRate Counter64 inPacketRate Gauge32 inFlows Counter64 inPackets Counter64 inBytes Counter64 hashMetric Gauge32 hashMemory Gauge32 hashFlows Gauge32 hashPackets Gauge32 hashBytes Counter64 dropPackets Counter64 dropBytes Counter64 outByteRate Gauge32 outFlows Counter64 outPackets Counter64 outBytes Counter64 lostFlows Counter64 lostPackets Counter64 lostBytes Counter64 errTotal Counter32 sndbufPeak Gauge32 "
promisc=$(snmpwalk "${NF_V2RO[@]}" -Oq -OU -Oe -Os "$NF_AGENT" IPT-NETFLOW-MIB::iptNetflowPromisc)
same "walk of iptNetflowPromisc: 11 counters as in the file" "$promisc" "promiscObserved.0 5000000000
promiscPassed.0 4999999964
promiscDiscarded.0 36
promiscDiscardNotIp.0 1
promiscDiscardMpls.0 2
promiscDiscardL2.0 3
promiscDiscardTruncated.0 4
promiscDiscardHeader.0 5
promiscDiscardChecksum.0 6
promiscDiscardLength.0 7
promiscDiscardNomem.0 8"
nat=$(snmpwalk "${NF_V2RO[@]}" -Oq -OU -Os "$NF_AGENT" IPT-NETFLOW-MIB::iptNetflowNatEvents)
same "walk of iptNetflowNatEvents: 4 counters and the listener as in the file" "$nat" \
	"natEventsStart.0 21
natEventsStop.0 22
natEventsLost.0 23
natEventsUnexportable.0 4294967296
natEventsListener.0 open"
same "types of the promisc objects: all Counter64" \
	"$(snmpwalk "${NF_V2RO[@]}" -Os "$NF_AGENT" IPT-NETFLOW-MIB::iptNetflowPromisc |
		sed 's/^\([a-zA-Z]*\).* = \([A-Za-z0-9]*\):.*/\2/' | sort | uniq -c | tr -s ' \n' ' ')" \
	" 11 Counter64 "
same "iptNetflowNatEvents types (OIDs numeric)" \
	"$(snmpwalk "${NF_V2RO[@]}" -On -OU "$NF_AGENT" .1.3.6.1.4.1.37476.9000.10.1.2.5 | sed 's/: .*//' | tr '\n' ' ')" \
	".1.3.6.1.4.1.37476.9000.10.1.2.5.1.0 = Counter64 .1.3.6.1.4.1.37476.9000.10.1.2.5.2.0 = Counter64 .1.3.6.1.4.1.37476.9000.10.1.2.5.3.0 = Counter64 .1.3.6.1.4.1.37476.9000.10.1.2.5.4.0 = Counter64 .1.3.6.1.4.1.37476.9000.10.1.2.5.5.0 = INTEGER "
same "promiscObserved over 2^32 (OID numeric)" \
	"$(snmpget "${NF_V2RO[@]}" -On -OU "$NF_AGENT" .1.3.6.1.4.1.37476.9000.10.1.2.4.1.0)" \
	".1.3.6.1.4.1.37476.9000.10.1.2.4.1.0 = Counter64: 5000000000"
same "inBytes over 2^32 as Counter64 (OID numeric)" \
	"$(snmpget "${NF_V2RO[@]}" -On -OU "$NF_AGENT" .1.3.6.1.4.1.37476.9000.10.1.2.1.5.0)" \
	".1.3.6.1.4.1.37476.9000.10.1.2.1.5.0 = Counter64: 5678901234567"
same "cpu table (snmptable) = cpu lines" \
	"$(snmptable "${NF_V2RO[@]}" -OU -Oe -Cf ' ' -CH -Ci "$NF_AGENT" IPT-NETFLOW-MIB::iptNetflowCpuTable)" \
	"$(sed -n 's/^cpu\([0-9]\)/\1/p' "$stats" | awk '{ $12 = $12 % 4294967296; print }')"
same "socket table (snmptable) = sock lines" \
	"$(snmptable "${NF_V2RO[@]}" -OU -Oe -Cf ' ' -CH -Ci "$NF_AGENT" IPT-NETFLOW-MIB::iptNetflowSockTable)" \
	"$(sed -n 's/^sock\([0-9]\)/\1/p' "$stats")"
same "cpuIndex is not-accessible: no column 1 in a walk" \
	"$(snmpwalk "${NF_V2RO[@]}" -On "$NF_AGENT" .1.3.6.1.4.1.37476.9000.10.1.2.2.1.1 | grep -c '\.2\.2\.1\.1\.')" 0
same "module objects" \
	"$(nf_get IPT-NETFLOW-MIB::name.0 IPT-NETFLOW-MIB::version.0 IPT-NETFLOW-MIB::srcversion.0 IPT-NETFLOW-MIB::refcnt.0 IPT-NETFLOW-MIB::moduleStatus.0 | tr '\n' ' ')" \
	"ipt_NETFLOW 0.1.0 1A2B3C4D5E6F7A8B9C0D1E2 3 1 "
same "loadTime is the module directory's time, UTC" \
	"$(nf_get IPT-NETFLOW-MIB::loadTime.0 | cut -d. -f1)" \
	"$(date -u -d "@$(stat -c %Y "$root/sys/module/ipt_NETFLOW")" +%Y-%-m-%-d,%-H:%-M:%-S)"
same "settings read from the sysctl files" \
	"$(nf_get IPT-NETFLOW-MIB::protocol.0 IPT-NETFLOW-MIB::hashsize.0 IPT-NETFLOW-MIB::maxflows.0 IPT-NETFLOW-MIB::active-timeout.0 IPT-NETFLOW-MIB::inactive-timeout.0 IPT-NETFLOW-MIB::sndbuf.0 IPT-NETFLOW-MIB::destination.0 IPT-NETFLOW-MIB::scan-min.0 IPT-NETFLOW-MIB::engineId.0 IPT-NETFLOW-MIB::refreshRate.0 IPT-NETFLOW-MIB::timeoutRate.0 IPT-NETFLOW-MIB::debug.0 IPT-NETFLOW-MIB::flush.0 | tr '\n' ' ')" \
	"5 0 2000000 1800 15 0 127.0.0.1:2055 1 0 20 30 0 0 "
same "natevents, promisc, promiscMplsDepth read from the sysctl files (OID numeric)" \
	"$(snmpget "${NF_V2RO[@]}" -On -Oe -OU "$NF_AGENT" .1.3.6.1.4.1.37476.9000.10.1.1.2.10.0 .1.3.6.1.4.1.37476.9000.10.1.1.2.11.0 .1.3.6.1.4.1.37476.9000.10.1.1.2.19.0 | tr '\n' ' ')" \
	".1.3.6.1.4.1.37476.9000.10.1.1.2.10.0 = INTEGER: 2 .1.3.6.1.4.1.37476.9000.10.1.1.2.11.0 = INTEGER: 1 .1.3.6.1.4.1.37476.9000.10.1.1.2.19.0 = INTEGER: 3 "
same "aggregation, sampler, snmp-rules, fields read from the sysctl files (OID numeric)" \
	"$(snmpget "${NF_V2RO[@]}" -On "$NF_AGENT" .1.3.6.1.4.1.37476.9000.10.1.1.2.8.0 .1.3.6.1.4.1.37476.9000.10.1.1.2.9.0 .1.3.6.1.4.1.37476.9000.10.1.1.2.12.0 .1.3.6.1.4.1.37476.9000.10.1.1.2.20.0)" \
	'.1.3.6.1.4.1.37476.9000.10.1.1.2.8.0 = STRING: 10.0.0.0/8=16,80-89=80
.1.3.6.1.4.1.37476.9000.10.1.1.2.9.0 = STRING: hash:100
.1.3.6.1.4.1.37476.9000.10.1.1.2.12.0 = STRING: eth:100,ppp:200
.1.3.6.1.4.1.37476.9000.10.1.1.2.20.0 = STRING: direction,mac'
same "a walk of iptNetflowSysctl: 20 settings in OID order" \
	"$(snmpwalk "${NF_V2RO[@]}" -Oq -Os -Oe "$NF_AGENT" IPT-NETFLOW-MIB::iptNetflowSysctl | cut -d' ' -f1 | tr '\n' ' ')" \
	"protocol.0 hashsize.0 maxflows.0 active-timeout.0 inactive-timeout.0 sndbuf.0 destination.0 aggregation.0 sampler.0 natevents.0 promisc.0 snmp-rules.0 scan-min.0 engineId.0 refreshRate.0 timeoutRate.0 debug.0 flush.0 promiscMplsDepth.0 fields.0 "
check "sysORTable lists IPT-NETFLOW-MIB" \
	bash -c "snmpwalk ${NF_V2RO[*]} $NF_AGENT .1.3.6.1.2.1.1.9.1.3 | grep -q IPT-NETFLOW-MIB"

# --- the cache --------------------------------------------------------------
expire
nf_get IPT-NETFLOW-MIB::inFlows.0 >/dev/null
sed -i 's/^inFlows .*/inFlows      77/' "$stats"
same "a change within the second is not seen yet (cached)" "$(nf_get IPT-NETFLOW-MIB::inFlows.0)" 3
expire
same "after a second it is" "$(nf_get IPT-NETFLOW-MIB::inFlows.0)" 77

# --- many CPUs --------------------------------------------------------------
write_stats 512 16
expire
check "a 512-CPU file is $(stat -c %s "$stats") bytes" test "$(stat -c %s "$stats")" -gt 20000
rows=$(snmptable "${NF_V2RO[@]}" -OU -Cf ' ' -CH -Ci "$NF_AGENT" IPT-NETFLOW-MIB::iptNetflowCpuTable)
same "512 CPU rows" "$(wc -l <<<"$rows")" 512
same "the last CPU's row" "$(tail -n1 <<<"$rows")" "511 511 512 3 4 1.01 5 6 7 8 9 511"
same "16 socket rows, the last one" \
	"$(snmptable "${NF_V2RO[@]}" -OU -Oe -Cf ' ' -CH -Ci "$NF_AGENT" IPT-NETFLOW-MIB::iptNetflowSockTable | tail -n1)" \
	"15 10.0.15.1:2055 1 0 1 2 3 212992 0 1015"
same "sndbufPeak, the file's last line" "$(nf_get IPT-NETFLOW-MIB::sndbufPeak.0)" 1015
same "GETBULK over the CPU table" \
	"$(snmpbulkget "${NF_V2RO[@]}" -Cr40 -Oqv "$NF_AGENT" IPT-NETFLOW-MIB::cpuInPacketRate | wc -l)" 40

# --- SET ---------------------------------------------------------------------
same "v2c SET inactive-timeout 30" \
	"$(nf_set_error NF_V2RW IPT-NETFLOW-MIB::inactive-timeout.0 i 30)" ok
same "the sysctl file has it" "$(cat "$sys/inactive_timeout")" 30
same "and GET reads it back" "$(nf_get IPT-NETFLOW-MIB::inactive-timeout.0)" 30
same "v3 authPriv SET destination" \
	"$(nf_set_error NF_V3PRIV IPT-NETFLOW-MIB::destination.0 s '10.0.0.1:2055,[2001:db8::1]:9995')" ok
same "destination written" "$(cat "$sys/destination")" "10.0.0.1:2055,[2001:db8::1]:9995"
same "v3 authNoPriv SET engineId 4294967295 (Unsigned32)" \
	"$(nf_set_error NF_V3AUTH IPT-NETFLOW-MIB::engineId.0 u 4294967295)" ok
same "engine_id written" "$(cat "$sys/engine_id")" 4294967295
same "SET flush(1)" "$(nf_set_error NF_V2RW IPT-NETFLOW-MIB::flush.0 i 1)" ok
same "flush written" "$(cat "$sys/flush")" 1
same "SET two settings at once" \
	"$(nf_set_error NF_V2RW IPT-NETFLOW-MIB::protocol.0 i 10 IPT-NETFLOW-MIB::debug.0 i 2)" ok
same "both written" "$(cat "$sys/protocol") $(cat "$sys/debug")" "10 2"
same "SET natevents enabled(1), promisc disabled(0), promiscMplsDepth 10 at once" \
	"$(nf_set_error NF_V2RW IPT-NETFLOW-MIB::natevents.0 i 1 IPT-NETFLOW-MIB::promisc.0 i 0 IPT-NETFLOW-MIB::promiscMplsDepth.0 i 10)" ok
same "all three written" "$(cat "$sys/natevents") $(cat "$sys/promisc") $(cat "$sys/promisc-mpls")" "1 0 10"
same "and read back" \
	"$(nf_get IPT-NETFLOW-MIB::natevents.0 IPT-NETFLOW-MIB::promisc.0 IPT-NETFLOW-MIB::promiscMplsDepth.0 | tr '\n' ' ')" "1 0 10 "
same "SET natevents eventsOnly(2)" "$(nf_set_error NF_V2RW IPT-NETFLOW-MIB::natevents.0 i 2)" ok
same "natevents written" "$(cat "$sys/natevents")" 2
same "SET sampler deterministic:10" \
	"$(nf_set_error NF_V2RW IPT-NETFLOW-MIB::sampler.0 s deterministic:10)" ok
same "sampler written" "$(cat "$sys/sampler")" deterministic:10
same "SET aggregation, snmp-rules and fields at once (OIDs numeric)" \
	"$(nf_set_error NF_V2RW .1.3.6.1.4.1.37476.9000.10.1.1.2.8.0 s '2001:db8::/32=48, 1024-65535=1024' .1.3.6.1.4.1.37476.9000.10.1.1.2.12.0 s 'vlan:300' .1.3.6.1.4.1.37476.9000.10.1.1.2.20.0 s 'ethertype;flow-label')" ok
same "all three written" \
	"$(cat "$sys/aggregation")|$(cat "$sys/snmp-rules")|$(cat "$sys/fields")" \
	"2001:db8::/32=48, 1024-65535=1024|vlan:300|ethertype;flow-label"
same "SET sampler '' (off)" "$(nf_set_error NF_V2RW IPT-NETFLOW-MIB::sampler.0 s '')" ok
same "sampler written empty" "$(od -An -c "$sys/sampler" | tr -s ' ')" ' \n'
same "and GET reads it back empty" "$(snmpget "${NF_V2RO[@]}" -On "$NF_AGENT" .1.3.6.1.4.1.37476.9000.10.1.1.2.9.0)" \
	'.1.3.6.1.4.1.37476.9000.10.1.1.2.9.0 = STRING: '
same "SET fields of 255 characters (the agent checks length only)" \
	"$(nf_set_error NF_V2RW IPT-NETFLOW-MIB::fields.0 s "$(printf 'f%.0s' $(seq 255))")" ok
same "SET aggregation of 1024 characters" \
	"$(nf_set_error NF_V2RW IPT-NETFLOW-MIB::aggregation.0 s "$(printf 'a%.0s' $(seq 1024))")" ok
echo 'direction,mac' >"$sys/fields"
echo '10.0.0.0/8=16' >"$sys/aggregation"

snapshot() { (cd "$sys" && for f in *; do [ "$f" = flush ] || printf '%s=%s ' "$f" "$(cat "$f")"; done); }
before=$(snapshot)
bad_set() {
	local want=$1 optvar=$2
	shift 2
	local what="$*"
	[ ${#what} -le 72 ] || what="${what:0:60}... (${#what} characters)"
	same "$optvar SET $what refused" "$(nf_set_error "$optvar" "$@")" "$want"
}
bad_set wrongValue NF_V2RW IPT-NETFLOW-MIB::inactive-timeout.0 i 0
bad_set wrongValue NF_V2RW IPT-NETFLOW-MIB::active-timeout.0 i 604801
bad_set wrongValue NF_V2RW IPT-NETFLOW-MIB::protocol.0 i 7
bad_set wrongValue NF_V2RW IPT-NETFLOW-MIB::hashsize.0 i 0
bad_set wrongValue NF_V2RW IPT-NETFLOW-MIB::hashsize.0 i 255
bad_set wrongValue NF_V2RW IPT-NETFLOW-MIB::maxflows.0 i -1
bad_set wrongValue NF_V2RW IPT-NETFLOW-MIB::sndbuf.0 i 1073741824
bad_set wrongValue NF_V2RW IPT-NETFLOW-MIB::scan-min.0 i 101
bad_set wrongValue NF_V2RW IPT-NETFLOW-MIB::refreshRate.0 i 0
bad_set wrongValue NF_V2RW IPT-NETFLOW-MIB::timeoutRate.0 i 1441
bad_set wrongValue NF_V2RW IPT-NETFLOW-MIB::debug.0 i 4
bad_set wrongValue NF_V2RW IPT-NETFLOW-MIB::flush.0 i 2
bad_set wrongValue NF_V2RW IPT-NETFLOW-MIB::natevents.0 i 3
bad_set wrongValue NF_V2RW IPT-NETFLOW-MIB::natevents.0 i -1
bad_set wrongValue NF_V2RW IPT-NETFLOW-MIB::promisc.0 i 2
bad_set wrongValue NF_V2RW IPT-NETFLOW-MIB::promiscMplsDepth.0 i 11
bad_set wrongValue NF_V2RW IPT-NETFLOW-MIB::promiscMplsDepth.0 i -1
bad_set wrongType NF_V2RW IPT-NETFLOW-MIB::promisc.0 u 1
bad_set notWritable NF_V2RW IPT-NETFLOW-MIB::promiscObserved.0 i 1
bad_set notWritable NF_V2RW IPT-NETFLOW-MIB::natEventsListener.0 i 0
bad_set wrongValue NF_V2RW IPT-NETFLOW-MIB::destination.0 s ''
bad_set wrongValue NF_V2RW IPT-NETFLOW-MIB::destination.0 x 3132372e302e302e310a312e322e332e34
bad_set wrongLength NF_V2RW IPT-NETFLOW-MIB::destination.0 s "$(printf 'a%.0s' $(seq 1025))"
bad_set wrongType NF_V2RW IPT-NETFLOW-MIB::inactive-timeout.0 s 10
bad_set wrongType NF_V2RW IPT-NETFLOW-MIB::engineId.0 i 1
bad_set wrongType NF_V2RW IPT-NETFLOW-MIB::destination.0 i 1
bad_set wrongLength NF_V2RW IPT-NETFLOW-MIB::sampler.0 s "$(printf 'd%.0s' $(seq 128))"
bad_set wrongLength NF_V2RW IPT-NETFLOW-MIB::fields.0 s "$(printf 'f%.0s' $(seq 256))"
bad_set wrongLength NF_V2RW IPT-NETFLOW-MIB::aggregation.0 s "$(printf 'a%.0s' $(seq 1025))"
bad_set wrongLength NF_V2RW IPT-NETFLOW-MIB::snmp-rules.0 s "$(printf 's%.0s' $(seq 1025))"
bad_set wrongValue NF_V2RW IPT-NETFLOW-MIB::sampler.0 x 643a31300a723a35	# d:10\nr:5
bad_set wrongValue NF_V2RW IPT-NETFLOW-MIB::snmp-rules.0 x 6574683a3130300965	# eth:100\te
bad_set wrongType NF_V2RW IPT-NETFLOW-MIB::fields.0 i 1
bad_set wrongType NF_V2RW IPT-NETFLOW-MIB::sampler.0 u 10
bad_set notWritable NF_V2RW IPT-NETFLOW-MIB::inFlows.0 i 1
bad_set notWritable NF_V2RW IPT-NETFLOW-MIB::version.0 s 9
bad_set noAccess NF_V2RO IPT-NETFLOW-MIB::inactive-timeout.0 i 20
bad_set badValue NF_V1RW IPT-NETFLOW-MIB::protocol.0 i 7
bad_set wrongValue NF_V2RW IPT-NETFLOW-MIB::protocol.0 i 9 IPT-NETFLOW-MIB::debug.0 i 4
same "no refused SET changed a file" "$(snapshot)" "$before"

# The kernel's own refusal (EINVAL: it parses the string settings): a file
# that refuses any text, snmpd's own oom_score_adj, stands in for fields.
mv "$sys/fields" "$sys/fields.real"
ln -s /proc/self/oom_score_adj "$sys/fields"
bad_set wrongValue NF_V2RW IPT-NETFLOW-MIB::fields.0 s no-such-field
bad_set wrongValue NF_V2RW IPT-NETFLOW-MIB::sampler.0 s random:5 IPT-NETFLOW-MIB::fields.0 s mac
same "the sampler written before the refusal is put back (UNDO)" \
	"$(od -An -c "$sys/sampler" | tr -s ' ')" ' \n'
check "the refusal is logged" grep -q "netflow: SET fields refused by the kernel" "$work/snmpd.log"
rm "$sys/fields"
mv "$sys/fields.real" "$sys/fields"
same "no refused SET changed a file (kernel refusals)" "$(snapshot)" "$before"

# a file snmpd may not write (snmpd as a non-root user, say)
chmod 0444 "$sys/maxflows"
if [ "$(id -u)" != 0 ]; then
	bad_set notWritable NF_V2RW IPT-NETFLOW-MIB::maxflows.0 i 5
fi
chmod 0644 "$sys/maxflows"

# Any other failure of the write (EPERM, ENOMEM, EBUSY, ...) is a
# commitFailed (genError in SNMPv1), the setting keeps its old value, and
# the variables of the same SET written before it are put back. An
# append-only file stands in for such a sysctl: access(W_OK) allows it,
# so the SET passes every check before the write, and opening it for
# writing fails with EPERM before anything changes. chattr +a needs
# CAP_LINUX_IMMUTABLE and a filesystem with the flag (ext4, xfs, btrfs).
if chattr +a "$sys/destination" "$sys/debug" 2>/dev/null; then
	appendonly=("$sys/destination" "$sys/debug")
	touch -d 2000-01-01 "$sys/sampler"	# a write (and the UNDO) makes it now
	bad_set commitFailed NF_V2RW IPT-NETFLOW-MIB::destination.0 s 10.9.9.9:2055
	bad_set commitFailed NF_V2RW IPT-NETFLOW-MIB::debug.0 i 1
	bad_set commitFailed NF_V3PRIV IPT-NETFLOW-MIB::debug.0 i 3
	bad_set genError NF_V1RW IPT-NETFLOW-MIB::debug.0 i 1
	bad_set commitFailed NF_V2RW IPT-NETFLOW-MIB::sampler.0 s random:5 IPT-NETFLOW-MIB::debug.0 i 1
	same "the sampler written before the failure is put back (UNDO)" \
		"$(od -An -c "$sys/sampler" | tr -s ' ')" ' \n'
	check "it was written, not skipped: its mtime moved on from 2000" \
		test "$(stat -c %Y "$sys/sampler")" -gt "$(date -d 2000-01-02 +%s)"
	same "GET reads the old destination, debug, sampler" \
		"$(nf_get IPT-NETFLOW-MIB::destination.0 IPT-NETFLOW-MIB::debug.0 IPT-NETFLOW-MIB::sampler.0 | tr '\n' '|')" \
		"10.0.0.1:2055,[2001:db8::1]:9995|2||"
	check "the failure is logged with its errno" \
		grep -q "netflow: SET debug: Operation not permitted" "$work/snmpd.log"
	check "no undo failed" bash -c "! grep -q 'undoing SET' '$work/snmpd.log'"
	chattr -a "${appendonly[@]}"
	appendonly=()
	same "no failed SET changed a file (commitFailed)" "$(snapshot)" "$before"
else
	echo "# skip: commitFailed (chattr +a not permitted in $work)"
fi

# --- a file that is not as documented ----------------------------------------
write_stats 2 1
sed -i 's/^inPackets .*/inPackets    lots/; s/^cpu1 .*/cpu1 1 2/' "$stats"
expire
same "a bad line is skipped, the rest served" \
	"$(nf_get IPT-NETFLOW-MIB::inPackets.0 IPT-NETFLOW-MIB::inFlows.0 | tr '\n' ' ')" \
	"No Such Instance currently exists at this OID 3 "
same "a bad cpu line drops that row only" \
	"$(snmptable "${NF_V2RO[@]}" -Cf ' ' -CH -Ci "$NF_AGENT" IPT-NETFLOW-MIB::iptNetflowCpuTable | cut -d' ' -f1)" 0
check "the agent logs the skipped lines" grep -q "2 lines skipped" "$work/snmpd.log"

# --- an older module: no promisc or NAT event lines ------------------------------
OLD_MODULE=1 write_stats 2 1
expire
same "older module: promiscObserved and natEventsStart have no instance, inFlows does" \
	"$(nf_get IPT-NETFLOW-MIB::promiscObserved.0 IPT-NETFLOW-MIB::natEventsStart.0 IPT-NETFLOW-MIB::inFlows.0 | tr '\n' ' ')" \
	"No Such Instance currently exists at this OID No Such Instance currently exists at this OID 3 "
same "older module: a walk of iptNetflowPromisc finds nothing" \
	"$(snmpwalk "${NF_V2RO[@]}" -Oq "$NF_AGENT" IPT-NETFLOW-MIB::iptNetflowPromisc | grep -c promisc)" 0
write_stats 2 1

# --- module gone, file nonsense, module back ----------------------------------
mv "$root" "$root.gone"
expire
same "module not loaded: moduleStatus" "$(nf_get IPT-NETFLOW-MIB::moduleStatus.0)" 2
same "module not loaded: a walk shows only name and moduleStatus" \
	"$(snmpwalk "${NF_V2RO[@]}" -Oqv "$NF_AGENT" IPT-NETFLOW-MIB::iptNetflowMIB | tr '\n' ' ')" \
	"ipt_NETFLOW notLoaded "
same "module not loaded: GET inFlows" "$(nf_get IPT-NETFLOW-MIB::inFlows.0)" \
	"No Such Instance currently exists at this OID"
same "module not loaded: GET protocol" "$(nf_get IPT-NETFLOW-MIB::protocol.0)" \
	"No Such Instance currently exists at this OID"
same "module not loaded: tables empty" \
	"$(snmptable "${NF_V2RO[@]}" "$NF_AGENT" IPT-NETFLOW-MIB::iptNetflowCpuTable 2>&1)" \
	"IPT-NETFLOW-MIB::iptNetflowCpuTable: No entries"
bad_set inconsistentName NF_V2RW IPT-NETFLOW-MIB::protocol.0 i 9
check "module not loaded: logged once" test "$(grep -c 'ipt_NETFLOW is not loaded' "$work/snmpd.log")" = 1
mkdir -p "$root/proc/net/stat" "$root/sys/module/ipt_NETFLOW"
echo "hello" >"$stats"
expire
same "statistics nonsense: moduleStatus statsUnreadable" "$(nf_get IPT-NETFLOW-MIB::moduleStatus.0)" 3
same "statistics nonsense: no totals" "$(nf_get IPT-NETFLOW-MIB::inFlows.0)" \
	"No Such Instance currently exists at this OID"
rm -rf "$root"
mv "$root.gone" "$root"
expire
same "module back: moduleStatus loaded" "$(nf_get IPT-NETFLOW-MIB::moduleStatus.0)" 1
same "module back: inFlows" "$(nf_get IPT-NETFLOW-MIB::inFlows.0)" 3

# --- unloaded and loaded again inside snmpd (UCD-DLMOD-MIB dlmodStatus.1) -------
dlmod_status=.1.3.6.1.4.1.2021.13.14.2.1.5.1
same "dlmodStatus: the agent is loaded(1)" "$(nf_get $dlmod_status)" 1
snmpset "${NF_V2RW[@]}" "$NF_AGENT" $dlmod_status i 5 >/dev/null	# unload
same "after dlmod unload (deinit_netflow): the MIB is gone" "$(nf_get IPT-NETFLOW-MIB::name.0)" \
	"No Such Object available on this agent at this OID"
check "deinit_netflow logged" grep -q "netflow: IPT-NETFLOW-MIB unregistered" "$work/snmpd.log"
snmpset "${NF_V2RW[@]}" "$NF_AGENT" $dlmod_status i 4 >/dev/null	# load
# the reloaded agent has forgotten netflowRoot: it reads this host's own /proc
same "after dlmod load (init_netflow again): the MIB is back" \
	"$(nf_get IPT-NETFLOW-MIB::name.0)" ipt_NETFLOW
check "snmpd is still running" nf_snmpd_alive
check "snmpd stops cleanly (deinit_netflow, exit 0${NF_SNMPD_WRAP:+, valgrind clean})" nf_snmpd_stop
[ ! -s "$work/valgrind.log" ] || cat "$work/valgrind.log"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
