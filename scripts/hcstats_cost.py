#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Compare three pvharness reports: base, accounting off, accounting on.

  hcstats_cost.py BASE.json OFF.json ON.json

In deterministic mode a per-op time is a count of guest instructions
(Xen's included). Prints per benchmark and boot the median per op of each
kernel and the deviation of off and on from base, then the largest
deviations and the verdict: off within 0.1% of base in every boot, on
within 2% of base under Xen. Exit status 1 when a target is missed.
"""

import json
import sys

COLUMNS = ('native', 'xen-pv', 'xen-pvh')
OFF_LIMIT, ON_LIMIT = 0.1, 2.0


def medians(path):
    with open(path) as f:
        report = json.load(f)
    if not report.get('deterministic'):
        sys.exit(f'pvops: error: {path} was not run in deterministic mode')
    out = {}
    for bench in report['benchmarks']:
        for col, cell in bench['columns'].items():
            if cell.get('status') == 'ok' and cell.get('median'):
                out[(bench['name'], col)] = float(cell['median'])
    return out


def pct(x, base):
    return 100.0 * (x - base) / base


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    base, off, on = (medians(p) for p in sys.argv[1:])
    worst = {('off', c): 0.0 for c in COLUMNS} | {('on', c): 0.0 for c in COLUMNS}
    print(f"{'benchmark':<28} {'boot':<8} {'base':>12} {'off':>12} {'on':>12} "
          f"{'off-base':>9} {'on-base':>9}")
    for (name, col) in sorted(base, key=lambda k: (k[0], COLUMNS.index(k[1]))):
        b = base[(name, col)]
        o, n = off.get((name, col)), on.get((name, col))
        if o is None or n is None:
            print(f'{name:<28} {col:<8} {b:>12.0f} {"missing":>12}')
            continue
        do, dn = pct(o, b), pct(n, b)
        worst[('off', col)] = max(worst[('off', col)], abs(do))
        worst[('on', col)] = max(worst[('on', col)], dn)
        print(f'{name:<28} {col:<8} {b:>12.0f} {o:>12.0f} {n:>12.0f} {do:>+8.3f}% {dn:>+8.3f}%')
    print()
    ok = True
    for col in COLUMNS:
        wo, wn = worst[('off', col)], worst[('on', col)]
        off_ok = wo <= OFF_LIMIT
        on_ok = col == 'native' or wn <= ON_LIMIT
        ok = ok and off_ok and on_ok
        print(f'{col:<8} disabled: largest |off-base| {wo:.3f}% (target 0.1%: '
              f"{'met' if off_ok else 'MISSED'}); enabled: largest on-base {wn:+.3f}%"
              + ('' if col == 'native' else f" (target 2%: {'met' if on_ok else 'MISSED'})"))
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
