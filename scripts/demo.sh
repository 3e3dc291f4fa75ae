#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make demo: from nothing to three boots of one bzImage and a side-by-side
# summary. Prints how long each stage took.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
S=$PVOPS_ROOT/scripts

stage() {
	local name=$1 t0=$SECONDS
	shift
	"$@" || exit 1
	STAGES+=("$name $((SECONDS - t0)) s")
}
STAGES=()
stage deps "$S/deps.sh"
stage tree "$S/tree.sh"
stage kernel "$S/kernel.sh"
stage initramfs "$S/initramfs.sh"
t0=$SECONDS
rc=0
for c in native xen-pv xen-pvh; do
	"$S/boot.sh" "$c" || rc=1
done
STAGES+=("boots $((SECONDS - t0)) s")
echo
python3 "$S/summary.py" "$BUILD/boot" || rc=1
echo "stages: ${STAGES[*]/%/,}" | sed 's/,$//'
exit $rc
