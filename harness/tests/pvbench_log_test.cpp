// SPDX-License-Identifier: GPL-2.0
// Reading pvbench's records back from a console log: what the guest writes
// (its own record writer, fake_pvbench.cpp) is what the host reads.
#include <gtest/gtest.h>

#include "console.hpp"
#include "fake_pvbench.hpp"
#include "pvbench_log.hpp"
#include "stats.hpp"

using namespace pvh;

TEST(PvbenchLog, RoundTripsTheGuestsRecords)
{
	std::vector<double> samples = {120, 100, 110, 400, 105};
	pvbench::Summary want = pvbench::summarize(samples, 835, 5);
	auto run = bench::parse(console_lines(fake::pvbench_log(
		{{"page-table.fork_exit", "page-table", samples, "ok", {{{"mmu_update", 2.5}}}},
		 {"timer.timerfd_jitter", "timer", {}, "skipped", std::nullopt}})));
	EXPECT_EQ(bench::state(run), bench::State::Complete);
	EXPECT_TRUE(run.problems.empty());
	EXPECT_EQ(run.mode, "quick");
	EXPECT_EQ(run.cpus, 2);
	ASSERT_EQ(run.records.size(), 2u);
	const auto &r = run.records[0];
	EXPECT_EQ(r.name, "page-table.fork_exit");
	EXPECT_EQ(r.klass, "page-table");
	EXPECT_EQ(r.status, "ok");
	EXPECT_DOUBLE_EQ(r.median, want.median);
	EXPECT_DOUBLE_EQ(r.mean, want.mean);
	EXPECT_DOUBLE_EQ(r.p99, want.p99);
	EXPECT_DOUBLE_EQ(r.iterations, 5);
	ASSERT_TRUE(r.hypercalls);
	EXPECT_EQ(r.hypercalls->at(0).first, "mmu_update");
	EXPECT_DOUBLE_EQ(r.hypercalls->at(0).second, 2.5);
	const auto &s = run.records[1];
	EXPECT_EQ(s.status, "skipped");
	EXPECT_EQ(s.err, 38);
	EXPECT_FALSE(s.hypercalls);
	EXPECT_NE(s.reason.find("timerfd_create"), std::string::npos);
}

TEST(PvbenchLog, NoBeginIsNotRun)
{
	auto run = bench::parse(console_lines("just a kernel\nPVOPS-GUEST: end status=0\n"));
	EXPECT_EQ(bench::state(run), bench::State::NotRun);
}

TEST(PvbenchLog, MissingEndOrResultsIsIncomplete)
{
	auto no_end = bench::parse(
		console_lines(fake::pvbench_log({{"timer.x", "timer", {1, 2}}}, false)));
	EXPECT_EQ(bench::state(no_end), bench::State::Incomplete);
	auto short_run = bench::parse(
		console_lines(fake::pvbench_log({{"timer.x", "timer", {1, 2}}}, true, 3)));
	EXPECT_EQ(bench::state(short_run), bench::State::Incomplete);
}

TEST(PvbenchLog, BadRecordsAreProblemsWithTheirLine)
{
	std::string log = "PVBENCH: {\"type\":\"begin\",\"benchmarks\":1}\n"
			  "PVBENCH: {\"type\":\"result\",\"name\":\"a.b\",\"class\":\"a\"\n"
			  "PVBENCH: {\"type\":\"result\",\"name\":\"a.b\",\"class\":\"a\","
			  "\"status\":\"ok\",\"mean\":1}\n"
			  "PVBENCH: {\"type\":\"surprise\"}\n"
			  "PVBENCH: {\"type\":\"end\"}\n";
	auto run = bench::parse(console_lines(log));
	ASSERT_EQ(run.problems.size(), 3u);
	EXPECT_EQ(run.problems[0].line, 2);
	EXPECT_NE(run.problems[0].message.find("malformed PVBENCH record"), std::string::npos);
	EXPECT_EQ(run.problems[1].line, 3);
	EXPECT_NE(run.problems[1].message.find("lacks the number 'iterations'"), std::string::npos);
	EXPECT_EQ(run.problems[2].line, 4);
	EXPECT_EQ(bench::state(run), bench::State::Incomplete); // 0 of 1 results
}

TEST(PvbenchLog, ANumberTooLargeIsAProblemNotACrash)
{
	// Found by ktap_fuzz: nlohmann-json throws out_of_range, not
	// parse_error, for a number beyond a double's range.
	std::string log = "PVBENCH: {\"type\":\"begin\",\"benchmarks\":32E43722}\n";
	auto run = bench::parse(console_lines(log));
	ASSERT_EQ(run.problems.size(), 1u);
	EXPECT_EQ(run.problems[0].line, 1);
	EXPECT_NE(run.problems[0].message.find("malformed PVBENCH record (number overflow"),
		  std::string::npos)
		<< run.problems[0].message;
}

TEST(PvbenchLog, RecordsSurviveAKernelPrefixOnTheLine)
{
	// A printk that lost its newline in front of the record.
	std::string log = fake::pvbench_log({{"timer.x", "timer", {5}}});
	auto pos = log.find("PVBENCH: {\"type\":\"result\"");
	log.insert(pos, "[    3.0] clocksource: switched");
	auto run = bench::parse(console_lines(log));
	EXPECT_EQ(run.records.size(), 1u);
	EXPECT_EQ(bench::state(run), bench::State::Complete);
}

TEST(PvbenchLog, RecordJsonRoundTrip)
{
	auto run = bench::parse(console_lines(fake::pvbench_log({{"timer.x", "timer", {5, 7}}})));
	ASSERT_EQ(run.records.size(), 1u);
	std::string error;
	auto back = bench::record_from_json(bench::record_to_json(run.records[0]), error);
	ASSERT_TRUE(back) << error;
	EXPECT_EQ(back->median, run.records[0].median);
	EXPECT_EQ(back->name, "timer.x");
	EXPECT_FALSE(back->hypercalls);
}
