// SPDX-License-Identifier: GPL-2.0
// One boot of the matrix as the harness sees it: where its files are, how
// the judge ended, and what its console log says (KTAP, pvbench).
#pragma once

#include <string>
#include <vector>

#include "ktap.hpp"
#include "pvbench_log.hpp"

namespace pvh {

struct Boot {
	std::string column; // native, xen-pv, xen-pvh
	int repeat = 1;
	std::string dir;	// serial.log, result.json
	std::string runner_log; // what the boot and its judge printed
	int exit_code = -1;	// the judge's; -1: not run by this harness
	bool killed = false;	// past the harness' own deadline
	double seconds = 0;
	std::string boot_status; // result.json "status": pass or fail
	std::vector<std::string> boot_problems;
	std::string inputs; // what was booted: bzImage and initrd size and mtime
	bool log_read = false;
	ktap::Log ktap;
	bench::Run bench;

	std::string log() const { return dir + "/serial.log"; }
};

// The column file's label: "Xen PV" for "xen-pv"; the name when unknown.
std::string column_label(const std::string &column);

// Read dir/serial.log (KTAP and pvbench) and dir/result.json (the runner's
// verdict, optional). False with a one-line reason when the log is missing.
bool load_boot(Boot &boot, std::string &error);

// Everything wrong with a boot, one line each (empty: a good boot).
// want_bench: pvbench was asked for, so its absence is a problem.
std::vector<std::string> boot_problems(const Boot &boot, bool want_bench);

} // namespace pvh
