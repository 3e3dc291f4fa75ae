// SPDX-License-Identifier: GPL-2.0
// Repeatability: the same boot repeated (in deterministic mode, guest time
// counts instructions) must give the same per-op figures. For each column,
// benchmark and figure (mean, median): (max - min) / mean over the repeats.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "boot.hpp"

namespace pvh {

struct Deviation {
	std::string column, name, figure;
	double min = 0, max = 0;
	double relative = 0; // (max - min) / mean
};

struct Repeatability {
	int repeats = 0;
	std::vector<Deviation> deviations; // largest first
	double max_relative() const { return deviations.empty() ? 0 : deviations.front().relative; }
};

// nullopt when no benchmark ran in two repeats of the same column.
std::optional<Repeatability> compare_repeats(const std::vector<Boot> &boots);

} // namespace pvh
