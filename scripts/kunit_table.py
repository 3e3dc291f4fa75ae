#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Per suite and per boot: KUnit pass/fail/skip, from build/boot/*/result.json.

  kunit_table.py BOOT_DIR [--skips]

--skips also lists every skipped case with the reason the kernel gave.
Exit status 1 if any case failed or crashed in any boot, or a boot is missing.
"""

import os
import re
import sys

import bootresults
from bootresults import COLUMNS


def skip_reasons(console):
    """Map 'suite.case' -> reason from '# SKIP reason' result lines."""
    reasons, suite = {}, None
    try:
        lines = open(console, errors='replace').read().splitlines()
    except OSError:
        return reasons
    for line in lines:
        line = re.sub(r'^\[ *[0-9.]+\] ', '', line)
        m = re.match(r'^\s*# Subtest: (\S+)', line)
        if m and not line.startswith('        '):
            suite = m.group(1)
        m = re.match(r'^\s*ok \d+ (\S+) # SKIP (.*)$', line)
        if m and suite:
            reasons.setdefault(f'{suite}.{m.group(1)}', m.group(2))
    return reasons


def main():
    boot_dir = sys.argv[1]
    results = bootresults.load(boot_dir)
    suites = sorted({s for r in results.values() if r for s in r['kunit']['suites']})
    width = max([len(s) for s in suites] + [10]) + 2
    print(f"{'suite':<{width}}" + ''.join(f'{c + " p/f/s":<18}' for c in COLUMNS))
    bad = any(r is None for r in results.values())
    totals = {c: [0, 0, 0] for c in COLUMNS}
    for s in suites:
        row = f'{s:<{width}}'
        for c in COLUMNS:
            r = results[c]
            cases = r['kunit']['suites'].get(s, {}) if r else {}
            p = sum(1 for v in cases.values() if v == 'PASS')
            f = sum(1 for v in cases.values() if v in ('FAIL', 'ERROR'))
            k = sum(1 for v in cases.values() if v == 'SKIP')
            bad |= f > 0
            for i, v in enumerate((p, f, k)):
                totals[c][i] += v
            row += f'{p}/{f}/{k}'.ljust(18) if cases else 'absent'.ljust(18)
        print(row)
    print(f"{'total':<{width}}" + ''.join(f'{"/".join(map(str, totals[c])):<18}' for c in COLUMNS))
    if '--skips' in sys.argv:
        for c in COLUMNS:
            if not results[c]:
                continue
            reasons = skip_reasons(os.path.join(boot_dir, c, 'console.log'))
            for s, cases in sorted(results[c]['kunit']['suites'].items()):
                for case, v in sorted(cases.items()):
                    if v == 'SKIP':
                        why = reasons.get(f'{s}.{case}', '(no reason given)')
                        print(f'  skip {c:<8} {s}.{case}: {why}')
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
