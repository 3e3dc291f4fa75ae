// SPDX-License-Identifier: GPL-2.0
// Per-class hypercall counters from the kernel's debugfs file
// xen/hypercalls (Documentation/virt/paravirt-debugfs.rst in the series):
// the "# class" section, one row per class (page-table, interrupt, timer,
// other, total) whose first number counts traps into Xen. No file means
// "n/a", never an error.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pvbench {

using Counters = std::map<std::string, std::uint64_t>;

// Where a kernel patch may put the counters, in the order tried.
const std::vector<std::string> &default_hypercall_paths();

// Counters from the text of such a file (empty when it holds none).
Counters parse_hypercalls(std::string_view text);

class HypercallSource
{
public:
	// The first readable path of `paths`; none: unavailable().
	explicit HypercallSource(const std::vector<std::string> &paths);
	bool available() const { return !path_.empty(); }
	const std::string &path() const { return path_; }
	std::optional<Counters> snapshot() const;

private:
	std::string path_;
};

// after - before, per class, divided by ops (classes that went backwards
// are left out: a counter reset is not a negative count).
std::map<std::string, double> per_op(const Counters &before, const Counters &after,
				     std::uint64_t ops);

} // namespace pvbench
