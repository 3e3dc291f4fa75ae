// SPDX-License-Identifier: GPL-2.0
#include "pvbench_log.hpp"

namespace pvh::bench {
namespace {

constexpr std::string_view kPrefix = "PVBENCH: ";

// Tolerant lookups: a member of the wrong type counts as missing.
std::string string_or(const Json &v, const char *key, std::string fallback)
{
	auto it = v.find(key);
	return it != v.end() && it->is_string() ? it->get<std::string>() : fallback;
}

double number_or(const Json &v, const char *key, double fallback)
{
	auto it = v.find(key);
	return it != v.end() && it->is_number() ? it->get<double>() : fallback;
}

// A count that fits an int, else 0 (no undefined cast of 1e300).
int int_or(const Json &v, const char *key)
{
	double d = number_or(v, key, 0);
	return d >= -1e9 && d <= 1e9 ? static_cast<int>(d) : 0;
}

Pairs pairs_of(const Json &v)
{
	Pairs out;
	for (const auto &[k, x] : v.items())
		if (x.is_number())
			out.emplace_back(k, x.get<double>());
	return out;
}

// "syntax error ... at column N" or "number overflow parsing ...", without
// the library's "[json.exception...] " tag.
std::string why(const Json::exception &e)
{
	std::string what = e.what();
	auto tag = what.find("] ");
	return tag == std::string::npos ? what : what.substr(tag + 2);
}

Json object_of(const Pairs &pairs)
{
	Json o = Json::object();
	for (const auto &[k, v] : pairs)
		o[k] = v;
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

std::optional<Record> record_from_json(const Json &v, std::string &error)
{
	Record r;
	r.name = string_or(v, "name", "");
	r.klass = string_or(v, "class", "");
	r.status = string_or(v, "status", "");
	if (r.name.empty() || r.klass.empty()) {
		error = "result record without name or class";
		return std::nullopt;
	}
	if (r.status != "ok" && r.status != "skipped" && r.status != "failed") {
		error = "result record for " + r.name + " has status '" + r.status + "'";
		return std::nullopt;
	}
	r.reason = string_or(v, "reason", "");
	r.err = int_or(v, "errno");
	if (r.status != "ok")
		return r;
	r.metric = string_or(v, "metric", "time");
	r.unit = string_or(v, "unit", "ns");
	const std::pair<const char *, double *> numbers[] = {{"iterations", &r.iterations},
							     {"samples", &r.samples},
							     {"mean", &r.mean},
							     {"median", &r.median},
							     {"p99", &r.p99},
							     {"min", &r.min},
							     {"max", &r.max}};
	for (const auto &[key, dest] : numbers) {
		auto x = v.find(key);
		if (x == v.end() || !x->is_number()) {
			error = "result record for " + r.name + " lacks the number '" + key + "'";
			return std::nullopt;
		}
		*dest = x->get<double>();
	}
	if (auto p = v.find("params"); p != v.end() && p->is_object())
		r.params = pairs_of(*p);
	if (auto h = v.find("hypercalls_per_op"); h != v.end() && h->is_object())
		r.hypercalls = pairs_of(*h);
	return r;
}

Json record_to_json(const Record &r)
{
	Json o = Json::object();
	o["name"] = r.name;
	o["class"] = r.klass;
	o["status"] = r.status;
	if (r.status != "ok") {
		o["errno"] = r.err;
		o["reason"] = r.reason;
		return o;
	}
	o["metric"] = r.metric;
	o["unit"] = r.unit;
	o["iterations"] = r.iterations;
	o["samples"] = r.samples;
	o["mean"] = r.mean;
	o["median"] = r.median;
	o["p99"] = r.p99;
	o["min"] = r.min;
	o["max"] = r.max;
	o["params"] = object_of(r.params);
	o["hypercalls_per_op"] = r.hypercalls ? object_of(*r.hypercalls) : Json();
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
		Json v;
		try {
			v = Json::parse(body);
		} catch (const Json::exception &e) { // a syntax error, or a number too large
			run.problems.push_back(
				{l.number, "malformed PVBENCH record (" + why(e) + ")"});
			continue;
		}
		std::string type = string_or(v, "type", "");
		if (type == "begin") {
			if (run.begun) {
				run.problems.push_back(
					{l.number,
					 "a second pvbench run starts; earlier results dropped"});
				run = Run{};
			}
			run.begun = true;
			run.begin_line = l.number;
			run.mode = string_or(v, "mode", "");
			run.planned = int_or(v, "benchmarks");
			run.cpus = int_or(v, "cpus");
			run.hypercall_source = string_or(v, "hypercalls", "");
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
