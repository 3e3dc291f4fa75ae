#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The three columns boot the same QEMU machine; the Xen columns load Xen
# with Linux and the initramfs as modules; only PVH asks for dom0=pvh.
set -euo pipefail
S=$(dirname "$0")/..
machine="-machine q35\\,kernel-irqchip=split -device intel-iommu\\,intremap=on -cpu qemu64\\,+svm\\,+npt"
for c in native xen-pv xen-pvh; do
	cmd=$("$S/boot.sh" "$c" --dry-run)
	echo "$c: $cmd"
	[[ $cmd == *"$machine"* ]] || { echo "$c: not the shared machine"; exit 1; }
	[[ $cmd == *"-no-reboot"* && $cmd == *"panic=-1"* ]] || { echo "$c: no -no-reboot/panic=-1"; exit 1; }
	[[ $cmd == *"hypervisor_kunit.expect=$c"* ]] || { echo "$c: expectation not passed"; exit 1; }
done
[[ $("$S/boot.sh" native --dry-run) != *xen.elf* ]]
[[ $("$S/boot.sh" xen-pv --dry-run) == *"-kernel "*xen.elf*" -initrd "*bzImage* ]]
[[ $("$S/boot.sh" xen-pv --dry-run) != *dom0=pvh* ]]
[[ $("$S/boot.sh" xen-pvh --dry-run) == *dom0=pvh* ]]
[[ $(DRY_RUN=1 "$S/boot.sh" native --icount) == *"-icount shift=0\\,sleep=off"* ]]
