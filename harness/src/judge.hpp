// SPDX-License-Identifier: GPL-2.0
// Judge one boot from what it left in its directory: serial.log as QEMU
// wrote it. Writes console.log (carriage returns dropped), ktap.log (the
// KTAP that was judged) and result.json, and prints one verdict line.
//
// A boot passes when QEMU exited by itself, the guest's init reached its
// end marker with status 0, no splat was found (KUnit's own kunit_fault
// oops is tolerated) and KUnit reported results with no failure, crash or
// error; in a domU column traced by Xen, Xen's count of each hypercall in
// the domU's trace window equals the domU's own (trace_window.hpp).
#pragma once

#include <iosfwd>
#include <map>
#include <optional>
#include <string>

namespace pvh {

struct JudgeRequest {
	std::string dir;	    // holds serial.log
	std::string column;	    // its name, for the result and the verdict line
	bool domu = false;	    // serial.log holds a dom0 and a domU (dom0_log.hpp)
	std::string expect;	    // the environment hypervisor_kunit.expect= was given
	int qemu_rc = 0;	    // 124 or 137: the runner killed QEMU at its timeout
	double seconds = 0;	    // wall time of the boot
	int timeout = 0;	    // the runner's timeout, seconds
	std::string splat_patterns; // scripts/splat-patterns
	// A domU column with Xen's trace: the hypercalls the guest never counts.
	std::optional<std::map<std::string, unsigned>> trace_uncounted;
};

// 0 pass, 1 fail (with "pvops: error: boot COLUMN: FAIL (...)" on err).
int judge_boot(const JudgeRequest &req, std::ostream &out, std::ostream &err);

} // namespace pvh
