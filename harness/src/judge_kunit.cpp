// SPDX-License-Identifier: GPL-2.0
#include "judge_kunit.hpp"

#include <map>

namespace pvh {

nlohmann::json kunit_result(const ktap::Summary &summary)
{
	long pass = 0, fail = 0, skip = 0, error = 0;
	nlohmann::json suites = nlohmann::json::object();
	nlohmann::json reasons = nlohmann::json::object();
	for (const auto &c : summary.cases) {
		pass += c.status == "PASS";
		fail += c.status == "FAIL";
		skip += c.status == "SKIP";
		error += c.status == "ERROR";
		suites[c.suite][c.name] = c.status;
		if (c.status == "SKIP")
			reasons[c.suite + "." + c.name] = c.reason;
	}
	return {
		{"pass", pass},
		{"fail", fail},
		{"skip", skip},
		{"error", error + summary.crashed + summary.errors},
		{"total", static_cast<long>(summary.cases.size())},
		{"suites", suites},
		{"reasons", reasons},
	};
}

std::vector<std::string> bad_cases(const ktap::Summary &summary)
{
	// A case seen twice (the crashed ones kunit.py names "") is one case,
	// in the place it first came, with its last status.
	std::vector<std::string> order;
	std::map<std::string, std::string> status;
	for (const auto &c : summary.cases) {
		// The crashed case has no name: the suite was cut off inside it.
		std::string key = c.name.empty() ? c.suite + " (cut off inside a case)"
						 : c.suite + "." + c.name;
		if (!status.count(key))
			order.push_back(key);
		status[key] = c.status;
	}
	std::vector<std::string> bad;
	for (const auto &key : order)
		if (status[key] == "FAIL" || status[key] == "ERROR")
			bad.push_back(key);
	return bad;
}

} // namespace pvh
