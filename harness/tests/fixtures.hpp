// SPDX-License-Identifier: GPL-2.0
// Test helpers: fixture files (real console logs trimmed from boots of the
// pvops matrix) and building console text.
#pragma once

#include <string>
#include <vector>

namespace fixtures {

// The contents of tests/fixtures/<name>; fails the test when unreadable.
std::string read(const std::string &name);

// The columns (harness/columns/*.json, in their order) that have a real
// boot log among the fixtures, tests/fixtures/<column>-boot.log.
const std::vector<std::string> &boot_columns();

// The domU columns that have a real serial log among the fixtures,
// tests/fixtures/<column>-serial.log: dom0's console with the domU's relayed.
const std::vector<std::string> &domu_columns();

// Expect `actual` to equal tests/golden/<name>. With PVOPS_UPDATE_GOLDEN=1
// in the environment, write it there instead and fail, so that an update is
// never taken for a pass; review the diff before committing. `make
// fixtures` does that after capturing new fixture logs.
void expect_golden(const std::string &name, const std::string &actual);

// Lines joined with "\n".
std::string join(const std::vector<std::string> &lines);

// Split on "\n" (keeping "\r"), for editing a log line by line.
std::vector<std::string> split(const std::string &text);

} // namespace fixtures
