// SPDX-License-Identifier: GPL-2.0
// pvharness verify RESULT_JSON [--wrong-expect ENV]: what a boot's
// result.json must show, from its column's expectations.
#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <memory>

#include "column.hpp"
#include "commands.hpp"
#include "verify.hpp"

namespace pvh {

Command add_verify_command(CLI::App &app)
{
	auto *sub = app.add_subcommand(
		"verify", "check a boot's result.json against its column's expectations");
	auto path = std::make_shared<std::string>();
	auto told = std::make_shared<std::string>();
	sub->add_option("result", *path, "a boot's result.json")->required();
	sub->add_option("--wrong-expect", *told,
			"a native boot told ENV (xen-pv, xen-pvh): check that x86_hypervisor "
			"failed on exactly the cases that see the difference");
	return {sub, [path, told]() {
			std::ifstream in(*path);
			if (!in)
				return fail("cannot read " + *path, 2);
			try {
				auto r = nlohmann::json::parse(in);
				if (!told->empty())
					return verify_wrong_expect(r, *told, std::cout, std::cerr);
				std::string error;
				auto column = load_column(globals().root,
							  r.at("column").get<std::string>(), error);
				if (!column)
					return fail(error + "; see " + *path, 2);
				return verify_result(r, *column, std::cout);
			} catch (const nlohmann::json::exception &e) {
				return fail(std::string(e.what()) + "; see " + *path, 2);
			}
		}};
}

} // namespace pvh
