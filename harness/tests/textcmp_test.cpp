// SPDX-License-Identifier: GPL-2.0
// pvharness textcmp on two object directories compiled here with gcc -c:
// the same file in both, one whose code differs, one only each side has,
// a file that is no object; and one section's bytes checked against
// objcopy's.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "commands.hpp"
#include "console.hpp"
#include "textcmp.hpp"

using namespace pvh;
namespace fs = std::filesystem;

namespace {

class Textcmp : public ::testing::Test
{
protected:
	// Compiled once for the suite (gcc takes a while).
	static void SetUpTestSuite()
	{
		dir = fs::path(testing::TempDir()) / ("textcmp-" + std::to_string(::getpid()));
		fs::create_directories(dir / "src");
		source("same.c", "int same(int x) { return x * 3; }\n");
		source("one.c", "int one(int x) { return x + 1; }\n");
		source("two.c", "int one(int x) { return x + 1; }\n"
				"int two(int x) { return x * x + 7; }\n");
		source("extra.c", "int extra(int x) { return x - 5; }\n"
				  "int extra2(int x) { return x ^ 9; }\n");
		source("gone.c", "int gone(int x) { return x << 2; }\n");
		source("data.c", "const int table[4] = {1, 2, 3, 4};\n");
		// base: same, one (as f.o), gone, data; full: same, two (as f.o),
		// extra, data. vmlinux.o and built-in parts are not compared.
		std::string cmd = "cd '" + (dir / "src").string() +
				  "' && for c in *.c; do gcc -O2 -c \"$c\" & done; wait";
		ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
		place("same.o", "base/kernel/same.o");
		place("same.o", "full/kernel/same.o");
		place("one.o", "base/arch/f.o");
		place("two.o", "full/arch/f.o");
		place("gone.o", "base/mm/gone.o");
		place("extra.o", "full/arch/xen/extra.o");
		place("data.o", "base/lib/data.o");
		place("data.o", "full/lib/data.o");
		place("gone.o", "full/vmlinux.o");
		place("gone.o", "full/built-in.o");
	}
	static void TearDownTestSuite() { fs::remove_all(dir); }

	static void source(const std::string &name, const std::string &text)
	{
		std::ofstream(dir / "src" / name) << text;
	}
	// A copy of src/OBJECT at REL.
	static void place(const std::string &object, const std::string &rel)
	{
		fs::create_directories((dir / rel).parent_path());
		ASSERT_TRUE(fs::copy_file(dir / "src" / object, dir / rel)) << object;
	}
	std::string path(const std::string &rel) const { return (dir / rel).string(); }

	static fs::path dir;
};
fs::path Textcmp::dir;

// The sum of the sizes of the executable sections, from readelf -SW.
std::size_t readelf_code_bytes(const std::string &obj)
{
	std::string out = obj + ".sections";
	std::string cmd = "readelf -SW '" + obj + "' > '" + out + "'";
	EXPECT_EQ(std::system(cmd.c_str()), 0);
	std::string text;
	EXPECT_TRUE(read_file(out, text));
	std::istringstream lines(text);
	std::size_t total = 0;
	for (std::string l; std::getline(lines, l);) {
		// [Nr] Name Type Address Off Size ES Flg ...
		auto close = l.find(']');
		if (l.find('[') == std::string::npos || close == std::string::npos ||
		    l.find("[Nr]") != std::string::npos)
			continue;
		std::istringstream f(l.substr(close + 1));
		std::string name, type, addr, off, size, es, flags;
		if (f >> name >> type >> addr >> off >> size >> es >> flags &&
		    flags.find('X') != std::string::npos && type != "NOBITS")
			total += std::stoul(size, nullptr, 16);
	}
	return total;
}

} // namespace

TEST_F(Textcmp, NamesWhatDiffersAndWhatOneSideHas)
{
	std::ostringstream out;
	std::string error;
	EXPECT_EQ(textcmp::compare(path("base"), path("full"), out, error), 1) << error;
	std::size_t gone = readelf_code_bytes(path("base/mm/gone.o"));
	std::size_t extra = readelf_code_bytes(path("full/arch/xen/extra.o"));
	EXPECT_GT(gone, 0u);
	EXPECT_GT(extra, gone); // two functions
	EXPECT_EQ(out.str(), "only in full: arch/xen/extra.o (" + std::to_string(extra) +
				     " bytes of code)\n"
				     "only in base: mm/gone.o (" +
				     std::to_string(gone) +
				     " bytes of code)\n"
				     "code differs: arch/f.o (.text)\n"
				     "3 objects in both builds, 1 with different code\n");
}

TEST_F(Textcmp, SameCodeIsExitZero)
{
	std::ostringstream out;
	std::string error;
	EXPECT_EQ(textcmp::compare(path("base"), path("base"), out, error), 0) << error;
	EXPECT_EQ(out.str(), "4 objects in both builds, 0 with different code\n");
}

TEST_F(Textcmp, CodeBytesAreObjcopys)
{
	std::string obj = path("full/arch/f.o"), bin = obj + ".text";
	std::string cmd = "objcopy -O binary -j .text '" + obj + "' '" + bin + "'";
	ASSERT_EQ(std::system(cmd.c_str()), 0);
	std::string want, error;
	ASSERT_TRUE(read_file(bin, want));
	auto code = textcmp::exec_sections(obj, error);
	ASSERT_TRUE(code) << error;
	EXPECT_FALSE(want.empty());
	EXPECT_EQ(code->at(".text"), want);
	EXPECT_EQ(code->count(".rodata"), 0u);
}

TEST_F(Textcmp, ABadObjectOrDirectoryStopsWithOneLine)
{
	fs::copy(dir / "base", dir / "bad", fs::copy_options::recursive);
	std::ofstream(dir / "bad" / "kernel" / "bad.o") << "not an object\n";
	std::ostringstream out;
	std::string error;
	EXPECT_EQ(textcmp::compare(path("base"), path("bad"), out, error), 2);
	EXPECT_EQ(error, path("bad/kernel/bad.o") + ": not an ELF file");
	fs::remove_all(dir / "bad");

	CLI::App app;
	Command cmd = add_textcmp_command(app);
	app.parse(std::vector<std::string>{path("nothing"), path("base"), "textcmp"});
	testing::internal::CaptureStdout();
	testing::internal::CaptureStderr();
	EXPECT_EQ(cmd.run(), 2);
	EXPECT_EQ(testing::internal::GetCapturedStdout(), "");
	EXPECT_EQ(testing::internal::GetCapturedStderr(),
		  "pvharness: error: no build directory " + path("nothing") + "\n");
}
