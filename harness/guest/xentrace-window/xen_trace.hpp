// SPDX-License-Identifier: GPL-2.0
// Reads the file xentrace writes (Xen's trace buffers, as copied from each
// physical CPU) and counts, for one domain, the hypercalls each of its
// vCPUs made between two marker hypercalls. Runs in dom0, where the file
// is (scripts/guest/dom0-init); the host compares the counts with the
// domU's own (harness/src/trace_window.hpp).
//
// What is read, from Xen 4.17's public/trace.h and xentrace's output:
// every record is a 32-bit header (event in bits 0-27, number of 32-bit
// data words in bits 28-30, a timestamp flag in bit 31), the 64-bit
// timestamp when flagged, then the data words. xentrace writes each
// physical CPU's records in runs, each preceded by a CPU-change record
// naming the CPU. A record belongs to the vCPU that CPU runs: the last
// runstate change to "running" on that CPU names it (Xen writes it on the
// CPU that switches, with sched-gran=cpu, the default). A vCPU's records
// from several CPUs are put in order by their timestamps; a vCPU that ran
// on two CPUs at once by those is an error rather than a miscount. A call
// Xen preempted and the guest issues again (an mmu_update or mmuext_op
// whose count carries MMU_UPDATE_PREEMPTED; a multicall of the entries
// left) is counted apart. An HVM guest's VMMCALL restarted the same way
// cannot be told from a new one: the trace records only its number.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace xentrace {

// The events read; everything else is skipped by its size.
inline constexpr std::uint32_t kCpuChange = 0x0001f003;	     // TRC_TRACE_CPU_CHANGE
inline constexpr std::uint32_t kLostRecords = 0x0001f001;    // TRC_LOST_RECORDS
inline constexpr std::uint32_t kRunstateChange = 0x00021001; // | old << 8 | new << 4
inline constexpr std::uint32_t kPvHypercall = 0x0020100d;    // TRC_PV_HYPERCALL_V2
inline constexpr std::uint32_t kPvSubcall = 0x0020200e;	     // TRC_PV_HYPERCALL_SUBCALL
inline constexpr std::uint32_t kHvmVmmcall = 0x00082012;     // TRC_HVM_VMMCALL
// mmu_update and mmuext_op restarted after Xen preempted them carry this
// in their count (MMU_UPDATE_PREEMPTED); they are not new calls.
inline constexpr std::uint32_t kPreempted = 0x80000000;

// One vCPU's window, the two markers included.
struct Window {
	int markers = 0;			   // 2: a whole window
	std::map<unsigned, std::uint64_t> calls;   // traps into Xen by number
	std::map<unsigned, std::uint64_t> batched; // multicall entries by number
	std::uint64_t restarted = 0; // preempted calls issued again, not counted above
};

struct Result {
	std::map<unsigned, Window> vcpus; // only vCPUs that made a marker
	std::uint64_t records = 0;	  // every record in the file
	std::uint64_t lost = 0;		  // records Xen could not store
	std::string error; // the file ends inside a record; the CPUs' clocks disagree
};

// Counts the windows of domain `domain` bracketed by hypercall `mark`.
Result count_windows(std::string_view file, unsigned domain, unsigned mark);

// "op:count,..." in number order, "" when empty (the domU's format).
std::string list(const std::map<unsigned, std::uint64_t> &counts);

} // namespace xentrace
