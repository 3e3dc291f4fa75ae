// SPDX-License-Identifier: GPL-2.0
// The boot matrix: every column, every repeat, one boot.sh run each, with
// progress lines; or the logs of an earlier run found on disk.
#pragma once

#include <string>
#include <vector>

#include "boot.hpp"
#include "options.hpp"

namespace pvh {

// Size and mtime of the bzImage and initramfs boot.sh is going to boot
// (BUILD from the environment, as boot.sh has it, or root/build).
std::string boot_inputs(const std::string &root);

// Boot everything opts asks for; runs go to out/r<N>/<column>/.
std::vector<Boot> run_matrix(const Options &opts, const std::string &boot_script,
			     const std::string &root, const std::string &out);

// Logs laid out as out/r<N>/<column>/serial.log (a pvharness run) or
// dir/<column>/serial.log (build/boot, what `make boots` leaves).
std::vector<Boot> discover_logs(const std::string &dir, const std::vector<std::string> &columns,
				std::string &error);

// "KUnit PASS 72/72; pvbench COMPLETE 14 ok, 1 skipped"
std::string boot_line(const Boot &b);

} // namespace pvh
