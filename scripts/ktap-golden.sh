#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Record what the base tree's kunit.py (tag pvops-base: before the series,
# so our own kunit.py change is not the oracle) says about every input of
# the differential KTAP test: harness/tests/golden/ktap/kunit.jsonl, one
# line per item with the hash of its input, kunit.py's --json groups and
# statuses and its "Ran N tests: ..." line. ktap_diff_test compares the C++
# parser against it.
#
#   scripts/ktap-golden.sh [BUILD_DIR]    (default build/harness/main;
#   LINUX=<kernel git tree>, default build/linux)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build/harness/main}
linux=${LINUX:-$root/build/linux}
out=$root/harness/tests/golden/ktap/kunit.jsonl
jobs=${JOBS:-$(nproc)}

die() { echo "ktap-golden: error: $*" >&2; exit 1; }

git -C "$linux" rev-parse -q --verify pvops-base >/dev/null ||
	die "no tag pvops-base in $linux (make tree series)"
cmake -S "$root/harness" -B "$build" >/dev/null
cmake --build "$build" --target ktap_corpus -j"$jobs" >/dev/null

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git -C "$linux" archive pvops-base tools/testing/kunit | tar -x -C "$work"
kunit=$work/tools/testing/kunit/kunit.py
mkdir "$work/items"
"$build/ktap_corpus" write "$root" "$work/items"

# One kunit.py run per item; its summary line kept on its own.
parse_one() {
	local log=$1 base=${1%.log}
	timeout 60 "$kunit" parse --json="$base.json" "$log" >"$base.out" 2>&1 || true
	sed -n 's/.*Testing complete\. \(Ran .*\)$/\1/p' "$base.out" >"$base.summary"
	# No summary: kunit.py died; keep the last line of its traceback.
	[ -s "$base.summary" ] || tail -n1 "$base.out" >"$base.error"
}
export -f parse_one
export kunit
find "$work/items" -name '*.log' -print0 | xargs -0 -n1 -P"$jobs" bash -c 'parse_one "$0"'

mkdir -p "$(dirname "$out")"
"$build/ktap_corpus" golden "$work/items" "$out"
echo "ktap-golden: $(wc -l <"$out") items -> ${out#"$root"/}"
