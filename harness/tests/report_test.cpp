// SPDX-License-Identifier: GPL-2.0
// The benchmark table, ratios and the three report formats: from boots whose
// logs were written by pvbench's own record writer, and from the real fixture
// logs against golden files.
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>

#include <gtest/gtest.h>

#include "console.hpp"
#include "fake_pvbench.hpp"
#include "fixtures.hpp"
#include "report.hpp"
#include "stats.hpp"
#include "table.hpp"

using namespace pvh;

namespace {

double median_of(std::vector<double> v)
{
	return pvbench::summarize(std::move(v), 0, 0).median;
}

struct Matrix {
	std::vector<double> fork_native = {1000, 1100, 900}, fork_pv = {5000, 5200, 4900},
			    fork_pvh = {1500, 1400, 1600};
	std::vector<double> gt_native = {20, 21}, gt_pv = {60, 61}, gt_pvh = {22, 21};
	std::vector<Boot> boots;

	Matrix()
	{
		auto set = [](std::vector<double> f, std::vector<double> g,
			      std::optional<std::map<std::string, double>> hc) {
			return std::vector<fake::Bench>{
				{"page-table.fork_exit", "page-table", f, "ok", hc},
				{"timer.clock_gettime", "timer", g, "ok", std::nullopt},
				{"timer.timerfd_jitter", "timer", {}, "skipped", std::nullopt}};
		};
		boots.push_back(fake::boot("native", 1, set(fork_native, gt_native, std::nullopt)));
		boots.push_back(fake::boot("xen-pv", 1,
					   set(fork_pv, gt_pv,
					       std::map<std::string, double>{{"mmu_update", 12.5},
									     {"multicall", 3}})));
		boots.push_back(fake::boot("xen-pvh", 1, set(fork_pvh, gt_pvh, std::nullopt)));
	}
};

} // namespace

TEST(Table, RatiosAreColumnMedianOverNativeMedian)
{
	Matrix m;
	Table t = build_table(m.boots, fixtures::boot_columns());
	ASSERT_EQ(t.rows.size(), 3u);
	EXPECT_EQ(t.rows[0].name, "page-table.fork_exit");
	double want_pv = median_of(m.fork_pv) / median_of(m.fork_native);
	double want_pvh = median_of(m.fork_pvh) / median_of(m.fork_native);
	EXPECT_NEAR(*ratio(t.rows[0], "xen-pv"), want_pv, 1e-9);
	EXPECT_NEAR(*ratio(t.rows[0], "xen-pvh"), want_pvh, 1e-9);
	EXPECT_FALSE(ratio(t.rows[2], "xen-pv")); // skipped everywhere
	EXPECT_EQ(t.rows[2].cells["xen-pv"].status, "skipped");

	double gt_pv = median_of(m.gt_pv) / median_of(m.gt_native);
	EXPECT_NEAR(*class_ratio(t, "timer", "xen-pv"), gt_pv, 1e-9);
	EXPECT_NEAR(*class_ratio(t, "page-table", "xen-pv"), want_pv, 1e-9);
	EXPECT_EQ(classes(t), (std::vector<std::string>{"page-table", "timer"}));
}

TEST(Table, RepeatsAreAveraged)
{
	std::vector<Boot> boots = {fake::boot("native", 1, {{"t.a", "t", {100}}}),
				   fake::boot("native", 2, {{"t.a", "t", {300}}})};
	Table t = build_table(boots, {"native"});
	EXPECT_DOUBLE_EQ(t.rows.at(0).cells["native"].median, 200);
	EXPECT_DOUBLE_EQ(t.rows.at(0).cells["native"].min, 100); // the least, not averaged
	EXPECT_EQ(t.rows.at(0).cells["native"].runs, 2);
}

