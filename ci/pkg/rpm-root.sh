#!/bin/bash
# ci/pkg/rpm-root.sh OLD_RPMS NEW_RPMS OLD_VERSION NEW_VERSION ROOT
#
# Installs the rpms into a scratch `rpm --root ROOT`, upgrades them to the
# new build and erases them, running their scriptlets for real. ROOT is a
# tiny chroot: busybox as /bin/sh and the tools the dkms hook uses, three
# kernels in /lib/modules (two with kernel-devel, one without), and a
# stand-in dkms that records each call and keeps its registrations in
# /var/lib/dkms/NAME/VERSION, and a stand-in systemctl that records each
# call (with /run/systemd/system there, as on a booted systemd host).
# Checks the file lists and what the scriptlets asked dkms and systemctl to
# do. Prints "ok - ..." / "not ok - ..." lines.
set -uo pipefail
old_rpms=$1 new_rpms=$2 old=$3 new=$4 root=$5
here=$(dirname "$(readlink -f "$0")")
. "$here/../e2e/tap.sh"
name=ipt-netflow
kernels=(5.14.0-1.el9.x86_64 5.14.0-2.el9.x86_64)
nodevel=5.14.0-3.el9.x86_64
xtlibdir=$(pkg-config --variable=xtlibdir xtables)
libdir=$(rpm --eval '%{_libdir}')
dlmoddir=$libdir/snmp/dlmod
docdir=$(rpm --eval '%{_defaultdocdir}')

rm -rf "$root"
mkdir -p "$root"/{bin,dev,usr/bin,usr/sbin,tmp,var/lib/dkms,run/systemd/system}
mknod -m 666 "$root/dev/null" c 1 3 2>/dev/null || : >"$root/dev/null"
busybox=$(command -v busybox)
cp "$busybox" "$root/bin/busybox"
for a in sh cat echo grep ls mkdir mktemp rm rmdir sed sort tail; do
	ln -s busybox "$root/bin/$a"
done
for k in "${kernels[@]}"; do mkdir -p "$root/lib/modules/$k/kernel" "$root/lib/modules/$k/build/include"; done
mkdir -p "$root/lib/modules/$nodevel/kernel"
cat >"$root/usr/sbin/dkms" <<'EOF'
#!/bin/sh
# stand-in for dkms: records the call, keeps registrations as directories
echo "dkms $*" >>/dkms.log
cmd=$1
shift
m= v= k=
while [ $# -gt 0 ]; do
	case $1 in
	-m) m=$2; shift ;;
	-v) v=$2; shift ;;
	-k) k=$2; shift ;;
	esac
	shift
done
case $cmd in
status)
	for d in /var/lib/dkms/*/*; do
		[ -d "$d" ] || continue
		n=${d%/*}; n=${n##*/}; ver=${d##*/}
		[ -z "$m" ] || [ "$m" = "$n" ] || continue
		[ -z "$v" ] || [ "$v" = "$ver" ] || continue
		echo "$n/$ver: added"
	done ;;
add) [ -f "/usr/src/$m-$v/dkms.conf" ] && mkdir -p "/var/lib/dkms/$m/$v" ;;
install) [ -d "/var/lib/dkms/$m/$v" ] && [ -e "/lib/modules/$k/build/include" ] ;;
remove) rm -rf "/var/lib/dkms/$m/$v"; rmdir "/var/lib/dkms/$m" 2>/dev/null; true ;;
*) exit 3 ;;
esac
EOF
chmod 755 "$root/usr/sbin/dkms"
cat >"$root/usr/bin/systemctl" <<'EOF'
#!/bin/sh
# stand-in for systemctl: records the call
echo "systemctl $*" >>/systemctl.log
EOF
chmod 755 "$root/usr/bin/systemctl"

R=(rpm --root "$root")
dkms_log() { cat "$root/dkms.log" 2>/dev/null; }
log_has() { dkms_log | grep -qx -- "$1"; }
# what the scriptlets asked the stand-in systemctl since the last reset
systemctl_log() { cat "$root/systemctl.log" 2>/dev/null; }
# exactly one call, and it is try-restart snmpd.service
one_restart() { [ "$(systemctl_log)" = "systemctl try-restart snmpd.service" ]; }

