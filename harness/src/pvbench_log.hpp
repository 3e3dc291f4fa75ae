// SPDX-License-Identifier: GPL-2.0
// pvbench's records in a console log: the "PVBENCH: {json}" lines that the
// guest program prints (begin, one result per benchmark, end).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "console.hpp"

namespace pvh::bench {

using Pairs = std::vector<std::pair<std::string, double>>;

struct Record {
	std::string name, klass, status; // status: ok, skipped, failed
	std::string metric, unit;
	int err = 0;
	std::string reason;
	double iterations = 0, samples = 0;
	double mean = 0, median = 0, p99 = 0, min = 0, max = 0;
	Pairs params;
	std::optional<Pairs> hypercalls; // per op and class; nullopt: n/a
	int line = 0;
};

struct Run {
	bool begun = false, ended = false;
	int begin_line = 0;
	std::string mode;
	int planned = 0, cpus = 0;
	std::string hypercall_source; // "" when the guest had no counters
	std::vector<Record> records;
	std::vector<Problem> problems;
};

enum class State { NotRun, Complete, Incomplete };
const char *state_name(State s);
// NotRun: no begin record; Incomplete: no end record, or fewer results
// than announced (the guest crashed or was cut off).
State state(const Run &run);

// JSON as the guest writes it and the report holds it: keys in written order.
using Json = nlohmann::ordered_json;

// One "result" record from its JSON; an error names what is wrong.
std::optional<Record> record_from_json(const Json &v, std::string &error);
Json record_to_json(const Record &r);

Run parse(const std::vector<ConsoleLine> &lines);

} // namespace pvh::bench
