// SPDX-License-Identifier: GPL-2.0
// The boot matrix: every column, every repeat, one boot each, with
// progress lines; or the logs of an earlier run found on disk.
#pragma once

#include <string>
#include <vector>

#include "boot.hpp"
#include "column.hpp"
#include "options.hpp"
#include "paths.hpp"

namespace pvh {

// Size and mtime of the bzImage and initramfs that are going to boot.
std::string boot_inputs(const Paths &paths);

// Boot every column given, opts.repeat times; runs go to out/r<N>/<column>/.
std::vector<Boot> run_matrix(const Options &opts, const std::vector<Column> &columns,
			     const Paths &paths, const std::string &out);

// Logs laid out as out/r<N>/<column>/serial.log (a pvharness run) or
// dir/<column>/serial.log (build/boot, what `make boots` leaves).
std::vector<Boot> discover_logs(const std::string &dir, const std::vector<std::string> &columns,
				std::string &error);

// "KUnit PASS 72/72; pvbench COMPLETE 14 ok, 1 skipped"
std::string boot_line(const Boot &b);

} // namespace pvh
