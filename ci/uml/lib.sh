# SPDX-License-Identifier: GPL-2.0
# ci/uml/lib.sh - building User-Mode Linux kernels and modules for them,
# shared by ci/uml/run (the sanitizer kernel) and bench/uml-run (the
# native-speed benchmark kernel). Sourced; the caller defines say() and
# die() and sets REPO, BUILD_DIR and JOBS.

UML_TREE=$BUILD_DIR/linux-6.1

# uml_tree: the extracted kernel tree (kunit/run makes it) with the local
# UML fixes of ci/uml/patches/ applied once (a patch that reverses cleanly
# is in already).
uml_tree() {
	local p
	KUNIT_RIG_ONLY=1 "$REPO/kunit/run" >&2 || die "kunit/run could not prepare the tree"
	for p in "$REPO"/ci/uml/patches/*.patch; do
		[ -e "$p" ] || continue
		patch -d "$UML_TREE" -p1 -R --dry-run -s -f <"$p" >/dev/null 2>&1 && continue
		say "applying $(basename "$p") to $UML_TREE"
		patch -d "$UML_TREE" -p1 -s -f <"$p" >&2 || die "$(basename "$p") does not apply"
	done
}

# uml_configure DIR CONFIG: DIR/.config = defconfig + CONFIG, redone when
# either changes; every line of CONFIG must survive olddefconfig.
uml_configure() {
	local dir=$1 config=$2 stamp=$1/.netflow-config want line missing=0
	mkdir -p "$dir"
	want="$(sha256sum <"$config") $(sha256sum <"$UML_TREE/arch/um/configs/x86_64_defconfig")"
	if [ ! -f "$dir/.config" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
		say "configuring $dir (defconfig + ${config#"$REPO"/})"
		make -s -C "$UML_TREE" O="$dir" ARCH=um defconfig >/dev/null
		"$UML_TREE/scripts/kconfig/merge_config.sh" -m -O "$dir" \
			"$dir/.config" "$config" >/dev/null 2>&1 || die "merge_config failed"
		make -s -C "$UML_TREE" O="$dir" ARCH=um olddefconfig >/dev/null
		echo "$want" >"$stamp"
	fi
	while IFS= read -r line; do
		case $line in
		CONFIG_*=*) grep -qxF "$line" "$dir/.config" || { say "config lost $line"; missing=1; } ;;
		"# CONFIG_"*" is not set") grep -qxF "$line" "$dir/.config" || { say "config lost '$line'"; missing=1; } ;;
		esac
	done <"$config"
	[ "$missing" = 0 ] || die "${config#"$REPO"/} options did not survive olddefconfig"
}

# uml_kernel DIR LOG: builds the kernel configured in DIR (incremental).
uml_kernel() {
	say "building the UML kernel in $1"
	make -C "$UML_TREE" O="$1" ARCH=um -j"$JOBS" all >"$2" 2>&1 ||
		{ tail -n 30 "$2" >&2; die "kernel build failed (log: $2)"; }
}

# uml_modroot DIR ROOT: modules.builtin etc. of DIR's kernel under
# ROOT/lib/modules, for modprobe inside UML (built-in modules must be
# listed for modprobe to say so).
uml_modroot() {
	local dir=$1 root=$2 krel
	krel=$(cat "$dir/include/config/kernel.release")
	if [ ! -e "$root/lib/modules/$krel/modules.builtin.bin" ] ||
	   [ "$dir/vmlinux" -nt "$root/lib/modules/$krel/modules.builtin.bin" ]; then
		rm -rf "$root"
		make -s -C "$UML_TREE" O="$dir" ARCH=um INSTALL_MOD_PATH="$root" \
			modules_install >"$root.log" 2>&1 ||
			die "modules_install failed (log: $root.log)"
	fi
}

# uml_link_sources SRC DEST: DEST becomes a directory of symlinks to the
# module sources in SRC (as the top-level Makefile does for the host).
uml_link_sources() {
	local src=$1 dest=$2 f
	mkdir -p "$dest/compat"
	find "$dest" -maxdepth 2 -type l -delete
	for f in "$src"/*.[ch] "$src"/Kbuild* "$src"/VERSION; do
		[ -e "$f" ] && ln -sf "$f" "$dest/"
	done
	[ -d "$src/compat" ] && ln -sf "$src"/compat/*.h "$dest/compat/"
	return 0
}
