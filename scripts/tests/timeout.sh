#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# A boot that does not finish in time is killed, reported as a timeout
# with its log, and fails.
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
out=$BUILD/boot-negative/timeout
t0=$SECONDS
msg=$("$BUILD/harness/main/pvharness" boot native --timeout 2 --out "$out" 2>&1)
rc=$?
echo "rc=$rc after $((SECONDS - t0)) s: $msg"
[ $rc -eq 1 ] && [ $((SECONDS - t0)) -lt 30 ] || exit 1
echo "$msg" | grep -q "timed out after 2 s, QEMU killed.*see $out/serial.log" || exit 1
[ -f "$out/serial.log" ]
