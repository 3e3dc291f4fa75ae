// SPDX-License-Identifier: GPL-2.0
#include "cost.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "console.hpp"

namespace pvh::cost {
namespace {

using nlohmann::json;
using Cells = std::map<Key, double>;

std::string format(const char *f, ...) __attribute__((format(printf, 1, 2)));
std::string format(const char *f, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, f);
	std::vsnprintf(buf, sizeof buf, f, ap);
	va_end(ap);
	return buf;
}

// The member `key` of object `o` with the type `want` accepts, or nullptr
// with the error naming where it is missing.
const json *member(const json &o, const char *key, bool (json::*want)() const, const char *type,
		   const std::string &where, std::string &error)
{
	auto it = o.find(key);
	if (it == o.end() || !((*it).*want)()) {
		error = "no " + std::string(type) + " '" + key + "' in " + where;
		return nullptr;
	}
	return &*it;
}

bool read_benchmark(const json &b, Report &r, std::string &error)
{
	const json *name = member(b, "name", &json::is_string, "string", "a benchmark", error);
	if (!name)
		return false;
	std::string where = "benchmark " + name->get<std::string>();
	const json *metric = member(b, "metric", &json::is_string, "string", where, error);
	const json *cols =
		metric ? member(b, "columns", &json::is_object, "object", where, error) : nullptr;
	if (!cols)
		return false;
	r.metric[*name] = *metric;
	for (const auto &[col, cell] : cols->items()) {
		if (cell.is_null()) // the column has no record
			continue;
		std::string at = where + ", column " + col;
		const json *status = cell.is_object() ? member(cell, "status", &json::is_string,
							       "string", at, error)
						      : nullptr;
		if (!status) {
			if (!cell.is_object())
				error = "column " + col + " of " + where + " is not an object";
			return false;
		}
		if (*status != "ok")
			continue;
		const json *median = member(cell, "median", &json::is_number, "number", at, error);
		if (!median)
			return false;
		auto hc = cell.find("hypercalls_per_op");
		if (hc == cell.end() || !(hc->is_null() || hc->is_object())) {
			error = "no object or null 'hypercalls_per_op' in " + at;
			return false;
		}
		Key key{*name, col};
		if (median->get<double>() != 0)
			r.median[key] = *median;
		if (hc->is_object()) {
			// All classes: the guest's "total" (rounded on its own, so
			// not the sum of the rounded classes), else their sum.
			double sum = 0;
			std::optional<double> total;
			for (const auto &[klass, n] : hc->items()) {
				if (!n.is_number()) {
					error = "hypercalls_per_op " + klass + " in " + at +
						" is not a number";
					return false;
				}
				if (klass == "total")
					total = n.get<double>();
				else
					sum += n.get<double>();
			}
			r.hypercalls[key] = total.value_or(sum);
		}
	}
	return true;
}

double pct(double x, double base)
{
	return base != 0 ? 100.0 * (x - base) / base : 0.0;
}

double geomean_pct(const std::vector<double> &deltas)
{
	if (deltas.empty())
		return 0.0;
	double log_sum = 0;
	for (double d : deltas)
		log_sum += std::log(1 + d / 100.0);
	return 100.0 * (std::exp(log_sum / deltas.size()) - 1);
}

// Per (benchmark, column), the least median over the boots.
Cells least_of_boots(const std::vector<Report> &boots)
{
	Cells out;
	for (const auto &r : boots)
		for (const auto &[k, v] : r.median) {
			auto it = out.find(k);
			if (it == out.end() || v < it->second)
				out[k] = v;
		}
	return out;
}

// How far the boots of one kernel differ on one op, in percent.
double boot_spread(const std::vector<Report> &boots, const Key &key)
{
	std::vector<double> vals;
	for (const auto &r : boots)
		if (auto it = r.median.find(key); it != r.median.end())
			vals.push_back(it->second);
	if (vals.empty())
		return 0.0;
	auto [lo, hi] = std::minmax_element(vals.begin(), vals.end());
	return pct(*hi, *lo);
}

// The largest |cells - base| over keys, in percent of base.
double largest_dev(const Cells &cells, const Cells &base, const std::vector<Key> &keys)
{
	double m = 0.0;
	for (const auto &k : keys)
		m = std::max(m, std::abs(pct(cells.at(k), base.at(k))));
	return m;
}

struct Judge {
	const Input &in;
	std::ostream &out;
	std::vector<std::string> columns;	   // the matrix' order, from the reports
	std::map<std::string, std::string> metric; // benchmark -> metric, over all reports

