// SPDX-License-Identifier: GPL-2.0
// libFuzzer target: any bytes as a console log. The KTAP parser, the
// verdicts and the PVBENCH record reader must not crash, and a test that
// started without a result line must never let the log pass, and the
// kunit.py-style summary must add up.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "console.hpp"
#include "ktap.hpp"
#include "ktap_summary.hpp"
#include "pvbench_log.hpp"

namespace {

bool has_unfinished(const pvh::ktap::Test &t)
{
	for (const auto &s : t.subtests)
		if (s.result == pvh::ktap::Result::None || has_unfinished(s))
			return true;
	return false;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	std::string_view text(reinterpret_cast<const char *>(data), size);
	auto lines = pvh::console_lines(text);
	pvh::ktap::Log log = pvh::ktap::parse(lines);
	pvh::ktap::Verdict v = pvh::ktap::verdict(log);
	bool unfinished = false;
	for (const auto &d : log.documents) {
		unfinished = unfinished || has_unfinished(d.root);
		for (const auto &s : d.root.subtests)
			(void)pvh::ktap::count_subtests(s);
	}
	if (unfinished && v != pvh::ktap::Verdict::Crashed && v != pvh::ktap::Verdict::NoResults)
		__builtin_trap();
	// kunit.py's totals are the sum of its leaves' counts.
	pvh::ktap::Summary s = pvh::ktap::summarize(log);
	if (s.total != s.passed + s.failed + s.skipped + s.crashed)
		__builtin_trap();
	pvh::bench::Run run = pvh::bench::parse(lines);
	(void)pvh::bench::state(run);
	return 0;
}
