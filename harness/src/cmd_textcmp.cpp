// SPDX-License-Identifier: GPL-2.0
// pvharness textcmp BASE_OBJ FULL_OBJ: the code of two kernel builds,
// object by object (textcmp.hpp).
#include <CLI/CLI.hpp>
#include <iostream>

#include "commands.hpp"
#include "textcmp.hpp"

namespace pvh {

Command add_textcmp_command(CLI::App &app)
{
	struct Args {
		std::string base, full;
	};
	auto args = std::make_shared<Args>();
	CLI::App *sub = app.add_subcommand(
		"textcmp", "compare the executable sections of every object two kernel builds "
			   "share; exit 1 when any differs");
	sub->add_option("BASE_OBJ", args->base, "the base kernel's build directory")->required();
	sub->add_option("FULL_OBJ", args->full, "the other kernel's build directory")->required();
	return {sub, [args] {
			std::string error;
			int rc = textcmp::compare(args->base, args->full, std::cout, error);
			std::cout.flush();
			return rc == 2 ? fail(error, 2) : rc;
		}};
}

} // namespace pvh
