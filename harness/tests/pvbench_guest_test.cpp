// SPDX-License-Identifier: GPL-2.0
// pvbench's own pieces, run on the host: statistics, the hypercall counter
// reader, option and pvops.bench= parsing, the tiny exec'd program, the
// PVBENCH records.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <numeric>
#include <random>

#include <gtest/gtest.h>

#include "bench.hpp"
#include "cli.hpp"
#include "hypercalls.hpp"
#include "output.hpp"
#include "stats.hpp"
#include "tiny_elf.hpp"

// In pvbench's namespace: the host's pvh has types of the same names.
namespace pvbench {

TEST(PvbenchStats, MedianAndNearestRankPercentiles)
{
	std::vector<double> v(100);
	std::iota(v.begin(), v.end(), 1.0); // 1..100
	std::shuffle(v.begin(), v.end(), std::mt19937(42));
	Summary s = summarize(v, 5050, 100);
	EXPECT_DOUBLE_EQ(s.median, (50.0 + 51.0) / 2);
	EXPECT_DOUBLE_EQ(s.p99, 99); // the 99th of 100 sorted values
	EXPECT_DOUBLE_EQ(s.min, 1);
	EXPECT_DOUBLE_EQ(s.max, 100);
	EXPECT_DOUBLE_EQ(s.mean, 50.5);
	EXPECT_EQ(s.samples, 100u);

	Summary odd = summarize({5, 1, 3}, 9, 3);
	EXPECT_DOUBLE_EQ(odd.median, 3);
	EXPECT_DOUBLE_EQ(odd.p99, 5);
	EXPECT_EQ(summarize({}, 0, 0).samples, 0u);
}

TEST(PvbenchStats, MeanIsTotalOverOpsNotOverSamples)
{
	// Two batches of 10 ops: 10 ns/op and 30 ns/op, 400 ns in all.
	Summary s = summarize({10, 30}, 400, 20);
	EXPECT_DOUBLE_EQ(s.mean, 20);
	EXPECT_DOUBLE_EQ(s.median, 20);
}

// The layout of /sys/kernel/debug/xen/hypercalls: only the class section's
// "calls" column is read; other sections and the batched column are not.
TEST(PvbenchHypercalls, ReadsTheClassSection)
{
	Counters c = parse_hypercalls("enabled: 1\n"
				      "# class                        calls      batched\n"
				      "page-table                       120           40\n"
				      "interrupt                         31            0\n"
				      "timer                             12            0\n"
				      "other                              5            1\n"
				      "total                            168           41\n"
				      "# hypercall                    calls      batched\n"
				      "mmu_update                        96           30\n"
				      "# entries per multicall\n"
				      "2                                  6\n");
	EXPECT_EQ(c["page-table"], 120u);
	EXPECT_EQ(c["interrupt"], 31u);
	EXPECT_EQ(c["timer"], 12u);
	EXPECT_EQ(c["other"], 5u);
	EXPECT_EQ(c["total"], 168u);
	EXPECT_EQ(c.count("mmu_update"), 0u);
	EXPECT_EQ(c.count("2"), 0u);
	EXPECT_EQ(c.size(), 5u);
	EXPECT_TRUE(parse_hypercalls("").empty());
	EXPECT_TRUE(parse_hypercalls("mmu_update 3\n").empty());
}

TEST(PvbenchHypercalls, PerOpDeltaSkipsResets)
{
	Counters before{{"a", 10}, {"b", 100}}, after{{"a", 30}, {"b", 5}, {"c", 4}};
	auto p = per_op(before, after, 4);
	EXPECT_DOUBLE_EQ(p["a"], 5);
	EXPECT_DOUBLE_EQ(p["c"], 1);
	EXPECT_EQ(p.count("b"), 0u);
	EXPECT_TRUE(per_op(before, after, 0).empty());
}

TEST(PvbenchHypercalls, MissingFileMeansUnavailable)
{
	HypercallSource none({"/nonexistent/hypercalls"});
	EXPECT_FALSE(none.available());
	EXPECT_FALSE(none.snapshot());

	char path[] = "/tmp/pvbench-hc-XXXXXX";
	int fd = mkstemp(path);
	ASSERT_GE(fd, 0);
	std::string text = "# class calls batched\ntimer 3 0\n";
	ASSERT_EQ(write(fd, text.data(), text.size()), static_cast<ssize_t>(text.size()));
	close(fd);
	HypercallSource some({"/nonexistent/hypercalls", path});
	EXPECT_TRUE(some.available());
	EXPECT_EQ(some.path(), path);
	auto snap = some.snapshot();
	ASSERT_TRUE(snap);
	EXPECT_EQ((*snap)["timer"], 3u);
	unlink(path);
}

TEST(PvbenchOptions, KernelCommandLineSpec)
{
	EXPECT_EQ(bench_spec_in_cmdline("console=hvc0 pvops.bench=quick+timer panic=-1"),
		  "quick+timer");
	EXPECT_EQ(bench_spec_in_cmdline("pvops.bench=quick pvops.bench=full"), "full");
	EXPECT_EQ(bench_spec_in_cmdline("console=ttyS0 pvops.bench\n"), "full");
	EXPECT_FALSE(bench_spec_in_cmdline("console=ttyS0 xpvops.bench=quick"));

	Options o;
	EXPECT_FALSE(apply_spec("quick+iters=7+page-table+timer.clock_gettime", o));
	EXPECT_TRUE(o.quick);
	EXPECT_EQ(o.iterations, 7u);
	EXPECT_EQ(o.selectors, (std::vector<std::string>{"page-table", "timer.clock_gettime"}));
	auto err = apply_spec("iters=0", o);
	ASSERT_TRUE(err);
	EXPECT_NE(err->find("iters="), std::string::npos);
}

TEST(PvbenchOptions, ArgumentsAndErrors)
{
	Options o;
	const char *good[] = {"pvbench",      "--quick", "--bench",   "timer,interrupt.signal_self",
			      "--iterations", "3",	 "--no-table"};
	EXPECT_FALSE(parse_args(7, good, o));
	EXPECT_TRUE(o.quick);
	EXPECT_FALSE(o.table);
	EXPECT_EQ(o.iterations, 3u);
	EXPECT_EQ(o.selectors.size(), 2u);

	Options bad;
	const char *unknown[] = {"pvbench", "--fast"};
	EXPECT_EQ(parse_args(2, unknown, bad), "unknown option '--fast' (see --help)");
	const char *zero[] = {"pvbench", "--iterations", "0"};
	EXPECT_EQ(parse_args(3, zero, bad), "--iterations needs a positive number");
	const char *missing[] = {"pvbench", "--from-cmdline", "/nonexistent/cmdline"};
	EXPECT_EQ(parse_args(3, missing, bad), "cannot read /nonexistent/cmdline");
}

TEST(PvbenchOptions, SelectorsPickByNameClassOrPrefix)
{
	const auto &all = all_benchmarks();
	std::vector<const Benchmark *> out;
	EXPECT_FALSE(select_benchmarks(all, {}, out));
	EXPECT_EQ(out.size(), all.size());

	EXPECT_FALSE(select_benchmarks(all, {"timer.nanosleep"}, out));
	ASSERT_FALSE(out.empty());
	for (auto *b : out)
		EXPECT_EQ(b->name.rfind("timer.nanosleep", 0), 0u);

	EXPECT_FALSE(select_benchmarks(all, {"interrupt"}, out));
	for (auto *b : out)
		EXPECT_EQ(b->klass, "interrupt");

	auto err = select_benchmarks(all, {"page-table", "bogus"}, out);
	ASSERT_TRUE(err);
	EXPECT_EQ(*err, "unknown benchmark 'bogus' (see pvbench --list)");
}

TEST(PvbenchRegistry, EveryClassPresentAndNamesUnique)
{
	const auto &all = all_benchmarks();
	std::vector<std::string> names;
	for (const auto &b : all) {
		EXPECT_EQ(b.name.rfind(b.klass + ".", 0), 0u) << b.name;
		EXPECT_GT(b.quick, 0u);
		EXPECT_GE(b.full, b.quick);
		names.push_back(b.name);
	}
	std::sort(names.begin(), names.end());
	EXPECT_EQ(std::adjacent_find(names.begin(), names.end()), names.end());
	for (const char *k : {"page-table", "interrupt", "timer"})
		EXPECT_TRUE(std::any_of(all.begin(), all.end(), [&](const Benchmark &b) {
			return b.klass == k;
		})) << k;
}

TEST(PvbenchTinyElf, RunsAndExitsZero)
{
	std::string path = testing::TempDir() + "pvbench-tiny-" + std::to_string(getpid());
	ASSERT_EQ(write_tiny_elf(path), 0);
	pid_t pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		char *const argv[] = {const_cast<char *>(path.c_str()), nullptr};
		char *const envp[] = {nullptr};
		execve(path.c_str(), argv, envp);
		_exit(99);
	}
	int status = 0;
	ASSERT_EQ(waitpid(pid, &status, 0), pid);
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(WEXITSTATUS(status), 0);
	EXPECT_LT(tiny_elf_image().size(), 200u);
	unlink(path.c_str());
	EXPECT_NE(write_tiny_elf("/nonexistent/dir/x"), 0);
}

