#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Stress the hypercall accounting switch: boot the kernel in each Xen
# column with 2 vCPUs and pvops.hcstress=N, so that the guest's init turns
# accounting on and off N times while a loop on the other CPU keeps making
# hypercalls. Each switch repoints the xen_hypercall static call, that is,
# rewrites every hypercall call site with text_poke_bp() while the other
# CPU runs through them. Prints per column whether the guest survived.
#
#   hcstats-stress.sh [--mttcg] [N] [COLUMN...]   default: 100 xen-pv xen-pvh
#
# QEMU runs both vCPUs on one host thread (pvharness boot --single-thread): with
# its default multi-threaded TCG, a vCPU can go on executing a translation
# of code that another vCPU has since rewritten. Under that, a text_poke_bp()
# site's INT3 has been seen executed on both vCPUs after the site was
# restored, its memory already holding the new CALL ("Oops: int3" in
# __xen_set_pte while bp_desc described another site), within seconds of
# switching; with one thread the same guest survives. --mttcg boots with
# multi-threaded TCG anyway, to show that.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

threads=--single-thread
if [ "${1:-}" = --mttcg ]; then
	threads=
	export PVOPS_MTTCG=1
	shift
fi
n=${1:-100}
[[ $n =~ ^[1-9][0-9]*$ ]] || die "the number of switches must be a positive number, not '$n'"
shift || true
columns=("$@")
[ ${#columns[@]} -gt 0 ] || columns=(xen-pv xen-pvh)
[ -f "$BZIMAGE" ] && [ -f "$INITRD" ] || die "no kernel or initramfs in $BUILD; run 'make kernel initramfs' first"

rc=0
for c in "${columns[@]}"; do
	out=$BUILD/stress/$c
	mkdir -p "$out"
	say "stress: $c: $n times on and off${threads:+, one TCG thread} (log: $out.log)"
	"$BUILD/harness/main/pvharness" boot "$c" --cpus 2 $threads \
		--timeout $((240 + 8 * n)) --append "pvops.hcstress=$n" --out "$out" >"$out.log" 2>&1 || true
	done_n=$(sed -n 's/^PVOPS: hcstress_toggles=//p' "$out/console.log" 2>/dev/null | tail -n1)
	if [ "$done_n" = "$n" ] && "$BUILD/harness/main/pvharness" splat "$out/serial.log" >"$out.splats"; then
		echo "$c: survived $n switches of accounting under load"
		continue
	fi
	rc=1
	why=$(grep -v tolerated "$out.splats" 2>/dev/null | head -n1 | cut -c1-160)
	echo "$c: FAILED after ${done_n:-an unknown number} of $n switches: ${why:-see $out.log} (log: $out/serial.log)"
done
exit $rc
