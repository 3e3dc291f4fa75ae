// SPDX-License-Identifier: GPL-2.0
// The KTAP parser on hand-written edge cases (the real logs are in
// ktap_fixture_test.cpp).
#include <gtest/gtest.h>

#include "fixtures.hpp"
#include "ktap.hpp"

using namespace pvh::ktap;
using fixtures::join;

TEST(KtapLine, Version)
{
	EXPECT_EQ(parse_version("KTAP version 1"), 1);
	EXPECT_EQ(parse_version("TAP version 14"), 14);
	EXPECT_FALSE(parse_version("KTAP version"));
	EXPECT_FALSE(parse_version("KTAP version 1 extra"));
}

TEST(KtapLine, Plan)
{
	EXPECT_EQ(parse_plan("1..13"), 13);
	EXPECT_EQ(parse_plan("1..0 # SKIP nothing here"), 0);
	EXPECT_FALSE(parse_plan("1..x"));
	EXPECT_FALSE(parse_plan("1..3 trailing"));
	EXPECT_FALSE(parse_plan("2..3"));
}

TEST(KtapLine, ResultsAndDirectives)
{
	auto r = parse_result("ok 1 case_a");
	ASSERT_TRUE(r);
	EXPECT_TRUE(r->ok);
	EXPECT_EQ(r->number, 1);
	EXPECT_EQ(r->name, "case_a");
	EXPECT_EQ(r->directive, "");

	r = parse_result("not ok 12 case_b # SKIP no hardware");
	ASSERT_TRUE(r);
	EXPECT_FALSE(r->ok);
	EXPECT_EQ(r->number, 12);
	EXPECT_EQ(r->name, "case_b");
	EXPECT_EQ(r->directive, "SKIP");
	EXPECT_EQ(r->reason, "no hardware");

	r = parse_result("ok 3 - tap_style # todo later");
	ASSERT_TRUE(r);
	EXPECT_EQ(r->name, "tap_style");
	EXPECT_EQ(r->directive, "TODO");
	EXPECT_EQ(r->reason, "later");

	r = parse_result("not ok 4 expected # XFAIL");
	ASSERT_TRUE(r);
	EXPECT_EQ(r->directive, "XFAIL");

	r = parse_result("ok 5 name#with#hashes # just a comment");
	ASSERT_TRUE(r);
	EXPECT_EQ(r->name, "name#with#hashes");
	EXPECT_EQ(r->directive, "");
	EXPECT_EQ(r->reason, "just a comment");

	r = parse_result("ok 6 # SKIP");
	ASSERT_TRUE(r);
	EXPECT_EQ(r->name, "");
	EXPECT_EQ(r->directive, "SKIP");

	EXPECT_FALSE(parse_result("ok"));
	EXPECT_FALSE(parse_result("ok x name"));
	EXPECT_FALSE(parse_result("okay 1 name"));
	EXPECT_FALSE(parse_result("ok 1x name"));
}

TEST(KtapLine, Stats)
{
	auto s = parse_stats("# Totals: pass:6 fail:1 skip:2 total:9");
	ASSERT_TRUE(s);
	EXPECT_EQ(s->first, "Totals");
	EXPECT_EQ(s->second.pass, 6);
	EXPECT_EQ(s->second.fail, 1);
	EXPECT_EQ(s->second.skip, 2);
	EXPECT_EQ(s->second.total, 9);
	EXPECT_TRUE(parse_stats("# kunit-try-catch-test: pass:2 fail:0 skip:0 total:2"));
	EXPECT_FALSE(parse_stats("# fake test: ../linux/lib/kunit/kunit-test.c:722: fail"));
	EXPECT_FALSE(parse_stats("# x: pass:1 fail:0 skip:0"));
}

