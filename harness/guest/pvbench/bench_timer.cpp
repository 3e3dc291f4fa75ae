// SPDX-License-Identifier: GPL-2.0
// timer: reading the clock, and how late the kernel wakes a sleeper (one-
// shot sleeps of 1 us to 1 ms, periodic timerfd and absolute sleeps).
#include <sys/timerfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <time.h>

#include "bench.hpp"
#include "clock.hpp"

namespace pvbench {
namespace {

Result gettime(const Run &run)
{
	Result r = time_batches(
		run,
		[] {
			timespec ts;
			return clock_gettime(CLOCK_MONOTONIC, &ts) ? errno : 0;
		},
		"clock_gettime");
	return r;
}

// How much longer than asked a relative nanosleep takes.
Result nanosleep_overshoot(const Run &run, std::int64_t ns)
{
	Result r;
	r.metric = "overshoot";
	const timespec req = to_timespec(ns);
	for (std::uint64_t i = 0; i < run.iterations; ++i) {
		std::int64_t t0 = now_ns();
		if (::nanosleep(&req, nullptr) != 0) {
			int err = errno;
			if (i == 0 && err == ENOSYS)
				return Result::skipped(
					err, "nanosleep: " + std::string(std::strerror(err)));
			return Result::failed(err, "nanosleep: " + std::string(std::strerror(err)));
		}
		double over = static_cast<double>(now_ns() - t0 - ns);
		r.samples.push_back(over);
		r.total_ns += over;
	}
	r.ops = run.iterations;
	r.params = {{"sleep_ns", ns}};
	return r;
}

// A periodic timerfd: for each tick, how late after its deadline the read
// returned. Needs CONFIG_TIMERFD.
Result timerfd_jitter(const Run &run, std::int64_t period)
{
	int fd = ::timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
	if (fd < 0)
		return Result::skipped(errno,
				       "timerfd_create: " + std::string(std::strerror(errno)));
	std::int64_t start = now_ns() + period;
	itimerspec spec{};
	spec.it_value = to_timespec(start);
	spec.it_interval = to_timespec(period);
	if (::timerfd_settime(fd, TFD_TIMER_ABSTIME, &spec, nullptr) != 0) {
		int err = errno;
		::close(fd);
		return Result::skipped(err, "timerfd_settime: " + std::string(std::strerror(err)));
	}
	Result r;
	r.metric = "lateness";
	std::uint64_t tick = 0, missed = 0;
	while (tick < run.iterations) {
		std::uint64_t expirations = 0;
		ssize_t n = ::read(fd, &expirations, sizeof(expirations));
		std::int64_t now = now_ns();
		if (n != sizeof(expirations)) {
			int err = n < 0 ? errno : EIO;
			if (err == EINTR)
				continue;
			::close(fd);
			return Result::failed(err,
					      "timerfd read: " + std::string(std::strerror(err)));
		}
		tick += expirations;
		missed += expirations - 1;
		double late = static_cast<double>(
			now - (start + static_cast<std::int64_t>(tick - 1) * period));
		r.samples.push_back(late);
		r.total_ns += late;
		++r.ops;
	}
	::close(fd);
	r.params = {{"period_ns", period}, {"missed_ticks", static_cast<std::int64_t>(missed)}};
	return r;
}

// The same with clock_nanosleep(TIMER_ABSTIME) to the next period: what a
// kernel without timerfd offers a periodic task.
Result abs_sleep_jitter(const Run &run, std::int64_t period)
{
	Result r;
	r.metric = "lateness";
	std::int64_t deadline = now_ns();
	for (std::uint64_t i = 0; i < run.iterations; ++i) {
		deadline += period;
		timespec ts = to_timespec(deadline);
		int err = ::clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nullptr);
		if (err == EINTR) {
			--i;
			deadline -= period;
			continue;
		}
		if (err) {
			if (i == 0)
				return Result::skipped(
					err, "clock_nanosleep: " + std::string(std::strerror(err)));
			return Result::failed(err, "clock_nanosleep: " +
							   std::string(std::strerror(err)));
		}
		double late = static_cast<double>(now_ns() - deadline);
		r.samples.push_back(late);
		r.total_ns += late;
	}
	r.ops = run.iterations;
	r.params = {{"period_ns", period}};
	return r;
}

} // namespace

void add_timer_benchmarks(std::vector<Benchmark> &out)
{
	const std::string c = "timer";
	out.push_back({c + ".clock_gettime", c, "clock_gettime(CLOCK_MONOTONIC)", 100000, 2000, 100,
		       gettime});
	const struct {
		const char *label;
		std::int64_t ns;
		std::uint64_t full, quick;
	} sleeps[] = {
		{"1us", 1000, 1000, 10},
		{"10us", 10000, 1000, 10},
		{"100us", 100000, 500, 10},
		{"1ms", 1000000, 200, 5},
	};
	for (const auto &s : sleeps) {
		std::int64_t ns = s.ns;
		out.push_back({c + ".nanosleep_" + s.label, c,
			       std::string("nanosleep(") + s.label + ") overshoot", s.full, s.quick,
			       1, [ns](const Run &run) { return nanosleep_overshoot(run, ns); }});
	}
	out.push_back({c + ".timerfd_jitter", c, "periodic 1 ms timerfd, lateness per tick", 500,
		       10, 1, [](const Run &run) { return timerfd_jitter(run, 1000000); }});
	out.push_back({c + ".abs_sleep_jitter", c,
		       "periodic 1 ms clock_nanosleep(TIMER_ABSTIME), lateness per tick", 500, 10,
		       1, [](const Run &run) { return abs_sleep_jitter(run, 1000000); }});
}

} // namespace pvbench
