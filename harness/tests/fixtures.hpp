// SPDX-License-Identifier: GPL-2.0
// Test helpers: fixture files (real console logs trimmed from boots of the
// pvops matrix) and building console text.
#pragma once

#include <string>
#include <vector>

namespace fixtures {

// The contents of tests/fixtures/<name>; fails the test when unreadable.
std::string read(const std::string &name);

// Lines joined with "\n".
std::string join(const std::vector<std::string> &lines);

// Split on "\n" (keeping "\r"), for editing a log line by line.
std::vector<std::string> split(const std::string &text);

} // namespace fixtures
