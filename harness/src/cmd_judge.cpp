// SPDX-License-Identifier: GPL-2.0
// pvharness judge DIR: judge a saved boot again (DIR/serial.log), offline.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>
#include <memory>

#include "column.hpp"
#include "commands.hpp"
#include "judge.hpp"

namespace pvh {

Command add_judge_command(CLI::App &app)
{
	auto *sub = app.add_subcommand(
		"judge",
		"judge a saved boot: DIR/serial.log -> console.log, ktap.log, result.json");
	auto req = std::make_shared<JudgeRequest>();
	auto column = std::make_shared<std::string>();
	sub->add_option("dir", req->dir, "the boot's directory (holds serial.log)")->required();
	sub->add_option("--column", *column, "the column booted (default: DIR's name)");
	sub->add_option("--expect", req->expect,
			"the environment the suite was told (default: the column's)");
	sub->add_option("--qemu-rc", req->qemu_rc, "QEMU's exit status (124, 137: timed out)");
	sub->add_option("--seconds", req->seconds, "the boot's wall time");
	sub->add_option("--timeout", req->timeout, "the runner's timeout, seconds");
	return {sub, [req, column]() {
			JudgeRequest r = *req;
			r.column = column->empty() ? std::filesystem::path(r.dir)
							     .lexically_normal()
							     .filename()
							     .string()
						   : *column;
			std::string error;
			auto c = load_column(globals().root, r.column, error);
			if (!c && r.expect.empty())
				return fail(error + "; give --expect", 2);
			if (c) {
				r.domu = c->domu.has_value();
				r.trace_uncounted = c->trace_uncounted;
				if (r.expect.empty())
					r.expect = c->expect.environment;
			}
			r.splat_patterns = globals().root + "/scripts/splat-patterns";
			return judge_boot(r, std::cout, std::cerr);
		}};
}

} // namespace pvh