	explicit Judge(const Input &i, std::ostream &o) : in(i), out(o)
	{
		for (const auto *boots : {&in.base, &in.off, &in.placebo, &in.on, &in.on_off,
					  &in.events, &in.events_off, &in.xentrace})
			for (const auto &r : *boots) {
				for (const auto &c : r.columns)
					if (std::find(columns.begin(), columns.end(), c) ==
					    columns.end())
						columns.push_back(c);
				for (const auto &[name, m] : r.metric)
					metric[name] = m;
			}
	}

	bool is_time(const Key &k) const
	{
		auto it = metric.find(k.first);
		return it == metric.end() || it->second == "time";
	}

	// The keys of cells, by benchmark, then in the matrix' order.
	std::vector<Key> order(const Cells &cells) const
	{
		std::vector<Key> keys;
		for (const auto &[k, v] : cells)
			keys.push_back(k);
		auto index = [&](const std::string &c) {
			return std::find(columns.begin(), columns.end(), c) - columns.begin();
		};
		std::stable_sort(keys.begin(), keys.end(), [&](const Key &a, const Key &b) {
			return a.first != b.first ? a.first < b.first
						  : index(a.second) < index(b.second);
		});
		return keys;
	}

	static std::vector<Key> in_column(const std::vector<Key> &keys, const std::string &col)
	{
		std::vector<Key> out;
		for (const auto &k : keys)
			if (k.second == col)
				out.push_back(k);
		return out;
	}

	// One column's verdict on its time ops, "met", "met, layout" or
	// "MISSED", and the ops outside the target.
	static std::string off_verdict(const std::vector<Key> &keys, const Cells &base,
				       const Cells &off, const Cells *placebo,
				       std::vector<Key> &outside)
	{
		for (const auto &k : keys)
			if (std::abs(pct(off.at(k), base.at(k))) > kOffLimit)
				outside.push_back(k);
		if (keys.empty())
			return "MISSED";
		if (outside.empty())
			return "met";
		if (placebo && largest_dev(off, *placebo, outside) <= kOffLimit)
			return "met, layout";
		return "MISSED";
	}

	bool off_vs_base()
	{
		Cells base = least_of_boots(in.base), off = least_of_boots(in.off);
		std::optional<Cells> placebo;
		if (!in.placebo.empty())
			placebo = least_of_boots(in.placebo);
		out << "accounting compiled in, off, against the kernel without it (guest "
		       "instructions per op, the least median of "
		    << in.base.size() << "/" << in.off.size()
		    << (placebo ? "/" + std::to_string(in.placebo.size()) : "")
		    << " boots of each kernel)\n";
		std::string head = format("%-28s %-8s %11s %11s %9s", "benchmark", "boot", "base",
					  "off", "off-base");
		if (placebo)
			head += format(" %13s %12s", "placebo-base", "off-placebo");
		out << head << format(" %7s", "boots") << "\n";
		std::vector<Key> present;
		for (const auto &k : order(base)) {
			double b = base.at(k);
			if (!off.count(k) || (placebo && !placebo->count(k))) {
				out << format("%-28s %-8s %11.0f %11s\n", k.first.c_str(),
					      k.second.c_str(), b, "missing");
				continue;
			}
			present.push_back(k);
			double o = off.at(k);
			std::string line =
				format("%-28s %-8s %11.0f %11.0f %+8.3f%%", k.first.c_str(),
				       k.second.c_str(), b, o, pct(o, b));
			if (placebo) {
				double p = placebo->at(k);
				line += format(" %+12.3f%% %+11.3f%%", pct(p, b), pct(o, p));
			}
			double spread = 0;
			for (const auto *boots : {&in.base, &in.off, &in.placebo})
				if (!boots->empty())
					spread = std::max(spread, boot_spread(*boots, k));
			out << line << format(" %6.2f%%", spread) << "\n";
		}
		out << "\nboots: how far the boots of one kernel differ (the largest over the "
		       "kernels); placebo: the base kernel with as much code as accounting adds, "
		       "never called\n";
		bool met = true;
		for (const auto &col : columns) {
			std::vector<Key> keys, wakeups;
			for (const auto &k : in_column(present, col))
				(is_time(k) ? keys : wakeups).push_back(k);
			int same = 0;
			for (const auto &k : keys)
				same += off.at(k) == base.at(k);
			std::vector<Key> outside;
			const Cells *p = placebo ? &*placebo : nullptr;
			std::string verdict = off_verdict(keys, base, off, p, outside);
			met = met && verdict != "MISSED";
			std::string line = format("%-8s off vs base: %d of %zu time ops identical, "
						  "largest |off-base| "
						  "%.3f%%",
						  col.c_str(), same, keys.size(),
						  largest_dev(off, base, keys));
			if (placebo)
				line += format(", |placebo-base| %.3f%%, |off-placebo| %.3f%%",
					       largest_dev(*placebo, base, keys),
					       largest_dev(off, *placebo, keys));
			line += format(" (target %g%%: ", kOffLimit) + verdict;
			if (!outside.empty()) {
				line += ":";
				for (const auto &k : outside)
					line += " " + k.first;
				line += verdict == "met, layout" ? " moved as far with the placebo"
								 : " outside it";
			}
			line += ")";
			if (!wakeups.empty())
				line += format("; wakeups: largest |off-base| %.3f%%",
					       largest_dev(off, base, wakeups));
			out << line << "\n";
		}
		return met;
	}

