// SPDX-License-Identifier: GPL-2.0
#include "ktap.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace pvh::ktap {
namespace {

constexpr int kMaxDepth = 32;	     // nesting levels kept; deeper is noise
constexpr std::size_t kMaxDiag = 16; // diagnostic lines kept per test

std::string_view trim(std::string_view s)
{
	while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
		s.remove_prefix(1);
	while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
		s.remove_suffix(1);
	return s;
}

bool starts_with(std::string_view s, std::string_view p)
{
	return s.substr(0, p.size()) == p;
}

// A non-negative decimal at the start of s; advances s past it.
std::optional<long> take_number(std::string_view &s)
{
	std::size_t n = 0;
	while (n < s.size() && std::isdigit(static_cast<unsigned char>(s[n])))
		++n;
	if (n == 0 || n > 9)
		return std::nullopt;
	long v = 0;
	std::from_chars(s.data(), s.data() + n, v);
	s.remove_prefix(n);
	return v;
}

bool iequals_word(std::string_view s, std::string_view word)
{
	if (s.size() < word.size())
		return false;
	for (std::size_t i = 0; i < word.size(); ++i)
		if (std::toupper(static_cast<unsigned char>(s[i])) != word[i])
			return false;
	return s.size() == word.size() || std::isspace(static_cast<unsigned char>(s[word.size()]));
}

} // namespace

std::optional<int> parse_version(std::string_view body)
{
	for (std::string_view p : {"KTAP version ", "TAP version "}) {
		if (starts_with(body, p)) {
			std::string_view rest = body.substr(p.size());
			auto v = take_number(rest);
			if (v && trim(rest).empty())
				return static_cast<int>(*v);
		}
	}
	return std::nullopt;
}

std::optional<int> parse_plan(std::string_view body)
{
	if (!starts_with(body, "1.."))
		return std::nullopt;
	std::string_view rest = body.substr(3);
	auto n = take_number(rest);
	rest = trim(rest);
	if (!n || !(rest.empty() || rest.front() == '#'))
		return std::nullopt;
	return static_cast<int>(*n);
}

std::optional<ResultLine> parse_result(std::string_view body)
{
	ResultLine r;
	if (starts_with(body, "ok ")) {
		r.ok = true;
		body.remove_prefix(3);
	} else if (starts_with(body, "not ok ")) {
		body.remove_prefix(7);
	} else {
		return std::nullopt;
	}
	auto n = take_number(body);
	if (!n || !(body.empty() || body.front() == ' '))
		return std::nullopt;
	r.number = static_cast<int>(*n);
	std::string_view rest = trim(body);
	if (starts_with(rest, "- "))
		rest.remove_prefix(2);
	std::size_t hash = std::string_view::npos;
	for (std::size_t i = 0; i < rest.size(); ++i) {
		if (rest[i] == '#' && (i == 0 || rest[i - 1] == ' ')) {
			hash = i;
			break;
		}
	}
	if (hash == std::string_view::npos) {
		r.name = std::string(rest);
		return r;
	}
	r.name = std::string(trim(rest.substr(0, hash)));
	std::string_view dir = trim(rest.substr(hash + 1));
	// As kunit.py: "# SKIP" in capitals, even as the start of a longer word;
	// the other directives in any case.
	if (starts_with(dir, "SKIP")) {
		r.directive = "SKIP";
		r.reason = std::string(trim(dir.substr(4)));
		return r;
	}
	for (std::string_view word : {"TODO", "XFAIL"}) {
		if (iequals_word(dir, word)) {
			r.directive = std::string(word);
			dir = trim(dir.substr(word.size()));
			break;
		}
	}
	r.reason = std::string(dir);
	return r;
}

std::optional<std::pair<std::string, Stats>> parse_stats(std::string_view body)
{
	if (!starts_with(body, "# "))
		return std::nullopt;
	body.remove_prefix(2);
	std::size_t colon = body.find(": pass:");
	if (colon == std::string_view::npos || colon == 0)
		return std::nullopt;
	std::string name(body.substr(0, colon));
	std::string_view rest = body.substr(colon + 2);
	Stats s;
	const std::pair<std::string_view, long *> fields[] = {
		{"pass:", &s.pass}, {"fail:", &s.fail}, {"skip:", &s.skip}, {"total:", &s.total}};
	for (const auto &[key, dest] : fields) {
		rest = trim(rest);
		if (!starts_with(rest, key))
			return std::nullopt;
		rest.remove_prefix(key.size());
		auto v = take_number(rest);
		if (!v)
			return std::nullopt;
		*dest = *v;
	}
	if (!trim(rest).empty())
		return std::nullopt;
	return std::make_pair(std::move(name), s);
}

