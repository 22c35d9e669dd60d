#!/bin/bash
# ci/uml/init.sh - PID 1 of the sanitizer UML kernel (booted by ci/uml/run).
#
# The root file system is the host's, read-only over hostfs. This mounts
# what needs to be writable (tmpfs on /run and /tmp, the host's
# $uml_out directory read-write on /run/out, a module directory on
# /lib/modules), runs $uml_script (default ci/uml/guest.sh; bench/uml-run
# runs bench/guest.sh) and powers the kernel off whatever happens. uml_repo,
# uml_out, uml_mods and uml_script come from the kernel command line (UML
# hands unknown name=value parameters to init as environment, and so does
# it for the script's own settings).
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
: "${uml_repo:?} ${uml_out:?} ${uml_mods:?}"
uml_script=${uml_script:-ci/uml/guest.sh}
export LC_ALL=C

poweroff_now() {
	sync
	echo o >/proc/sysrq-trigger
	sleep 60
}
trap poweroff_now EXIT

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t debugfs debugfs /sys/kernel/debug
mountpoint -q /dev || mount -t devtmpfs devtmpfs /dev
# what udev would make: bash's <(...) needs /dev/fd
ln -sfn /proc/self/fd /dev/fd
ln -sfn /proc/self/fd/0 /dev/stdin
ln -sfn /proc/self/fd/1 /dev/stdout
ln -sfn /proc/self/fd/2 /dev/stderr
mount -t tmpfs -o mode=0755 tmpfs /run
mount -t tmpfs -o mode=1777 tmpfs /tmp
# a repository under /tmp (a CI checkout, say) is hidden by that tmpfs:
# show it again at the same path
case $uml_repo/ in
/tmp/*)
	mkdir -p "$uml_repo" && mount -t hostfs -o "$uml_repo" hostfs "$uml_repo" ||
		{ echo "uml-init: cannot mount $uml_repo"; exit 1; }
	;;
esac
mkdir -p /dev/shm /dev/pts 2>/dev/null
mount -t tmpfs tmpfs /dev/shm 2>/dev/null
# The host root has no /out: the mount point is made in tmpfs.
mkdir -p /run/out
mount -t hostfs -o "$uml_out" hostfs /run/out ||
	{ echo "uml-init: cannot mount $uml_out on /run/out"; exit 1; }
# modprobe (iptables-legacy calls it, so does nf_load) needs a
# modules.builtin for this kernel's version: ci/uml/run makes one.
mount -t hostfs -o "$uml_mods" hostfs /lib/modules ||
	{ echo "uml-init: cannot mount $uml_mods on /lib/modules"; exit 1; }
ip link set lo up
hostname "uml-$(basename "$(dirname "$uml_script")")"

echo "=== uml-init: guest start ==="
cd /tmp || exit 1
"$uml_repo/$uml_script" 2>&1 | tee /run/out/guest.log
echo "$(basename "$uml_script") exit status ${PIPESTATUS[0]}" >>/run/out/guest.log
dmesg >/run/out/dmesg.txt
echo "=== uml-init: guest end ==="
