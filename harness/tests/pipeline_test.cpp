// SPDX-License-Identifier: GPL-2.0
// pvharness ci-times' reading of a gitlab-ci-local run: job names with
// brackets and common prefixes, statuses, a run past midnight, jobs that
// must run alone caught when their lines interleave, and the schedule on
// N runners against a pipeline worked out by hand.
#include <gtest/gtest.h>

#include "pipeline.hpp"

namespace pl = pvh::pipeline;

namespace {

const char *kJobs = R"([
  {"name": "prepare", "stage": "prepare", "when": "on_success"},
  {"name": "build", "stage": "build", "needs": [{"job": "prepare", "artifacts": true}]},
  {"name": "boot: [xen-pv]", "stage": "boot", "needs": [{"job": "build"}]},
  {"name": "boot: [xen-pv-domu]", "stage": "boot", "needs": [{"job": "build"}]},
  {"name": "gates: [1-9]", "stage": "gates", "needs": [{"job": "prepare"}]},
  {"name": "report", "stage": "report", "needs": [{"job": "build"}, {"job": "boot"}]}
])";

std::vector<pl::JobSpec> jobs()
{
	std::string error;
	auto j = pl::parse_jobs(kJobs, error);
	EXPECT_EQ(error, "");
	return j;
}

// Each job: its first line at start, its last at end (seconds after 23:59:00).
std::string line(long t, const std::string &job, const std::string &text)
{
	char stamp[32];
	long s = (23 * 3600 + 59 * 60 + t) % 86400;
	std::snprintf(stamp, sizeof(stamp), "[%02ld:%02ld:%02ld  12 ms] ", s / 3600, s / 60 % 60,
		      s % 60);
	return stamp + job + " " + text + "\n";
}

std::string run_log(bool interleave_builds)
{
	std::string log = "parsing and downloads finished in 135 ms.\n";
	log += line(0, "prepare", "starting shell (prepare)");
	log += line(10, "prepare", "finished in 10 s");
	log += line(10, "build", "starting shell (build)");
	if (interleave_builds)
		log += line(20, "gates: [1-9]", "starting shell (gates)");
	log += line(110, "build", "finished in 100 s");
	log += line(110, "boot: [xen-pv-domu]", "starting shell (boot)");
	log += line(130, "boot: [xen-pv-domu]", "> $ build/harness/main/pvharness boot xen-pv");
	log += line(140, "boot: [xen-pv]", "starting shell (boot)");
	log += line(160, "boot: [xen-pv]", "finished in 20 s");
	if (!interleave_builds)
		log += line(160, "gates: [1-9]", "starting shell (gates)");
	log += line(210, "gates: [1-9]", "finished in 50 s");
	log += line(210, "report", "starting shell (report)");
	log += line(215, "report", "finished in 5 s  FAIL 1");
	log += "\n PASS  [ 10 s] prepare\n PASS  [ 100 s] build\n PASS  [ 30 s] boot: "
	       "[xen-pv-domu]\n"
	       " PASS  [ 20 s] boot: [xen-pv]\n PASS  [ 50 s] gates: [1-9]\n FAIL  [ 5 s] report\n";
	return log;
}

const pl::JobRun &find(const std::vector<pl::JobRun> &runs, const std::string &name)
{
	for (const auto &r : runs)
		if (r.name == name)
			return r;
	throw std::runtime_error("no job " + name);
}

} // namespace

TEST(Pipeline, JobsAndNeedsFromTheListing)
{
	auto j = jobs();
	ASSERT_EQ(j.size(), 6u);
	EXPECT_FALSE(j[0].has_needs);
	EXPECT_EQ(j[5].needs, (std::vector<std::string>{"build", "boot"}));
	std::string error;
	EXPECT_TRUE(pl::parse_jobs("{\"name\": 1}", error).empty());
	EXPECT_NE(error, "");
	EXPECT_TRUE(pl::parse_jobs("[{\"stage\": \"x\"}]", error).empty());
	EXPECT_NE(error.find("without a name"), std::string::npos);
}

