#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# What Xen hypercall accounting costs, measured, side by side in one run:
# pvbench in deterministic mode (-icount shift=0,sleep=off: guest time
# counts instructions, so a per-op time is an instruction count) on
#   base  the series without the accounting patches (0011, 0013 reverted),
#   off   the series, accounting compiled in and disabled (pvops.hcstats=0),
#   on    the series, accounting enabled,
# each booted natively, as Xen PV and as Xen PVH. Prints the per-op
# figures, the deviations from base and the verdict against the targets:
# off within 0.1% of base everywhere, on within 2% of base under Xen.
#
#   hcstats-cost.sh [--full]       default: pvbench's --quick set
set -euo pipefail
. "$(dirname "$0")/lib.sh"

COST=$BUILD/cost
BASE_TREE=$COST/linux
HARNESS=$BUILD/harness/main/pvharness
REVERT=("x86/xen: Add KUnit tests for hypercall accounting"
	"x86/xen: Count hypercalls per operation class")
quick=--quick
[ "${1:-}" = --full ] && quick=
log=$LOGS/hcstats-cost.log
: >"$log"

[ -f "$BZIMAGE" ] && [ -f "$INITRD" ] ||
	die "no kernel or initramfs in $BUILD; run 'make kernel initramfs' first"
[ -x "$HARNESS" ] || die "no $HARNESS; run 'make bench' (or the harness build) first"
grep -q '^CONFIG_XEN_HYPERCALL_STATS=y' "$OBJ/.config" ||
	die "the kernel in $OBJ has no CONFIG_XEN_HYPERCALL_STATS; run 'make kernel'"

# The base tree: a clone of the series tree, reset to its HEAD, with the
# accounting patches reverted. It is kept between runs so that rebuilds
# are incremental.
head=$(git -C "$TREE" rev-parse HEAD)
if [ ! -d "$BASE_TREE/.git" ]; then
	say "cost: cloning $TREE into $BASE_TREE (log: $log)"
	git clone -q --local --no-checkout "$TREE" "$BASE_TREE" >>"$log" 2>&1 ||
		die "cannot clone $TREE; see $log"
fi
if [ "$(cat "$COST/base.head" 2>/dev/null)" != "$head" ]; then
	say "cost: base = $head with the accounting patches reverted"
	git -C "$BASE_TREE" fetch -q "$TREE" "$head" >>"$log" 2>&1 &&
		git -C "$BASE_TREE" checkout -q -f --detach "$head" >>"$log" 2>&1 ||
		die "cannot check out $head in $BASE_TREE; see $log"
	for subject in "${REVERT[@]}"; do
		c=$(git -C "$BASE_TREE" log -n1 --format=%H -F --grep="$subject")
		[ -n "$c" ] || die "no commit '$subject' in the series; see $log"
		git -C "$BASE_TREE" revert --no-edit "$c" >>"$log" 2>&1 ||
			die "reverting '$subject' failed; see $log"
	done
	echo "$head" >"$COST/base.head"
fi

say "cost: building the base kernel (log: $COST/logs/build.log)"
BUILD=$COST PVOPS_CONFIG_DROP="XEN_HYPERCALL_STATS XEN_HYPERCALLS_KUNIT_TEST" \
	"$PVOPS_ROOT/scripts/kernel.sh" >>"$log" 2>&1 ||
	die "building the base kernel failed; see $log and $COST/logs/build.log"
# The same initramfs for every kernel: only the kernel differs.
cp "$INITRD" "$COST/initrd.gz"

run() {
	local name=$1
	shift
	say "cost: pvbench, deterministic, $name (report: $COST/$name/report.md)"
	env "$@" "$HARNESS" --root "$PVOPS_ROOT" --out "$COST/$name" $quick --deterministic \
		--columns native,xen-pv,xen-pvh >>"$log" 2>&1 ||
		die "pvharness ($name) failed; see $log"
}
run base BUILD="$COST"
run off BUILD="$BUILD" PVOPS_APPEND=pvops.hcstats=0
run on BUILD="$BUILD"

python3 "$PVOPS_ROOT/scripts/hcstats_cost.py" "$COST/base/report.json" \
	"$COST/off/report.json" "$COST/on/report.json" | tee "$COST/summary.txt"
