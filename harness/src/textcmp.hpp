// SPDX-License-Identifier: GPL-2.0
// The code of two kernel builds compared object by object: for every
// object file (*.o, not built-in.a parts or vmlinux.o) both build
// directories hold, the bytes of each executable section (.text,
// .noinstr.text, .init.text, .altinstr_replacement, ...).
// scripts/hcstats-cost.sh runs it on the kernels without and with the
// hypercall accounting: when no shared object differs, accounting that is
// off executes exactly the code of the kernel without it.
#pragma once

#include <map>
#include <optional>
#include <ostream>
#include <string>

namespace pvh::textcmp {

// Executable section name -> its bytes (sections of one name joined in
// the order of the section table), read from an ELF32 or ELF64
// little-endian object. nullopt and error set when the file is no such
// object.
std::optional<std::map<std::string, std::string>> exec_sections(const std::string &path,
								std::string &error);

// Prints, sorted by path, "only in base|full: REL (N bytes of code)" for
// the objects one build has, "code differs: REL (SECTIONS)" for shared
// ones whose code differs, then "N objects in both builds, D with
// different code". Returns 0: no shared object differs, 1: some do,
// 2: unreadable input (error set, output stops).
int compare(const std::string &base, const std::string &full, std::ostream &out,
	    std::string &error);

} // namespace pvh::textcmp
