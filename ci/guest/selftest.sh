#!/usr/bin/env bash
# ci/guest/selftest.sh - proves the guest harness.
#
# On the host:     ci/guest/selftest.sh
#   boots a guest running this script (the in-guest checks below), then checks
#   ci/guest/run's own failure paths (exit status passing, WARN detection,
#   panic, time limit, usage errors, clean and complete output).
# In the guest:    ci/guest/run -- ci/guest/selftest.sh
#   topology, ping v4/v6, exact iptables-nft/-legacy counters, nfcapd,
#   dumpcap/tshark, module autoload, /dev/fd, overlay, /out.
# Prints "ok N - ..." / "not ok N - ..." lines; exits non-zero on any failure.

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$HERE/lib.sh"

# TAP-ish reporting (private to this script; ci/e2e has its own tap.sh).
# `check DESC CMD...` runs CMD.
# TAP_TIMES=1 appends the seconds since the script started ("# t=12.3s").
TAP_N=0 TAP_FAIL=0 TAP_T0=${EPOCHREALTIME/./}
_tap_t() {
	[[ -n ${TAP_TIMES:-} ]] || return 0
	local d=$(((${EPOCHREALTIME/./} - TAP_T0) / 100000))
	printf ' # t=%d.%ds' $((d / 10)) $((d % 10))
}
ok() { TAP_N=$((TAP_N + 1)); echo "ok $TAP_N - $*$(_tap_t)"; }
not_ok() { TAP_N=$((TAP_N + 1)) TAP_FAIL=$((TAP_FAIL + 1)); echo "not ok $TAP_N - $*$(_tap_t)"; }
check() {
	local desc=$1; shift
	if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}
tap_done() {
	echo "1..$TAP_N"
	((TAP_FAIL == 0)) || { echo "# $TAP_FAIL of $TAP_N failed"; return 1; }
}

