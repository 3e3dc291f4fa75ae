// SPDX-License-Identifier: GPL-2.0
// Xen's trace as a witness of a kernel's own hypercall counts. Its KUnit
// case xen_hypercalls_trace.trace_window_test brackets a workload with two
// marker hypercalls and prints what its counters saw in between ("...
// trace_window: vcpu=V mark=M calls=OP:N,... batched=OP:N,..."); a dom0
// records Xen's trace (the domU's dom0, or the kernel itself when it is
// dom0), reads it with harness/guest/xentrace-window and prints that
// program's output as "PVOPS-TRACE: " lines: per vCPU, what Xen saw from
// its first marker to its second. Both sides count the markers.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace pvh::trace {

// Hypercalls by number: traps into Xen, and multicall entries.
struct Counts {
	std::map<unsigned, std::uint64_t> calls, batched;
};

// What the domU's counters saw in its window.
struct GuestWindow {
	unsigned vcpu = 0, mark = 0;
	Counts counts;
};

// What Xen's trace shows for the same vCPU between the same markers.
struct XenWindow {
	int markers = 0;	     // marker records seen (2 for a whole window)
	Counts counts;		     // the markers included
	std::uint64_t restarted = 0; // mmu_update/mmuext_op resumed after preemption
	std::uint64_t lost = 0;	     // records the trace lost, anywhere
	std::uint64_t records = 0;   // records in the trace
};

// The last window line in the kernel's console; nullopt when there is none.
// A line that names a window but does not parse throws std::runtime_error.
std::optional<GuestWindow> find_guest_window(const std::vector<std::string> &lines);

// xentrace-window's output in a console: its "PVOPS-TRACE: " lines,
// without the prefix.
std::vector<std::string> records(const std::vector<std::string> &console);

// vCPU `vcpu`'s window in xentrace-window's output ("vcpu=V markers=N
// calls=... batched=... restarted=N" lines, then "records=N lost=N"); no
// line for the vCPU: markers 0. A line that does not parse throws
// std::runtime_error.
XenWindow xen_window(const std::vector<std::string> &lines, unsigned vcpu);

// Number by number, the guest's counts against Xen's: equal, except the
// numbers in `uncounted` (name -> number), which the guest must show as 0.
// result: {"vcpu", "mark", "lost", "restarted", "calls": {op: [guest,
// xen]}, "batched": {...}, "mismatches": [...]}; a whole window, no lost
// record and no mismatch make "mismatches" empty.
nlohmann::json compare(const GuestWindow &guest, const XenWindow &xen,
		       const std::map<std::string, unsigned> &uncounted);

} // namespace pvh::trace
