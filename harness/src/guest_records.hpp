// SPDX-License-Identifier: GPL-2.0
// The one reader of the guest -> host line protocol: every line the
// guest's init (scripts/guest/init), pvinfo and pvbench print for the host.
//
// harness/guest/PROTOCOL.md describes every line; a test holds that
// document, the writers and this reader to the same set of lines.
//
// The guest and the kernel share the console: a kernel message can land in
// the middle of a guest line. unsplice() puts such lines back together.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "console.hpp"
#include "pvbench_log.hpp"

namespace pvh::guest {

// The log with the guest's lines made whole again. raw: the log's lines,
// carriage returns dropped, time stamps kept. Each kernel (or Xen) message
// printed inside a line starting "PVOPS" gets a line of its own, and the
// guest's line is joined from its head and the line after the message(s).
// Each line keeps the number of the raw line it starts on.
std::vector<ConsoleLine> unsplice(const std::vector<std::string> &raw);

// Where a console message ("[    1.234567] " or "(XEN) ") starts in line
// at or after from; npos when none does.
std::size_t console_message(const std::string &line, std::size_t from);

struct Route {
	std::string target;
	bool native = false; // "yes"; "no" and "?" are not native
};

struct HypercallClass {
	long calls = 0, batched = 0;
};

struct Line {
	int number = 0;
	std::string text; // after the prefix
};

struct Records {
	bool begun = false;
	std::optional<int> end_status;		 // PVOPS-GUEST: end status=N
	std::map<std::string, std::string> info; // PVOPS: key=value, the last one wins
	std::map<std::string, Route> routes;	 // PVOPS-OPS
	std::vector<Line> hcfile;		 // PVOPS-HCFILE
	std::map<std::string, long> xen_events;	 // PVOPS-XENEVENT: event N ("overrun" too)
	std::vector<Line> ktap_copy;		 // PVOPS-KTAP
	bench::Run bench;			 // PVBENCH
};

// lines: unsplice()'s output (time stamps are stripped here).
Records read_records(const std::vector<ConsoleLine> &lines);

// The "# class" section of a xen/hypercalls copy: class -> calls, batched.
std::map<std::string, HypercallClass> hypercall_classes(const std::vector<Line> &file);

// "N of M": how many of the routed operations do not go to native code.
std::string ops_not_native(const std::map<std::string, Route> &routes);

// One KTAP document from the guest's copy of the debugfs results: each
// suite's file is a document of its own ("KTAP version 1", "1..1", the
// suite, "ok 1 <suite>"); they are joined under one plan, the suites
// numbered in order. nullopt when the guest printed no copy (it crashed or
// hung before its init ran): then the console is all there is.
std::optional<std::string> debugfs_ktap(const std::vector<Line> &copy);

} // namespace pvh::guest
