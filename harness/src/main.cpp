// SPDX-License-Identifier: GPL-2.0
// pvharness: the host side of pvops. It boots the columns of the matrix
// (harness/columns) under QEMU, judges each boot, prints the side-by-side
// summary and the KUnit table, runs pvbench and judges what accounting
// costs. `pvharness --help` lists the subcommands.
#include <CLI/CLI.hpp>
#include <iostream>
#include <vector>

#include "commands.hpp"
#include "paths.hpp"

using namespace pvh;

int main(int argc, char **argv)
{
	CLI::App app{"pvharness: boot, judge and report the pvops boot matrix"};
	app.require_subcommand(1);
	std::string root, build;
	app.add_option("--root", root,
		       "the pvops tree (default: found above the current directory)");
	app.add_option("--build", build, "build outputs (default: $BUILD, else ROOT/build)");
	std::vector<Command> commands = {
		add_columns_command(app),     add_boot_command(app),	add_judge_command(app),
		add_verify_command(app),      add_splat_command(app),	add_summary_command(app),
		add_kunit_table_command(app), add_bench_command(app),	add_parse_command(app),
		add_cost_command(app),	      add_textcmp_command(app), add_case_command(app),
		add_junit_command(app),	      add_xen_elf_command(app), add_ci_times_command(app),
	};
	try {
		app.parse(argc, argv);
	} catch (const CLI::ParseError &e) {
		if (e.get_exit_code() == 0)
			return app.exit(e);
		return fail(std::string(e.what()) + " (see pvharness --help)", 2);
	}
	Globals g;
	g.root = find_root(root);
	if (g.root.empty())
		return fail("cannot find the pvops tree (harness/columns) above the current "
			    "directory; pass --root",
			    2);
	g.build = make_paths(g.root, build).build;
	set_globals(g);
	for (const auto &c : commands)
		if (c.app->parsed())
			return c.run();
	return fail("no subcommand (see pvharness --help)", 2);
}
