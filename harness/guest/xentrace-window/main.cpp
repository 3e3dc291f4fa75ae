// SPDX-License-Identifier: GPL-2.0
// xentrace-window: dom0's reader of Xen's trace for the domU columns.
//
//   xentrace-window DOMID MARK FILE
//
// Prints, for each vCPU of domain DOMID that made hypercall MARK, what it
// made from its first MARK to its second, both included:
//   vcpu=V markers=N calls=OP:COUNT,... batched=OP:COUNT,... restarted=N
// then "records=N lost=N". Exit status 1 with one error line when the file
// cannot be read or ends inside a record, 2 on bad arguments.

#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

#include "xen_trace.hpp"

namespace {

bool number(const char *s, unsigned &out)
{
	try {
		std::size_t end = 0;
		unsigned long v = std::stoul(s, &end, 10);
		if (s[end] != '\0' || v > 0xffffffffUL)
			return false;
		out = static_cast<unsigned>(v);
		return true;
	} catch (const std::exception &) {
		return false;
	}
}

} // namespace

int main(int argc, char **argv)
{
	unsigned domain = 0, mark = 0;
	if (argc != 4 || !number(argv[1], domain) || !number(argv[2], mark)) {
		std::cerr << "usage: xentrace-window DOMID MARK FILE\n";
		return 2;
	}
	std::ifstream in(argv[3], std::ios::binary);
	std::string file((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
	if (!in.good() && !in.eof()) {
		std::cerr << "xentrace-window: cannot read " << argv[3] << "\n";
		return 1;
	}
	xentrace::Result r = xentrace::count_windows(file, domain, mark);
	for (const auto &[vcpu, w] : r.vcpus)
		std::cout << "vcpu=" << vcpu << " markers=" << w.markers
			  << " calls=" << xentrace::list(w.calls)
			  << " batched=" << xentrace::list(w.batched)
			  << " restarted=" << w.restarted << "\n";
	std::cout << "records=" << r.records << " lost=" << r.lost << "\n";
	if (!r.error.empty()) {
		std::cerr << "xentrace-window: " << argv[3] << ": " << r.error << "\n";
		return 1;
	}
	return 0;
}
