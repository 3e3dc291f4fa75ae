// SPDX-License-Identifier: GPL-2.0
#include "bench.hpp"

#include <sys/wait.h>

#include <cerrno>
#include <cstring>

#include "clock.hpp"

namespace pvbench {

Result Result::skipped(int err, std::string reason)
{
	Result r;
	r.status = Status::Skipped;
	r.err = err;
	r.reason = std::move(reason);
	return r;
}

Result Result::failed(int err, std::string reason)
{
	Result r;
	r.status = Status::Failed;
	r.err = err;
	r.reason = std::move(reason);
	return r;
}

Result time_batches(const Run &run, const std::function<int()> &op, const char *what)
{
	Result r;
	unsigned batch = run.batch ? run.batch : 1;
	r.samples.reserve(run.iterations / batch + 1);
	std::uint64_t done = 0;
	while (done < run.iterations) {
		std::uint64_t n = std::min<std::uint64_t>(batch, run.iterations - done);
		std::int64_t t0 = now_ns();
		for (std::uint64_t i = 0; i < n; ++i) {
			if (int err = op())
				return Result::failed(err, std::string(what) + ": " +
								   std::strerror(err));
		}
		double dt = static_cast<double>(now_ns() - t0);
		r.samples.push_back(dt / static_cast<double>(n));
		r.total_ns += dt;
		done += n;
	}
	r.ops = done;
	return r;
}

const std::vector<Benchmark> &all_benchmarks()
{
	static const std::vector<Benchmark> all = [] {
		std::vector<Benchmark> v;
		add_pagetable_benchmarks(v);
		add_interrupt_benchmarks(v);
		add_timer_benchmarks(v);
		return v;
	}();
	return all;
}

int reap(pid_t pid)
{
	int status = 0;
	while (::waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return errno;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : ECHILD;
}

} // namespace pvbench
