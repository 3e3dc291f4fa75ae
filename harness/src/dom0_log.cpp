// SPDX-License-Identifier: GPL-2.0
#include "dom0_log.hpp"

#include <string_view>

#include "guest_records.hpp"

namespace pvh {

namespace {

constexpr std::string_view kDomu = "PVOPS-DOMU: ", kDom0 = "PVOPS-DOM0: ", kTrace = "PVOPS-TRACE: ";

bool starts_with(std::string_view s, std::string_view p)
{
	return s.substr(0, p.size()) == p;
}

} // namespace

Dom0Log split_dom0_log(const std::vector<std::string> &lines)
{
	// dom0-init relays the domU's console and the trace after the domU is
	// gone, when nothing else in dom0 prints: a relayed line starts its
	// own line.
	// dom0's own records share the console with its kernel and Xen, whose
	// messages can land inside them: unsplice() puts them back together.
	Dom0Log out;
	std::vector<std::string> dom0;
	for (const auto &line : lines) {
		if (starts_with(line, kDomu)) {
			out.domu += line.substr(kDomu.size()) + "\n";
			continue;
		}
		if (starts_with(line, kTrace))
			out.trace.push_back(line.substr(kTrace.size()));
		out.dom0 += line + "\n";
		dom0.push_back(line);
	}
	for (const auto &line : guest::unsplice(dom0)) {
		if (!starts_with(line.text, kDom0))
			continue;
		std::string body = line.text.substr(kDom0.size());
		while (!body.empty() && (body.back() == ' ' || body.back() == '\t'))
			body.pop_back();
		if (body == "begin")
			out.begun = true;
		else if (body == "end")
			out.ended = true;
		else if (auto eq = body.find('='); eq != std::string::npos && eq > 0)
			out.record[body.substr(0, eq)] = body.substr(eq + 1);
	}
	return out;
}

std::vector<std::string> dom0_problems(const Dom0Log &log, const std::string &dom0_log)
{
	std::vector<std::string> p;
	const std::string see = "; see " + dom0_log;
	if (!log.begun)
		return {"dom0's init did not start" + see};
	if (auto it = log.record.find("error"); it != log.record.end())
		p.push_back("dom0: " + it->second + see);
	if (auto it = log.record.find("domu_failed"); it != log.record.end())
		p.push_back("the domU " + it->second +
			    " s of dom0's uptime (a triple fault or a panic; Xen's report is in " +
			    dom0_log + ")");
	if (auto it = log.record.find("trace_error"); it != log.record.end())
		p.push_back("dom0: Xen's trace: " + it->second + see);
	if (auto it = log.record.find("domu_hung"); it != log.record.end())
		p.push_back("the domU did not end within " + it->second + " s and was destroyed" +
			    see);
	if (!log.ended)
		p.push_back("dom0's init did not reach its end" + see);
	return p;
}

} // namespace pvh
