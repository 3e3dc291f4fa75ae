// SPDX-License-Identifier: GPL-2.0
// The splat gate: kernel and Xen messages that fail a boot (oops, BUG,
// WARNING, lockups, panics ...), from the patterns file
// scripts/splat-patterns (NAME<TAB>REGEX, matched after the printk time
// stamp). KUnit's kunit_fault suite dereferences NULL on purpose: that one
// oops, inside the suite and faulting in kunit_test_null_dereference up to
// its end-trace marker, is tolerated; anything else is a splat.
#pragma once

#include <iosfwd>
#include <regex>
#include <string>
#include <vector>

namespace pvh::splat {

struct Pattern {
	std::string name;
	std::regex regex;
};

// The patterns of a file; empty, with a one-line error, when it cannot be
// read or a line is malformed.
std::vector<Pattern> load_patterns(const std::string &path, std::string &error);

struct Hit {
	int line = 0;	     // 1-based
	std::string pattern; // its name
	std::string text;    // the log line as it was (time stamp kept)
};

struct Found {
	std::vector<Hit> splats, tolerated;
};

// lines: the log split at '\n', carriage returns dropped.
Found find_splats(const std::vector<std::string> &lines, const std::vector<Pattern> &patterns);

// The log's text split into lines, carriage returns dropped.
std::vector<std::string> log_lines(const std::string &text);

// pvharness splat: "LOG:N: tolerated (NAME, KUnit kunit_fault): line" for
// each tolerated oops, then "LOG:N: NAME: line" for each splat; 1 if there
// is a splat, 2 (with an error line) when a file cannot be read.
int print_splats(const std::string &log, const std::string &patterns_file, std::ostream &out);

} // namespace pvh::splat
