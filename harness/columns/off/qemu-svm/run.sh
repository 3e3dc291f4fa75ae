#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# run.sh ELF [QEMU] [provoke]: boot svmtest.elf under QEMU's TCG, two
# threads, a CPU with SVM. isa-debug-exit makes QEMU exit with
# (code << 1) | 1:
#   33  every injected interrupt delivered exactly once
#   35  the guest saw more interrupts than were injected (an EVENTINJ
#       interrupt delivered twice)
#   67  with "provoke": a reserved-CR4 write in host mode came back as a
#       #VMEXIT (host state now in the VMCB)
elf=${1:?usage: run.sh ELF [QEMU] [provoke]}
q=${2:-qemu-system-x86_64}
exec "$q" -M q35 -accel tcg,thread=multi -smp 2 -cpu qemu64,svm=on -m 128 \
	-kernel "$elf" -append "${3:-}" -serial stdio -display none -monitor none \
	-nic none -device isa-debug-exit,iobase=0xf4,iosize=0x04
