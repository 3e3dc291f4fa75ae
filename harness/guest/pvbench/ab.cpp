// SPDX-License-Identifier: GPL-2.0
#include "ab.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>

#include "jsonline.hpp"
#include "stats.hpp"

namespace pvbench {

std::optional<std::string> AccountingSwitch::set(bool on) const
{
	std::ofstream out(path_);
	if (out)
		out << (on ? "1\n" : "0\n") << std::flush;
	if (!out)
		return "cannot write " + std::string(on ? "1" : "0") + " to " + path_ + ": " +
		       std::strerror(errno);
	return std::nullopt;
}

bool ab_pass_is_on(unsigned i)
{
	// 0 off, 1 on, 2 on, 3 off, then again.
	unsigned k = i % 4;
	return k == 1 || k == 2;
}

static double total_of(const std::map<std::string, double> &per_class)
{
	auto it = per_class.find("total");
	return it == per_class.end() ? 0 : it->second;
}

AbFigures ab_figures(const std::vector<AbPass> &passes)
{
	AbFigures f;
	unsigned n_on = 0, n_off = 0;
	for (const AbPass &p : passes) {
		unsigned &n = p.on ? n_on : n_off;
		double &side = p.on ? f.on : f.off;
		side = n ? std::min(side, p.median) : p.median;
		(p.on ? f.hypercalls_on : f.hypercalls_off) += p.hypercalls;
		++n;
	}
	if (n_on)
		f.hypercalls_on /= n_on;
	if (n_off)
		f.hypercalls_off /= n_off;
	if (f.off > 0)
		f.delta_pct = 100.0 * (f.on - f.off) / f.off;
	if (f.hypercalls_on > 0)
		f.per_hypercall = (f.on - f.off) / f.hypercalls_on;
	return f;
}

AbOutcome run_ab(const Benchmark &b, const Run &run, const AccountingSwitch &sw,
		 const HypercallSource &hc, unsigned passes)
{
	AbOutcome o;
	o.bench = &b;
	for (unsigned i = 0; i < passes; ++i) {
		bool on = ab_pass_is_on(i);
		if (auto err = sw.set(on)) {
			o.first_failure = Result::failed(EIO, *err);
			break;
		}
		auto before = hc.snapshot();
		Result r = b.run(run);
		auto after = hc.snapshot();
		if (r.status != Result::Status::Ok) {
			o.first_failure = std::move(r);
			break;
		}
		o.metric = r.metric;
		o.iterations = r.ops;
		AbPass p;
		p.on = on;
		p.median = summarize(r.samples, r.total_ns, r.ops).median;
		if (before && after)
			p.hypercalls = total_of(per_op(*before, *after, r.ops));
		o.passes.push_back(p);
	}
	// Accounting stays off after an A/B run, whatever happened in it.
	sw.set(false);
	return o;
}

std::string ab_record(const AbOutcome &o)
{
	JsonLine j;
	j.add("type", "ab").add("name", o.bench->name).add("class", o.bench->klass);
	const Result &fail = o.first_failure;
	if (fail.status != Result::Status::Ok) {
		j.add("status", fail.status == Result::Status::Skipped ? "skipped" : "failed");
		j.add("errno", fail.err).add("reason", fail.reason);
		return kAbPrefix + j.str();
	}
	j.add("status", "ok").add("metric", o.metric).add("unit", "ns");
	j.add("iterations", o.iterations);
	std::string order;
	JsonLine medians;
	for (std::size_t i = 0; i < o.passes.size(); ++i) {
		order += o.passes[i].on ? '1' : '0';
		medians.add(std::to_string(i), o.passes[i].median);
	}
	j.add("order", order).add_object("pass_medians", medians);
	AbFigures f = ab_figures(o.passes);
	// The change in percent is left to the reader: JSON numbers here are
	// rounded to 0.1, too coarse for it.
	j.add("off", f.off).add("on", f.on);
	j.add("hypercalls_per_op_on", f.hypercalls_on);
	j.add("hypercalls_per_op_off", f.hypercalls_off);
	j.add("added_per_hypercall", f.per_hypercall);
	return kAbPrefix + j.str();
}

std::string ab_table(const std::vector<AbOutcome> &outcomes)
{
	std::string out;
	char line[256];
	std::snprintf(line, sizeof(line), "%-30s %9s %12s %12s %9s %9s %10s\n", "benchmark",
		      "metric", "off", "on", "on-off", "hc/op", "added/hc");
	out += line;
	for (const auto &o : outcomes) {
		if (o.first_failure.status != Result::Status::Ok) {
			std::snprintf(line, sizeof(line), "%-30s %s\n", o.bench->name.c_str(),
				      o.first_failure.reason.c_str());
			out += line;
			continue;
		}
		AbFigures f = ab_figures(o.passes);
		std::snprintf(line, sizeof(line), "%-30s %9s %12.1f %12.1f %+8.3f%% %9.2f %10.1f\n",
			      o.bench->name.c_str(), o.metric.c_str(), f.off, f.on, f.delta_pct,
			      f.hypercalls_on, f.per_hypercall);
		out += line;
	}
	return out;
}

} // namespace pvbench
