// SPDX-License-Identifier: GPL-2.0
// Where the build steps leave what a boot needs, as scripts/lib.sh has it:
// BUILD (default ROOT/build) holds obj/ (the kernel), initrd.gz, xen.elf and
// boot/; XEN_GZ names Xen as Debian installs it; QEMU the emulator.
#pragma once

#include <string>

namespace pvh {

struct Paths {
	std::string root, build;
	std::string bzimage, initrd;
	std::string initrd_dom0; // scripts/initramfs-dom0.sh's
	// Xen's trace tools (xentrace, xentrace-window), appended to initrd in
	// a dom0 column that traces itself (scripts/initramfs-dom0.sh's too).
	std::string initrd_xentrace;
	std::string xen_gz, xen_elf;
	std::string qemu;     // QEMU from the environment, or qemu-system-x86_64
	std::string patterns; // the splat gate's patterns
};

// From root and build (build "" means BUILD from the environment, else
// root/build), and XEN_GZ and QEMU from the environment.
Paths make_paths(const std::string &root, const std::string &build);

// The tree this binary was built from, or one found above the current
// directory (holding harness/columns).
std::string find_root(const std::string &given);

} // namespace pvh
