// SPDX-License-Identifier: GPL-2.0
// The domU columns: their real serial logs (dom0's console with the
// domU's relayed, tests/fixtures/<column>-serial.log) judged and verified
// against the column; what dom0 can fail to do, each as one problem that
// names dom0's log; the domU's configuration and the archive that carries
// it into dom0.
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include <gtest/gtest.h>

#include "column.hpp"
#include "console.hpp"
#include "cpio.hpp"
#include "dom0_log.hpp"
#include "domu.hpp"
#include "fixtures.hpp"
#include "judge.hpp"
#include "judge_run.hpp"
#include "verify.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

pvh::Column column(const std::string &name)
{
	std::string error;
	auto c = pvh::load_column(judge_run::root(), name, error);
	EXPECT_TRUE(c) << error;
	return c ? *c : pvh::Column{};
}

struct Judged {
	int rc = -1;
	std::string err, dir;
	json result;
};

Judged judge_domu(const std::string &text, const std::string &col)
{
	Judged j;
	j.dir = judge_run::fresh_dir(col);
	std::ofstream(fs::path(j.dir) / "serial.log", std::ios::binary) << text;
	pvh::JudgeRequest req;
	req.dir = j.dir;
	req.column = col;
	req.domu = true;
	pvh::Column c = column(col);
	req.expect = c.expect.environment;
	req.trace_uncounted = c.trace_uncounted;
	req.seconds = 30;
	req.timeout = 240;
	req.splat_patterns = judge_run::root() + "/scripts/splat-patterns";
	std::ostringstream out, err;
	j.rc = pvh::judge_boot(req, out, err);
	j.err = err.str();
	std::ifstream in(fs::path(j.dir) / "result.json");
	if (in)
		j.result = json::parse(in, nullptr, false);
	return j;
}

int count(const std::string &text, const std::string &what)
{
	int n = 0;
	for (auto p = text.find(what); p != std::string::npos; p = text.find(what, p + 1))
		++n;
	return n;
}

// The fixture with every line that matches re replaced by with.
std::string edited(const std::string &col, const std::string &re, const std::string &with)
{
	return std::regex_replace(fixtures::read(col + "-serial.log"),
				  std::regex(re, std::regex::multiline), with);
}

} // namespace

TEST(Domu, RealLogsPassAndMeetTheirColumn)
{
	for (const auto &col : fixtures::domu_columns()) {
		SCOPED_TRACE(col);
		std::string log = fixtures::read(col + "-serial.log");
		Judged j = judge_domu(log, col);
		ASSERT_EQ(j.rc, 0) << j.err;
		// The domU's console is what was judged: the relayed lines, no
		// prefix left; dom0's part is kept beside it.
		std::string console, dom0;
		ASSERT_TRUE(pvh::read_file(j.dir + "/console.log", console));
		ASSERT_TRUE(pvh::read_file(j.dir + "/dom0.log", dom0));
		EXPECT_EQ(count(console, "\n"), count(log, "PVOPS-DOMU: "));
		EXPECT_EQ(count(console, "PVOPS-DOMU: "), 0);
		EXPECT_EQ(count(dom0, "PVOPS-DOMU: "), 0);
		EXPECT_EQ(count(dom0, "PVOPS-DOM0: begin"), 1);
		EXPECT_EQ(j.result["log"], j.dir + "/console.log");
		EXPECT_EQ(j.result["dom0"]["log"], j.dir + "/dom0.log");
		EXPECT_TRUE(j.result["dom0"]["record"].contains("domu_created"));
		EXPECT_EQ(j.result["guest"]["xen_initial_domain"], "no");
		EXPECT_EQ(count(console, "PVOPS: xen_initial_domain=no"), 1);
		std::ostringstream out;
		EXPECT_EQ(pvh::verify_result(j.result, column(col), out), 0) << out.str();
	}
}

TEST(Domu, AColumnExpectingDom0Fails)
{
	for (const auto &col : fixtures::domu_columns()) {
		SCOPED_TRACE(col);
		Judged j = judge_domu(fixtures::read(col + "-serial.log"), col);
		pvh::Column c = column(col);
		c.expect.guest["xen_initial_domain"] = "yes";
		std::ostringstream out;
		EXPECT_EQ(pvh::verify_result(j.result, c, out), 1);
		EXPECT_NE(out.str().find("FAILED: xen_initial_domain is 'no', want 'yes'"),
			  std::string::npos)
			<< out.str();
	}
}

