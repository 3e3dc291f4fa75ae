// SPDX-License-Identifier: GPL-2.0
// The JSON report: the same content as the Markdown one, for tools.
#include "report.hpp"

namespace pvh {
namespace {

json::Value pairs(const bench::Pairs &p)
{
	json::Value o = json::Value::object();
	for (const auto &[k, v] : p)
		o.set(k, v);
	return o;
}

json::Value opt(std::optional<double> v)
{
	return v ? json::Value(*v) : json::Value();
}

json::Value kunit_json(const Boot &b)
{
	json::Value k = json::Value::object();
	k.set("verdict", ktap::verdict_name(ktap::verdict(b.ktap)));
	json::Value suites = json::Value::array();
	for (const auto &d : b.ktap.documents) {
		for (const auto &s : d.root.subtests) {
			ktap::Counts c = ktap::count_subtests(s);
			json::Value o = json::Value::object();
			o.set("name", s.name);
			o.set("verdict", ktap::verdict_name(ktap::verdict(s)));
			o.set("pass", c.pass);
			o.set("fail", c.fail);
			o.set("skip", c.skip);
			o.set("crashed", c.crashed);
			o.set("missing", c.missing);
			o.set("line", s.line);
			suites.push(std::move(o));
		}
	}
	k.set("suites", std::move(suites));
	json::Value problems = json::Value::array();
	for (const auto &p : b.ktap.problems)
		problems.push("line " + std::to_string(p.line) + ": " + p.message);
	k.set("problems", std::move(problems));
	return k;
}

} // namespace

json::Value report_json(const ReportInput &in)
{
	json::Value root = json::Value::object();
	root.set("format", "pvops-bench-report");
	root.set("version", 1);
	root.set("bench_spec", in.info.bench_spec);
	root.set("deterministic", in.info.deterministic);
	root.set("repeats", in.info.repeats);
	json::Value cols = json::Value::array();
	for (const auto &c : in.info.columns)
		cols.push(c);
	root.set("columns", std::move(cols));

	json::Value boots = json::Value::array();
	for (const auto &b : in.boots) {
		json::Value o = json::Value::object();
		o.set("column", b.column);
		o.set("repeat", b.repeat);
		o.set("log", b.log());
		o.set("boot_sh_exit", b.exit_code);
		o.set("boot_status", b.boot_status);
		o.set("seconds", b.seconds);
		o.set("inputs", b.inputs);
		o.set("kunit", kunit_json(b));
		json::Value pb = json::Value::object();
		pb.set("state", bench::state_name(bench::state(b.bench)));
		pb.set("mode", b.bench.mode);
		pb.set("cpus", b.bench.cpus);
		pb.set("hypercall_source", b.bench.hypercall_source.empty()
						   ? json::Value()
						   : json::Value(b.bench.hypercall_source));
		json::Value recs = json::Value::array();
		for (const auto &r : b.bench.records)
			recs.push(bench::record_to_json(r));
		pb.set("records", std::move(recs));
		o.set("pvbench", std::move(pb));
		json::Value probs = json::Value::array();
		for (const auto &p : boot_problems(b, !in.info.bench_spec.empty()))
			probs.push(p);
		o.set("problems", std::move(probs));
		boots.push(std::move(o));
	}
	root.set("boots", std::move(boots));

	json::Value rows = json::Value::array();
	for (const auto &row : in.table.rows) {
		json::Value o = json::Value::object();
		o.set("class", row.klass);
		o.set("name", row.name);
		o.set("metric", row.metric);
		json::Value cells = json::Value::object();
		for (const auto &c : in.info.columns) {
			auto it = row.cells.find(c);
			if (it == row.cells.end()) {
				cells.set(c, json::Value());
				continue;
			}
			const Cell &cell = it->second;
			json::Value x = json::Value::object();
			x.set("status", cell.status);
			if (cell.status == "ok") {
				x.set("median", cell.median);
				x.set("mean", cell.mean);
				x.set("p99", cell.p99);
				x.set("min", cell.min);
				x.set("runs", cell.runs);
				x.set("hypercalls_per_op",
				      cell.hypercalls ? pairs(*cell.hypercalls) : json::Value());
			} else {
				x.set("reason", cell.reason);
			}
			if (c != "native")
				x.set("ratio_to_native", opt(ratio(row, c)));
			cells.set(c, std::move(x));
		}
		o.set("columns", std::move(cells));
		rows.push(std::move(o));
	}
	root.set("benchmarks", std::move(rows));

	json::Value per_class = json::Value::object();
	for (const auto &k : classes(in.table)) {
		json::Value o = json::Value::object();
		for (const auto &c : in.info.columns)
			if (c != "native")
				o.set(c, opt(class_ratio(in.table, k, c)));
		per_class.set(k, std::move(o));
	}
	root.set("class_ratios", std::move(per_class));

	if (in.repeat) {
		json::Value r = json::Value::object();
		r.set("repeats", in.repeat->repeats);
		r.set("max_relative_deviation", in.repeat->max_relative());
		r.set("tolerance", in.info.tolerance);
		r.set("within_tolerance", in.repeat->max_relative() <= in.info.tolerance);
		json::Value devs = json::Value::array();
		for (const auto &d : in.repeat->deviations) {
			json::Value o = json::Value::object();
			o.set("column", d.column);
			o.set("name", d.name);
			o.set("figure", d.figure);
			o.set("min", d.min);
			o.set("max", d.max);
			o.set("relative", d.relative);
			devs.push(std::move(o));
		}
		r.set("deviations", std::move(devs));
		root.set("repeatability", std::move(r));
	} else {
		root.set("repeatability", json::Value());
	}
	return root;
}

} // namespace pvh
