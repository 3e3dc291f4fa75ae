#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Stress the hypercall accounting switch: boot the kernel in each Xen
# column with 2 vCPUs and pvops.hcstress=N, so that the guest's init turns
# accounting on and off N times while a loop on the other CPU keeps making
# hypercalls. Each switch repoints the xen_hypercall static call, that is,
# rewrites every hypercall call site with text_poke_bp() while the other
# CPU runs through them. Prints per column whether the guest survived.
#
#   hcstats-stress.sh [N] [COLUMN...]     default: 300 xen-pv xen-pvh
set -euo pipefail
. "$(dirname "$0")/lib.sh"

n=${1:-300}
[[ $n =~ ^[1-9][0-9]*$ ]] || die "the number of switches must be a positive number, not '$n'"
shift || true
columns=("$@")
[ ${#columns[@]} -gt 0 ] || columns=(xen-pv xen-pvh)
[ -f "$BZIMAGE" ] && [ -f "$INITRD" ] || die "no kernel or initramfs in $BUILD; run 'make kernel initramfs' first"

rc=0
for c in "${columns[@]}"; do
	out=$BUILD/stress/$c
	mkdir -p "$out"
	PVOPS_SMP=2 "$PVOPS_ROOT/scripts/boot.sh" "$c" --append "pvops.hcstress=$n" --out "$out" \
		>"$out.log" 2>&1 || true
	python3 - "$out/result.json" "$c" "$n" <<'PY' || rc=1
import json, sys
path, column, n = sys.argv[1], sys.argv[2], sys.argv[3]
try:
    r = json.load(open(path))
except (OSError, ValueError) as e:
    sys.exit(f'pvops: error: {column}: no boot result {path}: {e}')
done = r.get('guest', {}).get('hcstress_toggles')
if done == n and not r.get('splats'):
    print(f'{column}: survived {n} switches of accounting under load')
    sys.exit(0)
why = (r.get('splats') or [{}])[0].get('text') or (r.get('problems') or ['?'])[0]
print(f'{column}: FAILED after {done or "an unknown number"} of {n} switches: '
      f'{why.strip()[:100]} (log: {r.get("log")})')
sys.exit(1)
PY
done
exit $rc
