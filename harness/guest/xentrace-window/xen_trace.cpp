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
	bool entry;	// a multicall entry
	bool restarted; // a preempted mmu_update/mmuext_op, issued again
};

struct Cpu {
	bool known = false; // a vCPU has been seen to start running here
	unsigned domain = 0, vcpu = 0;
	std::uint64_t tsc = 0; // of the last record that had one
};

bool is_restart(const Record &r, unsigned op)
{
	// mmu_update (1) and mmuext_op (26) record their count as the one
	// argument present in the V2 format.
	return (op == 1 || op == 26) && r.words >= 2 && (r.data[1] & kPreempted);
}

} // namespace

Result count_windows(std::string_view file, unsigned domain, unsigned mark)
{
	Result out;
	std::map<unsigned, Cpu> cpus;
	std::map<unsigned, std::vector<Call>> calls; // by vCPU
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
				c.known = true;
				c.vcpu = r.data[0] & 0xffff;
				c.domain = r.data[0] >> 16;
			}
			continue;
		}
		bool pv = r.event == kPvHypercall || r.event == kPvSubcall;
		if (!pv && r.event != kHvmVmmcall)
			continue;
		if (!c.known || c.domain != domain || r.words < 1)
			continue;
		unsigned op = pv ? (r.data[0] & 0x000fffff) : r.data[0];
		calls[c.vcpu].push_back(
			{c.tsc, out.records, op, r.event == kPvSubcall, pv && is_restart(r, op)});
	}
	for (auto &[vcpu, list] : calls) {
		std::stable_sort(list.begin(), list.end(), [](const Call &a, const Call &b) {
			return a.tsc != b.tsc ? a.tsc < b.tsc : a.seq < b.seq;
		});
		Window w;
		for (const Call &call : list) {
			bool is_mark = !call.entry && call.op == mark;
			if (w.markers == 0 && !is_mark)
				continue;
			if (w.markers == 2)
				break;
			if (is_mark)
				++w.markers;
			if (call.restarted)
				++w.restarted;
			else
				++(call.entry ? w.batched : w.calls)[call.op];
		}
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
