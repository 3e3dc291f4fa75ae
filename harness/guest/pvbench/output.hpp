// SPDX-License-Identifier: GPL-2.0
// What pvbench prints: "PVBENCH: {json}" records that the host harness
// greps out of the serial log (begin, one per benchmark, end), and a table
// for people.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "bench.hpp"
#include "human_ns.hpp"
#include "stats.hpp"

namespace pvbench {

inline constexpr const char *kPrefix = "PVBENCH: ";
inline constexpr int kFormatVersion = 1;

struct Outcome {
	const Benchmark *bench = nullptr;
	Result result;
	Summary summary;
	// Per op and class; nullopt: no counters in this kernel ("n/a").
	std::optional<std::map<std::string, double>> hypercalls;
};

std::string begin_record(const std::string &mode, std::size_t planned, int cpus,
			 const std::string &hypercall_source);
std::string result_record(const Outcome &o);
std::string end_record(std::size_t ok, std::size_t skipped, std::size_t failed);

std::string table(const std::vector<Outcome> &outcomes);

// Write a whole line with one write(2), so that it is not cut by other
// console output.
void emit_line(const std::string &line);

} // namespace pvbench
