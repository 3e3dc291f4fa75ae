// SPDX-License-Identifier: GPL-2.0
// What the xen trace events recorded of the guest init's workload, beside
// what hypercall accounting counted of the same workload: one line each per
// Xen column, read from one boot's console log of each kind (the init
// prints PVOPS-HCFILE when the kernel counts hypercalls, PVOPS-XENEVENT
// when it was booted with trace_event=xen:*).
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace pvh::cost {

// accounting, events: serial.log paths, each in a directory named after
// its boot column (pvharness bench's r1/<column>/serial.log). False, with
// a one-line error naming the log, when a log cannot be read or does not
// hold what it should.
bool print_seen(const std::vector<std::string> &accounting, const std::vector<std::string> &events,
		std::ostream &out, std::string &error);

} // namespace pvh::cost
