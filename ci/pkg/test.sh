#!/bin/bash
# ci/pkg/test.sh (make pkg-test): the packages, on this machine, the way an
# operator gets them. Builds the debs and rpms, installs kernel headers for
# two ABIs and three flavours, installs the debs as on a booted host, checks
# that snmpd finds the packaged SNMP agent, MIB and snmpd.conf.d snippet,
# loads the module DKMS installed in a guest and runs the e2e scenarios with
# the packaged plugin and agent, and there the system snmpd with the
# package's restarts (ci/pkg/guest-snmpd.sh), adds a kernel after the
# package, upgrades to a build with a bumped version, removes and purges.
# The rpms are installed into a scratch rpm --root whose dkms and systemctl
# are stand-ins, to run their scriptlets.
#
# Installs packages on this machine (root): repeatable, it first purges
# what an earlier run left. Header and image packages stay installed.
# Prints "ok - ..." / "not ok - ..." lines, then "N passed, N failed".
#
# Environment: PKG_TEST_KERNELS (kernels whose headers are installed before
# the package), PKG_TEST_LATE (kernel whose image is there before the
# package and whose headers come after it), PKG_TEST_RUNNING (what
# `uname -r` says to the package scripts, and the kernel the guest boots),
# PKG_TEST_SCENARIOS (the e2e scenarios run in the guest, default proto
# and snmp), E2E_TIMEOUT (the guest's time limit, default 600 s).
set -uo pipefail
top=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd -P)
build=${BUILD_DIR:-$top/build}
work=$build/pkg-test
logs=$work/logs
. "$top/ci/e2e/tap.sh"

read -r -a kernels <<<"${PKG_TEST_KERNELS:-6.1.0-55-amd64 6.1.0-56-amd64 6.1.0-56-cloud-amd64 6.1.0-56-rt-amd64}"
late=${PKG_TEST_LATE:-6.1.0-55-cloud-amd64}
running=${PKG_TEST_RUNNING:-6.1.0-56-amd64}
pkgs=(ipt-netflow-dkms libxt-netflow netflow-snmp)
name=ipt-netflow
xtlibdir=$(pkg-config --variable=xtlibdir xtables)
# netflow-snmp: snmpd's dlmod directory (Debian: /usr/lib/<multiarch>/snmp/dlmod),
# net-snmp's MIB directory, the snmpd.conf.d snippet (a conffile)
dlmoddir=/usr/lib/$(dpkg-architecture -qDEB_HOST_MULTIARCH)/snmp/dlmod
agent=$dlmoddir/snmp_NETFLOW.so
mib=/usr/share/snmp/mibs/IPT-NETFLOW-MIB.txt
snippet=/etc/snmp/snmpd.conf.d/netflow.conf
name_oid=.1.3.6.1.4.1.37476.9000.10.1.1.1.1.0	# IPT-NETFLOW-MIB::name.0
uptime_oid=.1.3.6.1.2.1.1.3.0			# SNMPv2-MIB::sysUpTime.0

[ "$(id -u)" = 0 ] || { echo "ci/pkg/test.sh installs packages: run it as root"; exit 1; }
rm -rf "$logs"
mkdir -p "$logs" "$work/bin"
export DEBIAN_FRONTEND=noninteractive

t_start=$SECONDS
t_phase=$SECONDS
phase() {
	echo "# $1 ($((SECONDS - t_phase)) s)"
	t_phase=$SECONDS
}

# A booted host (see shared packaging notes): this machine's own kernel has
# no /lib/modules, which makes Debian's dkms scripts act as in a chroot and
# build for every kernel. Package scripts must see a real running kernel,
# so dpkg runs them with this uname first on its PATH.
cat >"$work/bin/uname" <<EOF
#!/bin/sh
[ "\$*" = "-r" ] && { echo $running; exit 0; }
exec /usr/bin/uname "\$@"
EOF
chmod 755 "$work/bin/uname"
# invoke-rc.d and deb-systemd-invoke as the package scripts call them: each
# call is recorded, then the real one runs (here policy-rc.d denies every
# action: the restarts themselves are run in the guest, guest-snmpd.sh).
rc_log=$work/rc-calls.log
for t in /usr/sbin/invoke-rc.d /usr/bin/deb-systemd-invoke; do
	cat >"$work/bin/${t##*/}" <<EOF
#!/bin/sh
echo "${t##*/} \$*" >>$rc_log
exec $t "\$@"
EOF
	chmod 755 "$work/bin/${t##*/}"
