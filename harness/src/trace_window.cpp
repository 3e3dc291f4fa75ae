// SPDX-License-Identifier: GPL-2.0
#include "trace_window.hpp"

#include <algorithm>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>

#include "xen_trace.hpp"

namespace pvh::trace {
namespace {

using nlohmann::json;

// The guest's counters (XEN_HCALL_NR in patch 0011): one per hypercall
// number below 63, and the last for 63 and above.
constexpr unsigned kLastNumber = 63;

// "3:12,13:2" -> {3: 12, 13: 2}; "" -> {}.
std::map<unsigned, std::uint64_t> parse_list(const std::string &text, const std::string &line)
{
	std::map<unsigned, std::uint64_t> out;
	static const std::regex item(R"(^(\d{1,7}):(\d{1,19})$)");
	std::stringstream in(text);
	std::string part;
	std::smatch m;
	while (std::getline(in, part, ',')) {
		if (!std::regex_match(part, m, item))
			throw std::runtime_error("bad trace_window count '" + part +
						 "' in: " + line);
		// The guest counts every number from kLastNumber up in one.
		out[std::min<unsigned long>(std::stoul(m[1]), kLastNumber)] += std::stoull(m[2]);
	}
	return out;
}

// The lists as both sides print them, "none" when empty.
std::string list_of(const std::map<unsigned, std::uint64_t> &m)
{
	std::string s = xentrace::list(m);
	return s.empty() ? "none" : s;
}

} // namespace

std::optional<GuestWindow> find_guest_window(const std::vector<std::string> &lines)
{
	static const std::regex re(
		R"(trace_window: vcpu=(\d{1,9}) mark=(\d{1,9}) calls=(\S*) batched=(\S*)\s*$)");
	// The last: a kernel that traces itself runs the case again once its
	// init has started the trace (scripts/guest/init).
	for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
		const std::string &line = *it;
		if (line.find("trace_window: ") == std::string::npos)
			continue;
		std::smatch m;
		if (!std::regex_search(line, m, re))
			throw std::runtime_error("a trace_window line that does not parse: " +
						 line);
		GuestWindow w;
		w.vcpu = static_cast<unsigned>(std::stoul(m[1]));
		w.mark = static_cast<unsigned>(std::stoul(m[2]));
		w.counts.calls = parse_list(m[3], line);
		w.counts.batched = parse_list(m[4], line);
		return w;
	}
	return std::nullopt;
}

std::vector<std::string> records(const std::vector<std::string> &console)
{
	static const std::string prefix = "PVOPS-TRACE: ";
	std::vector<std::string> out;
	for (const auto &line : console)
		if (line.rfind(prefix, 0) == 0)
			out.push_back(line.substr(prefix.size()));
	return out;
}

XenWindow xen_window(const std::vector<std::string> &lines, unsigned vcpu)
{
	static const std::regex window(
		R"(^vcpu=(\d{1,9}) markers=(\d{1,9}) calls=(\S*) batched=(\S*) restarted=(\d{1,19})\s*$)");
	static const std::regex totals(R"(^records=(\d{1,19}) lost=(\d{1,19})\s*$)");
	XenWindow w;
	for (const auto &line : lines) {
		std::smatch m;
		if (std::regex_match(line, m, totals)) {
			w.records = std::stoull(m[1]);
			w.lost = std::stoull(m[2]);
		} else if (!std::regex_match(line, m, window)) {
			throw std::runtime_error("a trace line that does not parse: " + line);
		} else if (std::stoul(m[1]) == vcpu) {
			w.markers = std::stoi(m[2]);
			w.counts.calls = parse_list(m[3], line);
			w.counts.batched = parse_list(m[4], line);
			w.restarted = std::stoull(m[5]);
		}
	}
	return w;
}

json compare(const GuestWindow &guest, const XenWindow &xen,
	     const std::map<std::string, unsigned> &uncounted)
{
	json out = {{"vcpu", guest.vcpu},	{"mark", guest.mark},
		    {"lost", xen.lost},		{"restarted", xen.restarted},
		    {"records", xen.records},	{"calls", json::object()},
		    {"batched", json::object()}};
	std::vector<std::string> bad;
	if (xen.records == 0)
		bad.push_back("dom0 relayed no trace of the domU");
	else if (xen.markers != 2)
		bad.push_back("Xen's trace shows " + std::to_string(xen.markers) +
			      " marker hypercall(s) from vCPU " + std::to_string(guest.vcpu) +
			      ", want 2");
	if (xen.lost)
		bad.push_back("the trace lost " + std::to_string(xen.lost) + " record(s)");
	std::map<unsigned, std::string> exempt;
	for (const auto &[name, op] : uncounted)
		exempt[op] = name;
	auto side = [&](const char *what, const std::map<unsigned, std::uint64_t> &g,
			const std::map<unsigned, std::uint64_t> &x, bool calls) {
		std::set<unsigned> ops;
		for (const auto &[op, n] : g)
			ops.insert(op);
		for (const auto &[op, n] : x)
			ops.insert(op);
		for (unsigned op : ops) {
			std::uint64_t gn = g.count(op) ? g.at(op) : 0;
			std::uint64_t xn = x.count(op) ? x.at(op) : 0;
			out[what][std::to_string(op)] = {gn, xn};
			bool free = calls && exempt.count(op);
			if (free && gn != 0)
				bad.push_back(std::string(what) + " " + std::to_string(op) + " (" +
					      exempt[op] + "): the guest counted " +
					      std::to_string(gn) + ", it never should");
			else if (!free && gn != xn)
				bad.push_back(std::string(what) + " " + std::to_string(op) +
					      ": guest " + std::to_string(gn) + ", Xen " +
					      std::to_string(xn));
		}
	};
	side("calls", guest.counts.calls, xen.counts.calls, true);
	side("batched", guest.counts.batched, xen.counts.batched, false);
	if (!bad.empty()) {
		bad.push_back("guest calls " + list_of(guest.counts.calls) + "; Xen calls " +
			      list_of(xen.counts.calls));
	}
	out["mismatches"] = bad;
	return out;
}

} // namespace pvh::trace
