// SPDX-License-Identifier: GPL-2.0
#include "commands.hpp"

#include <iostream>

namespace pvh {

namespace {
Globals the_globals;
}

const Globals &globals()
{
	return the_globals;
}

void set_globals(Globals g)
{
	the_globals = std::move(g);
}

int fail(const std::string &message, int status)
{
	std::cerr << "pvharness: error: " << message << "\n";
	return status;
}

} // namespace pvh