// The records, byte for byte as the host reads them: these lines are copied
// from tests/fixtures/xen-pv-pvbench.log (a real boot, written by the
// writer before nlohmann-json), so the format did not drift with the codec.
TEST(PvbenchRecords, AreTheLinesOfARealBoot)
{
	EXPECT_EQ(begin_record("quick", 15, 2, ""),
		  R"(PVBENCH: {"type":"begin","version":1,"mode":"quick","benchmarks":15,)"
		  R"("cpus":2,"hypercalls":null})");
	Benchmark mprotect{"page-table.mprotect", "page-table", "", 0, 0, 0, nullptr};
	Outcome o;
	o.bench = &mprotect;
	o.result.params = {{"pages", 16}};
	o.summary = {200, 20, 38072.66, 35153.5, 93268.249, 35153.5, 93268.2};
	EXPECT_EQ(result_record(o),
		  R"(PVBENCH: {"type":"result","name":"page-table.mprotect","class":"page-table",)"
		  R"("status":"ok","metric":"time","unit":"ns","iterations":200,"samples":20,)"
		  R"("mean":38072.7,"median":35153.5,"p99":93268.2,"min":35153.5,"max":93268.2,)"
		  R"("params":{"pages":16},"hypercalls_per_op":null})");
	Benchmark jitter{"timer.timerfd_jitter", "timer", "", 0, 0, 0, nullptr};
	Outcome skipped;
	skipped.bench = &jitter;
	skipped.result = Result::skipped(38, "timerfd_create: Function not implemented");
	EXPECT_EQ(result_record(skipped),
		  R"(PVBENCH: {"type":"result","name":"timer.timerfd_jitter","class":"timer",)"
		  R"("status":"skipped","errno":38,"reason":"timerfd_create: Function not )"
		  R"(implemented"})");
	EXPECT_EQ(end_record(14, 1, 0),
		  R"(PVBENCH: {"type":"end","ok":14,"skipped":1,"failed":0})");
}

