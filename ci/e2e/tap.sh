# shellcheck shell=bash
# TAP-style result lines shared by the guest-side test scripts.
TAP_PASSED=0
TAP_FAILED=0

ok() { echo "ok - $*"; TAP_PASSED=$((TAP_PASSED + 1)); }
not_ok() { echo "not ok - $*"; TAP_FAILED=$((TAP_FAILED + 1)); }

# check DESCRIPTION COMMAND...: one result line for one command's status
check() {
	local what=$1
	shift
	if "$@"; then ok "$what"; else not_ok "$what"; fi
}

# Counts the ok/not ok lines another program printed into the totals.
tally() {
	local line
	while IFS= read -r line; do
		echo "$line"
		case $line in
		"ok - "*) TAP_PASSED=$((TAP_PASSED + 1)) ;;
		"not ok - "*) TAP_FAILED=$((TAP_FAILED + 1)) ;;
		esac
	done
}

tap_summary() {
	echo "$TAP_PASSED passed, $TAP_FAILED failed"
	[ "$TAP_FAILED" = 0 ]
}
