#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Build build/initrd.gz without root and reproducibly: Debian's static
# busybox, the project's guest programs and scripts/guest/init, packed by
# the kernel's own usr/gen_init_cpio with fixed owners (0:0) and mtimes.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

BUSYBOX=${BUSYBOX:-/bin/busybox}
stage=$BUILD/initramfs
log=$LOGS/initramfs.log
: >"$log"

[ -x "$BUSYBOX" ] || die "$BUSYBOX missing (Debian package busybox-static); run 'make deps'"
! readelf -l "$BUSYBOX" 2>/dev/null | grep -q 'Requesting program interpreter' ||
	die "$BUSYBOX is not statically linked; install busybox-static"
[ -f "$TREE/usr/gen_init_cpio.c" ] || die "no kernel tree at $TREE; run 'make tree' first"
need_cmd g++ g++

rm -rf "$stage"
mkdir -p "$stage"
gcc -O2 -o "$stage/gen_init_cpio" "$TREE/usr/gen_init_cpio.c" >>"$log" 2>&1 ||
	die "building gen_init_cpio failed; see $log"
g++ -std=c++20 -O2 -Wall -Wextra -Werror -static -o "$stage/pvinfo" \
	"$PVOPS_ROOT/harness/guest/pvinfo.cpp" >>"$log" 2>&1 ||
	die "building the guest program pvinfo failed; see $log"
# pvbench: the guest side of the C++ harness (harness/guest/pvbench/); its
# sources in glob order, which LC_ALL=C (lib.sh) keeps stable.
g++ -std=c++20 -O2 -Wall -Wextra -Werror -static -o "$stage/pvbench" \
	"$PVOPS_ROOT"/harness/guest/pvbench/*.cpp >>"$log" 2>&1 ||
	die "building the guest program pvbench failed; see $log"

{
	echo "dir /bin 0755 0 0"
	echo "dir /dev 0755 0 0"
	echo "nod /dev/console 0600 0 0 c 5 1"
	echo "dir /proc 0555 0 0"
	echo "dir /sys 0555 0 0"
	echo "dir /tmp 01777 0 0"
	echo "file /init $PVOPS_ROOT/scripts/guest/init 0755 0 0"
	echo "file /bin/busybox $BUSYBOX 0755 0 0"
	echo "file /bin/pvinfo $stage/pvinfo 0755 0 0"
	echo "file /bin/pvbench $stage/pvbench 0755 0 0"
	for applet in sh mount grep sync poweroff cat echo ls sleep sed wc sha256sum readlink head rm; do
		echo "slink /bin/$applet busybox 0777 0 0"
	done
} >"$stage/cpio_list"

pack_cpio "$stage/gen_init_cpio" "$stage/cpio_list" "$INITRD" "$log"