"${R[@]}" --initdb
: >"$root/dkms.log"
: >"$root/systemctl.log"
out=$("${R[@]}" -i --nodeps "$old_rpms"/noarch/ipt-netflow-dkms-"$old"-1.noarch.rpm \
	"$old_rpms"/*/libxt-netflow-"$old"-1.*.rpm "$old_rpms"/*/netflow-snmp-"$old"-1.*.rpm 2>&1)
rc=$?
echo "$out" | grep -v '^rpm: ' | sed 's/^/# rpm -i: /'
check "rpm --root: the $old rpms install, scriptlets included" test "$rc" = 0
check "rpm --root: rpm -qa lists ipt-netflow-dkms, libxt-netflow, netflow-snmp $old" \
	eval "[ \"\$(${R[*]} -qa --qf '%{NAME}-%{VERSION}\n' | sort | xargs)\" = \
		'ipt-netflow-dkms-$old libxt-netflow-$old netflow-snmp-$old' ]"

files=$("${R[@]}" -ql ipt-netflow-dkms)
src=/usr/src/$name-$old
for f in "$src/dkms.conf" "$src/VERSION" "$src/Kbuild" "$src/Makefile" "$src/compat/compat.h" \
	/usr/libexec/ipt-netflow-dkms/dkms-kernels /etc/modprobe.d/ipt_NETFLOW.conf; do
	check "rpm --root: ipt-netflow-dkms has $f, and it is there" \
		eval "grep -qx '$f' <<<\"\$files\" && [ -e '$root$f' ]"
done
check "rpm --root: ipt-netflow-dkms has no KUnit suite" eval "! grep -q kunit <<<\"\$files\""
check "rpm --root: dkms.conf says PACKAGE_VERSION=\"$old\"" \
	grep -qx "PACKAGE_VERSION=\"$old\"" "$root$src/dkms.conf"
check "rpm --root: /etc/modprobe.d/ipt_NETFLOW.conf is %config" \
	eval "[ \"\$(${R[*]} -qc ipt-netflow-dkms)\" = /etc/modprobe.d/ipt_NETFLOW.conf ]"
check "rpm --root: libxt-netflow is $xtlibdir/libxt_NETFLOW.so" \
	eval "[ \"\$(${R[*]} -ql libxt-netflow)\" = $xtlibdir/libxt_NETFLOW.so ] && [ -f $root$xtlibdir/libxt_NETFLOW.so ]"
check "rpm --root: ipt-netflow-dkms is noarch" \
	eval "[ \"\$(${R[*]} -q --qf '%{ARCH}' ipt-netflow-dkms)\" = noarch ]"

# netflow-snmp: the agent where snmpd looks for a dlmod given by name
# (%{_libdir}/snmp/dlmod), the MIB, the snmpd.conf.d snippet, the README
snmp_files=$("${R[@]}" -ql netflow-snmp)
snmp_want="/etc/snmp/snmpd.conf.d
/etc/snmp/snmpd.conf.d/netflow.conf
$libdir/snmp
$dlmoddir
$dlmoddir/snmp_NETFLOW.so
$docdir/netflow-snmp-$old
$docdir/netflow-snmp-$old/README.md
/usr/share/snmp/mibs/IPT-NETFLOW-MIB.txt"
check "rpm --root: netflow-snmp has $(echo $snmp_want)" test "$snmp_files" = "$snmp_want"
missing=
for f in $snmp_files; do [ -e "$root$f" ] || missing+=" $f"; done
check "rpm --root: every file of netflow-snmp is in the root${missing:+ (missing:$missing)}" test -z "$missing"
check "rpm --root: $dlmoddir/snmp_NETFLOW.so is the agent (ELF shared object with init_netflow)" \
	eval "file -L '$root$dlmoddir/snmp_NETFLOW.so' | grep -q 'ELF 64-bit LSB shared object' &&
		nm -D --defined-only '$root$dlmoddir/snmp_NETFLOW.so' | grep -qw init_netflow"
check "rpm --root: the snippet has snmpd load it by name (dlmod netflow snmp_NETFLOW)" \
	grep -qx 'dlmod netflow snmp_NETFLOW' "$root/etc/snmp/snmpd.conf.d/netflow.conf"
check "rpm --root: /etc/snmp/snmpd.conf.d/netflow.conf is %config" \
	eval "[ \"\$(${R[*]} -qc netflow-snmp)\" = /etc/snmp/snmpd.conf.d/netflow.conf ]"
check "rpm --root: netflow-snmp is $(uname -m), not noarch" \
	eval "[ \"\$(${R[*]} -q --qf '%{ARCH}' netflow-snmp)\" = $(uname -m) ]"
