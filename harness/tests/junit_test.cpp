// SPDX-License-Identifier: GPL-2.0
// The JUnit XML of judged fixture boots: a skipped case carries the
// kernel's reason, a boot that timed out or did not run is a failed test
// naming why, and the totals agree with the cases written.
#include <gtest/gtest.h>

#include "fixtures.hpp"
#include "judge_run.hpp"
#include "junit.hpp"

namespace {

int occurrences(const std::string &s, const std::string &what)
{
	int n = 0;
	for (std::size_t p = 0; (p = s.find(what, p)) != std::string::npos; p += what.size())
		++n;
	return n;
}

std::string replace_all(std::string s, const std::string &from, const std::string &to)
{
	for (std::size_t p = 0; (p = s.find(from, p)) != std::string::npos; p += to.size())
		s.replace(p, from.size(), to);
	return s;
}

} // namespace

TEST(Junit, CasesSkipsAndBootFailuresOfJudgedBoots)
{
	std::string boot = judge_run::fresh_dir("junit");
	auto native = fixtures::split(fixtures::read("native-boot.log"));
	for (auto &l : native)
		if (l.find("    ok 3 xen_pvh_test") != std::string::npos)
			l = replace_all(l, "xen_pvh_test", "xen_pvh_test # SKIP not a <PVH> guest");
	judge_run::judge(fixtures::join(native), "native", 0, boot + "/native");
	judge_run::judge(fixtures::read("xen-pvh-boot.log"), "xen-pvh", 124, boot + "/xen-pvh");

	pvh::JunitCounts n;
	std::string xml =
		pvh::junit_xml(pvh::load_results(boot, {"native", "xen-pv", "xen-pvh"}), &n);
	EXPECT_EQ(xml.rfind("<?xml version=\"1.0\"", 0), 0u);
	EXPECT_EQ(occurrences(xml, "<testcase "), n.tests);
	EXPECT_EQ(occurrences(xml, "<failure "), n.failures);
	EXPECT_EQ(occurrences(xml, "<skipped "), n.skipped);
	EXPECT_EQ(occurrences(xml, "<testsuite "), occurrences(xml, "</testsuite>"));
	EXPECT_GT(n.tests, 20);
	// The skip and its reason, escaped.
	EXPECT_NE(xml.find("classname=\"native.x86_hypervisor\" name=\"xen_pvh_test\">\n"
			   "      <skipped message=\"not a &lt;PVH&gt; guest\"/>"),
		  std::string::npos)
		<< xml;
	EXPECT_NE(xml.find("<testcase classname=\"native\" name=\"boot\"/>"), std::string::npos);
	// xen-pv has no result.json; xen-pvh was killed at its timeout.
	EXPECT_NE(xml.find("<testcase classname=\"xen-pv\" name=\"boot\">\n"
			   "      <failure message=\"no result.json"),
		  std::string::npos);
	EXPECT_NE(xml.find("<testcase classname=\"xen-pvh\" name=\"boot\">\n"
			   "      <failure message=\"timed out after"),
		  std::string::npos);
	EXPECT_EQ(n.failures, 2);
}

TEST(Junit, AllPassedHasNoFailure)
{
	std::string boot = judge_run::fresh_dir("junit-pass");
	judge_run::judge(fixtures::read("xen-pv-boot.log"), "xen-pv", 0, boot + "/xen-pv");
	pvh::JunitCounts n;
	std::string xml = pvh::junit_xml(pvh::load_results(boot, {"xen-pv"}), &n);
	EXPECT_EQ(n.failures, 0) << xml;
	EXPECT_GT(n.tests, 20);
	EXPECT_NE(xml.find("failures=\"0\""), std::string::npos);
}
