// SPDX-License-Identifier: GPL-2.0
// The options of `pvharness bench`: which columns, how often, which
// benchmarks, where the report goes.
#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace pvh {

struct Options {
	std::vector<std::string> columns; // empty: every column
	bool quick = false;
	std::string bench; // extra pvops.bench= words ('+'-separated)
	bool no_bench = false;
	bool deterministic = false;
	int repeat = 1;
	int timeout = 0;	// per boot, seconds; 0: by mode
	double tolerance = 0.5; // percent, for --repeat
	std::string out;	// report directory
	std::string from_logs;	// report on earlier runs instead of booting

	// The pvops.bench= value for the guest; "" with --no-bench.
	std::string bench_spec() const;
	int boot_timeout() const { return timeout ? timeout : (quick ? 300 : 1800); }
};

// Declare the options on app, to be stored in o. Column names are checked
// against known (the column files) after parsing: check_columns().
void add_bench_options(CLI::App &app, Options &o);

// "" when every name in o.columns is one of known; else the error.
std::string check_columns(const Options &o, const std::vector<std::string> &known);

} // namespace pvh
