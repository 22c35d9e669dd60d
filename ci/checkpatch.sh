#!/bin/bash
# Kernel style gate: checkpatch --strict over the module and its KUnit tests.
# compat/compat.h is the one file allowed to test LINUX_VERSION_CODE.
set -euo pipefail
top=$(dirname "$(readlink -f "$0")")/..
build=${BUILD_DIR:-$top/build}
cp_dir=$build/checkpatch
tarball=/usr/src/linux-source-6.1.tar.xz
if [ ! -x "$cp_dir/scripts/checkpatch.pl" ]; then
	mkdir -p "$cp_dir"
	tar -xJf "$tarball" -C "$cp_dir" --strip-components=1 \
		linux-source-6.1/scripts/checkpatch.pl linux-source-6.1/scripts/spelling.txt \
		linux-source-6.1/scripts/const_structs.checkpatch
fi
cd "$top/ipt-netflow-dkms"
cp=("$cp_dir/scripts/checkpatch.pl" --strict --no-tree --terse --show-types)
status=0
quiet() { grep -v ' 0 errors, 0 warnings, 0 checks' || true; }
# checkpatch's exit status counts CHECKs too
"${cp[@]}" -f $(ls *.[ch] kunit/*.[ch]) | quiet
[ "${PIPESTATUS[0]}" = 0 ] || status=1
"${cp[@]}" --ignore LINUX_VERSION_CODE -f compat/compat.h | quiet
[ "${PIPESTATUS[0]}" = 0 ] || status=1
[ $status = 0 ] && echo "checkpatch: clean"
exit $status
