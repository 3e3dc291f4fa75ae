// SPDX-License-Identifier: GPL-2.0
// The side-by-side benchmark table: one row per benchmark, one cell per
// column (native, Xen PV, Xen PVH), figures averaged over the repeats (the
// cheapest batch: the least over them), and each column's ratio to native.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "boot.hpp"

namespace pvh {

struct Cell {
	std::string status; // ok, skipped, failed; "" when the column has no record
	std::string reason;
	int runs = 0; // ok records averaged
	double median = 0, mean = 0, p99 = 0;
	double min = 0;				// the cheapest batch over all repeats, not averaged
	std::optional<bench::Pairs> hypercalls; // per op; nullopt: n/a
};

struct Row {
	std::string klass, name, metric;
	std::map<std::string, Cell> cells; // by column
};

struct Table {
	std::vector<std::string> columns; // in matrix order
	std::vector<Row> rows;		  // in the guest's order
};

Table build_table(const std::vector<Boot> &boots, const std::vector<std::string> &columns);

// column's median / native's median; nullopt when either is missing or
// native's is not positive.
std::optional<double> ratio(const Row &row, const std::string &column);

// Geometric mean of the ratios of one class for one column.
std::optional<double> class_ratio(const Table &t, const std::string &klass,
				  const std::string &column);
std::vector<std::string> classes(const Table &t);

} // namespace pvh
