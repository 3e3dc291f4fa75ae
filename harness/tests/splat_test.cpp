// SPDX-License-Identifier: GPL-2.0
// The splat gate on every scripts/tests/splat/*.log: fail-NAME[.what].log
// must fail with NAME as its first splat, pass-*.log must pass; every
// pattern of scripts/splat-patterns has such a fixture.
#include <filesystem>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "judge_run.hpp"
#include "splat.hpp"

namespace fs = std::filesystem;

namespace {

std::string patterns_file()
{
	return judge_run::root() + "/scripts/splat-patterns";
}

std::vector<fs::path> splat_logs()
{
	std::vector<fs::path> logs;
	for (const auto &e : fs::directory_iterator(judge_run::root() + "/scripts/tests/splat"))
		if (e.path().extension() == ".log")
			logs.push_back(e.path());
	std::sort(logs.begin(), logs.end());
	return logs;
}

// What `pvharness splat` printed: the first splat's pattern name, read as
// the removed scripts/tests/splat.sh read it (third ':' field of the first line that
// is not a tolerated oops).
std::string first_splat(const std::string &output)
{
	std::istringstream in(output);
	for (std::string line; std::getline(in, line);) {
		if (line.find(": tolerated ") != std::string::npos)
			continue;
		std::istringstream fields(line);
		std::string f;
		for (int i = 0; i < 3 && std::getline(fields, f, ':'); ++i) {
		}
		f.erase(std::remove(f.begin(), f.end(), ' '), f.end());
		return f;
	}
	return "";
}

} // namespace

TEST(Splat, EveryFixtureGivesTheVerdictItsNameSays)
{
	auto logs = splat_logs();
	ASSERT_GE(logs.size(), 3u);
	int fails = 0, passes = 0;
	for (const auto &log : logs) {
		std::string name = log.stem().string();
		std::ostringstream out;
		int rc = pvh::splat::print_splats(log.string(), patterns_file(), out);
		if (name.rfind("fail-", 0) == 0) {
			std::string want = name.substr(5, name.find('.') - 5);
			EXPECT_EQ(rc, 1) << name << ":\n" << out.str();
			EXPECT_EQ(first_splat(out.str()), want) << name << ":\n" << out.str();
			++fails;
		} else if (name.rfind("pass-", 0) == 0) {
			EXPECT_EQ(rc, 0) << name << ":\n" << out.str();
			++passes;
		}
	}
	EXPECT_GT(fails, 0);
	EXPECT_GT(passes, 0);
}

TEST(Splat, EveryPatternHasAFailingFixture)
{
	std::string error;
	auto patterns = pvh::splat::load_patterns(patterns_file(), error);
	ASSERT_FALSE(patterns.empty()) << error;
	std::set<std::string> covered;
	for (const auto &log : splat_logs()) {
		std::string name = log.stem().string();
		if (name.rfind("fail-", 0) == 0)
			covered.insert(name.substr(5, name.find('.') - 5));
	}
	for (const auto &p : patterns)
		EXPECT_TRUE(covered.count(p.name)) << "pattern " << p.name << " has no fixture";
}

TEST(Splat, KunitFaultOopsIsToleratedOnceWithItsLine)
{
	std::string log = judge_run::root() + "/scripts/tests/splat/pass-kunit-fault.log";
	std::ostringstream out;
	EXPECT_EQ(pvh::splat::print_splats(log, patterns_file(), out), 0);
	std::string text = judge_run::read_source("scripts/tests/splat/pass-kunit-fault.log");
	auto lines = pvh::splat::log_lines(text);
	std::size_t bug = 0;
	while (bug < lines.size() &&
	       lines[bug].find("BUG: kernel NULL pointer dereference") == std::string::npos)
		++bug;
	ASSERT_LT(bug, lines.size());
	EXPECT_EQ(out.str(), log + ":" + std::to_string(bug + 1) +
				     ": tolerated (bug, KUnit kunit_fault): " + lines[bug] + "\n");
}

TEST(Splat, CarriageReturnsDoNotShiftLineNumbers)
{
	// Xen ends its lines in "\r\r\n": one line each, as in the file.
	std::string text = "[    1.000000] ok\r\r\n[    1.100000] WARNING: at x\r\r\n";
	std::string error;
	auto found = pvh::splat::find_splats(pvh::splat::log_lines(text),
					     pvh::splat::load_patterns(patterns_file(), error));
	ASSERT_EQ(found.splats.size(), 1u);
	EXPECT_EQ(found.splats[0].line, 2);
	EXPECT_EQ(found.splats[0].pattern, "warning");
	EXPECT_EQ(found.splats[0].text, "[    1.100000] WARNING: at x");
}

TEST(Splat, UnreadablePatternsFileIsOneErrorLine)
{
	std::string error;
	EXPECT_TRUE(pvh::splat::load_patterns("/nonexistent/splat-patterns", error).empty());
	EXPECT_EQ(error, "cannot read the splat patterns /nonexistent/splat-patterns");
}
