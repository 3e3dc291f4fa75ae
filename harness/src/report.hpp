// SPDX-License-Identifier: GPL-2.0
// The report of a harness run: KUnit per suite per boot, the benchmark
// table with ratios to native and hypercalls per op, the repeatability of
// the figures. As Markdown (people), JSON (tools) and one SVG chart.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "boot.hpp"
#include "compare.hpp"
#include "table.hpp"

namespace pvh {

struct ReportInfo {
	std::string bench_spec; // pvops.bench= value, "" when not asked
	bool deterministic = false;
	int repeats = 1;
	double tolerance = 0.005; // relative, for the repeatability verdict
	std::vector<std::string> columns;
};

struct ReportInput {
	ReportInfo info;
	const std::vector<Boot> &boots;
	const Table &table;
	const std::optional<Repeatability> &repeat;
};

std::string report_markdown(const ReportInput &in);
bench::Json report_json(const ReportInput &in);
// What report.json holds: report_json() indented by 2, a final newline; bytes
// of the logs that are not UTF-8 become U+FFFD instead of an exception.
std::string report_json_text(const ReportInput &in);
std::string report_svg(const Table &table);

// Shared formatting.
std::string format_ns(double ns);		   // "1.23 us"
std::string format_ratio(std::optional<double> r); // "1.23x" or "-"
std::string format_hypercalls(const std::optional<bench::Pairs> &h, int top = 3);
// Suite names over all boots, in first-seen order.
std::vector<std::string> suite_names(const std::vector<Boot> &boots);
const ktap::Test *find_suite(const Boot &boot, const std::string &name);

} // namespace pvh
