// SPDX-License-Identifier: GPL-2.0
#include "fixtures.hpp"

#include <gtest/gtest.h>

#include "console.hpp"

namespace fixtures {

std::string read(const std::string &name)
{
	std::string text;
	EXPECT_TRUE(pvh::read_file(std::string(FIXTURES_DIR) + "/" + name, text))
		<< "cannot read fixture " << name;
	return text;
}

std::string join(const std::vector<std::string> &lines)
{
	std::string out;
	for (const auto &l : lines)
		out += l + "\n";
	return out;
}

std::vector<std::string> split(const std::string &text)
{
	std::vector<std::string> out;
	std::size_t pos = 0;
	while (pos < text.size()) {
		std::size_t eol = text.find('\n', pos);
		if (eol == std::string::npos)
			eol = text.size();
		out.push_back(text.substr(pos, eol - pos));
		pos = eol + 1;
	}
	return out;
}

} // namespace fixtures
