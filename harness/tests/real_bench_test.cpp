// SPDX-License-Identifier: GPL-2.0
// pvbench output from real boots (tests/fixtures/<column>-pvbench.log, cut
// from serial.log of a `pvharness --quick --deterministic` run), read back
// and turned into a report the way pvharness --from-logs does it.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include <gtest/gtest.h>

#include "boot.hpp"
#include "console.hpp"
#include "fixtures.hpp"
#include "judge_run.hpp"
#include "matrix.hpp"
#include "pvbench_log.hpp"
#include "report.hpp"
#include "table.hpp"

using namespace pvh;
namespace fs = std::filesystem;

namespace {

class RealBench : public ::testing::TestWithParam<std::string>
{
};

// What a PVBENCH line says, found with regular expressions on the log text
// (not with a JSON codec), to hold the parser to.
std::string field(const std::string &line, const std::string &key)
{
	std::smatch m;
	const std::regex re("\"" + key + R"re(":("[^"]*"|null|-?[0-9.eE+]+|\{[^}]*\}))re");
	return std::regex_search(line, m, re) ? m[1].str() : "";
}

std::vector<std::string> lines_of_type(const std::string &text, const std::string &type)
{
	std::vector<std::string> out;
	for (const auto &l : fixtures::split(text))
		if (l.find("PVBENCH: {\"type\":\"" + type + "\"") != std::string::npos)
			out.push_back(l);
	return out;
}

std::string unquote(const std::string &s)
{
	return s.size() >= 2 && s.front() == '"' ? s.substr(1, s.size() - 2) : s;
}

} // namespace

