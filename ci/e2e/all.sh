#!/bin/bash
# Guest side: runs every scenario given (default: all ci/e2e/*.sh scenarios)
# in this one boot, each in a subshell, and adds up their results.
here=$(dirname "$(readlink -f "$0")")
. "$here/tap.sh"
scenarios=("$@")
[ ${#scenarios[@]} -gt 0 ] || scenarios=(v5)
for s in "${scenarios[@]}"; do
	echo "# scenario $s"
	bash "$here/$s.sh" 2>&1 | grep -v -E '^[0-9]+ passed, [0-9]+ failed$' | tally
done
tap_summary
