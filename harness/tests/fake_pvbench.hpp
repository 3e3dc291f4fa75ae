// SPDX-License-Identifier: GPL-2.0
// pvbench output for tests, made by the guest program's own record writer
// from chosen samples, and boots built from it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "boot.hpp"

namespace fake {

struct Bench {
	Bench(std::string n, std::string k, std::vector<double> s = {}, std::string st = "ok",
	      std::optional<std::map<std::string, double>> h = std::nullopt)
	    : name(std::move(n)), klass(std::move(k)), samples(std::move(s)), status(std::move(st)),
	      hypercalls(std::move(h))
	{}
	std::string name, klass;
	std::vector<double> samples; // ns per op
	std::string status;	     // ok, skipped, failed
	std::optional<std::map<std::string, double>> hypercalls;
};

// A console log: some kernel noise, begin, the results, end (optional).
std::string pvbench_log(const std::vector<Bench> &benches, bool with_end = true, int planned = -1);

// A boot whose log holds that output and a passing KTAP suite.
pvh::Boot boot(const std::string &column, int repeat, const std::vector<Bench> &benches);

} // namespace fake
