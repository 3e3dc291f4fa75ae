// SPDX-License-Identifier: GPL-2.0
#include "cli.hpp"

#include <charconv>
#include <fstream>
#include <sstream>

#include "hypercalls.hpp"

namespace pvbench {
namespace {

std::vector<std::string> split(std::string_view s, std::string_view seps)
{
	std::vector<std::string> out;
	std::size_t start = 0;
	for (std::size_t i = 0; i <= s.size(); ++i) {
		if (i == s.size() || seps.find(s[i]) != std::string_view::npos) {
			if (i > start)
				out.emplace_back(s.substr(start, i - start));
			start = i + 1;
		}
	}
	return out;
}

std::optional<std::uint64_t> to_count(std::string_view s)
{
	std::uint64_t v = 0;
	auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
	if (ec != std::errc() || end != s.data() + s.size() || v == 0)
		return std::nullopt;
	return v;
}

std::optional<std::string> read_file(const std::string &path, std::string &out)
{
	std::ifstream in(path);
	if (!in)
		return "cannot read " + path;
	std::ostringstream text;
	text << in.rdbuf();
	out = text.str();
	return std::nullopt;
}

} // namespace

const char *usage_text()
{
	return "usage: pvbench [--quick] [--bench LIST] [--iterations N] [--list] [--no-table]\n"
	       "               [--exec-path FILE] [--hypercalls FILE[,FILE...]]\n"
	       "               [--from-cmdline [FILE]]\n"
	       "  --quick          the CI-sized set (a few seconds under QEMU TCG)\n"
	       "  --bench LIST     benchmarks, classes or name prefixes, ',' or '+' separated\n"
	       "  --iterations N   ops per benchmark instead of each one's default\n"
	       "  --list           list the benchmarks and exit\n"
	       "  --no-table       only the PVBENCH: JSON lines, no human table\n"
	       "  --exec-path F    where fork_exec writes its tiny program (/tmp/pvbench-true)\n"
	       "  --hypercalls F   hypercall counter files to try (default: debugfs "
	       "xen/hypercalls)\n"
	       "  --from-cmdline   take pvops.bench=quick|full|iters=N|NAME+... from "
	       "/proc/cmdline\n"
	       "Output: one line \"PVBENCH: {json}\" per benchmark, then a table.\n";
}

std::optional<std::string> apply_spec(std::string_view spec, Options &opts)
{
	for (const std::string &word : split(spec, "+,")) {
		if (word == "quick" || word == "1" || word == "y") {
			opts.quick = true;
		} else if (word == "full") {
			opts.quick = false;
		} else if (word.rfind("iters=", 0) == 0) {
			auto n = to_count(std::string_view(word).substr(6));
			if (!n)
				return "pvops.bench: iters= wants a positive number, not '" +
				       word.substr(6) + "'";
			opts.iterations = *n;
		} else {
			opts.selectors.push_back(word);
		}
	}
	return std::nullopt;
}

std::optional<std::string> bench_spec_in_cmdline(std::string_view cmdline)
{
	std::optional<std::string> found;
	for (const std::string &word : split(cmdline, " \t\n")) {
		if (word.rfind("pvops.bench=", 0) == 0)
			found = word.substr(12); // the last one wins, as for the kernel
		else if (word == "pvops.bench")
			found = "full";
	}
	return found;
}

std::optional<std::string> parse_args(int argc, const char *const *argv, Options &opts)
{
	opts.hypercall_paths = default_hypercall_paths();
	for (int i = 1; i < argc; ++i) {
		std::string_view a = argv[i];
		auto value = [&]() -> std::optional<std::string> {
			if (i + 1 >= argc)
				return std::nullopt;
			return std::string(argv[++i]);
		};
		if (a == "--quick") {
			opts.quick = true;
		} else if (a == "--list") {
			opts.list = true;
		} else if (a == "--no-table") {
			opts.table = false;
		} else if (a == "--help" || a == "-h") {
			opts.help = true;
		} else if (a == "--bench") {
			auto v = value();
			if (!v)
				return "--bench needs a list of benchmarks";
			for (auto &s : split(*v, ",+"))
				opts.selectors.push_back(s);
		} else if (a == "--iterations") {
			auto v = value();
			auto n = v ? to_count(*v) : std::nullopt;
			if (!n)
				return "--iterations needs a positive number";
			opts.iterations = *n;
		} else if (a == "--exec-path") {
			auto v = value();
			if (!v || v->empty())
				return "--exec-path needs a file name";
			opts.exec_path = *v;
		} else if (a == "--hypercalls") {
			auto v = value();
			if (!v)
				return "--hypercalls needs a file name";
			opts.hypercall_paths = split(*v, ",");
		} else if (a == "--from-cmdline") {
			std::string path = "/proc/cmdline";
			if (i + 1 < argc && argv[i + 1][0] != '-')
				path = argv[++i];
			std::string text;
			if (auto err = read_file(path, text))
				return *err;
			if (auto spec = bench_spec_in_cmdline(text))
				if (auto err = apply_spec(*spec, opts))
					return err;
		} else {
			return "unknown option '" + std::string(a) + "' (see --help)";
		}
	}
	return std::nullopt;
}

std::optional<std::string> select_benchmarks(const std::vector<Benchmark> &all,
					     const std::vector<std::string> &selectors,
					     std::vector<const Benchmark *> &out)
{
	out.clear();
	if (selectors.empty()) {
		for (const auto &b : all)
			out.push_back(&b);
		return std::nullopt;
	}
	std::vector<bool> picked(all.size(), false);
	for (const auto &sel : selectors) {
		bool any = false;
		for (std::size_t i = 0; i < all.size(); ++i) {
			if (all[i].name == sel || all[i].klass == sel ||
			    all[i].name.rfind(sel, 0) == 0) {
				picked[i] = true;
				any = true;
			}
		}
		if (!any)
			return "unknown benchmark '" + sel + "' (see pvbench --list)";
	}
	for (std::size_t i = 0; i < all.size(); ++i)
		if (picked[i])
			out.push_back(&all[i]);
	return std::nullopt;
}

} // namespace pvbench
