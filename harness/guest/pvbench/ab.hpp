// SPDX-License-Identifier: GPL-2.0
// The A/B mode (--hcstats-ab): each benchmark run several times in one
// boot, hypercall accounting switched off and on between passes in the
// order off, on, on, off, ... (so that a drift of the guest's state over
// the passes weighs on both sides alike). One "PVBENCH-AB: {json}" record
// per benchmark gives the median per op of every pass and what accounting
// adds: the controlled measurement of its cost, the same kernel in the
// same boot, only the switch differs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bench.hpp"
#include "hypercalls.hpp"

namespace pvbench {

inline constexpr const char *kAbPrefix = "PVBENCH-AB: ";
inline constexpr unsigned kAbPasses = 4;

// Writes "1" or "0" to the accounting file (debugfs xen/hypercalls).
class AccountingSwitch
{
public:
	explicit AccountingSwitch(std::string path) : path_(std::move(path)) {}
	const std::string &path() const { return path_; }
	// An error message naming the file, or nothing.
	std::optional<std::string> set(bool on) const;

private:
	std::string path_;
};

// Whether pass `i` of an A/B run has accounting on: off, on, on, off,
// off, on, on, off, ...
bool ab_pass_is_on(unsigned i);

struct AbPass {
	bool on = false;
	double median = 0;     // per op, over the pass's samples
	double hypercalls = 0; // counted per op during the pass
};

struct AbOutcome {
	const Benchmark *bench = nullptr;
	Result first_failure; // status Ok when every pass ran
	std::string metric = "time";
	std::uint64_t iterations = 0;
	std::vector<AbPass> passes;
};

// The figures of an A/B outcome: the least of the passes' medians on each
// side (a pass can only be slowed by what else the guest did, such as a
// timer interrupt landing in it), the change from off to on in percent,
// the mean hypercalls per op counted while on (and while off, which must
// be 0), and the cost per hypercall (0 when none was made).
struct AbFigures {
	double off = 0;
	double on = 0;
	double delta_pct = 0;
	double hypercalls_on = 0;
	double hypercalls_off = 0;
	double per_hypercall = 0;
};
AbFigures ab_figures(const std::vector<AbPass> &passes);

// Run `b` in `passes` passes (an even number) switching accounting with
// `sw` and reading the counters from `hc`; a pass that fails or a switch
// that cannot be written ends the run with a failure.
AbOutcome run_ab(const Benchmark &b, const Run &run, const AccountingSwitch &sw,
		 const HypercallSource &hc, unsigned passes);

std::string ab_record(const AbOutcome &o);

// For people: per benchmark off, on (per op, in the metric's ns), the
// change, hypercalls per op and what each one added.
std::string ab_table(const std::vector<AbOutcome> &outcomes);

} // namespace pvbench
