// SPDX-License-Identifier: GPL-2.0
#include "options.hpp"

#include <CLI/CLI.hpp>

namespace pvh {

std::string Options::bench_spec() const
{
	if (no_bench)
		return "";
	std::string spec = quick ? "quick" : "full";
	if (!bench.empty())
		spec += "+" + bench;
	return spec;
}

namespace {

// A comma or a space cannot pass through Xen's module command line.
std::string bench_words(const std::string &v)
{
	if (v.find_first_of(", \t\"'") != std::string::npos)
		return "'" + v + "': separate words with '+' (a comma or space cannot pass " +
		       "through Xen's module command line)";
	return "";
}

std::string positive(const std::string &v)
{
	std::size_t end = 0;
	long n = 0;
	try {
		n = std::stol(v, &end);
	} catch (const std::exception &) {
		end = 0;
	}
	return end == v.size() && n > 0 ? "" : "needs a positive number, not '" + v + "'";
}

std::string percentage(const std::string &v)
{
	std::size_t end = 0;
	double d = -1;
	try {
		d = std::stod(v, &end);
	} catch (const std::exception &) {
		end = 0;
	}
	return end == v.size() && d >= 0 ? "" : "needs a percentage, not '" + v + "'";
}

} // namespace

void add_bench_options(CLI::App &app, Options &o)
{
	app.add_flag("--quick", o.quick, "the CI-sized benchmark set (pvops.bench=quick)");
	app.add_option("--bench", o.bench, "more pvops.bench words: benchmarks, classes, iters=N")
		->check(CLI::Validator(bench_words, "WORDS", "bench words"));
	app.add_flag("--no-bench", o.no_bench, "only boot and collect KUnit");
	app.add_flag("--deterministic,--icount", o.deterministic,
		     "-icount: guest time counts instructions");
	app.add_option("--repeat", o.repeat, "boot every column N times; compares the figures")
		->check(CLI::Validator(positive, "N", "positive"));
	app.add_option("--tolerance", o.tolerance, "repeat deviation allowed, percent (0.5)")
		->check(CLI::Validator(percentage, "PCT", "percentage"));
	app.add_option("--columns", o.columns, "comma-separated columns (default: all)")
		->delimiter(',');
	app.add_option("--timeout", o.timeout, "per boot, seconds (300 with --quick, else 1800)")
		->check(CLI::Validator(positive, "S", "positive"));
	app.add_option("--out", o.out, "report and runs (default: BUILD/bench)");
	app.add_option("--from-logs", o.from_logs, "report on the boots under DIR, boot nothing");
}

std::string check_columns(const Options &o, const std::vector<std::string> &known)
{
	for (const auto &c : o.columns) {
		bool found = false;
		for (const auto &k : known)
			found |= k == c;
		if (found)
			continue;
		std::string want;
		for (const auto &k : known)
			want += (want.empty() ? "" : ", ") + k;
		return "unknown column '" + c + "' (want one of: " + want + ")";
	}
	return "";
}

} // namespace pvh
