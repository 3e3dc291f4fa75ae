// SPDX-License-Identifier: GPL-2.0
#include "output.hpp"

#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdio>

#include "jsonline.hpp"

namespace pvbench {

std::string begin_record(const std::string &mode, std::size_t planned, int cpus,
			 const std::string &hypercall_source)
{
	JsonLine j;
	j.add("type", "begin").add("version", kFormatVersion).add("mode", mode);
	j.add("benchmarks", static_cast<std::uint64_t>(planned)).add("cpus", cpus);
	if (hypercall_source.empty())
		j.add_null("hypercalls");
	else
		j.add("hypercalls", hypercall_source);
	return kPrefix + j.str();
}

static const char *status_name(Result::Status s)
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

std::string result_record(const Outcome &o)
{
	const Result &r = o.result;
	JsonLine j;
	j.add("type", "result").add("name", o.bench->name).add("class", o.bench->klass);
	j.add("status", status_name(r.status));
	if (r.status != Result::Status::Ok) {
		j.add("errno", r.err).add("reason", r.reason);
		return kPrefix + j.str();
	}
	const Summary &s = o.summary;
	j.add("metric", r.metric).add("unit", "ns");
	j.add("iterations", s.ops).add("samples", static_cast<std::uint64_t>(s.samples));
	j.add("mean", s.mean).add("median", s.median).add("p99", s.p99);
	j.add("min", s.min).add("max", s.max);
	JsonLine params;
	for (const auto &[k, v] : r.params)
		params.add(k, v);
	j.add_object("params", params);
	if (o.hypercalls) {
		JsonLine hc;
		for (const auto &[k, v] : *o.hypercalls)
			hc.add(k, v);
		j.add_object("hypercalls_per_op", hc);
	} else {
		j.add_null("hypercalls_per_op");
	}
	return kPrefix + j.str();
}

std::string end_record(std::size_t ok, std::size_t skipped, std::size_t failed)
{
	JsonLine j;
	j.add("type", "end").add("ok", static_cast<std::uint64_t>(ok));
	j.add("skipped", static_cast<std::uint64_t>(skipped));
	j.add("failed", static_cast<std::uint64_t>(failed));
	return kPrefix + j.str();
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
