// SPDX-License-Identifier: GPL-2.0
// Kernel messages printed in the middle of the guest's lines (a real
// native boot's console, scripts/tests/bootlog/spliced-ops.log) do not
// cost a route: every paravirt/ops line of the excerpt is read whole, and
// every kernel message is kept on a line of its own.
#include <regex>

#include <gtest/gtest.h>

#include "guest_records.hpp"
#include "judge_run.hpp"
#include "splat.hpp"

namespace {

const std::regex kOpsLine(R"(^PVOPS-OPS: (\S+) +(\S+) +(yes|no|\?) +inline=)");
const std::regex kMessage(R"(\[ *[0-9]+\.[0-9]{6}\] |\(XEN\) )");

std::vector<std::string> fixture()
{
	return pvh::splat::log_lines(
		judge_run::read_source("scripts/tests/bootlog/spliced-ops.log"));
}

} // namespace

TEST(Unsplice, CutGuestLinesAreMadeWhole)
{
	auto raw = fixture();
	int broken = 0;
	for (const auto &l : raw)
		broken += l.rfind("PVOPS-OPS: ", 0) == 0 && !std::regex_search(l, kOpsLine);
	ASSERT_GT(broken, 0) << "the fixture has no cut line: it tests nothing";
	int ops = 0;
	for (const auto &l : pvh::guest::unsplice(raw)) {
		if (l.text.rfind("PVOPS-OPS: cpu.", 0) != 0)
			continue;
		++ops;
		EXPECT_TRUE(std::regex_search(l.text, kOpsLine)) << l.text;
		EXPECT_TRUE(l.text.size() >= 10 &&
			    l.text.compare(l.text.size() - 10, 10, "indirect=0") == 0)
			<< l.text;
	}
	EXPECT_GT(ops, broken);
}

TEST(Unsplice, EveryKernelMessageKeepsALineOfItsOwn)
{
	auto raw = fixture();
	std::size_t msgs = 0, kept = 0;
	for (const auto &l : raw)
		msgs += std::regex_search(l, kMessage);
	for (const auto &l : pvh::guest::unsplice(raw))
		kept += std::regex_search(l.text, kMessage, std::regex_constants::match_continuous);
	EXPECT_GT(msgs, 0u);
	EXPECT_EQ(kept, msgs);
}

TEST(Unsplice, RoutesOfTheExcerptAreAllRead)
{
	auto raw = fixture();
	std::size_t starts = 0;
	for (const auto &l : raw)
		starts += l.rfind("PVOPS-OPS: ", 0) == 0;
	auto records = pvh::guest::read_records(pvh::guest::unsplice(raw));
	EXPECT_EQ(records.routes.size(), starts);
	ASSERT_TRUE(records.routes.count("cpu.load_gs_index"));
	EXPECT_EQ(records.routes["cpu.load_gs_index"].target, "native_load_gs_index");
	EXPECT_TRUE(records.routes["cpu.load_gs_index"].native);
	EXPECT_EQ(pvh::guest::ops_not_native(records.routes), "0 of " + std::to_string(starts));
}