namespace {

// A KUnit-shaped log with one suite of `cases`, timestamps and Xen's CRs.
std::string suite_log(const std::vector<std::string> &cases, int plan)
{
	std::vector<std::string> l = {"[    0.1] KTAP version 1\r\r", "[    0.1] 1..1\r\r",
				      "[    0.1]     KTAP version 1\r\r",
				      "[    0.1]     # Subtest: demo\r\r",
				      "[    0.1]     1.." + std::to_string(plan) + "\r\r"};
	for (const auto &c : cases)
		l.push_back("[    0.2]     " + c + "\r\r");
	l.push_back("[    0.3] ok 1 demo\r\r");
	return join(l);
}

} // namespace

TEST(Ktap, SuiteWithSkipsPassesAndCountsCases)
{
	Log log = parse(suite_log({"ok 1 a", "ok 2 b # SKIP not here", "ok 3 c"}, 3));
	ASSERT_EQ(log.documents.size(), 1u);
	const pvh::ktap::Test &root = log.documents[0].root;
	EXPECT_EQ(root.plan, 1);
	ASSERT_EQ(root.subtests.size(), 1u);
	const pvh::ktap::Test &suite = root.subtests[0];
	EXPECT_EQ(suite.name, "demo");
	EXPECT_EQ(suite.plan, 3);
	Counts c = count_subtests(suite);
	EXPECT_EQ(c.pass, 2);
	EXPECT_EQ(c.skip, 1);
	EXPECT_EQ(c.total(), 3);
	EXPECT_EQ(suite.subtests[1].reason, "not here");
	EXPECT_EQ(verdict(log), Verdict::Pass);
	EXPECT_TRUE(log.problems.empty());
}

TEST(Ktap, FailedCaseFailsTheSuiteEvenIfTheSuiteSaysOk)
{
	Log log = parse(suite_log({"ok 1 a", "not ok 2 b"}, 2));
	EXPECT_EQ(verdict(log.documents[0].root.subtests[0]), Verdict::Fail);
	EXPECT_EQ(verdict(log), Verdict::Fail);
}

TEST(Ktap, TodoIsNotAFailureAndXfailIsAPass)
{
	Log log = parse(suite_log({"not ok 1 a # TODO flaky", "not ok 2 b # XFAIL"}, 2));
	Counts c = count_subtests(log.documents[0].root.subtests[0]);
	EXPECT_EQ(c.fail, 0);
	EXPECT_EQ(c.skip, 1);
	EXPECT_EQ(c.pass, 1);
	EXPECT_EQ(verdict(log), Verdict::Pass);
}

TEST(Ktap, FewerResultsThanPlannedIsIncomplete)
{
	Log log = parse(suite_log({"ok 1 a", "ok 2 b"}, 3));
	const pvh::ktap::Test &suite = log.documents[0].root.subtests[0];
	EXPECT_EQ(verdict(suite), Verdict::Incomplete);
	EXPECT_EQ(count_subtests(suite).missing, 1);
	EXPECT_EQ(verdict(log), Verdict::Incomplete);
}

TEST(Ktap, LogEndingInsideASuiteIsCrashed)
{
	std::string text = "KTAP version 1\n1..2\n    KTAP version 1\n    # Subtest: s1\n    1..2\n"
			   "    ok 1 a\n    ok 2 b\nok 1 s1\n    KTAP version 1\n"
			   "    # Subtest: s2\n    1..3\n    ok 1 x\n";
	Log log = parse(text);
	ASSERT_EQ(log.documents.size(), 1u);
	const pvh::ktap::Test &root = log.documents[0].root;
	ASSERT_EQ(root.subtests.size(), 2u);
	EXPECT_EQ(verdict(root.subtests[0]), Verdict::Pass);
	EXPECT_EQ(root.subtests[1].result, Result::None);
	EXPECT_EQ(verdict(root.subtests[1]), Verdict::Crashed);
	EXPECT_EQ(verdict(log), Verdict::Crashed);
	ASSERT_FALSE(log.problems.empty());
}

