// SPDX-License-Identifier: GPL-2.0
// pvharness cost on report.json files as pvharness writes them: real
// console logs (tests/fixtures/<column>-pvbench.log) with chosen medians
// edited, parsed into boots, turned into a table and written by
// report_json(); the judge reads that text with its own JSON reader, so a
// field it needs that the writer does not write fails here.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include <gtest/gtest.h>

#include "commands.hpp"
#include "compare.hpp"
#include "console.hpp"
#include "cost.hpp"
#include "fixtures.hpp"
#include "report.hpp"
#include "table.hpp"

using namespace pvh;
namespace fs = std::filesystem;

namespace {

const std::string kMprotect = "page-table.mprotect", kClock = "timer.clock_gettime";

// The text of report.json, as pvharness bench writes it. The one call to
// adapt when report_json() returns an nlohmann::ordered_json (.dump(2)).
std::string report_text(const ReportInput &in)
{
	return report_json_text(in);
}

// A change to one benchmark's record in one column's log.
struct Edit {
	Edit(std::string c, std::string b, double p, std::string h = "")
	    : column(std::move(c)), bench(std::move(b)), pct(p), hypercalls(std::move(h))
	{}
	std::string column, bench;
	double pct = 0;		// the median moved by this many percent
	std::string hypercalls; // "" unchanged, else the hypercalls_per_op JSON
};

std::string with_median(const std::string &line, double pct)
{
	std::smatch m;
	static const std::regex median("\"median\":([0-9.eE+-]+)");
	EXPECT_TRUE(std::regex_search(line, m, median)) << line;
	char figure[64];
	std::snprintf(figure, sizeof figure, "\"median\":%.6f", std::stod(m[1]) * (1 + pct / 100));
	return m.prefix().str() + figure + m.suffix().str();
}

// One boot of `column`: the real boot log and pvbench log, edited. The
// fixture boots counted hypercalls; unless `counters`, their counts give
// way to null, as a kernel without the accounting or with it off reports,
// and the edits add counts where a test means them.
Boot boot_of(const std::string &column, const std::vector<Edit> &edits, bool counters = false)
{
	static const std::regex per_op(R"re("hypercalls_per_op":(null|\{[^}]*\}))re");
	auto lines = fixtures::split(fixtures::read(column + "-pvbench.log"));
	if (!counters)
		for (auto &l : lines)
			l = std::regex_replace(l, per_op, "\"hypercalls_per_op\":null");
	for (const auto &e : edits) {
		if (e.column != column)
			continue;
		int found = 0;
		for (auto &l : lines) {
			if (l.find("\"type\":\"result\",\"name\":\"" + e.bench + "\"") ==
			    std::string::npos)
				continue;
			++found;
			l = with_median(l, e.pct);
			if (!e.hypercalls.empty()) {
				EXPECT_TRUE(std::regex_search(l, per_op)) << l;
				l = std::regex_replace(l, per_op,
						       "\"hypercalls_per_op\":" + e.hypercalls);
			}
		}
		EXPECT_EQ(found, 1) << e.bench << " in " << column << "-pvbench.log";
	}
	auto console = console_lines(fixtures::read(column + "-boot.log") + fixtures::join(lines));
	Boot b;
	b.column = column;
	b.dir = "/nonexistent/" + column;
	b.log_read = true;
	b.ktap = ktap::parse(console);
	b.bench = bench::parse(console);
	EXPECT_EQ(bench::state(b.bench), bench::State::Complete) << column;
	return b;
}

// The time benchmarks that ran in a column's fixture, counted from the log.
std::size_t time_ops(const std::string &column)
{
	auto run = bench::parse(console_lines(fixtures::read(column + "-pvbench.log")));
	std::size_t n = 0;
	for (const auto &r : run.records)
		n += r.status == "ok" && r.metric == "time" && r.median != 0;
	return n;
}

double fixture_median(const std::string &column, const std::string &name)
{
	auto run = bench::parse(console_lines(fixtures::read(column + "-pvbench.log")));
	for (const auto &r : run.records)
		if (r.name == name)
			return r.median;
	ADD_FAILURE() << "no " << name << " in " << column;
	return 0;
}

// A benchmark's hypercalls per op, all classes, in a fixture boot.
double fixture_total_hypercalls(const std::string &column, const std::string &name)
{
	auto run = bench::parse(console_lines(fixtures::read(column + "-pvbench.log")));
	for (const auto &r : run.records)
		if (r.name == name && r.hypercalls)
			for (const auto &[cls, n] : *r.hypercalls)
				if (cls == "total")
					return n;
	ADD_FAILURE() << "no hypercall total for " << name << " in " << column;
	return -1;
}

// The line of out that starts with prefix ("" when none).
std::string line_of(const std::string &out, const std::string &prefix)
{
	std::istringstream in(out);
	for (std::string l; std::getline(in, l);)
		if (l.starts_with(prefix))
			return l;
	return "";
}

class Cost : public ::testing::Test
{
protected:
	void SetUp() override
	{
		dir = fs::path(testing::TempDir()) /
		      ("cost-" + std::to_string(::getpid()) + "-" +
		       testing::UnitTest::GetInstance()->current_test_info()->name());
		fs::create_directories(dir);
	}
	void TearDown() override { fs::remove_all(dir); }

