// SPDX-License-Identifier: GPL-2.0
// What a boot's result.json must show. The column's own expectations come
// from its file's "expect" block (column.hpp: the guest's values, the
// suites and cases that skip there, the operations routed away from native
// code, the hypercall classes that must be zero or some); what holds for
// every column is here: the series' suites present, x86_hypervisor's six
// cases passed, every skip with a reason, the hypercall file refusing a bad
// write, the classes adding up to the total, and KUnit's kunit_fault oops
// tolerated exactly once.
#pragma once

#include <iosfwd>
#include <nlohmann/json.hpp>
#include <string>

#include "column.hpp"

namespace pvh {

// Prints "COLUMN: N results in the series suites", then one "FAILED: ..."
// line per unmet expectation; 1 when there is one. Throws
// nlohmann::json::exception when the result lacks a field it must have.
int verify_result(const nlohmann::json &result, const Column &column, std::ostream &out);

// A native boot told it ran in the environment told (xen-pv or xen-pvh):
// x86_hypervisor's cases that see the difference must fail, the others
// pass. 2 with an error line when there is no table for that environment.
int verify_wrong_expect(const nlohmann::json &result, const std::string &told, std::ostream &out,
			std::ostream &err);

// Python's repr() of a JSON value, as the messages have always shown them.
std::string py_repr(const nlohmann::json &j);

} // namespace pvh
