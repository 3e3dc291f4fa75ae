// SPDX-License-Identifier: GPL-2.0
#include "fake_pvbench.hpp"

#include <deque>

#include "console.hpp"
#include "output.hpp"
#include "stats.hpp"

namespace fake {

std::string pvbench_log(const std::vector<Bench> &benches, bool with_end, int planned)
{
	static std::deque<pvbench::Benchmark> keep; // Outcome points at its Benchmark
	std::string log = "[    1.0] Run /init as init process\r\r\n";
	log += pvbench::begin_record(
		       "quick", planned < 0 ? benches.size() : static_cast<std::size_t>(planned), 2,
		       "") +
	       "\r\r\n";
	for (const auto &b : benches) {
		keep.push_back({b.name, b.klass, "test", 1, 1, 1, nullptr});
		pvbench::Outcome o;
		o.bench = &keep.back();
		if (b.status == "skipped") {
			o.result = pvbench::Result::skipped(
				38, "timerfd_create: Function not implemented");
		} else if (b.status == "failed") {
			o.result = pvbench::Result::failed(1, "boom");
		} else {
			double total = 0;
			for (double s : b.samples)
				total += s;
			o.result.samples = b.samples;
			o.result.total_ns = total;
			o.result.ops = b.samples.size();
			o.summary = pvbench::summarize(b.samples, total, b.samples.size());
			o.hypercalls = b.hypercalls;
		}
		log += pvbench::result_record(o) + "\r\r\n";
		log += "[    2.0] random: crng init done\r\r\n";
	}
	if (with_end)
		log += pvbench::end_record(benches.size(), 0, 0) + "\r\r\n";
	return log;
}

pvh::Boot boot(const std::string &column, int repeat, const std::vector<Bench> &benches)
{
	std::string ktap =
		"KTAP version 1\n1..1\n    KTAP version 1\n    # Subtest: x86_hypervisor\n"
		"    1..1\n    ok 1 hypervisor_type_test\nok 1 x86_hypervisor\n";
	auto lines = pvh::console_lines(ktap + pvbench_log(benches));
	pvh::Boot b;
	b.column = column;
	b.repeat = repeat;
	b.dir = "/nonexistent/" + column;
	b.log_read = true;
	b.ktap = pvh::ktap::parse(lines);
	b.bench = pvh::bench::parse(lines);
	return b;
}

} // namespace fake