TEST(Domu, ADiskThatReadsDifferentlyFails)
{
	const std::string col = fixtures::domu_columns().front();
	Judged j = judge_domu(
		edited(col, "^(PVOPS-DOMU: PVOPS: disk_checksum=)[0-9a-f]{4}", "$1beef"), col);
	ASSERT_EQ(j.rc, 0) << j.err; // the judge runs, verify compares
	std::ostringstream out;
	EXPECT_EQ(pvh::verify_result(j.result, column(col), out), 1);
	EXPECT_NE(out.str().find("FAILED: disk_checksum is 'beef"), std::string::npos) << out.str();
}

TEST(Domu, XensTraceAgreesWithTheDomuAndCatchesADifference)
{
	for (const auto &col : fixtures::domu_columns()) {
		SCOPED_TRACE(col);
		Judged good = judge_domu(fixtures::read(col + "-serial.log"), col);
		ASSERT_TRUE(good.result.contains("trace_window")) << good.result.dump();
		const json &w = good.result["trace_window"];
		EXPECT_TRUE(w["mismatches"].empty()) << w.dump();
		EXPECT_EQ(w["lost"], 0);
		EXPECT_EQ(w["calls"]["55"], json::array({2, 2})); // the markers
		// Xen's count of xen_version (17) written twice over: 3 -> 33.
		Judged bad = judge_domu(
			edited(col,
			       "^(PVOPS-TRACE: vcpu=[0-9]+ markers=2 calls=.*17:)([0-9]+)([, ])",
			       "$1$2$2$3"),
			col);
		EXPECT_EQ(bad.rc, 1);
		std::string problems = bad.result["problems"].dump();
		EXPECT_NE(problems.find("Xen's trace: calls 17: guest "), std::string::npos)
			<< problems;
		EXPECT_NE(problems.find("dom0.log"), std::string::npos) << problems;
		// dom0 relayed nothing: the boot fails and says so.
		Judged none = judge_domu(edited(col, "^PVOPS-TRACE: .*\\n", ""), col);
		EXPECT_NE(none.result["problems"].dump().find("dom0 relayed no trace of the domU"),
			  std::string::npos)
			<< none.result["problems"].dump();
	}
}

TEST(Domu, WhatDom0FailsToDoIsOneProblemNamingItsLog)
{
	const std::string col = fixtures::domu_columns().front();
	struct Case {
		std::string re, with, want;
	} cases[] = {
		{"^PVOPS-DOM0: begin$", "", "dom0's init did not start; see "},
		{"^PVOPS-DOM0: end$", "", "dom0's init did not reach its end; see "},
		{"^PVOPS-DOM0: domu_gone=", "PVOPS-DOM0: domu_hung=150\nPVOPS-DOM0: domu_gone=",
		 "the domU did not end within 150 s and was destroyed; see "},
		{"^PVOPS-DOM0: domu_created=.*$",
		 "PVOPS-DOM0: error=xl create failed (status 3): libxl: error: libxl_dom.c:592:"
		 "libxl__build_dom: xc_dom_parse_image failed",
		 "dom0: xl create failed (status 3): libxl: error: libxl_dom.c:592:"
		 "libxl__build_dom: xc_dom_parse_image failed; see "},
	};
	for (const auto &k : cases) {
		SCOPED_TRACE(k.want);
		Judged j = judge_domu(edited(col, k.re, k.with), col);
		EXPECT_EQ(j.rc, 1);
		const std::string want = k.want + j.dir + "/dom0.log";
		ASSERT_TRUE(j.result.is_object());
		ASSERT_FALSE(j.result["problems"].empty());
		EXPECT_EQ(j.result["problems"][0], want);
		EXPECT_EQ(j.result["dom0"]["problems"][0], want);
		EXPECT_NE(j.err.find("FAIL (" + want), std::string::npos) << j.err;
	}
}

// Seen in a real boot: dom0's kernel printed inside "PVOPS-DOM0: begin".
TEST(Domu, Dom0RecordsSplicedWithKernelMessagesAreRead)
{
	std::vector<std::string> lines = {
		"PVOPS-DOM0: begin[    3.047948] input: ImExPS/2 Generic Explorer Mouse as "
		"/devices/platform/i8042/serio1/input/input2",
		"",
		"PVOPS-DOM0: domu_created=9.60[    9.611000] xen-blkback: backend/vbd/1/51712: "
		"using 2 queues",
		"",
		"(XEN) d1v0: upcall vector f3",
		"PVOPS-DOMU: [    1.000000] Linux version 6.12",
		"PVOPS-DOM0: end"};
	pvh::Dom0Log log = pvh::split_dom0_log(lines);
	EXPECT_TRUE(log.begun);
	EXPECT_TRUE(log.ended);
	EXPECT_EQ(log.record["domu_created"], "9.60");
	EXPECT_EQ(log.domu, "[    1.000000] Linux version 6.12\n");
	EXPECT_TRUE(pvh::dom0_problems(log, "D").empty());
}

