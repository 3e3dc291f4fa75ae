// SPDX-License-Identifier: GPL-2.0
// The boot judge on real console logs (tests/fixtures/*-boot.log) and on
// logs derived from them: a kernel line inside KTAP, a boot cut off in the
// middle of a suite, a splat, a timeout, the guest's debugfs copy of the
// KTAP, the guest's routing and hypercall records. Expectations come from
// the log text, read here with plain string matching.
#include <filesystem>
#include <map>
#include <regex>

#include <gtest/gtest.h>

#include "console.hpp"
#include "fixtures.hpp"
#include "judge.hpp"
#include "judge_run.hpp"
#include "splat.hpp"

using judge_run::judge;
using nlohmann::json;

namespace {

// A fixture boot as its console shows it, without the guest's copy of the
// debugfs KTAP (PVOPS-KTAP lines), so that the console's KTAP is judged;
// DebugfsCopyIsJudgedBeforeTheConsole tests the copy.
std::string boot_log(const std::string &column)
{
	std::string out;
	for (const auto &l : fixtures::split(fixtures::read(column + "-boot.log")))
		if (l.rfind("PVOPS-KTAP: ", 0) != 0)
			out += l + "\n";
	return out;
}

// Without the spaces around it, as the judge keeps a guest value.
std::string trimmed(const std::string &s)
{
	auto a = s.find_first_not_of(' '), b = s.find_last_not_of(' ');
	return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

std::string no_cr(std::string s)
{
	s.erase(std::remove(s.begin(), s.end(), '\r'), s.end());
	return s;
}

// The log's lines without time stamps and carriage returns.
std::vector<std::string> bodies(const std::string &text)
{
	std::vector<std::string> out;
	for (const auto &l : pvh::console_lines(text))
		out.push_back(l.text);
	return out;
}

// Each suite's cases as its indented result lines say ("    ok N case",
// "    not ok N case", "# SKIP"), from its "# Subtest:" line on. A
// parameterized case counts its parameters ("        ok N param", one
// level deeper, after "        # Subtest: case"), not its own summary line.
struct Stats {
	long pass = 0, fail = 0, skip = 0, total = 0;
};
std::map<std::string, Stats> suite_stats(const std::string &text)
{
	static const std::regex result(R"(^    (    )?(not )?ok [0-9]+ .+?( # SKIP.*)?$)");
	std::map<std::string, Stats> out;
	std::string suite;
	bool params = false;
	for (const auto &b : bodies(text)) {
		std::smatch m;
		if (b.rfind("    # Subtest: ", 0) == 0) {
			// A suite run again (a dom0 that traces itself): its last run.
			suite = b.substr(15);
			out[suite] = Stats{};
		} else if (b.rfind("        # Subtest: ", 0) == 0) {
			params = true;
		} else if (!suite.empty() && std::regex_match(b, m, result)) {
			if (!m[1].matched && params) {
				params = false; // the parameterized case's own line
				continue;
			}
			Stats &s = out[suite];
			++s.total;
			if (m[3].matched)
				++s.skip;
			else if (m[2].matched)
				++s.fail;
			else
				++s.pass;
		}
	}
	return out;
}

// Index of the first line containing needle, from; fails the test if none.
std::size_t find_line(const std::vector<std::string> &lines, const std::string &needle,
		      std::size_t from = 0)
{
	for (std::size_t i = from; i < lines.size(); ++i)
		if (lines[i].find(needle) != std::string::npos)
			return i;
	ADD_FAILURE() << "no line with '" << needle << "'";
	return lines.size();
}

std::vector<std::string> lines_of(const std::string &column)
{
	return fixtures::split(boot_log(column));
}

std::string problems(const json &r)
{
	return r["problems"].dump();
}

} // namespace

TEST(Judge, FixtureLogsPassWithTheLogsOwnFigures)
{
	for (const auto &col : fixtures::boot_columns()) {
		SCOPED_TRACE(col);
		std::string text = boot_log(col);
		auto j = judge(text, col);
		ASSERT_EQ(j.rc, 0) << j.err;
		const json &r = j.result;
		EXPECT_EQ(r["status"], "pass");
		EXPECT_EQ(r["column"], col);
		EXPECT_EQ(r["expect"], col);
		EXPECT_EQ(r["log"], j.dir + "/serial.log");
		// Every PVOPS: key=value line, the last of a key.
		std::map<std::string, std::string> info;
		for (const auto &b : bodies(text))
			if (b.rfind("PVOPS: ", 0) == 0 && b.find('=') != std::string::npos)
				info[b.substr(7, b.find('=') - 7)] =
					trimmed(b.substr(b.find('=') + 1));
		ASSERT_FALSE(info.empty());
		for (const auto &[k, v] : info)
			EXPECT_EQ(r["guest"][k], v) << k;
		// KUnit's own per-suite counts.
		auto stats = suite_stats(text);
		ASSERT_FALSE(stats.empty());
		Stats sum;
		for (const auto &[suite, s] : stats) {
			EXPECT_EQ(r["kunit"]["suites"][suite].size(),
				  static_cast<std::size_t>(s.total))
				<< suite;
			sum.pass += s.pass;
			sum.skip += s.skip;
			sum.total += s.total;
		}
		EXPECT_EQ(r["kunit"]["suites"].size(), stats.size());
		EXPECT_EQ(r["kunit"]["pass"], sum.pass);
		EXPECT_EQ(r["kunit"]["skip"], sum.skip);
		EXPECT_EQ(r["kunit"]["total"], sum.total);
		EXPECT_EQ(r["kunit"]["source"], "console");
		bool fault = text.find("# Subtest: kunit_fault") != std::string::npos;
		EXPECT_EQ(r["tolerated"].size(), fault ? 1u : 0u);
		EXPECT_TRUE(r["splats"].empty());
		char figures[200];
		std::snprintf(figures, sizeof figures,
			      "pvops: boot %s: PASS, 12.3 s, detected %s, KTAP %ld pass 0 fail %ld "
			      "skip 0 error\n",
			      col.c_str(), info["kernel_detected"].c_str(), sum.pass, sum.skip);
		EXPECT_EQ(j.out, figures);
		EXPECT_EQ(j.err, "");
		std::string console, ktap;
		ASSERT_TRUE(pvh::read_file(j.dir + "/console.log", console));
		ASSERT_TRUE(pvh::read_file(j.dir + "/ktap.log", ktap));
		EXPECT_EQ(console, no_cr(text));
		EXPECT_EQ(ktap, console);
	}
}

TEST(Judge, CarriageReturnsChangeNothing)
{
	// The fixtures hold the console as console.log does, without carriage
	// returns; QEMU's serial.log has them, "\r\r\n" under Xen.
	for (const auto &col : fixtures::boot_columns()) {
		std::string text = boot_log(col), raw;
		for (char ch : text)
			raw += ch == '\n' ? std::string("\r\r\n") : std::string(1, ch);
		auto plain = judge(text, col), serial = judge(raw, col);
		ASSERT_EQ(serial.rc, 0) << col << ": " << serial.err;
		for (const char *key : {"status", "kunit", "guest", "problems"})
			EXPECT_EQ(serial.result[key], plain.result[key]) << col << ": " << key;
	}
}

TEST(Judge, KernelLineInsideKtapChangesNothing)
{
	auto lines = lines_of("native");
	auto whole = judge(fixtures::join(lines), "native", 0, judge_run::fresh_dir("whole"));
	std::size_t at = find_line(lines, "ok 2 xen_domain_type_test");
	lines.insert(lines.begin() + static_cast<long>(at) + 1,
		     "[    0.873500] clocksource: Switched to clocksource tsc");
	auto j = judge(fixtures::join(lines), "native");
	ASSERT_EQ(j.rc, 0) << j.err;
	EXPECT_EQ(j.result["kunit"], whole.result["kunit"]);
}

TEST(Judge, BootCutOffInTheMiddleOfASuiteFails)
{
	auto lines = lines_of("native");
	// Three results into the fourth suite that has three.
	std::size_t at = 0;
	for (int i = 0; i < 4; ++i)
		at = find_line(lines, "]     # Subtest:", at + 1); // a suite, not a parameter
	while (find_line(lines, "]     ok 3 ", at) > find_line(lines, "]     # Subtest:", at + 1))
		at = find_line(lines, "]     # Subtest:", at + 1);
	std::string suite = no_cr(lines[at].substr(lines[at].find("# Subtest: ") + 11));
	at = find_line(lines, "]     ok 3 ", at);
	lines.resize(at + 1);
	auto j = judge(fixtures::join(lines), "native");
	EXPECT_EQ(j.rc, 1);
	EXPECT_EQ(j.result["status"], "fail");
	auto p = j.result["problems"];
	EXPECT_NE(std::find(p.begin(), p.end(), "the kernel did not start the guest's init"),
		  p.end())
		<< problems(j.result);
	EXPECT_GT(j.result["kunit"]["error"], 0);
	// The three results that came pass; the cases that never came are errors.
	int passed = 0, errors = 0;
	for (const auto &v : j.result["kunit"]["suites"][suite]) {
		passed += v == "PASS";
		errors += v == "ERROR";
	}
	EXPECT_EQ(passed, 3) << suite;
	EXPECT_GT(errors, 0) << suite;
	// The case the boot was cut off in has no name; the problem says so.
	EXPECT_NE(problems(j.result).find(suite + " (cut off inside a case)"), std::string::npos)
		<< problems(j.result);
	EXPECT_EQ(problems(j.result).find(suite + ".,"), std::string::npos) << problems(j.result);
	auto full = suite_stats(boot_log("native"));
	for (const auto &[s, cases] : j.result["kunit"]["suites"].items())
		if (s != suite) {
			EXPECT_EQ(cases.size(), static_cast<std::size_t>(full[s].total)) << s;
		}
	std::string tail = "; see " + j.dir + "/serial.log\n";
	EXPECT_EQ(j.err.rfind("pvops: error: boot native: FAIL (", 0), 0u) << j.err;
	EXPECT_EQ(j.err.substr(j.err.size() - tail.size()), tail);
	EXPECT_NE(j.err.find(" crashed/errors"), std::string::npos) << j.err;
	EXPECT_EQ(j.out, "");
}

TEST(Judge, QemuTimeoutAndExitStatusAreProblems)
{
	auto killed = judge(boot_log("native"), "native", 124);
	EXPECT_EQ(killed.rc, 1);
	EXPECT_EQ(killed.result["problems"], json({"timed out after 240 s, QEMU killed"}));
	auto exited = judge(boot_log("native"), "native", 3, judge_run::fresh_dir("rc3"));
	EXPECT_EQ(exited.result["problems"], json({"QEMU exited with status 3"}));
	EXPECT_EQ(exited.result["qemu_rc"], 3);
}

TEST(Judge, SplatFailsTheBootAndIsListed)
{
	auto lines = lines_of("xen-pv");
	std::size_t at = find_line(lines, "PVOPS-GUEST: begin");
	std::string splat = "[    2.000000] WARNING: CPU: 1 PID: 1 at arch/x86/xen/foo.c:1";
	lines.insert(lines.begin() + static_cast<long>(at), splat);
	auto j = judge(fixtures::join(lines), "xen-pv");
	EXPECT_EQ(j.rc, 1);
	std::string n = std::to_string(at + 1);
	EXPECT_EQ(j.result["problems"],
		  json({"1 splat(s), first at line " + n + " (warning): " + splat}));
	EXPECT_EQ(j.result["splats"],
		  json::parse(R"([{"line": )" + n + R"(, "pattern": "warning", "text": ")" + splat +
			      R"("}])"));
	EXPECT_EQ(j.err.rfind("  " + j.dir + "/serial.log:" + n + ": warning: " + splat + "\n", 0),
		  0u)
		<< j.err;
}

