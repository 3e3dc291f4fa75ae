#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# What Xen hypercall accounting costs, measured in one run, in
# deterministic mode (-icount shift=0,sleep=off: guest time counts
# instructions, so a per-op time is an instruction count, Xen's included).
#
# 1. Accounting compiled in but off, against the kernel without it:
#    - the code: both kernels are built (base = the series with 0011 and
#      0013 reverted, full = the whole series) and textcmp.py compares the
#      executable sections of every object they share;
#    - the benchmark: pvbench's set in each kernel, booted natively, as
#      Xen PV and as Xen PVH (pvharness), and the base kernel a second
#      time with one more, meaningless, kernel argument: that pair shows
#      how far two boots of the *same* code drift apart, the noise floor
#      of any comparison between boots. The off kernel is booted twice the
#      same way, and each kernel's figure is the least of its two boots.
# 2. Accounting on against off, controlled: the full kernel booted once
#    per column with pvbench's A/B mode (pvops.bench=...+ab), which runs
#    each benchmark four times in the same boot with accounting off, on,
#    on, off, and prints what it added per op and per hypercall.
#
# Both kernels are built without the xen_hypercalls KUnit suite, which
# adds a trap counter to the hypercall instructions. Targets: off within
# 0.1% of base in every boot, on within 2% of off under Xen.
#
# Two things would make boots take different paths, and both are pinned
# here: the machine has one CPU (PVOPS_SMP=1), since in deterministic mode
# an idle second CPU's instructions (Xen's idle loop) also advance guest
# time; and Linux trusts the TSC (tsc=reliable), so that high-resolution
# timers do not wait for the clocksource watchdog.
#
# The base, base-again and off boots also run with debugfs=off. The full
# kernel creates xen/hypercalls at boot (and natively the xen/ directory
# with it): two more dentries and inodes, which natively alone moved the
# fork benchmarks by +0.7% against the base kernel (with debugfs=off:
# -0.1%, inside what 1-2 MB less memory moves them by). That is where the
# slab allocator stands when the benchmark starts, not what an operation
# costs; the A/B boots need the file and keep debugfs.
#
#   hcstats-cost.sh [--full]       default: pvbench's --quick set
set -euo pipefail
. "$(dirname "$0")/lib.sh"

COST=$BUILD/cost
HARNESS=$BUILD/harness/main/pvharness
REVERT=("x86/xen: Add KUnit tests for hypercall accounting"
	"x86/xen: Count hypercalls per operation class")
quick=--quick
[ "${1:-}" = --full ] && quick=
log=$LOGS/hcstats-cost.log
: >"$log"

[ -f "$INITRD" ] || die "no initramfs in $BUILD; run 'make initramfs' first"
[ -x "$HARNESS" ] || die "no $HARNESS; run 'make bench' (or the harness build) first"
[ -d "$TREE/.git" ] || die "no series tree at $TREE; run 'make tree' first"
head=$(git -C "$TREE" rev-parse HEAD)

# kernel NAME DROP REVERT...: $COST/NAME/linux, a clone of the series tree
# at its HEAD with the commits whose subjects are given reverted, built
# into $COST/NAME/obj without the options in DROP. Clones are kept between
# runs so that rebuilds are incremental (and ccache sees the same relative
# paths as build/obj, so a first build mostly hits).
kernel() {
	local name=$1 drop=$2 dir=$COST/$1 subject c
	shift 2
	if [ ! -d "$dir/linux/.git" ]; then
		say "cost: cloning $TREE into $dir/linux (log: $log)"
		mkdir -p "$dir"
		git clone -q --local --no-checkout "$TREE" "$dir/linux" >>"$log" 2>&1 ||
			die "cannot clone $TREE; see $log"
	fi
	if [ "$(cat "$dir/series.head" 2>/dev/null)" != "$head" ]; then
		say "cost: $name = $head${1:+ with $# patch(es) reverted}"
		git -C "$dir/linux" fetch -q "$TREE" "$head" >>"$log" 2>&1 &&
			git -C "$dir/linux" checkout -q -f --detach "$head" >>"$log" 2>&1 ||
			die "cannot check out $head in $dir/linux; see $log"
		for subject in "$@"; do
			c=$(git -C "$dir/linux" log -n1 --format=%H -F --grep="$subject")
			[ -n "$c" ] || die "no commit '$subject' in the series; see $log"
			git -C "$dir/linux" revert --no-edit "$c" >>"$log" 2>&1 ||
				die "reverting '$subject' failed; see $log"
		done
		echo "$head" >"$dir/series.head"
	fi
	say "cost: building the $name kernel (log: $dir/logs/build.log)"
	BUILD=$dir PVOPS_CONFIG_DROP="$drop" "$PVOPS_ROOT/scripts/kernel.sh" >>"$log" 2>&1 ||
		die "building the $name kernel failed; see $log and $dir/logs/build.log"
	# The same initramfs for every kernel: only the kernel differs.
	cp "$INITRD" "$dir/initrd.gz"
}
kernel base "XEN_HYPERCALL_STATS XEN_HYPERCALLS_KUNIT_TEST" "${REVERT[@]}"
kernel full "XEN_HYPERCALLS_KUNIT_TEST"

# The code both kernels share, object by object: when none differs,
# accounting that is off runs exactly the instructions of the base kernel,
# and what the benchmarks show between base and off is the two boots
# taking different paths (memory layout, allocator state), the noise floor
# of a comparison across kernels.
say "cost: comparing the code of the base and full kernels (textcmp.py)"
python3 "$PVOPS_ROOT/scripts/textcmp.py" "$COST/base/obj" "$COST/full/obj" | tee "$COST/textcmp.txt" ||
	say "cost: the kernels' shared code differs; see $COST/textcmp.txt"

run() {
	local name=$1
	shift
	say "cost: pvbench, deterministic, $name (report: $COST/results/$name/report.md)"
	env "$@" "$HARNESS" --root "$PVOPS_ROOT" --out "$COST/results/$name" $quick --deterministic \
		--columns native,xen-pv,xen-pvh >>"$log" 2>&1 ||
		die "pvharness ($name) failed; see $log"
}
pin="PVOPS_SMP=1"
same="tsc=reliable pvops.hcstats=0 debugfs=off"
run base BUILD="$COST/base" $pin PVOPS_APPEND="$same"
run base-again BUILD="$COST/base" $pin PVOPS_APPEND="$same pvops.again=1"
run off BUILD="$COST/full" $pin PVOPS_APPEND="$same"
run off-again BUILD="$COST/full" $pin PVOPS_APPEND="$same pvops.again=1"

# The A/B boots: the full kernel, accounting switched by pvbench itself.
spec=${quick:+quick+}ab
for column in native xen-pv xen-pvh; do
	say "cost: pvbench A/B (accounting off, on, on, off), deterministic, $column" \
		"(log: $COST/ab/$column/serial.log)"
	BUILD="$COST/full" PVOPS_SMP=1 "$PVOPS_ROOT/scripts/boot.sh" "$column" --icount \
		--append "tsc=reliable pvops.bench=$spec" --out "$COST/ab/$column" >>"$log" 2>&1 ||
		die "the A/B boot ($column) failed; see $COST/ab/$column/serial.log and $log"
done

{
	python3 "$PVOPS_ROOT/scripts/hcstats_cost.py" --code "$COST/textcmp.txt" \
		--off-again "$COST/results/off-again/report.json" \
		"$COST/results/base/report.json" "$COST/results/base-again/report.json" \
		"$COST/results/off/report.json" "$COST/ab" && rc=0 || rc=$?
	exit $rc
} | tee "$COST/summary.txt"
