#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The x86_hypervisor suite can fail: boot natively but tell it the runner
# booted a Xen PV guest, then a Xen PVH guest. Each boot must fail, on
# exactly the cases whose view differs between native and what it was
# told; between the two runs every case has been seen failing.
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
bad=0
for expect in xen-pv xen-pvh; do
	out=$BUILD/boot-negative/native-expect-$expect
	"$PVOPS_ROOT/scripts/boot.sh" native --expect "$expect" --out "$out"
	rc=$?
	echo "expect=$expect: boot.sh rc=$rc (want 1)"
	[ $rc -eq 1 ] || bad=1
	python3 - "$out/result.json" "$expect" <<'PY' || bad=1
import json, sys
cases = json.load(open(sys.argv[1]))['kunit']['suites']['x86_hypervisor']
common = {'hypervisor_type_test', 'xen_domain_type_test', 'xen_cpuid_signature_test',
          'paravirt_banner_test'}
want_fail = common | ({'xenpv_feature_test'} if sys.argv[2] == 'xen-pv' else {'xen_pvh_test'})
got_fail = {c for c, s in cases.items() if s == 'FAIL'}
print(sys.argv[2], cases)
assert len(cases) == 6, 'want 6 cases'
assert got_fail == want_fail, 'failed %s, want %s' % (sorted(got_fail), sorted(want_fail))
assert all(s == 'PASS' for c, s in cases.items() if c not in want_fail)
PY
done
exit $bad
