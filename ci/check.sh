#!/bin/bash
# `make check`: every test of the project, in order, each step's output
# shown and kept in build/check/. The last line is "N passed, N failed".
set -uo pipefail
top=$(dirname "$(readlink -f "$0")")/..
cd "$top"
build=${BUILD_DIR:-$top/build}
logs=$build/check
mkdir -p "$logs"
passed=0
failed=0
failed_steps=()

# step NAME COMMAND...: runs COMMAND; its "N passed, N failed" line, if it
# prints one, adds those counts; otherwise the step counts as one test.
step() {
	local name=$1 log=$logs/$1.log rc summary p f
	shift
	echo "=== $name: $*"
	local start=$SECONDS
	"$@" 2>&1 | tee "$log"
	rc=${PIPESTATUS[0]}
	summary=$(grep -E '^(kunit: )?[0-9]+ passed, [0-9]+ failed' "$log" | tail -n1)
	if [ -n "$summary" ]; then
		p=$(sed -E 's/^(kunit: )?([0-9]+) passed, ([0-9]+) failed.*/\2/' <<<"$summary")
		f=$(sed -E 's/^(kunit: )?([0-9]+) passed, ([0-9]+) failed.*/\3/' <<<"$summary")
		[ "$rc" != 0 ] && [ "$f" = 0 ] && f=1	# died after its summary
	elif [ "$rc" = 0 ]; then
		p=1 f=0
	else
		p=0 f=1
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	[ "$f" = 0 ] || failed_steps+=("$name")
	echo "=== $name: exit $rc, $p passed, $f failed, $((SECONDS - start)) s"
}

# A build step passes only if it printed no compiler warning.
no_warnings() {
	local out rc
	out=$("$@" 2>&1)
	rc=$?
	echo "$out"
	[ $rc = 0 ] && ! grep -E 'warning:|error:' <<<"$out"
}

step module-build-W1 no_warnings make --no-print-directory module
step module-sparse no_warnings make --no-print-directory sparse
step checkpatch ci/checkpatch.sh
step plugin-build no_warnings make --no-print-directory plugin
step plugin-check make --no-print-directory -C libxt-netflow check O="$build/xt"
step snmp-build no_warnings make --no-print-directory -C netflow-snmp O="$build/snmp"
step snmp-check make --no-print-directory -C netflow-snmp check O="$build/snmp"
step fuzz-smoke make --no-print-directory -C fuzz smoke
step kunit make --no-print-directory kunit
[ -x ci/uml/run ] && step uml-sanitizers ci/uml/run
step golden-decoders python3 ci/tools/decode_golden.py --kunit
step guest-selftest ci/guest/selftest.sh
step e2e make --no-print-directory e2e
step pkg-test ci/pkg/test.sh

echo
[ ${#failed_steps[@]} = 0 ] || echo "failed steps: ${failed_steps[*]} (logs in $logs)"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
