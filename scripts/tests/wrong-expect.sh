#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The x86_hypervisor suite can fail: boot natively but tell it the runner
# booted a Xen PV guest, then a Xen PVH guest. Each boot must fail, on
# exactly the cases whose view differs between native and what it was
# told (pvharness verify --wrong-expect); between the two runs every case
# has been seen failing.
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
pvharness=$BUILD/harness/main/pvharness
bad=0
for expect in xen-pv xen-pvh; do
	out=$BUILD/boot-negative/native-expect-$expect
	"$pvharness" boot native --expect "$expect" --out "$out"
	rc=$?
	echo "expect=$expect: pvharness boot rc=$rc (want 1)"
	[ $rc -eq 1 ] || bad=1
	"$pvharness" verify "$out/result.json" --wrong-expect "$expect" || bad=1
done
exit $bad
