// SPDX-License-Identifier: GPL-2.0
// Runs a command (QEMU) with a deadline, its output in a log, and stops it
// and everything it started when the deadline passes or the user stops us.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace pvh {

struct BootOutcome {
	int exit_code = -1;
	bool killed = false; // past its deadline: TERM, then KILL 5 s later
	double seconds = 0;
	std::string error; // could not start the command at all
};

// True once SIGINT or SIGTERM arrived during a run (the run was stopped).
bool interrupted_by_signal();

// Run argv (argv[0] a path) in a process group of its own, its output in
// log (stderr in err_log when given), stopping all of it at the deadline
// (seconds) or on SIGINT/SIGTERM; progress(seconds) every `every` seconds.
BootOutcome run_command(const std::vector<std::string> &argv, const std::string &log,
			double deadline, const std::function<void(double)> &progress, double every,
			const std::string &err_log = "");

} // namespace pvh
