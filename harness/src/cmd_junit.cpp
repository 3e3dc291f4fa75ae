// SPDX-License-Identifier: GPL-2.0
// pvharness junit [BOOT_DIR] [--out FILE]: the boots as JUnit XML.
#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "console.hpp"
#include "junit.hpp"

namespace pvh {

std::vector<std::string> column_names(std::string &error); // cmd_summary.cpp

Command add_junit_command(CLI::App &app)
{
	auto *sub = app.add_subcommand(
		"junit", "the boots' KUnit cases and verdicts as JUnit XML, from result.json");
	auto dir = std::make_shared<std::string>();
	auto out = std::make_shared<std::string>();
	sub->add_option("boot_dir", *dir, "where the boots are (default: BUILD/boot)");
	sub->add_option("--out", *out, "write the XML here (default: standard output)");
	return {sub, [dir, out]() {
			std::string error;
			auto names = column_names(error);
			if (names.empty())
				return fail(error, 2);
			std::string boot = dir->empty() ? globals().build + "/boot" : *dir;
			JunitCounts n;
			std::string xml = junit_xml(load_results(boot, names), &n);
			if (out->empty()) {
				std::cout << xml;
			} else {
				if (!write_file(*out, xml))
					return fail("cannot write " + *out, 2);
				std::cout << "pvharness: junit: " << *out << ": " << n.tests
					  << " tests, " << n.failures << " failed, " << n.skipped
					  << " skipped\n";
			}
			return n.failures ? 1 : 0;
		}};
}

} // namespace pvh
