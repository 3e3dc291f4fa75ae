// SPDX-License-Identifier: GPL-2.0
#include "judge_kunit.hpp"

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
	std::vector<std::string> bad;
	for (const auto &c : summary.cases)
		if (c.status == "FAIL" || c.status == "ERROR")
			bad.push_back(c.suite + "." + c.name);
	return bad;
}

} // namespace pvh
