#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Build build/initrd-dom0.gz without root and reproducibly: the initramfs
# of the dom0 that starts a domU in the xen-*-domu columns. Debian's static
# busybox, Xen's toolstack from xen-utils-4.17 with every library it loads,
# scripts/guest/dom0-init as /init and the domU's disk image. pvharness
# appends the domU's kernel, initramfs and configuration at boot time.
# Also build/initrd-xentrace.gz: Xen's trace tools alone (xentrace with its
# libraries, xentrace-window), which pvharness appends to build/initrd.gz
# in a dom0 column that records Xen's trace of itself.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

BUSYBOX=${BUSYBOX:-/bin/busybox}
XENBIN=${XENBIN:-/usr/lib/xen-4.17/bin}
stage=$BUILD/initramfs-dom0
out=$BUILD/initrd-dom0.gz
out_trace=$BUILD/initrd-xentrace.gz
log=$LOGS/initramfs-dom0.log
gen=$BUILD/initramfs/gen_init_cpio
: >"$log"

[ -x "$gen" ] || die "$gen missing; run scripts/initramfs.sh (make initramfs) first"
for p in xl xenstored xenconsoled xen-init-dom0 xentrace libxl-save-helper; do
	[ -x "$XENBIN/$p" ] || die "$XENBIN/$p missing (Debian package xen-utils-4.17); run 'make deps'"
done
for p in /usr/bin/xenstore; do
	[ -x "$p" ] || die "$p missing (Debian package xenstore-utils); run 'make deps'"
done

rm -rf "$stage"
mkdir -p "$stage"

# dom0's reader of Xen's trace (harness/guest/xentrace-window), static.
g++ -std=c++20 -O2 -Wall -Wextra -Werror -static -s -o "$stage/xentrace-window" \
	"$PVOPS_ROOT"/harness/guest/xentrace-window/*.cpp >>"$log" 2>&1 ||
	die "building the dom0 program xentrace-window failed; see $log"

# The domU's disk: 8192 sectors of 512 bytes, each saying which it is, so
# that a sector read from the wrong place changes the checksum. The
# domU columns expect its size and sha256 (expect.guest.disk_*).
for ((i = 0; i < 8192; i++)); do printf 'pvops xvda sector %06d%487s\n' "$i" ''; done >"$stage/disk.img"

# xl reads a global config and complains in every log without one.
echo "# xl's defaults are enough here (scripts/initramfs-dom0.sh)" >"$stage/xl.conf"

programs=("$XENBIN"/{xl,xenstored,xenconsoled,xen-init-dom0,xentrace,libxl-save-helper}
	/usr/bin/xenstore)
# Every library ldd names for the programs given, the dynamic loader, and
# libgcc_s, which glibc opens at run time for pthread_cancel (xl aborts
# without it) and ldd does not list.
libs_of() {
	local p l libs
	libs=$({
		for p in "$@"; do
			ldd "$p" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }'
		done
		gcc -print-file-name=libgcc_s.so.1
	} | sort -u)
	[ -n "$libs" ] || die "ldd named no libraries for $*; see $log"
	for l in $libs; do
		[ -f "$l" ] || die "library $l not found (ldd of $*); see $log"
	done
	echo "$libs"
}
# cpio lines for libraries: each under the path it is looked up by, with
# the file's bytes.
lib_entries() {
	local l dest
	for l in "$@"; do
		case $l in
		/lib64/* | /lib/x86_64-linux-gnu/*) dest=$l ;;
		*) dest=/lib/x86_64-linux-gnu/${l##*/} ;;
		esac
		echo "file $dest $(readlink -f "$l") 0755 0 0"
	done
}
libs=$(libs_of "${programs[@]}")

{
	for d in /bin /dev /proc /sys /tmp /etc /etc/xen /etc/xen/scripts /usr /usr/bin /usr/lib \
		/usr/lib/xen-4.17 "$XENBIN" /lib /lib64 /lib/x86_64-linux-gnu /var /var/run \
		/var/run/xen /var/run/xenstored /var/lib /var/lib/xen /var/lib/xenstored /var/log \
		/var/log/xen /var/log/xen/console /var/lock /domu; do
		echo "dir $d 0755 0 0"
	done
	echo "nod /dev/console 0600 0 0 c 5 1"
	echo "file /init $PVOPS_ROOT/scripts/guest/dom0-init 0755 0 0"
	echo "file /etc/xen/scripts/block-hotplug $PVOPS_ROOT/scripts/guest/block-hotplug 0755 0 0"
	echo "file /bin/xentrace-window $stage/xentrace-window 0755 0 0"
	echo "file /bin/busybox $BUSYBOX 0755 0 0"
	for applet in sh mount mkdir cat cut echo grep sed tail head sleep stat losetup kill timeout \
		poweroff; do
		echo "slink /bin/$applet busybox 0777 0 0"
	done
	for p in "${programs[@]}"; do
		echo "file $p $p 0755 0 0"
	done
	for cmd in read write; do
		echo "slink /usr/bin/xenstore-$cmd xenstore 0777 0 0"
	done
	lib_entries $libs
	echo "file /etc/xen/xl.conf $stage/xl.conf 0644 0 0"
	echo "file /domu/disk.img $stage/disk.img 0644 0 0"
} >"$stage/cpio_list"

pack_cpio "$gen" "$stage/cpio_list" "$out" "$log"

# The trace tools alone, to go after build/initrd.gz, whose directories
# (/bin, /dev, ...) are there already.
{
	for d in /usr /usr/lib /usr/lib/xen-4.17 "$XENBIN" /lib /lib64 /lib/x86_64-linux-gnu; do
		echo "dir $d 0755 0 0"
	done
	echo "file $XENBIN/xentrace $XENBIN/xentrace 0755 0 0"
	echo "file /bin/xentrace-window $stage/xentrace-window 0755 0 0"
	lib_entries $(libs_of "$XENBIN/xentrace")
} >"$stage/cpio_list_trace"
pack_cpio "$gen" "$stage/cpio_list_trace" "$out_trace" "$log"
