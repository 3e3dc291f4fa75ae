// SPDX-License-Identifier: GPL-2.0
// pvharness' command line.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace pvh {

struct Options {
	std::vector<std::string> columns = {"native", "xen-pv", "xen-pvh"};
	bool quick = false;
	std::string bench; // extra pvops.bench= words ('+'-separated)
	bool no_bench = false;
	bool deterministic = false;
	int repeat = 1;
	int timeout = 0;	// per boot, seconds; 0: by mode
	double tolerance = 0.5; // percent, for --repeat
	std::string out;	// report directory
	std::string root;	// the pvops tree (finds scripts/boot.sh)
	std::string boot_script;
	std::string from_logs; // report on earlier runs instead of booting
	std::string parse_log; // just parse one log and print what it holds
	bool help = false;

	// The pvops.bench= value for the guest; "" with --no-bench.
	std::string bench_spec() const;
	int boot_timeout() const { return timeout ? timeout : (quick ? 300 : 1800); }
};

std::optional<std::string> parse_options(int argc, const char *const *argv, Options &o);
const char *usage();

} // namespace pvh