TEST(Ktap, TopLevelPlanNotFulfilledIsIncomplete)
{
	std::string text = "KTAP version 1\n1..3\n    KTAP version 1\n    # Subtest: s1\n    1..1\n"
			   "    ok 1 a\nok 1 s1\nRun /init as init process\n";
	Log log = parse(text);
	EXPECT_EQ(verdict(log), Verdict::Incomplete);
	EXPECT_EQ(count_subtests(log.documents[0].root).missing, 2);
}

TEST(Ktap, InterleavedKernelLinesAreIgnored)
{
	std::string text =
		"random: crng init done\nKTAP version 1\n1..1\n    KTAP version 1\n"
		"    # Subtest: s\n  weird two-space line\n    1..2\naction_order_2\n"
		"BUG: kernel NULL pointer dereference, address: 0000000000000000\n"
		"    ok 1 a\n ? kthread+0xbc/0xc4\n        deeper noise\n    ok 2 b\n"
		"# s: pass:2 fail:0 skip:0 total:2\n# Totals: pass:2 fail:0 skip:0 total:2\n"
		"ok 1 s\n(XEN) Preparing system for ACPI S5 state.\n";
	Log log = parse(text);
	ASSERT_EQ(log.documents.size(), 1u);
	const pvh::ktap::Test &suite = log.documents[0].root.subtests.at(0);
	EXPECT_EQ(suite.subtests.size(), 2u);
	ASSERT_TRUE(suite.stats);
	EXPECT_EQ(suite.stats->total, 2);
	ASSERT_TRUE(suite.totals);
	EXPECT_EQ(suite.totals->pass, 2);
	EXPECT_EQ(verdict(log), Verdict::Pass);
}

TEST(Ktap, ParameterisedCasesNestTwoLevels)
{
	// KUnit's layout for a parameterised case: params at 8 spaces without a
	// plan, the case's stats at 4, its result at 4.
	std::string text = "KTAP version 1\n1..1\n    KTAP version 1\n    # Subtest: s\n    1..2\n"
			   "        KTAP version 1\n        # Subtest: p\n        ok 1 one\n"
			   "        not ok 2 two\n        ok 3 three # SKIP n/a\n"
			   "    # p: pass:1 fail:1 skip:1 total:3\n    not ok 1 p\n    ok 2 q\n"
			   "# s: pass:1 fail:1 skip:0 total:2\nnot ok 1 s\n";
	Log log = parse(text);
	const pvh::ktap::Test &suite = log.documents.at(0).root.subtests.at(0);
	ASSERT_EQ(suite.subtests.size(), 2u);
	const pvh::ktap::Test &p = suite.subtests[0];
	EXPECT_EQ(p.name, "p");
	ASSERT_EQ(p.subtests.size(), 3u);
	EXPECT_EQ(p.subtests[1].result, Result::Fail);
	ASSERT_TRUE(p.stats);
	EXPECT_EQ(p.stats->total, 3);
	EXPECT_EQ(verdict(p), Verdict::Fail);
	Counts c = count_subtests(suite);
	EXPECT_EQ(c.fail, 1);
	EXPECT_EQ(c.pass, 1);
	EXPECT_TRUE(log.problems.empty());
}

TEST(Ktap, SubtestHeaderBeforeVersionLine)
{
	std::string text = "KTAP version 1\n1..1\n    # Subtest: old_style\n    KTAP version 1\n"
			   "    1..1\n    ok 1 a\nok 1 old_style\n";
	Log log = parse(text);
	ASSERT_EQ(log.documents.at(0).root.subtests.size(), 1u);
	EXPECT_EQ(log.documents[0].root.subtests[0].name, "old_style");
	EXPECT_EQ(verdict(log), Verdict::Pass);
}

