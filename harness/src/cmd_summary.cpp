// SPDX-License-Identifier: GPL-2.0
// pvharness summary [BOOT_DIR]: the boot matrix side by side.
#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "column.hpp"
#include "commands.hpp"
#include "summary.hpp"

namespace pvh {

// The columns' names, in the order of the column data; empty after an
// error line.
std::vector<std::string> column_names(std::string &error)
{
	std::vector<std::string> names;
	for (const auto &c : load_columns(globals().root, error))
		names.push_back(c.name);
	return names;
}

Command add_summary_command(CLI::App &app)
{
	auto *sub = app.add_subcommand("summary", "the boot matrix side by side from result.json");
	auto dir = std::make_shared<std::string>();
	sub->add_option("boot_dir", *dir, "where the boots are (default: BUILD/boot)");
	return {sub, [dir]() {
			std::string error;
			auto names = column_names(error);
			if (names.empty())
				return fail(error, 2);
			std::string boot = dir->empty() ? globals().build + "/boot" : *dir;
			return print_summary(load_results(boot, names), std::cout);
		}};
}

} // namespace pvh
