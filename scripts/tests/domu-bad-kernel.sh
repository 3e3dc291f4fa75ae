#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# A domU that xl cannot start fails its column within the timeout, with
# one line that quotes xl's cause and names dom0's log; dom0 still powers
# off and QEMU exits by itself.
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
out=$BUILD/boot-negative/domu-bad-kernel
mkdir -p "$out.in"
echo "not a kernel" >"$out.in/bzImage"
t0=$SECONDS
msg=$("$BUILD/harness/main/pvharness" boot xen-pv-domu --kernel "$out.in/bzImage" \
	--out "$out" 2>&1)
rc=$?
echo "rc=$rc after $((SECONDS - t0)) s: $msg"
[ $rc -eq 1 ] || exit 1
echo "$msg" | grep -q "FAIL (dom0: xl create failed (status [0-9]*): .*no loader found.*; see $out/dom0.log" ||
	exit 1
# QEMU ended because dom0 powered off, not because the harness killed it.
! echo "$msg" | grep -q "timed out"
