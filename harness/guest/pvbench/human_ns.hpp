// SPDX-License-Identifier: GPL-2.0
// A duration for people: "456 ns", "12.30 us", "1.20 ms", "2.00 s". Header
// only, so that pvbench (guest) and pvharness (host) print the same way.
#pragma once

#include <cmath>
#include <cstdio>
#include <string>

namespace pvbench {

inline std::string human_ns(double ns)
{
	char buf[32];
	double a = std::fabs(ns);
	if (a < 1e3)
		std::snprintf(buf, sizeof(buf), "%.0f ns", ns);
	else if (a < 1e6)
		std::snprintf(buf, sizeof(buf), "%.2f us", ns / 1e3);
	else if (a < 1e9)
		std::snprintf(buf, sizeof(buf), "%.2f ms", ns / 1e6);
	else
		std::snprintf(buf, sizeof(buf), "%.2f s", ns / 1e9);
	return buf;
}

} // namespace pvbench