TEST(Pipeline, RunTimesStatusesAndMidnight)
{
	auto runs = pl::parse_run(run_log(false), jobs());
	EXPECT_EQ(find(runs, "prepare").seconds(), 10);
	EXPECT_EQ(find(runs, "build").seconds(), 100);
	// Two names with a common start, each its own lines.
	EXPECT_EQ(find(runs, "boot: [xen-pv-domu]").seconds(), 20);
	EXPECT_EQ(find(runs, "boot: [xen-pv]").seconds(), 20);
	EXPECT_EQ(find(runs, "report").status, "FAIL");
	EXPECT_EQ(find(runs, "gates: [1-9]").status, "PASS");
	EXPECT_EQ(pl::base_name("gates: [1-9]"), "gates");
	EXPECT_EQ(pl::base_name("report"), "report");
	auto missing = pl::parse_run("[09:00:00  1 ms] prepare starting shell\n", jobs());
	EXPECT_EQ(find(missing, "build").start, -1);
	EXPECT_EQ(find(missing, "prepare").status, "");
}

TEST(Pipeline, KernelBuildsThatInterleaveAreCaught)
{
	std::vector<std::string> alone{"build", "gates"};
	EXPECT_TRUE(pl::overlaps(pl::parse_run(run_log(false), jobs()), alone).empty());
	auto over = pl::overlaps(pl::parse_run(run_log(true), jobs()), alone);
	EXPECT_EQ(over, (std::vector<std::string>{"build and gates: [1-9]"}));
	// The boots interleave with nothing here, and are not exclusive anyway.
	EXPECT_TRUE(pl::overlaps(pl::parse_run(run_log(true), jobs()), {"boot"}).empty());
}

TEST(Pipeline, ScheduleOnOneTwoAndManyRunners)
{
	auto specs = jobs();
	auto runs = pl::parse_run(run_log(false), specs);
	// prepare 10, build 100, boots 20 and 20, gates 50, report 5.
	EXPECT_EQ(pl::schedule(specs, runs, 1).wall, 205);
	// prepare 0-10; build 10-110 beside gates 10-60; the two boots
	// 110-130 side by side; report 130-135.
	EXPECT_EQ(pl::schedule(specs, runs, 2).wall, 135);
	auto all = pl::schedule(specs, runs, 16);
	EXPECT_EQ(all.wall, 135);
	EXPECT_EQ(all.path,
		  (std::vector<std::string>{"prepare", "build", "boot: [xen-pv]", "report"}));
	EXPECT_EQ(pl::clock(135), "2:15");
	EXPECT_EQ(pl::clock(3725), "1:02:05");
	EXPECT_EQ(pl::time_of_day(86400 + 65), "00:01:05");
}

// A name that begins another ("build", "build x"), WARN lines that name
// the failed part after the job (a failed after_script leaves the job's
// PASS), and the hour after midnight printed as 24 or as 00: the same run.
TEST(Pipeline, NamePrefixesWarnSuffixAndHour24)
{
	std::string error;
	auto specs = pl::parse_jobs(R"([{"name": "build", "stage": "build"},
					 {"name": "build x", "stage": "build"}])",
				    error);
	ASSERT_EQ(specs.size(), 2u);
	for (const char *hour : {"24", "00"}) {
		std::string h = hour;
		auto at = [](const std::string &when, const std::string &text) {
			return "[" + when + "  1 ms] " + text + "\n";
		};
		std::string log = at("23:59:50", "build starting shell (build)") +
				  at("23:59:55", "build x starting shell (build x)") +
				  at(h + ":00:05", "build x finished in 10 s") +
				  at(h + ":00:10", "build finished in 20 s") +
				  "\n PASS  [ 20 s] build\n WARN  [ 10 s] build x  pre_script\n"
				  " WARN  [ 20 s] build  after_script\n";
		auto runs = pl::parse_run(log, specs);
		SCOPED_TRACE("hour " + h);
		EXPECT_EQ(find(runs, "build").seconds(), 20);
		EXPECT_EQ(find(runs, "build x").seconds(), 10);
		EXPECT_EQ(find(runs, "build").status, "PASS");
		EXPECT_EQ(find(runs, "build x").status, "WARN");
		EXPECT_EQ(pl::time_of_day(find(runs, "build").end), "00:00:10");
	}
}

TEST(Pipeline, AJobWithoutNeedsWaitsForEarlierStages)
{
	std::string error;
	auto specs = pl::parse_jobs(R"([{"name": "a", "stage": "one"},
					 {"name": "b", "stage": "one"},
					 {"name": "c", "stage": "two"}])",
				    error);
	std::vector<pl::JobRun> runs{
		{"a", 0, 30, 1, 2, "PASS"}, {"b", 0, 10, 3, 4, "PASS"}, {"c", 0, 5, 5, 6, "PASS"}};
	EXPECT_EQ(pl::schedule(specs, runs, 4).wall, 35);
	EXPECT_EQ(pl::schedule(specs, runs, 4).path, (std::vector<std::string>{"a", "c"}));
}