	// Hypercalls per op over the boots that counted them (their mean);
	// nullopt when none did.
	static std::optional<double> hypercalls(const std::vector<Report> &boots, const Key &k)
	{
		double sum = 0;
		int n = 0;
		for (const auto &r : boots)
			if (auto it = r.hypercalls.find(k); it != r.hypercalls.end())
				sum += it->second, ++n;
		return n ? std::optional<double>(sum / n) : std::nullopt;
	}

	// One tool switched on against off, across boots: the table per op and
	// column, and per column a line; hypercalls per op from hc_boots.
	// With judged, a Xen column must stay within kOnLimit and count no
	// hypercall while off (the accounting); else the figures are shown.
	struct Arm {
		const char *title;   // what is compared, one line
		const char *on_name; // the "on" column's heading
		const std::vector<Report> &on, &off, &hc_boots;
		bool judged;
	};

	bool on_against_off(const Arm &arm)
	{
		Cells off = least_of_boots(arm.off), on = least_of_boots(arm.on);
		out << "\n"
		    << arm.title << " (guest instructions per op, the least median of "
		    << arm.on.size() << "/" << arm.off.size() << " boots of each)\n";
		out << format("%-28s %-8s %-9s %11s %11s %9s %7s %8s %9s\n", "benchmark", "boot",
			      "metric", "off", arm.on_name, "on-off", "boots", "hc/op", "added/hc");
		std::vector<Key> present;
		for (const auto &k : order(off)) {
			const std::string m = metric.count(k.first) ? metric.at(k.first) : "time";
			if (!on.count(k)) {
				out << format("%-28s %-8s %-9s %11.1f %11s\n", k.first.c_str(),
					      k.second.c_str(), m.c_str(), off.at(k), "missing");
				continue;
			}
			present.push_back(k);
			auto hc = hypercalls(arm.hc_boots, k);
			std::string added = format("%9s", "-"), per_op = format("%8s", "n/a");
			if (hc)
				per_op = format("%8.2f", *hc);
			if (hc && *hc > 0)
				added = format("%9.1f", (on.at(k) - off.at(k)) / *hc);
			double spread = std::max(boot_spread(arm.on, k), boot_spread(arm.off, k));
			out << format("%-28s %-8s %-9s %11.1f %11.1f %+8.3f%% %6.2f%% ",
				      k.first.c_str(), k.second.c_str(), m.c_str(), off.at(k),
				      on.at(k), pct(on.at(k), off.at(k)), spread)
			    << per_op << " " << added << "\n";
		}
		out << "\nboots: how far the boots of one kernel and setting differ (the larger of "
		       "on and off); hc/op: hypercalls per op counted in the boots with accounting "
		       "on; added/hc: guest instructions added per such hypercall\n";
		bool met_all = true;
		for (const auto &col : columns) {
			std::vector<Key> timed, wakeups;
			for (const auto &k : in_column(present, col))
				(is_time(k) ? timed : wakeups).push_back(k);
			if (!arm.judged && timed.empty() && wakeups.empty())
				continue;
			std::vector<double> deltas, per_hc;
			double worst = 0.0;
			std::string worst_name = "-";
			for (const auto &k : timed) {
				double d = pct(on.at(k), off.at(k));
				deltas.push_back(d);
				if (worst_name == "-" || d > worst)
					worst = d, worst_name = k.first;
				auto hc = hypercalls(arm.hc_boots, k);
				if (hc && *hc >= 1)
					per_hc.push_back((on.at(k) - off.at(k)) / *hc);
			}
			std::sort(per_hc.begin(), per_hc.end());
			std::vector<std::string> leaked;
			for (const auto &k : in_column(present, col)) {
				bool counted = false;
				for (const auto &r : arm.off)
					if (auto it = r.hypercalls.find(k);
					    it != r.hypercalls.end())
						counted = counted || it->second > 0;
				if (counted)
					leaked.push_back(k.first);
			}
			bool native = col == "native";
			bool met =
				!timed.empty() && (native || worst <= kOnLimit) && leaked.empty();
			if (arm.judged)
				met_all = met_all && met;
			std::string line =
				format("%-8s %s vs off: largest %+.3f%% (%s), geometric "
				       "mean %+.3f%% over %zu time ops",
				       col.c_str(), arm.on_name, worst, worst_name.c_str(),
				       geomean_pct(deltas), timed.size());
			if (!per_hc.empty())
				line += format("; added per hypercall (ops with 1 or more) %.1f to "
					       "%.1f instructions, median %.1f",
					       per_hc.front(), per_hc.back(),
					       per_hc[per_hc.size() / 2]);
			if (arm.judged && !native)
				line += format(" (target %.1f%%: %s)", kOnLimit,
					       met ? "met" : "MISSED");
			if (!wakeups.empty()) {
				double w = -INFINITY;
				for (const auto &k : wakeups)
					w = std::max(w, pct(on.at(k), off.at(k)));
				line += format("; wakeups (overshoot, lateness) largest %+.3f%%",
					       w);
			}
			if (!leaked.empty()) {
				line += "; counted while off:";
				for (const auto &n : leaked)
					line += " " + n;
			}
			out << line << "\n";
		}
		return met_all;
	}

