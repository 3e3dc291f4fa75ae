#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make debug-boots: the debug kernels booted in the columns, each boot
# judged as the plain kernel's is (no splat, KUnit clean) and checked
# against its column's expectations:
#   debug        the project config plus scripts/config/debug/debug.config
#                (preemption, lockdep, atomic-sleep and object checks):
#                every column (build/obj-debug, build/boot-debug/COLUMN)
#   debug-kasan  the same plus kasan.config: the columns without a
#                hypervisor, since 6.12 supports KASAN in no Xen guest
#                (build/obj-debug-kasan, build/boot-debug-kasan/COLUMN)
# DEBUG_COLUMNS= narrows the columns down.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
PVHARNESS=$BUILD/harness/main/pvharness
[ -x "$PVHARNESS" ] || die "no $PVHARNESS; run 'make pvharness' first"

columns=${DEBUG_COLUMNS:-$("$PVHARNESS" columns)}
rc=0 summary=()
boot_all() {
	local variant=$1 c out
	shift
	export PVOPS_KERNEL=$BUILD/obj-$variant/arch/x86/boot/bzImage
	for c in "$@"; do
		out=$BUILD/boot-$variant/$c
		if "$PVHARNESS" boot "$c" --out "$out" &&
		   "$PVHARNESS" verify "$out/result.json" >"$out/verify.log" 2>&1; then
			summary+=("$variant $c: pass")
		else
			[ -f "$out/verify.log" ] && sed 's/^/    /' "$out/verify.log" | tail -n 5
			summary+=("$variant $c: FAIL (see $out/)")
			rc=1
		fi
	done
}

PVOPS_DEBUG=1 "$PVOPS_ROOT/scripts/kernel.sh" || exit 1
# shellcheck disable=SC2086
boot_all debug $columns
PVOPS_DEBUG=kasan "$PVOPS_ROOT/scripts/kernel.sh" || exit 1
native=()
for c in $columns; do
	grep -q '"hypervisor": *null' "$PVOPS_ROOT/harness/columns/$c.json" && native+=("$c")
done
boot_all debug-kasan "${native[@]}"
for s in "${summary[@]}"; do say "debug-boots: $s"; done
exit $rc
