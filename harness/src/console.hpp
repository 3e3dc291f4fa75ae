// SPDX-License-Identifier: GPL-2.0
// A serial console log as lines of text: carriage returns dropped (Xen ends
// its lines in "\r\r\n"), the printk timestamp "[    1.234567] " removed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pvh {

struct ConsoleLine {
	int number = 0; // 1-based, in the original log
	std::string text;
};

// Something wrong at a line of a log, for one-line error messages.
struct Problem {
	int line = 0;
	std::string message;
};

// Remove a leading "[ <seconds>.<micro>] " printk time stamp, if any.
std::string_view strip_timestamp(std::string_view line);

std::vector<ConsoleLine> console_lines(std::string_view raw);

// Read a whole file; false (and errno set) when it cannot be read.
bool read_file(const std::string &path, std::string &out);

// Write text as a whole file (replacing it); false when it cannot.
bool write_file(const std::string &path, const std::string &text);

// s followed by spaces up to width characters (s itself when longer), for
// the text tables the commands print.
std::string pad(const std::string &s, std::size_t width);

} // namespace pvh