	// report.json of one deterministic boot of every column, as written.
	std::string write(const std::string &name, const std::vector<Edit> &edits = {},
			  bool deterministic = true, bool counters = false)
	{
		std::vector<Boot> boots;
		for (const auto &c : fixtures::boot_columns())
			boots.push_back(boot_of(c, edits, counters));
		Table table = build_table(boots, fixtures::boot_columns());
		auto repeat = compare_repeats(boots);
		ReportInfo info;
		info.bench_spec = "full";
		info.deterministic = deterministic;
		info.columns = fixtures::boot_columns();
		fs::path path = dir / (name + ".json");
		std::ofstream(path) << report_text({info, boots, table, repeat});
		return path.string();
	}

	cost::Report report(const std::string &name, const std::vector<Edit> &edits = {},
			    bool counters = false)
	{
		std::string error;
		auto r = cost::read_report(write(name, edits, true, counters), error);
		EXPECT_TRUE(r) << error;
		return r ? *r : cost::Report{};
	}

	int judge(const cost::Input &in)
	{
		std::ostringstream o;
		int rc = cost::judge(in, o);
		out = o.str();
		return rc;
	}

	fs::path dir;
	std::string out;
};

const std::vector<Edit> kPvDrift = {{"xen-pv", kMprotect, 0.15}, {"xen-pv", kClock, 0.15}};

std::string off_line(const std::string &column)
{
	char prefix[32];
	std::snprintf(prefix, sizeof prefix, "%-8s off vs base: ", column.c_str());
	return prefix;
}

std::string on_line(const std::string &column)
{
	char prefix[32];
	std::snprintf(prefix, sizeof prefix, "%-8s on vs off: ", column.c_str());
	return prefix;
}

} // namespace

TEST_F(Cost, ReaderTakesTheWrittenCells)
{
	cost::Report r = report("on", {}, true);
	EXPECT_EQ(r.columns, fixtures::boot_columns());
	for (const auto &c : fixtures::boot_columns()) {
		SCOPED_TRACE(c);
		EXPECT_DOUBLE_EQ(r.median.at({kMprotect, c}), fixture_median(c, kMprotect));
		std::size_t n = 0;
		for (const auto &[k, v] : r.median)
			n += k.second == c && r.metric.at(k.first) == "time";
		EXPECT_EQ(n, time_ops(c));
	}
	EXPECT_EQ(r.metric.at("timer.nanosleep_1us"), "overshoot");
	for (const auto &c : fixtures::boot_columns()) {
		auto it = r.hypercalls.find({kMprotect, c});
		if (c == "native") {
			// Outside Xen nothing counts hypercalls.
			EXPECT_TRUE(it == r.hypercalls.end());
			continue;
		}
		ASSERT_TRUE(it != r.hypercalls.end()) << c;
		EXPECT_DOUBLE_EQ(it->second, fixture_total_hypercalls(c, kMprotect)) << c;
	}
}

TEST_F(Cost, IdenticalKernelsMeetTheTarget)
{
	cost::Input in;
	in.base = {report("base"), report("again")};
	in.off = {report("off")};
	EXPECT_EQ(judge(in), 0) << out;
	for (const auto &c : fixtures::boot_columns()) {
		std::string want =
			off_line(c) + std::to_string(time_ops(c)) + " of " +
			std::to_string(time_ops(c)) +
			" time ops identical, largest |off-base| 0.000% (target 0.1%: met)";
		EXPECT_EQ(line_of(out, off_line(c)).substr(0, want.size()), want) << out;
	}
	EXPECT_NE(out.find("the least median of 2/1 boots of each kernel"), std::string::npos);
}

