// SPDX-License-Identifier: GPL-2.0
// The QEMU command of each real column, built from its file: one machine
// for all, Xen only where the column names it, the expectation and the
// panic behaviour on every kernel command line.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

#include <gtest/gtest.h>

#include "column.hpp"
#include "qemu_command.hpp"

using namespace pvh;

namespace {

std::vector<Column> real_columns()
{
	std::string error;
	auto columns = load_columns(PVOPS_SOURCE_ROOT, error);
	EXPECT_FALSE(columns.empty()) << error;
	return columns;
}

std::string words(const std::vector<std::string> &list)
{
	std::string out;
	for (const auto &w : list)
		out += (out.empty() ? "" : " ") + w;
	return out;
}

Paths fake_paths()
{
	Paths p;
	p.qemu = "qemu-system-x86_64";
	p.bzimage = "/b/obj/arch/x86/boot/bzImage";
	p.initrd = "/b/initrd.gz";
	p.xen_elf = "/b/xen.elf";
	return p;
}

std::string after(const std::vector<std::string> &argv, const std::string &flag)
{
	auto it = std::find(argv.begin(), argv.end(), flag);
	return it == argv.end() || it + 1 == argv.end() ? "" : *(it + 1);
}

} // namespace

TEST(QemuCommand, EveryColumnBootsTheSharedMachine)
{
	auto columns = real_columns();
	ASSERT_GE(columns.size(), 3u);
	for (const auto &c : columns) {
		SCOPED_TRACE(c.name);
		BootPlan plan;
		plan.column = c;
		plan.dom0_initrd = "/o/dom0-initrd";
		std::string error;
		auto argv = qemu_command(plan, fake_paths(), error);
		ASSERT_FALSE(argv.empty()) << error;
		EXPECT_EQ(after(argv, "-machine"), columns.front().machine.qemu[1]);
		// One CPU model; a column's machine may only take flags away
		// (native-nohv clears the hypervisor bit).
		EXPECT_EQ(after(argv, "-cpu"), after(c.machine.qemu, "-cpu"));
		EXPECT_EQ(after(argv, "-cpu").rfind("qemu64,+svm,+npt", 0), 0u);
		EXPECT_EQ(after(argv, "-smp"), "2");
		EXPECT_NE(std::find(argv.begin(), argv.end(), "-no-reboot"), argv.end());
		std::string cmdline = linux_command_line(plan);
		EXPECT_NE(cmdline.find("panic=-1"), std::string::npos);
		EXPECT_NE(cmdline.find("hypervisor_kunit.expect=" + c.expect.environment),
			  std::string::npos);
		if (c.domu) {
			// The build's kernel as dom0, its initramfs carrying the domU.
			EXPECT_EQ(after(argv, "-kernel"), "/b/xen.elf");
			EXPECT_EQ(after(argv, "-initrd"), "/b/obj/arch/x86/boot/bzImage " +
								  words(c.domu->dom0_linux_args) +
								  ",/o/dom0-initrd");
		} else if (c.hypervisor) {
			EXPECT_EQ(after(argv, "-kernel"), "/b/xen.elf");
			EXPECT_EQ(after(argv, "-initrd"),
				  "/b/obj/arch/x86/boot/bzImage " + cmdline + ",/b/initrd.gz");
		} else {
			EXPECT_EQ(after(argv, "-kernel"), "/b/obj/arch/x86/boot/bzImage");
			EXPECT_EQ(after(argv, "-append"), cmdline);
		}
	}
}

TEST(QemuCommand, OnlyPvhAsksXenForAPvhDom0)
{
	for (const auto &c : real_columns()) {
		if (!c.hypervisor)
			continue;
		bool pvh = std::count(c.hypervisor->args.begin(), c.hypervisor->args.end(),
				      "dom0=pvh") > 0;
		// A domU column's expectations are its domU's, whatever its dom0.
		if (!c.domu) {
			EXPECT_EQ(pvh, c.expect.environment == "xen-pvh") << c.name;
		}
	}
}

TEST(QemuCommand, ChoicesOfTheRun)
{
	std::string error;
	auto c = load_column(PVOPS_SOURCE_ROOT, "xen-pv", error);
	ASSERT_TRUE(c) << error;
	BootPlan plan;
	plan.column = *c;
	auto argv = qemu_command(plan, fake_paths(), error);
	EXPECT_EQ(after(argv, "-accel"), "");
	// A column may ask for one TCG thread ("tcg_thread": "single").
	plan.column.single_thread = true;
	argv = qemu_command(plan, fake_paths(), error);
	EXPECT_EQ(after(argv, "-accel"), "tcg,thread=single");
	plan.mttcg = true;
	argv = qemu_command(plan, fake_paths(), error);
	EXPECT_EQ(after(argv, "-accel"), "");
	plan.icount = true;
	plan.cpus = 1;
	plan.expect = "native";
	plan.append = "pvops.bench=quick";
	argv = qemu_command(plan, fake_paths(), error);
	EXPECT_EQ(after(argv, "-icount"), "shift=0,sleep=off");
	EXPECT_EQ(after(argv, "-smp"), "1");
	std::string cmdline = linux_command_line(plan);
	EXPECT_NE(cmdline.find("hypervisor_kunit.expect=native pvops.xen_trace pvops.bench=quick "
			       "norandmaps"),
		  std::string::npos);
}

