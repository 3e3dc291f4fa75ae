// SPDX-License-Identifier: GPL-2.0
#include "splat.hpp"

#include <algorithm>
#include <fstream>

#include "console.hpp"

namespace pvh::splat {
namespace {

const std::regex kFaultSuite(R"(^\s*# Subtest: kunit_fault$)");
const std::regex kFaultSuiteEnd(R"(^(not )?ok \d+ kunit_fault\b)");
// KUnit's deliberate NULL dereference, as the page fault handler reports it,
// or as KASAN's inline check of the address's shadow does (a general
// protection fault at the shadow of address 0, x86-64's default offset).
const std::regex kFaultStart(R"(^BUG: kernel NULL pointer dereference|)"
			     R"(^Oops: general protection fault, probably for non-canonical )"
			     R"(address 0xdffffc0000000000:)");
const std::regex kFaultRip(R"(RIP: [0-9a-f]{4}:kunit_test_null_dereference\+)");
constexpr std::string_view kEndTrace = "---[ end trace";
constexpr std::size_t kTraceWindow = 400; // lines searched for the end of the oops

const Pattern *first_match(const std::string &msg, const std::vector<Pattern> &patterns)
{
	for (const auto &p : patterns)
		if (std::regex_search(msg, p.regex))
			return &p;
	return nullptr;
}

// The end-trace line of the oops starting at i, if its faulting RIP is
// KUnit's own null dereference; 0 otherwise.
std::size_t kunit_fault_end(const std::vector<std::string> &lines, std::size_t i)
{
	std::size_t stop = std::min(lines.size(), i + kTraceWindow);
	for (std::size_t end = i; end < stop; ++end) {
		if (lines[end].find(kEndTrace) == std::string::npos)
			continue;
		for (std::size_t k = i; k < end; ++k)
			if (std::regex_search(lines[k], kFaultRip))
				return end;
		return 0;
	}
	return 0;
}

} // namespace

std::vector<Pattern> load_patterns(const std::string &path, std::string &error)
{
	std::ifstream in(path);
	if (!in) {
		error = "cannot read the splat patterns " + path;
		return {};
	}
	std::vector<Pattern> out;
	std::string line;
	for (int n = 1; std::getline(in, line); ++n) {
		if (line.find_first_not_of(" \t\r") == std::string::npos || line[0] == '#')
			continue;
		auto tab = line.find('\t');
		if (tab == std::string::npos || tab == 0) {
			error = path + ":" + std::to_string(n) + ": want NAME<TAB>REGEX";
			return {};
		}
		try {
			out.push_back({line.substr(0, tab), std::regex(line.substr(tab + 1))});
		} catch (const std::regex_error &e) {
			error = path + ":" + std::to_string(n) + ": bad regular expression (" +
				e.what() + ")";
			return {};
		}
	}
	if (out.empty())
		error = "no splat patterns in " + path;
	return out;
}

std::vector<std::string> log_lines(const std::string &text)
{
	std::vector<std::string> lines;
	std::string cur;
	for (char c : text) {
		if (c == '\r')
			continue;
		if (c == '\n') {
			lines.push_back(std::move(cur));
			cur.clear();
		} else {
			cur += c;
		}
	}
	if (!cur.empty())
		lines.push_back(std::move(cur));
	return lines;
}

Found find_splats(const std::vector<std::string> &lines, const std::vector<Pattern> &patterns)
{
	Found found;
	bool in_fault = false;
	std::size_t i = 0;
	while (i < lines.size()) {
		std::string msg(strip_timestamp(lines[i]));
		if (std::regex_search(msg, kFaultSuite))
			in_fault = true;
		else if (std::regex_search(msg, kFaultSuiteEnd))
			in_fault = false;
		const Pattern *hit = first_match(msg, patterns);
		if (!hit) {
			++i;
			continue;
		}
		Hit h{static_cast<int>(i) + 1, hit->name, lines[i]};
		if (in_fault && std::regex_search(msg, kFaultStart)) {
			if (std::size_t end = kunit_fault_end(lines, i)) {
				found.tolerated.push_back(std::move(h));
				i = end + 1;
				continue;
			}
		}
		found.splats.push_back(std::move(h));
		++i;
	}
	return found;
}

} // namespace pvh::splat
