// SPDX-License-Identifier: GPL-2.0
#include "pvbench_log.hpp"

namespace pvh::bench {
namespace {

constexpr std::string_view kPrefix = "PVBENCH: ";

Pairs pairs_of(const json::Value &v)
{
	Pairs out;
	for (const auto &[k, x] : v.as_object())
		if (x.is_number())
			out.emplace_back(k, x.as_number());
	return out;
}

json::Value object_of(const Pairs &pairs)
{
	json::Value o = json::Value::object();
	for (const auto &[k, v] : pairs)
		o.set(k, v);
	return o;
}

} // namespace

const char *state_name(State s)
{
	switch (s) {
	case State::NotRun:
		return "NOT RUN";
	case State::Complete:
		return "COMPLETE";
	case State::Incomplete:
		break;
	}
	return "INCOMPLETE";
}

State state(const Run &run)
{
	if (!run.begun)
		return State::NotRun;
	if (!run.ended || static_cast<int>(run.records.size()) < run.planned)
		return State::Incomplete;
	return State::Complete;
}

std::optional<Record> record_from_json(const json::Value &v, std::string &error)
{
	Record r;
	r.name = v.string_or("name", "");
	r.klass = v.string_or("class", "");
	r.status = v.string_or("status", "");
	if (r.name.empty() || r.klass.empty()) {
		error = "result record without name or class";
		return std::nullopt;
	}
	if (r.status != "ok" && r.status != "skipped" && r.status != "failed") {
		error = "result record for " + r.name + " has status '" + r.status + "'";
		return std::nullopt;
	}
	r.reason = v.string_or("reason", "");
	r.err = static_cast<int>(v.number_or("errno", 0));
	if (r.status != "ok")
		return r;
	r.metric = v.string_or("metric", "time");
	r.unit = v.string_or("unit", "ns");
	const std::pair<const char *, double *> numbers[] = {{"iterations", &r.iterations},
							     {"samples", &r.samples},
							     {"mean", &r.mean},
							     {"median", &r.median},
							     {"p99", &r.p99},
							     {"min", &r.min},
							     {"max", &r.max}};
	for (const auto &[key, dest] : numbers) {
		const json::Value *x = v.find(key);
		if (!x || !x->is_number()) {
			error = "result record for " + r.name + " lacks the number '" + key + "'";
			return std::nullopt;
		}
		*dest = x->as_number();
	}
	if (const json::Value *p = v.find("params"); p && p->is_object())
		r.params = pairs_of(*p);
	if (const json::Value *h = v.find("hypercalls_per_op"); h && h->is_object())
		r.hypercalls = pairs_of(*h);
	return r;
}

json::Value record_to_json(const Record &r)
{
	json::Value o = json::Value::object();
	o.set("name", r.name);
	o.set("class", r.klass);
	o.set("status", r.status);
	if (r.status != "ok") {
		o.set("errno", r.err);
		o.set("reason", r.reason);
		return o;
	}
	o.set("metric", r.metric);
	o.set("unit", r.unit);
	o.set("iterations", r.iterations);
	o.set("samples", r.samples);
	o.set("mean", r.mean);
	o.set("median", r.median);
	o.set("p99", r.p99);
	o.set("min", r.min);
	o.set("max", r.max);
	o.set("params", object_of(r.params));
	o.set("hypercalls_per_op", r.hypercalls ? object_of(*r.hypercalls) : json::Value());
	return o;
}

Run parse(const std::vector<ConsoleLine> &lines)
{
	Run run;
	for (const auto &l : lines) {
		std::size_t at = l.text.find(kPrefix);
		if (at == std::string::npos)
			continue;
		std::string_view body = std::string_view(l.text).substr(at + kPrefix.size());
		auto parsed = json::parse(body);
		if (auto *e = std::get_if<json::ParseError>(&parsed)) {
			run.problems.push_back({l.number, "malformed PVBENCH record (" +
								  e->message + " at column " +
								  std::to_string(e->offset + 1) +
								  ")"});
			continue;
		}
		const json::Value &v = std::get<json::Value>(parsed);
		std::string type = v.string_or("type", "");
		if (type == "begin") {
			if (run.begun) {
				run.problems.push_back(
					{l.number,
					 "a second pvbench run starts; earlier results dropped"});
				run = Run{};
			}
			run.begun = true;
			run.begin_line = l.number;
			run.mode = v.string_or("mode", "");
			run.planned = static_cast<int>(v.number_or("benchmarks", 0));
			run.cpus = static_cast<int>(v.number_or("cpus", 0));
			run.hypercall_source = v.string_or("hypercalls", "");
		} else if (type == "result") {
			std::string error;
			auto r = record_from_json(v, error);
			if (!r) {
				run.problems.push_back({l.number, error});
				continue;
			}
			if (!run.begun)
				run.problems.push_back(
					{l.number, "result before the begin record"});
			r->line = l.number;
			run.records.push_back(std::move(*r));
		} else if (type == "end") {
			run.ended = true;
		} else {
			run.problems.push_back(
				{l.number, "PVBENCH record of unknown type '" + type + "'"});
		}
	}
	return run;
}

} // namespace pvh::bench
