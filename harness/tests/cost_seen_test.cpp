// SPDX-License-Identifier: GPL-2.0
// What the accounting and the xen trace events saw of the init's workload
// (cost_seen.hpp): the accounting's side from a real Xen PV boot log, the
// events' side from lines as scripts/guest/init prints them.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "cost_seen.hpp"
#include "fixtures.hpp"

using namespace pvh;
namespace fs = std::filesystem;

namespace {

class Seen : public ::testing::Test
{
protected:
	fs::path dir = fs::temp_directory_path() / ("pvh-seen-test-" + std::to_string(::getpid()));

	void TearDown() override { fs::remove_all(dir); }

	// dir/kind/column/serial.log with text.
	std::string log(const std::string &kind, const std::string &column, const std::string &text)
	{
		fs::create_directories(dir / kind / column);
		fs::path p = dir / kind / column / "serial.log";
		std::ofstream(p) << text;
		return p.string();
	}
};

const std::string kEvents = "[    2.000000] xen: something\n"
			    "PVOPS-XENEVENT: xen_mc_batch 12\n"
			    "PVOPS-XENEVENT: xen_mc_flush 12\n"
			    "PVOPS-XENEVENT: xen_mmu_set_pte 0\n"
			    "PVOPS-XENEVENT: overrun 3\n";

TEST_F(Seen, EachColumnShowsTheAccountingClassesAndTheEventsThatFired)
{
	std::ostringstream out;
	std::string error;
	ASSERT_TRUE(cost::print_seen({log("on", "xen-pv", fixtures::read("xen-pv-boot.log"))},
				     {log("events", "xen-pv", kEvents)}, out, error))
		<< error;
	std::string text = out.str();
	EXPECT_NE(text.find("\nxen-pv   accounting (traps+batched entries): page-table "),
		  std::string::npos)
		<< text;
	EXPECT_NE(text.find(" total "), std::string::npos) << text;
	EXPECT_NE(text.find("\nxen-pv   xen trace events: 24 (3 lost): xen_mc_batch 12 "
			    "xen_mc_flush 12\n"),
		  std::string::npos)
		<< text;
}

TEST_F(Seen, ALogWithoutEventCountsIsAnErrorNamingIt)
{
	std::ostringstream out;
	std::string error;
	std::string path = log("events", "xen-pvh", "PVOPS-GUEST: begin\n");
	EXPECT_FALSE(cost::print_seen({}, {path}, out, error));
	EXPECT_NE(error.find("no xen trace event counts"), std::string::npos) << error;
	EXPECT_NE(error.find(path), std::string::npos) << error;
}

TEST_F(Seen, ALogWithoutHypercallCountsIsAnErrorNamingIt)
{
	std::ostringstream out;
	std::string error;
	std::string path = log("on", "xen-pv", kEvents);
	EXPECT_FALSE(cost::print_seen({path}, {}, out, error));
	EXPECT_NE(error.find("no hypercall counts"), std::string::npos) << error;
	EXPECT_NE(error.find(path), std::string::npos) << error;
}

} // namespace
