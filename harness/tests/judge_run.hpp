// SPDX-License-Identifier: GPL-2.0
// Test helpers for the boot judge: a log judged in a fresh directory, and
// the source tree's files (splat patterns, column files, shell fixtures).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace judge_run {

// The pvops source tree.
std::string root();
// A file of the source tree, read whole; fails the test when unreadable.
std::string read_source(const std::string &relative);
// A new empty directory under the test's temporary directory.
std::string fresh_dir(const std::string &name);

struct Judged {
	int rc = -1;
	std::string out, err, dir;
	nlohmann::json result; // result.json
};

// Writes text as DIR/serial.log in a fresh directory and judges it. traced:
// compare the kernel's trace window with Xen's trace where the column
// records it, as a real boot of the column is judged (tests that edit a
// log's KTAP judge it without).
Judged judge(const std::string &text, const std::string &column, int qemu_rc = 0,
	     const std::string &dir = "", bool traced = false);

} // namespace judge_run
