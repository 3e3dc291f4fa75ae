// SPDX-License-Identifier: GPL-2.0
// What a domU column boots: the dom0 initramfs (scripts/initramfs-dom0.sh)
// with the domU's kernel, initramfs and xl configuration appended as one
// more cpio archive, which scripts/guest/dom0-init finds under /domu.
#pragma once

#include <string>

#include "qemu_command.hpp"

namespace pvh {

// The name xl gives the domain, and the one dom0-init waits for.
inline constexpr const char *kDomuName = "pvops-domu";

// The xl configuration of the domU (xl.cfg(5)); "" and error when the
// kernel command line cannot be put in it.
std::string domu_config(const BootPlan &plan, std::string &error);

// Writes path: the dom0 initramfs, then an archive with the domU's kernel,
// initramfs (the plan's, or paths'), xl configuration and dom0-init's
// settings. Reproducible: the same inputs give the same bytes.
bool write_dom0_initrd(const BootPlan &plan, const Paths &paths, const std::string &path,
		       std::string &error);

} // namespace pvh
