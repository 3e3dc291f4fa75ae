// SPDX-License-Identifier: GPL-2.0
#include "xen_trace.hpp"

#include <algorithm>
#include <cstring>
#include <vector>

namespace xentrace {
namespace {

struct Record {
	std::uint32_t event = 0;
	bool has_tsc = false;
	std::uint64_t tsc = 0;
	std::uint32_t data[7] = {};
	unsigned words = 0;
};

// One record at `pos`; false at the end of the file or inside a record.
bool next(std::string_view f, std::size_t &pos, Record &r, std::string &error)
{
	if (pos + 4 > f.size()) {
		if (pos != f.size())
			error = "the trace ends inside a record header";
		return false;
	}
	std::uint32_t header;
	std::memcpy(&header, f.data() + pos, 4);
	r.event = header & 0x0fffffff;
	r.words = (header >> 28) & 7;
	r.has_tsc = header >> 31;
	std::size_t size = 4 + (r.has_tsc ? 8 : 0) + 4 * r.words;
	if (pos + size > f.size()) {
		error = "the trace ends inside a record";
		return false;
	}
	const char *p = f.data() + pos + 4;
	if (r.has_tsc) {
		std::memcpy(&r.tsc, p, 8);
		p += 8;
	}
	std::memcpy(r.data, p, 4 * r.words);
	pos += size;
	return true;
}

// A hypercall of the domain's, in time order within its vCPU.
struct Call {
	std::uint64_t tsc;
	std::uint64_t seq; // file order, for equal timestamps
	unsigned op;
	bool entry;	     // a multicall entry
	bool restarted;	     // a preempted mmu_update/mmuext_op, issued again
	std::uint32_t count; // a multicall's number of entries
};

struct Cpu {
	bool known = false; // a vCPU has been seen to start running here
	unsigned domain = 0, vcpu = 0;
	std::uint64_t since = 0; // when it started to
	std::uint64_t tsc = 0;	 // of the last record that had one
};

// A stretch of time a vCPU of the domain ran on one CPU.
struct Interval {
	std::uint64_t from, to;
	unsigned cpu;
};

constexpr unsigned kMulticall = 13;

bool is_restart(const Record &r, unsigned op)
{
	// mmu_update (1) and mmuext_op (26) record their count as the one
	// argument present in the V2 format.
	return (op == 1 || op == 26) && r.words >= 2 && (r.data[1] & kPreempted);
}

// The domain's vCPUs ran on several CPUs; ordering their records by
// timestamp assumes those CPUs' clocks agree. Two stretches of one vCPU
// that overlap in time say they do not.
std::string check_overlaps(std::map<unsigned, std::vector<Interval>> &ran)
{
	for (auto &[vcpu, list] : ran) {
		std::sort(list.begin(), list.end(),
			  [](const Interval &a, const Interval &b) { return a.from < b.from; });
		for (std::size_t i = 1; i < list.size(); ++i)
			if (list[i].from < list[i - 1].to && list[i].cpu != list[i - 1].cpu)
				return "vCPU " + std::to_string(vcpu) + " ran on CPUs " +
				       std::to_string(list[i - 1].cpu) + " and " +
				       std::to_string(list[i].cpu) +
				       " at once by their timestamps: their clocks disagree";
	}
	return "";
}

// Counts one vCPU's window in its calls, in time order. A multicall that
// Xen preempted between entries comes back as a multicall of the entries
// left (or of one more, when an entry was itself preempted); it is a
// restart, not a new call.
Window window_of(const std::vector<Call> &list, unsigned mark)
{
	Window w;
	std::uint32_t left = 0; // entries of the last multicall not yet seen
	for (const Call &call : list) {
		bool restarted = call.restarted;
		if (call.entry) {
			if (left)
				--left;
		} else {
			if (call.op == kMulticall && left &&
			    (call.count == left || call.count == left + 1))
				restarted = true;
			left = call.op == kMulticall ? call.count : 0;
		}
		bool is_mark = !call.entry && call.op == mark;
		if (w.markers == 0 && !is_mark)
			continue;
		if (w.markers == 2)
			break;
		if (is_mark)
			++w.markers;
		if (restarted)
			++w.restarted;
		else
			++(call.entry ? w.batched : w.calls)[call.op];
	}
	return w;
}

} // namespace

Result count_windows(std::string_view file, unsigned domain, unsigned mark)
{
	Result out;
	std::map<unsigned, Cpu> cpus;
	std::map<unsigned, std::vector<Call>> calls;   // by vCPU
	std::map<unsigned, std::vector<Interval>> ran; // by vCPU
	auto close = [&](unsigned cpu, const Cpu &c, std::uint64_t to) {
		if (c.known && c.domain == domain)
			ran[c.vcpu].push_back({c.since, to, cpu});
	};
	unsigned cpu = 0;
	std::size_t pos = 0;
	Record r;
	while (next(file, pos, r, out.error)) {
		++out.records;
		Cpu &c = cpus[cpu];
		if (r.has_tsc)
			c.tsc = r.tsc;
		if (r.event == kCpuChange && r.words >= 1) {
			cpu = r.data[0];
			continue;
		}
		if (r.event == kLostRecords && r.words >= 1) {
			out.lost += r.data[0];
			continue;
		}
		if ((r.event & 0xfffff00f) == kRunstateChange && r.words >= 1) {
			if (((r.event >> 4) & 3) == 0) { // to running
				close(cpu, c, c.tsc);
				c.known = true;
				c.vcpu = r.data[0] & 0xffff;
				c.domain = r.data[0] >> 16;
				c.since = c.tsc;
			}
			continue;
		}
		bool pv = r.event == kPvHypercall || r.event == kPvSubcall;
		if (!pv && r.event != kHvmVmmcall)
			continue;
		if (!c.known || c.domain != domain || r.words < 1)
			continue;
		unsigned op = pv ? (r.data[0] & 0x000fffff) : r.data[0];
		std::uint32_t count = pv && op == kMulticall && r.words >= 2 ? r.data[1] : 0;
		calls[c.vcpu].push_back({c.tsc, out.records, op, r.event == kPvSubcall,
					 pv && is_restart(r, op), count});
	}
	for (const auto &[n, c] : cpus)
		close(n, c, c.tsc);
	if (out.error.empty())
		out.error = check_overlaps(ran);
	for (auto &[vcpu, list] : calls) {
		std::stable_sort(list.begin(), list.end(), [](const Call &a, const Call &b) {
			return a.tsc != b.tsc ? a.tsc < b.tsc : a.seq < b.seq;
		});
		Window w = window_of(list, mark);
		if (w.markers)
			out.vcpus[vcpu] = w;
	}
	return out;
}

std::string list(const std::map<unsigned, std::uint64_t> &counts)
{
	std::string s;
	for (const auto &[op, n] : counts)
		s += (s.empty() ? "" : ",") + std::to_string(op) + ":" + std::to_string(n);
	return s;
}

} // namespace xentrace
