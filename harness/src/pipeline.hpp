// SPDX-License-Identifier: GPL-2.0
// A CI pipeline run as gitlab-ci-local printed it (--timestamps): when
// each job ran and how it ended, whether two jobs that must run alone
// (they build a kernel) overlapped, and what the same jobs would take on
// more runners: the critical path, and a greedy schedule on N runners.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace pvh::pipeline {

// A job as `gitlab-ci-local --list-json` describes it.
struct JobSpec {
	std::string name, stage;
	bool has_needs = false;		// needs: given (else: every job of earlier stages)
	std::vector<std::string> needs; // a parallel job's base name means all of it
};

// Parse the --list-json output; empty and error set on bad input.
std::vector<JobSpec> parse_jobs(std::string_view json_text, std::string &error);

struct JobRun {
	std::string name;
	long start = -1, end = -1; // seconds since the first line's midnight; -1: not seen
	long first_line = -1, last_line = -1; // in the log: interleaved lines ran at once
	std::string status;		      // PASS, FAIL, WARN as the summary says; "" if absent
	long seconds() const { return start < 0 || end < start ? 0 : end - start; }
};

// Each job's first and last timestamped line and its status; jobs in the
// order of specs. A timestamp earlier than the one before crossed midnight.
std::vector<JobRun> parse_run(std::string_view log, const std::vector<JobSpec> &specs);

// "gates: [1-9]" -> "gates"
std::string base_name(const std::string &job);

// Pairs of jobs among those whose base name is in exclusive that ran at
// the same time (their lines in the log interleave), as "a and b".
std::vector<std::string> overlaps(const std::vector<JobRun> &runs,
				  const std::vector<std::string> &exclusive);

struct Schedule {
	long wall = 0;		       // first start to last end
	std::vector<std::string> path; // the critical path, when runners >= jobs
};

// The jobs' measured times laid out on runners like the one they ran on:
// a job starts when what it needs has ended and a runner is free, the
// earliest-ready job first (then in pipeline order).
Schedule schedule(const std::vector<JobSpec> &specs, const std::vector<JobRun> &runs, int runners);

// "00:05:09": the time of day of a JobRun's start or end.
std::string time_of_day(long seconds);

// "1:05:09", "4:07", "0:12"
std::string clock(long seconds);

} // namespace pvh::pipeline