namespace {

// Lines after which kunit.py reads no KTAP: the kernel is going down.
bool console_stops(std::string_view text)
{
	for (std::string_view m : {"List of all partitions:", "Kernel panic - not syncing: VFS:",
				   "reboot: System halted"})
		if (text.find(m) != std::string_view::npos)
			return true;
	return false;
}

enum class Kind { Unknown, Version, Subtest, Plan, Result, Stats, Diag };

struct Classified {
	Kind kind = Kind::Unknown;
	int number = 0;
	std::string text;
	ResultLine result;
	std::pair<std::string, Stats> stats;
};

Classified classify(std::string_view body)
{
	Classified c;
	if (auto v = parse_version(body)) {
		c.kind = Kind::Version;
		c.number = *v;
	} else if (starts_with(body, "# Subtest:")) {
		c.kind = Kind::Subtest;
		c.text = std::string(trim(body.substr(10)));
	} else if (auto p = parse_plan(body)) {
		c.kind = Kind::Plan;
		c.number = *p;
	} else if (auto r = parse_result(body)) {
		c.kind = Kind::Result;
		c.result = std::move(*r);
	} else if (auto s = parse_stats(body)) {
		c.kind = Kind::Stats;
		c.stats = std::move(*s);
	} else if (starts_with(body, "#")) {
		c.kind = Kind::Diag;
		c.text = std::string(body);
	}
	return c;
}

bool structural(Kind k)
{
	return k == Kind::Version || k == Kind::Subtest || k == Kind::Plan || k == Kind::Result;
}

Result result_of(const ResultLine &r)
{
	if (r.directive == "SKIP")
		return Result::Skip;
	if (r.directive == "TODO")
		return Result::Todo;
	if (r.directive == "XFAIL")
		return Result::XFail;
	return r.ok ? Result::Pass : Result::Fail;
}

struct Frame {
	int indent = 0;
	Test node;
	std::optional<Test> pending; // a closed subtest waiting for its result line
	std::vector<std::string> diag;
};

class Parser
{
public:
	Log run(const std::vector<ConsoleLine> &lines)
	{
		for (const auto &l : lines) {
			if (!stack_.empty() && console_stops(l.text))
				break;
			line(l.number, l.text);
		}
		last_ = lines.empty() ? 0 : lines.back().number;
		if (!stack_.empty())
			finish_document(true);
		return std::move(log_);
	}

private:
	void problem(int line, std::string msg) { log_.problems.push_back({line, std::move(msg)}); }

	void line(int number, std::string_view text)
	{
		std::size_t indent = 0;
		while (indent < text.size() && text[indent] == ' ')
			++indent;
		std::string_view body = trim(text.substr(indent));
		if (body.empty())
			return;
		Classified c = classify(body);
		if (c.kind == Kind::Unknown)
			return;
		int ind = static_cast<int>(std::min<std::size_t>(indent, 1 << 20));
		if (stack_.empty()) {
			if (c.kind == Kind::Version)
				start_document(ind, number, c.number);
			return;
		}
		if (ind < stack_.front().indent) {
			if (c.kind == Kind::Version) {
				finish_document(false);
				start_document(ind, number, c.number);
			}
			return;
		}
		std::size_t idx = stack_.size();
		for (std::size_t k = stack_.size(); k-- > 0;) {
			if (stack_[k].indent == ind) {
				idx = k;
				break;
			}
			if (stack_[k].indent < ind)
				break;
		}
		if (idx == stack_.size()) {
			deeper(number, ind, c);
			return;
		}
		if (c.kind == Kind::Stats) {
			Frame &f = stack_[idx];
			Test *target = idx + 1 < stack_.size() ? &stack_[idx + 1].node
				       : f.pending	       ? &*f.pending
							       : &f.node;
			if (c.stats.first == "Totals")
				target->totals = c.stats.second;
			else
				target->stats = c.stats.second;
			return;
		}
		if (c.kind == Kind::Diag) {
			if (idx + 1 == stack_.size())
				keep_diag(stack_.back(), c.text);
			return;
		}
		while (stack_.size() > idx + 1)
			close_top();
		at_level(number, ind, c);
	}

