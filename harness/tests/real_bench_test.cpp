// SPDX-License-Identifier: GPL-2.0
// pvbench output from real boots (tests/fixtures/<column>-pvbench.log, cut
// from serial.log of a `pvharness --quick --deterministic` run), read back
// and turned into a report the way pvharness --from-logs does it.
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "console.hpp"
#include "fixtures.hpp"
#include "matrix.hpp"
#include "pvbench_log.hpp"
#include "report.hpp"
#include "table.hpp"

using namespace pvh;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kColumns = {"native", "xen-pv", "xen-pvh"};

class RealBench : public ::testing::TestWithParam<const char *>
{
};

} // namespace

TEST_P(RealBench, RecordsAreCompleteAndConsistent)
{
	std::string text = fixtures::read(std::string(GetParam()) + "-pvbench.log");
	auto run = bench::parse(console_lines(text));
	EXPECT_EQ(bench::state(run), bench::State::Complete);
	EXPECT_TRUE(run.problems.empty());
	EXPECT_EQ(static_cast<int>(run.records.size()), run.planned);
	EXPECT_EQ(run.cpus, 2);
	for (const auto &r : run.records) {
		SCOPED_TRACE(r.name);
		// The human table below the records names every benchmark too.
		EXPECT_NE(text.find("\n" + r.name + " "), std::string::npos);
		if (r.status != "ok") {
			EXPECT_FALSE(r.reason.empty());
			EXPECT_NE(r.err, 0);
			continue;
		}
		EXPECT_GT(r.iterations, 0);
		EXPECT_LE(r.min, r.median);
		EXPECT_LE(r.median, r.p99);
		EXPECT_LE(r.p99, r.max);
		EXPECT_LE(r.min, r.mean + 0.1);
		EXPECT_LE(r.mean, r.max + 0.1);
		EXPECT_FALSE(r.hypercalls); // no kernel has the counters yet
	}
}

INSTANTIATE_TEST_SUITE_P(Boots, RealBench, ::testing::Values("native", "xen-pv", "xen-pvh"));

TEST(RealBench, FromLogsReportMatchesTheRecords)
{
	fs::path dir = fs::path(testing::TempDir()) / ("real-bench-" + std::to_string(::getpid()));
	for (const auto &c : kColumns) {
		fs::create_directories(dir / "r1" / c);
		std::ofstream(dir / "r1" / c / "serial.log")
			<< fixtures::read(c + "-boot.log") << fixtures::read(c + "-pvbench.log");
	}
	std::string error;
	auto boots = discover_logs(dir.string(), kColumns, error);
	ASSERT_EQ(boots.size(), 3u) << error;
	Table t = build_table(boots, kColumns);
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
	info.columns = kColumns;
	std::string md = report_markdown({info, boots, t, none});
	EXPECT_NE(md.find("| x86_hypervisor | PASS"), std::string::npos);
	fs::remove_all(dir);
}
