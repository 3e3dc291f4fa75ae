// SPDX-License-Identifier: GPL-2.0
// pvharness ci-times --log LOG --jobs JSON: what `make ci-local` ran, job
// by job, from gitlab-ci-local's timestamped output and its job list;
// that the jobs that build a kernel did not overlap; and the projected
// wall time of the same jobs on more runners like this machine.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "console.hpp"
#include "pipeline.hpp"

namespace pvh {

namespace {

struct Args {
	std::string log, jobs;
	std::vector<std::string> exclusive{"build", "gates"};
	std::vector<int> runners{1, 4, 16};
	bool ran_only = false;
};

int run(const Args &a)
{
	namespace pl = pipeline;
	std::string log_text, jobs_text, error;
	if (!read_file(a.log, log_text))
		return fail("cannot read the pipeline log " + a.log, 2);
	if (!read_file(a.jobs, jobs_text))
		return fail("cannot read the job list " + a.jobs, 2);
	auto specs = pl::parse_jobs(jobs_text, error);
	if (specs.empty())
		return fail(a.jobs + ": " + error, 2);
	auto runs = pl::parse_run(log_text, specs);
	if (std::none_of(runs.begin(), runs.end(),
			 [](const pl::JobRun &r) { return r.start >= 0; }))
		return fail("no line of any job of " + a.jobs + " in " + a.log +
				    " (gitlab-ci-local's output with --timestamps)",
			    2);
	if (a.ran_only) {
		// A run of some jobs: the others are not missing, only not asked for.
		std::vector<pl::JobSpec> s;
		std::vector<pl::JobRun> r;
		for (std::size_t i = 0; i < runs.size(); ++i)
			if (runs[i].start >= 0) {
				s.push_back(specs[i]);
				r.push_back(runs[i]);
			}
		specs = std::move(s);
		runs = std::move(r);
	}

	int bad = 0;
	long first = -1, last = -1;
	std::printf("%-24s %8s %8s %8s  %s\n", "job", "start", "end", "time", "result");
	for (const auto &r : runs) {
		std::string status =
			r.status.empty() ? (r.start < 0 ? "not run" : "no result") : r.status;
		bad += status != "PASS";
		if (r.start < 0) {
			std::printf("%-24s %8s %8s %8s  %s\n", r.name.c_str(), "-", "-", "-",
				    status.c_str());
			continue;
		}
		if (first < 0 || r.start < first)
			first = r.start;
		last = std::max(last, r.end);
		std::printf("%-24s %8s %8s %8s  %s\n", r.name.c_str(),
			    pl::time_of_day(r.start).c_str(), pl::time_of_day(r.end).c_str(),
			    pl::clock(r.seconds()).c_str(), status.c_str());
	}
	long busy = 0;
	for (const auto &r : runs)
		busy += r.seconds();
	std::cout << "pipeline: " << runs.size() - bad << "/" << runs.size() << " jobs passed; "
		  << pl::clock(first < 0 ? 0 : last - first) << " wall, " << pl::clock(busy)
		  << " in jobs\n";

	std::string names;
	for (const auto &e : a.exclusive)
		names += (names.empty() ? "" : ", ") + e;
	auto over = pl::overlaps(runs, a.exclusive);
	for (const auto &o : over)
		std::cout << "pvharness: error: " << o
			  << " ran at the same time; they build kernels and must run alone\n";
	if (over.empty())
		std::cout << "kernel builds: no two of the jobs " << names << " overlapped\n";

	auto all = pl::schedule(specs, runs, static_cast<int>(specs.size()));
	std::string path;
	for (const auto &p : all.path) {
		long secs = 0;
		for (const auto &r : runs)
			if (r.name == p)
				secs = r.seconds();
		path += (path.empty() ? "" : " -> ") + p + " " + pl::clock(secs);
	}
	std::cout << "critical path: " << pl::clock(all.wall) << ": " << path << "\n";
	std::cout << "projected wall time, runners like this machine, these job times:";
	for (int n : a.runners)
		std::cout << " " << n << (n == 1 ? " runner " : " runners ")
			  << pl::clock(pl::schedule(specs, runs, n).wall) << ";";
	std::cout << "\n";
	return bad || !over.empty() ? 1 : 0;
}

} // namespace

Command add_ci_times_command(CLI::App &app)
{
	auto a = std::make_shared<Args>();
	auto *sub = app.add_subcommand(
		"ci-times", "a gitlab-ci-local run job by job, overlapping kernel builds, and its "
			    "wall time projected on more runners");
	sub->add_option("--log", a->log, "gitlab-ci-local's output with --timestamps")->required();
	sub->add_option("--jobs", a->jobs, "gitlab-ci-local --list-json")->required();
	sub->add_option("--exclusive", a->exclusive,
			"jobs (base names) that must not overlap (build,gates)")
		->delimiter(',');
	sub->add_option("--runners", a->runners, "runner counts to project (1,4,16)")
		->delimiter(',');
	sub->add_flag(
		"--ran-only", a->ran_only,
		"only the jobs the log shows (a run of some jobs); the others are not failures");
	return {sub, [a]() { return run(*a); }};
}

} // namespace pvh
