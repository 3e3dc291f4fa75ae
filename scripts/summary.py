#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Print the boot matrix side by side from build/boot/*/result.json."""

import sys

import bootresults
from bootresults import COLUMNS


def row(label, values, width):
    return f'{label:<25}' + ''.join(f'{v:<{width}}' for v in values)


# The operations shown, by class, from the guest's copy of paravirt/ops.
ROUTED = [
    ('page-table', ['mmu.set_pte', 'mmu.set_pmd', 'mmu.write_cr3', 'mmu.flush_tlb_user',
                    'mmu.lazy_mode.leave']),
    ('interrupt', ['irq.irq_disable', 'irq.save_fl', 'irq.safe_halt']),
    ('timer', ['time.sched_clock', 'time.steal_clock']),
]


def routing(results, width):
    """Routing of the page-table, interrupt and timer ops, hypercalls per class."""
    def route(col, op):
        r = results[col]
        got = r and r['guest'].get('routes', {}).get(op)
        if not got:
            return '-'
        return got['target'][:width - 4] + ('' if got['native'] else ' *')

    def hcalls(col, cls):
        r = results[col]
        h = r and r['guest'].get('hypercalls')
        if not h:
            return 'no counters'
        c = h.get(cls)
        return f"{c['calls']} (+{c['batched']} batched)" if c else '?'

    out = ['', row('routing (* = not native)', [''] * len(COLUMNS), width)]
    for cls, ops in ROUTED:
        for op in ops:
            out.append(row(f'  {op}', [route(c, op) for c in COLUMNS], width))
    out.append(row('  ops not native', [
        (results[c] or {}).get('guest', {}).get('ops_not_native', '-') for c in COLUMNS], width))
    out.append(row('hypercalls (workload)', [''] * len(COLUMNS), width))
    for cls in ('page-table', 'interrupt', 'timer', 'other', 'total'):
        out.append(row(f'  {cls}', [hcalls(c, cls) for c in COLUMNS], width))
    return '\n'.join(out)


def main():
    boot_dir = sys.argv[1]
    results = bootresults.load(boot_dir)

    def field(col, get):
        r = results[col]
        if r is None:
            return 'not run'
        try:
            return str(get(r))
        except (KeyError, TypeError):
            return '?'

    def ktap(r):
        k = r['kunit']
        return f"{k['pass']}/{k['fail']}/{k['skip']}/{k['error']}"

    def suite(r):
        cases = r['kunit']['suites'].get('x86_hypervisor', {})
        passed = sum(1 for s in cases.values() if s == 'PASS')
        return f'{passed}/{len(cases)} pass' if cases else 'absent'

    width = 30
    lines = [
        row('', COLUMNS, width),
        row('verdict', [field(c, lambda r: r['status'].upper()) for c in COLUMNS], width),
        row('kernel detected', [field(c, lambda r: r['guest']['kernel_detected']) for c in COLUMNS], width),
        row('paravirt banner', [field(c, lambda r: r['guest']['paravirt_banner']) for c in COLUMNS], width),
        row('/sys/hypervisor', [field(c, lambda r: '{} {} {}'.format(
            r['guest']['sys_hypervisor_type'], r['guest']['sys_hypervisor_guest_type'],
            r['guest']['xen_version'])) for c in COLUMNS], width),
        row('clocksource now', [field(c, lambda r: r['guest']['clocksource']) for c in COLUMNS], width),
        row('clocksources offered', [field(c, lambda r: r['guest']['clocksources']) for c in COLUMNS], width),
        row('clockevent (cpu0)', [field(c, lambda r: r['guest']['clockevent']) for c in COLUMNS], width),
        row('irq chips', [field(c, lambda r: r['guest']['irq_chips'][:width - 2]) for c in COLUMNS], width),
        row('x86_hypervisor suite', [field(c, suite) for c in COLUMNS], width),
        row('KTAP pass/fail/skip/err', [field(c, ktap) for c in COLUMNS], width),
        row('boot wall time', [field(c, lambda r: f"{r['seconds']:.1f} s") for c in COLUMNS], width),
    ]
    print('\n'.join(lines))
    print(routing(results, width))
    print('logs:')
    for c in COLUMNS:
        if results[c]:
            print(f'  {c:<8} {results[c]["log"]}')
            for p in results[c]['problems']:
                print(f'           problem: {p}')
    return 0 if all(r and r['status'] == 'pass' for r in results.values()) else 1


if __name__ == '__main__':
    sys.exit(main())
