// SPDX-License-Identifier: GPL-2.0
// The differential KTAP test: on every fixture log and every item of the
// generated corpus (ktap_corpus.hpp), summarize(parse(log)) must give the
// per-case statuses and the "Ran N tests" totals that the base tree's
// kunit.py gave, as scripts/ktap-golden.sh recorded them in
// tests/golden/ktap/kunit.jsonl. A difference fails naming the item and
// the case; a golden whose input hash differs is stale.
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include <gtest/gtest.h>

#include "ktap.hpp"
#include "ktap_corpus.hpp"
#include "ktap_summary.hpp"

using namespace pvh::ktap;

namespace {

// Where kunit.py is plainly wrong, so the C++ parser differs on purpose:
// the start of the error kunit.py died with -> why it is wrong. An item
// whose golden has such an error is not compared (and is counted); any
// other error fails.
const std::map<std::string, std::string> kExceptions = {
	// A kernel line between a suite's "KTAP version" and its "# Subtest:"
	// makes kunit.py read the suite as an unnamed test whose first
	// subtest is the suite; it then pops a line past the end of the log
	// and dies with a traceback instead of a result.
	{"ValueError: LineStream: going past EOF", "kunit.py crashes at the end of the log"},
};

// Items where kunit.py follows the names of tests where the log's
// indentation says otherwise, and the C++ parser follows the indentation:
// item -> why. Not compared; each must still exist and still differ.
const std::map<std::string, std::string> kIndentationWins = {
	// A suite's result line names another test: kunit.py leaves the suite
	// without a result and reads the line as a test of its own at the top
	// level, which pushes the next suite out of the plan.
	{"plain-suite-renamed", "suite result renamed"},
	{"skips-suite-renamed", "suite result renamed"},
	{"fails-suite-renamed", "suite result renamed"},
	{"params-suite-renamed", "suite result renamed"},
	{"tapdash-suite-renamed", "suite result renamed"},
	{"random0-suite-renamed", "suite result renamed"},
	{"random1-suite-renamed", "suite result renamed"},
	{"random2-suite-renamed", "suite result renamed"},
	// A parameterised case (no plan) lost its result line: kunit.py reads
	// the rest of the log, later suites included, as its parameters.
	{"params-noresult8", "parameterised case without result"},
	{"params-oops-resumes8", "parameterised case without result"},
	{"random0-noresult6", "parameterised case without result"},
	{"random0-oops-resumes6", "parameterised case without result"},
	{"random1-noresult4", "parameterised case without result"},
	{"random1-oops-resumes4", "parameterised case without result"},
};

struct Golden {
	std::string hash;
	std::string summary;
	nlohmann::json kunit;
	std::string error; // how kunit.py died, if it did
};

std::map<std::string, Golden> load_golden()
{
	std::map<std::string, Golden> out;
	std::ifstream in(KTAP_GOLDEN);
	std::string line;
	while (std::getline(in, line)) {
		auto j = nlohmann::json::parse(line, nullptr, false);
		if (j.is_discarded() || !j.contains("item"))
			continue;
		out[j["item"].get<std::string>()] = {j.value("hash", ""), j.value("summary", ""),
						     j["kunit"], j.value("error", "")};
	}
	return out;
}

// "Ran N tests: passed: a, failed: b, ..." as kunit.py prints it (a zero
// count is left out).
Summary totals_of(const std::string &line)
{
	Summary s;
	std::smatch m;
	if (!std::regex_match(line, m, std::regex("Ran (\\d+) tests?:(.*)")))
		throw std::runtime_error("not a kunit.py summary: '" + line + "'");
	s.total = std::stoi(m[1]);
	std::string rest = m[2];
	std::regex part("(passed|failed|skipped|crashed|errors): (\\d+)");
	for (auto it = std::sregex_iterator(rest.begin(), rest.end(), part);
	     it != std::sregex_iterator(); ++it) {
		int v = std::stoi((*it)[2]);
		std::string k = (*it)[1];
		(k == "passed"	  ? s.passed
		 : k == "failed"  ? s.failed
		 : k == "skipped" ? s.skipped
		 : k == "crashed" ? s.crashed
				  : s.errors) = v;
	}
	return s;
}

// kunit.py's groups as scripts/bootlog.py's count_cases() reads them: the
// cases of each top-level group, a nested group's cases as "group/case".
void flatten(const nlohmann::json &g, const std::string &suite, const std::string &prefix,
	     std::vector<std::string> &out)
{
	for (const auto &sub : g.value("sub_groups", nlohmann::json::array())) {
		std::string name = sub.value("name", "");
		if (suite.empty())
			flatten(sub, name, "", out);
		else
			flatten(sub, suite, prefix + name + "/", out);
	}
	if (suite.empty())
		return;
	for (const auto &c : g.value("test_cases", nlohmann::json::array()))
		out.push_back(suite + " | " + prefix + c.value("name", "") + " | " +
			      c.value("status", ""));
}

std::vector<std::string> ours(const Summary &s)
{
	std::vector<std::string> out;
	for (const auto &c : s.cases)
		out.push_back(c.suite + " | " + c.name + " | " + c.status);
	return out;
}

std::string counts(const Summary &s)
{
	return "total " + std::to_string(s.total) + " passed " + std::to_string(s.passed) +
	       " failed " + std::to_string(s.failed) + " skipped " + std::to_string(s.skipped) +
	       " crashed " + std::to_string(s.crashed) + " errors " + std::to_string(s.errors);
}

// The differences between two case lists, as multisets.
std::vector<std::string> differences(std::vector<std::string> kunit, std::vector<std::string> cpp)
{
	std::sort(kunit.begin(), kunit.end());
	std::sort(cpp.begin(), cpp.end());
	std::vector<std::string> only_k, only_c, out;
	std::set_difference(kunit.begin(), kunit.end(), cpp.begin(), cpp.end(),
			    std::back_inserter(only_k));
	std::set_difference(cpp.begin(), cpp.end(), kunit.begin(), kunit.end(),
			    std::back_inserter(only_c));
	for (const auto &k : only_k)
		out.push_back("kunit.py: " + k);
	for (const auto &c : only_c)
		out.push_back("C++:      " + c);
	return out;
}

// The listed kunit.py error an item's golden has, or nullptr.
const std::string *listed_error(const Golden &g)
{
	for (const auto &[start, why] : kExceptions)
		if (g.error.rfind(start, 0) == 0)
			return &why;
	return nullptr;
}

struct Tally {
	int items = 0, cases = 0, excepted = 0;
};

// How the C++ side differs from kunit.py on one item, one line each;
// cases: how many cases kunit.py reported.
std::vector<std::string> diff_item(const ktap_corpus::Item &item, const Golden &g, int &cases)
{
	cases = 0;
	if (g.hash != ktap_corpus::hash(item.text))
		return {"the golden is stale (its input changed); run scripts/ktap-golden.sh"};
	Summary cpp = summarize(parse(item.text));
	Summary kunit = totals_of(g.summary);
	std::vector<std::string> kcases;
	if (!g.kunit.is_null())
		flatten(g.kunit, "", "", kcases);
	cases = static_cast<int>(kcases.size());
	std::vector<std::string> out;
	if (counts(cpp) != counts(kunit))
		out.push_back("totals: C++ " + counts(cpp) + "; kunit.py " + counts(kunit));
	for (const auto &d : differences(kcases, ours(cpp)))
		out.push_back("case only in " + d);
	return out;
}

// Compare one item; returns the number of cases compared.
int compare(const ktap_corpus::Item &item, const Golden &g)
{
	int cases = 0;
	for (const auto &d : diff_item(item, g, cases))
		ADD_FAILURE() << item.name << ": " << d;
	return cases;
}

} // namespace

