// SPDX-License-Identifier: GPL-2.0
// pvharness xen-elf: unpack Xen's image to BUILD/xen.elf ahead of a boot,
// for a CI build job that hands it to the column jobs as an artifact.
#include <CLI/CLI.hpp>
#include <iostream>

#include "boot_run.hpp"
#include "commands.hpp"

namespace pvh {

Command add_xen_elf_command(CLI::App &app)
{
	auto *sub = app.add_subcommand(
		"xen-elf", "unpack Xen's image for the Xen columns (BUILD/xen.elf; a boot does "
			   "it when needed)");
	return {sub, []() {
			const Globals &g = globals();
			Paths paths = make_paths(g.root, g.build);
			std::string error;
			if (!unpack_xen(paths, error))
				return fail(error, 2);
			std::cout << "pvharness: " << paths.xen_elf << " from " << paths.xen_gz
				  << "\n";
			return 0;
		}};
}

} // namespace pvh
