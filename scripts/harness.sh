#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Build the C++ harness into $BUILD/harness/main: pvharness, the host
# program every boot, judge and report goes through (and, with --all, the
# guest program pvbench and the tests). Output in build/logs/harness-build.log.
# Build type None (as Debian's packaging uses it): no -O2, no -g. The
# harness reads logs of a few hundred KB, and most of its build is
# compiling the header-only JSON, CLI and test libraries: on 2 cores a cold
# build takes 82 s this way against 237 s with RelWithDebInfo.
#
#   harness.sh [--all]
set -euo pipefail
. "$(dirname "$0")/lib.sh"

target=(--target pvharness)
[ "${1:-}" != --all ] || target=()
log=$LOGS/harness-build.log
: >"$log"
need_cmd cmake cmake
{
	nice -n 10 cmake -S "$PVOPS_ROOT/harness" -B "$BUILD/harness/main" \
		-DCMAKE_BUILD_TYPE=None &&
		nice -n 10 cmake --build "$BUILD/harness/main" "${target[@]}" -j"$(nproc)"
} >>"$log" 2>&1 || die "building the C++ harness failed; see $log"
