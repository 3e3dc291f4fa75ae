// SPDX-License-Identifier: GPL-2.0
#include "junit.hpp"

#include <sstream>

#include "xml.hpp"

namespace pvh {

namespace {

using json = nlohmann::json;

struct Case {
	std::string name, failure, skipped;
	bool failed = false, skip = false;
};

// One <testsuite>: a column's boot, or one KUnit suite of it.
void suite(std::ostringstream &out, const std::string &name, const std::vector<Case> &cases,
	   JunitCounts &total)
{
	int failures = 0, skipped = 0;
	for (const auto &c : cases) {
		failures += c.failed;
		skipped += c.skip;
	}
	out << "  <testsuite name=\"" << xml_escape(name) << "\" tests=\"" << cases.size()
	    << "\" failures=\"" << failures << "\" errors=\"0\" skipped=\"" << skipped << "\">\n";
	for (const auto &c : cases) {
		out << "    <testcase classname=\"" << xml_escape(name) << "\" name=\""
		    << xml_escape(c.name) << "\"";
		if (c.failed)
			out << ">\n      <failure message=\"" << xml_escape(c.failure) << "\"/>\n"
			    << "    </testcase>\n";
		else if (c.skip)
			out << ">\n      <skipped message=\"" << xml_escape(c.skipped) << "\"/>\n"
			    << "    </testcase>\n";
		else
			out << "/>\n";
	}
	out << "  </testsuite>\n";
	total.tests += static_cast<int>(cases.size());
	total.failures += failures;
	total.skipped += skipped;
}

Case boot_case(const std::optional<json> &r)
{
	Case c{"boot", "", "", false, false};
	if (!r) {
		c.failed = true;
		c.failure = "no result.json: the boot did not run or was not judged";
		return c;
	}
	if (r->value("status", "") != "pass") {
		c.failed = true;
		for (const auto &p : r->value("problems", json::array()))
			if (p.is_string())
				c.failure += (c.failure.empty() ? "" : "; ") + p.get<std::string>();
		if (c.failure.empty())
			c.failure = "status " + r->value("status", std::string("missing"));
	}
	return c;
}

} // namespace

std::string junit_xml(const BootResults &results, JunitCounts *counts)
{
	std::ostringstream body;
	JunitCounts total;
	for (const auto &[column, r] : results) {
		suite(body, column, {boot_case(r)}, total);
		if (!r || !r->contains("kunit") || !(*r)["kunit"].contains("suites"))
			continue;
		const json &kunit = (*r)["kunit"];
		json reasons = kunit.value("reasons", json::object());
		for (const auto &[name, cases] : kunit["suites"].items()) {
			std::vector<Case> out;
			for (const auto &[cname, status] : cases.items()) {
				Case c{cname, "", "", false, false};
				std::string s = status.is_string() ? status.get<std::string>() : "";
				std::string reason =
					reasons.value(name + "." + cname, std::string());
				if (s == "SKIP") {
					c.skip = true;
					c.skipped = reason;
				} else if (s != "PASS") {
					c.failed = true;
					c.failure = "KUnit " +
						    (s.empty() ? std::string("no status") : s) +
						    (reason.empty() ? "" : ": " + reason);
				}
				out.push_back(std::move(c));
			}
			suite(body, column + "." + name, out, total);
		}
	}
	std::ostringstream out;
	out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    << "<testsuites name=\"pvops boot matrix\" tests=\"" << total.tests << "\" failures=\""
	    << total.failures << "\" errors=\"0\" skipped=\"" << total.skipped << "\">\n"
	    << body.str() << "</testsuites>\n";
	if (counts)
		*counts = total;
	return out.str();
}

} // namespace pvh
