// SPDX-License-Identifier: GPL-2.0
#include "judge_run.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "column.hpp"
#include "console.hpp"
#include "judge.hpp"

namespace fs = std::filesystem;

namespace judge_run {

std::string root()
{
	return PVOPS_SOURCE_ROOT;
}

std::string read_source(const std::string &relative)
{
	std::string text;
	EXPECT_TRUE(pvh::read_file(root() + "/" + relative, text)) << relative;
	return text;
}

std::string fresh_dir(const std::string &name)
{
	const auto *info = testing::UnitTest::GetInstance()->current_test_info();
	fs::path dir = fs::temp_directory_path() / "pvh-judge-test" /
		       (std::string(info->test_suite_name()) + "." + info->name()) / name;
	fs::remove_all(dir);
	fs::create_directories(dir);
	return dir.string();
}

Judged judge(const std::string &text, const std::string &column, int qemu_rc,
	     const std::string &dir, bool traced)
{
	Judged j;
	j.dir = dir.empty() ? fresh_dir(column) : dir;
	fs::create_directories(j.dir);
	std::ofstream(fs::path(j.dir) / "serial.log", std::ios::binary) << text;
	pvh::JudgeRequest req;
	req.dir = j.dir;
	req.column = column;
	req.expect = column;
	req.qemu_rc = qemu_rc;
	req.seconds = 12.345;
	req.timeout = 240;
	req.splat_patterns = root() + "/scripts/splat-patterns";
	std::string error;
	if (auto c = pvh::load_column(root(), column, error)) {
		req.domu = c->domu.has_value();
		if (traced)
			req.trace_uncounted = c->trace_uncounted;
	}
	std::ostringstream out, err;
	j.rc = pvh::judge_boot(req, out, err);
	j.out = out.str();
	j.err = err.str();
	std::ifstream in(fs::path(j.dir) / "result.json");
	if (in)
		j.result = nlohmann::json::parse(in, nullptr, false);
	return j;
}

} // namespace judge_run
