// SPDX-License-Identifier: GPL-2.0
// pvharness verify: each expectation, edited away from a result that meets
// them all, gives its own FAILED line. The result that meets them is built
// here from the column file's expect block (what the column data says a
// boot shows); the old fixture logs, judged, lack the series' suites and
// must fail on exactly those.
#include <functional>
#include <sstream>

#include <gtest/gtest.h>

#include "column.hpp"
#include "fixtures.hpp"
#include "judge_run.hpp"
#include "verify.hpp"

using nlohmann::json;

namespace {

const std::vector<std::string> kSeries = {
	"x86_hypervisor", "x86_paravirt", "x86_irqflags",   "x86_pvclock",	   "xen_pv_mmu",
	"xen_evtchn",	  "xen_timer",	  "xen_hypercalls", "xen_hypercalls_trace"};

pvh::Column column(const std::string &name)
{
	std::string error;
	auto c = pvh::load_column(judge_run::root(), name, error);
	EXPECT_TRUE(c) << error;
	return c ? *c : pvh::Column{};
}

bool has(const std::vector<std::string> &v, const std::string &s)
{
	return std::find(v.begin(), v.end(), s) != v.end();
}

// A result.json that meets every expectation of the column.
json good_result(const pvh::Column &c)
{
	const pvh::Expect &e = c.expect;
	json r = {{"column", c.name}, {"status", "pass"}, {"problems", json::array()}};
	json guest(e.guest);
	guest["hcstats_bad_write"] = "rejected unchanged";
	std::vector<std::string> ops = {"mmu.set_pte", "irq.irq_disable", "time.sched_clock",
					"time.steal_clock", "cpu.load_tls"};
	for (const auto &op : e.not_native)
		if (!has(ops, op))
			ops.push_back(op);
	for (const auto &op : ops)
		guest["routes"][op] = {{"target", "t_" + op}, {"native", !has(e.not_native, op)}};
	guest["ops_not_native"] =
		std::to_string(e.not_native.size()) + " of " + std::to_string(ops.size());
	long total = 0;
	for (std::string cls : {"page-table", "interrupt", "timer", "other"}) {
		auto it = e.hypercalls.find(cls);
		long n = it != e.hypercalls.end() && it->second == "some" ? 5 : 0;
		guest["hypercalls"][cls] = {{"calls", n}, {"batched", 0}};
		total += n;
	}
	guest["hypercalls"]["total"] = {{"calls", total}, {"batched", 0}};
	r["guest"] = guest;
	json suites, reasons = json::object();
	for (const auto &s : kSeries)
		suites[s]["a_test"] = "PASS";
	suites["x86_hypervisor"] = json::object();
	for (int i = 1; i <= 6; ++i)
		suites["x86_hypervisor"]["case" + std::to_string(i) + "_test"] = "PASS";
	for (const auto &sc : e.skipped_cases) {
		auto dot = sc.find('.');
		suites[sc.substr(0, dot)][sc.substr(dot + 1)] = "SKIP";
	}
	for (const auto &s : e.skipped_suites)
		for (auto &[name, v] : suites[s].items())
			v = "SKIP";
	for (const auto &[s, cases] : suites.items())
		for (const auto &[name, v] : cases.items())
			if (v == "SKIP")
				reasons[s + "." + name] = "does not apply here";
	suites["kunit_fault"]["kunit_test_fault_null_dereference"] = "PASS";
	r["kunit"] = {{"suites", suites}, {"reasons", reasons}};
	r["tolerated"] = json::array({{{"line", 1}, {"pattern", "bug"}, {"text", "BUG: ..."}}});
	if (c.trace_uncounted)
		r["trace_window"] = {{"vcpu", 0}, {"mismatches", json::array()}};
	return r;
}

struct Verified {
	int rc;
	std::vector<std::string> failed;
};

Verified verify(const json &r, const pvh::Column &c)
{
	std::ostringstream out;
	Verified v{pvh::verify_result(r, c, out), {}};
	std::istringstream in(out.str());
	for (std::string l; std::getline(in, l);)
		if (l.rfind("FAILED: ", 0) == 0)
			v.failed.push_back(l.substr(8));
	return v;
}

// The result edited by edit must fail with exactly the one line want.
void expect_one_failure(const std::string &col, const std::function<void(json &)> &edit,
			const std::string &want)
{
	pvh::Column c = column(col);
	json r = good_result(c);
	edit(r);
	Verified v = verify(r, c);
	EXPECT_EQ(v.rc, 1) << col << ": " << want;
	EXPECT_EQ(v.failed, std::vector<std::string>{want}) << col;
}

} // namespace

