// SPDX-License-Identifier: GPL-2.0
// The Xen qemu_configs that patch 0008 adds to kunit.py describe the same
// machine as the columns that name them: the same QEMU machine, CPU,
// IOMMU and CPU count, the same Xen command line, and Linux arguments the
// column also passes. A change to one side alone fails here.
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include <gtest/gtest.h>

#include "column.hpp"

using namespace pvh;

namespace {

const std::string configs = std::string(PVOPS_SOURCE_ROOT) +
			    "/kunit/0008-kunit-tool-xen/new/tools/testing/kunit/qemu_configs/";

struct KunitConfig {
	std::string kernel_command_line, hypervisor_command_line;
	std::vector<std::string> extra_qemu_params;
};

// The string literals after "name=" up to the next keyword argument,
// joined (Python concatenates adjacent literals).
std::string literal(const std::string &text, const std::string &name)
{
	auto at = text.find(name + "=");
	if (at == std::string::npos)
		return "";
	std::smatch next;
	std::string rest = text.substr(at + name.size() + 1);
	std::regex keyword("\n[ \t]*[a-z_]+=");
	std::string part =
		std::regex_search(rest, next, keyword) ? rest.substr(0, next.position()) : rest;
	std::string out;
	std::regex lit("'([^']*)'");
	for (std::sregex_iterator it(part.begin(), part.end(), lit), e; it != e; ++it)
		out += (*it)[1].str();
	return out;
}

std::vector<std::string> list(const std::string &text, const std::string &name)
{
	auto at = text.find(name + "=[");
	std::vector<std::string> out;
	if (at == std::string::npos)
		return out;
	std::string part = text.substr(at, text.find(']', at) - at);
	std::regex lit("'([^']*)'");
	for (std::sregex_iterator it(part.begin(), part.end(), lit), e; it != e; ++it)
		out.push_back((*it)[1].str());
	return out;
}

KunitConfig read_config(const std::string &text)
{
	// Comments would hide quotes from the patterns above.
	std::string code = std::regex_replace(text, std::regex("#[^\n]*"), "");
	return {literal(code, "kernel_command_line"), literal(code, "hypervisor_command_line"),
		list(code, "extra_qemu_params")};
}

std::string slurp(const std::string &path)
{
	std::ifstream in(path);
	std::stringstream s;
	s << in.rdbuf();
	return s.str();
}

std::vector<std::string> words(const std::string &s)
{
	std::istringstream in(s);
	std::vector<std::string> out;
	for (std::string w; in >> w;)
		out.push_back(w);
	return out;
}

// Every drift between one column and kunit.py's config, one line each.
std::vector<std::string> drift(const Column &c, const KunitConfig &k)
{
	std::vector<std::string> out;
	std::string xen;
	for (const auto &a : c.hypervisor ? c.hypervisor->args : std::vector<std::string>{})
		xen += (xen.empty() ? "" : " ") + a;
	if (k.hypervisor_command_line != xen)
		out.push_back("Xen command line '" + k.hypervisor_command_line + "' vs '" + xen +
			      "'");
	for (const auto &w : words(k.kernel_command_line))
		if (std::find(c.linux_args.begin(), c.linux_args.end(), w) == c.linux_args.end())
			out.push_back("kernel argument " + w + " not in the column");
	const auto &p = k.extra_qemu_params;
	if (p.size() % 2)
		out.push_back("extra_qemu_params is not flag/value pairs");
	for (std::size_t i = 0; i + 1 < p.size(); i += 2) {
		if (p[i] == "-smp") {
			if (p[i + 1] != std::to_string(c.machine.cpus))
				out.push_back("-smp " + p[i + 1] + " vs " +
					      std::to_string(c.machine.cpus));
			continue;
		}
		bool same = false;
		const auto &m = c.machine.qemu;
		for (std::size_t j = 0; j + 1 < m.size(); ++j)
			same |= m[j] == p[i] && m[j + 1] == p[i + 1];
		if (!same)
			out.push_back(p[i] + " " + p[i + 1] + " is not the column's machine");
	}
	return out;
}

} // namespace

TEST(KunitQemuConfigs, DescribeTheColumnsThatNameThem)
{
	std::string error;
	auto columns = load_columns(PVOPS_SOURCE_ROOT, error);
	ASSERT_FALSE(columns.empty()) << error;
	int compared = 0;
	for (const auto &c : columns) {
		if (c.kunit_qemu_config.empty())
			continue;
		std::string path = configs + c.kunit_qemu_config;
		ASSERT_TRUE(std::filesystem::exists(path)) << c.name << ": no " << path;
		KunitConfig k = read_config(slurp(path));
		ASSERT_FALSE(k.extra_qemu_params.empty()) << path;
		for (const auto &d : drift(c, k))
			ADD_FAILURE() << c.name << " vs " << c.kunit_qemu_config << ": " << d;
		++compared;
	}
	EXPECT_EQ(compared, 2) << "the xen-pv and xen-pvh columns name their kunit.py configs";
}

TEST(KunitQemuConfigs, ADriftOnEitherSideIsFound)
{
	std::string error;
	auto c = load_column(PVOPS_SOURCE_ROOT, "xen-pvh", error);
	ASSERT_TRUE(c) << error;
	std::string text = slurp(configs + c->kunit_qemu_config);
	ASSERT_TRUE(drift(*c, read_config(text)).empty());

	std::string cpu = std::regex_replace(text, std::regex("qemu64,\\+svm,\\+npt"), "max");
	EXPECT_EQ(drift(*c, read_config(cpu)).size(), 1u);
	std::string xen = std::regex_replace(text, std::regex("dom0=pvh"), "dom0=pv");
	EXPECT_EQ(drift(*c, read_config(xen)).size(), 1u);
	Column more = *c;
	more.machine.cpus = 4;
	EXPECT_EQ(drift(more, read_config(text)).size(), 1u);
	Column fewer = *c;
	fewer.linux_args = {"panic=-1"};
	EXPECT_EQ(drift(fewer, read_config(text)).size(), 1u);
}
