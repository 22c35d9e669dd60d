#!/bin/bash
# ci/torture/build.sh [OUT]: builds nf_torture.ko (against KDIR, default
# the running Debian kernel's headers, W=1) and tt_send (-Wall -Wextra
# -Werror) into OUT (default $BUILD_DIR/torture, i.e. build/torture).
# Sources are linked into OUT so that the tree stays clean.
set -euo pipefail
here=$(dirname "$(readlink -f "$0")")
top=$here/../..
out=${1:-${BUILD_DIR:-$top/build}/torture}
if [[ -z ${KDIR:-} ]]; then
	kver=${KVER:-$(ls -1 /boot | sed -n 's/^vmlinuz-\([0-9.]*-[0-9]*-amd64\)$/\1/p' | sort -V | tail -n1)}
	KDIR=/lib/modules/$kver/build
fi
mkdir -p "$out"
ln -sf "$here/nf_torture.c" "$here/cases.h" "$here/Kbuild" "$out/"
make -s -C "$KDIR" M="$(readlink -f "$out")" W=1 modules
gcc -O2 -Wall -Wextra -Werror -o "$out/tt_send" "$here/tt_send.c"
