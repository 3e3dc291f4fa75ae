// SPDX-License-Identifier: GPL-2.0
// pvharness case RESULT [SUITE.CASE]: one case's KUnit status in a boot's
// result.json (PASS, FAIL, SKIP, ERROR; "absent" when the boot never
// reported it; "no result" when there is no readable result), or, without
// a case, the failing (FAIL, ERROR) cases in order, on one line.
#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>

#include "commands.hpp"

namespace pvh {

namespace {

struct CaseArgs {
	std::string result, which;
};

int run(const CaseArgs &a)
{
	nlohmann::json r;
	try {
		std::ifstream in(a.result);
		r = nlohmann::json::parse(in);
	} catch (const nlohmann::json::exception &) {
		r = nullptr;
	}
	const nlohmann::json *suites = nullptr;
	if (r.is_object() && r.contains("kunit") && r["kunit"].contains("suites") &&
	    r["kunit"]["suites"].is_object())
		suites = &r["kunit"]["suites"];
	if (!suites) {
		std::cout << (a.which.empty() ? "" : "no result") << "\n";
		return 0;
	}
	if (!a.which.empty()) {
		auto dot = a.which.find('.');
		std::string suite = a.which.substr(0, dot), name = a.which.substr(dot + 1);
		auto s = suites->find(suite);
		bool found = dot != std::string::npos && s != suites->end() && s->is_object() &&
			     s->contains(name) && (*s)[name].is_string();
		std::cout << (found ? (*s)[name].get<std::string>() : "absent") << "\n";
		return 0;
	}
	std::set<std::string> failing;
	for (const auto &[suite, cases] : suites->items())
		if (cases.is_object())
			for (const auto &[name, status] : cases.items())
				if (status == "FAIL" || status == "ERROR")
					failing.insert(suite + "." + name);
	std::string line;
	for (const auto &c : failing)
		line += (line.empty() ? "" : " ") + c;
	std::cout << line << "\n";
	return 0;
}

} // namespace

Command add_case_command(CLI::App &app)
{
	auto a = std::make_shared<CaseArgs>();
	auto *sub = app.add_subcommand("case", "a case's KUnit status in a result.json, or the "
					       "failing cases");
	sub->add_option("result", a->result, "a boot's result.json")->required();
	sub->add_option("case", a->which, "SUITE.CASE (default: list the failing cases)");
	return {sub, [a]() { return run(*a); }};
}

} // namespace pvh