// The workload's calls per class, as the messages show them.
std::string calls_repr(const json &r)
{
	json hc;
	for (const auto &[cls, v] : r["guest"]["hypercalls"].items())
		hc[cls] = v["calls"];
	return pvh::py_repr(hc);
}

TEST(Verify, EveryColumnsExpectationsCanBeMet)
{
	std::string error;
	auto all = pvh::load_columns(judge_run::root(), error);
	ASSERT_FALSE(all.empty()) << error;
	for (const auto &c : all) {
		json r = good_result(c);
		std::size_t n = 0;
		for (const auto &s : kSeries)
			n += r["kunit"]["suites"][s].size();
		std::ostringstream out;
		EXPECT_EQ(pvh::verify_result(r, c, out), 0) << c.name << "\n" << out.str();
		EXPECT_EQ(out.str(),
			  c.name + ": " + std::to_string(n) + " results in the series suites\n");
	}
}

TEST(Verify, EachCommonExpectationFailsOnItsOwn)
{
	for (const std::string &col : fixtures::boot_columns()) {
		SCOPED_TRACE(col);
		expect_one_failure(
			col,
			[](json &r) {
				r["status"] = "fail";
				r["problems"] = {"QEMU exited with status 3"};
			},
			"status fail: ['QEMU exited with status 3']");
		expect_one_failure(
			col, [](json &r) { r["kunit"]["suites"].erase("xen_timer"); },
			"suite xen_timer missing");
		expect_one_failure(
			col,
			[](json &r) {
				r["kunit"]["suites"]["x86_hypervisor"]["case2_test"] = "FAIL";
			},
			"x86_hypervisor: want 6 cases passed, got {'case1_test': 'PASS', "
			"'case2_test': "
			"'FAIL', 'case3_test': 'PASS', 'case4_test': 'PASS', 'case5_test': 'PASS', "
			"'case6_test': 'PASS'}");
		expect_one_failure(
			col,
			[](json &r) {
				r["kunit"]["suites"]["kunit_fault"]["other_test"] = "SKIP";
				r["kunit"]["reasons"]["kunit_fault.other_test"] = "";
			},
			"case kunit_fault.other_test was skipped without a reason");
		expect_one_failure(
			col, [](json &r) { r["guest"]["hcstats_bad_write"] = "accepted changed"; },
			"writing 'bogus' to xen/hypercalls: accepted changed");
		expect_one_failure(
			col, [](json &r) { r["guest"]["routes"].erase("irq.irq_disable"); },
			"no route reported for irq.irq_disable");
		expect_one_failure(
			col, [](json &r) { r["tolerated"] = json::array(); },
			"kunit_fault oops: tolerated 0, want exactly 1 with the case passing");
		json r = good_result(column(col));
		r["guest"]["hypercalls"]["other"]["calls"] = 3;
		expect_one_failure(
			col, [](json &r) { r["guest"]["hypercalls"]["other"]["calls"] = 3; },
			"classes do not add up to the total: " + calls_repr(r));
	}
}

TEST(Verify, EachColumnExpectationFailsOnItsOwn)
{
	for (const std::string &col : fixtures::boot_columns()) {
		SCOPED_TRACE(col);
		pvh::Column c = column(col);
		const pvh::Expect &e = c.expect;
		ASSERT_FALSE(e.guest.empty());
		const auto &[key, value] = *e.guest.begin();
		expect_one_failure(
			col, [&](json &r) { r["guest"][key] = "bogus"; },
			key + " is 'bogus', want '" + value + "'");
		expect_one_failure(
			col,
			[](json &r) {
				r["kunit"]["suites"]["x86_pvclock"]["a_test"] = "SKIP";
				r["kunit"]["reasons"]["x86_pvclock.a_test"] = "why";
			},
			"x86_pvclock.a_test is SKIP, want PASS");
		for (const auto &sc : e.skipped_cases)
			expect_one_failure(
				col,
				[&](json &r) {
					auto dot = sc.find('.');
					r["kunit"]["suites"][sc.substr(0, dot)]
					 [sc.substr(dot + 1)] = "PASS";
				},
				sc + " is PASS, want SKIP");
		for (const auto &s : e.skipped_suites)
			expect_one_failure(
				col, [&](json &r) { r["kunit"]["suites"][s]["a_test"] = "PASS"; },
				s + ".a_test is PASS, want SKIP");
		for (const auto &op : e.not_native)
			expect_one_failure(
				col, [&](json &r) { r["guest"]["routes"][op]["native"] = true; },
				op + " -> t_" + op + " is native");
		if (e.not_native.empty()) {
			expect_one_failure(
				col,
				[](json &r) {
					r["guest"]["routes"]["mmu.set_pte"]["native"] = false;
				},
				"mmu.set_pte -> t_mmu.set_pte is not native");
			expect_one_failure(
				col, [](json &r) { r["guest"]["ops_not_native"] = "1 of 5"; },
				"ops not native: 1 of 5, want 0");
		}
		for (const auto &[cls, want] : e.hypercalls) {
			json r = good_result(c);
			auto edit = [cls = cls, want = want](json &r) {
				json &h = r["guest"]["hypercalls"];
				const std::string moved = cls == "total" ? "page-table" : cls;
				long delta = want == "zero" ? 7 : -h[moved]["calls"].get<long>();
				h[moved]["calls"] = h[moved]["calls"].get<long>() + delta;
				h["total"]["calls"] = h["total"]["calls"].get<long>() + delta;
			};
			edit(r);
			std::string hc = calls_repr(r);
			expect_one_failure(
				col, edit,
				want == "zero" ? cls +
							 " hypercalls in the workload: 7, "
							 "want none: " +
							 hc
					       : "no " + cls + " hypercall in the workload: " + hc);
		}
	}
}