TEST_P(RealBench, RecordsAreTheNumbersOnThePvbenchLines)
{
	std::string text = fixtures::read(GetParam() + "-pvbench.log");
	auto run = bench::parse(console_lines(text));
	EXPECT_EQ(bench::state(run), bench::State::Complete);
	EXPECT_TRUE(run.problems.empty());

	auto begins = lines_of_type(text, "begin");
	ASSERT_EQ(begins.size(), 1u);
	EXPECT_EQ(run.planned, std::stoi(field(begins[0], "benchmarks")));
	EXPECT_EQ(run.cpus, std::stoi(field(begins[0], "cpus")));
	EXPECT_EQ(run.mode, unquote(field(begins[0], "mode")));
	std::string source = field(begins[0], "hypercalls");
	EXPECT_EQ(run.hypercall_source, source == "null" ? "" : unquote(source));

	auto results = lines_of_type(text, "result");
	ASSERT_EQ(run.records.size(), results.size());
	EXPECT_EQ(static_cast<int>(results.size()), run.planned);
	for (std::size_t i = 0; i < results.size(); ++i) {
		const auto &r = run.records[i];
		const std::string &line = results[i];
		SCOPED_TRACE(line);
		EXPECT_EQ(r.name, unquote(field(line, "name")));
		EXPECT_EQ(r.klass, unquote(field(line, "class")));
		EXPECT_EQ(r.status, unquote(field(line, "status")));
		// The human table below the records names every benchmark too.
		EXPECT_NE(text.find("\n" + r.name + " "), std::string::npos);
		if (r.status != "ok") {
			EXPECT_EQ(r.err, std::stoi(field(line, "errno")));
			EXPECT_EQ(r.reason, unquote(field(line, "reason")));
			EXPECT_FALSE(r.reason.empty());
			continue;
		}
		const std::pair<const char *, double> figures[] = {{"iterations", r.iterations},
								   {"samples", r.samples},
								   {"mean", r.mean},
								   {"median", r.median},
								   {"p99", r.p99},
								   {"min", r.min},
								   {"max", r.max}};
		for (const auto &[key, value] : figures)
			EXPECT_EQ(value, std::stod(field(line, key))) << key;
		EXPECT_GT(r.iterations, 0);
		EXPECT_LE(r.min, r.median);
		EXPECT_LE(r.median, r.p99);
		EXPECT_LE(r.p99, r.max);
		// Hypercalls per op: null (no counters in that kernel) or an object
		// whose every "class":number pair the record holds, in order.
		std::string hc = field(line, "hypercalls_per_op");
		ASSERT_FALSE(hc.empty());
		if (hc == "null") {
			EXPECT_FALSE(r.hypercalls);
			continue;
		}
		ASSERT_TRUE(r.hypercalls);
		bench::Pairs want;
		const std::regex pair(R"re("([^"]+)":(-?[0-9.eE+]+))re");
		for (std::sregex_iterator it(hc.begin(), hc.end(), pair), end; it != end; ++it)
			want.emplace_back((*it)[1], std::stod((*it)[2]));
		EXPECT_EQ(*r.hypercalls, want);
	}
}

INSTANTIATE_TEST_SUITE_P(Boots, RealBench, ::testing::ValuesIn(fixtures::boot_columns()));

TEST(RealBench, FromLogsReportMatchesTheRecords)
{
	fs::path dir = fs::path(testing::TempDir()) / ("real-bench-" + std::to_string(::getpid()));
	for (const auto &c : fixtures::boot_columns()) {
		fs::create_directories(dir / "r1" / c);
		std::ofstream(dir / "r1" / c / "serial.log")
			<< fixtures::read(c + "-boot.log") << fixtures::read(c + "-pvbench.log");
	}
	std::string error;
	auto boots = discover_logs(dir.string(), fixtures::boot_columns(), error);
	ASSERT_EQ(boots.size(), 3u) << error;
	Table t = build_table(boots, fixtures::boot_columns());
	ASSERT_FALSE(t.rows.empty());
	int ratios = 0;
	for (const auto &row : t.rows) {
		const bench::Record *native = nullptr, *pv = nullptr;
		for (const auto &r : boots[0].bench.records)
			if (r.name == row.name)
				native = &r;
		for (const auto &r : boots[1].bench.records)
			if (r.name == row.name)
				pv = &r;
		ASSERT_TRUE(native && pv) << row.name;
		auto q = ratio(row, "xen-pv");
		if (native->status == "ok" && pv->status == "ok" && native->median > 0) {
			ASSERT_TRUE(q) << row.name;
			EXPECT_DOUBLE_EQ(*q, pv->median / native->median);
			++ratios;
		} else {
			EXPECT_FALSE(q) << row.name;
		}
	}
	EXPECT_GT(ratios, 5);
	for (const auto &b : boots)
		EXPECT_TRUE(boot_problems(b, true).empty()) << b.column;
	std::optional<Repeatability> none;
	ReportInfo info;
	info.bench_spec = "quick";
	info.columns = fixtures::boot_columns();
	std::string md = report_markdown({info, boots, t, none});
	EXPECT_NE(md.find("| x86_hypervisor | PASS"), std::string::npos);
	fs::remove_all(dir);
}

// A domU column's serial.log is dom0's console with the domU's relayed
// behind it: its KUnit results are what the judge split out (ktap.log),
// not what the raw log parses to.
TEST(RealBench, DomuBootReadsTheJudgedKtap)
{
	auto j = judge_run::judge(fixtures::read("xen-pv-domu-serial.log"), "xen-pv-domu");
	ASSERT_EQ(j.result["status"], "pass") << j.out << j.err;
	pvh::Boot b;
	b.column = "xen-pv-domu";
	b.dir = j.dir;
	std::string error;
	ASSERT_TRUE(pvh::load_boot(b, error)) << error;
	EXPECT_EQ(pvh::ktap::verdict(b.ktap), pvh::ktap::Verdict::Pass);
	EXPECT_GT(pvh::ktap::count_cases(b.ktap).pass, 100);
	for (const auto &p : pvh::boot_problems(b, false))
		ADD_FAILURE() << p;
	// Without the judge's copy, the raw log is all there is.
	std::filesystem::remove(j.dir + "/ktap.log");
	ASSERT_TRUE(pvh::load_boot(b, error)) << error;
	EXPECT_NE(pvh::ktap::verdict(b.ktap), pvh::ktap::Verdict::Pass);
}
