// SPDX-License-Identifier: GPL-2.0
// The boot matrix as JUnit XML, the test report format CI systems show
// (GitLab's artifacts:reports:junit): per column, one test for the boot
// itself (its problems as the failure) and one per KUnit case, from each
// column's result.json. A column without a result is a failed boot.
#pragma once

#include <string>

#include "summary.hpp"

namespace pvh {

struct JunitCounts {
	int tests = 0, failures = 0, skipped = 0;
};

// The XML document; counts, when given, receives the totals.
std::string junit_xml(const BootResults &results, JunitCounts *counts = nullptr);

} // namespace pvh