done
# Waits for the dpkg lock: other jobs on this machine may be installing too.
apt_host() {
	apt-get -y -q -o DPkg::Lock::Timeout=600 -o DPkg::Path="$work/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
		"$@" </dev/null
}

# logged LOG COMMAND...: COMMAND's output goes to LOG
logged() {
	local log=$1
	shift
	"$@" >"$log" 2>&1
}
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
# the snmpd restarts the package scripts asked for since rc_log was emptied
snmpd_calls() { grep snmpd "$rc_log" 2>/dev/null | xargs -r -d '\n' printf '%s; ' | sed 's/; $//'; }
# installed, or removed with its config files left (anything but "not installed")
known_to_dpkg() { dpkg-query -W -f='${db:Status-Abbrev}' "$1" 2>/dev/null | grep -q '^.[^n]'; }
dkms_state() { dkms status -m "$name" -v "$1" -k "$2" 2>/dev/null; }
dkms_installed() { dkms_state "$1" "$2" | grep -q ': installed'; }
installed_ko() { find "/lib/modules/$1/updates" -name 'ipt_NETFLOW.ko*' 2>/dev/null | head -n 1; }
ko_version() { local ko; ko=$(installed_ko "$2") && [ -n "$ko" ] && [ "$(modinfo -F version "$ko")" = "$1" ]; }
plugin_says() { iptables-legacy -j NETFLOW -h 2>&1 | grep -qF "NETFLOW target (ipt-netflow $1)"; }
# every file or directory of ours still on the system
leftovers() {
	find /etc /usr /var/lib /lib/modules -xdev \( -name '*ipt-netflow*' -o -name 'ipt_NETFLOW*' \
		-o -name 'libxt_NETFLOW*' -o -name '*netflow-snmp*' -o -name 'snmp_NETFLOW*' \
		-o -name 'IPT-NETFLOW-MIB*' -o -path "$snippet*" \) 2>/dev/null
}

# snmpd_probe TAG OID: what a private snmpd answers for OID when it reads
# only the installed snippet and an access file (community pkgtest on a
# free loopback port): so it finds the agent, given by name, on its own.
# -C: no system config; its persistent files and log under
# $work/snmpd-TAG/. Stops it again.
snmpd_probe() {
	local dir=$work/snmpd-$1 oid=$2 port pid i try got=
	rm -rf "$dir"
	mkdir -p "$dir/persist"
	for try in 1 2 3; do
		port=$((20000 + RANDOM % 40000))
		printf 'agentaddress udp:127.0.0.1:%s\nrocommunity pkgtest 127.0.0.1\n' "$port" >"$dir/access.conf"
		env -u SNMPDLMODPATH SNMP_PERSISTENT_DIR="$dir/persist" snmpd -f -C -c "$snippet,$dir/access.conf" \
			-Lf "$dir/snmpd.log" -I -smux,mteTrigger,mteTriggerConf -M /nonexistent -m "" &
		pid=$!
		for i in $(seq 150); do
			got=$(SNMPCONFPATH=$dir SNMP_PERSISTENT_DIR=$dir/persist snmpget -v2c -c pkgtest -t 1 -r 0 \
				-Oqv -M /nonexistent -m "" "udp:127.0.0.1:$port" "$oid" 2>/dev/null) && break
			got=
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.2
		done
		kill -TERM "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
		[ -n "$got" ] && break
	done
	echo "$got"
}
# the dlmod directory built into the net-snmp that snmpd runs with
snmpd_dlmoddir() {
	local lib
	lib=$(ldd /usr/sbin/snmpd | awk '$1 ~ /^libnetsnmpmibs[.]so/ { print $3 }')
	[ -n "$lib" ] && strings -a "$lib" | grep -x '/.*/snmp/dlmod'
}

# ------------------------------------------------------------- clean slate ---
for p in "${pkgs[@]}" iptables-netflow-dkms; do
	known_to_dpkg "$p" && apt_host purge "$p" >>"$logs/cleanup.log" 2>&1
done
for v in $(dkms status -m "$name" 2>/dev/null | sed -n "s|^$name/\([^,:]*\)[,:].*|\1|p" | sort -u); do
	dkms remove -m "$name" -v "$v" --all >>"$logs/cleanup.log" 2>&1
done
rm -rf /usr/src/$name-* "/var/lib/dkms/$name"
find /lib/modules -path '*/updates/dkms/ipt_NETFLOW.ko*' -delete
installed "linux-headers-$late" && apt_host remove "linux-headers-$late" >>"$logs/cleanup.log" 2>&1
check "clean slate: no package, DKMS entry or file of ipt-netflow left by an earlier run" \
	test -z "$(leftovers)"
