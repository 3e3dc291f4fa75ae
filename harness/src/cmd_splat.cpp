// SPDX-License-Identifier: GPL-2.0
// pvharness splat LOG: the splats in a console log; 1 if there is one.
#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "console.hpp"
#include "splat.hpp"

namespace pvh {

int splat::print_splats(const std::string &log, const std::string &patterns_file, std::ostream &out)
{
	std::string error;
	auto patterns = splat::load_patterns(patterns_file, error);
	if (patterns.empty())
		return fail(error, 2);
	std::string text;
	if (!read_file(log, text))
		return fail("cannot read " + log, 2);
	auto found = splat::find_splats(splat::log_lines(text), patterns);
	for (const auto &h : found.tolerated)
		out << log << ":" << h.line << ": tolerated (" << h.pattern
		    << ", KUnit kunit_fault): " << h.text << "\n";
	for (const auto &h : found.splats)
		out << log << ":" << h.line << ": " << h.pattern << ": " << h.text << "\n";
	return found.splats.empty() ? 0 : 1;
}

Command add_splat_command(CLI::App &app)
{
	auto *sub = app.add_subcommand("splat", "print the splats in a console log; exit 1 if any");
	auto log = std::make_shared<std::string>();
	sub->add_option("log", *log, "a console log")->required();
	return {sub, [log]() {
			return splat::print_splats(*log, globals().root + "/scripts/splat-patterns",
						   std::cout);
		}};
}

} // namespace pvh
