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
# od gives the bytes as hex, two digits each, for awk to read the headers.
zcat "$INITRD" | od -An -v -tx1 | tr -d ' \n' | awk '
	function fail(why) { print why >"/dev/stderr"; exit 1 }
	# Header field i (0: the magic), from its eight hex digits in ASCII.
	function field(i,   v, k) {
		v = 0
		for (k = 0; k < 8; k++)
			v = v * 16 + index("0123456789abcdef", tolower(text(off + 6 + 8 * i + k, 1))) - 1
		return v
	}
	# n bytes at byte offset o as text.
	function text(o, n,   t, k) {
		t = ""
		for (k = 0; k < n; k++) t = t chr[substr(data, 2 * (o + k) + 1, 2)]
		return t
	}
	BEGIN { for (k = 1; k < 256; k++) chr[sprintf("%02x", k)] = sprintf("%c", k) }
	{ data = data $0 }
	END {
		for (off = 0; ; ) {
			if (text(off, 6) != "070701") fail("not a newc cpio archive")
			uid = field(2); gid = field(3); mtime = field(5); size = field(6); namesize = field(11)
			name = text(off + 110, namesize - 1)
			if (name == "TRAILER!!!") break
			print name " uid=" uid " gid=" gid " mtime=" mtime
			if (uid != 0 || gid != 0) fail(name " is not owned by 0:0")
			names[name] = 1
			if (!(mtime in stamps)) { stamps[mtime] = 1; nstamps++; seen = seen " " mtime }
			off = int((off + 110 + namesize + 3) / 4) * 4
			off = int((off + size + 3) / 4) * 4
		}
		if (!("init" in names) || !("dev/console" in names)) fail("init or dev/console missing")
		if (nstamps != 1) fail("mtimes differ:" seen)
	}'