	// A KTAP line indented deeper than the innermost open test.
	void deeper(int number, int ind, const Classified &c)
	{
		Frame &top = stack_.back();
		if (c.kind == Kind::Diag) {
			keep_diag(top, c.text);
			return;
		}
		if (!structural(c.kind))
			return;
		if (static_cast<int>(stack_.size()) >= kMaxDepth) {
			problem(number, "KTAP nested deeper than " + std::to_string(kMaxDepth) +
						" levels; line ignored");
			return;
		}
		settle(top);
		open_child(number, ind);
		at_level(number, ind, c);
	}

	// A structural line at the indentation of the innermost open test.
	void at_level(int number, int ind, const Classified &c)
	{
		Frame &f = stack_.back();
		// Nothing seen yet but (maybe) a name: a header line belongs to it.
		bool fresh = f.node.plan < 0 && f.node.subtests.empty() && !f.pending;
		switch (c.kind) {
		case Kind::Version:
			if (fresh)
				break; // "# Subtest:" came first, or a repeated header
			if (stack_.size() == 1) {
				finish_document(false);
				start_document(ind, number, c.number);
			} else {
				sibling(number, ind);
			}
			break;
		case Kind::Subtest:
			if (stack_.size() > 1 && !(fresh && f.node.name.empty()))
				sibling(number, ind);
			stack_.back().node.name = c.text;
			break;
		case Kind::Plan:
			if (f.node.plan >= 0)
				problem(number,
					"second plan line for '" + f.node.name + "' ignored");
			else
				f.node.plan = c.number;
			f.diag.clear();
			break;
		case Kind::Result:
			add_result(f, number, c.result);
			break;
		default:
			break;
		}
		if (c.kind == Kind::Version || c.kind == Kind::Subtest)
			stack_.back().node.header = true;
	}

	// A new subtest at the level of the innermost one, which had no result.
	void sibling(int number, int ind)
	{
		close_top();
		settle(stack_.back());
		open_child(number, ind);
	}

	void keep_diag(Frame &f, const std::string &text)
	{
		if (f.diag.size() < kMaxDiag)
			f.diag.push_back(text);
	}

	void start_document(int ind, int number, int version)
	{
		Frame f;
		f.indent = ind;
		f.node.line = number;
		stack_.push_back(std::move(f));
		version_ = version;
	}

	void open_child(int number, int ind)
	{
		Frame f;
		f.indent = ind;
		f.node.line = number;
		stack_.push_back(std::move(f));
	}

	// A subtest that was closed but never got a result line: keep it as is.
	void settle(Frame &f)
	{
		if (!f.pending)
			return;
		problem(f.pending->line, "test '" + f.pending->name + "' has no result line");
		f.node.subtests.push_back(std::move(*f.pending));
		f.pending.reset();
	}

	void close_top()
	{
		Frame f = std::move(stack_.back());
		stack_.pop_back();
		settle(f);
		Frame &parent = stack_.back();
		settle(parent);
		parent.pending = std::move(f.node);
	}

	void add_result(Frame &f, int number, const ResultLine &r)
	{
		Test t;
		if (f.pending) {
			t = std::move(*f.pending);
			f.pending.reset();
			if (t.name.empty())
				t.name = r.name;
			else if (!r.name.empty() && r.name != t.name)
				problem(number,
					"result '" + r.name + "' closes subtest '" + t.name + "'");
		} else {
			t.line = number;
			t.name = r.name;
		}
		t.number = r.number;
		t.ok = r.ok;
		t.result = result_of(r);
		t.directive = r.directive;
		t.reason = r.reason;
		t.diagnostics = std::move(f.diag);
		f.diag.clear();
		int expected = static_cast<int>(f.node.subtests.size()) + 1;
		if (r.number != expected)
			problem(number, "test number " + std::to_string(r.number) + ", expected " +
						std::to_string(expected));
		f.node.subtests.push_back(std::move(t));
	}

