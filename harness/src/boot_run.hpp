// SPDX-License-Identifier: GPL-2.0
// Boot one column under QEMU and judge it: the checks that what it needs
// is there, the run with its timeout, the logs, then judge_boot().
#pragma once

#include <functional>
#include <iosfwd>
#include <string>

#include "paths.hpp"
#include "qemu_command.hpp"

namespace pvh {

struct BootRun {
	int status = 1;	  // judge_boot()'s, or 1 when nothing booted
	int qemu_rc = -1; // 124: killed at the timeout
	double seconds = 0;
	bool interrupted = false; // stopped by SIGINT/SIGTERM
};

// Boot into out_dir (emptied first): serial.log as QEMU wrote it,
// qemu.stderr, qemu.cmd, then what judge_boot() writes. Errors before the
// boot (no QEMU, no kernel, ...) are one "pvharness: error:" line on err.
BootRun boot_column(const BootPlan &plan, const Paths &paths, const std::string &out_dir,
		    std::ostream &out, std::ostream &err,
		    const std::function<void(double)> &progress = {});

// Xen's image as QEMU's multiboot loader wants it: Debian's gzipped
// image (paths.xen_gz) unpacked to paths.xen_elf, again when it is newer.
bool unpack_xen(const Paths &paths, std::string &error);

// A program named without a slash, looked up in PATH; "" if not found.
std::string find_program(const std::string &name);

} // namespace pvh