TEST_F(Cost, DriftOutsideTheTargetIsMissedAndNamed)
{
	cost::Input in;
	in.base = {report("base"), report("again")};
	in.off = {report("off", kPvDrift)};
	EXPECT_EQ(judge(in), 1) << out;
	std::string n = std::to_string(time_ops("xen-pv"));
	EXPECT_EQ(line_of(out, off_line("xen-pv")),
		  off_line("xen-pv") + std::to_string(time_ops("xen-pv") - 2) + " of " + n +
			  " time ops identical, largest |off-base| 0.150% (target 0.1%: MISSED: " +
			  kMprotect + " " + kClock +
			  " outside it); wakeups: largest |off-base| 0.000%")
		<< out;
	EXPECT_NE(line_of(out, off_line("native")).find("(target 0.1%: met)"), std::string::npos);
	EXPECT_NE(line_of(out, off_line("xen-pvh")).find("(target 0.1%: met)"), std::string::npos);
	// The table row of the op, with its deviation.
	EXPECT_NE(line_of(out, kMprotect + std::string(28 - kMprotect.size(), ' ') + " xen-pv")
			  .find(" +0.150%"),
		  std::string::npos)
		<< out;
}

TEST_F(Cost, DriftWithinTheTargetIsMet)
{
	cost::Input in;
	in.base = {report("base")};
	in.off = {report("off", {{"xen-pv", kMprotect, 0.08}, {"xen-pvh", kClock, -0.09}})};
	EXPECT_EQ(judge(in), 0) << out;
	EXPECT_NE(line_of(out, off_line("xen-pvh")).find("|off-base| 0.090% (target 0.1%: met)"),
		  std::string::npos)
		<< out;
}

TEST_F(Cost, EachKernelCountsWithTheLeastOfItsBoots)
{
	cost::Input in;
	in.base = {report("base"), report("again")};
	in.off = {report("off-drift", kPvDrift), report("off")};
	EXPECT_EQ(judge(in), 0) << out;
	EXPECT_NE(line_of(out, off_line("xen-pv")).find("|off-base| 0.000% (target 0.1%: met)"),
		  std::string::npos)
		<< out;
	// How far the off kernel's two boots differ is shown on the op's row.
	EXPECT_NE(line_of(out, kMprotect + std::string(28 - kMprotect.size(), ' ') + " xen-pv")
			  .find("   0.15%"),
		  std::string::npos)
		<< out;
}

TEST_F(Cost, DriftThePlaceboSharesIsLayout)
{
	cost::Input in;
	in.base = {report("base"), report("again")};
	in.off = {report("off", kPvDrift)};
	in.placebo = {report("placebo", kPvDrift)};
	EXPECT_EQ(judge(in), 0) << out;
	EXPECT_NE(line_of(out, off_line("xen-pv"))
			  .find("|off-base| 0.150%, |placebo-base| 0.150%, |off-placebo| 0.000% "
				"(target 0.1%: met, layout: " +
				kMprotect + " " + kClock + " moved as far with the placebo)"),
		  std::string::npos)
		<< out;
}

TEST_F(Cost, DriftThePlaceboDoesNotShareIsMissed)
{
	cost::Input in;
	in.base = {report("base"), report("again")};
	in.off = {report("off", kPvDrift)};
	in.placebo = {report("placebo")};
	EXPECT_EQ(judge(in), 1) << out;
	EXPECT_NE(
		line_of(out, off_line("xen-pv")).find("|off-placebo| 0.150% (target 0.1%: MISSED"),
		std::string::npos)
		<< out;
}

TEST_F(Cost, WakeupsAreShownButNotJudged)
{
	cost::Input in;
	in.base = {report("base")};
	in.off = {report("off", {{"xen-pv", "timer.nanosleep_1us", 5}})};
	EXPECT_EQ(judge(in), 0) << out;
	EXPECT_NE(line_of(out, off_line("xen-pv"))
			  .find("(target 0.1%: met); wakeups: largest |off-base| 5.000%"),
		  std::string::npos)
		<< out;
}

TEST_F(Cost, OnWithinTwoPercentIsMetWithTheCostPerHypercall)
{
	cost::Input in;
	in.base = {report("base")};
	in.off = {report("off")};
	std::vector<Edit> on;
	for (const auto &c : fixtures::boot_columns())
		on.push_back({c, kMprotect, 0.3, c == "native" ? "" : "{\"page-table\":2}"});
	in.on = {report("on", on)};
	in.on_off = {report("on-off")};
	EXPECT_EQ(judge(in), 0) << out;
	char added[32];
	std::snprintf(added, sizeof added, "%.1f", fixture_median("xen-pv", kMprotect) * 0.003 / 2);
	std::string line = line_of(out, on_line("xen-pv"));
	EXPECT_NE(line.find("largest +0.300% (" + kMprotect + ")"), std::string::npos) << out;
	EXPECT_NE(line.find(std::string("added per hypercall (ops with 1 or more) ") + added +
			    " to " + added + " instructions, median " + added +
			    " (target 2.0%: met)"),
		  std::string::npos)
		<< out;
	// Natively there is no target.
	EXPECT_EQ(line_of(out, on_line("native")).find("target"), std::string::npos) << out;
}

