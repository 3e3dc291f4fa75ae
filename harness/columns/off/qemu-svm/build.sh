#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# build.sh OUTDIR: svmtest.elf (a 32-bit multiboot kernel) into OUTDIR.
# Needs gcc and binutils only.
set -e
out=${1:?usage: build.sh OUTDIR}
src=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
gcc -m32 -ffreestanding -fno-pic -fno-stack-protector -nostdlib -O2 -Wall \
	-c "$src/svmtest.c" -o "$out/svmtest.o"
gcc -m32 -c "$src/boot.S" -o "$out/boot.o"
ld -m elf_i386 -z noexecstack -T "$src/link.ld" -o "$out/svmtest.elf" "$out/boot.o" "$out/svmtest.o"
