// SPDX-License-Identifier: GPL-2.0
#include "compare.hpp"

#include <algorithm>
#include <map>

namespace pvh {

std::optional<Repeatability> compare_repeats(const std::vector<Boot> &boots)
{
	// (column, name, figure) -> the values of the repeats.
	std::map<std::tuple<std::string, std::string, std::string>, std::vector<double>> values;
	std::vector<std::tuple<std::string, std::string, std::string>> order;
	int repeats = 0;
	for (const auto &b : boots) {
		repeats = std::max(repeats, b.repeat);
		for (const auto &r : b.bench.records) {
			if (r.status != "ok")
				continue;
			for (auto [fig, v] :
			     {std::pair{"mean", r.mean}, std::pair{"median", r.median}}) {
				auto key = std::make_tuple(b.column, r.name, std::string(fig));
				if (!values.count(key))
					order.push_back(key);
				values[key].push_back(v);
			}
		}
	}
	Repeatability rep;
	rep.repeats = repeats;
	for (const auto &key : order) {
		const auto &v = values[key];
		if (v.size() < 2)
			continue;
		auto [lo, hi] = std::minmax_element(v.begin(), v.end());
		double mean = 0;
		for (double x : v)
			mean += x;
		mean /= static_cast<double>(v.size());
		Deviation d{std::get<0>(key), std::get<1>(key), std::get<2>(key), *lo, *hi, 0};
		if (*hi != *lo)
			d.relative = mean != 0 ? (*hi - *lo) / std::abs(mean) : 1.0;
		rep.deviations.push_back(d);
	}
	if (rep.deviations.empty())
		return std::nullopt;
	std::stable_sort(
		rep.deviations.begin(), rep.deviations.end(),
		[](const Deviation &a, const Deviation &b) { return a.relative > b.relative; });
	return rep;
}

} // namespace pvh
