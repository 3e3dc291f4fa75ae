// SPDX-License-Identifier: GPL-2.0
#include <gtest/gtest.h>

#include "options.hpp"

using pvh::Options;
using pvh::parse_options;

namespace {

std::optional<std::string> parse(std::vector<const char *> args, Options &o)
{
	args.insert(args.begin(), "pvharness");
	return parse_options(static_cast<int>(args.size()), args.data(), o);
}

} // namespace

TEST(HarnessOptions, BenchSpecForTheKernelCommandLine)
{
	Options o;
	EXPECT_FALSE(parse({"--quick", "--bench", "timer+iters=5"}, o));
	EXPECT_EQ(o.bench_spec(), "quick+timer+iters=5");
	EXPECT_EQ(o.boot_timeout(), 300);
	Options full;
	EXPECT_EQ(full.bench_spec(), "full");
	EXPECT_EQ(full.boot_timeout(), 1800);
	Options none;
	EXPECT_FALSE(parse({"--no-bench"}, none));
	EXPECT_EQ(none.bench_spec(), "");
}

TEST(HarnessOptions, MatrixChoices)
{
	Options o;
	EXPECT_FALSE(parse({"--deterministic", "--repeat", "2", "--columns", "native,xen-pvh",
			    "--timeout", "90", "--tolerance", "0.25"},
			   o));
	EXPECT_TRUE(o.deterministic);
	EXPECT_EQ(o.repeat, 2);
	EXPECT_EQ(o.columns, (std::vector<std::string>{"native", "xen-pvh"}));
	EXPECT_EQ(o.boot_timeout(), 90);
	EXPECT_DOUBLE_EQ(o.tolerance, 0.25);
}

TEST(HarnessOptions, BadInputNamesTheCause)
{
	Options o;
	EXPECT_EQ(parse({"--columns", "native,kvm"}, o),
		  "unknown column 'kvm' (want native, xen-pv or xen-pvh)");
	EXPECT_EQ(parse({"--bench", "a,b"}, o).value().find("--bench 'a,b': separate words"), 0u);
	EXPECT_EQ(parse({"--timeout", "-1"}, o),
		  "--timeout needs a positive number of seconds, not '-1'");
	EXPECT_EQ(parse({"--out"}, o), "--out needs a value");
	EXPECT_EQ(parse({"--frobnicate"}, o), "unknown option '--frobnicate' (see --help)");
	EXPECT_EQ(parse({"--tolerance", "x"}, o), "--tolerance needs a percentage, not 'x'");
}
