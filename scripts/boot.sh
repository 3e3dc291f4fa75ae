#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Boot build/obj's bzImage with build/initrd.gz in one column of the boot
# matrix under QEMU (software emulation), save the serial log and judge it.
#
#   boot.sh COLUMN [--dry-run] [--icount] [--single-thread]
#                  [--timeout SECONDS] [--expect ENV] [--append ARGS]
#                  [--out DIR]
#
# COLUMN: native, xen-pv or xen-pvh (see scripts/columns.sh).
# --dry-run (or DRY_RUN=1) prints the QEMU command and boots nothing.
# --icount (or ICOUNT=1) runs QEMU with -icount shift=0,sleep=off: guest
#   time counts instructions, a deterministic cost model.
# --single-thread runs every vCPU on one host thread (-accel
#   tcg,thread=single), where code one vCPU rewrites is never executed
#   stale by another; the xen-pv column always does (scripts/columns.sh)
#   unless PVOPS_MTTCG=1.
# --expect ENV tells the x86_hypervisor suite to expect ENV instead of the
#   column's own environment (used to show that the suite can fail).
# Results go to build/boot/COLUMN/ (or --out): serial.log as QEMU wrote
# it, console.log without carriage returns, kunit.json, result.json.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
. "$PVOPS_ROOT/scripts/columns.sh"

usage() {
	sed -n '/^#   boot.sh/,/^# it, console/s/^# \{0,1\}//p' "$0" >&2
	exit 2
}

column=${1:-}
[ -n "$column" ] || usage
shift
column_setup "$column" || die "unknown column '$column' (want one of: ${COLUMNS[*]})"
dry_run=${DRY_RUN:-0}
icount=${ICOUNT:-0}
single_thread=0
timeout_s=${BOOT_TIMEOUT:-240}
out=$BUILD/boot/$column
extra=
while [ $# -gt 0 ]; do
	case $1 in
	--dry-run) dry_run=1 ;;
	--icount) icount=1 ;;
	--single-thread) single_thread=1 ;;
	--timeout) timeout_s=${2:?--timeout needs seconds}; shift ;;
	--expect) EXPECT=${2:?--expect needs an environment}; shift ;;
	--append) extra=${2?}; shift ;;
	--out) out=${2:?--out needs a directory}; shift ;;
	*) usage ;;
	esac
	shift
done
case $out in /*) ;; *) out=$PWD/$out ;; esac
[[ $timeout_s =~ ^[0-9]+$ ]] && [ "$timeout_s" -gt 0 ] ||
	die "--timeout must be a positive number of seconds, not '$timeout_s'"
[[ ${PVOPS_SMP:-2} =~ ^[1-9][0-9]*$ ]] ||
	die "PVOPS_SMP must be a number of CPUs (1, 2, ...), not '$PVOPS_SMP'"

QEMU=${QEMU:-qemu-system-x86_64}
# PVOPS_APPEND: more kernel arguments from the environment, for callers
# that boot through pvharness (scripts/hcstats-cost.sh).
linux_args="$LINUX_ARGS hypervisor_kunit.expect=$EXPECT${extra:+ $extra}${PVOPS_APPEND:+ $PVOPS_APPEND}"
cmd=("$QEMU" "${QEMU_MACHINE[@]}" -display none -monitor none -serial stdio -no-reboot)
if [ "$icount" = 1 ]; then
	# Guest time counts instructions; the RTC starts at a fixed date and
	# follows guest time, so nothing of the host's clock leaks in (boot
	# entropy, timestamps); user-space address layouts are fixed too.
	cmd+=(-icount shift=0,sleep=off -rtc base=2025-01-01T00:00:00,clock=vm)
	linux_args+=" norandmaps"
fi
[ "${PVOPS_MTTCG:-0}" = 1 ] || [ "$TCG_THREAD" != single ] || single_thread=1
[ "$single_thread" = 0 ] || [ "$icount" = 1 ] || cmd+=(-accel tcg,thread=single)
if [ "$HYPERVISOR" = none ]; then
	cmd+=(-kernel "$BZIMAGE" -initrd "$INITRD" -append "$linux_args")
else
	xen=$BUILD/xen.elf
	# QEMU's multiboot loader separates modules with commas; each module's
	# first word is its file, the rest its command line.
	case "$BZIMAGE$INITRD$linux_args" in
	*,*) die "a path or argument contains a comma, which QEMU's -initrd cannot carry: $BZIMAGE $INITRD $linux_args" ;;
	esac
	cmd+=(-kernel "$xen" -append "$XEN_ARGS" -initrd "$BZIMAGE $linux_args,$INITRD")
fi

if [ "$dry_run" = 1 ]; then
	printf '%q ' "${cmd[@]}"
	echo
	exit 0
fi

command -v "$QEMU" >/dev/null || die "$QEMU not found (Debian package qemu-system-x86); run 'make deps'"
[ -f "$BZIMAGE" ] || die "no kernel at $BZIMAGE; run 'make kernel' first"
[ -f "$INITRD" ] || die "no initramfs at $INITRD; run 'make initramfs' first"
if [ "$HYPERVISOR" = xen ]; then
	[ -f "$XEN_GZ" ] || die "$XEN_GZ missing (Debian package xen-hypervisor-4.17-amd64); run 'make deps'"
	if [ ! -s "$xen" ] || [ "$XEN_GZ" -nt "$xen" ]; then
		zcat "$XEN_GZ" >"$xen.tmp" && mv "$xen.tmp" "$xen" || die "could not gunzip $XEN_GZ"
	fi
fi

mkdir -p "$out"
rm -f "$out"/*
log=$out/serial.log
printf '%q ' "${cmd[@]}" >"$out/qemu.cmd"
echo >>"$out/qemu.cmd"
[ -e /dev/kvm ] || kvm_note=" (no KVM: software emulation)"
say "boot $column: QEMU$([ "$icount" = 1 ] && echo ' -icount')${kvm_note:-}, timeout ${timeout_s} s (log: $log)"
start=$(date +%s.%N)
rc=0
timeout -k 10 "$timeout_s" "${cmd[@]}" </dev/null >"$log" 2>"$out/qemu.stderr" || rc=$?
end=$(date +%s.%N)
seconds=$(echo "$end - $start" | bc)

python3 "$PVOPS_ROOT/scripts/bootlog.py" judge --column "$column" --expect "$EXPECT" \
	--dir "$out" --qemu-rc "$rc" --seconds "$seconds" --timeout "$timeout_s" \
	--kunit "$TREE/tools/testing/kunit/kunit.py"
