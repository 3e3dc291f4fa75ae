// SPDX-License-Identifier: GPL-2.0
// pvbench's A/B mode on the host: the pass order, the figures, and a whole
// run against a fake accounting file whose "benchmark" costs more while
// the file says accounting is on.
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <variant>

#include <gtest/gtest.h>

#include "ab.hpp"
#include "json.hpp"

using namespace pvbench;

TEST(PvbenchAb, PassesRunOffOnOnOff)
{
	std::string order;
	for (unsigned i = 0; i < 8; ++i)
		order += ab_pass_is_on(i) ? '1' : '0';
	EXPECT_EQ(order, "01100110");
}

TEST(PvbenchAb, FiguresTakeTheLeastOfEachSide)
{
	// Pass 3 was slowed by something else: the least of each side counts.
	std::vector<AbPass> passes = {
		{false, 1000, 0}, {true, 1012, 3}, {true, 1009, 3}, {false, 1030, 0}};
	AbFigures f = ab_figures(passes);
	EXPECT_DOUBLE_EQ(f.off, 1000);
	EXPECT_DOUBLE_EQ(f.on, 1009);
	EXPECT_NEAR(f.delta_pct, 0.9, 1e-9);
	EXPECT_DOUBLE_EQ(f.hypercalls_on, 3);
	EXPECT_DOUBLE_EQ(f.hypercalls_off, 0);
	EXPECT_DOUBLE_EQ(f.per_hypercall, 3);
	// No hypercall: no cost per hypercall, not a division by zero.
	AbFigures none = ab_figures({{false, 50, 0}, {true, 50, 0}});
	EXPECT_DOUBLE_EQ(none.per_hypercall, 0);
	EXPECT_DOUBLE_EQ(none.delta_pct, 0);
}

namespace {

std::string slurp(const std::string &path)
{
	std::ifstream in(path);
	std::ostringstream s;
	s << in.rdbuf();
	return s.str();
}

// A benchmark that reads the accounting file: while it says "1" each op
// costs 110 ns and makes 2 counted hypercalls (written back as the class
// section, as the kernel's file would show them), otherwise 100 ns.
Benchmark fake_benchmark(const std::string &path)
{
	Benchmark b;
	b.name = "page-table.fake";
	b.klass = "page-table";
	b.run = [path](const Run &run) {
		bool on = slurp(path).rfind("1", 0) == 0;
		Result r;
		for (std::uint64_t i = 0; i < run.iterations; ++i)
			r.samples.push_back(on ? 110 : 100);
		r.ops = run.iterations;
		r.total_ns = (on ? 110.0 : 100.0) * static_cast<double>(r.ops);
		if (on) {
			std::ofstream out(path);
			out << "# class calls batched\ntotal " << 2 * r.ops << " 0\n";
		}
		return r;
	};
	return b;
}

} // namespace

TEST(PvbenchAb, RunSwitchesAccountingAndMeasuresTheDifference)
{
	std::string path = testing::TempDir() + "pvbench-ab-" + std::to_string(::getpid());
	std::ofstream(path) << "0\n";
	Benchmark b = fake_benchmark(path);
	pvbench::Run run;
	run.iterations = 10;
	AccountingSwitch sw(path);
	HypercallSource hc({path});
	ASSERT_TRUE(hc.available());

	AbOutcome o = run_ab(b, run, sw, hc, kAbPasses);
	ASSERT_EQ(o.first_failure.status, Result::Status::Ok) << o.first_failure.reason;
	ASSERT_EQ(o.passes.size(), kAbPasses);
	AbFigures f = ab_figures(o.passes);
	EXPECT_DOUBLE_EQ(f.off, 100);
	EXPECT_DOUBLE_EQ(f.on, 110);
	EXPECT_DOUBLE_EQ(f.hypercalls_on, 2);
	EXPECT_DOUBLE_EQ(f.hypercalls_off, 0);
	EXPECT_DOUBLE_EQ(f.per_hypercall, 5);
	// Accounting is left off.
	EXPECT_EQ(slurp(path), "0\n");

	std::string rec = ab_record(o);
	ASSERT_EQ(rec.rfind(kAbPrefix, 0), 0u);
	auto parsed = pvh::json::parse(rec.substr(std::string(kAbPrefix).size()));
	ASSERT_TRUE(std::holds_alternative<pvh::json::Value>(parsed));
	const auto &j = std::get<pvh::json::Value>(parsed);
	EXPECT_EQ(j.string_or("order", ""), "0110");
	EXPECT_DOUBLE_EQ(j.number_or("off", 0), 100);
	EXPECT_DOUBLE_EQ(j.number_or("on", 0), 110);
	EXPECT_DOUBLE_EQ(j.number_or("added_per_hypercall", 0), 5);
	EXPECT_NE(ab_table({o}).find("+10.000%"), std::string::npos);
	::unlink(path.c_str());
}

TEST(PvbenchAb, AnUnwritableSwitchFailsTheRunAndNamesTheFile)
{
	std::string path = testing::TempDir() + "no-such-dir-" + std::to_string(::getpid()) + "/hc";
	Benchmark b = fake_benchmark(path);
	pvbench::Run run;
	run.iterations = 1;
	AbOutcome o = run_ab(b, run, AccountingSwitch(path), HypercallSource({path}), kAbPasses);
	EXPECT_EQ(o.first_failure.status, Result::Status::Failed);
	EXPECT_NE(o.first_failure.reason.find(path), std::string::npos);
	EXPECT_TRUE(o.passes.empty());
	EXPECT_NE(ab_record(o).find("\"status\":\"failed\""), std::string::npos);
}
