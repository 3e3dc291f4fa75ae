// SPDX-License-Identifier: GPL-2.0
// pvharness columns: the columns of the boot matrix, from their files.
#include <CLI/CLI.hpp>
#include <iostream>

#include "column.hpp"
#include "commands.hpp"

namespace pvh {

Command add_columns_command(CLI::App &app)
{
	auto *sub = app.add_subcommand("columns",
				       "list the columns of the boot matrix (harness/columns)");
	auto labels = std::make_shared<bool>(false);
	sub->add_flag("--labels", *labels, "name, a tab, the label for people");
	return {sub, [labels]() {
			std::string error;
			auto columns = load_columns(globals().root, error);
			if (columns.empty())
				return fail(error, 2);
			for (const auto &c : columns)
				std::cout << c.name << (*labels ? "\t" + c.label : "") << "\n";
			return 0;
		}};
}

} // namespace pvh
