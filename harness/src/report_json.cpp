// SPDX-License-Identifier: GPL-2.0
// The JSON report: the same content as the Markdown one, for tools.
#include "report.hpp"

namespace pvh {

using bench::Json;

namespace {

Json pairs(const bench::Pairs &p)
{
	Json o = Json::object();
	for (const auto &[k, v] : p)
		o[k] = v;
	return o;
}

Json opt(std::optional<double> v)
{
	return v ? Json(*v) : Json();
}

Json kunit_json(const Boot &b)
{
	Json k = Json::object();
	k["verdict"] = ktap::verdict_name(ktap::verdict(b.ktap));
	Json suites = Json::array();
	for (const auto &d : b.ktap.documents) {
		for (const auto &s : d.root.subtests) {
			ktap::Counts c = ktap::count_subtests(s);
			Json o = Json::object();
			o["name"] = s.name;
			o["verdict"] = ktap::verdict_name(ktap::verdict(s));
			o["pass"] = c.pass;
			o["fail"] = c.fail;
			o["skip"] = c.skip;
			o["crashed"] = c.crashed;
			o["missing"] = c.missing;
			o["line"] = s.line;
			suites.push_back(std::move(o));
		}
	}
	k["suites"] = std::move(suites);
	Json problems = Json::array();
	for (const auto &p : b.ktap.problems)
		problems.push_back("line " + std::to_string(p.line) + ": " + p.message);
	k["problems"] = std::move(problems);
	return k;
}

} // namespace

Json report_json(const ReportInput &in)
{
	Json root = Json::object();
	root["format"] = "pvops-bench-report";
	root["version"] = 1;
	root["bench_spec"] = in.info.bench_spec;
	root["deterministic"] = in.info.deterministic;
	root["repeats"] = in.info.repeats;
	Json cols = Json::array();
	for (const auto &c : in.info.columns)
		cols.push_back(c);
	root["columns"] = std::move(cols);

	Json boots = Json::array();
	for (const auto &b : in.boots) {
		Json o = Json::object();
		o["column"] = b.column;
		o["repeat"] = b.repeat;
		o["log"] = b.log();
		o["judge_exit"] = b.exit_code;
		o["boot_status"] = b.boot_status;
		o["seconds"] = b.seconds;
		o["inputs"] = b.inputs;
		o["kunit"] = kunit_json(b);
		Json pb = Json::object();
		pb["state"] = bench::state_name(bench::state(b.bench));
		pb["mode"] = b.bench.mode;
		pb["cpus"] = b.bench.cpus;
		pb["hypercall_source"] =
			b.bench.hypercall_source.empty() ? Json() : Json(b.bench.hypercall_source);
		Json recs = Json::array();
		for (const auto &r : b.bench.records)
			recs.push_back(bench::record_to_json(r));
		pb["records"] = std::move(recs);
		o["pvbench"] = std::move(pb);
		Json probs = Json::array();
		for (const auto &p : boot_problems(b, !in.info.bench_spec.empty()))
			probs.push_back(p);
		o["problems"] = std::move(probs);
		boots.push_back(std::move(o));
	}
	root["boots"] = std::move(boots);

	Json rows = Json::array();
	for (const auto &row : in.table.rows) {
		Json o = Json::object();
		o["class"] = row.klass;
		o["name"] = row.name;
		o["metric"] = row.metric;
		Json cells = Json::object();
		for (const auto &c : in.info.columns) {
			auto it = row.cells.find(c);
			if (it == row.cells.end()) {
				cells[c] = Json();
				continue;
			}
			const Cell &cell = it->second;
			Json x = Json::object();
			x["status"] = cell.status;
			if (cell.status == "ok") {
				x["median"] = cell.median;
				x["mean"] = cell.mean;
				x["p99"] = cell.p99;
				x["min"] = cell.min;
				x["runs"] = cell.runs;
				x["hypercalls_per_op"] =
					cell.hypercalls ? pairs(*cell.hypercalls) : Json();
			} else {
				x["reason"] = cell.reason;
			}
			if (c != "native")
				x["ratio_to_native"] = opt(ratio(row, c));
			cells[c] = std::move(x);
		}
		o["columns"] = std::move(cells);
		rows.push_back(std::move(o));
	}
	root["benchmarks"] = std::move(rows);

	Json per_class = Json::object();
	for (const auto &k : classes(in.table)) {
		Json o = Json::object();
		for (const auto &c : in.info.columns)
			if (c != "native")
				o[c] = opt(class_ratio(in.table, k, c));
		per_class[k] = std::move(o);
	}
	root["class_ratios"] = std::move(per_class);

	if (in.repeat) {
		Json r = Json::object();
		r["repeats"] = in.repeat->repeats;
		r["max_relative_deviation"] = in.repeat->max_relative();
		r["tolerance"] = in.info.tolerance;
		r["within_tolerance"] = in.repeat->max_relative() <= in.info.tolerance;
		Json devs = Json::array();
		for (const auto &d : in.repeat->deviations) {
			Json o = Json::object();
			o["column"] = d.column;
			o["name"] = d.name;
			o["figure"] = d.figure;
			o["min"] = d.min;
			o["max"] = d.max;
			o["relative"] = d.relative;
			devs.push_back(std::move(o));
		}
		r["deviations"] = std::move(devs);
		root["repeatability"] = std::move(r);
	} else {
		root["repeatability"] = Json();
	}
	return root;
}

std::string report_json_text(const ReportInput &in)
{
	return report_json(in).dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

} // namespace pvh
