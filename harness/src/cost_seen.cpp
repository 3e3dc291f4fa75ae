// SPDX-License-Identifier: GPL-2.0
#include "cost_seen.hpp"

#include <filesystem>
#include <map>

#include "console.hpp"
#include "guest_records.hpp"
#include "splat.hpp"

namespace pvh::cost {
namespace {

// The guest's records of one console log, and its boot column.
bool records_of(const std::string &path, std::string &column, guest::Records &r, std::string &error)
{
	std::string text;
	if (!read_file(path, text)) {
		error = "cost: cannot read " + path;
		return false;
	}
	column = std::filesystem::path(path).parent_path().filename().string();
	r = guest::read_records(guest::unsplice(splat::log_lines(text)));
	return true;
}

} // namespace

bool print_seen(const std::vector<std::string> &accounting, const std::vector<std::string> &events,
		std::ostream &out, std::string &error)
{
	std::map<std::string, std::string> lines; // column -> its lines
	for (const auto &path : accounting) {
		std::string column;
		guest::Records r;
		if (!records_of(path, column, r, error))
			return false;
		auto classes = guest::hypercall_classes(r.hcfile);
		if (classes.empty()) {
			error = "cost: no hypercall counts (PVOPS-HCFILE) in " + path;
			return false;
		}
		std::string line = pad(column, 8) + " accounting (traps+batched entries):";
		for (const char *c :
		     {"page-table", "interrupt", "timer", "other", "multicall", "total"})
			if (auto it = classes.find(c); it != classes.end())
				line += " " + std::string(c) + " " +
					std::to_string(it->second.calls) + "+" +
					std::to_string(it->second.batched);
		lines[column] += line + "\n";
	}
	for (const auto &path : events) {
		std::string column;
		guest::Records r;
		if (!records_of(path, column, r, error))
			return false;
		if (!r.xen_events.count("overrun")) {
			error = "cost: no xen trace event counts (PVOPS-XENEVENT) in " + path;
			return false;
		}
		long total = 0;
		std::string fired;
		for (const auto &[name, n] : r.xen_events)
			if (name != "overrun" && n > 0)
				fired += " " + name + " " + std::to_string(n), total += n;
		lines[column] += pad(column, 8) + " xen trace events: " + std::to_string(total) +
				 " (" + std::to_string(r.xen_events.at("overrun")) +
				 " lost):" + (fired.empty() ? " none" : fired) + "\n";
	}
	out << "the init's workload (8 x ls -l /bin and sleep 0.05) as each saw it\n";
	for (const auto &[column, text] : lines)
		out << text;
	return true;
}

} // namespace pvh::cost
