// SPDX-License-Identifier: GPL-2.0
#include "fixtures.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "column.hpp"
#include "console.hpp"

namespace fixtures {

std::string read(const std::string &name)
{
	std::string text;
	EXPECT_TRUE(pvh::read_file(std::string(FIXTURES_DIR) + "/" + name, text))
		<< "cannot read fixture " << name;
	return text;
}

namespace {

// The columns with a fixture named <column><suffix>, in column order.
std::vector<std::string> columns_with(const std::string &suffix)
{
	std::string error;
	std::vector<std::string> out;
	for (const auto &c : pvh::load_columns(PVOPS_SOURCE_ROOT, error))
		if (std::filesystem::exists(std::string(FIXTURES_DIR) + "/" + c.name + suffix))
			out.push_back(c.name);
	EXPECT_FALSE(out.empty()) << "no column has a fixture *" << suffix << ": " << error;
	return out;
}

} // namespace

const std::vector<std::string> &boot_columns()
{
	static const std::vector<std::string> names = columns_with("-boot.log");
	return names;
}

const std::vector<std::string> &domu_columns()
{
	static const std::vector<std::string> names = columns_with("-serial.log");
	return names;
}

void expect_golden(const std::string &name, const std::string &actual)
{
	const std::string path = std::string(FIXTURES_DIR) + "/../golden/" + name;
	if (const char *u = std::getenv("PVOPS_UPDATE_GOLDEN"); u && *u && std::string(u) != "0") {
		std::filesystem::create_directories(std::filesystem::path(path).parent_path());
		std::ofstream(path, std::ios::binary | std::ios::trunc) << actual;
		ADD_FAILURE() << "wrote " << path
			      << ": review it, then run without PVOPS_UPDATE_GOLDEN";
		return;
	}
	std::string golden;
	ASSERT_TRUE(pvh::read_file(path, golden))
		<< "no golden file " << path << " (PVOPS_UPDATE_GOLDEN=1 writes it)";
	if (golden == actual)
		return;
	auto want = split(golden), got = split(actual);
	std::size_t i = 0;
	while (i < want.size() && i < got.size() && want[i] == got[i])
		++i;
	ADD_FAILURE() << name << " differs from the golden file at line " << i + 1
		      << ":\n  golden: " << (i < want.size() ? want[i] : "<end>")
		      << "\n  now:    " << (i < got.size() ? got[i] : "<end>");
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
