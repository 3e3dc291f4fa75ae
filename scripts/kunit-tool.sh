#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make kunit-tool: each directory of the series that has a .kunitconfig,
# run as a KUnit developer runs it, with the series' own kunit.py:
#
#   kunit.py run --kunitconfig=DIR --arch=x86_64             (plain QEMU)
#   kunit.py run --kunitconfig=DIR --qemu_config=.../x86_64_xen_pv.py \
#                --hypervisor=/boot/xen-4.17-amd64.gz          (Xen PV dom0)
#
# x86's directory runs plain, without hypervisor_kunit.expect=; the Xen
# directories under Xen PV and PVH, where plain x86_64 would only skip.
# Every run must end with no failure and no crash; its skips are listed.
# Builds in build/kunit/NAME (one per qemu_config), logs in
# build/logs/kunit-tool/.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
[ -d "$TREE/.git" ] || die "no kernel tree at $TREE; run 'make tree' first"
[ -f "$XEN_GZ" ] || die "$XEN_GZ missing (Debian package xen-hypervisor-4.17-amd64); run 'make deps'"
KLOGS=$LOGS/kunit-tool
mkdir -p "$KLOGS" "$BUILD/kunit"
kbuild_lock
cc=gcc
command -v ccache >/dev/null 2>&1 && cc="ccache gcc" && export CCACHE_BASEDIR=$BUILD CCACHE_NOHASHDIR=1
QC=tools/testing/kunit/qemu_configs

# name, directory, build directory (one per machine), kunit.py's machine
RUNS=(
	"x86|arch/x86/kernel/tests|x86_64|--arch=x86_64"
	"xen-pv-mmu|arch/x86/xen/tests|xen_pv|--qemu_config=$QC/x86_64_xen_pv.py --hypervisor=$XEN_GZ"
	"xen-pv-events|drivers/xen/tests|xen_pv|--qemu_config=$QC/x86_64_xen_pv.py --hypervisor=$XEN_GZ"
	"xen-pvh-events|drivers/xen/tests|xen_pvh|--qemu_config=$QC/x86_64_xen_pvh.py --hypervisor=$XEN_GZ"
)
rc=0 summary=()
for r in "${RUNS[@]}"; do
	IFS='|' read -r name dir build machine <<<"$r"
	[ -f "$TREE/$dir/.kunitconfig" ] || die "$dir has no .kunitconfig in $TREE"
	log=$KLOGS/$name.log
	bdir=$BUILD/kunit/$build
	say "kunit-tool: $name: kunit.py run --kunitconfig=$dir $machine (log: $log)"
	t0=$SECONDS
	# shellcheck disable=SC2086
	(cd "$TREE" && run_logged "$log" "$name" nice -n 10 ./tools/testing/kunit/kunit.py run \
		--kunitconfig="$dir" $machine --build_dir="$bdir" --jobs="$(nproc)" \
		--timeout=900 --make_options="CC=$cc")
	st=$?
	totals=$(grep -E '^\[..:..:..\] Testing complete\.' "$log" | tail -n1 | sed 's/^\[[^]]*\] //')
	if [ $st -eq 0 ] && [ -n "$totals" ]; then
		summary+=("$name pass in $((SECONDS - t0)) s: $totals")
	else
		summary+=("$name fail (kunit.py exit $st) in $((SECONDS - t0)) s: ${totals:-no result} (log: $log)")
		rc=1
	fi
	# Each skip and its reason, from the kernel's KTAP (kunit.py keeps it).
	grep -E '^ *ok [0-9]+ .* # SKIP' "$bdir/test.log" 2>/dev/null |
		sed -E 's/^ *ok [0-9]+ (- )?/    /' >"$KLOGS/$name.skips"
done
for s in "${summary[@]}"; do say "kunit-tool: $s"; done
for r in "${RUNS[@]}"; do
	name=${r%%|*}
	[ -s "$KLOGS/$name.skips" ] && { echo "  $name:"; cat "$KLOGS/$name.skips"; }
done
exit $rc
