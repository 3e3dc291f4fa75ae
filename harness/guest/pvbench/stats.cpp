// SPDX-License-Identifier: GPL-2.0
#include "stats.hpp"

#include <algorithm>
#include <cmath>

namespace pvbench {

double percentile(const std::vector<double> &sorted, double p)
{
	if (sorted.empty())
		return 0;
	auto rank =
		static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(sorted.size())));
	rank = std::clamp<std::size_t>(rank, 1, sorted.size());
	return sorted[rank - 1];
}

Summary summarize(std::vector<double> samples, double total, std::uint64_t ops)
{
	Summary s;
	s.ops = ops;
	s.samples = samples.size();
	if (samples.empty())
		return s;
	std::sort(samples.begin(), samples.end());
	std::size_t n = samples.size();
	s.median = n % 2 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2;
	s.p99 = percentile(samples, 99);
	s.min = samples.front();
	s.max = samples.back();
	s.mean = ops ? total / static_cast<double>(ops) : 0;
	return s;
}

} // namespace pvbench
