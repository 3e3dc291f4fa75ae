#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# What Xen hypercall accounting costs, measured in one run, in
# deterministic mode (-icount shift=0,sleep=off: guest time counts
# instructions, so a per-op time is an instruction count, Xen's included).
#
# 1. Accounting compiled in but off, against the kernel without it:
#    - the code: three kernels are built: base (the series with 0011 and
#      0013 reverted), full (the whole series) and placebo (base plus a
#      function that is never called, as many bytes as the code only the
#      full kernel has). pvharness textcmp compares the executable
#      sections of every object base and full share;
#    - the benchmark: pvbench's full set in each kernel, booted natively,
#      as Xen PV and as Xen PVH (pvharness), COST_BOOTS times (default 3),
#      each boot with a kernel command line of another length (no extra
#      argument, then pvops.again=1, =22, =333 ...). A boot's state (where
#      the allocators stand when the benchmark starts) follows from the
#      kernel image and the command line, and which state a benchmark
#      lands in moves its median by up to a few tenths of a percent; a
#      kernel's figure is the least median over its boots.
#    The placebo separates what the accounting's code changes by being
#    there (every later function moves; textcmp shows the same code) from
#    what it executes: off vs placebo holds the layout equal.
# 2. Accounting on against off, across boots as well (the accounting is
#    chosen when the kernel boots, no longer switched while it runs): the
#    full kernel booted COST_BOOTS times with xen_hypercall_stats=on and
#    as often with xen_hypercall_stats=off, with the same command line
#    lengths. pvbench's records carry the hypercalls per op
#    of the "on" boots, from which pvharness cost works out the
#    instructions added per hypercall; an "off" boot that counted one
#    misses the target.
#
# 3. Against what exists, the xen trace events (xen_mc_*, xen_mmu_*, ...):
#    the full kernel built again with the trace events
#    (scripts/config/cost/trace-events.config: no function tracer), booted
#    COST_BOOTS times under Xen with trace_event=xen:* (every xen event
#    enabled from boot, into a 16 MiB buffer per CPU) and as often without:
#    what enabling them costs, per op. The guest's init counts the events
#    the workload before the benchmarks recorded (PVOPS-XENEVENT lines):
#    what they see of it, beside the hypercalls the accounting counted.
# 4. Against xentrace: the full kernel booted COST_BOOTS times as a Xen
#    dom0 with pvops.xentrace_bench (xentrace recording, from dom0, the
#    hypercalls and scheduling as the trace window's witness does, while
#    the benchmarks run) against its on-off boots: what recording costs
#    the traced domain (here it also runs xentrace). What xentrace sees
#    is shown by every Xen column's trace window.
#
# The kernels are built without the xen_hypercalls KUnit suite, whose
# cases would run at boot. Targets: off within 0.1% of base in every
# boot, on within 2% of off under Xen.
#
# Two things would make boots take different paths, and both are pinned
# here: the machine has one CPU (PVOPS_SMP=1), since in deterministic mode
# an idle second CPU's instructions (Xen's idle loop) also advance guest
# time; and Linux trusts the TSC (tsc=reliable), so that high-resolution
# timers do not wait for the clocksource watchdog.
#
# The off-vs-base boots also run with debugfs=off, so that no kernel's
# debugfs files (xen/hypercalls, when counting) move where the slab
# allocator stands when the benchmark starts (two dentries and inodes
# moved the fork benchmarks by +0.7% natively once); the on-vs-off boots
# need the file and keep debugfs, both of them.
#
# Every boot runs pvbench's full set: the quick set's 10 to 32 batches
# per benchmark give medians that jump between the modes
# of a two-mode distribution of batch costs (Xen PV fault_storm: 4982 or
# 5097 instructions from boots whose means differ by 0.004%).
#
#   hcstats-cost.sh [--full]       --full: accepted for make's FULL=1, which
#                                  is now what every boot runs
set -euo pipefail
. "$(dirname "$0")/lib.sh"

COST=$BUILD/cost
HARNESS=$BUILD/harness/main/pvharness
REVERT=("x86/xen: Add KUnit tests for hypercall accounting"
	"x86/xen: Count hypercalls per operation class")
case ${1:-} in "" | --full) ;; *) die "usage: hcstats-cost.sh [--full]" ;; esac
boots=${COST_BOOTS:-3}
[[ $boots =~ ^[1-9]$ ]] || die "COST_BOOTS must be a number of boots from 1 to 9, not '$boots'"
log=$LOGS/hcstats-cost.log
: >"$log"

[ -f "$INITRD" ] || die "no initramfs in $BUILD; run 'make initramfs' first"
[ -x "$HARNESS" ] || die "no $HARNESS; run 'make pvharness' first"
[ -d "$TREE/.git" ] || die "no series tree at $TREE; run 'make tree' first"
head=$(git -C "$TREE" rev-parse HEAD)

