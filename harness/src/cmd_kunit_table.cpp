// SPDX-License-Identifier: GPL-2.0
// pvharness kunit-table [BOOT_DIR] [--skips]: KUnit per suite and boot.
#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "kunit_table.hpp"

namespace pvh {

std::vector<std::string> column_names(std::string &error); // cmd_summary.cpp

Command add_kunit_table_command(CLI::App &app)
{
	auto *sub = app.add_subcommand("kunit-table",
				       "KUnit pass/fail/skip per suite and boot from result.json");
	auto dir = std::make_shared<std::string>();
	auto skips = std::make_shared<bool>(false);
	sub->add_option("boot_dir", *dir, "where the boots are (default: BUILD/boot)");
	sub->add_flag("--skips", *skips, "list every skipped case with its reason");
	return {sub, [dir, skips]() {
			std::string error;
			auto names = column_names(error);
			if (names.empty())
				return fail(error, 2);
			std::string boot = dir->empty() ? globals().build + "/boot" : *dir;
			return print_kunit_table(load_results(boot, names), *skips, std::cout);
		}};
}

} // namespace pvh
