#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Compare three pvharness reports: base, accounting off, accounting on.

  hcstats_cost.py BASE.json OFF.json ON.json

In deterministic mode a per-op time is a count of guest instructions
(Xen's included). Prints per benchmark and boot the median per op of each
kernel, the deviation of off and on from base, the hypercalls per op (as
counted by the "on" run) and what off and on add per hypercall; then per
boot how many ops off and base ran in exactly the same number of
instructions, the largest deviations, on against off of the same kernel,
and the verdict: off within 0.1% of base in every boot, on within 2% of
base under Xen. Exit status 1 when a target is missed.
"""

import json
import math
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
        keys = [k for k in base if k[1] == col and k in off and k in on]
        same = sum(1 for k in keys if off[k][0] == base[k][0])
        on_off = [pct(on[k][0], off[k][0]) for k in keys]
        geo = 100.0 * (math.prod(1 + d / 100.0 for d in on_off) ** (1.0 / len(on_off)) - 1) \
            if on_off else 0.0
        wo, wn = worst[('off', col)], worst[('on', col)]
        off_ok = wo <= OFF_LIMIT
        on_ok = col == 'native' or wn <= ON_LIMIT
        ok = ok and off_ok and on_ok
        print(f'{col:<8} off vs base: {same} of {len(keys)} ops identical, largest |off-base| '
              f"{wo:.3f}% (target 0.1%: {'met' if off_ok else 'MISSED'})")
        print(f'{"":<8} on vs base: largest {wn:+.3f}%'
              + ('' if col == 'native' else f" (target 2%: {'met' if on_ok else 'MISSED'})")
              + f'; on vs off, same kernel: largest {max(on_off, default=0):+.3f}%, '
              f'geometric mean {geo:+.3f}%')
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
