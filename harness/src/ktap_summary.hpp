// SPDX-License-Identifier: GPL-2.0
// A parsed KTAP log as upstream's kunit.py parse reports it: every leaf
// case with kunit.py's status, and its "Ran N tests" totals. The
// differential test holds this equal to the base tree's kunit.py.
#pragma once

#include <string>
#include <vector>

#include "ktap.hpp"

namespace pvh::ktap {

struct CaseResult {
	std::string suite;  // top-level suite
	std::string name;   // the case; a parameter of a case is "case/param"
	std::string status; // as kunit.py's --json: PASS, FAIL, SKIP, ERROR ...
	std::string reason; // a SKIP's reason, "" when none was given
	int line = 0;
};

struct Summary {
	// The cases under each suite, as scripts/bootlog.py count_cases() takes
	// them from kunit.py --json: a suite that has no cases of its own (a
	// top-level test without subtests) adds to the totals only.
	std::vector<CaseResult> cases; // in log order
	// kunit.py's "Testing complete. Ran N tests: passed: .., failed: ..,
	// skipped: .., crashed: .., errors: .."
	int total = 0, passed = 0, failed = 0, skipped = 0, crashed = 0, errors = 0;
};

Summary summarize(const Log &log);

} // namespace pvh::ktap
