// SPDX-License-Identifier: GPL-2.0
// The smallest static x86-64 program: an ELF header, one program header and
// nine bytes of code that call exit(0). fork+exec runs it, so that what is
// measured is the page-table work of exec, not the loading of a libc.
#pragma once

#include <string>
#include <vector>

namespace pvbench {

std::vector<unsigned char> tiny_elf_image();

// Write the program to path, mode 0755. Returns 0 or an errno.
int write_tiny_elf(const std::string &path);

} // namespace pvbench
