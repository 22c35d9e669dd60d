#!/bin/bash
# Runs the fuzz targets built by the Makefile (fuzz/README.md).
#   run.sh smoke OUT TARGET...   each target: every seed (corpus/<t>) and
#                                regression (regress/<t>), then SMOKE_SECONDS
#                                of fuzzing; one test per target; last line
#                                "N passed, N failed"; non-zero on any crash
#   run.sh fuzz OUT TARGET...    each target for FUZZ_SECONDS, its corpus kept
#                                in OUT/corpus/<t> across runs
#   run.sh cov OUT TARGET...     coverage of the pure files reached by seeds,
#                                regressions and OUT/corpus/<t>
set -uo pipefail
here=$(dirname "$(readlink -f "$0")")
mode=$1 out=$2
shift 2
targets=("$@")
cd "$here" || exit 1

# libFuzzer options every run shares. A unit slower than 10 s is a hang.
common=(-timeout=10 -rss_limit_mb=2048 -print_final_stats=1)
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

dict() {
	[ -f "dict/$1.dict" ] && echo "-dict=dict/$1.dict"
}

# Per-target libFuzzer options: the op-stream targets want longer inputs.
opts() {
	case $1 in
	msg | options) echo "-max_len=8192" ;;
	rate) echo "-max_len=4096" ;;
	dest | aggr | snmp) echo "-max_len=4200" ;;
	*) echo "-max_len=1024" ;;
	esac
}

# Smoke seconds per target: the small string parsers, the packet parser
# and the options encoders saturate their coverage from the seeds in a
# second or two, so they get at most SMOKE_SECONDS_SMALL.
smoke_seconds() {
	case $1 in
	sampler | aggr | snmp | packet | options | l2 | ipcheck | nel | fields)
		local small=${SMOKE_SECONDS_SMALL:-5}
		echo $((SMOKE_SECONDS < small ? SMOKE_SECONDS : small)) ;;
	*) echo "$SMOKE_SECONDS" ;;
	esac
}

# "stat::number_of_executed_units: N" etc. from -print_final_stats
stats() {
	local log=$1 execs secs cov ft
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n1)
	secs=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -n1)
	cov=$(grep -oE '(DONE|INITED|NEW|REDUCE|pulse) +cov: [0-9]+' "$log" | tail -n1 | grep -oE '[0-9]+$')
	ft=$(grep -oE 'ft: [0-9]+' "$log" | tail -n1 | grep -oE '[0-9]+$')
	echo "${execs:-?} execs in ${secs:-?} s, cov ${cov:-?} edges, ft ${ft:-?}"
}

case $mode in
smoke | fuzz)
	passed=0 failed=0
	for t in "${targets[@]}"; do
		bin=$out/fuzz_$t
		mkdir -p "corpus/$t" "regress/$t" "$out/artifacts/$t" "$out/logs"
		log=$out/logs/$mode-$t.log
		if [ "$mode" = smoke ]; then
			work=$(mktemp -d "$out/smoke-$t.XXXXXX")
			secs=$(smoke_seconds "$t")
		else
			work=$out/corpus/$t
			mkdir -p "$work"
			secs=$FUZZ_SECONDS
		fi
		# regressions first, one by one, so each failure names its file
		rc=0
		for f in regress/"$t"/*; do
			[ -f "$f" ] || continue
			r=0
			"$bin" "${common[@]}" "$f" >"$log.regress" 2>&1 || r=$?
			if [ $r != 0 ]; then
				rc=$r
				echo "fuzz $mode: $t: $f: $(grep -m1 -E '^(FINDING|==[0-9]+==ERROR|.*runtime error)' "$log.regress")"
			fi
		done
		# then the seeds and regressions as a corpus, and fuzzing
		if [ $rc = 0 ]; then	# a known crash would stop it at once
			# shellcheck disable=SC2046
			"$bin" "${common[@]}" $(opts "$t") $(dict "$t") -max_total_time="$secs" \
				-artifact_prefix="$out/artifacts/$t/" \
				"$work" "corpus/$t" "regress/$t" >"$log" 2>&1 || rc=$?
			[ $rc = 0 ] || grep -E '^(FINDING|==[0-9]+==ERROR|.*runtime error|SUMMARY)' "$log" | head -n 4
		fi
		[ "$mode" = smoke ] && rm -rf "$work"
		if [ $rc = 0 ]; then
			passed=$((passed + 1))
			echo "fuzz $mode: $t: ok, $(stats "$log")"
		else
			failed=$((failed + 1))
			echo "fuzz $mode: $t: FAILED (exit $rc), log $log, artifacts $out/artifacts/$t/"
		fi
	done
	# the pure tier's own KUnit suites against the shim: the shim is right
	if [ "$mode" = smoke ]; then
		if [ -n "${UNFUZZED:-}" ]; then
			failed=$((failed + 1))
			echo "fuzz $mode: pure tier: FAILED, in NETFLOW_PURE but no target links it: $UNFUZZED (fuzz/README.md)"
		fi
		if "$out/kunit_shim" >"$out/logs/kunit-shim.log" 2>&1; then
			passed=$((passed + 1))
			echo "fuzz $mode: kunit-shim: ok, $(tail -n1 "$out/logs/kunit-shim.log")"
		else
			failed=$((failed + 1))
			echo "fuzz $mode: kunit-shim: FAILED, log $out/logs/kunit-shim.log"
			grep -E '^not ok|FAILED' "$out/logs/kunit-shim.log" | head -n 8
		fi
	fi
	echo "$passed passed, $failed failed"
	[ "$failed" = 0 ]
	;;
cov)
	rm -rf "$out/cov/prof"
	mkdir -p "$out/cov/prof"
	objs=()
	for t in "${targets[@]}"; do
		dirs=("corpus/$t")
		[ -d "regress/$t" ] && dirs+=("regress/$t")
		[ -d "$out/corpus/$t" ] && dirs+=("$out/corpus/$t")
		LLVM_PROFILE_FILE=$out/cov/prof/$t.profraw FUZZ_IGNORE=${FUZZ_IGNORE:-all} \
			"$out/cov/fuzz_$t" -runs=0 "${dirs[@]}" >"$out/cov/$t.log" 2>&1 ||
			echo "fuzz cov: $t: a unit failed (see $out/cov/$t.log)"
		objs+=(-object "$out/cov/fuzz_$t")
	done
	llvm-profdata merge -sparse "$out"/cov/prof/*.profraw -o "$out/cov/all.profdata"
	src=$(readlink -f ../ipt-netflow-dkms)
	files=()
	for f in dest v5 tmpl v9 ipfix rate sampler aggr snmp_rules options packet; do
		files+=("$src/$f.c")
	done
	llvm-cov report "${objs[@]:1}" -instr-profile="$out/cov/all.profdata" "${files[@]}"
	llvm-cov show "${objs[@]:1}" -instr-profile="$out/cov/all.profdata" \
		-format=html -output-dir="$out/cov/html" "${files[@]}" >/dev/null &&
		echo "fuzz cov: annotated sources in $out/cov/html/index.html"
	;;
*)
	echo "usage: $0 smoke|fuzz|cov OUT TARGET..." >&2
	exit 2
	;;
esac
