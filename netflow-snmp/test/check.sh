#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make -C netflow-snmp check: the unit tests, smilint on the MIB, the agent
# in a private snmpd (test/agent.sh). Each prints "ok - " / "not ok - "
# lines; the last line here adds them up: "N passed, N failed".
#
#   test/check.sh OUT_DIR     (OUT_DIR holds unit and snmp_NETFLOW.so)
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=$(dirname "$here")
out=$1
passed=0 failed=0

# run NAME COMMAND...: its ok/not ok lines count; a non-zero exit with no
# "not ok" line counts one failure
run() {
	local name=$1 line p=0 f=0 rc=
	shift
	echo "# $name"
	while IFS= read -r line; do
		case $line in
		"ok - "*) p=$((p + 1)) ;;
		"not ok - "*) f=$((f + 1)) ;;
		[0-9]*" passed, "*" failed") continue ;;
		"rc="*) rc=${line#rc=}; continue ;;
		esac
		echo "$line"
	done < <("$@" 2>&1; echo "rc=$?")
	if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
		echo "not ok - $name exited $rc"
		f=1
	fi
	passed=$((passed + p))
	failed=$((failed + f))
}

# smilint -l 3: no error of severity 3 or worse (warnings start at 4). The
# IETF base modules are not in Debian main: test/mibs has stand-ins for
# the few definitions the MIB imports.
smi() {
	local out
	if ! command -v smilint >/dev/null; then
		echo "not ok - smilint not found (apt-get install smitools)"
		return
	fi
	out=$(SMIPATH=$here/mibs smilint -l 3 -s "$src/IPT-NETFLOW-MIB.txt" 2>&1)
	if [ -z "$out" ]; then
		echo "ok - smilint -l 3 IPT-NETFLOW-MIB: no error"
	else
		echo "$out"
		echo "not ok - smilint -l 3 IPT-NETFLOW-MIB"
	fi
	# the MIB as net-snmp reads it: every object the agent serves resolves
	out=$(snmptranslate -M "$here/mibs:$src" -m IPT-NETFLOW-MIB -Tso 2>&1 |
		grep -c '^\.1\.3\.6\.1\.4\.1\.37476\.9000\.10\.1\.')
	if [ "$out" -ge 80 ] && ! snmptranslate -M "$here/mibs:$src" -m IPT-NETFLOW-MIB \
		-Tso 2>&1 | grep -qi -E 'cannot|error|unlinked'; then
		echo "ok - net-snmp parses IPT-NETFLOW-MIB ($out nodes)"
	else
		echo "not ok - net-snmp parses IPT-NETFLOW-MIB ($out nodes)"
	fi
}

run unit "$out/unit"
run smilint smi
run agent "$here/agent.sh" "$out"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