phase "clean slate"

# ------------------------------------------------------------------ build ---
debs=$build/pkg/deb
packaging=$top/packaging
check "make deb: dpkg-buildpackage builds the source and binary packages" \
	logged "$logs/build-deb.log" "$packaging/build-deb"
lint=$(grep '^lintian: ' "$logs/build-deb.log")
check "lintian on the debs and the source: 0 errors, 0 warnings (${lint:-no lintian summary})" \
	test "$lint" = "lintian: 0 errors, 0 warnings"
version=$(<"$top/VERSION")
mversion=$(<"$top/ipt-netflow-dkms/VERSION")
sversion=$(<"$top/netflow-snmp/VERSION")
tarball=$build/pkg/$name-$version.tar.gz

# The same tree with every VERSION bumped: the next release.
bump=$work/bump
rm -rf "$bump"
mkdir -p "$bump/src"
tar -xzf "$tarball" -C "$bump/src"
bsrc=$bump/src/$name-$version
nversion=$version+pkgtest1
nmversion=$mversion+pkgtest1
nsversion=$sversion+pkgtest1
for f in VERSION ipt-netflow-dkms/VERSION libxt-netflow/VERSION netflow-snmp/VERSION; do
	echo "$(<"$bsrc/$f")+pkgtest1" >"$bsrc/$f"
done
check "make deb of the same tree with every VERSION bumped to +pkgtest1" \
	logged "$logs/build-deb-bumped.log" env BUILD_DIR="$bump/build" "$bsrc/packaging/build-deb"
ndebs=$bump/build/pkg/deb
phase "deb builds"

