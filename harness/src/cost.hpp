// SPDX-License-Identifier: GPL-2.0
// What hypercall accounting costs, judged from pvharness reports
// (report.json, deterministic mode: a per-op time is a count of guest
// instructions, Xen's included), one report per boot of one kernel:
//   base     the kernel without accounting;
//   off      the kernel with accounting compiled in, off
//            (xen_hypercall_stats=off);
//   placebo  (optional) the base kernel with as much code as accounting
//            adds, never called: every later function moves as with it;
//   on, on_off (optional, together) the full kernel booted with
//            xen_hypercall_stats=on, and booted the same way with
//            xen_hypercall_stats=off;
//   events, events_off (optional, together) the full kernel built with the
//            trace events, booted with trace_event=xen:* and without:
//            what the existing xen_mc_*/xen_mmu_* events cost when enabled,
//            shown beside the accounting, not judged;
//   xentrace (optional, with on_off) the full kernel booted as the on_off
//            boots, as a Xen dom0 in which xentrace records the guest's
//            hypercalls while the benchmarks run: what recording costs
//            the traced domain, shown, not judged.
// A kernel's figure for a benchmark is its least median over its boots.
// Targets, on the benchmarks whose metric is "time" (the wakeups'
// overshoot and lateness are shown beside them):
//   |off - base| <= 0.1% in every boot column; an op outside it still
//   meets the target when it is within 0.1% of the placebo ("met, layout":
//   the unused code moved it as far, so what moved it is where the code
//   after the accounting lies, not what accounting that is off executes);
//   on - off <= 2% under Xen, and no hypercall counted while off.
#pragma once

#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace pvh::cost {

constexpr double kOffLimit = 0.1; // percent
constexpr double kOnLimit = 2.0;  // percent

using Key = std::pair<std::string, std::string>; // benchmark, column

// What the judge reads from one report.json.
struct Report {
	std::string path;
	std::vector<std::string> columns;	   // in the matrix' order
	std::map<std::string, std::string> metric; // benchmark -> time, overshoot, lateness
	std::map<Key, double> median;		   // the cells that ran ("ok") with a median
	std::map<Key, double> hypercalls; // their hypercalls per op, all classes; absent: n/a
};

// A report from the text of a report.json that pvharness wrote; nullopt
// with a one-line error (naming path) when it is not one, or was not run
// in deterministic mode.
std::optional<Report> parse_report(const std::string &text, const std::string &path,
				   std::string &error);
std::optional<Report> read_report(const std::string &path, std::string &error);

struct Input {
	std::vector<Report> base, off, placebo, on, on_off, events, events_off, xentrace;
	std::string code, placebo_code; // textcmp outputs, "" when not given
	std::string layout;		// one line on where the kernels place their code
};

// Prints the tables and verdicts; 0 when every target is met, 1 when one
// is missed.
int judge(const Input &in, std::ostream &out);

} // namespace pvh::cost
