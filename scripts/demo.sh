#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make demo: from nothing to every column of the matrix booting one bzImage
# and a side-by-side summary. Prints how long each stage took.
# DRY_RUN=1 builds only the host program and prints each column's QEMU
# command: nothing boots and no verdict is printed.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
S=$PVOPS_ROOT/scripts
PVHARNESS=$BUILD/harness/main/pvharness

stage() {
	local name=$1 t0=$SECONDS
	shift
	"$@" || exit 1
	STAGES+=("$name $((SECONDS - t0)) s")
}
STAGES=()
stage deps "$S/deps.sh"
stage harness "$S/harness.sh"
mapfile -t columns < <("$PVHARNESS" columns) || exit 1
if [ "${DRY_RUN:-0}" = 1 ]; then
	for c in "${columns[@]}"; do
		cmd=$("$PVHARNESS" boot "$c" --dry-run) || exit 1
		echo "$c: $cmd"
	done
	exit 0
fi
stage tree "$S/tree.sh"
stage kernel "$S/kernel.sh"
stage initramfs "$S/initramfs.sh"
stage initramfs-dom0 "$S/initramfs-dom0.sh"
t0=$SECONDS
rc=0
for c in "${columns[@]}"; do
	"$PVHARNESS" boot "$c" || rc=1
done
STAGES+=("boots $((SECONDS - t0)) s")
echo
"$PVHARNESS" summary || rc=1
echo "stages: ${STAGES[*]/%/,}" | sed 's/,$//'
exit $rc
