// SPDX-License-Identifier: GPL-2.0
// Running a boot's command: exit codes, output capture and the deadline,
// with small shell commands standing in for QEMU.
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "console.hpp"
#include "runner.hpp"

using namespace pvh;

TEST(Runner, CapturesOutputAndExitCode)
{
	std::string log = testing::TempDir() + "runner-" + std::to_string(getpid()) + ".txt";
	auto o = run_command({"/bin/sh", "-c", "echo out; echo err >&2; exit 3"}, log, 30, nullptr,
			     10);
	EXPECT_EQ(o.exit_code, 3);
	EXPECT_FALSE(o.killed);
	EXPECT_TRUE(o.error.empty());
	std::string text;
	ASSERT_TRUE(read_file(log, text));
	EXPECT_NE(text.find("out\n"), std::string::npos);
	EXPECT_NE(text.find("err\n"), std::string::npos);
	unlink(log.c_str());
}

namespace {

// Whether pid is a live process (not gone, not a zombie left to reap).
bool running(pid_t pid)
{
	std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
	std::string text((std::istreambuf_iterator<char>(stat)), {});
	auto paren = text.rfind(") ");
	return paren != std::string::npos && text[paren + 2] != 'Z';
}

} // namespace

TEST(Runner, DeadlineStopsTheWholeProcessGroup)
{
	std::string log = testing::TempDir() + "runner-dl-" + std::to_string(getpid()) + ".txt";
	auto t0 = std::chrono::steady_clock::now();
	std::string pidfile = log + ".pid";
	auto o = run_command(
		{"/bin/sh", "-c", "sleep 30 & echo $! >" + pidfile + "; sleep 30; wait"}, log, 1.0,
		nullptr, 10);
	double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
	EXPECT_TRUE(o.killed);
	// The background sleep, in the same group, is gone too. (The shell's
	// own status is not asserted: it may reap its killed children and
	// exit 0 before the TERM sent to it lands.)
	std::ifstream in(pidfile);
	pid_t bg = 0;
	ASSERT_TRUE(in >> bg) << "no pid in " << pidfile;
	for (int i = 0; i < 50 && running(bg); ++i)
		std::this_thread::sleep_for(std::chrono::milliseconds(100));
	EXPECT_FALSE(running(bg)) << "the background sleep survived the deadline";
	unlink(pidfile.c_str());
	// Far below the 30 s the command would take; a generous bound, so that
	// a loaded machine does not fail it.
	EXPECT_LT(took, 20);
	unlink(log.c_str());
}

TEST(Runner, ProgressIsReportedWhileTheCommandRuns)
{
	std::string log = testing::TempDir() + "runner-pr-" + std::to_string(getpid()) + ".txt";
	int ticks = 0;
	auto o = run_command(
		{"/bin/sh", "-c", "sleep 2"}, log, 60, [&](double) { ++ticks; }, 0.1);
	EXPECT_FALSE(o.killed);
	EXPECT_EQ(o.exit_code, 0);
	EXPECT_GE(ticks, 1);
	unlink(log.c_str());
}

TEST(Runner, DeadlineAlsoStopsDescendantsInOtherGroups)
{
	// A child may move into a process group of its own (setsid).
	std::string dir = testing::TempDir();
	std::string log = dir + "runner-tree-" + std::to_string(getpid()) + ".txt";
	std::string pidfile = dir + "runner-tree-" + std::to_string(getpid()) + ".pid";
	auto o = run_command({"/bin/sh", "-c", "setsid sleep 60 & echo $! >" + pidfile + "; wait"},
			     log, 1.0, nullptr, 10);
	EXPECT_TRUE(o.killed);
	std::string text;
	ASSERT_TRUE(read_file(pidfile, text));
	pid_t grandchild = std::stoi(text);
	bool gone = false;
	for (int i = 0; i < 50 && !gone; ++i) {
		gone = kill(grandchild, 0) != 0;
		usleep(100000);
	}
	EXPECT_TRUE(gone) << "process " << grandchild << " survived";
	if (!gone)
		kill(grandchild, SIGKILL);
	unlink(log.c_str());
	unlink(pidfile.c_str());
}

TEST(Runner, MissingProgramIs127WithAMessage)
{
	std::string log = testing::TempDir() + "runner-nx-" + std::to_string(getpid()) + ".txt";
	auto o = run_command({"/nonexistent/boot.sh"}, log, 10, nullptr, 10);
	EXPECT_EQ(o.exit_code, 127);
	std::string text;
	ASSERT_TRUE(read_file(log, text));
	EXPECT_NE(text.find("cannot run /nonexistent/boot.sh"), std::string::npos);
	unlink(log.c_str());
	auto bad = run_command({"/bin/true"}, "/nonexistent/dir/log", 10, nullptr, 10);
	EXPECT_NE(bad.error.find("cannot write /nonexistent/dir/log"), std::string::npos);
}
