#!/bin/bash
# Guest side: runs every scenario given (default: all of them) in this one
# boot, each in its own bash, and adds up their results. A scenario that
# exits non-zero without reporting a failure counts one failure.
here=$(dirname "$(readlink -f "$0")")
. "$here/tap.sh"
out=${GUEST_OUT:-/out}
scenarios=("$@")
if [ ${#scenarios[@]} = 0 ]; then
	# every scenario file present, in this order (later ones are optional)
	for s in proto config config_ext snmp options features fields l2fields promisc natevents torture faults; do
		[ -e "$here/$s.sh" ] && scenarios+=("$s")
	done
fi
for s in "${scenarios[@]}"; do
	echo "# scenario $s"
	log=$out/scenario-$s.log
	bash "$here/$s.sh" 2>&1 | grep --line-buffered -v -E '^[0-9]+ passed, [0-9]+ failed$' |
		tee "$log"
	rc=${PIPESTATUS[0]}
	p=$(grep -c '^ok - ' "$log")
	f=$(grep -c '^not ok - ' "$log")
	TAP_PASSED=$((TAP_PASSED + p))
	TAP_FAILED=$((TAP_FAILED + f))
	if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
		not_ok "scenario $s exited $rc"
	fi
done
tap_summary
