// SPDX-License-Identifier: GPL-2.0
// kunit.py's view of a parsed log. Its rules, as its parser applies them:
// - only the first document counts, and of a plan of N only N tests;
// - a test with a "KTAP version" or "# Subtest:" line is a parent; a parent
//   whose plan announced more tests than came gets one crashed test named
//   "" per missing one (and an error each); a parent without a result line
//   is crashed (and an error); a parent with no subtests is "no tests"
//   (and an error);
// - a leaf is PASS (ok), FAIL (not ok) or SKIP ("# SKIP" directive), or
//   ERROR when it has no result line; TODO and XFAIL change nothing;
// - a result numbered other than its place is an error;
// - the totals count leaves; a parent that has a crashed leaf is crashed.
#include "ktap_summary.hpp"

#include <algorithm>

namespace pvh::ktap {
namespace {

enum class Status { Success, Failure, Skipped, Crashed, NoTests };

struct Counts5 {
	int passed = 0, failed = 0, crashed = 0, skipped = 0, errors = 0;
	int total() const { return passed + failed + crashed + skipped; }
	void add(const Counts5 &o)
	{
		passed += o.passed;
		failed += o.failed;
		crashed += o.crashed;
		skipped += o.skipped;
		errors += o.errors;
	}
	void add(Status s)
	{
		switch (s) {
		case Status::Success:
			++passed;
			break;
		case Status::Failure:
			++failed;
			break;
		case Status::Skipped:
			++skipped;
			break;
		case Status::Crashed:
			++crashed;
			break;
		case Status::NoTests:
			break;
		}
	}
	Status status() const
	{
		if (total() == 0)
			return Status::NoTests;
		if (crashed)
			return Status::Crashed;
		if (failed)
			return Status::Failure;
		if (passed)
			return Status::Success;
		return Status::Skipped;
	}
};

// kunit_json's names: everything but PASS, SKIP and ERROR is FAIL.
const char *json_status(Status s)
{
	switch (s) {
	case Status::Success:
		return "PASS";
	case Status::Skipped:
		return "SKIP";
	case Status::Crashed:
		return "ERROR";
	default:
		return "FAIL";
	}
}

struct Outcome {
	Status status = Status::Crashed;
	Counts5 counts;
	bool leaf = true; // no subtests in kunit.py's tree (missing ones count)
};

class Walker
{
public:
	explicit Walker(Summary &out) : out_(out) {}

	// The root: its subtests are the suites.
	Counts5 root(const Test &t)
	{
		Counts5 c;
		std::size_t n = children(t, c, "", "");
		if (n == 0)
			++c.errors; // "0 tests run!"
		return c;
	}

private:
	// The subtests kunit.py reads under a parent, plus the missing ones;
	// returns how many there are.
	std::size_t children(const Test &t, Counts5 &c, const std::string &suite,
			     const std::string &prefix)
	{
		std::size_t n = t.subtests.size();
		if (t.plan >= 0)
			n = std::min(n, static_cast<std::size_t>(t.plan));
		for (std::size_t i = 0; i < n; ++i) {
			const Test &s = t.subtests[i];
			bool top = depth_ == 0;
			const std::string &sub_suite = top ? s.name : suite;
			std::string sub_prefix = top ? "" : prefix + s.name + "/";
			++depth_;
			Outcome o = visit(s, static_cast<int>(i) + 1, sub_suite, sub_prefix);
			--depth_;
			if (o.leaf && !top)
				emit(suite, prefix + s.name, o.status, s);
			c.add(o.counts);
		}
		std::size_t missing = 0;
		if (t.plan > static_cast<int>(n))
			missing = static_cast<std::size_t>(t.plan) - n;
		for (std::size_t i = 0; i < missing; ++i) {
			++c.errors; // "missing expected subtest!"
			++c.crashed;
			if (depth_ > 0)
				out_.cases.push_back({suite, prefix, "ERROR", "", t.line});
		}
		return n + missing;
	}

	Outcome visit(const Test &t, int expected, const std::string &suite,
		      const std::string &prefix)
	{
		Outcome o;
		std::size_t n = 0;
		if (t.header)
			n = children(t, o.counts, suite, prefix);
		o.leaf = n == 0;
		if (t.result != Result::None) {
			if (t.number != expected)
				++o.counts.errors;
			if (t.directive == "SKIP")
				o.status = Status::Skipped;
			else
				o.status = t.ok ? Status::Success : Status::Failure;
		} else if (t.header && !t.name.empty()) {
			++o.counts.errors; // "missing subtest result line!"
		}
		if (t.header && n == 0 &&
		    (o.status == Status::Crashed || o.status == Status::Success)) {
			o.status = Status::NoTests;
			++o.counts.errors; // "0 tests run!"
		}
		if (o.counts.total() == 0)
			o.counts.add(o.status);
		else if (o.counts.status() == Status::Crashed)
			o.status = Status::Crashed;
		return o;
	}

	void emit(const std::string &suite, const std::string &name, Status s, const Test &t)
	{
		CaseResult r;
		r.suite = suite;
		r.name = name;
		r.status = json_status(s);
		if (s == Status::Skipped)
			r.reason = t.reason;
		r.line = t.line;
		out_.cases.push_back(std::move(r));
	}

	Summary &out_;
	int depth_ = 0;
};

} // namespace

Summary summarize(const Log &log)
{
	Summary s;
	Counts5 c;
	if (log.documents.empty())
		c.errors = 1; // "Could not find any KTAP output"
	else
		c = Walker(s).root(log.documents.front().root);
	s.passed = c.passed;
	s.failed = c.failed;
	s.skipped = c.skipped;
	s.crashed = c.crashed;
	s.errors = c.errors;
	s.total = c.total();
	return s;
}

} // namespace pvh::ktap