TEST(Verify, ATracedColumnNeedsItsWindowComparedAndEqual)
{
	std::string error;
	int traced = 0;
	for (const auto &c : pvh::load_columns(judge_run::root(), error)) {
		if (!c.trace_uncounted)
			continue;
		++traced;
		expect_one_failure(
			c.name, [](json &r) { r.erase("trace_window"); },
			"trace_window is None, want the kernel's counts compared with Xen's trace "
			"(xen_hypercalls_trace.trace_window_test prints them)");
		expect_one_failure(
			c.name,
			[](json &r) {
				r["trace_window"]["mismatches"] = {"calls 1: guest 2, Xen 1"};
			},
			"trace_window is ['calls 1: guest 2, Xen 1'], want Xen's trace and the "
			"kernel's counts to agree");
	}
	EXPECT_GE(traced, 4);
}

TEST(Verify, FixtureBootsAreWhatTheirColumnExpects)
{
	// Real boots of the current series (make fixtures): every expectation
	// of the column holds, with nothing left over.
	for (const auto &col : fixtures::boot_columns()) {
		auto j = judge_run::judge(fixtures::read(col + "-boot.log"), col, 0, "", true);
		ASSERT_EQ(j.rc, 0) << col << ": " << j.err;
		Verified v = verify(j.result, column(col));
		EXPECT_EQ(v.rc, 0) << col;
		for (const auto &f : v.failed)
			ADD_FAILURE() << col << ": " << f;
	}
}

TEST(Verify, WrongExpectWantsTheCasesThatSeeTheDifference)
{
	// A native boot told xen-pv: these fail, the xen_pvh_test passes.
	auto lines = fixtures::split(fixtures::read("native-boot.log"));
	for (auto &l : lines)
		for (std::string c :
		     {"hypervisor_type_test", "xen_domain_type_test", "xen_cpuid_signature_test",
		      "paravirt_banner_test", "xenpv_feature_test"}) {
			auto at = l.find("    ok ");
			if (at != std::string::npos && l.find(" " + c) != std::string::npos)
				l.replace(at, 7, "    not ok ");
		}
	auto j = judge_run::judge(fixtures::join(lines), "native");
	EXPECT_EQ(j.rc, 1);
	std::ostringstream out, err;
	EXPECT_EQ(pvh::verify_wrong_expect(j.result, "xen-pv", out, err), 0) << out.str();
	std::ostringstream out2;
	EXPECT_EQ(pvh::verify_wrong_expect(j.result, "xen-pvh", out2, err), 1);
	EXPECT_NE(out2.str().find("FAILED: failed ['hypervisor_type_test', 'paravirt_banner_test', "
				  "'xen_cpuid_signature_test', 'xen_domain_type_test', "
				  "'xenpv_feature_test'], want ['hypervisor_type_test', "
				  "'paravirt_banner_test', 'xen_cpuid_signature_test', "
				  "'xen_domain_type_test', 'xen_pvh_test']"),
		  std::string::npos)
		<< out2.str();
	// The untouched native boot: nothing failed, so told xen-pv it is wrong.
	auto clean = judge_run::judge(fixtures::read("native-boot.log"), "native", 0,
				      judge_run::fresh_dir("clean"));
	std::ostringstream out3;
	EXPECT_EQ(pvh::verify_wrong_expect(clean.result, "xen-pv", out3, err), 1);
	std::ostringstream out4, err4;
	EXPECT_EQ(pvh::verify_wrong_expect(clean.result, "native", out4, err4), 2);
	EXPECT_EQ(err4.str(), "pvharness: error: --wrong-expect native: want xen-pv or xen-pvh (a "
			      "native boot told it ran there)\n");
}
