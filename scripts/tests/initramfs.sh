#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Two builds of the initramfs are byte for byte the same, made as the
# current user (no root needed), with owners 0:0 and one fixed mtime.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
"$PVOPS_ROOT/scripts/initramfs.sh"
a=$(sha256sum <"$INITRD")
"$PVOPS_ROOT/scripts/initramfs.sh"
b=$(sha256sum <"$INITRD")
echo "first $a"
echo "second $b"
[ "$a" = "$b" ]
# Walk the newc archive: every entry root-owned, every mtime the same.
zcat "$INITRD" | python3 -c '
import sys
data, off, names, stamps = sys.stdin.buffer.read(), 0, [], set()
while True:
    h = data[off:off + 110]
    assert h[:6] == b"070701", "not a newc cpio archive"
    f = [int(h[6 + 8 * i:14 + 8 * i], 16) for i in range(13)]
    uid, gid, mtime, size, namesize = f[2], f[3], f[5], f[6], f[11]
    name = data[off + 110:off + 110 + namesize - 1].decode()
    if name == "TRAILER!!!":
        break
    print(f"{name} uid={uid} gid={gid} mtime={mtime}")
    assert (uid, gid) == (0, 0), name + " is not owned by 0:0"
    names.append(name)
    stamps.add(mtime)
    off = (off + 110 + namesize + 3) & ~3
    off = (off + size + 3) & ~3
assert "init" in names and "dev/console" in names, "init or dev/console missing"
assert len(stamps) == 1, "mtimes differ: %s" % stamps
'
