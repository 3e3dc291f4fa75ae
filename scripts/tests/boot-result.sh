#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# A boot's result.json says what the column booted: the kernel's detection,
# Xen's sysfs view, every suite of the series present with no failure, the
# routing and hypercalls the guest reported (patches 0010-0011), the
# x86_hypervisor cases all passed, skips exactly where a case does not
# apply (each with a reason), and KUnit's deliberate kunit_fault oops seen
# and tolerated, nothing else.
set -euo pipefail
dir=$(dirname "$1")
python3 - "$1" "$dir/console.log" <<'PY'
import json, re, sys
r = json.load(open(sys.argv[1]))
col = r['column']
want = {
    'native':  {'kernel_detected': 'none',    'sys_hypervisor_type': '-',   'sys_hypervisor_guest_type': '-'},
    'xen-pv':  {'kernel_detected': 'Xen PV',  'sys_hypervisor_type': 'xen', 'sys_hypervisor_guest_type': 'PV'},
    'xen-pvh': {'kernel_detected': 'Xen HVM', 'sys_hypervisor_type': 'xen', 'sys_hypervisor_guest_type': 'PVH'},
}[col]
# Suites whose cases do not apply in a column, and the single cases that don't.
skipped_suites = {'native': {'xen_pv_mmu', 'xen_evtchn', 'xen_timer'},
                  'xen-pv': set(), 'xen-pvh': {'xen_pv_mmu'}}[col]
hc_xen = {'xen_hypercalls.' + c for c in (
    'static_call_target_test', 'single_hypercall_counted_once_test',
    'disabled_counts_nothing_test', 'subop_class_test',
    'totals_match_trap_count_test')}
hc_pv = {'xen_hypercalls.lazy_mmu_batch_histogram_test',
         'xen_hypercalls.multicall_entries_counted_test'}
skipped_cases = {'native': {'x86_irqflags.xen_upcall_mask_test'} | hc_xen | hc_pv,
                 'xen-pv': {'x86_irqflags.hardware_if_test'},
                 'xen-pvh': {'x86_irqflags.xen_upcall_mask_test'} | hc_pv}[col]
series = {'x86_hypervisor', 'x86_paravirt', 'x86_irqflags', 'x86_pvclock',
          'xen_pv_mmu', 'xen_evtchn', 'xen_timer', 'xen_hypercalls'}
errors = []
if r['status'] != 'pass':
    errors.append('status %s: %s' % (r['status'], r['problems']))
for k, v in want.items():
    if r['guest'].get(k) != v:
        errors.append('%s is %r, want %r' % (k, r['guest'].get(k), v))
suites = r['kunit']['suites']
for s in sorted(series - set(suites)):
    errors.append('suite %s missing' % s)
cases = suites.get('x86_hypervisor', {})
if len(cases) != 6 or set(cases.values()) != {'PASS'}:
    errors.append('x86_hypervisor: want 6 cases passed, got %s' % cases)
# A parameterized case's results are named case/parameter; they skip or
# pass with their case.
param_parents = {c.split('/')[0] for s in suites.values() for c in s if '/' in c}
for s in series & set(suites):
    for c, v in suites[s].items():
        should_skip = s in skipped_suites or f"{s}.{c.split('/')[0]}" in skipped_cases
        if should_skip != (v == 'SKIP'):
            errors.append(f'{s}.{c} is {v}, want {"SKIP" if should_skip else "PASS"}')
# Every skipped case says why (KUnit's suite line of an all-skipped
# suite, and a parameterized case's own line, carry no reason of their
# own; their cases and parameters do).
for line in open(sys.argv[2], errors='replace'):
    m = re.match(r'^\s+ok \d+ (\S+) # SKIP(.*)$', re.sub(r'^\[ *[0-9.]+\] ', '', line))
    if m and not m.group(2).strip() and m.group(1) not in param_parents:
        errors.append(f'case {m.group(1)} was skipped without a reason')
# Routing (debugfs paravirt/ops) and the workload's hypercalls per class
# (xen/hypercalls) as the guest printed them: PV routes page tables,
# interrupts and time to Xen; PVH only time, and makes no page-table
# hypercall; bare metal routes nothing and makes no hypercall at all.
routes = r['guest'].get('routes', {})
hc = {k: v['calls'] for k, v in r['guest'].get('hypercalls', {}).items()}
moved = {'native': set(), 'xen-pv': {'mmu.set_pte', 'irq.irq_disable', 'time.sched_clock',
                               'time.steal_clock'},
         'xen-pvh': {'time.sched_clock', 'time.steal_clock'}}[col]
for op in ('mmu.set_pte', 'irq.irq_disable', 'time.sched_clock', 'time.steal_clock'):
    if op not in routes:
        errors.append(f'no route reported for {op}')
    elif routes[op]['native'] == (op in moved):
        errors.append(f"{op} -> {routes[op]['target']} is {'' if routes[op]['native'] else 'not '}native")
if r['guest'].get('hcstats_bad_write') != 'rejected unchanged':
    errors.append(f"writing 'bogus' to xen/hypercalls: {r['guest'].get('hcstats_bad_write')}")
if col == 'native':
    if not r['guest'].get('ops_not_native', '').startswith('0 of '):
        errors.append(f"ops not native: {r['guest'].get('ops_not_native')}, want 0")
    if hc.get('total') != 0:
        errors.append(f'hypercalls on bare metal: {hc}')
else:
    positive = {'xen-pv': ('page-table', 'interrupt', 'timer'), 'xen-pvh': ('interrupt', 'timer')}[col]
    for cls in positive:
        if not hc.get(cls):
            errors.append(f'no {cls} hypercall in the workload: {hc}')
    if col == 'xen-pvh' and hc.get('page-table') != 0:
        errors.append(f'page-table hypercalls under PVH: {hc}')
    if hc and sum(v for k, v in hc.items() if k != 'total') != hc.get('total'):
        errors.append(f'classes do not add up to the total: {hc}')
n = sum(len(suites[s]) for s in series & set(suites))
print(f'{col}: {n} results in the series suites')
if len(r['tolerated']) != 1 or suites.get('kunit_fault', {}).get(
        'kunit_test_fault_null_dereference') != 'PASS':
    errors.append('kunit_fault oops: tolerated %d, want exactly 1 with the case passing' % len(r['tolerated']))
for e in errors:
    print('FAILED:', e)
sys.exit(1 if errors else 0)
PY
