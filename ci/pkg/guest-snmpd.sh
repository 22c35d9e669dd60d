#!/bin/bash
# Guest side of ci/pkg/test.sh, after the e2e scenarios: the installed
# netflow-snmp with the system's own snmpd, as Debian runs it (its init
# script through invoke-rc.d, the stock /etc/snmp/snmpd.conf, user
# Debian-snmp): snmpd loads the packaged agent through
# /etc/snmp/snmpd.conf.d/netflow.conf, and the package's postinst and postrm
# restart a running snmpd and leave a stopped one stopped.
#
# The guest writes to a throwaway overlay of the host's root: here, never
# on the host, a policy-rc.d that allows every action lets invoke-rc.d act
# (the host's denies all; and with no init system the runlevel is unknown,
# so no rcN.d link allows it), and a view line lets the stock community
# "public" see the agent's subtree.
# Needs: PKG_VERSION (the installed version). Prints ok/not ok lines.
set -uo pipefail
here=$(dirname "$(readlink -f "$0")")
. "$here/../e2e/tap.sh"
[ "${GUEST:-}" = 1 ] || { echo "guest-snmpd.sh runs inside ci/guest/run" >&2; exit 2; }
version=${PKG_VERSION:?}
out=${GUEST_OUT:-/out}/pkg-snmpd
mkdir -p "$out"
info=/var/lib/dpkg/info
name_oid=.1.3.6.1.4.1.37476.9000.10.1.1.1.1.0	# IPT-NETFLOW-MIB::name.0
pidfile=/run/snmpd.pid

printf '#!/bin/sh\nexit 0\n' >/usr/sbin/policy-rc.d	# every action allowed
echo 'view systemonly included .1.3.6.1.4.1.37476.9000.10' >/etc/snmp/snmpd.conf.d/zz-pkg-test.conf

running() { local p; p=$(cat "$pidfile" 2>/dev/null) && [ -n "$p" ] && kill -0 "$p" 2>/dev/null; }
snmpd_pid() { cat "$pidfile" 2>/dev/null; }
# the agent's name.0 from the system snmpd, as the stock community sees it
agent_name() {
	snmpget -v2c -c public -t 1 -r 0 -Oqv -M /nonexistent -m "" 127.0.0.1 "$name_oid" 2>&1
}
# serving [OLD_PID]: within 30 s, snmpd runs (under another pid than
# OLD_PID) and serves the agent's name.0
serving() {
	local i
	for i in $(seq 60); do
		if running && [ "$(snmpd_pid)" != "${1:-}" ] && [ "$(agent_name)" = '"ipt_NETFLOW"' ]; then
			return 0
		fi
		sleep 0.5
	done
	return 1
}

invoke-rc.d snmpd start >"$out/start.log" 2>&1
serving
rc=$?
check "the system snmpd (init script, stock snmpd.conf) serves the packaged agent through snmpd.conf.d/netflow.conf: name.0 = $(agent_name)" \
	test $rc = 0
uid=$(awk '/^Uid:/ { print $2 }' "/proc/$(snmpd_pid)/status" 2>/dev/null)
check "it runs as Debian-snmp (uid ${uid:-none})" test "$uid" = "$(id -u Debian-snmp)"

pid=$(snmpd_pid)
"$info/netflow-snmp.postinst" configure "$version" >"$out/postinst.log" 2>&1
serving "$pid"
rc=$?
check "postinst configure restarts the running snmpd (pid $pid -> $(snmpd_pid)), which serves the agent again" \
	test $rc = 0

pid=$(snmpd_pid)
"$info/netflow-snmp.postrm" remove >"$out/postrm.log" 2>&1
serving "$pid"
rc=$?
check "postrm remove restarts the running snmpd (pid $pid -> $(snmpd_pid))" test $rc = 0

invoke-rc.d snmpd stop >"$out/stop.log" 2>&1
check "invoke-rc.d snmpd stop" eval '! running'
"$info/netflow-snmp.postinst" configure "$version" >"$out/postinst-stopped.log" 2>&1
"$info/netflow-snmp.postrm" remove >"$out/postrm-stopped.log" 2>&1
sleep 2
check "postinst configure and postrm remove leave a stopped snmpd stopped (try-restart)" eval '! running'
tap_summary