TEST(Domu, AnEmptyDomuConsoleAfterAFailedStartIsNotJudgedPassing)
{
	std::vector<std::string> lines = {"PVOPS-DOM0: begin",
					  "PVOPS-DOM0: error=xl create failed (status 1): no "
					  "such file /domu/bzImage",
					  "PVOPS-DOM0: end"};
	pvh::Dom0Log log = pvh::split_dom0_log(lines);
	EXPECT_TRUE(log.domu.empty());
	EXPECT_EQ(pvh::dom0_problems(log, "D"),
		  std::vector<std::string>{
			  "dom0: xl create failed (status 1): no such file /domu/bzImage; see D"});
	Judged j = judge_domu(fixtures::join(lines) + "\n", fixtures::domu_columns().front());
	EXPECT_EQ(j.rc, 1);
	EXPECT_NE(j.err.find("the kernel did not start the guest's init"), std::string::npos);
}

TEST(Domu, ConfigurationCarriesTheColumnAndRefusesQuotes)
{
	for (const auto &col : fixtures::domu_columns()) {
		SCOPED_TRACE(col);
		pvh::BootPlan plan;
		plan.column = column(col);
		std::string error;
		std::string cfg = pvh::domu_config(plan, error);
		ASSERT_FALSE(cfg.empty()) << error;
		EXPECT_NE(cfg.find("type = \"" + plan.column.domu->type + "\"\n"),
			  std::string::npos);
		EXPECT_NE(cfg.find("vcpus = " + std::to_string(plan.column.domu->vcpus) + "\n"),
			  std::string::npos);
		EXPECT_NE(cfg.find("extra = \"" + pvh::linux_command_line(plan) + "\"\n"),
			  std::string::npos);
		EXPECT_NE(cfg.find("name = \"" + std::string(pvh::kDomuName) + "\"\n"),
			  std::string::npos);
		EXPECT_EQ(cfg.find("tsc_mode"), std::string::npos);
		plan.column.domu->tsc_mode = "native";
		EXPECT_NE(pvh::domu_config(plan, error).find("tsc_mode = \"native\"\n"),
			  std::string::npos);
		plan.append = "x=\"y\"";
		EXPECT_EQ(pvh::domu_config(plan, error), "");
		EXPECT_NE(error.find("cannot carry"), std::string::npos);
	}
}

// GNU cpio reads the archive back: names, modes and bytes as written.
TEST(Domu, CpioArchiveIsReadByCpio)
{
	std::string big(70001, 'x');
	for (std::size_t i = 0; i < big.size(); ++i)
		big[i] = static_cast<char>('a' + i % 26);
	std::string a = pvh::cpio::newc(
		{{"d", 0755, true, ""}, {"d/odd", 0644, false, "123"}, {"d/big", 0600, false, big}},
		1735689600);
	EXPECT_EQ(a.size() % 4, 0u);
	EXPECT_EQ(a, pvh::cpio::newc({{"d", 0755, true, ""},
				      {"d/odd", 0644, false, "123"},
				      {"d/big", 0600, false, big}},
				     1735689600));
	std::string dir = judge_run::fresh_dir("cpio");
	ASSERT_TRUE(pvh::write_file(dir + "/a.cpio", a));
	std::string cmd = "cd '" + dir + "' && mkdir x && cd x && cpio -id --quiet <../a.cpio";
	ASSERT_EQ(std::system(cmd.c_str()), 0);
	std::string got;
	ASSERT_TRUE(pvh::read_file(dir + "/x/d/odd", got));
	EXPECT_EQ(got, "123");
	ASSERT_TRUE(pvh::read_file(dir + "/x/d/big", got));
	EXPECT_EQ(got, big);
	EXPECT_EQ(fs::status(dir + "/x/d/big").permissions() & fs::perms::all,
		  fs::perms::owner_read | fs::perms::owner_write);
	EXPECT_TRUE(fs::is_directory(dir + "/x/d"));
}
