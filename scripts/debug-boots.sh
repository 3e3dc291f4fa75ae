#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make debug-boots: the debug kernel (the project config plus
# scripts/config/debug/: preemption, lockdep, atomic-sleep and object
# checks, KASAN) built into build/obj-debug and booted in every column,
# each judged as the plain kernel is (no splat, KUnit clean) and checked
# against its column's expectations. Results in build/boot-debug/COLUMN/.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
PVHARNESS=$BUILD/harness/main/pvharness
[ -x "$PVHARNESS" ] || die "no $PVHARNESS; run 'make pvharness' first"
PVOPS_DEBUG=1 "$PVOPS_ROOT/scripts/kernel.sh" || exit 1
export PVOPS_KERNEL=$BUILD/obj-debug/arch/x86/boot/bzImage
rc=0
for c in ${DEBUG_COLUMNS:-$("$PVHARNESS" columns)}; do
	out=$BUILD/boot-debug/$c
	if "$PVHARNESS" boot "$c" --out "$out" &&
	   "$PVHARNESS" verify "$out/result.json" >"$out/verify.log" 2>&1; then
		:
	else
		[ -f "$out/verify.log" ] && sed 's/^/    /' "$out/verify.log" | tail -n 5
		rc=1
	fi
done
exit $rc
