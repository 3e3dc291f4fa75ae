#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# hcstats_cost.py judges what make hcstats-cost measured: on made-up
# reports and A/B logs it passes figures inside the targets and names the
# boot of each one outside them (off drifting from base by more than 0.1%
# where a placebo of unused code does not move as far, on costing more
# than 2% under Xen, a hypercall counted while off), and stops with one
# line on a missing log.
set -euo pipefail
S=$(cd "$(dirname "$0")/.." && pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

# report NAME PCT_PV: a deterministic pvharness report with two
# benchmarks in three boots, Xen PV's figures moved by PCT_PV percent.
report() {
	python3 - "$dir/$1.json" "$2" <<'PY'
import json, sys
path, pv = sys.argv[1], float(sys.argv[2])
cols = lambda base: {c: {'status': 'ok', 'median': base * (1 + (pv if c == 'xen-pv' else 0) / 100)}
                     for c in ('native', 'xen-pv', 'xen-pvh')}
json.dump({'deterministic': True, 'benchmarks': [
    {'name': 'page-table.mprotect', 'columns': cols(10000.0)},
    {'name': 'timer.clock_gettime', 'columns': cols(80.0)}]}, open(path, 'w'))
PY
}

# ablog DIR ON_PV OFF_HC: A/B logs for three boots; Xen PV's "on" figure
# and the hypercalls its "off" passes counted are given.
ablog() {
	local c on hc
	for c in native xen-pv xen-pvh; do
		mkdir -p "$dir/$1/$c"
		on=10030 hc=0
		[ $c = xen-pv ] && on=$2 hc=$3
		{
			echo "[    9.000000] some kernel line"
			echo "PVBENCH-AB: {\"type\":\"ab\",\"name\":\"page-table.mprotect\",\"class\":\"page-table\",\"status\":\"ok\",\"metric\":\"time\",\"unit\":\"ns\",\"iterations\":100,\"order\":\"0110\",\"off\":10000,\"on\":$on,\"hypercalls_per_op_on\":2,\"hypercalls_per_op_off\":$hc,\"added_per_hypercall\":15}"
			echo "PVBENCH-AB: {\"type\":\"ab\",\"name\":\"timer.clock_gettime\",\"class\":\"timer\",\"status\":\"ok\",\"metric\":\"time\",\"unit\":\"ns\",\"iterations\":100,\"order\":\"0110\",\"off\":80,\"on\":80,\"hypercalls_per_op_on\":0,\"hypercalls_per_op_off\":0,\"added_per_hypercall\":0}"
		} >"$dir/$1/$c/serial.log"
	done
}

# judge OFF AB [MORE...]: the judge on base (two boots), OFF and AB.
judge() {
	local off=$1 ab=$2
	shift 2
	python3 "$S/hcstats_cost.py" --ab "$dir/$ab" --base "$dir/base.json" "$dir/again.json" \
		--off "$dir/$off.json" "$@" >"$dir/out" 2>&1
}

report base 0
report again 0
report off 0
report off-drift 0.15
ablog ab 10030 0
ablog ab-costly 10300 0 # 3%
ablog ab-leak 10030 0.5

judge off ab || { cat "$dir/out"; echo "FAIL: targets met, but exit status $?"; exit 1; }
grep -q "^xen-pv   off vs base: 2 of 2 time ops identical, largest |off-base| 0.000% (target 0.1%: met)" "$dir/out" ||
	{ cat "$dir/out"; echo "FAIL: no 'met' line for off vs base"; exit 1; }
grep -q "^xen-pv   on vs off: largest +0.300%.*added per hypercall.*15.0 to 15.0.*(target 2.0%: met)" "$dir/out" ||
	{ cat "$dir/out"; echo "FAIL: no 'met' line for on vs off"; exit 1; }
echo "ok: inside the targets"

rc=0
judge off-drift ab || rc=$?
[ $rc = 1 ] && grep -q "^xen-pv   off vs base: 0 of 2 .* 0.150% (target 0.1%: MISSED)" "$dir/out" ||
	{ cat "$dir/out"; echo "FAIL: a 0.15% drift was not named (exit $rc)"; exit 1; }
echo "ok: off drifting 0.15% from base is MISSED under xen-pv"

# With a second boot of the off kernel, each kernel counts with the least
# of its boots: one boot drifting by 0.15% is not held against it.
judge off-drift ab "$dir/off.json" &&
	grep -q "^xen-pv   off vs base: 2 of 2 time ops identical.*(target 0.1%: met)" "$dir/out" ||
	{ cat "$dir/out"; echo "FAIL: the least of the boots was not taken"; exit 1; }
echo "ok: each kernel counts with the least of its boots"

# A placebo (unused code) that moves as far as off does: the drift is the
# layout's, and the verdict says so; one that stays with base: MISSED.
judge off-drift ab --placebo "$dir/off-drift.json" &&
	grep -q "^xen-pv   off vs base: .* 0.150%, |placebo-base| 0.150%, |off-placebo| 0.000% (target 0.1%: met, layout: page-table.mprotect timer.clock_gettime moved as far with the placebo)" "$dir/out" ||
	{ cat "$dir/out"; echo "FAIL: a drift the placebo shares was not put down to layout"; exit 1; }
rc=0
judge off-drift ab --placebo "$dir/base.json" || rc=$?
[ $rc = 1 ] && grep -q "^xen-pv   off vs base: .*|off-placebo| 0.150% (target 0.1%: MISSED)" "$dir/out" ||
	{ cat "$dir/out"; echo "FAIL: a drift the placebo does not share was not MISSED (exit $rc)"; exit 1; }
echo "ok: a drift the placebo shares is layout, one it does not share is MISSED"

rc=0
judge off ab-costly || rc=$?
[ $rc = 1 ] && grep -q "^xen-pv   on vs off: largest +3.000%.*MISSED" "$dir/out" ||
	{ cat "$dir/out"; echo "FAIL: a 3% cost was not named (exit $rc)"; exit 1; }
echo "ok: on costing 3% is MISSED under xen-pv"

rc=0
judge off ab-leak || rc=$?
[ $rc = 1 ] && grep -q "^xen-pv .*MISSED.*counted while off: page-table.mprotect" "$dir/out" ||
	{ cat "$dir/out"; echo "FAIL: counting while off was not named (exit $rc)"; exit 1; }
echo "ok: a hypercall counted while off is MISSED"

rm "$dir/ab/xen-pvh/serial.log"
rc=0
judge off ab || rc=$?
[ $rc = 2 ] && [ "$(wc -l <"$dir/out")" = 1 ] &&
	grep -q "^pvops: error: cannot read the A/B log .*xen-pvh/serial.log" "$dir/out" ||
	{ cat "$dir/out"; echo "FAIL: a missing log did not stop with one line (exit $rc)"; exit 1; }
echo "ok: a missing A/B log stops with one line naming it"
