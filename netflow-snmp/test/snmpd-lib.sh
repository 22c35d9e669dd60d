# shellcheck shell=bash
# A private snmpd with snmp_NETFLOW.so on 127.0.0.1, and the client options
# to talk to it. Sourced by test/agent.sh (host, made-up /proc) and by
# ci/e2e/snmp.sh (guest, the real module). Nothing outside DIR is read or
# written: snmpd gets -C (no system config), the clients SNMPCONFPATH and
# SNMP_PERSISTENT_DIR under DIR.
#
#   nf_snmpd_start DIR AGENT_SO PORT [ROOT]   start, wait until it answers
#   nf_snmpd_alive                            still running?
#   nf_snmpd_stop                             SIGTERM, wait; its exit status
#
# Then, for snmpget/snmpset/snmpwalk/snmptable "${NF_V2RW[@]}" ... "$NF_AGENT" OID...:
#   NF_V2RO NF_V2RW NF_V1RW   communities nfro (read-only), nfrw (read-write)
#   NF_V3PRIV                 user nfpriv, authPriv (SHA, AES), read-write
#   NF_V3AUTH                 user nfauth, authNoPriv (SHA), read-write
# each with the MIB loaded (-m IPT-NETFLOW-MIB) and no client-side range
# check (-Ir), so that the agent itself answers every bad SET.

NF_SNMP_SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NF_MIBDIRS=$NF_SNMP_SRC/test/mibs:$NF_SNMP_SRC
NF_SNMPD_PID=
NF_AGENT=
NF_SNMPD_WRAP=()	# a command to run snmpd under (valgrind ...)
NF_SNMPD_ARGS=()	# more snmpd options (-u nobody ...)

nf_snmpd_conf() {
	local port=$1 so=$2 root=$3
	cat <<EOF
agentaddress udp:127.0.0.1:$port
rocommunity nfro 127.0.0.1
rwcommunity nfrw 127.0.0.1
createUser nfpriv SHA "nfpriv-auth-secret" AES "nfpriv-priv-secret"
createUser nfauth SHA "nfauth-auth-secret"
rwuser nfpriv priv
rwuser nfauth auth
dontLogTCPWrappersConnects yes
dlmod netflow $so
EOF
	[ -z "$root" ] || echo "netflowRoot $root"
}

nf_snmpd_start() {
	local dir=$1 so=$2 port=$3 root=${4:-} snmpd i
	mkdir -p "$dir/persist" "$dir/conf"
	: >"$dir/conf/snmp.conf"
	export SNMPCONFPATH=$dir/conf SNMP_PERSISTENT_DIR=$dir/persist
	nf_snmpd_conf "$port" "$so" "$root" >"$dir/snmpd.conf"
	snmpd=$(command -v snmpd || echo /usr/sbin/snmpd)
	NF_AGENT=udp:127.0.0.1:$port
	local opts=(-t 3 -r 1 -M "$NF_MIBDIRS" -m IPT-NETFLOW-MIB -Ir)
	NF_V2RO=(-v2c -c nfro "${opts[@]}")
	NF_V2RW=(-v2c -c nfrw "${opts[@]}")
	NF_V1RW=(-v1 -c nfrw "${opts[@]}")
	NF_V3PRIV=(-v3 -l authPriv -u nfpriv -a SHA -A nfpriv-auth-secret -x AES
		-X nfpriv-priv-secret "${opts[@]}")
	NF_V3AUTH=(-v3 -l authNoPriv -u nfauth -a SHA -A nfauth-auth-secret "${opts[@]}")
	# -f: stay in the foreground (our child); -C: only the config given
	# -I -smux: no SMUX listener on TCP port 199 of every address
	"${NF_SNMPD_WRAP[@]}" "$snmpd" -f -C -c "$dir/snmpd.conf" -Lf "$dir/snmpd.log" \
		-I -smux,mteTrigger,mteTriggerConf -M /nonexistent -m "" "${NF_SNMPD_ARGS[@]}" &
	NF_SNMPD_PID=$!
	for i in $(seq 150); do
		snmpget "${NF_V2RO[@]}" -t 1 -r 0 "$NF_AGENT" IPT-NETFLOW-MIB::name.0 \
			>/dev/null 2>&1 && return 0
		nf_snmpd_alive || break
		sleep 0.2
	done
	echo "snmpd did not answer; its log:" >&2
	cat "$dir/snmpd.log" >&2
	return 1
}

nf_snmpd_alive() {
	[ -n "$NF_SNMPD_PID" ] && kill -0 "$NF_SNMPD_PID" 2>/dev/null
}

nf_snmpd_stop() {
	local rc
	[ -n "$NF_SNMPD_PID" ] || return 0
	kill -TERM "$NF_SNMPD_PID" 2>/dev/null
	wait "$NF_SNMPD_PID"
	rc=$?
	NF_SNMPD_PID=
	return $rc
}

# nf_get ARGS... OID: the value alone (no type, no units, enums as numbers)
nf_get() {
	snmpget "${NF_V2RO[@]}" -Oqv -OU -Oe "$NF_AGENT" "$@" 2>&1
}

# nf_set_error OPTS_ARRAY_NAME OID TYPE VALUE: the error name snmpset
# reports ("wrongValue", "noAccess", ...), or "ok"
nf_set_error() {
	local -n nf_opts=$1
	local out
	shift
	if out=$(snmpset "${nf_opts[@]}" "$NF_AGENT" "$@" 2>&1); then
		echo ok
		return
	fi
	sed -n 's/^Reason: \(([a-zA-Z]*)\|[a-zA-Z]*\).*/\1/p' <<<"$out" | tr -d '()' | head -n1
}
