#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# A kernel that does not compile stops kernel.sh with one line naming the
# first compiler error and the log; the tree is restored and rebuilt after.
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
victim=arch/x86/kernel/tests/pvclock_kunit.c
restore() {
	git -C "$TREE" checkout -q -- "$victim"
	"$PVOPS_ROOT/scripts/kernel.sh" >/dev/null 2>&1
}
trap restore EXIT
echo '#error pvops build-failure test' >>"$TREE/$victim"
out=$("$PVOPS_ROOT/scripts/kernel.sh" 2>&1 >/dev/null)
rc=$?
echo "rc=$rc: $out"
[ $rc -ne 0 ] || exit 1
[ "$(echo "$out" | grep -c '^pvops: error: ')" -eq 1 ] || exit 1
echo "$out" | grep -q "kernel build failed: .*pvclock_kunit.c.*pvops build-failure test.*see $LOGS/build.log" || exit 1