TEST_F(Cost, OnCostingThreePercentUnderXenIsMissed)
{
	cost::Input in;
	in.base = {report("base")};
	in.off = {report("off")};
	in.on = {report("on", {{"xen-pv", kMprotect, 3, "{\"page-table\":2}"},
			       {"native", kMprotect, 3, ""}})};
	in.on_off = {report("on-off")};
	EXPECT_EQ(judge(in), 1) << out;
	std::string pv = line_of(out, on_line("xen-pv"));
	EXPECT_NE(pv.find("largest +3.000% (" + kMprotect + ")"), std::string::npos) << out;
	EXPECT_NE(pv.find("(target 2.0%: MISSED)"), std::string::npos) << out;
	EXPECT_NE(line_of(out, on_line("xen-pvh")).find("(target 2.0%: met)"), std::string::npos);
	EXPECT_EQ(line_of(out, on_line("native")).find("MISSED"), std::string::npos) << out;
}

TEST_F(Cost, HypercallCountedWhileOffIsMissed)
{
	cost::Input in;
	in.base = {report("base")};
	in.off = {report("off")};
	in.on = {report("on")};
	in.on_off = {report("on-off", {{"xen-pv", kMprotect, 0, "{\"page-table\":0.5}"}})};
	EXPECT_EQ(judge(in), 1) << out;
	std::string pv = line_of(out, on_line("xen-pv"));
	EXPECT_NE(pv.find("MISSED"), std::string::npos) << out;
	EXPECT_TRUE(pv.ends_with("; counted while off: " + kMprotect)) << out;
}

// The xen trace events' arm: what enabling them costs, per op, in the Xen
// columns that ran it, per hypercall of the accounting's "on" boots; shown,
// never judged, however large.
TEST_F(Cost, TraceEventsAreShownWithTheirCostPerHypercallButNotJudged)
{
	cost::Input in;
	in.base = {report("base")};
	in.off = {report("off")};
	in.on = {report("on", {{"xen-pv", kMprotect, 0, "{\"page-table\":2}"}})};
	in.on_off = {report("on-off")};
	in.events = {report("events", {{"xen-pv", kMprotect, 5}})};
	in.events_off = {report("events-off")};
	EXPECT_EQ(judge(in), 0) << out;
	std::string line = line_of(out, "xen-pv   events vs off: ");
	EXPECT_NE(line.find("largest +5.000% (" + kMprotect + ")"), std::string::npos) << out;
	char added[32];
	std::snprintf(added, sizeof added, "%.1f", fixture_median("xen-pv", kMprotect) * 0.05 / 2);
	EXPECT_NE(line.find(std::string("added per hypercall (ops with 1 or more) ") + added),
		  std::string::npos)
		<< out;
	EXPECT_EQ(line.find("target"), std::string::npos) << out;
	EXPECT_NE(out.find("xen trace events enabled against not"), std::string::npos) << out;
}

// xentrace's arm: its boots against the accounting's "off" boots of the
// same kernel, shown per hypercall of the "on" boots, never judged.
TEST_F(Cost, XentraceIsComparedWithTheOnOffBootsAndNotJudged)
{
	cost::Input in;
	in.base = {report("base")};
	in.off = {report("off")};
	in.on = {report("on", {{"xen-pv", kMprotect, 0, "{\"page-table\":4}"}})};
	in.on_off = {report("on-off")};
	in.xentrace = {report("xentrace", {{"xen-pv", kMprotect, 8}})};
	EXPECT_EQ(judge(in), 0) << out;
	std::string line = line_of(out, "xen-pv   xentrace vs off: ");
	EXPECT_NE(line.find("largest +8.000% (" + kMprotect + ")"), std::string::npos) << out;
	char added[32];
	std::snprintf(added, sizeof added, "%.1f", fixture_median("xen-pv", kMprotect) * 0.08 / 4);
	EXPECT_NE(line.find(std::string("added per hypercall (ops with 1 or more) ") + added),
		  std::string::npos)
		<< out;
	EXPECT_EQ(line.find("target"), std::string::npos) << out;
	EXPECT_NE(out.find("xentrace recording against not"), std::string::npos) << out;
}