# kernel NAME DROP PAD REVERT...: $COST/NAME/linux, a clone of the series
# tree at its HEAD with the commits whose subjects are given reverted and,
# when PAD is not 0, a placebo commit: a function of PAD bytes of code that
# nothing calls. Built into $COST/NAME/obj without the options in DROP.
# Clones are kept between runs so that rebuilds are incremental (and
# ccache sees the same relative paths as build/obj, so a first build
# mostly hits).
kernel() {
	local name=$1 drop=$2 pad=$3 dir=$COST/$1 subject c
	shift 3
	if [ ! -d "$dir/linux/.git" ]; then
		say "cost: cloning $TREE into $dir/linux (log: $log)"
		mkdir -p "$dir"
		git clone -q --local --no-checkout "$TREE" "$dir/linux" >>"$log" 2>&1 ||
			die "cannot clone $TREE; see $log"
	fi
	local want=$head what=
	[ "$pad" = 0 ] || want="$head placebo $pad" what=" and a $pad-byte placebo"
	if [ "$(cat "$dir/series.head" 2>/dev/null)" != "$want" ]; then
		say "cost: $name = $head${1:+ with $# patch(es) reverted}$what"
		git -C "$dir/linux" fetch -q "$TREE" "$head" >>"$log" 2>&1 &&
			git -C "$dir/linux" checkout -q -f --detach "$head" >>"$log" 2>&1 ||
			die "cannot check out $head in $dir/linux; see $log"
		for subject in "$@"; do
			c=$(git -C "$dir/linux" log -n1 --format=%H -F --grep="$subject")
			[ -n "$c" ] || die "no commit '$subject' in the series; see $log"
			git -C "$dir/linux" revert --no-edit "$c" >>"$log" 2>&1 ||
				die "reverting '$subject' failed; see $log"
		done
		[ "$pad" = 0 ] || placebo "$dir/linux" "$pad"
		echo "$want" >"$dir/series.head"
	fi
	say "cost: building the $name kernel (log: $dir/logs/build.log)"
	BUILD=$dir PVOPS_CONFIG_DROP="$drop" "$PVOPS_ROOT/scripts/kernel.sh" >>"$log" 2>&1 ||
		die "building the $name kernel failed; see $log and $dir/logs/build.log"
	# The same initramfs (and trace tools, for the dom0 columns) for
	# every kernel: only the kernel differs.
	ln -sf "$INITRD" "$dir/initrd.gz"
	ln -sf "$BUILD/initrd-xentrace.gz" "$dir/initrd-xentrace.gz"
}
# placebo TREE BYTES: commit arch/x86/xen/cost_placebo.c, a function of
# BYTES bytes of code that nothing calls, after arch/x86/xen's other
# objects, where the accounting's objects are linked.
placebo() {
	local tree=$1 bytes=$2
	cat >"$tree/arch/x86/xen/cost_placebo.c" <<EOF
// SPDX-License-Identifier: GPL-2.0
/*
 * Not for upstream: scripts/hcstats-cost.sh's placebo, as much code as
 * the hypercall accounting adds, never called. Every function linked
 * after it moves as it does with the accounting compiled in.
 */
#include <linux/compiler.h>

noinline void __used xen_cost_placebo(void)
{
	asm volatile(".skip $bytes, 0x90");
}
EOF
	echo 'obj-y += cost_placebo.o' >>"$tree/arch/x86/xen/Makefile"
	git -C "$tree" add -A >>"$log" 2>&1 &&
		git -C "$tree" -c user.name=pvops -c user.email=pvops@localhost \
			commit -q -m "placebo: $bytes bytes of code nothing calls" >>"$log" 2>&1 ||
		die "cannot commit the placebo in $tree; see $log"
}

# base and placebo: without accounting, and without its tests.
without="XEN_HYPERCALL_STATS XEN_HYPERCALL_STATS_DEFAULT XEN_HYPERCALLS_KUNIT_TEST"
kernel full "XEN_HYPERCALLS_KUNIT_TEST" 0
PVOPS_CONFIG_ADD=$PVOPS_ROOT/scripts/config/cost/trace-events.config \
	kernel trace "XEN_HYPERCALLS_KUNIT_TEST" 0
kernel base "$without" 0 "${REVERT[@]}"

# The code both kernels share, object by object: when none differs,
# accounting that is off runs exactly the instructions of the base kernel.
say "cost: comparing the code of the base and full kernels (pvharness textcmp)"
"$HARNESS" textcmp "$COST/base/obj" "$COST/full/obj" >"$COST/textcmp.txt" 2>>"$log" && rc=0 || rc=$?
case $rc in
0) ;;
1) say "cost: the kernels' shared code differs; see $COST/textcmp.txt" ;;
*) die "pvharness textcmp could not compare base and full; see $log" ;;
esac
cat "$COST/textcmp.txt"
pad=$(sed -n 's/^only in full: .* (\([0-9]*\) bytes of code)$/\1/p' "$COST/textcmp.txt" |
	awk '{ n += $1 } END { print n + 0 }')