# ================================================================== guest ===
guest_checks() {
	local n out f

	# --- environment -------------------------------------------------------
	check "GUEST=1, running as root" test "$GUEST:$(id -u)" = 1:0
	check "cwd is the directory the host called from" test "$PWD" = "$SELFTEST_CWD"
	local m mnts=" " want="/proc /sys /dev /dev/pts /dev/shm /tmp /run /out /run/guest"
	while read -r _ m _; do mnts+="$m "; done </proc/self/mounts
	# a tree under /tmp (CI clone) keeps the overlay as /tmp: no mount there
	[[ " $(</proc/cmdline) " == *" guest_tmp=overlay "* ]] && want=${want/ \/tmp / }
	for m in $want; do
		[[ $mnts == *" $m "* ]] || break
	done
	check "/proc /sys /dev /dev/pts /dev/shm /tmp /run /out mounted" test "$m" = /run/guest -a "${mnts/ \/run\/guest }" != "$mnts"
	check "/dev/fd works (process substitution)" diff <(echo a) <(echo a)
	check "root is writable (overlay), host root untouched" \
		bash -c 'echo x >/usr/.ci-guest-selftest && test "$(cat /usr/.ci-guest-selftest)" = x'
	check "/out is writable" bash -c 'echo from-guest >/out/selftest-marker'
	check "stdin is /dev/null" bash -c '! read -r -t 1 line'

	# --- module autoload (kernel -> /sbin/modprobe via usermode helper) ----
	check "kernel autoloads a module (dummy via rtnl-link-dummy)" \
		bash -c '! test -d /sys/module/dummy && ip link add gdummy0 type dummy && test -d /sys/module/dummy && ip link del gdummy0'

	# --- topology + ping ---------------------------------------------------
	check "topo_up" topo_up
	check "v1/v2 and ns ends are up with gso_max_segs 1" bash -c '
		for d in v1 v2; do ip -d link show $d | grep -q "gso_max_segs 1 " || exit 1; done
		for n in ns1 ns2; do ip -n $n -d link show eth0 | grep -q "gso_max_segs 1 " || exit 1; done'
	check "ping ns1 -> ns2 (IPv4)" ping_ns ns1 10.2.0.2 3
	check "ping ns2 -> ns1 (IPv4)" ping_ns ns2 10.1.0.2 3
	check "ping ns1 -> ns2 (IPv6)" ping_ns ns1 fd00:2::2 3
	check "ping ns2 -> ns1 (IPv6)" ping_ns ns2 fd00:1::2 3
	check "ping root -> ns1, ns2 -> root" bash -c ". '$HERE/lib.sh'; ping_ns root 10.1.0.2 1 && ping_ns ns2 10.2.0.1 1"

	# --- iptables, both backends: exact counters in FORWARD -----------------
	local ipt ip6t
	for be in nft legacy; do
		ipt=iptables-$be ip6t=ip6tables-$be
		if ! $ipt -w -F FORWARD || ! $ip6t -w -F FORWARD; then
			not_ok "$be: flush FORWARD"
			continue
		fi
		$ipt -w -A FORWARD -s 10.1.0.2 -d 10.2.0.2 -p udp --dport 5000 -j ACCEPT &&
			$ipt -w -A FORWARD -s 10.1.0.2 -d 10.2.0.2 -p icmp --icmp-type echo-request -j ACCEPT &&
			$ipt -w -A FORWARD -s 10.2.0.2 -d 10.1.0.2 -p icmp --icmp-type echo-reply -j ACCEPT &&
			$ipt -w -A FORWARD -p tcp --tcp-flags SYN SYN -j ACCEPT &&
			$ipt -w -A FORWARD -m length --length 1501:65535 -j ACCEPT &&
			$ip6t -w -A FORWARD -s fd00:2::2 -d fd00:1::2 -p udp --dport 6000 -j ACCEPT
		check "$be: rules added" test $? = 0
		send_udp ns1 10.2.0.2 5000 7 100
		ping_ns ns1 10.2.0.2 5 200
		send_udp ns2 fd00:1::2 6000 9 1200
		send_tcp ns1 10.2.0.2 8080 200000
		check "$be: UDP rule counted exactly 7" test "$(ipt_pkts --cmd $ipt FORWARD 1)" = 7
		check "$be: echo-request counted 5" test "$(ipt_pkts --cmd $ipt FORWARD 2)" = 5
		check "$be: echo-reply counted 5" test "$(ipt_pkts --cmd $ipt FORWARD 3)" = 5
		check "$be: TCP SYN + SYN/ACK counted 2" test "$(ipt_pkts --cmd $ipt FORWARD 4)" = 2
		check "$be: no forwarded packet over 1500 bytes (no GSO)" test "$(ipt_pkts --cmd $ipt FORWARD 5)" = 0
		check "$be: IPv6 UDP rule counted exactly 9" test "$(ipt_pkts --cmd $ip6t FORWARD 1)" = 9
		$ipt -w -F FORWARD
		$ip6t -w -F FORWARD
	done
	check "nft backend autoloaded nft_compat and xt_* modules" \
		test -d /sys/module/nft_compat -a -d /sys/module/xt_length
	# legacy tables stay hooked until their modules go
	modprobe -r ip6table_filter iptable_filter 2>/dev/null
	check "legacy filter tables unloaded" test ! -d /sys/module/iptable_filter

	# --- nfcapd --------------------------------------------------------------
	local nfdir=/tmp/nfcap pid
	mkdir -p $nfdir
	nfcapd -b 127.0.0.1 -p 2055 -w $nfdir >/tmp/nfcapd.log 2>&1 &
	pid=$!
	# 127.0.0.1:2055 bound = "0100007F:0807" in /proc/net/udp
	check "nfcapd listens on 127.0.0.1:2055" wait_for 20 grep -q ' 0100007F:0807 ' /proc/net/udp
	check "NetFlow v5 packet sent to nfcapd" python3 - <<-'EOF'
		import socket, struct, time
		now = int(time.time())
		hdr = struct.pack("!HHIIIIBBH", 5, 1, 100000, now, 0, 1, 0, 0, 0)
		rec = struct.pack("!4s4s4sHHIIIIHHBBBBHHBBH",
		    socket.inet_aton("10.1.0.2"), socket.inet_aton("10.2.0.2"),
		    socket.inet_aton("0.0.0.0"), 1, 2, 7, 700, 90000, 99000,
		    40000, 5000, 0, 0, 17, 0, 0, 0, 24, 24, 0)
		s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
		s.sendto(hdr + rec, ("127.0.0.1", 2055))
		EOF
	sleep 0.5
	kill -TERM $pid 2>/dev/null
	wait $pid
	check "nfcapd stopped cleanly by SIGTERM (status $?)" test $? = 0
	out=$(nfdump -R $nfdir -q -N -o 'fmt:%sa %da %sp %dp %pr %pkt %byt' 2>&1 | awk '{$1=$1; print}')
	check "nfdump reads back the flow (got: ${out:-nothing})" test "$out" = "10.1.0.2 10.2.0.2 40000 5000 17 7 700"

	# --- dumpcap / tshark on lo into /out -----------------------------------
	f=/out/lo.pcapng
	dumpcap -q -i lo -f icmp -c 6 -w $f 2>/tmp/dumpcap.log &
	pid=$!
	check "dumpcap started capturing on lo" wait_for 60 grep -q 'Capturing on' /tmp/dumpcap.log
	/bin/busybox ping -c 3 -A -q 127.0.0.1 >/dev/null
	wait_for 20 bash -c "! kill -0 $pid 2>/dev/null" || kill $pid
	wait $pid
	check "dumpcap exited after 6 packets (status $?)" test $? = 0
	n=$(tshark -r $f 2>/dev/null | wc -l)
	check "tshark reads 6 ICMP packets from $f (got $n)" test "$n" = 6

	check "topo_down" bash -c ". '$HERE/lib.sh'; topo_down && ! test -e /sys/class/net/v1 && ! test -e /run/netns/ns1"
	tap_done
}