TEST(Judge, FailedAndSkippedCasesAreCountedWithTheirReasons)
{
	auto lines = lines_of("native");
	std::size_t fail = find_line(lines, "ok 2 xen_domain_type_test");
	lines[fail].replace(lines[fail].find("ok 2"), 4, "not ok 2");
	std::size_t skip = find_line(lines, "ok 3 xen_pvh_test");
	lines[skip] += " # SKIP not a PVH guest";
	auto j = judge(fixtures::join(lines), "native");
	auto before = judge(boot_log("native"), "native", 0, judge_run::fresh_dir("unedited"));
	EXPECT_EQ(j.rc, 1);
	const json &k = j.result["kunit"];
	EXPECT_EQ(k["fail"], 1);
	EXPECT_EQ(k["skip"], before.result["kunit"]["skip"].get<long>() + 1);
	EXPECT_EQ(k["suites"]["x86_hypervisor"]["xen_domain_type_test"], "FAIL");
	EXPECT_EQ(k["suites"]["x86_hypervisor"]["xen_pvh_test"], "SKIP");
	json reasons = before.result["kunit"]["reasons"];
	reasons["x86_hypervisor.xen_pvh_test"] = "not a PVH guest";
	EXPECT_EQ(k["reasons"], reasons);
	EXPECT_EQ(
		j.result["problems"],
		json({"KUnit: 1 failed, 0 crashed/errors (x86_hypervisor.xen_domain_type_test)"}));
}

