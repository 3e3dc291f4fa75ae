#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# A boot's result.json says what the column booted: the kernel's detection,
# Xen's sysfs view, all x86_hypervisor cases passed (none skipped), and
# KUnit's deliberate kunit_fault oops seen and tolerated, nothing else.
set -euo pipefail
python3 - "$1" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
want = {
    'native':  {'kernel_detected': 'none',    'sys_hypervisor_type': '-',   'sys_hypervisor_guest_type': '-'},
    'xen-pv':  {'kernel_detected': 'Xen PV',  'sys_hypervisor_type': 'xen', 'sys_hypervisor_guest_type': 'PV'},
    'xen-pvh': {'kernel_detected': 'Xen HVM', 'sys_hypervisor_type': 'xen', 'sys_hypervisor_guest_type': 'PVH'},
}[r['column']]
errors = []
if r['status'] != 'pass':
    errors.append('status %s: %s' % (r['status'], r['problems']))
for k, v in want.items():
    if r['guest'].get(k) != v:
        errors.append('%s is %r, want %r' % (k, r['guest'].get(k), v))
cases = r['kunit']['suites'].get('x86_hypervisor', {})
print('x86_hypervisor:', cases)
if len(cases) != 6 or set(cases.values()) != {'PASS'}:
    errors.append('x86_hypervisor: want 6 cases passed, got %s' % cases)
if len(r['tolerated']) != 1 or r['kunit']['suites'].get('kunit_fault', {}).get(
        'kunit_test_fault_null_dereference') != 'PASS':
    errors.append('kunit_fault oops: tolerated %d, want exactly 1 with the case passing' % len(r['tolerated']))
for e in errors:
    print('FAILED:', e)
sys.exit(1 if errors else 0)
PY
