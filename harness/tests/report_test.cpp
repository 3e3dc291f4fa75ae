// SPDX-License-Identifier: GPL-2.0
// The benchmark table, ratios and the three report formats, from boots
// whose logs were written by pvbench's own record writer.
#include <cmath>

#include <gtest/gtest.h>

#include "fake_pvbench.hpp"
#include "report.hpp"
#include "stats.hpp"
#include "table.hpp"

using namespace pvh;

namespace {

const std::vector<std::string> kColumns = {"native", "xen-pv", "xen-pvh"};

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
	Table t = build_table(m.boots, kColumns);
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
	Table t = build_table(m.boots, kColumns);
	std::optional<Repeatability> none;
	ReportInfo info;
	info.bench_spec = "quick";
	info.columns = kColumns;
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
	Table t = build_table(m.boots, kColumns);
	std::optional<Repeatability> none;
	ReportInfo info;
	info.bench_spec = "quick";
	info.columns = kColumns;
	std::string md = report_markdown({info, m.boots, t, none});
	EXPECT_NE(md.find("## Problems"), std::string::npos);
	EXPECT_NE(md.find("Xen PV #1: pvbench INCOMPLETE"), std::string::npos);
	EXPECT_NE(md.find("/nonexistent/xen-pv/serial.log"), std::string::npos);
}

TEST(Report, JsonReadsBackWithTheSameRatios)
{
	Matrix m;
	Table t = build_table(m.boots, kColumns);
	auto rep = compare_repeats(m.boots);
	ReportInfo info;
	info.columns = kColumns;
	std::string text = json::dump(report_json({info, m.boots, t, rep}), 2);
	auto parsed = json::parse(text);
	ASSERT_TRUE(std::holds_alternative<json::Value>(parsed));
	const auto &v = std::get<json::Value>(parsed);
	EXPECT_EQ(v.string_or("format", ""), "pvops-bench-report");
	const auto &rows = v.find("benchmarks")->as_array();
	ASSERT_EQ(rows.size(), 3u);
	const json::Value *pv = rows[0].find("columns")->find("xen-pv");
	ASSERT_TRUE(pv);
	EXPECT_NEAR(pv->number_or("ratio_to_native", -1), *ratio(t.rows[0], "xen-pv"), 1e-12);
	EXPECT_EQ(pv->number_or("min", -1), t.rows[0].cells["xen-pv"].min);
	EXPECT_EQ(pv->find("hypercalls_per_op")->number_or("mmu_update", 0), 12.5);
	EXPECT_TRUE(rows[0].find("columns")->find("xen-pvh")->find("hypercalls_per_op")->is_null());
	EXPECT_EQ(v.find("boots")->as_array().size(), 3u);
	EXPECT_EQ(v.find("boots")->as_array()[0].find("kunit")->string_or("verdict", ""), "PASS");
	EXPECT_TRUE(v.find("repeatability")->is_null()); // one repeat only
}

TEST(Report, SvgHasOneBarPerMeasuredRatio)
{
	Matrix m;
	Table t = build_table(m.boots, kColumns);
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
