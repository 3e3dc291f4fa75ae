// SPDX-License-Identifier: GPL-2.0
#include "table.hpp"

#include <algorithm>
#include <cmath>

namespace pvh {

Table build_table(const std::vector<Boot> &boots, const std::vector<std::string> &columns)
{
	Table t;
	t.columns = columns;
	auto row_of = [&](const bench::Record &r) -> Row & {
		for (auto &row : t.rows)
			if (row.name == r.name)
				return row;
		t.rows.push_back({r.klass, r.name, r.metric, {}});
		return t.rows.back();
	};
	for (const auto &b : boots) {
		for (const auto &r : b.bench.records) {
			Row &row = row_of(r);
			Cell &c = row.cells[b.column];
			if (row.metric.empty())
				row.metric = r.metric;
			if (r.status != "ok") {
				if (c.runs == 0) {
					c.status = r.status;
					c.reason = r.reason;
				}
				continue;
			}
			// Running mean over the repeats that produced a figure.
			double n = c.runs;
			c.median = (c.median * n + r.median) / (n + 1);
			c.mean = (c.mean * n + r.mean) / (n + 1);
			c.p99 = (c.p99 * n + r.p99) / (n + 1);
			c.min = c.runs ? std::min(c.min, r.min) : r.min;
			if (r.hypercalls) {
				bench::Pairs merged = c.hypercalls.value_or(bench::Pairs{});
				for (const auto &[k, v] : *r.hypercalls) {
					auto it = std::find_if(
						merged.begin(), merged.end(),
						[&](const auto &p) { return p.first == k; });
					if (it == merged.end())
						merged.emplace_back(k, v / (n + 1));
					else
						it->second = (it->second * n + v) / (n + 1);
				}
				c.hypercalls = merged;
			}
			c.status = "ok";
			c.reason.clear();
			c.runs++;
		}
	}
	return t;
}

std::optional<double> ratio(const Row &row, const std::string &column)
{
	auto n = row.cells.find("native");
	auto c = row.cells.find(column);
	if (n == row.cells.end() || c == row.cells.end())
		return std::nullopt;
	if (n->second.status != "ok" || c->second.status != "ok" || !(n->second.median > 0) ||
	    c->second.median < 0)
		return std::nullopt;
	return c->second.median / n->second.median;
}

std::vector<std::string> classes(const Table &t)
{
	std::vector<std::string> out;
	for (const auto &r : t.rows)
		if (std::find(out.begin(), out.end(), r.klass) == out.end())
			out.push_back(r.klass);
	return out;
}

std::optional<double> class_ratio(const Table &t, const std::string &klass,
				  const std::string &column)
{
	double log_sum = 0;
	int n = 0;
	for (const auto &r : t.rows) {
		if (r.klass != klass)
			continue;
		auto q = ratio(r, column);
		if (!q || !(*q > 0))
			continue;
		log_sum += std::log(*q);
		++n;
	}
	if (n == 0)
		return std::nullopt;
	return std::exp(log_sum / n);
}

} // namespace pvh
