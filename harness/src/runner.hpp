// SPDX-License-Identifier: GPL-2.0
// Runs one boot through scripts/boot.sh, the only place that knows how to
// start QEMU and Xen, with the harness' own deadline on top of boot.sh's.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace pvh {

struct BootRequest {
	std::string boot_script; // scripts/boot.sh
	std::string column;
	std::string out_dir;	// boot.sh --out
	std::string append;	// boot.sh --append (kernel command line)
	bool icount = false;	// boot.sh --icount
	int timeout = 300;	// boot.sh --timeout, seconds
	std::string runner_log; // boot.sh's stdout and stderr go here
};

struct BootOutcome {
	int exit_code = -1;
	bool killed = false;
	double seconds = 0;
	std::string error; // could not start boot.sh at all
};

// The argument vector boot.sh gets (exposed for tests).
std::vector<std::string> boot_command(const BootRequest &req);

// Run boot.sh and wait; progress(seconds) is called every `every` seconds.
BootOutcome run_boot(const BootRequest &req, const std::function<void(double)> &progress,
		     double every = 15);

// True once SIGINT or SIGTERM arrived during a run (the run was stopped).
bool interrupted_by_signal();

// Run any command the same way (used by run_boot and its tests).
BootOutcome run_command(const std::vector<std::string> &argv, const std::string &log,
			double deadline, const std::function<void(double)> &progress, double every);

} // namespace pvh
