// SPDX-License-Identifier: GPL-2.0
// What a pvbench benchmark is: a name ("class.op"), an operation class, a
// number of ops for the full and the --quick set, and a function that does
// the ops and returns per-op samples (or why it could not run).
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace pvbench {

struct Result {
	enum class Status { Ok, Skipped, Failed };
	Status status = Status::Ok;
	int err = 0;	    // errno behind a skip or failure
	std::string reason; // "timerfd_create: Function not implemented"
	// What a sample measures: "time" (per op), "overshoot" (past the
	// requested sleep) or "lateness" (past the periodic deadline).
	std::string metric = "time";
	std::vector<double> samples; // ns per op, one per batch
	double total_ns = 0;	     // over all ops, for the mean
	std::uint64_t ops = 0;
	std::vector<std::pair<std::string, std::int64_t>> params;

	static Result skipped(int err, std::string reason);
	static Result failed(int err, std::string reason);
};

// What a benchmark gets: how many ops to do, how many to time together,
// and the machine's facts it may need.
struct Run {
	std::uint64_t iterations = 0;
	unsigned batch = 1;
	int cpus = 1;
	std::string exec_path; // the tiny program fork+exec runs
	bool quick = false;
};

struct Benchmark {
	std::string name;    // "page-table.fork_exit"
	std::string klass;   // "page-table", "interrupt" or "timer"
	std::string what;    // one line for --list
	std::uint64_t full;  // ops in the full set
	std::uint64_t quick; // ops in the --quick set
	unsigned batch;	     // ops timed together per sample
	std::function<Result(const Run &)> run;
};

// Time `run.iterations` calls of op in batches of run.batch: one sample of
// ns per op per batch. op returns 0, or an errno to stop with a failure.
Result time_batches(const Run &run, const std::function<int()> &op, const char *what);

// Every benchmark, in a fixed order: page-table, interrupt, timer.
const std::vector<Benchmark> &all_benchmarks();
void add_pagetable_benchmarks(std::vector<Benchmark> &out);
void add_interrupt_benchmarks(std::vector<Benchmark> &out);
void add_timer_benchmarks(std::vector<Benchmark> &out);

// Wait for a child and turn anything but exit(0) into an errno-ish code.
int reap(pid_t pid);

} // namespace pvbench