TEST_F(Cost, AMissingCellIsShownAndTheColumnStillJudged)
{
	cost::Input in;
	in.base = {report("base")};
	cost::Report off = report("off");
	off.median.erase({kMprotect, "xen-pv"});
	in.off = {off};
	EXPECT_EQ(judge(in), 0) << out;
	EXPECT_NE(out.find(kMprotect + std::string(28 - kMprotect.size(), ' ') + " xen-pv  "),
		  std::string::npos);
	EXPECT_NE(line_of(out, off_line("xen-pv"))
			  .find(std::to_string(time_ops("xen-pv") - 1) + " time ops identical"),
		  std::string::npos)
		<< out;
	EXPECT_NE(out.find("     missing\n"), std::string::npos) << out;
}

TEST_F(Cost, CodeAndLayoutLinesComeLast)
{
	std::ofstream(dir / "textcmp.txt")
		<< "only in full: arch/x86/xen/hypercalls.o (2822 bytes of code)\n"
		<< "1205 objects in both builds, 0 with different code\n";
	cost::Input in;
	in.base = {report("base")};
	in.off = {report("off")};
	in.code = (dir / "textcmp.txt").string();
	in.placebo_code = (dir / "none.txt").string();
	in.layout = "copy_process at base ffffffff810484b4";
	EXPECT_EQ(judge(in), 0) << out;
	EXPECT_TRUE(out.ends_with("code: 1205 objects in both builds, 0 with different code\n"
				  "placebo code: no comparison in " +
				  in.placebo_code + "\nlayout: " + in.layout + "\n"))
		<< out;
}

TEST_F(Cost, ANonDeterministicReportIsRefused)
{
	std::string path = write("base", {}, false), error;
	EXPECT_FALSE(cost::read_report(path, error));
	EXPECT_EQ(error,
		  path + " was not run in deterministic mode (pvharness bench --deterministic)");
}

TEST_F(Cost, AReportWithoutAFieldTheJudgeReadsIsRefused)
{
	std::string path = write("base"), text, error;
	ASSERT_TRUE(read_file(path, text));
	auto at = text.find("\"median\"", text.find("\"benchmarks\""));
	ASSERT_NE(at, std::string::npos);
	text.replace(at, 8, "\"medain\"");
	EXPECT_FALSE(cost::parse_report(text, path, error));
	EXPECT_NE(error.find("no number 'median' in benchmark "), std::string::npos) << error;
	EXPECT_FALSE(cost::parse_report("{\"deterministic\": tru", path, error));
	EXPECT_EQ(error, "report " + path + " is not a JSON object");
}

namespace {

// pvharness cost ARGS through its CLI11 subcommand: exit status, output.
int run_cost(std::vector<std::string> args, std::string &out, std::string &err)
{
	CLI::App app;
	Command cost = add_cost_command(app);
	args.insert(args.begin(), "cost");
	std::reverse(args.begin(), args.end()); // CLI11 takes a vector in reverse
	app.parse(args);
	testing::internal::CaptureStdout();
	testing::internal::CaptureStderr();
	int rc = cost.run();
	out = testing::internal::GetCapturedStdout();
	err = testing::internal::GetCapturedStderr();
	return rc;
}

} // namespace

TEST_F(Cost, CommandJudgesTheFilesItIsGiven)
{
	std::string base = write("base"), off = write("off", kPvDrift), placebo = write("placebo"),
		    o, e;
	EXPECT_EQ(run_cost({"--base", base, base, "--off", off, "--placebo", placebo}, o, e), 1);
	EXPECT_EQ(e, "");
	EXPECT_NE(line_of(o, off_line("xen-pv")).find("MISSED"), std::string::npos) << o;
	EXPECT_NE(o.find("the least median of 2/1/1 boots"), std::string::npos) << o;
}

TEST_F(Cost, CommandStopsWithOneLineOnAMissingReport)
{
	std::string base = write("base"), o, e;
	std::string missing = (dir / "full-2" / "report.json").string();
	EXPECT_EQ(run_cost({"--base", base, "--off", missing}, o, e), 2);
	EXPECT_EQ(o, "");
	EXPECT_EQ(e, "pvharness: error: cannot read report " + missing +
			     ": No such file or directory\n");
	EXPECT_EQ(run_cost({"--base", base, "--off", base, "--on", base}, o, e), 2);
	EXPECT_EQ(e, "pvharness: error: cost: --on and --on-off go together\n");
	EXPECT_EQ(run_cost({"--base", base, "--off", base, "--xentrace", base}, o, e), 2);
	EXPECT_EQ(e, "pvharness: error: cost: --xentrace needs the --on-off boots to compare "
		     "with\n");
}