TEST(Report, MarkdownHasEverySectionAndFigure)
{
	Matrix m;
	Table t = build_table(m.boots, fixtures::boot_columns());
	std::optional<Repeatability> none;
	ReportInfo info;
	info.bench_spec = "quick";
	info.columns = fixtures::boot_columns();
	std::string md = report_markdown({info, m.boots, t, none});
	for (const char *s : {"## Boots", "## KUnit per suite", "## Benchmarks", "### Per class",
			      "### Not measured", "ratios.svg", "| x86_hypervisor |"})
		EXPECT_NE(md.find(s), std::string::npos) << s;
	EXPECT_NE(md.find(format_ratio(ratio(t.rows[0], "xen-pv"))), std::string::npos);
	EXPECT_NE(md.find(format_ns(median_of(m.fork_pv))), std::string::npos);
	EXPECT_NE(md.find("mmu_update 12.50, multicall 3.00"), std::string::npos);
	EXPECT_NE(md.find("| n/a |"), std::string::npos); // no counters under PVH
	EXPECT_NE(md.find("timerfd_create: Function not implemented"), std::string::npos);
	EXPECT_EQ(md.find("## Problems"), std::string::npos);
}

TEST(Report, ProblemsAreListedWithTheLog)
{
	Matrix m;
	m.boots[1].bench.ended = false; // as if the guest died before the end record
	Table t = build_table(m.boots, fixtures::boot_columns());
	std::optional<Repeatability> none;
	ReportInfo info;
	info.bench_spec = "quick";
	info.columns = fixtures::boot_columns();
	std::string md = report_markdown({info, m.boots, t, none});
	EXPECT_NE(md.find("## Problems"), std::string::npos);
	EXPECT_NE(md.find("Xen PV #1: pvbench INCOMPLETE"), std::string::npos);
	EXPECT_NE(md.find("/nonexistent/xen-pv/serial.log"), std::string::npos);
}

// The reports of the fixture boots (tests/fixtures/<column>-{boot,pvbench}.log,
// real console logs) against reviewed golden files, tests/golden/report.json
// and tests/golden/report.md (fixtures::expect_golden says how to update).
namespace {

// The three fixture boots as pvharness --from-logs sees them, with fixed
// labels for their directories so that the reports do not name a temp dir.
struct FixtureBoots {
	std::vector<Boot> boots;
	std::map<std::string, std::string> text; // column -> the log

