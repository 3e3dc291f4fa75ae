// SPDX-License-Identifier: GPL-2.0
// The Markdown report.
#include <cstdio>
#include <sstream>

#include "report.hpp"

namespace pvh {
namespace {

std::string kunit_cell(const Boot &b, const std::string &suite)
{
	const ktap::Test *t = find_suite(b, suite);
	if (!t)
		return b.log_read && !b.ktap.documents.empty() ? "absent" : "-";
	ktap::Counts c = count_subtests(*t);
	std::string out = ktap::verdict_name(ktap::verdict(*t));
	out += " " + std::to_string(c.pass) + "/" + std::to_string(c.total());
	if (c.fail)
		out += ", " + std::to_string(c.fail) + " fail";
	if (c.skip)
		out += ", " + std::to_string(c.skip) + " skip";
	if (c.crashed)
		out += ", " + std::to_string(c.crashed) + " crashed";
	if (c.missing)
		out += ", " + std::to_string(c.missing) + " missing";
	return out;
}

std::string kunit_summary(const Boot &b)
{
	if (!b.log_read)
		return "no log";
	ktap::Counts all = ktap::count_cases(b.ktap);
	std::string out = ktap::verdict_name(ktap::verdict(b.ktap));
	out += " (" + std::to_string(all.pass) + " pass, " + std::to_string(all.fail) + " fail, " +
	       std::to_string(all.skip) + " skip";
	if (all.crashed || all.missing)
		out += ", " + std::to_string(all.crashed + all.missing) + " crashed/missing";
	return out + ")";
}

std::string bench_summary(const Boot &b)
{
	bench::State s = bench::state(b.bench);
	if (s == bench::State::NotRun)
		return "not run";
	int ok = 0, skipped = 0, failed = 0;
	for (const auto &r : b.bench.records)
		(r.status == "ok" ? ok : r.status == "skipped" ? skipped : failed)++;
	return std::string(bench::state_name(s)) + " (" + std::to_string(ok) + " ok, " +
	       std::to_string(skipped) + " skipped, " + std::to_string(failed) + " failed)";
}

std::string cell_text(const Row &row, const std::string &column)
{
	auto it = row.cells.find(column);
	if (it == row.cells.end())
		return "-";
	const Cell &c = it->second;
	if (c.status != "ok")
		return c.status;
	return format_ns(c.median);
}

} // namespace

std::string report_markdown(const ReportInput &in)
{
	std::ostringstream md;
	const auto &cols = in.info.columns;
	md << "# pvops benchmark report\n\n";
	md << "One bzImage booted " << cols.size() << " way(s) under QEMU"
	   << (in.info.deterministic ? " in deterministic mode (-icount shift=0,sleep=off: guest "
				       "time counts instructions)"
				     : " (software emulation: times are emulated time, compare "
				       "ratios, not absolute figures)")
	   << "; " << in.info.repeats << " repeat(s)";
	if (!in.info.bench_spec.empty())
		md << "; kernel argument `pvops.bench=" << in.info.bench_spec << "`";
	md << ".\n\n";

	md << "## Boots\n\n| column | repeat | judge | KUnit | pvbench | seconds | log |\n";
	md << "|---|---|---|---|---|---|---|\n";
	for (const auto &b : in.boots) {
		char secs[32];
		std::snprintf(secs, sizeof(secs), "%.1f", b.seconds);
		md << "| " << column_label(b.column) << " | " << b.repeat << " | "
		   << (b.boot_status.empty() ? "-" : b.boot_status) << " | " << kunit_summary(b)
		   << " | " << bench_summary(b) << " | " << secs << " | `" << b.log() << "` |\n";
	}

	md << "\n## KUnit per suite\n\nVerdict and passed/total cases per boot.\n\n| suite |";
	for (const auto &b : in.boots)
		md << " " << column_label(b.column)
		   << (in.info.repeats > 1 ? " #" + std::to_string(b.repeat) : "") << " |";
	md << "\n|---|";
	for (std::size_t i = 0; i < in.boots.size(); ++i)
		md << "---|";
	md << "\n";
	for (const auto &s : suite_names(in.boots)) {
		md << "| " << s << " |";
		for (const auto &b : in.boots)
			md << " " << kunit_cell(b, s) << " |";
		md << "\n";
	}

	md << "\n## Benchmarks\n\nMedian per op";
	if (in.info.repeats > 1)
		md << " (mean over " << in.info.repeats << " repeats)";
	md << "; for `overshoot` and `lateness` the figure is how late the wakeup came. "
	      "Ratio: the column's median over native's. Hypercalls per op by class, "
	      "`n/a` when the kernel has no hypercall counters.\n\n";
	md << "| class | benchmark | metric |";
	for (const auto &c : cols)
		md << " " << column_label(c) << " |";
	for (const auto &c : cols)
		if (c != "native")
			md << " " << column_label(c) << " / native |";
	for (const auto &c : cols)
		if (c != "native")
			md << " hypercalls/op " << column_label(c) << " |";
	md << "\n|---|---|---|";
	for (std::size_t i = 0; i < cols.size(); ++i)
		md << "---:|";
	for (const auto &c : cols)
		if (c != "native")
			md << "---:|";
	for (const auto &c : cols)
		if (c != "native")
			md << "---|";
	md << "\n";
	for (const auto &row : in.table.rows) {
		md << "| " << row.klass << " | " << row.name << " | " << row.metric << " |";
		for (const auto &c : cols)
			md << " " << cell_text(row, c) << " |";
		for (const auto &c : cols)
			if (c != "native")
				md << " " << format_ratio(ratio(row, c)) << " |";
		for (const auto &c : cols) {
			if (c == "native")
				continue;
			auto it = row.cells.find(c);
			md << " "
			   << (it == row.cells.end() ? "-"
						     : format_hypercalls(it->second.hypercalls))
			   << " |";
		}
		md << "\n";
	}

	md << "\n### Per class (geometric mean of the ratios)\n\n| class |";
	for (const auto &c : cols)
		if (c != "native")
			md << " " << column_label(c) << " / native |";
	md << "\n|---|";
	for (const auto &c : cols)
		if (c != "native")
			md << "---:|";
	md << "\n";
	for (const auto &k : classes(in.table)) {
		md << "| " << k << " |";
		for (const auto &c : cols)
			if (c != "native")
				md << " " << format_ratio(class_ratio(in.table, k, c)) << " |";
		md << "\n";
	}
	md << "\n![ratios to native per operation class](ratios.svg)\n";

	bool header = false;
	for (const auto &row : in.table.rows) {
		for (const auto &[col, cell] : row.cells) {
			if (cell.status == "ok" || cell.status.empty())
				continue;
			if (!header) {
				md << "\n### Not measured\n\n";
				header = true;
			}
			md << "- " << row.name << " on " << column_label(col) << ": " << cell.status
			   << ", " << cell.reason << "\n";
		}
	}

	if (in.repeat) {
		const Repeatability &r = *in.repeat;
		char line[256];
		md << "\n## Repeatability\n\n";
		std::snprintf(
			line, sizeof(line),
			"%d repeats; largest deviation (max - min) / mean: %.3f%% (%s, %s, %s); "
			"tolerance %.2f%%: **%s**.\n\n",
			r.repeats, 100 * r.max_relative(), r.deviations.front().name.c_str(),
			column_label(r.deviations.front().column).c_str(),
			r.deviations.front().figure.c_str(), 100 * in.info.tolerance,
			r.max_relative() <= in.info.tolerance ? "within" : "EXCEEDED");
		md << line << "| column | benchmark | figure | min | max | deviation |\n";
		md << "|---|---|---|---:|---:|---:|\n";
		for (const auto &d : r.deviations) {
			std::snprintf(line, sizeof(line),
				      "| %s | %s | %s | %.1f | %.1f | %.3f%% |\n",
				      column_label(d.column).c_str(), d.name.c_str(),
				      d.figure.c_str(), d.min, d.max, 100 * d.relative);
			md << line;
		}
	}

	bool any = false;
	for (const auto &b : in.boots) {
		if (b.inputs != in.boots.front().inputs) {
			if (!any) {
				md << "\n## Problems\n\n";
				any = true;
			}
			md << "- " << column_label(b.column) << " #" << b.repeat
			   << ": booted another build than the first boot (" << b.inputs << "vs "
			   << in.boots.front().inputs << ")\n";
		}
		for (const auto &p : boot_problems(b, !in.info.bench_spec.empty())) {
			if (!any) {
				md << "\n## Problems\n\n";
				any = true;
			}
			md << "- " << column_label(b.column) << " #" << b.repeat << ": " << p
			   << " (log: `" << b.log() << "`)\n";
		}
	}
	return md.str();
}

} // namespace pvh
