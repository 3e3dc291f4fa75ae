// SPDX-License-Identifier: GPL-2.0
// The side-by-side summary and the KUnit table over a boot directory that
// the judge filled from the fixture logs (native with one case skipped,
// xen-pv with routing and hypercall records added, xen-pvh killed at its
// timeout), against golden files
// that scripts/summary.py and scripts/kunit_table.py (since removed) printed for the same
// directory. The boot directory's path reads BOOT in the golden files.
#include <filesystem>
#include <sstream>

#include <gtest/gtest.h>

#include "column.hpp"
#include "fixtures.hpp"
#include "judge_run.hpp"
#include "kunit_table.hpp"
#include "summary.hpp"

namespace {

std::string replace_all(std::string s, const std::string &from, const std::string &to)
{
	for (std::size_t p = 0; (p = s.find(from, p)) != std::string::npos; p += to.size())
		s.replace(p, from.size(), to);
	return s;
}

// The boot directory; without_pvh: xen-pvh did not run.
std::string boot_dir(bool without_pvh)
{
	std::string boot = judge_run::fresh_dir("boot");
	auto native = fixtures::split(fixtures::read("native-boot.log"));
	for (auto &l : native)
		if (l.find("    ok 3 xen_pvh_test") != std::string::npos)
			l = replace_all(l, "xen_pvh_test", "xen_pvh_test # SKIP not a PVH guest");
	judge_run::judge(fixtures::join(native), "native", 0, boot + "/native");
	// xen-pv as it booted, with the guest's routing and hypercall records.
	judge_run::judge(fixtures::read("xen-pv-boot.log"), "xen-pv", 0, boot + "/xen-pv");
	if (!without_pvh)
		judge_run::judge(fixtures::read("xen-pvh-boot.log"), "xen-pvh", 124,
				 boot + "/xen-pvh");
	return boot;
}

const std::vector<std::string> &columns()
{
	return fixtures::boot_columns();
}

} // namespace

TEST(Summary, JudgedFixturesMatchTheGolden)
{
	std::string boot = boot_dir(false);
	std::ostringstream out;
	int rc = pvh::print_summary(pvh::load_results(boot, columns()), out);
	fixtures::expect_golden("judge/summary.txt", replace_all(out.str(), boot, "BOOT"));
	EXPECT_EQ(rc, 1); // xen-pvh timed out
}

TEST(Summary, ColumnWithoutResultIsNotRun)
{
	std::string boot = boot_dir(true);
	std::ostringstream out;
	int rc = pvh::print_summary(pvh::load_results(boot, columns()), out);
	fixtures::expect_golden("judge/summary-not-run.txt", replace_all(out.str(), boot, "BOOT"));
	EXPECT_EQ(rc, 1);
}

TEST(Summary, AllPassedIsExitZero)
{
	std::string boot = boot_dir(false);
	judge_run::judge(fixtures::read("xen-pvh-boot.log"), "xen-pvh", 0, boot + "/xen-pvh");
	std::ostringstream out;
	EXPECT_EQ(pvh::print_summary(pvh::load_results(boot, columns()), out), 0) << out.str();
}

TEST(KunitTable, SkipReasonsMatchTheGolden)
{
	std::string boot = boot_dir(false);
	std::ostringstream out;
	int rc = pvh::print_kunit_table(pvh::load_results(boot, columns()), true, out);
	fixtures::expect_golden("judge/kunit-table-skips.txt", out.str());
	EXPECT_EQ(rc, 0);
}

TEST(KunitTable, MissingBootOrFailedCaseIsExitOne)
{
	std::string boot = boot_dir(true);
	std::ostringstream out;
	EXPECT_EQ(pvh::print_kunit_table(pvh::load_results(boot, columns()), false, out), 1);
	fixtures::expect_golden("judge/kunit-table-not-run.txt", out.str());
	auto lines = fixtures::split(fixtures::read("xen-pvh-boot.log"));
	for (auto &l : lines)
		l = replace_all(l, "    ok 2 xen_domain_type_test",
				"    not ok 2 xen_domain_type_test");
	judge_run::judge(fixtures::join(lines), "xen-pvh", 0, boot + "/xen-pvh");
	std::ostringstream again;
	EXPECT_EQ(pvh::print_kunit_table(pvh::load_results(boot, columns()), false, again), 1);
	EXPECT_NE(again.str().find("x86_hypervisor"), std::string::npos);
}
