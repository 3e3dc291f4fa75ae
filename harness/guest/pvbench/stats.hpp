// SPDX-License-Identifier: GPL-2.0
// Per-op statistics of one benchmark: mean over all ops, and median, p99,
// min and max over the samples (a sample is the per-op time of one batch).
#pragma once

#include <cstdint>
#include <vector>

namespace pvbench {

struct Summary {
	std::uint64_t ops = 0;
	std::size_t samples = 0;
	double mean = 0;
	double median = 0;
	double p99 = 0;
	double min = 0;
	double max = 0;
};

// Nearest-rank percentile (0 < p <= 100) of sorted values; 0 when empty.
double percentile(const std::vector<double> &sorted, double p);

// total / ops is the mean; the samples give the distribution.
Summary summarize(std::vector<double> samples, double total, std::uint64_t ops);

} // namespace pvbench