# ---------------------------------------------------------------- kernels ---
want=()
for k in "${kernels[@]}"; do installed "linux-headers-$k" || want+=("linux-headers-$k"); done
installed "linux-image-$late" || want+=("linux-image-$late")
if [ ${#want[@]} -gt 0 ]; then
	echo "# installing ${want[*]}"
	apt_host install "${want[@]}" >"$logs/kernels.log" 2>&1 ||
		{ apt-get -o DPkg::Lock::Timeout=600 update -q >>"$logs/kernels.log" 2>&1 && apt_host install "${want[@]}" >>"$logs/kernels.log" 2>&1; }
fi
have_headers() { local k; for k in "$@"; do [ -e "/lib/modules/$k/build/include" ] || return 1; done; }
abis=$(printf '%s\n' "${kernels[@]}" | sed 's/^\([0-9.]*-[0-9]*\)-.*/\1/' | sort -u | xargs)
flavours=$(printf '%s\n' "${kernels[@]}" | sed 's/^[0-9.]*-[0-9]*-//' | sort -u | xargs)
check "headers installed for ABIs $abis and flavours $flavours: ${kernels[*]}" have_headers "${kernels[@]}"
check "kernel $late installed without its headers" \
	eval "[ -d /lib/modules/$late/kernel ] && ! [ -e /lib/modules/$late/build/include ]"
check "booted host: uname -r on dpkg's PATH says $running, which is installed" \
	eval "[ \"\$(PATH=$work/bin:\$PATH uname -r)\" = $running ] && [ -d /lib/modules/$running/kernel ]"
phase "kernel headers"

# ---------------------------------------------------------------- install ---
: >"$rc_log"
check "apt install ./ipt-netflow-dkms_*.deb ./libxt-netflow_*.deb ./netflow-snmp_*.deb" \
	logged "$logs/install.log" apt_host install "$debs/ipt-netflow-dkms_${version}_all.deb" \
	"$debs"/libxt-netflow_"${version}"_*.deb "$debs"/netflow-snmp_"${version}"_*.deb
sed -n '/^ipt-netflow /,/^Setting up libxt/p' "$logs/install.log" | grep -v '^Setting up' | sed 's/^/# postinst: /'
phase "install, DKMS build for ${#kernels[@]} kernels"
for k in "${kernels[@]}"; do
	check "dkms status: $name/$version installed for $k" dkms_installed "$version" "$k"
	check "$k: /lib/modules/$k/updates/dkms/ipt_NETFLOW.ko has MODULE_VERSION $mversion" \
		ko_version "$mversion" "$k"
done
check "postinst names $late as a kernel without headers" \
	grep -q "$late: no headers, not built (install linux-headers-$late)" "$logs/install.log"
src=/usr/src/$name-$version
check "$src carries dkms.conf (PACKAGE_VERSION=\"$version\"), VERSION and compat/, not kunit/" \
	eval "grep -qx 'PACKAGE_VERSION=\"$version\"' $src/dkms.conf && [ \"\$(cat $src/VERSION)\" = $mversion ] &&
		[ -f $src/compat/compat.h ] && ! [ -e $src/kunit ]"
check "/etc/modprobe.d/ipt_NETFLOW.conf is a conffile of ipt-netflow-dkms" \
	eval "dpkg-query -W -f='\${Conffiles}' ipt-netflow-dkms | grep -q ' /etc/modprobe.d/ipt_NETFLOW.conf '"
check "the packaged plugin is in $xtlibdir and iptables finds it (ipt-netflow $version)" \
	eval "[ -f $xtlibdir/libxt_NETFLOW.so ] && plugin_says $version"

# netflow-snmp: where snmpd and net-snmp look
snmp_list=$(dpkg -L netflow-snmp 2>/dev/null)
for f in "$agent" "$mib" "$snippet" /usr/share/doc/netflow-snmp/README.md.gz; do
	check "netflow-snmp: dpkg -L lists $f, and it is there" \
		eval "grep -qx '$f' <<<\"\$snmp_list\" && [ -f '$f' ]"
done
hdr_dlmoddir=$(sed -n 's/^#define SNMPDLMODPATH "\(.*\)"$/\1/p' /usr/include/net-snmp/net-snmp-config.h)
lib_dlmoddir=$(snmpd_dlmoddir)
check "snmpd's dlmod directory is $dlmoddir (SNMPDLMODPATH in net-snmp-config.h: ${hdr_dlmoddir:-none}; in the libnetsnmpmibs snmpd runs with: ${lib_dlmoddir:-none})" \
	test "$hdr_dlmoddir" = "$dlmoddir" -a "$lib_dlmoddir" = "$dlmoddir"
check "net-snmp's default MIB directories ($(net-snmp-config --default-mibdirs)) have ${mib%/*}" \
	eval "net-snmp-config --default-mibdirs | tr : '\n' | grep -qx '${mib%/*}'"
mib_oid=$(SNMPCONFPATH=$work/none snmptranslate -M "+$top/netflow-snmp/test/mibs" -m IPT-NETFLOW-MIB -On \
	IPT-NETFLOW-MIB::name.0 2>&1)
check "net-snmp finds the installed MIB (snmptranslate IPT-NETFLOW-MIB::name.0 = $mib_oid)" \
	test "$mib_oid" = "$name_oid"
check "$snippet is a conffile of netflow-snmp, and says dlmod netflow snmp_NETFLOW" \
	eval "dpkg-query -W -f='\${Conffiles}\n' netflow-snmp | grep -q ' $snippet ' &&
		grep -qx 'dlmod netflow snmp_NETFLOW' $snippet"
check "the snippet is in the directory of Debian's includeDir line in /etc/snmp/snmpd.conf" \
	grep -qx "includeDir *${snippet%/*}" /etc/snmp/snmpd.conf
got=$(snmpd_probe install "$name_oid")
check "snmpd with only the snippet loads snmp_NETFLOW $sversion from $dlmoddir by name (name.0 = ${got:-no answer})" \
	eval "[ '$got' = '\"ipt_NETFLOW\"' ] &&
		grep -qx 'netflow: snmp_NETFLOW $sversion serving IPT-NETFLOW-MIB' $work/snmpd-install/snmpd.log"
check "postinst asks for an snmpd try-restart (calls: $(snmpd_calls))" \
	test "$(snmpd_calls)" = "invoke-rc.d snmpd try-restart"
check "Conflicts: installing Debian's iptables-netflow-dkms would remove ipt-netflow-dkms and libxt-netflow" \
	eval "apt-get -s install iptables-netflow-dkms >$logs/conflicts.log 2>&1;
		grep -q '^Remv ipt-netflow-dkms' $logs/conflicts.log && grep -q '^Remv libxt-netflow' $logs/conflicts.log"

# ------------------------------------------------------------------ guest ---
ko=$(installed_ko "$running")
# the scenarios that export v5 and IPFIX: proto (every protocol), or
# v5 and ipfix where the tree still has them
if [ -n "${PKG_TEST_SCENARIOS:-}" ]; then
	read -r -a scenarios <<<"$PKG_TEST_SCENARIOS"
elif [ -f "$top/ci/e2e/proto.sh" ]; then
	scenarios=(proto)
	[ -f "$top/ci/e2e/snmp.sh" ] && scenarios+=(snmp)
else
	scenarios=(v5)
	[ -f "$top/ci/e2e/ipfix.sh" ] && scenarios+=(ipfix)
fi
check "the module the guest loads is the one DKMS installed ($ko)" \
	eval "[ -n '$ko' ] && cmp -s '$ko' \"\$(ls /var/lib/dkms/$name/$version/$running/*/module/ipt_NETFLOW.ko*)\""
echo "# guest: ci/e2e/all.sh ${scenarios[*]} and ci/pkg/guest-snmpd.sh on $running, MODULE_KO=$ko PLUGIN_OUT=$xtlibdir SNMP_SO=$agent"
# What ci/e2e/run does, plus SNMP_SO (the snmp scenario runs the installed
# agent), which ci/e2e/run does not pass on: the installed module, plugin
# and agent, with the protocols' two ends, v5 and IPFIX. Then, in the same
# boot, the system snmpd with the package's restarts.
(cd "$top" && KVER=$running BUILD_DIR=$work ci/guest/run --timeout "${E2E_TIMEOUT:-600}" --out "$work/e2e-out" \
	-e MODULE_KO="$ko" -e PLUGIN_OUT="$xtlibdir" -e E2E_PROTOCOLS="${E2E_PROTOCOLS:-5 10}" \
	-e SNMP_SO="$agent" -e PKG_VERSION="$version" \
	-- bash -c 'ci/e2e/all.sh "$@"; a=$?; ci/pkg/guest-snmpd.sh; b=$?; [ $a = 0 ] && [ $b = 0 ]' \
	guest "${scenarios[@]}") >"$logs/e2e.log" 2>&1
rc=$?
n_before=$((TAP_PASSED + TAP_FAILED))
tally < <(grep -E '^(not )?ok - ' "$logs/e2e.log" | sed -E 's/^((not )?ok - )/\1guest: /')
n_guest=$((TAP_PASSED + TAP_FAILED - n_before))
check "guest: e2e ${scenarios[*]} with the packaged module, plugin and agent, and the system snmpd, ran (exit $rc, $n_guest results)" \
	test "$rc" = 0 -a "$n_guest" -gt 0
phase "guest e2e"

# -------------------------------------------------------- kernel arrives ---
check "apt install linux-headers-$late after the package" \
	logged "$logs/late-kernel.log" apt_host install "linux-headers-$late"
check "dkms status: $name/$version installed for $late, built by dkms's header hook" \
	dkms_installed "$version" "$late"
check "$late: module has MODULE_VERSION $mversion" ko_version "$mversion" "$late"
all_kernels=("${kernels[@]}" "$late")
phase "kernel arrival"

# ---------------------------------------------------------------- upgrade ---
echo "# pkg-test: a local edit" >>/etc/modprobe.d/ipt_NETFLOW.conf
echo "# pkg-test: a local edit" >>"$snippet"
: >"$rc_log"
check "upgrade: apt install the $nversion debs" \
	logged "$logs/upgrade.log" apt_host install "$ndebs/ipt-netflow-dkms_${nversion}_all.deb" \
	"$ndebs"/libxt-netflow_"${nversion}"_*.deb "$ndebs"/netflow-snmp_"${nversion}"_*.deb
phase "upgrade, DKMS build for ${#all_kernels[@]} kernels"
check "upgrade: $name/$version is gone from DKMS, /usr/src and /var/lib/dkms" \
	eval "! dkms status -m $name -v $version 2>/dev/null | grep -q . && ! [ -e /usr/src/$name-$version ] &&
		! [ -e /var/lib/dkms/$name/$version ]"
for k in "${all_kernels[@]}"; do
	check "upgrade: $name/$nversion installed for $k, module version $nmversion" \
		eval "dkms_installed $nversion $k && ko_version $nmversion $k"
done
check "upgrade: every ipt_NETFLOW.ko under /lib/modules is $nmversion" \
	eval "[ \"\$(find /lib/modules -name 'ipt_NETFLOW.ko*' -exec modinfo -F version {} + | sort -u)\" = '$nmversion' ]"
check "upgrade: the local edit of /etc/modprobe.d/ipt_NETFLOW.conf is kept" \
	grep -q '^# pkg-test: a local edit$' /etc/modprobe.d/ipt_NETFLOW.conf
check "upgrade: iptables finds the new plugin (ipt-netflow $nversion)" plugin_says "$nversion"
check "upgrade: the local edit of $snippet is kept" grep -q '^# pkg-test: a local edit$' "$snippet"
got=$(snmpd_probe upgrade "$name_oid")
check "upgrade: snmpd loads the new agent, snmp_NETFLOW $nsversion (name.0 = ${got:-no answer})" \
	eval "[ '$got' = '\"ipt_NETFLOW\"' ] &&
		grep -qx 'netflow: snmp_NETFLOW $nsversion serving IPT-NETFLOW-MIB' $work/snmpd-upgrade/snmpd.log"
check "upgrade: one snmpd try-restart, the new postinst's (calls: $(snmpd_calls))" \
	test "$(snmpd_calls)" = "invoke-rc.d snmpd try-restart"

# ---------------------------------------------------------- remove, purge ---
: >"$rc_log"
check "apt remove ${pkgs[*]}" logged "$logs/remove.log" apt_host remove "${pkgs[@]}"
check "remove: nothing in DKMS, no ipt_NETFLOW.ko under /lib/modules, no /usr/src/$name-*" \
	eval "! dkms status -m $name 2>/dev/null | grep -q . && [ -z \"\$(find /lib/modules -name 'ipt_NETFLOW.ko*')\" ] &&
		[ -z \"\$(ls -d /usr/src/$name-* 2>/dev/null)\" ]"
check "remove: the conffile stays until purge" test -f /etc/modprobe.d/ipt_NETFLOW.conf
check "remove: the agent and the MIB are gone, $snippet stays until purge" \
	eval "! [ -e $agent ] && ! [ -e $mib ] && [ -f $snippet ]"
check "remove: postrm asks for an snmpd try-restart (calls: $(snmpd_calls))" \
	test "$(snmpd_calls)" = "invoke-rc.d snmpd try-restart"
got=$(snmpd_probe removed "$uptime_oid")
check "remove: snmpd still starts with the snippet left (answers sysUpTime), and logs that the agent is gone" \
	eval "[ -n '$got' ] && grep -q 'dlopen($agent) failed' $work/snmpd-removed/snmpd.log"
# what dpkg still knows: the ones with conffiles left
rc_pkgs=()
for p in "${pkgs[@]}"; do known_to_dpkg "$p" && rc_pkgs+=("$p"); done
: >"$rc_log"
check "apt purge ${rc_pkgs[*]} (removed, config files left)" \
	logged "$logs/purge.log" apt_host purge "${rc_pkgs[@]}"
check "purge: $snippet is gone, and no snmpd restart asked (calls: $(snmpd_calls))" \
	eval "! [ -e $snippet ] && [ -z \"\$(snmpd_calls)\" ]"
check "purge: dpkg knows none of ${pkgs[*]}" \
	eval "! known_to_dpkg ipt-netflow-dkms && ! known_to_dpkg libxt-netflow && ! known_to_dpkg netflow-snmp"
left=$(leftovers)
check "purge: nothing left in /etc, /usr, /var/lib, /lib/modules${left:+: $(echo $left)}" test -z "$left"
phase "remove, purge"

# -------------------------------------------------------------------- rpm ---
check "make rpm: rpmbuild builds ipt-netflow-dkms (noarch), libxt-netflow, netflow-snmp and the srpm" \
	logged "$logs/build-rpm.log" "$packaging/build-rpm"
check "rpmlint: 0 errors ($(grep -o '[0-9]* errors, [0-9]* warnings' "$logs/build-rpm.log" | tail -n 1))" \
	grep -qx 'rpmlint: 0 errors' "$logs/build-rpm.log"
check "make dist is reproducible: two runs, the same bytes" \
	eval "[ \"\$(BUILD_DIR=$work/dist1 $packaging/dist | xargs sha256sum | cut -d' ' -f1)\" = \
		\"\$(BUILD_DIR=$work/dist2 $packaging/dist | xargs sha256sum | cut -d' ' -f1)\" ]"
check "make rpm of the bumped tree" \
	logged "$logs/build-rpm-bumped.log" env BUILD_DIR="$bump/build" "$bsrc/packaging/build-rpm"
tally < <("$top/ci/pkg/rpm-root.sh" "$build/pkg/rpm/RPMS" "$bump/build/pkg/rpm/RPMS" \
	"$version" "$nversion" "$work/rpmroot" 2>&1 | tee "$logs/rpm-root.log")
phase "rpm"

echo "# total $((SECONDS - t_start)) s; logs in $logs"
tap_summary