	FixtureBoots()
	{
		for (const auto &c : fixtures::boot_columns()) {
			text[c] = fixtures::read(c + "-boot.log") +
				  fixtures::read(c + "-pvbench.log");
			auto lines = console_lines(text[c]);
			Boot b;
			b.column = c;
			b.dir = "fixtures/" + c;
			b.log_read = true;
			b.ktap = ktap::parse(lines);
			b.bench = bench::parse(lines);
			boots.push_back(std::move(b));
		}
	}
};

// "name" -> the figure `key` of that benchmark's PVBENCH result line, read
// with a regular expression, not with a JSON codec.
std::map<std::string, double> figures_in_log(const std::string &log, const std::string &key)
{
	std::map<std::string, double> out;
	const std::regex line(
		R"re(PVBENCH: \{"type":"result","name":"([^"]+)".*"status":"ok".*")re" + key +
		R"re(":(-?[0-9.eE+]+))re");
	for (const auto &l : fixtures::split(log)) {
		std::smatch m;
		if (std::regex_search(l, m, line))
			out[m[1]] = std::stod(m[2]);
	}
	return out;
}

} // namespace

TEST(ReportGolden, JsonOfTheFixtureBoots)
{
	FixtureBoots f;
	Table t = build_table(f.boots, fixtures::boot_columns());
	ReportInfo info;
	info.bench_spec = "quick";
	info.columns = fixtures::boot_columns();
	std::string text = report_json_text({info, f.boots, t, std::nullopt});
	fixtures::expect_golden("report.json", text);

	// And what it says agrees with the logs: each median is the one on the
	// PVBENCH line, each ratio the quotient of two such lines, each boot's
	// KUnit verdict and suite list those of its KTAP.
	auto v = nlohmann::json::parse(text);
	EXPECT_EQ(v["format"], "pvops-bench-report");
	std::map<std::string, std::map<std::string, double>> medians;
	std::size_t measured = 0;
	for (const auto &c : fixtures::boot_columns()) {
		medians[c] = figures_in_log(f.text[c], "median");
		measured += medians[c].size();
	}
	EXPECT_GT(measured, 10u) << "the regex found no PVBENCH result line";
	std::size_t seen = 0;
	for (const auto &row : v["benchmarks"]) {
		const std::string name = row["name"];
		for (const auto &c : fixtures::boot_columns()) {
			SCOPED_TRACE(name + " on " + c);
			const auto &cell = row["columns"][c];
			auto m = medians[c].find(name);
			if (m == medians[c].end()) {
				EXPECT_TRUE(cell.is_null() || cell["status"] != "ok");
				continue;
			}
			++seen;
			EXPECT_EQ(cell["status"], "ok");
			EXPECT_EQ(cell["median"].get<double>(), m->second);
			if (c == "native")
				continue;
			auto n = medians["native"].find(name);
			if (n != medians["native"].end() && n->second > 0)
				EXPECT_DOUBLE_EQ(cell["ratio_to_native"].get<double>(),
						 m->second / n->second);
			else
				EXPECT_TRUE(cell["ratio_to_native"].is_null());
		}
	}
	EXPECT_EQ(seen, measured); // every measured figure reached the report
	ASSERT_EQ(v["boots"].size(), fixtures::boot_columns().size());
	for (std::size_t i = 0; i < fixtures::boot_columns().size(); ++i) {
		const auto &b = v["boots"][i];
		EXPECT_EQ(b["column"], fixtures::boot_columns()[i]);
		// "ok N name" at the suite level of the KTAP, one per suite.
		std::vector<std::string> suites;
		const std::regex suite_result(
			R"(^(?:\[[ 0-9.]+\] )?(not )?ok [0-9]+ ([A-Za-z0-9_.-]+))");
		for (const auto &l : fixtures::split(f.text[fixtures::boot_columns()[i]])) {
			std::smatch m;
			if (std::regex_search(l, m, suite_result))
				suites.push_back(m[2]);
		}
		std::vector<std::string> reported;
		for (const auto &s : b["kunit"]["suites"])
			reported.push_back(s["name"]);
		EXPECT_EQ(reported, suites) << fixtures::boot_columns()[i];
	}
}

TEST(ReportGolden, MarkdownOfTheFixtureBoots)
{
	FixtureBoots f;
	Table t = build_table(f.boots, fixtures::boot_columns());
	ReportInfo info;
	info.bench_spec = "quick";
	info.columns = fixtures::boot_columns();
	std::string md = report_markdown({info, f.boots, t, std::nullopt});
	fixtures::expect_golden("report.md", md);
	// The native median of each benchmark, as the PVBENCH line has it, is
	// in the table in the report's unit.
	for (const auto &[name, median] : figures_in_log(f.text["native"], "median")) {
		SCOPED_TRACE(name);
		EXPECT_NE(md.find(name), std::string::npos);
		EXPECT_NE(md.find(format_ns(median)), std::string::npos);
	}
}

TEST(Report, SvgHasOneBarPerMeasuredRatio)
{
	Matrix m;
	Table t = build_table(m.boots, fixtures::boot_columns());
	std::string svg = report_svg(t);
	int expected = 0;
	for (const auto &row : t.rows)
		for (const auto &c : {"xen-pv", "xen-pvh"})
			expected += ratio(row, c) ? 1 : 0;
	auto count = [&](const std::string &s) {
		int n = 0;
		for (auto at = svg.find(s); at != std::string::npos; at = svg.find(s, at + 1))
			++n;
		return n;
	};
	EXPECT_EQ(count("<rect class=\"bar\""), expected);
	EXPECT_EQ(svg.rfind("<svg", 0), 0u);
	EXPECT_NE(svg.find("</svg>"), std::string::npos);
	EXPECT_NE(svg.find(">page-table (geometric mean)</text>"), std::string::npos);
	// Same number of opening and closing text elements: well formed enough.
	EXPECT_EQ(count("<text"), count("</text>"));
	EXPECT_EQ(count("<title>"), count("</title>"));
}

TEST(Report, Formatting)
{
	EXPECT_EQ(format_ns(999), "999 ns");
	EXPECT_EQ(format_ns(1500), "1.50 us");
	EXPECT_EQ(format_ns(2.5e6), "2.50 ms");
	EXPECT_EQ(format_ratio(std::nullopt), "-");
	EXPECT_EQ(format_ratio(1.0 / 3), "0.33x");
	EXPECT_EQ(format_hypercalls(std::nullopt), "n/a");
	EXPECT_EQ(format_hypercalls(bench::Pairs{}), "0");
	EXPECT_EQ(format_hypercalls(bench::Pairs{{"a", 1}, {"b", 3}, {"c", 2}, {"d", 0.5}}, 2),
		  "b 3.00, c 2.00");
}
