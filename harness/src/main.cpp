// SPDX-License-Identifier: GPL-2.0
// pvharness: boot the pvops matrix (native, Xen PV, Xen PVH) through
// scripts/boot.sh with pvbench asked for on the kernel command line, parse
// KTAP and pvbench from each console log, and write the report.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "commands.hpp"
#include "compare.hpp"
#include "console.hpp"
#include "matrix.hpp"
#include "options.hpp"
#include "report.hpp"
#include "table.hpp"

namespace fs = std::filesystem;
using namespace pvh;

namespace {

std::string find_root(const std::string &given)
{
	if (!given.empty())
		return fs::absolute(given).lexically_normal().string();
	std::error_code ec;
	for (fs::path p = fs::current_path(ec); !p.empty(); p = p.parent_path()) {
		if (fs::exists(p / "scripts" / "boot.sh"))
			return p.string();
		if (p == p.root_path())
			break;
	}
	return "";
}

bool write_text(const fs::path &path, const std::string &text)
{
	std::ofstream out(path, std::ios::binary | std::ios::trunc);
	out << text;
	return static_cast<bool>(out);
}

// Until the CLI11 main: `parse LOG` (and the old `--parse LOG`) run cmd_parse.cpp.
int parse_command(std::vector<std::string> reversed_args)
{
	CLI::App app("pvharness");
	Command parse = add_parse_command(app);
	try {
		app.parse(reversed_args);
	} catch (const CLI::ParseError &e) {
		return e.get_exit_code() == 0 ? app.exit(e) : fail(e.what(), 2);
	}
	return parse.run();
}

} // namespace

int main(int argc, char **argv)
{
	if (argc > 1 && std::string(argv[1]) == "parse")
		return parse_command(
			std::vector<std::string>(std::make_reverse_iterator(argv + argc),
						 std::make_reverse_iterator(argv + 1)));
	Options opts;
	if (auto err = parse_options(argc, argv, opts)) {
		std::cerr << "pvharness: error: " << *err << "\n";
		return 2;
	}
	if (opts.help) {
		std::cout << usage();
		return 0;
	}
	if (!opts.parse_log.empty())
		return parse_command({opts.parse_log, "parse"});

	std::vector<Boot> boots;
	std::string out;
	if (!opts.from_logs.empty()) {
		out = fs::absolute(opts.out.empty() ? opts.from_logs : opts.out).string();
		std::string error;
		boots = discover_logs(fs::absolute(opts.from_logs).string(), opts.columns, error);
		if (boots.empty())
			return fail(error);
		opts.repeat = 1;
		for (const auto &b : boots)
			opts.repeat = std::max(opts.repeat, b.repeat);
	} else {
		std::string root = find_root(opts.root);
		std::string script = opts.boot_script.empty()
					     ? root + "/scripts/boot.sh"
					     : fs::absolute(opts.boot_script).string();
		if (opts.boot_script.empty() && root.empty())
			return fail("cannot find scripts/boot.sh above " +
				    fs::current_path().string() + "; pass --root <pvops tree>");
		if (!fs::exists(script))
			return fail(script + " does not exist; pass --root <pvops tree>");
		out = fs::absolute(opts.out.empty() ? root + "/build/bench" : opts.out).string();
		std::error_code ec;
		fs::remove_all(out, ec);
		fs::create_directories(out, ec);
		if (ec)
			return fail("cannot create " + out + ": " + ec.message());
		boots = run_matrix(opts, script, root, out);
	}

	std::vector<std::string> columns;
	for (const auto &c : opts.columns)
		for (const auto &b : boots)
			if (b.column == c) {
				columns.push_back(c);
				break;
			}
	Table table = build_table(boots, columns);
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
	info.columns = columns;
	ReportInput in{info, boots, table, repeat};

	std::error_code ec;
	fs::create_directories(out, ec);
	const fs::path md = fs::path(out) / "report.md", js = fs::path(out) / "report.json",
		       svg = fs::path(out) / "ratios.svg";
	std::string markdown = report_markdown(in);
	if (!write_text(md, markdown) || !write_text(js, report_json_text(in)) ||
	    !write_text(svg, report_svg(table)))
		return fail("cannot write the report under " + out);

	// The benchmark table on the terminal too.
	auto from = markdown.find("## Benchmarks");
	auto to = markdown.find("![ratios");
	if (from != std::string::npos && !table.rows.empty())
		std::cout << "\n" << markdown.substr(from, to - from);

	int rc = 0;
	for (const auto &b : boots)
		if (!boot_problems(b, !info.bench_spec.empty()).empty() ||
		    b.inputs != boots.front().inputs)
			rc = 1;
	if (opts.repeat > 1) {
		if (!repeat) {
			std::cerr << "pvharness: error: --repeat " << opts.repeat
				  << ": no benchmark ran in two repeats of a column; see "
				  << md.string() << "\n";
			rc = 1;
		} else {
			const Deviation &d = repeat->deviations.front();
			char line[256];
			std::snprintf(
				line, sizeof(line),
				"pvharness: repeatability: max deviation %.3f%% over %d repeats "
				"(%s, %s, %s); tolerance %.2f%%: %s",
				100 * d.relative, repeat->repeats, d.name.c_str(), d.column.c_str(),
				d.figure.c_str(), opts.tolerance,
				d.relative <= info.tolerance ? "OK" : "EXCEEDED");
			(d.relative <= info.tolerance ? std::cout : std::cerr) << line << "\n";
			if (d.relative > info.tolerance)
				rc = 1;
		}
	}
	std::cout << "pvharness: report: " << md.string() << ", " << js.string() << ", "
		  << svg.string() << "\n";
	return rc;
}
