// SPDX-License-Identifier: GPL-2.0
#include "summary.hpp"

#include <functional>
#include <ostream>

#include "console.hpp"

namespace pvh {
namespace {

using nlohmann::json;
using Results = BootResults;
constexpr std::size_t kWidth = 30;

std::string row(const std::string &label, const std::vector<std::string> &values)
{
	std::string out = pad(label, 25);
	for (const auto &v : values)
		out += pad(v, kWidth);
	return out;
}

// A value as text: strings as they are, numbers as JSON writes them.
std::string text(const json &j)
{
	return j.is_string() ? j.get<std::string>() : j.dump();
}

// One value per column: "not run" without a result, "?" when the result
// lacks what get() reads.
std::vector<std::string> fields(const Results &results,
				const std::function<std::string(const json &)> &get)
{
	std::vector<std::string> out;
	for (const auto &[col, r] : results) {
		if (!r) {
			out.push_back("not run");
			continue;
		}
		try {
			out.push_back(get(*r));
		} catch (const json::exception &) {
			out.push_back("?");
		}
	}
	return out;
}

std::string guest(const json &r, const char *key)
{
	return text(r.at("guest").at(key));
}

std::string ktap_cell(const json &r)
{
	const json &k = r.at("kunit");
	return text(k.at("pass")) + "/" + text(k.at("fail")) + "/" + text(k.at("skip")) + "/" +
	       text(k.at("error"));
}

std::string x86_hypervisor(const json &r)
{
	const json &suites = r.at("kunit").at("suites");
	auto it = suites.find("x86_hypervisor");
	if (it == suites.end() || it->empty())
		return "absent";
	int passed = 0;
	for (const auto &s : *it)
		passed += s == "PASS";
	return std::to_string(passed) + "/" + std::to_string(it->size()) + " pass";
}

std::string seconds(const json &r)
{
	char buf[64];
	std::snprintf(buf, sizeof buf, "%.1f s", r.at("seconds").get<double>());
	return buf;
}

// The operations shown, by class, from the guest's copy of paravirt/ops.
const std::vector<std::string> kRouted = {
	"mmu.set_pte",	       "mmu.set_pmd",	  "mmu.write_cr3", "mmu.flush_tlb_user",
	"mmu.lazy_mode.leave", "irq.irq_disable", "irq.save_fl",   "irq.safe_halt",
	"time.sched_clock",    "time.steal_clock"};
const std::vector<std::string> kClasses = {"page-table", "interrupt", "timer",
					   "other",	 "multicall", "total"};

const json *guest_of(const std::optional<json> &r)
{
	if (!r || !r->is_object())
		return nullptr;
	auto g = r->find("guest");
	return g != r->end() && g->is_object() ? &*g : nullptr;
}

std::string route(const std::optional<json> &r, const std::string &op)
{
	const json *g = guest_of(r);
	if (!g || !g->contains("routes") || !(*g)["routes"].contains(op))
		return "-";
	const json &got = (*g)["routes"][op];
	std::string target = got.value("target", std::string());
	return target.substr(0, kWidth - 4) + (got.value("native", false) ? "" : " *");
}

std::string hypercalls(const std::optional<json> &r, const std::string &cls)
{
	const json *g = guest_of(r);
	if (!g || !g->contains("hypercalls") || (*g)["hypercalls"].empty())
		return "no counters";
	const json &h = (*g)["hypercalls"];
	if (!h.contains(cls))
		return "?";
	return text(h[cls].value("calls", json())) + " (+" + text(h[cls].value("batched", json())) +
	       " batched)";
}

void routing(const Results &results, std::ostream &out)
{
	std::vector<std::string> blank(results.size());
	out << "\n" << row("routing (* = not native)", blank) << "\n";
	for (const auto &op : kRouted) {
		std::vector<std::string> v;
		for (const auto &[col, r] : results)
			v.push_back(route(r, op));
		out << row("  " + op, v) << "\n";
	}
	std::vector<std::string> moved;
	for (const auto &[col, r] : results) {
		const json *g = guest_of(r);
		moved.push_back(g && g->contains("ops_not_native") ? text((*g)["ops_not_native"])
								   : "-");
	}
	out << row("  ops not native", moved) << "\n";
	out << row("hypercalls (workload)", blank) << "\n";
	for (const auto &cls : kClasses) {
		std::vector<std::string> v;
		for (const auto &[col, r] : results)
			v.push_back(hypercalls(r, cls));
		out << row("  " + cls, v) << "\n";
	}
}

} // namespace

int print_summary(const Results &results, std::ostream &out)
{
	std::vector<std::string> names;
	for (const auto &[col, r] : results)
		names.push_back(col);
	auto upper = [](std::string s) {
		for (auto &c : s)
			c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
		return s;
	};
	out << row("", names) << "\n";
	out << row("verdict",
		   fields(results,
			  [&](const json &r) { return upper(r.at("status").get<std::string>()); }))
	    << "\n";
	out << row("kernel detected",
		   fields(results, [](const json &r) { return guest(r, "kernel_detected"); }))
	    << "\n";
	out << row("paravirt banner",
		   fields(results, [](const json &r) { return guest(r, "paravirt_banner"); }))
	    << "\n";
	out << row("/sys/hypervisor", fields(results,
					     [](const json &r) {
						     return guest(r, "sys_hypervisor_type") + " " +
							    guest(r, "sys_hypervisor_guest_type") +
							    " " + guest(r, "xen_version");
					     }))
	    << "\n";
	out << row("clocksource now",
		   fields(results, [](const json &r) { return guest(r, "clocksource"); }))
	    << "\n";
	out << row("clocksources offered",
		   fields(results, [](const json &r) { return guest(r, "clocksources"); }))
	    << "\n";
	out << row("clockevent (cpu0)",
		   fields(results, [](const json &r) { return guest(r, "clockevent"); }))
	    << "\n";
	out << row("irq chips", fields(results,
				       [](const json &r) {
					       return r.at("guest")
						       .at("irq_chips")
						       .get<std::string>()
						       .substr(0, kWidth - 2);
				       }))
	    << "\n";
	out << row("x86_hypervisor suite", fields(results, x86_hypervisor)) << "\n";
	out << row("KTAP pass/fail/skip/err", fields(results, ktap_cell)) << "\n";
	out << row("boot wall time", fields(results, seconds)) << "\n";
	routing(results, out);
	out << "logs:\n";
	bool all_pass = true;
	for (const auto &[col, r] : results) {
		all_pass = all_pass && r && r->value("status", std::string()) == "pass";
		if (!r || r->empty())
			continue;
		out << "  " << pad(col, 8) << " " << text(r->value("log", json(""))) << "\n";
		for (const auto &p : r->value("problems", json::array()))
			out << "           problem: " << text(p) << "\n";
	}
	return all_pass ? 0 : 1;
}

} // namespace pvh
