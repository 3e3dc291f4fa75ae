#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Compare the code of two kernel builds, object by object.

  textcmp.py BASE_OBJ FULL_OBJ

For every object file (*.o, not built-in.a parts or vmlinux.o) the two
build directories share, compares the bytes of each executable section
(.text, .noinstr.text, .init.text, .altinstr_replacement, ...). Prints the
objects whose code differs and those only one build has (with how many
bytes of code each holds), then one line: how many objects were compared
and how many differ. Exit status 1 when any shared object's code differs.

scripts/hcstats-cost.sh runs it on the kernels without and with the
hypercall accounting: when no shared object differs, accounting that is
off executes exactly the code of the kernel without it.
"""

import hashlib
import os
import subprocess
import sys


def exec_sections(path):
    out = subprocess.run(['readelf', '-SW', path], capture_output=True, text=True,
                         check=True).stdout
    names = []
    for line in out.splitlines():
        fields = line.replace('[ ', '[').split()
        # [Nr] Name Type Address Off Size ES Flg ...
        if len(fields) > 7 and fields[0].startswith('[') and fields[0] != '[Nr]':
            if 'X' in fields[7]:
                names.append(fields[1])
    return names


def section_bytes(path):
    """Executable section name -> its bytes."""
    return {name: subprocess.run(['objcopy', '-O', 'binary', '-j', name, path, '/dev/stdout'],
                                 capture_output=True, check=True).stdout
            for name in exec_sections(path)}


def code(path):
    return {name: hashlib.sha1(data).hexdigest() for name, data in section_bytes(path).items()}


def objects(top):
    found = set()
    for root, _, files in os.walk(top):
        for fn in files:
            if fn.endswith('.o') and fn != 'vmlinux.o' and not fn.startswith('built-in'):
                found.add(os.path.relpath(os.path.join(root, fn), top))
    return found


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    base, full = sys.argv[1:]
    for d in (base, full):
        if not os.path.isdir(d):
            sys.exit(f'pvops: error: no build directory {d}')
    b, f = objects(base), objects(full)
    differ = 0
    for rel in sorted(b ^ f):
        side = 'base' if rel in b else 'full'
        size = sum(len(d) for d in section_bytes(os.path.join(base if side == 'base' else full,
                                                             rel)).values())
        print(f'only in {side}: {rel} ({size} bytes of code)')
    for rel in sorted(b & f):
        cb, cf = code(os.path.join(base, rel)), code(os.path.join(full, rel))
        if cb != cf:
            differ += 1
            secs = sorted(s for s in set(cb) | set(cf) if cb.get(s) != cf.get(s))
            print(f'code differs: {rel} ({" ".join(secs)})')
    print(f'{len(b & f)} objects in both builds, {differ} with different code')
    return 1 if differ else 0


if __name__ == '__main__':
    sys.exit(main())
