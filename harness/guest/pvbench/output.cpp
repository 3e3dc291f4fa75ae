// SPDX-License-Identifier: GPL-2.0
#include "output.hpp"

#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace pvbench {
namespace {

using Json = nlohmann::ordered_json; // keys in the order written

// A figure rounded to 0.1 (ns, or hypercalls per op): whole numbers print without a fraction
// ("143850", as the host and the fixtures have it), NaN and infinities as
// null, never "-0".
Json tenths(double v)
{
	if (!std::isfinite(v))
		return nullptr;
	v = std::round(v * 10) / 10;
	if (v == 0)
		return 0;
	if (v == std::trunc(v) && std::fabs(v) < 9e15)
		return static_cast<std::int64_t>(v);
	return v;
}

std::string line_of(const Json &j)
{
	return kPrefix + j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

const char *status_name(Result::Status s)
{
	switch (s) {
	case Result::Status::Ok:
		return "ok";
	case Result::Status::Skipped:
		return "skipped";
	case Result::Status::Failed:
		break;
	}
	return "failed";
}

} // namespace

std::string begin_record(const std::string &mode, std::size_t planned, int cpus,
			 const std::string &hypercall_source)
{
	Json j;
	j["type"] = "begin";
	j["version"] = kFormatVersion;
	j["mode"] = mode;
	j["benchmarks"] = planned;
	j["cpus"] = cpus;
	j["hypercalls"] = hypercall_source.empty() ? Json(nullptr) : Json(hypercall_source);
	return line_of(j);
}

std::string result_record(const Outcome &o)
{
	const Result &r = o.result;
	Json j;
	j["type"] = "result";
	j["name"] = o.bench->name;
	j["class"] = o.bench->klass;
	j["status"] = status_name(r.status);
	if (r.status != Result::Status::Ok) {
		j["errno"] = r.err;
		j["reason"] = r.reason;
		return line_of(j);
	}
	const Summary &s = o.summary;
	j["metric"] = r.metric;
	j["unit"] = "ns";
	j["iterations"] = s.ops;
	j["samples"] = s.samples;
	j["mean"] = tenths(s.mean);
	j["median"] = tenths(s.median);
	j["p99"] = tenths(s.p99);
	j["min"] = tenths(s.min);
	j["max"] = tenths(s.max);
	j["params"] = Json::object();
	for (const auto &[k, v] : r.params)
		j["params"][k] = v;
	if (o.hypercalls) {
		j["hypercalls_per_op"] = Json::object();
		for (const auto &[k, v] : *o.hypercalls)
			j["hypercalls_per_op"][k] = tenths(v);
	} else {
		j["hypercalls_per_op"] = nullptr;
	}
	return line_of(j);
}

std::string end_record(std::size_t ok, std::size_t skipped, std::size_t failed)
{
	Json j;
	j["type"] = "end";
	j["ok"] = ok;
	j["skipped"] = skipped;
	j["failed"] = failed;
	return line_of(j);
}

std::string table(const std::vector<Outcome> &outcomes)
{
	std::string out;
	char line[256];
	std::snprintf(line, sizeof(line), "%-30s %-9s %8s %11s %11s %11s  %s\n", "benchmark",
		      "metric", "iters", "mean", "median", "p99", "hypercalls/op");
	out += line;
	for (const auto &o : outcomes) {
		const Result &r = o.result;
		if (r.status != Result::Status::Ok) {
			std::snprintf(line, sizeof(line), "%-30s %s: %s\n", o.bench->name.c_str(),
				      status_name(r.status), r.reason.c_str());
			out += line;
			continue;
		}
		std::string hc = "n/a";
		if (o.hypercalls) {
			hc.clear();
			for (const auto &[k, v] : *o.hypercalls) {
				char part[96];
				std::snprintf(part, sizeof(part), "%s%s=%.2f",
					      hc.empty() ? "" : " ", k.c_str(), v);
				hc += part;
			}
			if (hc.empty())
				hc = "0";
		}
		std::snprintf(line, sizeof(line), "%-30s %-9s %8llu %11s %11s %11s  %s\n",
			      o.bench->name.c_str(), r.metric.c_str(),
			      static_cast<unsigned long long>(o.summary.ops),
			      human_ns(o.summary.mean).c_str(), human_ns(o.summary.median).c_str(),
			      human_ns(o.summary.p99).c_str(), hc.c_str());
		out += line;
	}
	return out;
}

void emit_line(const std::string &line)
{
	std::string buf = line + "\n";
	std::size_t off = 0;
	while (off < buf.size()) {
		ssize_t n = ::write(STDOUT_FILENO, buf.data() + off, buf.size() - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		off += static_cast<std::size_t>(n);
	}
}

} // namespace pvbench
