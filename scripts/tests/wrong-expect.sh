#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The x86_hypervisor suite can fail: boot natively but tell it the runner
# booted a Xen PV guest. The boot must fail, on exactly the cases whose view
# differs between native and Xen PV.
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
out=$BUILD/boot-negative/native-expect-xen-pv
"$PVOPS_ROOT/scripts/boot.sh" native --expect xen-pv --out "$out"
rc=$?
echo "boot.sh rc=$rc (want 1)"
[ $rc -eq 1 ] || exit 1
python3 - "$out/result.json" <<'PY'
import json, sys
cases = json.load(open(sys.argv[1]))['kunit']['suites']['x86_hypervisor']
print(cases)
want_fail = {'hypervisor_type_test', 'xen_domain_type_test', 'xenpv_feature_test',
             'xen_cpuid_signature_test', 'paravirt_banner_test'}
got_fail = {c for c, s in cases.items() if s == 'FAIL'}
assert got_fail == want_fail, 'failed %s, want %s' % (sorted(got_fail), sorted(want_fail))
assert cases['xen_pvh_test'] == 'PASS'
PY
