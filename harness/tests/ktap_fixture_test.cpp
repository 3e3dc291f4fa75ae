// SPDX-License-Identifier: GPL-2.0
// The KTAP parser on real console logs of the three boots (trimmed from
// serial.log, carriage returns and all). Expectations come from the logs
// themselves: KUnit's own "# suite: pass:N ... total:N" lines and the
// top-level plan. ktap_diff_test.cpp holds the same logs against kunit.py.
#include <map>
#include <regex>

#include <gtest/gtest.h>

#include "console.hpp"
#include "fixtures.hpp"
#include "ktap.hpp"

using namespace pvh::ktap;

namespace {

class RealLog : public ::testing::TestWithParam<std::string>
{
protected:
	std::string text() const { return fixtures::read(GetParam() + "-boot.log"); }
};

} // namespace

TEST_P(RealLog, EverySuitePassesAndMatchesKUnitsOwnCounts)
{
	std::string text = this->text();
	Log log = parse(text);
	ASSERT_EQ(log.documents.size(), 1u);
	const pvh::ktap::Test &root = log.documents[0].root;
	ASSERT_GT(root.plan, 0);
	ASSERT_GT(root.subtests.size(), 0u);
	EXPECT_EQ(static_cast<int>(root.subtests.size()), root.plan);
	EXPECT_EQ(verdict(log), Verdict::Pass);
	for (const auto &p : log.problems)
		ADD_FAILURE() << "line " << p.line << ": " << p.message;

	for (const auto &suite : root.subtests) {
		SCOPED_TRACE(suite.name);
		EXPECT_EQ(static_cast<int>(suite.subtests.size()), suite.plan);
		Counts c = count_subtests(suite);
		// A suite whose every case skips (a Xen suite natively) is SKIP.
		EXPECT_EQ(verdict(suite),
			  c.pass == 0 && c.skip > 0 ? Verdict::Skip : Verdict::Pass);
		EXPECT_EQ(c.fail, 0);
		if (suite.stats) { // KUnit prints them for suites of more than one case
			EXPECT_EQ(c.pass, suite.stats->pass);
			EXPECT_EQ(c.fail, suite.stats->fail);
			EXPECT_EQ(c.skip, suite.stats->skip);
			EXPECT_EQ(c.total(), suite.stats->total);
		}
		for (const auto &t : suite.subtests)
			EXPECT_EQ(t.name.find('\r'), std::string::npos);
	}
}

TEST_P(RealLog, TheSuiteUnderTestIsThere)
{
	Log log = parse(text());
	bool found = false;
	for (const auto &s : log.documents.at(0).root.subtests)
		if (s.name == "x86_hypervisor")
			found = verdict(s) == Verdict::Pass && !s.subtests.empty();
	EXPECT_TRUE(found);
}

// Cut the log after every line of its KTAP stream: no prefix may pass.
TEST_P(RealLog, EveryTruncationIsCrashedOrIncomplete)
{
	auto lines = fixtures::split(text());
	std::size_t first = 0, last = 0;
	for (std::size_t i = 0; i < lines.size(); ++i) {
		std::string body(pvh::strip_timestamp(lines[i]));
		if (first == 0 && body.find("KTAP version 1") == 0)
			first = i;
		if (std::regex_search(body, std::regex("^(not )?ok [0-9]+ ")))
			last = i; // the last top-level result ends the stream
	}
	ASSERT_GT(last, first);
	for (std::size_t cut = first; cut < last; ++cut) {
		std::vector<std::string> prefix(lines.begin(), lines.begin() + cut + 1);
		Verdict v = verdict(parse(fixtures::join(prefix)));
		EXPECT_TRUE(v == Verdict::Crashed || v == Verdict::Incomplete ||
			    v == Verdict::NoResults)
			<< "cut after line " << cut + 1 << ": " << verdict_name(v);
	}
}

// Drop any one result line, or turn any "ok" into "not ok": never a pass.
TEST_P(RealLog, EveryLostOrFailedResultIsNoticed)
{
	auto lines = fixtures::split(text());
	int edited = 0;
	for (std::size_t i = 0; i < lines.size(); ++i) {
		std::string body(pvh::strip_timestamp(lines[i]));
		std::size_t indent = body.find_first_not_of(' ');
		if (indent == std::string::npos || body.compare(indent, 3, "ok ") != 0)
			continue;
		++edited;
		// KUnit prints no plan for a parameterized case's parameters
		// (indented 8), so nothing, kunit.py included, misses one.
		if (indent < 8) {
			auto dropped = lines;
			dropped.erase(dropped.begin() + static_cast<long>(i));
			Verdict v = verdict(parse(fixtures::join(dropped)));
			EXPECT_NE(v, Verdict::Pass) << "without line " << i + 1;
		}

		// "not ok ... # SKIP" is still a skip, in KTAP as in kunit.py: the
		// failed case loses its directive.
		auto failed = lines;
		std::size_t at = failed[i].find("ok ");
		failed[i].insert(at, "not ");
		if (auto skip = failed[i].find(" # SKIP"); skip != std::string::npos)
			failed[i].erase(skip);
		EXPECT_EQ(verdict(parse(fixtures::join(failed))), Verdict::Fail)
			<< "with line " << i + 1 << " failing";
	}
	EXPECT_GT(edited, 10);
}

INSTANTIATE_TEST_SUITE_P(Boots, RealLog, ::testing::ValuesIn(fixtures::boot_columns()));