// Whole figures without a fraction, tenths rounded, no "-0", no NaN in the
// JSON; counters per op in the class order of the map; a reason with a
// quote and a control byte stays one valid line.
TEST(PvbenchRecords, NumbersAndEscapes)
{
	Benchmark fork{"page-table.fork_exit", "page-table", "", 0, 0, 0, nullptr};
	Outcome o;
	o.bench = &fork;
	o.summary = {10, 10, 0.04, -0.04, 1.0 / 0.0, 737572.0, 1.25};
	o.hypercalls = std::map<std::string, double>{{"page-table", 12.25}, {"interrupt", 3}};
	EXPECT_EQ(result_record(o),
		  R"(PVBENCH: {"type":"result","name":"page-table.fork_exit","class":"page-table",)"
		  R"("status":"ok","metric":"time","unit":"ns","iterations":10,"samples":10,)"
		  R"("mean":0,"median":0,"p99":null,"min":737572,"max":1.3,"params":{},)"
		  R"("hypercalls_per_op":{"interrupt":3,"page-table":12.3}})");
	Outcome failed;
	failed.bench = &fork;
	failed.result = Result::failed(5, "said \"no\"\n\x01");
	EXPECT_EQ(result_record(failed),
		  R"(PVBENCH: {"type":"result","name":"page-table.fork_exit","class":"page-table",)"
		  R"("status":"failed","errno":5,"reason":"said \"no\"\n\u0001"})");
}

TEST(PvbenchRun, TimeBatchesCountsOpsAndStopsOnError)
{
	pvbench::Run run;
	run.iterations = 25;
	run.batch = 10;
	int calls = 0;
	Result r = time_batches(
		run, [&] { return ++calls, 0; }, "noop");
	EXPECT_EQ(r.ops, 25u);
	EXPECT_EQ(calls, 25);
	EXPECT_EQ(r.samples.size(), 3u); // 10 + 10 + 5
	calls = 0;
	Result bad = time_batches(
		run, [&] { return ++calls == 4 ? EPERM : 0; }, "op");
	EXPECT_EQ(bad.status, Result::Status::Failed);
	EXPECT_EQ(bad.err, EPERM);
	EXPECT_EQ(calls, 4);
	EXPECT_NE(bad.reason.find("op: "), std::string::npos);
}

} // namespace pvbench
