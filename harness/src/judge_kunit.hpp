// SPDX-License-Identifier: GPL-2.0
// The KUnit part of a boot's result.json, from kunit.py's view of the KTAP
// that was judged (ktap::summarize()).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ktap_summary.hpp"

namespace pvh {

// {pass, fail, skip, error, total, suites{suite:{case:status}},
//  reasons{"suite.case": reason}}: a case is "case/param" for a parameter;
// error counts ERROR cases plus kunit.py's crashed and errors totals;
// reasons has every skipped case, "" when the kernel gave no reason.
nlohmann::json kunit_result(const ktap::Summary &summary);

// "suite.case" of every case that failed or crashed, in log order, once.
std::vector<std::string> bad_cases(const ktap::Summary &summary);

} // namespace pvh