TEST(Ktap, SuiteWithoutResultFollowedByAnotherIsCrashed)
{
	std::string text =
		"KTAP version 1\n1..2\n    KTAP version 1\n    # Subtest: s1\n    1..1\n"
		"    ok 1 a\n    KTAP version 1\n    # Subtest: s2\n    1..1\n    ok 1 b\n"
		"ok 2 s2\n";
	Log log = parse(text);
	const pvh::ktap::Test &root = log.documents.at(0).root;
	ASSERT_EQ(root.subtests.size(), 2u);
	EXPECT_EQ(root.subtests[0].name, "s1");
	EXPECT_EQ(verdict(root.subtests[0]), Verdict::Crashed);
	EXPECT_EQ(verdict(root.subtests[1]), Verdict::Pass);
	EXPECT_EQ(verdict(log), Verdict::Crashed);
}

TEST(Ktap, NoKtapAtAll)
{
	EXPECT_EQ(verdict(parse("")), Verdict::NoResults);
	EXPECT_EQ(verdict(parse("Linux version 6.12\nok 1 stray\n1..3\n")), Verdict::NoResults);
	EXPECT_EQ(verdict(parse("KTAP version 1\n")), Verdict::NoResults);
}

TEST(Ktap, TwoDocumentsAreBothKept)
{
	std::string one = "KTAP version 1\n1..1\n    KTAP version 1\n    # Subtest: a\n    1..1\n"
			  "    ok 1 x\nok 1 a\n";
	std::string two = "KTAP version 1\n1..1\n    KTAP version 1\n    # Subtest: b\n    1..1\n"
			  "    not ok 1 y\nnot ok 1 b\n";
	Log log = parse(one + "kernel says hi\n" + two);
	ASSERT_EQ(log.documents.size(), 2u);
	EXPECT_EQ(verdict(log.documents[0]), Verdict::Pass);
	EXPECT_EQ(verdict(log.documents[1]), Verdict::Fail);
	EXPECT_EQ(verdict(log), Verdict::Fail);
}

TEST(Ktap, StatsSayingFailWinOverOkLines)
{
	std::string text = "KTAP version 1\n1..1\n    KTAP version 1\n    # Subtest: s\n    1..1\n"
			   "    ok 1 a\n# s: pass:0 fail:1 skip:0 total:1\nok 1 s\n";
	EXPECT_EQ(verdict(parse(text)), Verdict::Fail);
}

TEST(Ktap, WrongNumbersAndNamesAreReported)
{
	std::string text = "KTAP version 1\n1..1\n    KTAP version 1\n    # Subtest: s\n    1..2\n"
			   "    ok 1 a\n    ok 3 b\nok 1 other\n";
	Log log = parse(text);
	ASSERT_EQ(log.problems.size(), 2u);
	EXPECT_EQ(log.problems[0].line, 7);
	EXPECT_NE(log.problems[0].message.find("test number 3, expected 2"), std::string::npos);
	EXPECT_NE(log.problems[1].message.find("'other' closes subtest 's'"), std::string::npos);
}

TEST(Ktap, DeepNestingIsBoundedNotRecursive)
{
	std::string text = "KTAP version 1\n1..1\n";
	for (int i = 1; i < 200; ++i)
		text += std::string(static_cast<std::size_t>(4 * i), ' ') + "KTAP version 1\n";
	Log log = parse(text);
	EXPECT_EQ(verdict(log), Verdict::Crashed);
	EXPECT_FALSE(log.problems.empty());
}

TEST(Ktap, DiagnosticsAttachToTheFollowingResult)
{
	std::string text = "KTAP version 1\n1..1\n    KTAP version 1\n    # Subtest: s\n    1..1\n"
			   "        # a: EXPECTATION FAILED at x.c:3\n"
			   "        Expected 1 == 2\n    not ok 1 a\nnot ok 1 s\n";
	Log log = parse(text);
	const pvh::ktap::Test &a = log.documents.at(0).root.subtests.at(0).subtests.at(0);
	ASSERT_EQ(a.diagnostics.size(), 1u);
	EXPECT_EQ(a.diagnostics[0], "# a: EXPECTATION FAILED at x.c:3");
}