[ "$pad" -gt 0 ] || die "pvharness textcmp found no code only the full kernel has; see $COST/textcmp.txt"
kernel placebo "$without" "$pad" "${REVERT[@]}"
say "cost: comparing the code of the base and placebo kernels (pvharness textcmp)"
"$HARNESS" textcmp "$COST/base/obj" "$COST/placebo/obj" >"$COST/textcmp-placebo.txt" 2>>"$log" ||
	die "the placebo kernel's shared code differs from base (or could not be compared); see $COST/textcmp-placebo.txt and $log"

# Where the code after the accounting's lands in each kernel.
layout=
for k in base full placebo; do
	layout+=" $k $(awk '$3 == "copy_process" { print $1 }' "$COST/$k/obj/System.map")"
done
layout="copy_process at${layout}"

# bootarg N: the extra kernel argument of boot N: none, then a command
# line one argument and N more characters longer each time.
bootarg() {
	[ "$1" = 0 ] && return 0
	printf 'pvops.again=%s' "$(printf "%0${1}d" 0 | tr 0 "$1")"
}

# run NAME COLUMNS VAR=VALUE...: pvbench's full set in COLUMNS.
run() {
	local name=$1 columns=$2
	shift 2
	say "cost: pvbench (full set), deterministic, $name (report: $COST/results/$name/report.md)"
	env "$@" "$HARNESS" --root "$PVOPS_ROOT" bench --out "$COST/results/$name" \
		--deterministic --columns "$columns" >>"$log" 2>&1 ||
		die "pvharness ($name) failed; see $log"
}
same="tsc=reliable xen_hypercall_stats=off debugfs=off"
all=native,xen-pv,xen-pvh
rm -rf "$COST/results"
for ((i = 0; i < boots; i++)); do
	arg=$(bootarg $i)
	for k in base full placebo; do
		run "$k-$i" "$all" BUILD="$COST/$k" PVOPS_SMP=1 PVOPS_APPEND="$same${arg:+ $arg}"
	done
	# On against off: the full kernel with debugfs, accounting on or not.
	run "on-$i" "$all" BUILD="$COST/full" PVOPS_SMP=1 \
		PVOPS_APPEND="tsc=reliable xen_hypercall_stats=on${arg:+ $arg}"
	run "on-off-$i" "$all" BUILD="$COST/full" PVOPS_SMP=1 \
		PVOPS_APPEND="tsc=reliable xen_hypercall_stats=off${arg:+ $arg}"
	# The xen trace events, enabled against not, where they exist.
	run "events-$i" xen-pv,xen-pvh BUILD="$COST/trace" PVOPS_SMP=1 \
		PVOPS_APPEND="tsc=reliable xen_hypercall_stats=off trace_buf_size=16M trace_event=xen:*${arg:+ $arg}"
	run "events-off-$i" xen-pv,xen-pvh BUILD="$COST/trace" PVOPS_SMP=1 \
		PVOPS_APPEND="tsc=reliable xen_hypercall_stats=off trace_buf_size=16M${arg:+ $arg}"
	# xentrace in dom0 recording the hypercalls while the benchmarks run,
	# against the on-off boots (the same kernel and setting without it).
	run "xentrace-$i" xen-pv,xen-pvh BUILD="$COST/full" PVOPS_SMP=1 \
		PVOPS_APPEND="tsc=reliable xen_hypercall_stats=off pvops.xentrace_bench${arg:+ $arg}"
done

{
	# How much xentrace recorded while the benchmarks ran, per boot.
	printf 'xentrace recorded during the benchmarks (bytes):'
	for f in "$COST"/results/xentrace-*/r1/*/serial.log; do
		b=$(sed -n 's/^.*PVOPS: xentrace_bench_bytes=\([0-9]*\).*$/\1/p' "$f" | tail -n 1)
		f=${f#"$COST"/results/}
		printf ' %s %s' "${f%%/*}/${f#*/r1/}" "${b:-none}"
	done
	printf '\n\n'
	"$HARNESS" cost --code "$COST/textcmp.txt" \
		--placebo-code "$COST/textcmp-placebo.txt" --layout "$layout" \
		--base "$COST"/results/base-*/report.json --off "$COST"/results/full-*/report.json \
		--placebo "$COST"/results/placebo-*/report.json \
		--on "$COST"/results/on-[0-9]*/report.json \
		--on-off "$COST"/results/on-off-*/report.json \
		--events "$COST"/results/events-[0-9]*/report.json \
		--events-off "$COST"/results/events-off-*/report.json \
		--xentrace "$COST"/results/xentrace-*/report.json \
		--seen-accounting "$COST"/results/on-0/r1/xen-pv*/serial.log \
		--seen-events "$COST"/results/events-0/r1/xen-pv*/serial.log && rc=0 || rc=$?
	exit $rc
} | tee "$COST/summary.txt"