check "rpm --root: netflow-snmp requires net-snmp and libnetsnmpagent" \
	eval "${R[*]} -q --requires netflow-snmp | grep -qx net-snmp &&
		${R[*]} -q --requires netflow-snmp | grep -q '^libnetsnmpagent[.]so[.]'"
check "%post: systemctl try-restart snmpd.service, once (calls: $(systemctl_log | xargs))" one_restart

check "%post: dkms add $name $old" log_has "dkms add -m $name -v $old"
for k in "${kernels[@]}"; do
	check "%post: dkms install for $k (has kernel-devel)" log_has "dkms install -m $name -v $old -k $k"
done
check "%post: no build for $nodevel, and it is named as lacking kernel-devel" \
	eval "! dkms_log | grep -q -- '-k $nodevel' && grep -q '$nodevel: no headers, not built (install kernel-devel-$nodevel)' <<<\"\$out\""

: >"$root/dkms.log"
: >"$root/systemctl.log"
out=$("${R[@]}" -U --nodeps "$new_rpms"/noarch/ipt-netflow-dkms-"$new"-1.noarch.rpm \
	"$new_rpms"/*/libxt-netflow-"$new"-1.*.rpm "$new_rpms"/*/netflow-snmp-"$new"-1.*.rpm 2>&1)
rc=$?
echo "$out" | grep -v '^rpm: ' | sed 's/^/# rpm -U: /'
check "rpm --root: upgrade to $new" test "$rc" = 0
check "upgrade: the new %post takes $old out of DKMS (dkms remove --all)" \
	log_has "dkms remove -m $name -v $old --all"
check "upgrade: the new %post adds $new and installs it for ${kernels[*]}" \
	eval "log_has 'dkms add -m $name -v $new' && log_has 'dkms install -m $name -v $new -k ${kernels[0]}' &&
		log_has 'dkms install -m $name -v $new -k ${kernels[1]}'"
check "upgrade: the old %preun does nothing (the one dkms remove is the new %post's, before its add)" \
	eval "[ \"\$(dkms_log | grep -c ' remove ')\" = 1 ] &&
		dkms_log | grep -E ' (remove|add) ' | head -n 1 | grep -q ' remove '"
check "upgrade: DKMS has $new only; /usr/src/$name-$old is gone" \
	eval "[ \"\$(ls $root/var/lib/dkms/$name)\" = '$new' ] && ! [ -e $root/usr/src/$name-$old ]"
check "upgrade: snmpd try-restarted once, by the new %post; the old %postun does not (calls: $(systemctl_log | xargs))" \
	one_restart
check "upgrade: netflow-snmp is $new, its agent in $dlmoddir" \
	eval "[ \"\$(${R[*]} -q --qf '%{VERSION}' netflow-snmp)\" = '$new' ] && [ -f $root$dlmoddir/snmp_NETFLOW.so ]"
echo "# pkg-test: a local edit" >>"$root/etc/snmp/snmpd.conf.d/netflow.conf"

: >"$root/dkms.log"
: >"$root/systemctl.log"
out=$("${R[@]}" -e ipt-netflow-dkms libxt-netflow netflow-snmp 2>&1)
rc=$?
check "rpm --root: erase" test "$rc" = 0
check "erase: %preun takes $new out of DKMS" log_has "dkms remove -m $name -v $new --all"
check "erase: %postun try-restarts snmpd, once (calls: $(systemctl_log | xargs))" one_restart
check "erase: no agent, MIB or snippet left; the edited snippet is kept as netflow.conf.rpmsave" \
	eval "! [ -e $root$dlmoddir ] && ! [ -e $root/usr/share/snmp/mibs/IPT-NETFLOW-MIB.txt ] &&
		! [ -e $root/etc/snmp/snmpd.conf.d/netflow.conf ] &&
		grep -q '^# pkg-test: a local edit' $root/etc/snmp/snmpd.conf.d/netflow.conf.rpmsave"
check "erase: no package, no /usr/src/$name-*, no DKMS entry, no modprobe.d file left" \
	eval "[ -z \"\$(${R[*]} -qa)\" ] && [ -z \"\$(ls -d $root/usr/src/$name-* 2>/dev/null)\" ] &&
		! [ -e $root/var/lib/dkms/$name ] && ! [ -e $root/etc/modprobe.d/ipt_NETFLOW.conf ]"
tap_summary
