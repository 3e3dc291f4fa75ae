// SPDX-License-Identifier: GPL-2.0
// The one clock pvbench measures with: CLOCK_MONOTONIC in nanoseconds
// (through the vDSO where the kernel offers one).
#pragma once

#include <cstdint>
#include <time.h>

namespace pvbench {

inline std::int64_t now_ns()
{
	timespec ts{};
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return std::int64_t{ts.tv_sec} * 1000000000 + ts.tv_nsec;
}

inline timespec to_timespec(std::int64_t ns)
{
	timespec ts{};
	ts.tv_sec = static_cast<time_t>(ns / 1000000000);
	ts.tv_nsec = static_cast<long>(ns % 1000000000);
	return ts;
}

} // namespace pvbench