TEST(Judge, DebugfsCopyIsJudgedBeforeTheConsole)
{
	auto lines = lines_of("xen-pvh");
	auto whole = judge(fixtures::join(lines), "xen-pvh", 0, judge_run::fresh_dir("whole"));
	// The guest's copy: one document per suite, as debugfs keeps them.
	auto body = bodies(fixtures::join(lines));
	std::vector<std::string> copy;
	int suites = 0;
	for (std::size_t i = 0; i < body.size(); ++i) {
		if (body[i] != "    KTAP version 1")
			continue;
		++suites;
		copy.insert(copy.end(), {"PVOPS-KTAP: KTAP version 1", "PVOPS-KTAP: 1..1"});
		for (; i < body.size(); ++i) {
			const std::string &b = body[i];
			if (b.rfind("    ", 0) == 0 || b.rfind("# ", 0) == 0)
				copy.push_back("PVOPS-KTAP: " + b);
			if (b.rfind("ok ", 0) == 0 || b.rfind("not ok ", 0) == 0) {
				copy.push_back(
					"PVOPS-KTAP: " +
					std::regex_replace(b, std::regex("ok [0-9]+ "), "ok 1 "));
				break;
			}
		}
	}
	ASSERT_GT(suites, 1);
	// A kernel message cut into one of the copy's lines, as on a real console.
	std::string &cut = copy[copy.size() / 2];
	cut.insert(cut.size() / 2, "[    3.123456] random: crng init done\n");
	// Console KTAP broken: every top-level plan and result dropped.
	std::vector<std::string> broken;
	for (const auto &l : lines) {
		std::string b(pvh::strip_timestamp(no_cr(l)));
		if (b.rfind("ok ", 0) == 0 || b.rfind("1..", 0) == 0)
			continue;
		if (l.rfind("PVOPS-GUEST: end", 0) == 0)
			for (const auto &c : copy)
				broken.push_back(c);
		broken.push_back(l);
	}
	auto j = judge(fixtures::join(broken), "xen-pvh");
	ASSERT_EQ(j.rc, 0) << j.err;
	EXPECT_EQ(j.result["kunit"]["source"], "debugfs");
	json got = j.result["kunit"], want = whole.result["kunit"];
	got.erase("source");
	want.erase("source");
	EXPECT_EQ(got, want);
	std::string ktap;
	ASSERT_TRUE(pvh::read_file(j.dir + "/ktap.log", ktap));
	EXPECT_EQ(ktap.rfind("KTAP version 1\n1.." + std::to_string(suites) + "\n", 0), 0u);
	EXPECT_EQ(ktap.find("PVOPS"), std::string::npos);
}

