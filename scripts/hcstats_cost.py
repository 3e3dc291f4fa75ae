#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""What hypercall accounting costs, from the runs of scripts/hcstats-cost.sh.

  hcstats_cost.py [--code TEXTCMP.txt] [--placebo-code TEXTCMP.txt]
                  [--layout TEXT] --ab AB_DIR
                  --base R.json... --off R.json... [--placebo R.json...]

The R.json are pvharness reports in deterministic mode (a per-op time is a
count of guest instructions, Xen's included), one per boot: the kernel
without accounting (--base), the kernel with accounting compiled in and
off (--off) and, optionally, the base kernel with as much code as the
accounting adds but never called (--placebo). Each kernel's figure for a
benchmark is the least median over its boots (as the A/B runs take the
least of their passes).
AB_DIR holds one directory per boot (native, xen-pv, xen-pvh) with the
serial.log of a pvbench A/B run: each benchmark with accounting off, on,
on, off in the same boot.

Prints two tables and the verdicts:
  off vs base  per benchmark and boot, the deviation of off from base,
               of the placebo from base (what moving the code alone
               does) and of off from the placebo (the same layout), and
               how far one kernel's boots spread; per boot how many ops
               ran in exactly the same number of instructions;
  on vs off    per benchmark and boot, from the A/B runs: the change, the
               hypercalls per op and the instructions each one added.
Targets: |off - base| <= 0.1% in every boot, on - off <= 2% under Xen,
both on the benchmarks that count instructions per op (metric "time");
the wakeup benchmarks (overshoot, lateness) are shown beside them.
With a placebo, an op outside 0.1% of base still meets the first target
when it is within 0.1% of the placebo: the unused code moved it as far,
so what moved it is where the code after the accounting lies, not what
accounting that is off executes. The verdict line says so.
Exit status 1 when a target is missed, 2 on unreadable input.
"""

import argparse
import json
import math
import os
import sys

COLUMNS = ('native', 'xen-pv', 'xen-pvh')
OFF_LIMIT, ON_LIMIT = 0.1, 2.0
AB_PREFIX = 'PVBENCH-AB: '


def fail(msg):
    print(f'pvops: error: {msg}', file=sys.stderr)
    sys.exit(2)


METRICS = {}    # benchmark -> its metric: 'time', or a wakeup's 'overshoot', 'lateness'


def report_cells(path):
    """(benchmark, column) -> median per op, from a pvharness report."""
    try:
        with open(path) as f:
            report = json.load(f)
    except (OSError, ValueError) as e:
        fail(f'cannot read report {path}: {e}')
    if not report.get('deterministic'):
        fail(f'{path} was not run in deterministic mode')
    out = {}
    for bench in report['benchmarks']:
        METRICS[bench['name']] = bench.get('metric', 'time')
        for col, cell in bench['columns'].items():
            if cell.get('status') == 'ok' and cell.get('median'):
                out[(bench['name'], col)] = float(cell['median'])
    return out


def ab_records(ab_dir):
    """(benchmark, column) -> A/B record, from the serial logs."""
    out = {}
    for col in COLUMNS:
        log = os.path.join(ab_dir, col, 'serial.log')
        try:
            with open(log, errors='replace') as f:
                lines = f.read().splitlines()
        except OSError as e:
            fail(f'cannot read the A/B log {log}: {e}')
        for line in lines:
            at = line.find(AB_PREFIX)
            if at < 0:
                continue
            try:
                rec = json.loads(line[at + len(AB_PREFIX):].strip())
            except ValueError:
                fail(f'a PVBENCH-AB record in {log} is not JSON: {line.strip()[:80]}')
            least_of_sides(rec)
            out[(rec['name'], col)] = rec
        if not any(k[1] == col for k in out):
            fail(f'no PVBENCH-AB record in {log}; see that log')
    return out


def side_medians(rec, side):
    """The pass medians of one side of an A/B record: '0' off, '1' on."""
    order, medians = rec.get('order', ''), rec.get('pass_medians', {})
    return [medians[str(i)] for i, c in enumerate(order) if c == side and str(i) in medians]


def least_of_sides(rec):
    """Off and on as the least pass median of each side (as pvbench
    computes them), also for records that carry the passes' mean."""
    for side, key in (('0', 'off'), ('1', 'on')):
        vals = side_medians(rec, side)
        if vals:
            rec[key] = min(vals)
    hc = rec.get('hypercalls_per_op_on') or 0
    if rec.get('status') == 'ok' and hc:
        rec['added_per_hypercall'] = (rec['on'] - rec['off']) / hc


def pct(x, base):
    return 100.0 * (x - base) / base if base else 0.0


def geomean_pct(deltas):
    if not deltas:
        return 0.0
    return 100.0 * (math.prod(1 + d / 100.0 for d in deltas) ** (1.0 / len(deltas)) - 1)


def order(keys):
    return sorted(keys, key=lambda k: (k[0], COLUMNS.index(k[1])))


def least_of_boots(boots):
    """Per (benchmark, column), the least median over the boots."""
    out = {}
    for cells in boots:
        for k, v in cells.items():
            out[k] = min(v, out.get(k, v))
    return out


def boot_spread(boots, key):
    """How far the boots of one kernel differ on one op, in percent."""
    vals = [cells[key] for cells in boots if key in cells]
    return pct(max(vals), min(vals)) if vals else 0.0


def largest_dev(cells, base, keys):
    """The largest |cells - base| over keys, in percent of base."""
    return max((abs(pct(cells[k], base[k])) for k in keys), default=0.0)


def off_verdict(keys, base, off, placebo):
    """One boot's verdict on its time ops, 'met', 'met, layout' or
    'MISSED', and the ops outside the target."""
    outside = [k for k in keys if abs(pct(off[k], base[k])) > OFF_LIMIT]
    if not keys:
        return 'MISSED', outside
    if not outside:
        return 'met', outside
    if placebo is not None and largest_dev(off, placebo, outside) <= OFF_LIMIT:
        return 'met, layout', outside
    return 'MISSED', outside


def off_vs_base(bases, offs, placebos=None):
    """The table and per-boot verdicts of accounting off against base."""
    base, off = least_of_boots(bases), least_of_boots(offs)
    placebo = least_of_boots(placebos) if placebos else None
    print('accounting compiled in, off, against the kernel without it (guest instructions '
          f'per op, the least median of {len(bases)}/{len(offs)}'
          f'{f"/{len(placebos)}" if placebos else ""} boots of each kernel)')
    head = f"{'benchmark':<28} {'boot':<8} {'base':>11} {'off':>11} {'off-base':>9}"
    if placebo is not None:
        head += f" {'placebo-base':>13} {'off-placebo':>12}"
    print(head + f" {'boots':>7}")
    present = [k for k in order(base) if k in off and (placebo is None or k in placebo)]
    for key in order(base):
        if key not in present:
            print(f'{key[0]:<28} {key[1]:<8} {base[key]:>11.0f} {"missing":>11}')
            continue
        b = base[key]
        line = f'{key[0]:<28} {key[1]:<8} {b:>11.0f} {off[key]:>11.0f} {pct(off[key], b):>+8.3f}%'
        if placebo is not None:
            line += f' {pct(placebo[key], b):>+12.3f}% {pct(off[key], placebo[key]):>+11.3f}%'
        spread = max(boot_spread(bs, key) for bs in (bases, offs, placebos or []) if bs)
        print(line + f' {spread:>6.2f}%')
    print()
    print('boots: how far the boots of one kernel differ (the largest over the kernels); '
          'placebo: the base kernel with as much code as accounting adds, never called')
    verdicts = {}
    for col in COLUMNS:
        both = [k for k in present if k[1] == col]
        # The target is on instructions per op; how late a wakeup comes
        # depends on where the timer tick falls, which moves from boot
        # to boot, and is shown beside it.
        keys = [k for k in both if METRICS.get(k[0], 'time') == 'time']
        wakeups = [k for k in both if k not in keys]
        same_off = sum(1 for k in keys if off[k] == base[k])
        verdict, outside = off_verdict(keys, base, off, placebo)
        verdicts[col] = verdict != 'MISSED'
        line = (f'{col:<8} off vs base: {same_off} of {len(keys)} time ops identical, largest '
                f'|off-base| {largest_dev(off, base, keys):.3f}%')
        if placebo is not None:
            line += (f', |placebo-base| {largest_dev(placebo, base, keys):.3f}%, '
                     f'|off-placebo| {largest_dev(off, placebo, keys):.3f}%')
        line += f' (target {OFF_LIMIT}%: {verdict}'
        if verdict == 'met, layout':
            line += f": {' '.join(k[0] for k in outside)} moved as far with the placebo"
        line += ')'
        if wakeups:
            line += f'; wakeups: largest |off-base| {largest_dev(off, base, wakeups):.3f}%'
        print(line)
    return verdicts


def ab_noise(rec):
    """How far the passes of one side differ from each other, in percent."""
    spread = 0.0
    for side in '01':
        vals = side_medians(rec, side)
        if len(vals) > 1 and min(vals) > 0:
            spread = max(spread, 100.0 * (max(vals) - min(vals)) / min(vals))
    return spread


def on_vs_off(ab):
    """The table and per-boot verdicts of the A/B runs."""
    print()
    print('accounting on against off, the same boot (pvbench A/B: off, on, on, off; '
          'the least median of each side)')
    print(f"{'benchmark':<28} {'boot':<8} {'metric':<9} {'off':>11} {'on':>11} "
          f"{'on-off':>9} {'spread':>7} {'hc/op':>8} {'added/hc':>9}")
    for key in order(ab):
        rec = ab[key]
        if rec.get('status') != 'ok':
            print(f'{key[0]:<28} {key[1]:<8} {rec.get("status")}: {rec.get("reason", "")}')
            continue
        hc = rec['hypercalls_per_op_on']
        added = f"{rec['added_per_hypercall']:>9.1f}" if hc else f'{"-":>9}'
        print(f"{key[0]:<28} {key[1]:<8} {rec['metric']:<9} {rec['off']:>11.1f} "
              f"{rec['on']:>11.1f} {pct(rec['on'], rec['off']):>+8.3f}% {ab_noise(rec):>6.2f}% "
              f"{hc:>8.2f} {added}")
    print()
    print('spread: how far the passes of one side differ (what the same setting varies by); '
          'added/hc: guest instructions added per hypercall counted')
    verdicts = {}
    for col in COLUMNS:
        recs = [ab[k] for k in ab if k[1] == col and ab[k].get('status') == 'ok']
        # The target is on the cost of an operation: the "time" benchmarks.
        # Overshoot and lateness measure when a wakeup came; shown apart.
        timed = [r for r in recs if r['metric'] == 'time']
        wakeups = [r for r in recs if r['metric'] != 'time']
        deltas = [pct(r['on'], r['off']) for r in timed]
        worst = max(deltas, default=0.0)
        worst_name = max(timed, key=lambda r: pct(r['on'], r['off']))['name'] if timed else '-'
        leaked = [r['name'] for r in recs if r['hypercalls_per_op_off'] > 0]
        counted = [r for r in timed if r['hypercalls_per_op_on'] >= 1]
        per_hc = sorted(r['added_per_hypercall'] for r in counted)
        met = bool(timed) and (col == 'native' or worst <= ON_LIMIT) and not leaked
        verdicts[col] = met
        line = (f'{col:<8} on vs off: largest {worst:+.3f}% ({worst_name}), geometric mean '
                f'{geomean_pct(deltas):+.3f}% over {len(timed)} time ops')
        if per_hc:
            line += (f'; added per hypercall (ops with 1 or more) '
                     f'{per_hc[0]:.1f} to {per_hc[-1]:.1f} instructions, median '
                     f'{per_hc[len(per_hc) // 2]:.1f}')
        if col != 'native':
            line += f" (target {ON_LIMIT}%: {'met' if met else 'MISSED'})"
        if wakeups:
            line += (f'; wakeups (overshoot, lateness) largest '
                     f"{max(pct(r['on'], r['off']) for r in wakeups):+.3f}%")
        if leaked:
            line += f"; counted while off: {' '.join(leaked)}"
        print(line)
    return verdicts


def main():
    ap = argparse.ArgumentParser(description='What hypercall accounting costs.')
    ap.add_argument('--code', help="textcmp.py's output for the base and full kernels")
    ap.add_argument('--placebo-code', help="textcmp.py's output for base and the placebo")
    ap.add_argument('--layout', help='one line on where the kernels place their code')
    ap.add_argument('--base', nargs='+', required=True, help='boots of the kernel without it')
    ap.add_argument('--off', nargs='+', required=True, help='boots of the kernel with it, off')
    ap.add_argument('--placebo', nargs='+', help='boots of the base kernel with unused code')
    ap.add_argument('--ab', required=True, metavar='AB_DIR', help='the A/B boots')
    args = ap.parse_args()
    bases = [report_cells(p) for p in args.base]
    offs = [report_cells(p) for p in args.off]
    placebos = [report_cells(p) for p in args.placebo] if args.placebo else None
    ab = ab_records(args.ab)
    off_ok = off_vs_base(bases, offs, placebos)
    on_ok = on_vs_off(ab)
    for label, path in (('code', args.code), ('placebo code', args.placebo_code)):
        if not path:
            continue
        try:
            with open(path) as f:
                print(f'{label}: {f.read().strip().splitlines()[-1]}')
        except (OSError, IndexError):
            print(f'{label}: no comparison in {path}')
    if args.layout:
        print(f'layout: {args.layout}')
    return 0 if all(off_ok.values()) and all(on_ok.values()) else 1


if __name__ == '__main__':
    sys.exit(main())