	void finish_document(bool at_end)
	{
		while (stack_.size() > 1) {
			if (at_end)
				problem(last_, "log ends inside '" + stack_.back().node.name + "'");
			close_top();
		}
		settle(stack_.front());
		Document d;
		d.version = version_;
		d.root = std::move(stack_.front().node);
		stack_.clear();
		log_.documents.push_back(std::move(d));
	}

	std::vector<Frame> stack_;
	Log log_;
	int version_ = 0;
	int last_ = 0;
};

int severity(Verdict v)
{
	switch (v) {
	case Verdict::Skip:
		return 0;
	case Verdict::Pass:
		return 1;
	case Verdict::Fail:
		return 2;
	case Verdict::Incomplete:
		return 3;
	case Verdict::Crashed:
		return 4;
	case Verdict::NoResults:
		return 5;
	}
	return 5;
}

Verdict worse(Verdict a, Verdict b)
{
	return severity(a) >= severity(b) ? a : b;
}

Verdict children_verdict(const Test &t, Verdict own)
{
	Verdict v = own;
	bool all_skipped = !t.subtests.empty();
	for (const auto &s : t.subtests) {
		Verdict sv = verdict(s);
		if (sv != Verdict::Skip)
			all_skipped = false;
		if (sv == Verdict::Skip && v == Verdict::Pass)
			continue; // a skipped case does not make its suite a skip
		v = worse(v, sv);
	}
	if (all_skipped && v == Verdict::Pass)
		v = Verdict::Skip;
	if (t.plan > static_cast<int>(t.subtests.size()))
		v = worse(v, Verdict::Incomplete);
	if (t.stats && t.stats->fail > 0)
		v = worse(v, Verdict::Fail);
	return v;
}

} // namespace

Log parse(const std::vector<ConsoleLine> &lines)
{
	return Parser().run(lines);
}

Log parse(std::string_view raw_log)
{
	return parse(console_lines(raw_log));
}

const char *verdict_name(Verdict v)
{
	switch (v) {
	case Verdict::Pass:
		return "PASS";
	case Verdict::Skip:
		return "SKIP";
	case Verdict::Fail:
		return "FAIL";
	case Verdict::Incomplete:
		return "INCOMPLETE";
	case Verdict::Crashed:
		return "CRASHED";
	case Verdict::NoResults:
		return "NO RESULTS";
	}
	return "?";
}

Verdict verdict(const Test &t)
{
	Verdict own = Verdict::Pass;
	switch (t.result) {
	case Result::None:
		return Verdict::Crashed;
	case Result::Fail:
		own = Verdict::Fail;
		break;
	case Result::Skip:
	case Result::Todo:
		own = Verdict::Skip;
		break;
	case Result::Pass:
	case Result::XFail:
		break;
	}
	return children_verdict(t, own);
}

Verdict verdict(const Document &d)
{
	if (d.root.subtests.empty() && d.root.plan <= 0)
		return d.root.plan == 0 ? Verdict::Skip : Verdict::NoResults;
	return children_verdict(d.root, Verdict::Pass);
}

Verdict verdict(const Log &log)
{
	if (log.documents.empty())
		return Verdict::NoResults;
	Verdict v = Verdict::Skip;
	for (const auto &d : log.documents)
		v = worse(v, verdict(d));
	return v;
}

Counts count_cases(const Log &log)
{
	Counts all;
	for (const auto &d : log.documents) {
		for (const auto &s : d.root.subtests) {
			Counts c = count_subtests(s);
			all.pass += c.pass;
			all.fail += c.fail;
			all.skip += c.skip;
			all.crashed += c.crashed;
			all.missing += c.missing;
		}
	}
	return all;
}

Counts count_subtests(const Test &t)
{
	Counts c;
	for (const auto &s : t.subtests) {
		switch (verdict(s)) {
		case Verdict::Pass:
			++c.pass;
			break;
		case Verdict::Skip:
			++c.skip;
			break;
		case Verdict::Fail:
			++c.fail;
			break;
		case Verdict::Incomplete:
		case Verdict::Crashed:
		case Verdict::NoResults:
			++c.crashed;
			break;
		}
	}
	if (t.plan > static_cast<int>(t.subtests.size()))
		c.missing = t.plan - static_cast<int>(t.subtests.size());
	return c;
}

} // namespace pvh::ktap
