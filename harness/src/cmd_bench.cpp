// SPDX-License-Identifier: GPL-2.0
// pvharness bench: boot the matrix with pvbench asked for on the kernel
// command line (or read an earlier run's logs), and write the report:
// report.md, report.json, ratios.svg.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "column.hpp"
#include "commands.hpp"
#include "compare.hpp"
#include "console.hpp"
#include "matrix.hpp"
#include "options.hpp"
#include "report.hpp"
#include "table.hpp"

namespace fs = std::filesystem;

namespace pvh {

namespace {

// The boots' verdict, and with --repeat how far the repeats drifted.
int verdict(const Options &opts, const std::vector<Boot> &boots, const ReportInfo &info,
	    const std::optional<Repeatability> &repeat, const fs::path &md)
{
	int rc = 0;
	for (const auto &b : boots)
		if (!boot_problems(b, !info.bench_spec.empty()).empty() ||
		    b.inputs != boots.front().inputs)
			rc = 1;
	if (opts.repeat <= 1)
		return rc;
	if (!repeat) {
		std::cerr << "pvharness: error: --repeat " << opts.repeat
			  << ": no benchmark ran in two repeats of a column; see " << md.string()
			  << "\n";
		return 1;
	}
	const Deviation &d = repeat->deviations.front();
	char line[256];
	std::snprintf(line, sizeof(line),
		      "pvharness: repeatability: max deviation %.3f%% over %d repeats "
		      "(%s, %s, %s); tolerance %.2f%%: %s",
		      100 * d.relative, repeat->repeats, d.name.c_str(), d.column.c_str(),
		      d.figure.c_str(), opts.tolerance,
		      d.relative <= info.tolerance ? "OK" : "EXCEEDED");
	(d.relative <= info.tolerance ? std::cout : std::cerr) << line << "\n";
	return d.relative > info.tolerance ? 1 : rc;
}

int run(Options opts)
{
	const Globals &g = globals();
	std::string error;
	auto all = load_columns(g.root, error);
	if (all.empty())
		return fail(error, 2);
	if (auto e = check_columns(opts,
				   [&] {
					   std::vector<std::string> names;
					   for (const auto &c : all)
						   names.push_back(c.name);
					   return names;
				   }());
	    !e.empty())
		return fail(e, 2);
	std::vector<Column> columns;
	for (const auto &c : all)
		if (opts.columns.empty() || std::find(opts.columns.begin(), opts.columns.end(),
						      c.name) != opts.columns.end())
			columns.push_back(c);
	std::vector<std::string> names;
	for (const auto &c : columns)
		names.push_back(c.name);

	Paths paths = make_paths(g.root, g.build);
	std::vector<Boot> boots;
	std::string out;
	if (!opts.from_logs.empty()) {
		out = fs::absolute(opts.out.empty() ? opts.from_logs : opts.out).string();
		boots = discover_logs(fs::absolute(opts.from_logs).string(), names, error);
		if (boots.empty())
			return fail(error);
		opts.repeat = 1;
		for (const auto &b : boots)
			opts.repeat = std::max(opts.repeat, b.repeat);
	} else {
		out = fs::absolute(opts.out.empty() ? paths.build + "/bench" : opts.out).string();
		std::error_code ec;
		fs::remove_all(out, ec);
		fs::create_directories(out, ec);
		if (ec)
			return fail("cannot create " + out + ": " + ec.message());
		boots = run_matrix(opts, columns, paths, out);
	}

	std::vector<std::string> shown;
	for (const auto &c : names)
		if (std::any_of(boots.begin(), boots.end(),
				[&](const Boot &b) { return b.column == c; }))
			shown.push_back(c);
	Table table = build_table(boots, shown);
	std::optional<Repeatability> repeat;
	if (opts.repeat > 1)
		repeat = compare_repeats(boots);

	ReportInfo info;
	info.bench_spec = opts.from_logs.empty() ? opts.bench_spec() : "";
	if (!opts.from_logs.empty())
		for (const auto &b : boots)
			if (!b.bench.mode.empty())
				info.bench_spec = b.bench.mode;
	info.deterministic = opts.deterministic;
	info.repeats = opts.repeat;
	info.tolerance = opts.tolerance / 100;
	info.columns = shown;
	ReportInput in{info, boots, table, repeat};

	std::error_code ec;
	fs::create_directories(out, ec);
	const fs::path md = fs::path(out) / "report.md", js = fs::path(out) / "report.json",
		       svg = fs::path(out) / "ratios.svg";
	std::string markdown = report_markdown(in);
	if (!write_file(md, markdown) || !write_file(js, report_json_text(in)) ||
	    !write_file(svg, report_svg(table)))
		return fail("cannot write the report under " + out);

	// The benchmark table on the terminal too.
	auto from = markdown.find("## Benchmarks");
	auto to = markdown.find("![ratios");
	if (from != std::string::npos && !table.rows.empty())
		std::cout << "\n" << markdown.substr(from, to - from);

	int rc = verdict(opts, boots, info, repeat, md);
	std::cout << "pvharness: report: " << md.string() << ", " << js.string() << ", "
		  << svg.string() << "\n";
	return rc;
}

} // namespace

Command add_bench_command(CLI::App &app)
{
	auto opts = std::make_shared<Options>();
	auto *sub = app.add_subcommand(
		"bench", "boot the matrix with pvbench in the guest; report.md, report.json, "
			 "ratios.svg (BUILD/bench)");
	add_bench_options(*sub, *opts);
	return {sub, [opts]() { return run(*opts); }};
}

} // namespace pvh
