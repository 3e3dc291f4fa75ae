// SPDX-License-Identifier: GPL-2.0
#include <gtest/gtest.h>

#include "compare.hpp"
#include "fake_pvbench.hpp"
#include "stats.hpp"

using namespace pvh;

TEST(Compare, IdenticalRepeatsDeviateByNothing)
{
	std::vector<Boot> boots = {fake::boot("native", 1, {{"t.a", "t", {100, 200}}}),
				   fake::boot("native", 2, {{"t.a", "t", {100, 200}}})};
	auto rep = compare_repeats(boots);
	ASSERT_TRUE(rep);
	EXPECT_EQ(rep->repeats, 2);
	EXPECT_EQ(rep->max_relative(), 0);
	EXPECT_EQ(rep->deviations.size(), 2u); // mean and median
}

TEST(Compare, LargestDeviationComesFirst)
{
	std::vector<double> a = {1000, 1000}, b = {1010, 1010}; // 1 % apart
	std::vector<double> c = {50, 50}, d = {50.1, 50.1};	// 0.2 %
	std::vector<Boot> boots = {
		fake::boot("xen-pv", 1, {{"t.small", "t", c}, {"t.big", "t", a}}),
		fake::boot("xen-pv", 2, {{"t.small", "t", d}, {"t.big", "t", b}})};
	auto rep = compare_repeats(boots);
	ASSERT_TRUE(rep);
	const Deviation &worst = rep->deviations.front();
	EXPECT_EQ(worst.name, "t.big");
	EXPECT_EQ(worst.column, "xen-pv");
	double mean = (1000.0 + 1010.0) / 2;
	EXPECT_NEAR(worst.relative, 10.0 / mean, 1e-12);
	EXPECT_NEAR(rep->deviations.back().relative, 0.1 / 50.05, 1e-9);
}

TEST(Compare, NothingToCompareWithOneRepeat)
{
	std::vector<Boot> boots = {fake::boot("native", 1, {{"t.a", "t", {1}}}),
				   fake::boot("xen-pv", 1, {{"t.a", "t", {2}}})};
	EXPECT_FALSE(compare_repeats(boots));
}

TEST(Compare, SkippedBenchmarksAreNotCompared)
{
	std::vector<Boot> boots = {
		fake::boot("native", 1, {{"t.s", "t", {}, "skipped"}, {"t.a", "t", {3}}}),
		fake::boot("native", 2, {{"t.s", "t", {}, "skipped"}, {"t.a", "t", {3}}})};
	auto rep = compare_repeats(boots);
	ASSERT_TRUE(rep);
	for (const auto &d : rep->deviations)
		EXPECT_EQ(d.name, "t.a");
}
