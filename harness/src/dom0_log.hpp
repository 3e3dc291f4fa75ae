// SPDX-License-Identifier: GPL-2.0
// A domU column's serial log holds two consoles: dom0's, with its
// "PVOPS-DOM0: key=value" records (scripts/guest/dom0-init), and the
// domU's, relayed by dom0 one "PVOPS-DOMU: line" at a time after the domU
// ended, then, when it traced the domU, "PVOPS-TRACE: record" lines from
// Xen's trace (trace_window.hpp). This splits them, so that the domU is judged like any boot and
// dom0's part is kept and judged for what it must do.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace pvh {

struct Dom0Log {
	std::string domu;			   // the domU's console, prefixes removed
	std::string dom0;			   // every other line
	std::map<std::string, std::string> record; // PVOPS-DOM0: key=value
	std::vector<std::string> trace;		   // PVOPS-TRACE: lines, prefix removed
	bool begun = false, ended = false;	   // PVOPS-DOM0: begin / end
};

// lines: the serial log's lines, carriage returns removed.
Dom0Log split_dom0_log(const std::vector<std::string> &lines);

// What dom0 failed to do, each naming dom0_log (the file dom0's part is
// saved in): its init did not start or end, a toolstack step failed
// (quoting it), the domU did not end in time and was destroyed.
std::vector<std::string> dom0_problems(const Dom0Log &log, const std::string &dom0_log);

} // namespace pvh
