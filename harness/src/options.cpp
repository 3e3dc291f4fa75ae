// SPDX-License-Identifier: GPL-2.0
#include "options.hpp"

#include <charconv>
#include <string_view>

namespace pvh {

const char *usage()
{
	return "usage: pvharness [--quick] [--bench WORDS] [--no-bench] [--deterministic]\n"
	       "                 [--repeat N] [--tolerance PCT] [--columns LIST] [--timeout S]\n"
	       "                 [--out DIR] [--root DIR] [--boot-script FILE]\n"
	       "       pvharness --from-logs DIR [--out DIR] ...   report on earlier boots\n"
	       "       pvharness --parse LOG                       what one console log holds\n"
	       "Boots the matrix through scripts/boot.sh with pvops.bench=... on the kernel\n"
	       "command line, collects KTAP and pvbench results, writes report.md, report.json\n"
	       "and ratios.svg.\n"
	       "  --quick           the CI-sized benchmark set (pvops.bench=quick)\n"
	       "  --bench WORDS     more pvops.bench words: benchmarks, classes, iters=N ('+')\n"
	       "  --no-bench        only boot and collect KUnit\n"
	       "  --deterministic   boot.sh --icount: guest time counts instructions\n"
	       "  --repeat N        boot every column N times; compares the figures\n"
	       "  --tolerance PCT   repeat deviation allowed, percent (0.5)\n"
	       "  --columns LIST    comma-separated subset of native,xen-pv,xen-pvh\n"
	       "  --timeout S       per boot (300 with --quick, else 1800)\n"
	       "  --out DIR         report and runs (default: ROOT/build/bench)\n"
	       "  --root DIR        the pvops tree (default: found from the current directory)\n";
}

std::string Options::bench_spec() const
{
	if (no_bench)
		return "";
	std::string spec = quick ? "quick" : "full";
	if (!bench.empty())
		spec += "+" + bench;
	return spec;
}

namespace {

std::optional<int> positive(std::string_view s)
{
	int v = 0;
	auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
	if (ec != std::errc() || end != s.data() + s.size() || v <= 0)
		return std::nullopt;
	return v;
}

std::vector<std::string> split_commas(const std::string &s)
{
	std::vector<std::string> out;
	std::size_t start = 0;
	for (std::size_t i = 0; i <= s.size(); ++i) {
		if (i == s.size() || s[i] == ',') {
			if (i > start)
				out.push_back(s.substr(start, i - start));
			start = i + 1;
		}
	}
	return out;
}

} // namespace

std::optional<std::string> parse_options(int argc, const char *const *argv, Options &o)
{
	for (int i = 1; i < argc; ++i) {
		std::string a = argv[i];
		auto value = [&](std::string &dest) -> std::optional<std::string> {
			if (i + 1 >= argc)
				return a + " needs a value";
			dest = argv[++i];
			return std::nullopt;
		};
		std::string v;
		if (a == "--quick") {
			o.quick = true;
		} else if (a == "--no-bench") {
			o.no_bench = true;
		} else if (a == "--deterministic" || a == "--icount") {
			o.deterministic = true;
		} else if (a == "--help" || a == "-h") {
			o.help = true;
		} else if (a == "--bench") {
			if (auto e = value(v))
				return e;
			for (char c : v)
				if (c == ',' || c == ' ' || c == '\t' || c == '"' || c == '\'')
					return "--bench '" + v +
					       "': separate words with '+' (a comma or space "
					       "cannot "
					       "pass through Xen's module command line)";
			o.bench = v;
		} else if (a == "--repeat") {
			if (auto e = value(v))
				return e;
			auto n = positive(v);
			if (!n)
				return "--repeat needs a positive number, not '" + v + "'";
			o.repeat = *n;
		} else if (a == "--timeout") {
			if (auto e = value(v))
				return e;
			auto n = positive(v);
			if (!n)
				return "--timeout needs a positive number of seconds, not '" + v +
				       "'";
			o.timeout = *n;
		} else if (a == "--tolerance") {
			if (auto e = value(v))
				return e;
			double t = -1;
			auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), t);
			if (ec != std::errc() || end != v.data() + v.size() || t < 0)
				return "--tolerance needs a percentage, not '" + v + "'";
			o.tolerance = t;
		} else if (a == "--columns") {
			if (auto e = value(v))
				return e;
			o.columns = split_commas(v);
			if (o.columns.empty())
				return "--columns needs at least one column";
			for (const auto &c : o.columns)
				if (c != "native" && c != "xen-pv" && c != "xen-pvh")
					return "unknown column '" + c +
					       "' (want native, xen-pv or xen-pvh)";
		} else if (a == "--out") {
			if (auto e = value(o.out))
				return e;
		} else if (a == "--root") {
			if (auto e = value(o.root))
				return e;
		} else if (a == "--boot-script") {
			if (auto e = value(o.boot_script))
				return e;
		} else if (a == "--from-logs") {
			if (auto e = value(o.from_logs))
				return e;
		} else if (a == "--parse") {
			if (auto e = value(o.parse_log))
				return e;
		} else {
			return "unknown option '" + a + "' (see --help)";
		}
	}
	return std::nullopt;
}

} // namespace pvh
