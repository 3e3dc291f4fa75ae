// SPDX-License-Identifier: GPL-2.0
// interrupt: wakeups across vCPUs (IPIs, event channels under Xen), signal
// delivery and voluntary context switches.
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

#include "bench.hpp"

namespace pvbench {
namespace {

// Pin the calling process to one CPU; false when the kernel says no.
bool pin_to(int cpu)
{
	cpu_set_t set;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	return ::sched_setaffinity(0, sizeof(set), &set) == 0;
}

int full_read(int fd, char *c)
{
	for (;;) {
		ssize_t n = ::read(fd, c, 1);
		if (n == 1)
			return 0;
		if (n == 0)
			return EPIPE;
		if (errno != EINTR)
			return errno;
	}
}

int full_write(int fd, char c)
{
	for (;;) {
		if (::write(fd, &c, 1) == 1)
			return 0;
		if (errno != EINTR)
			return errno;
	}
}

// One byte there and back between two processes on different vCPUs: two
// cross-CPU wakeups per op.
Result pipe_pingpong(const Run &run)
{
	int there[2], back[2];
	if (::pipe(there) != 0)
		return Result::skipped(errno, std::string("pipe: ") + std::strerror(errno));
	if (::pipe(back) != 0) {
		int err = errno;
		::close(there[0]);
		::close(there[1]);
		return Result::skipped(err, std::string("pipe: ") + std::strerror(err));
	}
	const bool two = run.cpus >= 2;
	pid_t pid = ::fork();
	if (pid < 0)
		return Result::failed(errno, std::string("fork: ") + std::strerror(errno));
	if (pid == 0) {
		if (two)
			pin_to(1);
		::close(there[1]);
		::close(back[0]);
		char c;
		while (full_read(there[0], &c) == 0)
			if (full_write(back[1], c) != 0)
				::_exit(1);
		::_exit(0);
	}
	::close(there[0]);
	::close(back[1]);
	bool pinned = two && pin_to(0);
	Result r = time_batches(
		run,
		[&] {
			char c = 'x';
			if (int err = full_write(there[1], c))
				return err;
			return full_read(back[0], &c);
		},
		"pipe write/read");
	::close(there[1]); // the partner reads EOF and exits
	::close(back[0]);
	int err = reap(pid);
	if (r.status == Result::Status::Ok && err)
		return Result::failed(err, "pipe partner did not exit cleanly");
	r.params = {{"pinned", pinned ? 1 : 0}};
	return r;
}

volatile sig_atomic_t signals_seen = 0;

void on_signal(int)
{
	signals_seen = signals_seen + 1;
}

// kill(getpid()) with a handler installed: delivery on the way out of the
// syscall, the handler, and rt_sigreturn.
Result signal_self(const Run &run)
{
	struct sigaction sa {
	}, old{};
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	if (::sigaction(SIGUSR1, &sa, &old) != 0)
		return Result::skipped(errno, std::string("sigaction: ") + std::strerror(errno));
	signals_seen = 0;
	pid_t self = ::getpid();
	Result r = time_batches(
		run, [&] { return ::kill(self, SIGUSR1) ? errno : 0; }, "kill");
	::sigaction(SIGUSR1, &old, nullptr);
	if (r.status == Result::Status::Ok && static_cast<std::uint64_t>(signals_seen) != r.ops)
		return Result::failed(EINTR, "signals delivered (" + std::to_string(signals_seen) +
						     ") != signals sent (" + std::to_string(r.ops) +
						     ")");
	return r;
}

// Two processes on one vCPU hand a token back and forth through shared
// memory, yielding while it is not their turn: an op is one round trip.
Result yield_pingpong(const Run &run)
{
	void *shared =
		::mmap(nullptr, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (shared == MAP_FAILED)
		return Result::skipped(errno,
				       std::string("mmap MAP_SHARED: ") + std::strerror(errno));
	auto *turn = new (shared) std::atomic<std::uint64_t>(0);
	const std::uint64_t rounds = run.iterations;
	// Pin before the fork, so that the child starts on vCPU 0 too: a child
	// still on the other vCPU would leave the parent spinning for it (and
	// under QEMU -icount a spinning vCPU can starve the other for seconds).
	bool pinned = pin_to(0);
	pid_t pid = ::fork();
	if (pid < 0) {
		int err = errno;
		::munmap(shared, 4096);
		return Result::failed(err, std::string("fork: ") + std::strerror(err));
	}
	if (pid == 0) {
		for (std::uint64_t i = 0; i < rounds; ++i) {
			while (turn->load() != 2 * i + 1)
				::sched_yield();
			turn->store(2 * i + 2);
		}
		::_exit(0);
	}
	std::uint64_t i = 0;
	Result r = time_batches(
		run,
		[&] {
			turn->store(2 * i + 1);
			while (turn->load() != 2 * i + 2)
				::sched_yield();
			++i;
			return 0;
		},
		"sched_yield");
	int err = reap(pid);
	::munmap(shared, 4096);
	if (r.status == Result::Status::Ok && err)
		return Result::failed(err, "yield partner did not exit cleanly");
	r.params = {{"pinned", pinned ? 1 : 0}};
	return r;
}

} // namespace

void add_interrupt_benchmarks(std::vector<Benchmark> &out)
{
	const std::string c = "interrupt";
	out.push_back({c + ".pipe_pingpong", c, "1-byte pipe round trip, processes on vCPU 0 and 1",
		       5000, 100, 10, pipe_pingpong});
	out.push_back({c + ".signal_self", c, "kill(getpid(), SIGUSR1) with a handler", 10000, 200,
		       10, signal_self});
	out.push_back({c + ".yield_pingpong", c, "sched_yield round trip, two processes on vCPU 0",
		       5000, 100, 10, yield_pingpong});
}

} // namespace pvbench
