#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Compare three pvharness reports: base, accounting off, accounting on.

  hcstats_cost.py BASE.json OFF.json ON.json

In deterministic mode a per-op time is a count of guest instructions
(Xen's included). Prints per benchmark and boot the median per op of each
kernel, the deviation of off and on from base, the hypercalls per op (as
counted by the "on" run) and what off and on add per hypercall; then the
largest deviations and the verdict: off within 0.1% of base in every
boot, on within 2% of base under Xen. Exit status 1 when a target is
missed.
"""

import json
import sys

COLUMNS = ('native', 'xen-pv', 'xen-pvh')
OFF_LIMIT, ON_LIMIT = 0.1, 2.0


def cells(path):
    """(benchmark, column) -> (median, hypercalls per op or None)."""
    try:
        with open(path) as f:
            report = json.load(f)
    except (OSError, ValueError) as e:
        sys.exit(f'pvops: error: cannot read report {path}: {e}')
    if not report.get('deterministic'):
        sys.exit(f'pvops: error: {path} was not run in deterministic mode')
    out = {}
    for bench in report['benchmarks']:
        for col, cell in bench['columns'].items():
            if cell.get('status') == 'ok' and cell.get('median'):
                hc = (cell.get('hypercalls_per_op') or {}).get('total')
                out[(bench['name'], col)] = (float(cell['median']), hc)
    return out


def pct(x, base):
    return 100.0 * (x - base) / base


def per_hypercall(delta, hc):
    return f'{delta / hc:>+8.1f}' if hc else f'{"-":>8}'


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    base, off, on = (cells(p) for p in sys.argv[1:])
    worst = {('off', c): 0.0 for c in COLUMNS} | {('on', c): 0.0 for c in COLUMNS}
    print(f"{'benchmark':<28} {'boot':<8} {'base':>10} {'off':>10} {'on':>10} "
          f"{'off-base':>9} {'on-base':>9} {'hc/op':>7} {'off/hc':>8} {'on/hc':>8}")
    for (name, col) in sorted(base, key=lambda k: (k[0], COLUMNS.index(k[1]))):
        b = base[(name, col)][0]
        if (name, col) not in off or (name, col) not in on:
            print(f'{name:<28} {col:<8} {b:>10.0f} {"missing":>10}')
            continue
        o, n, hc = off[(name, col)][0], on[(name, col)][0], on[(name, col)][1]
        do, dn = pct(o, b), pct(n, b)
        worst[('off', col)] = max(worst[('off', col)], abs(do))
        worst[('on', col)] = max(worst[('on', col)], dn)
        hcs = f'{hc:>7.1f}' if hc is not None else f'{"-":>7}'
        print(f'{name:<28} {col:<8} {b:>10.0f} {o:>10.0f} {n:>10.0f} {do:>+8.3f}% {dn:>+8.3f}% '
              f'{hcs} {per_hypercall(o - b, hc)} {per_hypercall(n - b, hc)}')
    print()
    print('per-op figures are guest instructions (median batch); off/hc and on/hc are the '
          'instructions added per hypercall')
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
