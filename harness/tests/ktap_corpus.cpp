// SPDX-License-Identifier: GPL-2.0
// Generated KUnit console logs: a few base runs (suites, skips with and
// without reasons, failures with diagnostics, parameterised cases, TAP
// style "ok N - name") rendered as KUnit prints them, then mutated one way
// at a time: truncated at every suite boundary and inside suites, kernel
// lines interleaved at several indentations, plans, results, "# Totals"
// and stats lines dropped, an oops in the middle or at the end, results
// renumbered or renamed, directives miscased, a console stop marker.
#include "ktap_corpus.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <random>

#include "console.hpp"
#include "dom0_log.hpp"
#include "splat.hpp"

namespace ktap_corpus {
namespace {

struct Param {
	Param(std::string n = "", char s = 'p', std::string r = "")
	    : name(std::move(n)), st(s), reason(std::move(r))
	{}
	std::string name;
	char st; // p, f, s
	std::string reason;
};

struct Case {
	Case(std::string n = "", char s = 'p', std::string r = "", std::vector<Param> p = {},
	     bool d = false)
	    : name(std::move(n)), st(s), reason(std::move(r)), params(std::move(p)), diag(d)
	{}
	std::string name;
	char st;
	std::string reason;
	std::vector<Param> params;
	bool diag; // failure diagnostics before the result
};

struct Suite {
	std::string name;
	std::vector<Case> cases;
};

struct Base {
	std::string name;
	std::vector<Suite> suites;
	bool tap_dash = false; // "ok N - name"
};

enum class Tag { Version, Plan, Header, Result, SuiteResult, Stats, Totals, Diag, Kernel };

struct Line {
	std::string text;
	Tag tag = Tag::Kernel;
	int suite = -1; // index of the suite the line belongs to
	bool stamp = true;
};

using Lines = std::vector<Line>;

std::string result(bool ok, int n, const std::string &name, bool dash, const std::string &dir)
{
	std::string s = std::string(ok ? "ok " : "not ok ") + std::to_string(n) + " ";
	if (dash)
		s += "- ";
	s += name;
	if (!dir.empty())
		s += " # " + dir;
	return s;
}

std::string skip_dir(const std::string &reason)
{
	return reason.empty() ? "SKIP" : "SKIP " + reason;
}

Lines render(const Base &b)
{
	Lines out;
	auto add = [&](std::string text, Tag tag, int suite) {
		out.push_back({std::move(text), tag, suite, true});
	};
	add("KTAP version 1", Tag::Version, -1);
	add("1.." + std::to_string(b.suites.size()), Tag::Plan, -1);
	for (std::size_t si = 0; si < b.suites.size(); ++si) {
		const Suite &s = b.suites[si];
		int i = static_cast<int>(si);
		const std::string in = "    ";
		add(in + "KTAP version 1", Tag::Version, i);
		add(in + "# Subtest: " + s.name, Tag::Header, i);
		add(in + "# module: " + s.name + "_kunit", Tag::Diag, i);
		add(in + "1.." + std::to_string(s.cases.size()), Tag::Plan, i);
		int pass = 0, fail = 0, skip = 0;
		bool all_skip = true;
		for (std::size_t ci = 0; ci < s.cases.size(); ++ci) {
			const Case &c = s.cases[ci];
			int n = static_cast<int>(ci) + 1;
			char st = c.st;
			if (!c.params.empty()) {
				add(in + in + "KTAP version 1", Tag::Version, i);
				add(in + in + "# Subtest: " + c.name, Tag::Header, i);
				int pp = 0, pf = 0, ps = 0;
				for (std::size_t pi = 0; pi < c.params.size(); ++pi) {
					const Param &p = c.params[pi];
					std::string dir = p.st == 's' ? skip_dir(p.reason) : "";
					add(in + in +
						    result(p.st != 'f', static_cast<int>(pi) + 1,
							   p.name, b.tap_dash, dir),
					    Tag::Result, i);
					(p.st == 'p' ? pp : p.st == 'f' ? pf : ps)++;
				}
				add(in + "# " + c.name + ": pass:" + std::to_string(pp) + " fail:" +
					    std::to_string(pf) + " skip:" + std::to_string(ps) +
					    " total:" + std::to_string(c.params.size()),
				    Tag::Stats, i);
				st = pf ? 'f' : pp ? 'p' : 's';
			}
			if (c.diag) {
				add(in + "# " + c.name + ": EXPECTATION FAILED at lib/kunit/x.c:" +
					    std::to_string(40 + n),
				    Tag::Diag, i);
				add(in + "Expected x == 2, but", Tag::Diag, i);
				add(in + "    x == 1 (0x1)", Tag::Diag, i);
			}
			std::string dir =
				st == 's' ? skip_dir(c.params.empty() ? c.reason : "") : "";
			add(in + result(st != 'f', n, c.name, b.tap_dash, dir), Tag::Result, i);
			(st == 'p' ? pass : st == 'f' ? fail : skip)++;
			all_skip = all_skip && st == 's';
		}
		std::string counts = "pass:" + std::to_string(pass) +
				     " fail:" + std::to_string(fail) +
				     " skip:" + std::to_string(skip) +
				     " total:" + std::to_string(s.cases.size());
		add("# " + s.name + ": " + counts, Tag::Stats, i);
		add("# Totals: " + counts, Tag::Totals, i);
		std::string dir = all_skip && !s.cases.empty() ? "SKIP" : "";
		add(result(fail == 0, i + 1, s.name, b.tap_dash, dir), Tag::SuiteResult, i);
	}
	return out;
}

std::string stamped(const Lines &lines, bool stamps)
{
	std::string text;
	long us = 850366;
	for (const Line &l : lines) {
		if (stamps && l.stamp) {
			char ts[32];
			std::snprintf(ts, sizeof ts, "[%5ld.%06ld] ", us / 1000000, us % 1000000);
			text += ts;
			us += 1237;
		}
		text += l.text;
		text += '\n';
	}
	return text;
}

// The base runs: hand-written ones for the shapes KUnit prints, and a few
// drawn from a seeded generator.
std::vector<Base> bases()
{
	std::vector<Base> out;
	out.push_back({"plain",
		       {{"x86_hypervisor", {{"type_test"}, {"domain_test"}, {"banner_test"}}},
			{"xen_routing", {{"pv_ops_test"}, {"pvh_test"}}},
			{"single", {{"only_case"}}}},
		       false});
	out.push_back(
		{"skips",
		 {{"skipping",
		   {{"needs_xen", 's', "not running on Xen"}, {"runs"}, {"bare_skip", 's', ""}}},
		  {"all_skipped", {{"a", 's', "no hardware"}, {"b", 's', ""}}},
		  {"after", {{"c"}}}},
		 false});
	out.push_back(
		{"fails",
		 {{"failing", {{"good"}, {"bad", 'f', "", {}, true}, {"worse", 'f'}, {"fine"}}},
		  {"ok_suite", {{"x"}, {"y"}}}},
		 false});
	out.push_back({"params",
		       {{"param_suite",
			 {{"plain_case"},
			  {"by_class",
			   'p',
			   "",
			   {{"hypercall"}, {"mmu", 's', "no mmu ops"}, {"irq", 'f'}, {"cpu"}}},
			  {"all_skip_params", 'p', "", {{"p1", 's', "x"}, {"p2", 's', ""}}},
			  {"last"}}},
			{"tail", {{"t1"}, {"t2", 's', "later"}}}},
		       false});
	out.push_back({"tapdash",
		       {{"dashed", {{"one"}, {"two", 'f'}, {"three", 's', "why not"}}},
			{"dashed_params", {{"pc", 'p', "", {{"v1"}, {"v2"}}}}}},
		       true});
	std::mt19937 rng(20241212);
	auto pick = [&](unsigned n) { return static_cast<unsigned>(rng() % n); };
	for (int k = 0; k < 3; ++k) {
		Base b;
		b.name = "random" + std::to_string(k);
		unsigned ns = 2 + pick(4);
		for (unsigned s = 0; s < ns; ++s) {
			Suite su;
			su.name = "rs" + std::to_string(k) + "_" + std::to_string(s);
			unsigned nc = 1 + pick(5);
			for (unsigned c = 0; c < nc; ++c) {
				Case cs;
				cs.name = "case_" + std::to_string(c);
				unsigned r = pick(10);
				cs.st = r < 6 ? 'p' : r < 8 ? 'f' : 's';
				if (cs.st == 's' && pick(2))
					cs.reason = "reason " + std::to_string(c);
				cs.diag = cs.st == 'f' && pick(2);
				if (pick(6) == 0) {
					unsigned np = 1 + pick(4);
					for (unsigned p = 0; p < np; ++p) {
						unsigned q = pick(6);
						cs.params.push_back({"param-" + std::to_string(p),
								     q < 4   ? 'p'
								     : q < 5 ? 'f'
									     : 's',
								     q == 5 ? "p reason" : ""});
					}
				}
				su.cases.push_back(std::move(cs));
			}
			b.suites.push_back(std::move(su));
		}
		out.push_back(std::move(b));
	}
	return out;
}

const std::vector<std::pair<std::string, bool>> kKernelLines = {
	{"random: crng init done", true},
	{"(XEN) d0v0: hypercall page written", false},
	{"    clocksource: Switched to clocksource tsc", true},
	{"        kunit_try_catch: exited", true},
	{"	tab indented kernel message", true},
	{"", true},
	{"    # a diagnostic someone printed", true},
	{"(XEN) *** Serial input to Xen (type 'CTRL-a' three times to switch input)", false},
	{"audit: type=2000 audit(0.5:1): state=initialized", true},
	{"  2 spaces: not a KTAP line", true},
};

const std::vector<std::string> kOops = {
	"BUG: kernel NULL pointer dereference, address: 0000000000000000",
	"#PF: supervisor write access in kernel mode",
	"Oops: Oops: 0002 [#1] SMP",
	"RIP: 0010:kunit_test_null_dereference+0x11/0x45",
	"Call Trace:",
	" <TASK>",
	" ? kthread+0xbc/0xc4",
	" </TASK>",
	"---[ end trace 0000000000000000 ]---",
};

struct Builder {
	std::vector<Item> items;
	void add(const std::string &name, const Lines &lines, bool stamps = true)
	{
		items.push_back({name, stamped(lines, stamps)});
	}
};

std::vector<std::size_t> indices(const Lines &l, Tag tag)
{
	std::vector<std::size_t> out;
	for (std::size_t i = 0; i < l.size(); ++i)
		if (l[i].tag == tag)
			out.push_back(i);
	return out;
}

Lines without(Lines l, std::size_t i)
{
	l.erase(l.begin() + static_cast<long>(i));
	return l;
}

Lines prefix(const Lines &l, std::size_t n)
{
	return Lines(l.begin(), l.begin() + static_cast<long>(std::min(n, l.size())));
}

void mutate(Builder &out, const Base &b, std::mt19937 &rng)
{
	const Lines base = render(b);
	const std::string n = b.name;
	auto pick = [&](std::size_t k) { return static_cast<std::size_t>(rng() % k); };
	out.add(n + "-whole", base);
	out.add(n + "-nostamps", base, false);

	// Truncations: after every suite, and after every line of a suite
	// once the first cut is past its header.
	for (std::size_t i : indices(base, Tag::SuiteResult))
		out.add(n + "-cut-after-suite" + std::to_string(base[i].suite),
			prefix(base, i + 1));
	for (std::size_t i = 2; i < base.size(); i += 2) {
		if (base[i].tag == Tag::SuiteResult)
			continue;
		out.add(n + "-cut-at-line" + std::to_string(i), prefix(base, i));
	}

	// Kernel lines interleaved: one kind at a time at several places,
	// then a mix.
	for (std::size_t k = 0; k < kKernelLines.size(); ++k) {
		Lines l = base;
		for (int j = 0; j < 3; ++j) {
			std::size_t at = 2 + pick(l.size() - 2);
			l.insert(l.begin() + static_cast<long>(at),
				 {kKernelLines[k].first, Tag::Kernel, -1, kKernelLines[k].second});
		}
		out.add(n + "-kernel" + std::to_string(k), l);
	}
	{
		Lines l = base;
		for (std::size_t i = l.size(); i-- > 1;) {
			const auto &kl = kKernelLines[pick(kKernelLines.size())];
			l.insert(l.begin() + static_cast<long>(i),
				 {kl.first, Tag::Kernel, -1, kl.second});
		}
		out.add(n + "-kernel-everywhere", l);
	}

	// Missing plans: the top level's, and each suite's.
	auto plans = indices(base, Tag::Plan);
	for (std::size_t k = 0; k < plans.size(); ++k)
		out.add(n + "-noplan" + std::to_string(k), without(base, plans[k]));

	// A case without its result line (one per suite), and an oops
	// in place of it, the log going on or ending there.
	auto results = indices(base, Tag::Result);
	for (std::size_t k = 0; k < results.size(); k += 2) {
		std::size_t at = results[k];
		out.add(n + "-noresult" + std::to_string(k), without(base, at));
		Lines l = base;
		l.erase(l.begin() + static_cast<long>(at));
		std::size_t pos = at;
		for (const auto &o : kOops)
			l.insert(l.begin() + static_cast<long>(pos++), {o, Tag::Kernel, -1, true});
		out.add(n + "-oops-resumes" + std::to_string(k), l);
		Lines cut = prefix(l, pos);
		cut.push_back(
			{"Kernel panic - not syncing: Fatal exception", Tag::Kernel, -1, true});
		out.add(n + "-oops-dies" + std::to_string(k), cut);
	}

	// Totals and stats lines gone, a suite's result gone.
	Lines nototals = base;
	std::erase_if(nototals, [](const Line &l) { return l.tag == Tag::Totals; });
	out.add(n + "-nototals", nototals);
	Lines nostats = nototals;
	std::erase_if(nostats, [](const Line &l) { return l.tag == Tag::Stats; });
	out.add(n + "-nostats", nostats);
	auto suites = indices(base, Tag::SuiteResult);
	for (std::size_t k = 0; k < suites.size(); ++k)
		out.add(n + "-nosuiteresult" + std::to_string(k), without(base, suites[k]));

	// Result lines edited: renumbered, renamed, failed, directives in
	// lower case or as TODO.
	if (!results.empty()) {
		std::size_t at = results[pick(results.size())];
		Lines l = base;
		std::size_t sp = l[at].text.find("ok ") + 3;
		l[at].text.replace(sp, l[at].text.find(' ', sp) - sp, "9");
		out.add(n + "-renumbered", l);
		l = base;
		l[at].text += "_renamed";
		out.add(n + "-case-renamed", l);
		l = base;
		l[suites[0]].text += "_renamed";
		out.add(n + "-suite-renamed", l);
		l = base;
		for (auto &x : l)
			if (x.tag == Tag::Result && x.text.find(" # SKIP") != std::string::npos)
				x.text.replace(x.text.find(" # SKIP"), 7, " # skip");
		out.add(n + "-skip-lowercase", l);
		l = base;
		l[at].text += " # TODO not yet";
		out.add(n + "-todo", l);
	}

	// A console stop marker inside the run, and a TAP 14 header.
	Lines stop = base;
	stop.insert(stop.begin() + static_cast<long>(base.size() / 2),
		    {"reboot: System halted", Tag::Kernel, -1, true});
	out.add(n + "-halted-midway", stop);
	Lines tap = base;
	tap[0].text = "TAP version 14";
	out.add(n + "-tap14", tap);
}

} // namespace

std::vector<Item> fixtures(const std::string &root)
{
	std::vector<Item> out;
	const std::pair<const char *, const char *> dirs[] = {
		{"harness/tests/fixtures", "fixture-"}, {"scripts/tests/splat", "splat-"}};
	for (const auto &[dir, tag] : dirs) {
		std::vector<std::filesystem::path> paths;
		for (const auto &e : std::filesystem::directory_iterator(root + "/" + dir))
			if (e.path().extension() == ".log")
				paths.push_back(e.path());
		std::sort(paths.begin(), paths.end());
		for (const auto &p : paths) {
			std::string text;
			if (!pvh::read_file(p.string(), text))
				continue;
			std::erase(text, '\r');
			// A domU column's log: the judge parses the domU's console.
			if (text.find("\nPVOPS-DOMU: ") != std::string::npos)
				text = pvh::split_dom0_log(pvh::splat::log_lines(text)).domu;
			out.push_back({tag + p.stem().string(), std::move(text)});
		}
	}
	return out;
}

std::vector<Item> generate()
{
	Builder b;
	std::mt19937 rng(12);
	for (const Base &base : bases())
		mutate(b, base, rng);
	return std::move(b.items);
}

std::vector<Item> all(const std::string &root)
{
	std::vector<Item> out = fixtures(root);
	for (auto &i : generate())
		out.push_back(std::move(i));
	return out;
}

std::string hash(std::string_view text)
{
	std::uint64_t h = 0xcbf29ce484222325ull;
	for (unsigned char c : text) {
		h ^= c;
		h *= 0x100000001b3ull;
	}
	char buf[17];
	std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
	return buf;
}

} // namespace ktap_corpus
