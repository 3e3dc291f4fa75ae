// SPDX-License-Identifier: GPL-2.0
#include "kunit_table.hpp"

#include <algorithm>
#include <array>
#include <ostream>
#include <set>

#include "console.hpp"

namespace pvh {
namespace {

using nlohmann::json;

const json &suites_of(const json &r)
{
	static const json none = json::object();
	if (!r.contains("kunit") || !r["kunit"].contains("suites"))
		return none;
	return r["kunit"]["suites"];
}

} // namespace

int print_kunit_table(const BootResults &results, bool skips, std::ostream &out)
{
	std::set<std::string> suites;
	for (const auto &[col, r] : results)
		if (r)
			for (const auto &[s, cases] : suites_of(*r).items())
				suites.insert(s);
	std::size_t width = 10;
	for (const auto &s : suites)
		width = std::max(width, s.size());
	width += 2;
	out << pad("suite", width);
	for (const auto &[col, r] : results)
		out << pad(col + " p/f/s", 18);
	out << "\n";
	bool bad = false;
	std::vector<std::array<int, 3>> totals(results.size());
	for (const auto &[col, r] : results)
		bad = bad || !r;
	for (const auto &s : suites) {
		out << pad(s, width);
		for (std::size_t c = 0; c < results.size(); ++c) {
			const auto &r = results[c].second;
			json cases = r ? suites_of(*r).value(s, json::object()) : json::object();
			std::array<int, 3> n{};
			for (const auto &v : cases) {
				n[0] += v == "PASS";
				n[1] += v == "FAIL" || v == "ERROR";
				n[2] += v == "SKIP";
			}
			bad = bad || n[1] > 0;
			for (int i = 0; i < 3; ++i)
				totals[c][i] += n[i];
			out << pad(cases.empty()
					   ? "absent"
					   : std::to_string(n[0]) + "/" + std::to_string(n[1]) +
						     "/" + std::to_string(n[2]),
				   18);
		}
		out << "\n";
	}
	out << pad("total", width);
	for (const auto &t : totals)
		out << pad(std::to_string(t[0]) + "/" + std::to_string(t[1]) + "/" +
				   std::to_string(t[2]),
			   18);
	out << "\n";
	if (skips)
		for (const auto &[col, r] : results) {
			if (!r)
				continue;
			json reasons = r->contains("kunit")
					       ? (*r)["kunit"].value("reasons", json::object())
					       : json::object();
			for (const auto &[s, cases] : suites_of(*r).items())
				for (const auto &[c, v] : cases.items()) {
					if (v != "SKIP")
						continue;
					std::string why = reasons.value(s + "." + c, std::string());
					out << "  skip " << pad(col, 8) << " " << s << "." << c
					    << ": " << (why.empty() ? "(no reason given)" : why)
					    << "\n";
				}
		}
	return bad ? 1 : 0;
}

} // namespace pvh
