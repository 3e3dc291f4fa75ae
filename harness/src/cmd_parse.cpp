// SPDX-License-Identifier: GPL-2.0
// pvharness parse LOG: what one console log holds (KTAP suites, pvbench
// records), then the verdict, judged after every problem has been looked
// for: "LOG: PASS: ..." and exit 0, or one error line per problem,
// "LOG: FAIL (N problems): ..." and exit 1.
#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "console.hpp"
#include "matrix.hpp"
#include "report.hpp"

namespace pvh {
namespace {

void print_contents(const Boot &b)
{
	for (const auto &d : b.ktap.documents)
		for (const auto &s : d.root.subtests) {
			ktap::Counts c = ktap::count_subtests(s);
			std::cout << "  suite " << s.name << ": "
				  << ktap::verdict_name(ktap::verdict(s)) << " (" << c.pass
				  << " pass, " << c.fail << " fail, " << c.skip << " skip, "
				  << c.crashed << " crashed, " << c.missing << " missing)\n";
		}
	for (const auto &r : b.bench.records) {
		std::cout << "  bench " << r.name << ": " << r.status;
		if (r.status == "ok")
			std::cout << ", " << r.metric << " median " << format_ns(r.median)
				  << ", mean " << format_ns(r.mean) << ", p99 " << format_ns(r.p99)
				  << ", hypercalls/op " << format_hypercalls(r.hypercalls);
		else
			std::cout << ": " << r.reason;
		std::cout << "\n";
	}
}

int parse_log(const std::string &path)
{
	std::string raw;
	if (!read_file(path, raw))
		return fail("cannot read " + path, 2);
	auto lines = console_lines(raw);
	Boot b;
	b.column = "log";
	b.ktap = ktap::parse(lines);
	b.bench = bench::parse(lines);
	b.log_read = true;
	bool has_ktap = !b.ktap.documents.empty();
	bool has_bench = bench::state(b.bench) != bench::State::NotRun;
	if (!has_ktap && !has_bench)
		return fail("no KTAP and no PVBENCH records; see " + path, 2);
	print_contents(b);
	int bad = 0;
	for (const auto &p : boot_problems(b, has_bench)) {
		if (!has_ktap && p.rfind("KUnit", 0) == 0)
			continue; // a pvbench-only log has no KTAP to judge
		fail(p + "; see " + path);
		++bad;
	}
	std::cout.flush();
	if (bad) {
		std::cout << path << ": FAIL (" << bad << (bad == 1 ? " problem" : " problems")
			  << "): " << boot_line(b) << std::endl;
		return 1;
	}
	std::cout << path << ": PASS: " << boot_line(b) << std::endl;
	return 0;
}

} // namespace

Command add_parse_command(CLI::App &app)
{
	auto *sub = app.add_subcommand(
		"parse", "what one console log holds: KTAP suites, pvbench records, the verdict");
	auto log = std::make_shared<std::string>();
	sub->add_option("log", *log, "a console log (serial.log, or pvbench's output)")->required();
	return {sub, [log]() { return parse_log(*log); }};
}

} // namespace pvh
