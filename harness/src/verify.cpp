// SPDX-License-Identifier: GPL-2.0
#include "verify.hpp"

#include <algorithm>
#include <ostream>
#include <set>

namespace pvh {
namespace {

using nlohmann::json;

// The suites of the series: every column runs them all.
const std::set<std::string> kSeries = {"x86_hypervisor", "x86_paravirt",   "x86_irqflags",
				       "x86_pvclock",	 "xen_pv_mmu",	   "xen_evtchn",
				       "xen_timer",	 "xen_hypercalls", "xen_hypercalls_trace"};
// Operations every column reports a route for; native unless the column's
// expect.not_native names them.
const std::vector<std::string> kRouteChecked = {"mmu.set_pte", "irq.irq_disable",
						"time.sched_clock", "time.steal_clock"};

json get_or_null(const json &j, const std::string &key)
{
	return j.is_object() && j.contains(key) ? j[key] : json();
}

bool contains(const std::vector<std::string> &v, const std::string &s)
{
	return std::find(v.begin(), v.end(), s) != v.end();
}

class Checks
{
public:
	Checks(const json &r, const Expect &e) : r_(r), e_(e), guest_(r.at("guest")) {}

	void status()
	{
		if (r_.at("status") != "pass")
			fail("status " + r_.at("status").get<std::string>() + ": " +
			     py_repr(r_.at("problems")));
	}

	void guest_values()
	{
		for (const auto &[k, want] : e_.guest) {
			json got = get_or_null(guest_, k);
			if (got != want)
				fail(k + " is " + py_repr(got) + ", want " + py_repr(want));
		}
	}

	void suites()
	{
		const json &suites = r_.at("kunit").at("suites");
		for (const auto &s : kSeries)
			if (!suites.contains(s))
				fail("suite " + s + " missing");
		json cases = suites.value("x86_hypervisor", json::object());
		bool all_pass = cases.size() == 6;
		for (const auto &v : cases)
			all_pass = all_pass && v == "PASS";
		if (!all_pass)
			fail("x86_hypervisor: want 6 cases passed, got " + py_repr(cases));
		// A parameterized case's results are named case/parameter; they
		// skip or pass with their case.
		for (const auto &s : kSeries) {
			if (!suites.contains(s))
				continue;
			for (const auto &[c, v] : suites[s].items()) {
				std::string parent = c.substr(0, c.find('/'));
				bool should_skip = contains(e_.skipped_suites, s) ||
						   contains(e_.skipped_cases, s + "." + parent);
				if (should_skip != (v == "SKIP"))
					fail(s + "." + c + " is " + v.get<std::string>() +
					     ", want " + (should_skip ? "SKIP" : "PASS"));
			}
		}
	}

	// Every skipped case says why (result.json's kunit.reasons).
	void skip_reasons()
	{
		const json &kunit = r_.at("kunit");
		json reasons = kunit.value("reasons", json::object());
		for (const auto &[s, cases] : kunit.at("suites").items())
			for (const auto &[c, v] : cases.items())
				if (v == "SKIP" &&
				    reasons.value(s + "." + c, std::string()).empty())
					fail("case " + s + "." + c +
					     " was skipped without a reason");
	}

	// Routing (debugfs paravirt/ops) and the workload's hypercalls per
	// class (xen/hypercalls) as the guest printed them.
	void routes()
	{
		json routes = guest_.value("routes", json::object());
		std::vector<std::string> ops = kRouteChecked;
		for (const auto &op : e_.not_native)
			if (!contains(ops, op))
				ops.push_back(op);
		for (const auto &op : ops) {
			if (!routes.contains(op)) {
				fail("no route reported for " + op);
				continue;
			}
			bool native = routes[op].value("native", false);
			if (native == contains(e_.not_native, op))
				fail(op + " -> " + routes[op].value("target", std::string()) +
				     " is " + (native ? "" : "not ") + "native");
		}
		if (e_.not_native.empty()) {
			json moved = get_or_null(guest_, "ops_not_native");
			if (!moved.is_string() || moved.get<std::string>().rfind("0 of ", 0) != 0)
				fail("ops not native: " +
				     (moved.is_string() ? moved.get<std::string>() : "None") +
				     ", want 0");
		}
	}

	void hypercalls()
	{
		// Where the file exists (a Xen guest that counts), a write it
		// does not understand must fail and change nothing.
		json bad_write = get_or_null(guest_, "hcstats_bad_write");
		if ((!e_.hypercalls.empty() || !bad_write.is_null()) &&
		    bad_write != "rejected unchanged")
			fail("writing 'bogus' to xen/hypercalls: " +
			     (bad_write.is_string() ? bad_write.get<std::string>() : "None"));
		json hc = json::object();
		const json classes = guest_.value("hypercalls", json::object());
		for (const auto &[cls, v] : classes.items())
			hc[cls] = v.at("calls");
		for (const auto &[cls, want] : e_.hypercalls) {
			json got = get_or_null(hc, cls);
			if (want == "zero" && got != 0)
				fail(cls + " hypercalls in the workload: " + py_repr(got) +
				     ", want none: " + py_repr(hc));
			if (want == "some" && !(got.is_number() && got.get<long>() > 0))
				fail("no " + cls + " hypercall in the workload: " + py_repr(hc));
		}
		if (!hc.empty()) {
			long sum = 0;
			for (const auto &[cls, n] : hc.items())
				if (cls != "total")
					sum += n.get<long>();
			if (get_or_null(hc, "total") != sum)
				fail("classes do not add up to the total: " + py_repr(hc));
		}
	}

	long series_results() const
	{
		long n = 0;
		const json &suites = r_.at("kunit").at("suites");
		for (const auto &s : kSeries)
			if (suites.contains(s))
				n += static_cast<long>(suites[s].size());
		return n;
	}

	void kunit_fault()
	{
		std::size_t tolerated = r_.at("tolerated").size();
		json fault = get_or_null(r_.at("kunit").at("suites"), "kunit_fault");
		if (tolerated != 1 ||
		    get_or_null(fault, "kunit_test_fault_null_dereference") != "PASS")
			fail("kunit_fault oops: tolerated " + std::to_string(tolerated) +
			     ", want exactly 1 with the case passing");
	}

	// A column traced by Xen: the kernel's window was compared with the
	// trace (the judge turns a mismatch into a problem).
	void xen_trace(const Column &column)
	{
		if (!column.trace_uncounted)
			return;
		json w = get_or_null(r_, "trace_window");
		if (w.is_null())
			fail("trace_window is None, want the kernel's counts compared with Xen's "
			     "trace (xen_hypercalls_trace.trace_window_test prints them)");
		else if (!w.at("mismatches").empty())
			fail("trace_window is " + py_repr(w.at("mismatches")) +
			     ", want Xen's trace and the kernel's counts to agree");
	}

	const std::vector<std::string> &errors() const { return errors_; }

private:
	void fail(const std::string &e) { errors_.push_back(e); }

	const json &r_;
	const Expect &e_;
	const json &guest_;
	std::vector<std::string> errors_;
};

} // namespace

int verify_result(const json &result, const Column &column, std::ostream &out)
{
	Checks c(result, column.expect);
	c.status();
	c.guest_values();
	c.suites();
	c.skip_reasons();
	c.routes();
	c.hypercalls();
	c.xen_trace(column);
	out << result.at("column").get<std::string>() << ": " << c.series_results()
	    << " results in the series suites\n";
	c.kunit_fault();
	for (const auto &e : c.errors())
		out << "FAILED: " << e << "\n";
	return c.errors().empty() ? 0 : 1;
}

} // namespace pvh