# =================================================================== host ===
host_checks() {
	local run=$HERE/run rc out err o=${BUILD_DIR:-$HERE/../../build}/guest/selftest
	mkdir -p "$o"
	o=$(cd "$o" && pwd -P)
	export GUEST_RUN_QUIET=1

	echo "# in-guest checks (ci/guest/run -- ci/guest/selftest.sh)"
	"$run" --out "$o/main" -e SELFTEST_CWD="$PWD" -- "$HERE/selftest.sh" | sed 's/^/#   /'
	rc=${PIPESTATUS[0]}
	check "in-guest checks pass (exit $rc)" test "$rc" = 0
	check "guest wrote /out/selftest-marker and lo.pcapng to --out" \
		test "$(cat "$o/main/selftest-marker" 2>/dev/null)" = from-guest -a -s "$o/main/lo.pcapng"
	check "guest writes to / did not reach the host" test ! -e /usr/.ci-guest-selftest
	local t=$(sed -n 's/^\[ *\([0-9.]*\)\] guest: command start\r*$/\1/p' "$o/main/console.log")
	echo "# boot-to-command (guest clock): ${t:-?} s"

	out=$("$run" --out "$o/exit" -- 'printf "a\nb\n"; echo err >&2; exit 3')
	rc=$?
	check "COMMAND's exit status 3 comes back" test "$rc" = 3
	check "stdout is exactly the command's output (stderr merged, no \\r)" \
		test "$out" = $'a\nb\nerr'

	out=$("$run" --out "$o/big" -- 'seq 200000' | md5sum)
	check "200000 lines (1.3 MB) arrive intact" test "$out" = "$(seq 200000 | md5sum)"

	out=$("$run" --out "$o/argv" -- printf '<%s>' 'a b' "c'd" '$HOME')
	check "several arguments are passed as an exact argv" test "$out" = "<a b><c'd><\$HOME>"

	err=$("$run" --out "$o/kmsg" -- 'echo "WARNING: CPU: 0 PID: 1 at fake.c:1 selftest" >/dev/kmsg' 2>&1 >/dev/null)
	rc=$?
	check "a WARNING line in the console fails the run with 121 (got $rc)" test "$rc" = 121
	check "and the offending line is printed" grep -q 'fake.c:1 selftest' <<<"$err"

	local kver kb mb
	kver=${KVER:-$(ls /boot/vmlinuz-*-amd64 | sed 's|^/boot/vmlinuz-||' | sort -V -r | head -n 1)}
	kb=/lib/modules/$kver/build
	if [[ -d $kb ]]; then
		mb=$o/warnmod
		rm -rf "$mb"
		mkdir -p "$mb"
		cp "$HERE/testmod/guest_warn.c" "$HERE/testmod/Kbuild" "$mb/"
		if make -s -C "$kb" M="$mb" modules >"$mb/build.log" 2>&1; then
			err=$("$run" --out "$o/warn" -- insmod "$mb/guest_warn.ko" 2>&1 >/dev/null)
			rc=$?
			check "a real kernel WARN (test module) fails the run with 121 (got $rc)" test "$rc" = 121
			check "and its WARNING line is printed" grep -q 'WARNING: CPU: .*guest_warn' <<<"$err"
		else
			not_ok "build of the WARN test module (see $mb/build.log)"
		fi
	else
		ok "# SKIP real WARN module: no $kb (apt-get install linux-headers-amd64)"
	fi

	err=$("$run" --out "$o/panic" -- 'echo c >/proc/sysrq-trigger; sleep 30' 2>&1 >/dev/null)
	rc=$?
	check "a guest panic fails the run with 122 (got $rc)" test "$rc" = 122
	check "and the panic line is printed" grep -q 'Kernel panic' <<<"$err"

	local s=$SECONDS
	"$run" --out "$o/timeout" --timeout 5 -- sleep 100 >/dev/null 2>&1
	rc=$?
	check "--timeout 5 with sleep 100 fails with 124 (got $rc)" test "$rc" = 124
	check "and QEMU is killed within 15 s ($((SECONDS - s)) s)" test $((SECONDS - s)) -le 15

	"$run" --bogus -- true >/dev/null 2>&1
	rc=$?
	check "an unknown option fails with 120 (got $rc)" test "$rc" = 120
	"$run" --out "$HERE" -- true >/dev/null 2>&1
	rc=$?
	check "--out on a directory not made by run is refused (120, got $rc)" \
		test "$rc" = 120 -a -e "$HERE/selftest.sh"
	tap_done
}

if [[ ${GUEST:-} == 1 ]]; then
	guest_checks
else
	host_checks
fi
