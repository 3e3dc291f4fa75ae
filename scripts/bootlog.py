#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Judge a boot log of the pvops boot matrix.

  bootlog.py splat LOG            print the splats in LOG; exit 1 if any
  bootlog.py judge --dir DIR ...  judge DIR/serial.log, write result.json

A boot passes when QEMU exited by itself, the guest's init reached its end
marker, no splat was found and KUnit reported no failure, crash or error.
"""

import argparse
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TIMESTAMP = re.compile(r'^\[ *[0-9]+\.[0-9]+\] ')
END_TRACE = re.compile(r'---\[ end trace')
GUEST_END = re.compile(r'^PVOPS-GUEST: end status=(\d+)')
PVINFO = re.compile(r'^PVOPS: ([a-z_]+)=(.*)$')
# The guest's copies of debugfs paravirt/ops (an operation, its target,
# native yes/no, site counts) and xen/hypercalls (its "# class" section:
# class, calls, batched), one prefixed line per line of the file.
OPS_LINE = re.compile(r'^PVOPS-OPS: (\S+) +(\S+) +(yes|no|\?) +inline=')
HCFILE_LINE = re.compile(r'^PVOPS-HCFILE: (.*)$')
HCALL_ROW = re.compile(r'^(\S+) +(\d+) +(\d+)$')
# KUnit's kunit_fault suite dereferences NULL on purpose, in this function.
FAULT_SUITE = re.compile(r'^\s*# Subtest: kunit_fault$')
FAULT_SUITE_END = re.compile(r'^(not )?ok \d+ kunit_fault\b')
FAULT_START = re.compile(r'^BUG: kernel NULL pointer dereference')
FAULT_RIP = re.compile(r'RIP: [0-9a-f]{4}:kunit_test_null_dereference\+')
# Where a kernel (or Xen) console message starts.
CONSOLE_MSG = re.compile(r'\[ *[0-9]+\.[0-9]{6}\] |\(XEN\) ')
GUEST_PREFIX = 'PVOPS'


def load_patterns(path=os.path.join(HERE, 'splat-patterns')):
    patterns = []
    with open(path) as f:
        for line in f:
            if not line.strip() or line.startswith('#'):
                continue
            name, regex = line.rstrip('\n').split('\t', 1)
            patterns.append((name, re.compile(regex)))
    return patterns


def clean(text):
    """Xen boots end lines in \\r\\r\\n: drop carriage returns."""
    return text.replace('\r', '')


def unsplice(lines):
    """The log with the guest's lines made whole again.

    The guest's init and the kernel share the console: a kernel message can
    land in the middle of a line the guest prints ("PVOPS-OPS: cpu.x  nat"
    "[ 1.78] tsc: ...", then "ive_x  yes ..." on the next line). Each such
    message gets a line of its own and the guest's line is put back
    together from its head and the line after the message(s).
    """
    lines = list(lines)
    out, i = [], 0
    while i < len(lines):
        line = lines[i]
        m = CONSOLE_MSG.search(line, 1) if line.startswith(GUEST_PREFIX) else None
        if not m:
            out.append(line)
            i += 1
            continue
        out.append(line[m.start():])
        head, j = line[:m.start()], i + 1
        while j < len(lines) and CONSOLE_MSG.match(lines[j]):
            out.append(lines[j])
            j += 1
        if j < len(lines) and not lines[j].startswith(GUEST_PREFIX):
            head += lines[j]
            j += 1
        # The rest may hold a message of its own: look at it again.
        lines[j - 1] = head
        i = j - 1
    return out


def find_splats(lines, patterns):
    """Return (splats, tolerated): lists of (line number, pattern, line).

    A NULL-pointer oops inside the kunit_fault suite whose faulting RIP, up
    to its end-trace marker, is kunit_test_null_dereference is KUnit's own:
    that block is tolerated. Anything else, there or elsewhere, is a splat.
    """
    splats, tolerated = [], []
    in_fault = False
    i = 0
    while i < len(lines):
        msg = TIMESTAMP.sub('', lines[i])
        if FAULT_SUITE.match(msg):
            in_fault = True
        elif FAULT_SUITE_END.match(msg):
            in_fault = False
        hit = next((name for name, rx in patterns if rx.search(msg)), None)
        if hit is None:
            i += 1
            continue
        if in_fault and FAULT_START.match(msg):
            end = next((j for j in range(i, min(len(lines), i + 400))
                        if END_TRACE.search(lines[j])), None)
            if end is not None and any(FAULT_RIP.search(l) for l in lines[i:end]):
                tolerated.append((i + 1, hit, lines[i]))
                i = end + 1
                continue
        splats.append((i + 1, hit, lines[i]))
        i += 1
    return splats, tolerated


def cmd_splat(args):
    with open(args.log, errors='replace') as f:
        lines = clean(f.read()).splitlines()
    splats, tolerated = find_splats(lines, load_patterns())
    for n, name, line in tolerated:
        print(f'{args.log}:{n}: tolerated ({name}, KUnit kunit_fault): {line}')
    for n, name, line in splats:
        print(f'{args.log}:{n}: {name}: {line}')
    return 1 if splats else 0


def count_cases(group, counts, suites, suite=None, prefix=''):
    """Count leaf cases per status; a parameterised case's parameters count
    as cases of its suite, named case/param."""
    for sub in group.get('sub_groups', []):
        if suite is None:
            count_cases(sub, counts, suites, sub['name'], '')
        else:
            count_cases(sub, counts, suites, suite, f"{prefix}{sub['name']}/")
    if suite is not None and group.get('test_cases'):
        per = suites.setdefault(suite, {})
        for case in group['test_cases']:
            counts[case['status']] = counts.get(case['status'], 0) + 1
            per[prefix + case['name']] = case['status']


KTAP_COPY = re.compile(r'^PVOPS-KTAP: ?(.*)$')


def debugfs_ktap(lines):
    """One KTAP document from the guest's copy of the debugfs results.

    Each suite's results file is a KTAP document of its own ("KTAP version
    1", "1..1", the suite, "ok 1 <suite>"); join them under one plan,
    numbering the suites in order. None when the guest printed no copy (it
    crashed or hung before its init ran): the console is all there is.
    """
    docs = []
    for line in lines:
        m = KTAP_COPY.match(line)
        if not m:
            continue
        text = m.group(1)
        if text == 'KTAP version 1':
            docs.append([])
        elif docs:
            docs[-1].append(text)
    if not docs:
        return None
    out = ['KTAP version 1', f'1..{len(docs)}']
    for n, doc in enumerate(docs, 1):
        body = doc[1:] if doc and doc[0] == '1..1' else doc
        if body:
            body[-1] = re.sub(r'^(ok|not ok) 1 ', rf'\g<1> {n} ', body[-1])
        out.extend(body)
    return '\n'.join(out) + '\n'


def parse_ktap(kunit_py, console, lines, outdir):
    """Run kunit.py parse on the log; return totals, per-suite and errors.

    lines: the log with the guest's lines made whole (unsplice()).

    The guest's copy of the debugfs results is parsed when there is one:
    on the console, a kernel message printed between two KTAP lines by
    another CPU can break kunit.py's parse of a whole suite.
    """
    json_path = os.path.join(outdir, 'kunit.json')
    copy = debugfs_ktap(lines)
    source = console
    if copy is not None:
        source = os.path.join(outdir, 'ktap.log')
        with open(source, 'w') as f:
            f.write(copy)
    proc = subprocess.run([sys.executable, kunit_py, 'parse', f'--json={json_path}', source],
                          capture_output=True, text=True)
    with open(os.path.join(outdir, 'kunit.txt'), 'w') as f:
        f.write(proc.stdout + proc.stderr)
    counts, suites = {}, {}
    try:
        with open(json_path) as f:
            count_cases(json.load(f), counts, suites)
    except (OSError, ValueError):
        pass
    m = re.search(r'Testing complete\. Ran (\d+) tests?: (.*)', proc.stdout)
    summary = {}
    if m:
        for part in m.group(2).split(','):
            k, _, v = part.strip().partition(': ')
            if v.isdigit():
                summary[k] = int(v)
    # Without --raw_output, kunit.py prints "[ERROR]" for a malformed or
    # truncated KTAP stream.
    errors = summary.get('errors', 0) + summary.get('crashed', 0)
    return {
        'pass': counts.get('PASS', 0), 'fail': counts.get('FAIL', 0),
        'skip': counts.get('SKIP', 0), 'error': counts.get('ERROR', 0) + errors,
        'total': sum(counts.values()), 'suites': suites,
    }


def hypercall_classes(text):
    """The "# class" section of xen/hypercalls: {class: {calls, batched}}."""
    classes, inside = {}, False
    for line in text:
        if line.startswith('#'):
            inside = line.split()[1:2] == ['class']
            continue
        m = HCALL_ROW.match(line)
        if inside and m:
            classes[m.group(1)] = {'calls': int(m.group(2)), 'batched': int(m.group(3))}
    return classes


def cmd_judge(a):
    with open(os.path.join(a.dir, 'serial.log'), 'rb') as f:
        text = clean(f.read().decode('utf-8', errors='replace'))
    console = os.path.join(a.dir, 'console.log')
    with open(console, 'w') as f:
        f.write(text)
    lines = text.splitlines()
    splats, tolerated = find_splats(lines, load_patterns())
    guest = {}
    hcfile = []
    end = None
    glines = unsplice(lines)
    for line in glines:
        line = TIMESTAMP.sub('', line)
        m = PVINFO.match(line)
        if m:
            guest[m.group(1)] = m.group(2).strip()
        m = OPS_LINE.match(line)
        if m:
            guest.setdefault('routes', {})[m.group(1)] = {'target': m.group(2),
                                                          'native': m.group(3) == 'yes'}
        m = HCFILE_LINE.match(line)
        if m:
            hcfile.append(m.group(1))
        m = GUEST_END.match(line)
        if m:
            end = int(m.group(1))
    routes = guest.get('routes')
    if routes:
        moved = sum(1 for r in routes.values() if not r['native'])
        guest['ops_not_native'] = f'{moved} of {len(routes)}'
    if hcfile:
        guest['hypercalls'] = hypercall_classes(hcfile)
    ktap = parse_ktap(a.kunit, console, glines, a.dir)

    problems = []
    if a.qemu_rc in (124, 137):
        problems.append(f'timed out after {a.timeout} s, QEMU killed')
    elif a.qemu_rc != 0:
        problems.append(f'QEMU exited with status {a.qemu_rc}')
    if splats:
        n, name, line = splats[0]
        problems.append(f'{len(splats)} splat(s), first at line {n} ({name}): {line.strip()}')
    if end is None:
        problems.append('the guest did not reach the end of its init')
    elif end != 0:
        problems.append(f'the guest report program exited with status {end}')
    if ktap['total'] == 0:
        problems.append('no KTAP results in the log')
    if ktap['fail'] or ktap['error']:
        bad = [f'{s}.{c}' for s, cases in ktap['suites'].items()
               for c, st in cases.items() if st in ('FAIL', 'ERROR')]
        problems.append(f"KUnit: {ktap['fail']} failed, {ktap['error']} crashed/errors"
                        + (f" ({', '.join(bad[:4])})" if bad else ''))

    result = {
        'column': a.column, 'expect': a.expect, 'status': 'fail' if problems else 'pass',
        'problems': problems, 'seconds': round(a.seconds, 2), 'qemu_rc': a.qemu_rc,
        'guest': guest, 'kunit': ktap,
        'splats': [{'line': n, 'pattern': p, 'text': t} for n, p, t in splats],
        'tolerated': [{'line': n, 'pattern': p, 'text': t} for n, p, t in tolerated],
        'log': os.path.join(a.dir, 'serial.log'),
    }
    with open(os.path.join(a.dir, 'result.json'), 'w') as f:
        json.dump(result, f, indent=2, sort_keys=True)
        f.write('\n')

    k = ktap
    figures = (f"{a.seconds:.1f} s, detected {guest.get('kernel_detected', '?')}, KTAP "
               f"{k['pass']} pass {k['fail']} fail {k['skip']} skip {k['error']} error")
    if problems:
        for n, name, line in splats[:20]:
            print(f'  {result["log"]}:{n}: {name}: {line.strip()}', file=sys.stderr)
        print(f"pvops: error: boot {a.column}: FAIL ({'; '.join(problems)}); {figures}; "
              f"see {result['log']}", file=sys.stderr)
        return 1
    print(f'pvops: boot {a.column}: PASS, {figures}')
    return 0


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest='cmd', required=True)
    s = sub.add_parser('splat')
    s.add_argument('log')
    j = sub.add_parser('judge')
    j.add_argument('--dir', required=True)
    j.add_argument('--column', required=True)
    j.add_argument('--expect', required=True)
    j.add_argument('--qemu-rc', type=int, required=True)
    j.add_argument('--seconds', type=float, required=True)
    j.add_argument('--timeout', type=int, required=True)
    j.add_argument('--kunit', required=True)
    a = p.parse_args()
    return cmd_splat(a) if a.cmd == 'splat' else cmd_judge(a)


if __name__ == '__main__':
    sys.exit(main())