	bool on_vs_off()
	{
		return on_against_off({"accounting on against off, the full kernel booted with "
				       "xen_hypercall_stats=on and xen_hypercall_stats=off",
				       "on", in.on, in.on_off, in.on, true});
	}

	// Shown, not judged: what the xen trace events cost when enabled.
	void events_vs_off()
	{
		on_against_off({"xen trace events enabled against not, the full kernel built with "
				"trace events, booted with trace_event=xen:* and without; "
				"accounting off in both",
				"events", in.events, in.events_off, in.on, false});
	}

	// Shown, not judged: what xentrace recording in dom0 costs the traced
	// domain.
	void xentrace_vs_off()
	{
		on_against_off({"xentrace recording against not, the full kernel booted as a Xen "
				"dom0 with xentrace recording hypercalls and scheduling while "
				"the benchmarks run, against its boots without; accounting off in "
				"both",
				"xentrace", in.xentrace, in.on_off, in.on, false});
	}

	// "LABEL: " and the last line of a textcmp output.
	void code_line(const char *label, const std::string &path)
	{
		if (path.empty())
			return;
		std::string text, last;
		if (read_file(path, text)) {
			std::istringstream lines(text);
			for (std::string l; std::getline(lines, l);)
				if (l.find_first_not_of(" \t\r") != std::string::npos)
					last = l;
		}
		if (last.empty())
			out << label << ": no comparison in " << path << "\n";
		else
			out << label << ": " << last.substr(last.find_first_not_of(" \t")) << "\n";
	}
};

} // namespace

std::optional<Report> parse_report(const std::string &text, const std::string &path,
				   std::string &error)
{
	json doc = json::parse(text, nullptr, false);
	if (doc.is_discarded() || !doc.is_object()) {
		error = "report " + path + " is not a JSON object";
		return std::nullopt;
	}
	Report r;
	r.path = path;
	std::string where = "report " + path;
	const json *det = member(doc, "deterministic", &json::is_boolean, "boolean", where, error);
	if (det && !det->get<bool>())
		error = path +
			" was not run in deterministic mode (pvharness bench --deterministic)";
	const json *cols = det && *det
				   ? member(doc, "columns", &json::is_array, "array", where, error)
				   : nullptr;
	const json *benches =
		cols ? member(doc, "benchmarks", &json::is_array, "array", where, error) : nullptr;
	if (!benches)
		return std::nullopt;
	for (const auto &c : *cols) {
		if (!c.is_string()) {
			error = "a column of " + where + " is not a string";
			return std::nullopt;
		}
		r.columns.push_back(c);
	}
	for (const auto &b : *benches) {
		if (!b.is_object() || !read_benchmark(b, r, error)) {
			if (!b.is_object())
				error = "a benchmark that is not an object";
			error = where + ": " + error;
			return std::nullopt;
		}
	}
	return r;
}

std::optional<Report> read_report(const std::string &path, std::string &error)
{
	std::string text;
	if (!read_file(path, text)) {
		error = "cannot read report " + path + ": " + std::strerror(errno);
		return std::nullopt;
	}
	return parse_report(text, path, error);
}

int judge(const Input &in, std::ostream &out)
{
	Judge j(in, out);
	bool met = j.off_vs_base();
	if (!in.on.empty() || !in.on_off.empty())
		met = j.on_vs_off() && met;
	if (!in.events.empty())
		j.events_vs_off();
	if (!in.xentrace.empty())
		j.xentrace_vs_off();
	j.code_line("code", in.code);
	j.code_line("placebo code", in.placebo_code);
	if (!in.layout.empty())
		out << "layout: " << in.layout << "\n";
	return met ? 0 : 1;
}

} // namespace pvh::cost