TEST(KtapDiff, EveryItemMatchesTheBaseKunitPy)
{
	auto golden = load_golden();
	ASSERT_FALSE(golden.empty()) << "no " << KTAP_GOLDEN << "; run scripts/ktap-golden.sh";
	auto items = ktap_corpus::all(PVOPS_SOURCE_ROOT);
	ASSERT_GE(items.size(), 300u);
	std::set<std::string> names;
	Tally t;
	for (const auto &item : items) {
		names.insert(item.name);
		auto g = golden.find(item.name);
		if (g == golden.end()) {
			ADD_FAILURE() << item.name << ": no golden; run scripts/ktap-golden.sh";
			continue;
		}
		if (!g->second.error.empty()) {
			EXPECT_TRUE(listed_error(g->second))
				<< item.name << ": kunit.py died (" << g->second.error
				<< "), which is not a listed exception";
			++t.excepted;
			continue;
		}
		if (kIndentationWins.count(item.name)) {
			int cases = 0;
			EXPECT_FALSE(diff_item(item, g->second, cases).empty())
				<< item.name << ": listed in kIndentationWins but now agrees";
			++t.excepted;
			continue;
		}
		t.cases += compare(item, g->second);
		++t.items;
	}
	for (const auto &e : kIndentationWins)
		EXPECT_TRUE(names.count(e.first)) << e.first << ": listed exception of no item";
	for (const auto &[name, g] : golden)
		if (!names.count(name))
			ADD_FAILURE() << name
				      << ": golden of an item that is gone; run "
					 "scripts/ktap-golden.sh";
	std::cout << "ktap_diff: " << t.items << " items, " << t.cases
		  << " cases compared with kunit.py (" << t.excepted
		  << " listed exceptions not compared)\n";
	EXPECT_GT(t.cases, 1000);
}

// The boot fixtures hold KUnit runs: each must give suites and cases on
// both sides, so the comparison above cannot pass on empty logs.
TEST(KtapDiff, EveryBootFixtureHasSuitesAndCases)
{
	auto golden = load_golden();
	int fixtures = 0;
	for (const auto &item : ktap_corpus::fixtures(PVOPS_SOURCE_ROOT)) {
		if (item.name.find("-boot") == std::string::npos)
			continue;
		++fixtures;
		SCOPED_TRACE(item.name);
		Log log = parse(item.text);
		ASSERT_FALSE(log.documents.empty());
		EXPECT_GT(log.documents[0].root.subtests.size(), 0u);
		Summary s = summarize(log);
		EXPECT_GT(s.cases.size(), 0u);
		EXPECT_GT(s.passed, 0);
		ASSERT_TRUE(golden.count(item.name));
		std::vector<std::string> kcases;
		flatten(golden[item.name].kunit, "", "", kcases);
		EXPECT_EQ(kcases.size(), s.cases.size());
		EXPECT_GT(compare(item, golden[item.name]), 0);
	}
	EXPECT_EQ(fixtures, 3);
}