TEST(QemuCommand, OnlyADom0ColumnTracedByXenTracesItself)
{
	std::string error;
	for (const auto &c : load_columns(PVOPS_SOURCE_ROOT, error)) {
		BootPlan plan;
		plan.column = c;
		bool asked = (" " + linux_command_line(plan) + " ").find(" pvops.xen_trace ") !=
			     std::string::npos;
		EXPECT_EQ(asked, c.trace_uncounted && !c.domu) << c.name;
	}
	EXPECT_TRUE(error.empty()) << error;
}

TEST(QemuCommand, ACommaCannotReachXensModuleLine)
{
	std::string error;
	auto c = load_column(PVOPS_SOURCE_ROOT, "xen-pvh", error);
	ASSERT_TRUE(c) << error;
	BootPlan plan;
	plan.column = *c;
	plan.append = "a=1,2";
	EXPECT_TRUE(qemu_command(plan, fake_paths(), error).empty());
	EXPECT_NE(error.find("comma"), std::string::npos);
}

TEST(QemuCommand, ShellLineReadsBackAsTheSameWords)
{
	EXPECT_EQ(shell_line({"qemu", "-append", "console=hvc0 panic=-1", "it's"}),
		  "qemu -append 'console=hvc0 panic=-1' 'it'\\''s'");
	EXPECT_EQ(shell_line({"-machine", "q35,kernel-irqchip=split"}),
		  "-machine q35,kernel-irqchip=split");
}

TEST(Columns, AnUnknownNameListsTheKnownOnes)
{
	std::string error;
	EXPECT_FALSE(load_column(PVOPS_SOURCE_ROOT, "kvm", error));
	EXPECT_NE(error.find("unknown column 'kvm' (want one of: native"), std::string::npos)
		<< error;
}

// A column kept out of the matrix is still a column file that parses and
// boots the shared machine, so it can be run by path without rotting.
TEST(Columns, ColumnsOutOfTheMatrixStillParse)
{
	namespace fs = std::filesystem;
	fs::path off = fs::path(PVOPS_SOURCE_ROOT) / "harness" / "columns" / "off";
	int n = 0;
	for (const auto &entry : fs::directory_iterator(off)) {
		if (entry.path().extension() != ".json")
			continue;
		std::string error;
		auto c = load_column(PVOPS_SOURCE_ROOT, entry.path().string(), error);
		ASSERT_TRUE(c) << error;
		EXPECT_EQ(c->machine.name, "q35-vtd-svm") << c->name;
		n++;
	}
	EXPECT_GT(n, 0);
	std::string error;
	EXPECT_FALSE(load_column(PVOPS_SOURCE_ROOT, "harness/columns/off/none.json", error));
	EXPECT_EQ(error, "no column file harness/columns/off/none.json");
}

// A domU's tsc_mode is xl's: a value xl does not know is the column's error.
TEST(Columns, ADomuTscModeXlDoesNotKnowIsRefused)
{
	namespace fs = std::filesystem;
	fs::path file = fs::temp_directory_path() / "pvops-tsc-mode-test.json";
	std::string error;
	auto base = load_column(PVOPS_SOURCE_ROOT, "xen-pvh-domu", error);
	ASSERT_TRUE(base) << error;
	std::ifstream in(base->file);
	std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
	auto at = text.find("\"domu\": {");
	ASSERT_NE(at, std::string::npos);
	for (const std::string mode : {"native", "fast"}) {
		std::string edited = text;
		edited.insert(at + 9, "\n    \"tsc_mode\": \"" + mode + "\",");
		std::ofstream(file) << edited;
		auto c = load_column(PVOPS_SOURCE_ROOT, file.string(), error);
		if (mode == "native") {
			ASSERT_TRUE(c) << error;
			EXPECT_EQ(c->domu->tsc_mode, "native");
		} else {
			EXPECT_FALSE(c);
			EXPECT_NE(
				error.find("domu.tsc_mode is 'fast', want default, always_emulate, "
					   "native or native_paravirt"),
				std::string::npos)
				<< error;
		}
	}
	fs::remove(file);
}
