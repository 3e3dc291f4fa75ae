// SPDX-License-Identifier: GPL-2.0
#include <gtest/gtest.h>

#include "console.hpp"

using pvh::console_lines;
using pvh::strip_timestamp;

TEST(Console, StripsPrintkTimestamps)
{
	EXPECT_EQ(strip_timestamp("[    1.234567] KTAP version 1"), "KTAP version 1");
	EXPECT_EQ(strip_timestamp("[12345.000001]     ok 1 t"), "    ok 1 t");
	// Not a timestamp: left alone.
	EXPECT_EQ(strip_timestamp("[ab] x"), "[ab] x");
	EXPECT_EQ(strip_timestamp("[    1.] x"), "[    1.] x");
	EXPECT_EQ(strip_timestamp("(XEN) [    1.2] x"), "(XEN) [    1.2] x");
	EXPECT_EQ(strip_timestamp("["), "[");
}

TEST(Console, DropsCarriageReturnsAndNumbersLines)
{
	auto lines = console_lines("[    0.1] a\r\r\n\r\nb\r\r\n[    0.2]     c");
	ASSERT_EQ(lines.size(), 4u);
	EXPECT_EQ(lines[0].text, "a");
	EXPECT_EQ(lines[0].number, 1);
	EXPECT_EQ(lines[1].text, "");
	EXPECT_EQ(lines[2].text, "b");
	EXPECT_EQ(lines[2].number, 3);
	EXPECT_EQ(lines[3].text, "    c");
	auto last = console_lines("x\ny");
	ASSERT_EQ(last.size(), 2u);
	EXPECT_EQ(last[1].text, "y");
}