TEST(Judge, GuestRoutesHypercallsAndEndStatus)
{
	// The boot's own routing and hypercall records go; known ones come in.
	std::vector<std::string> lines;
	for (const auto &l : lines_of("xen-pv"))
		if (l.rfind("PVOPS-OPS: ", 0) != 0 && l.rfind("PVOPS-HCFILE: ", 0) != 0 &&
		    l.rfind("PVOPS: hcstats_bad_write=", 0) != 0)
			lines.push_back(l);
	std::size_t end = find_line(lines, "PVOPS-GUEST: end");
	lines[end] = "PVOPS-GUEST: end status=3";
	auto ops = pvh::splat::log_lines(
		judge_run::read_source("scripts/tests/bootlog/spliced-ops.log"));
	std::vector<std::string> added = ops;
	// xen/hypercalls as the kernel prints it: per class, then per number.
	for (std::string l :
	     {"enabled: 0", "# class                               calls      batched",
	      "page-table                              12            3",
	      "interrupt                                5            0",
	      "total                                   17            3",
	      "# hypercall                           calls      batched",
	      "mmu_update                              12            3"})
		added.push_back("PVOPS-HCFILE: " + l);
	added.push_back("PVOPS: hcstats_bad_write=rejected unchanged");
	lines.insert(lines.begin() + static_cast<long>(end), added.begin(), added.end());
	auto j = judge(fixtures::join(lines), "xen-pv");
	EXPECT_EQ(j.rc, 1);
	EXPECT_EQ(j.result["problems"], json({"the guest report program exited with status 3"}));
	const json &g = j.result["guest"];
	EXPECT_EQ(g["hypercalls"], json::parse(R"({"page-table": {"calls": 12, "batched": 3},
		"interrupt": {"calls": 5, "batched": 0}, "total": {"calls": 17, "batched": 3}})"));
	EXPECT_EQ(g["hcstats_bad_write"], "rejected unchanged");
	std::size_t routes = 0;
	for (const auto &l : ops)
		routes += l.rfind("PVOPS-OPS: ", 0) == 0;
	EXPECT_EQ(g["routes"].size(), routes);
	EXPECT_EQ(g["ops_not_native"], "0 of " + std::to_string(routes));
	EXPECT_EQ(g["routes"]["cpu.write_idt_entry"],
		  json::parse(R"({"target": "native_write_idt_entry", "native": true})"));
}

TEST(Judge, MissingLogIsOneErrorLine)
{
	std::string dir = judge_run::fresh_dir("empty");
	pvh::JudgeRequest req;
	req.dir = dir;
	req.column = "native";
	req.splat_patterns = judge_run::root() + "/scripts/splat-patterns";
	std::ostringstream out, err;
	EXPECT_EQ(pvh::judge_boot(req, out, err), 2);
	EXPECT_EQ(err.str(), "pvharness: error: cannot read " + dir + "/serial.log\n");
}
