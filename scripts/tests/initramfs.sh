#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Two builds of each initramfs (the guests' and the domU columns' dom0's)
# are byte for byte the same, made as the current user (no root needed),
# with owners 0:0 and one fixed mtime.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

# Builds with SCRIPT twice, compares, and walks the archive in OUT.
reproducible() {
	local script=$1 out=$2 a b
	"$script"
	a=$(sha256sum <"$out")
	"$script"
	b=$(sha256sum <"$out")
	echo "${out##*/}: first $a"
	echo "${out##*/}: second $b"
	[ "$a" = "$b" ] || return 1
	walk "$out"
}

# Every entry of the archive root-owned, every mtime the same (GNU cpio's
# listing: mode, links, uid, gid, size, the date, the name).
walk() {
	zcat "$1" | LC_ALL=C TZ=UTC cpio -tv --quiet --numeric-uid-gid | awk '
		function fail(why) { print why >"/dev/stderr"; exit 1 }
		{
			if (!match($0, / [A-Z][a-z][a-z] +[0-9]+ +[0-9:]+ /)) fail("cannot read: " $0)
			when = substr($0, RSTART + 1, RLENGTH - 2)
			name = substr($0, RSTART + RLENGTH)
			sub(/ -> .*/, "", name)
			print name " uid=" $3 " gid=" $4 " mtime=" when
			if ($3 != 0 || $4 != 0) fail(name " is not owned by 0:0")
			names[name] = 1
			if (!(when in stamps)) { stamps[when] = 1; nstamps++; seen = seen " " when }
		}
		END {
			if (!("init" in names) || !("dev/console" in names)) fail("init or dev/console missing")
			if (nstamps != 1) fail("mtimes differ:" seen)
		}'
}

reproducible "$PVOPS_ROOT/scripts/initramfs.sh" "$INITRD"
# The dom0 of the domU columns: its init, the toolstack, the library glibc
# loads without ldd naming it, the domU's disk.
reproducible "$PVOPS_ROOT/scripts/initramfs-dom0.sh" "$BUILD/initrd-dom0.gz"
list=$(zcat "$BUILD/initrd-dom0.gz" | cpio -t --quiet)
for f in init usr/lib/xen-4.17/bin/xl lib/x86_64-linux-gnu/libgcc_s.so.1 domu/disk.img \
	bin/xentrace-window; do
	grep -qx "$f" <<<"$list" || { echo "dom0 initramfs: $f missing" >&2; exit 1; }
done
# The disk the domU columns expect, byte for byte.
sum=$(sha256sum <"$BUILD/initramfs-dom0/disk.img")
for col in "$PVOPS_ROOT"/harness/columns/*.json; do
	want=$(sed -n 's/.*"disk_checksum": *"\([0-9a-f]*\)".*/\1/p' "$col")
	[ -z "$want" ] || [ "$want" = "${sum%% *}" ] ||
		{ echo "dom0 initramfs: disk.img is ${sum%% *}, $col expects $want" >&2; exit 1; }
done
