// SPDX-License-Identifier: GPL-2.0
// pvharness bench's options, parsed by CLI11 as the subcommand declares them.
#include <CLI/CLI.hpp>

#include <gtest/gtest.h>

#include "options.hpp"

using pvh::Options;

namespace {

// "" when parsing succeeded, else CLI11's message.
std::string parse(std::vector<std::string> args, Options &o)
{
	CLI::App app;
	pvh::add_bench_options(app, o);
	std::reverse(args.begin(), args.end()); // CLI11 takes them last first
	try {
		app.parse(args);
	} catch (const CLI::ParseError &e) {
		return e.what();
	}
	return "";
}

} // namespace

TEST(HarnessOptions, BenchSpecForTheKernelCommandLine)
{
	Options o;
	EXPECT_EQ(parse({"--quick", "--bench", "timer+iters=5"}, o), "");
	EXPECT_EQ(o.bench_spec(), "quick+timer+iters=5");
	EXPECT_EQ(o.boot_timeout(), 300);
	Options full;
	EXPECT_EQ(full.bench_spec(), "full");
	EXPECT_EQ(full.boot_timeout(), 1800);
	Options none;
	EXPECT_EQ(parse({"--no-bench"}, none), "");
	EXPECT_EQ(none.bench_spec(), "");
}

TEST(HarnessOptions, MatrixChoices)
{
	Options o;
	EXPECT_EQ(parse({"--deterministic", "--repeat", "2", "--columns", "native,xen-pvh",
			 "--timeout", "90", "--tolerance", "0.25"},
			o),
		  "");
	EXPECT_TRUE(o.deterministic);
	EXPECT_EQ(o.repeat, 2);
	EXPECT_EQ(o.columns, (std::vector<std::string>{"native", "xen-pvh"}));
	EXPECT_EQ(o.boot_timeout(), 90);
	EXPECT_DOUBLE_EQ(o.tolerance, 0.25);
	EXPECT_EQ(pvh::check_columns(o, {"native", "xen-pv", "xen-pvh"}), "");
}

TEST(HarnessOptions, BadInputNamesTheCause)
{
	auto error = [](std::vector<std::string> args) {
		Options o;
		return parse(std::move(args), o);
	};
	EXPECT_NE(error({"--bench", "a,b"}).find("'a,b': separate words with '+'"),
		  std::string::npos);
	EXPECT_NE(error({"--timeout", "-1"}).find("needs a positive number, not '-1'"),
		  std::string::npos);
	EXPECT_NE(error({"--repeat", "zero"}).find("needs a positive number, not 'zero'"),
		  std::string::npos);
	EXPECT_NE(error({"--tolerance", "x"}).find("needs a percentage, not 'x'"),
		  std::string::npos);
	EXPECT_NE(error({"--out"}).find("--out"), std::string::npos);
	EXPECT_NE(error({"--frobnicate"}).find("--frobnicate"), std::string::npos);
	Options o;
	o.columns = {"native", "kvm"};
	EXPECT_EQ(pvh::check_columns(o, {"native", "xen-pv"}),
		  "unknown column 'kvm' (want one of: native, xen-pv)");
}
