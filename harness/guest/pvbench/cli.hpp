// SPDX-License-Identifier: GPL-2.0
// pvbench's command line, and the same choices taken from the kernel
// command line (pvops.bench=...) when the guest's init asks for it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bench.hpp"

namespace pvbench {

struct Options {
	bool quick = false;
	bool list = false;
	bool help = false;
	bool table = true;
	std::uint64_t iterations = 0;	    // 0: each benchmark's own count
	std::vector<std::string> selectors; // names, classes or name prefixes
	std::string exec_path = "/tmp/pvbench-true";
	std::vector<std::string> hypercall_paths;
	std::string mode_label() const { return quick ? "quick" : "full"; }
};

// Parse argv into opts; an error message on bad input.
std::optional<std::string> parse_args(int argc, const char *const *argv, Options &opts);

// Apply a pvops.bench= value: words separated by '+' (a comma cannot pass
// through Xen's multiboot module line): "quick", "full", "iters=N", or a
// benchmark selector.
std::optional<std::string> apply_spec(std::string_view spec, Options &opts);

// The value of pvops.bench= in a kernel command line, if present.
std::optional<std::string> bench_spec_in_cmdline(std::string_view cmdline);

// The benchmarks the selectors pick, in registry order; an error names an
// unknown selector.
std::optional<std::string> select_benchmarks(const std::vector<Benchmark> &all,
					     const std::vector<std::string> &selectors,
					     std::vector<const Benchmark *> &out);

const char *usage_text();

} // namespace pvbench
