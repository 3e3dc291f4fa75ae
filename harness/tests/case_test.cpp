// SPDX-License-Identifier: GPL-2.0
// pvharness case, which scripts/mutate.sh asks for a case's status in a
// boot's result.json: the status as judged, "absent" for a case the boot
// never reported, "no result" for a missing or unreadable result, and
// without a case the failing cases on one line.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <fstream>

#include <gtest/gtest.h>

#include "commands.hpp"
#include "judge_run.hpp"

using namespace std::string_literals;

namespace {

// A result.json with the "kunit" section the judge writes.
std::string write_result(const std::string &name, const std::string &text)
{
	std::string path = judge_run::fresh_dir("case-" + name) + "/result.json";
	std::ofstream(path) << text;
	return path;
}

const char *kResult = R"({"kunit": {"suites": {
	"xen_pv_mmu": {"set_pte_hypercall": "PASS", "p2m_bound": "FAIL"},
	"x86_paravirt": {"routing": "SKIP", "irq_ops": "ERROR"}}}})";

// `pvharness case ARGS...`: its status and what it printed.
std::pair<int, std::string> run_case(std::vector<std::string> args)
{
	CLI::App app;
	pvh::Command cmd = pvh::add_case_command(app);
	args.insert(args.begin(), "case");
	std::reverse(args.begin(), args.end()); // CLI11 parses a reversed vector
	app.parse(args);
	testing::internal::CaptureStdout();
	int rc = cmd.run();
	return {rc, testing::internal::GetCapturedStdout()};
}

} // namespace

TEST(CaseCommand, PrintsTheJudgedStatusOfOneCase)
{
	std::string r = write_result("status", kResult);
	EXPECT_EQ(run_case({r, "xen_pv_mmu.set_pte_hypercall"}), std::make_pair(0, "PASS\n"s));
	EXPECT_EQ(run_case({r, "xen_pv_mmu.p2m_bound"}), std::make_pair(0, "FAIL\n"s));
	EXPECT_EQ(run_case({r, "x86_paravirt.routing"}), std::make_pair(0, "SKIP\n"s));
	EXPECT_EQ(run_case({r, "x86_paravirt.irq_ops"}), std::make_pair(0, "ERROR\n"s));
}

TEST(CaseCommand, ACaseTheBootNeverReportedIsAbsent)
{
	std::string r = write_result("absent", kResult);
	EXPECT_EQ(run_case({r, "xen_pv_mmu.no_such_case"}).second, "absent\n");
	EXPECT_EQ(run_case({r, "no_such_suite.set_pte_hypercall"}).second, "absent\n");
	EXPECT_EQ(run_case({r, "xen_pv_mmu"}).second, "absent\n") << "no case name";
}

TEST(CaseCommand, AMissingOrBrokenResultIsNoResult)
{
	EXPECT_EQ(run_case({"/nonexistent/result.json", "a.b"}).second, "no result\n");
	std::string broken = write_result("broken", R"({"kunit": {"suites": )");
	EXPECT_EQ(run_case({broken, "a.b"}).second, "no result\n");
	std::string empty = write_result("nokunit", R"({"verdict": "PASS"})");
	EXPECT_EQ(run_case({empty, "a.b"}).second, "no result\n");
	EXPECT_EQ(run_case({empty}).second, "\n");
}

TEST(CaseCommand, WithoutACaseListsTheFailingCasesSorted)
{
	std::string r = write_result("failing", kResult);
	EXPECT_EQ(run_case({r}), std::make_pair(0, "x86_paravirt.irq_ops xen_pv_mmu.p2m_bound\n"s));
	std::string clean = write_result(
		"clean", R"({"kunit": {"suites": {"s": {"a": "PASS", "b": "SKIP"}}}})");
	EXPECT_EQ(run_case({clean}).second, "\n");
}
