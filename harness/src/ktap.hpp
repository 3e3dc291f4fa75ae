// SPDX-License-Identifier: GPL-2.0
// A KTAP (v1) parser for kernel console logs, as KUnit prints them at boot:
//
//   KTAP version 1
//   1..2                                 plan of the top level
//       KTAP version 1                   a subtest, indented by 4
//       # Subtest: suite
//       1..3
//       ok 1 case_a
//       not ok 2 case_b
//       ok 3 case_c # SKIP why
//   # suite: pass:1 fail:1 skip:1 total:3
//   # Totals: pass:1 fail:1 skip:1 total:3
//   not ok 1 suite
//
// Lines are first cleaned (console.hpp); lines that are not KTAP, or whose
// indentation matches no open level, are kernel messages and are skipped.
// Reading stops at the lines after which kunit.py reads no KTAP
// ("reboot: System halted", ...). A test that started but has no result
// line, or a plan with fewer results than it announced, is CRASHED or
// INCOMPLETE, never a pass.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "console.hpp"

namespace pvh::ktap {

enum class Result { None, Pass, Fail, Skip, Todo, XFail };

struct Stats {
	long pass = 0, fail = 0, skip = 0, total = 0;
};

struct Test {
	std::string name;
	int number = 0;		      // from its result line
	Result result = Result::None; // None: no result line was seen
	std::string directive;	      // "SKIP", "TODO", "XFAIL" or ""
	std::string reason;	      // the directive's text, or a comment
	int plan = -1;		      // -1: no plan line
	bool ok = false;	      // "ok" rather than "not ok"
	bool header = false;	      // a "KTAP version" or "# Subtest:" line opened it
	int line = 0;		      // first line of the test in the log
	std::vector<Test> subtests;
	std::optional<Stats> stats;	      // "# <name>: pass:N fail:N skip:N total:N"
	std::optional<Stats> totals;	      // "# Totals: ..."
	std::vector<std::string> diagnostics; // "# ..." lines before the result
};

struct Document {
	int version = 0;
	Test root; // no result line of its own; its subtests are the suites
};

using pvh::Problem;

struct Log {
	std::vector<Document> documents;
	std::vector<Problem> problems;
};

// What one line is, without context (exposed for tests).
struct ResultLine {
	bool ok = false;
	int number = 0;
	std::string name, directive, reason;
};
std::optional<int> parse_version(std::string_view body);
std::optional<int> parse_plan(std::string_view body);
std::optional<ResultLine> parse_result(std::string_view body);
std::optional<std::pair<std::string, Stats>> parse_stats(std::string_view body);

Log parse(std::string_view raw_log);
Log parse(const std::vector<ConsoleLine> &lines);

enum class Verdict { Pass, Skip, Fail, Incomplete, Crashed, NoResults };
const char *verdict_name(Verdict v); // "PASS", "SKIP", "FAIL", ...

// A test's verdict, its subtests included: CRASHED if it or a subtest has
// no result line, INCOMPLETE if a plan was not fulfilled, FAIL if it or a
// subtest failed.
Verdict verdict(const Test &t);
Verdict verdict(const Document &d);
// Worst over the documents; NoResults when there is none.
Verdict verdict(const Log &log);

struct Counts {
	int pass = 0, fail = 0, skip = 0, crashed = 0, missing = 0;
	int total() const { return pass + fail + skip + crashed + missing; }
};
// The verdicts of a test's direct subtests (a suite's cases), plus the
// tests its plan announced that never showed up.
Counts count_subtests(const Test &t);
// count_subtests() summed over every suite of every document of a log.
Counts count_cases(const Log &log);

} // namespace pvh::ktap
