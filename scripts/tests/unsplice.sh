#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Kernel messages printed in the middle of the guest's lines (a real
# native boot's console, scripts/tests/bootlog/spliced-ops.log) do not
# cost bootlog.py a route: every paravirt/ops line of the excerpt is read
# whole, and every kernel message is kept on a line of its own.
set -euo pipefail
S=$(cd "$(dirname "$0")/.." && pwd)
python3 - "$S" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
import bootlog

with open(f'{sys.argv[1]}/tests/bootlog/spliced-ops.log') as f:
    raw = f.read().splitlines()
broken = [l for l in raw if l.startswith('PVOPS-OPS: ') and not bootlog.OPS_LINE.match(l)]
assert broken, 'the fixture has no cut line: it tests nothing'
lines = bootlog.unsplice(raw)
ops = [l for l in lines if l.startswith('PVOPS-OPS: cpu.')]
bad = [l for l in ops if not bootlog.OPS_LINE.match(l) or not l.endswith('indirect=0')]
assert not bad, f'lines still cut: {bad}'
msgs = [l for l in raw if bootlog.CONSOLE_MSG.search(l)]
kept = [l for l in lines if bootlog.CONSOLE_MSG.match(l)]
assert len(kept) == len(msgs), f'{len(msgs)} kernel messages, {len(kept)} kept on their own line'
print(f'ok: {len(broken)} cut lines of {len(ops)} routes made whole, {len(kept)} kernel messages kept')
PY
