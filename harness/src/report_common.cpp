// SPDX-License-Identifier: GPL-2.0
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "../guest/pvbench/human_ns.hpp"
#include "report.hpp"

namespace pvh {

std::string format_ns(double ns)
{
	return pvbench::human_ns(ns);
}

std::string format_ratio(std::optional<double> r)
{
	if (!r)
		return "-";
	char buf[32];
	std::snprintf(buf, sizeof(buf), "%.2fx", *r);
	return buf;
}

std::string format_hypercalls(const std::optional<bench::Pairs> &h, int top)
{
	if (!h)
		return "n/a";
	bench::Pairs sorted = *h;
	std::stable_sort(sorted.begin(), sorted.end(),
			 [](const auto &a, const auto &b) { return a.second > b.second; });
	std::string out;
	int shown = 0;
	for (const auto &[k, v] : sorted) {
		if (v <= 0 || shown == top)
			continue;
		char buf[96];
		std::snprintf(buf, sizeof(buf), "%s%s %.2f", out.empty() ? "" : ", ", k.c_str(), v);
		out += buf;
		++shown;
	}
	return out.empty() ? "0" : out;
}

std::vector<std::string> suite_names(const std::vector<Boot> &boots)
{
	std::vector<std::string> names;
	for (const auto &b : boots)
		for (const auto &d : b.ktap.documents)
			for (const auto &s : d.root.subtests)
				if (std::find(names.begin(), names.end(), s.name) == names.end())
					names.push_back(s.name);
	return names;
}

const ktap::Test *find_suite(const Boot &boot, const std::string &name)
{
	for (const auto &d : boot.ktap.documents)
		for (const auto &s : d.root.subtests)
			if (s.name == name)
				return &s;
	return nullptr;
}

} // namespace pvh
