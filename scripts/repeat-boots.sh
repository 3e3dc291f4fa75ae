#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Boot one column N times in a row and count what went wrong: a boot that
# failed its verdict, and the kernel splats pvharness finds in its serial
# log (an "Oops: int3" included). For failures that show once in many
# boots, such as the int3 the runtime switching of the hypercall static
# call used to cause under Xen PV with multi-threaded TCG.
#
#   repeat-boots.sh COLUMN [N]    default N: 30
#
# Each boot's output goes to build/repeat/COLUMN/N/; the last line says
# how many of the N boots passed and how many had a splat, and which.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

col=${1:-}
n=${2:-30}
[ -n "$col" ] || die "usage: repeat-boots.sh COLUMN [N]"
[[ $n =~ ^[1-9][0-9]*$ ]] || die "the number of boots must be a positive number, not '$n'"
[ -f "$BZIMAGE" ] && [ -f "$INITRD" ] || die "no kernel or initramfs in $BUILD; run 'make kernel initramfs' first"
PVH=$BUILD/harness/main/pvharness
[ -x "$PVH" ] || die "no pvharness in $BUILD/harness; run 'make pvharness' first"

out=$BUILD/repeat/$col
rm -rf "$out"
mkdir -p "$out"
passed=0 splats=0 bad=()
for i in $(seq 1 "$n"); do
	t0=$SECONDS
	if "$PVH" boot "$col" --out "$out/$i" >"$out/$i.log" 2>&1; then
		passed=$((passed + 1))
		verdict=pass
	else
		verdict=FAIL
		bad+=("$i")
	fi
	if ! "$PVH" splat "$out/$i/serial.log" >"$out/$i.splats" 2>&1; then
		splats=$((splats + 1))
		verdict="$verdict, splat: $(grep -v tolerated "$out/$i.splats" | head -n1 | cut -c1-120)"
		[[ " ${bad[*]} " == *" $i "* ]] || bad+=("$i")
	fi
	say "repeat: $col: boot $i of $n: $verdict ($((SECONDS - t0)) s)"
done
echo "$col: $passed of $n boots passed, $splats with a splat${bad[*]:+; see boots ${bad[*]} in $out/}"
[ "$passed" -eq "$n" ] && [ "$splats" -eq 0 ]
