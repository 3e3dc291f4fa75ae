// SPDX-License-Identifier: GPL-2.0
// pvharness' subcommands. Each lives in a cmd_<name>.cpp of its own and
// registers itself on the CLI11 application; main() runs the one given.
#pragma once

#include <functional>
#include <string>

namespace CLI {
class App;
}

namespace pvh {

struct Command {
	CLI::App *app = nullptr;  // the subcommand, parsed by main()
	std::function<int()> run; // its exit status: 0 ok, 1 a failed check, 2 bad input
};

// Options every subcommand shares, filled in by main() before run().
struct Globals {
	std::string root;  // the pvops tree: harness/columns, scripts/ ...
	std::string build; // BUILD: bzImage, initrd.gz, boot results
};
const Globals &globals();
void set_globals(Globals g); // main() only

Command add_columns_command(CLI::App &app);
Command add_boot_command(CLI::App &app);
Command add_judge_command(CLI::App &app);
Command add_verify_command(CLI::App &app);
Command add_case_command(CLI::App &app);
Command add_splat_command(CLI::App &app);
Command add_summary_command(CLI::App &app);
Command add_kunit_table_command(CLI::App &app);
Command add_junit_command(CLI::App &app);
Command add_xen_elf_command(CLI::App &app);
Command add_ci_times_command(CLI::App &app);
Command add_parse_command(CLI::App &app);
Command add_bench_command(CLI::App &app);
Command add_cost_command(CLI::App &app);
Command add_textcmp_command(CLI::App &app);

// "pvharness: error: MESSAGE" on stderr; returns status.
int fail(const std::string &message, int status = 1);

} // namespace pvh
