// SPDX-License-Identifier: GPL-2.0
// pvbench: microbenchmarks of the operations paravirtualization changes
// (page tables, interrupts, timers), run inside the guest. Each benchmark
// prints one "PVBENCH: {json}" line for the host harness, then a table.
// A benchmark whose syscall is missing from the kernel is reported as
// skipped with its errno; pvbench exits 1 only when one failed.
#include <sched.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "bench.hpp"
#include "cli.hpp"
#include "hypercalls.hpp"
#include "output.hpp"

using namespace pvbench;

static int online_cpus()
{
	cpu_set_t set;
	CPU_ZERO(&set);
	if (::sched_getaffinity(0, sizeof(set), &set) == 0)
		return CPU_COUNT(&set);
	long n = ::sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? static_cast<int>(n) : 1;
}

static Run run_of(const Benchmark &b, const Options &opts, int cpus)
{
	Run run;
	run.quick = opts.quick;
	run.iterations = opts.iterations ? opts.iterations : (opts.quick ? b.quick : b.full);
	run.batch = b.batch;
	if (run.batch > run.iterations)
		run.batch = static_cast<unsigned>(run.iterations);
	run.cpus = cpus;
	run.exec_path = opts.exec_path;
	return run;
}

static Outcome run_one(const Benchmark &b, const Options &opts, int cpus, const HypercallSource &hc)
{
	Run run = run_of(b, opts, cpus);
	Outcome o;
	o.bench = &b;
	auto before = hc.snapshot();
	o.result = b.run(run);
	auto after = hc.snapshot();
	if (o.result.status == Result::Status::Ok) {
		o.summary = summarize(o.result.samples, o.result.total_ns, o.result.ops);
		if (before && after)
			o.hypercalls = per_op(*before, *after, o.result.ops);
	}
	return o;
}

int main(int argc, char **argv)
{
	Options opts;
	if (auto err = parse_args(argc, argv, opts)) {
		std::cerr << "pvbench: error: " << *err << '\n';
		return 2;
	}
	if (opts.help) {
		std::cout << usage_text();
		return 0;
	}
	const auto &all = all_benchmarks();
	if (opts.list) {
		for (const auto &b : all)
			std::printf("%-30s %-10s quick %5llu, full %6llu  %s\n", b.name.c_str(),
				    b.klass.c_str(), static_cast<unsigned long long>(b.quick),
				    static_cast<unsigned long long>(b.full), b.what.c_str());
		return 0;
	}
	std::vector<const Benchmark *> chosen;
	if (auto err = select_benchmarks(all, opts.selectors, chosen)) {
		std::cerr << "pvbench: error: " << *err << '\n';
		return 2;
	}

	// Sleeps end when asked, not up to 50 us later: the overshoot is then
	// the kernel's timer path (clockevents, interrupt delivery), not slack.
	::prctl(PR_SET_TIMERSLACK, 1UL, 0UL, 0UL, 0UL);
	int cpus = online_cpus();
	// Everything runs on vCPU 0 (pipe_pingpong moves its partner to vCPU 1):
	// no migrations, and under QEMU -icount fewer vCPU interleavings, so
	// that repeated deterministic runs give the same figures.
	cpu_set_t first;
	CPU_ZERO(&first);
	CPU_SET(0, &first);
	::sched_setaffinity(0, sizeof(first), &first);
	HypercallSource hc(opts.hypercall_paths);
	emit_line(begin_record(opts.mode_label(), chosen.size(), cpus, hc.path()));
	std::vector<Outcome> outcomes;
	std::size_t ok = 0, skipped = 0, failed = 0;
	for (const Benchmark *b : chosen) {
		outcomes.push_back(run_one(*b, opts, cpus, hc));
		emit_line(result_record(outcomes.back()));
		switch (outcomes.back().result.status) {
		case Result::Status::Ok:
			++ok;
			break;
		case Result::Status::Skipped:
			++skipped;
			break;
		case Result::Status::Failed:
			++failed;
			break;
		}
	}
	emit_line(end_record(ok, skipped, failed));
	if (opts.table) {
		std::string t = table(outcomes);
		if (!hc.available())
			t += "hypercalls: n/a (no /sys/kernel/debug/xen/hypercalls)\n";
		std::fwrite(t.data(), 1, t.size(), stdout);
		std::fflush(stdout);
	}
	return failed ? 1 : 0;
}
