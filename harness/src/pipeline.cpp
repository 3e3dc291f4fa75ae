// SPDX-License-Identifier: GPL-2.0
#include "pipeline.hpp"

#include <algorithm>
#include <cstdio>
#include <limits>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

namespace pvh::pipeline {

std::vector<JobSpec> parse_jobs(std::string_view json_text, std::string &error)
{
	auto doc = nlohmann::json::parse(json_text, nullptr, false);
	std::vector<JobSpec> jobs;
	if (!doc.is_array()) {
		error = "not a JSON array of jobs (gitlab-ci-local --list-json)";
		return {};
	}
	for (const auto &j : doc) {
		if (!j.is_object() || !j.contains("name") || !j["name"].is_string() ||
		    !j.contains("stage") || !j["stage"].is_string()) {
			error = "a job without a name or a stage: " + j.dump();
			return {};
		}
		JobSpec s{j["name"], j["stage"], j.contains("needs"), {}};
		if (s.has_needs)
			for (const auto &n : j["needs"]) {
				if (n.is_object() && n.contains("job") && n["job"].is_string())
					s.needs.push_back(n["job"]);
				else if (n.is_string())
					s.needs.push_back(n);
			}
		jobs.push_back(std::move(s));
	}
	if (jobs.empty())
		error = "no job in the list";
	return jobs;
}

std::string base_name(const std::string &job)
{
	auto p = job.find(": [");
	return p == std::string::npos ? job : job.substr(0, p);
}

std::vector<JobRun> parse_run(std::string_view log, const std::vector<JobSpec> &specs)
{
	std::vector<JobRun> runs;
	for (const auto &s : specs)
		runs.push_back(JobRun{s.name, -1, -1, -1, -1, ""});
	// Longest name first: a job "build" must not take the lines of a job
	// "build x" (a name followed by a space, as the log prints them).
	std::vector<std::size_t> order(runs.size());
	for (std::size_t i = 0; i < order.size(); ++i)
		order[i] = i;
	std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
		return runs[a].name.size() > runs[b].name.size();
	});
	auto job_at = [&](const std::string &rest) -> JobRun * {
		for (std::size_t i : order) {
			const std::string &n = runs[i].name;
			if (rest.compare(0, n.size(), n) == 0 &&
			    (rest.size() == n.size() || rest[n.size()] == ' '))
				return &runs[i];
		}
		return nullptr;
	};
	static const std::regex stamped(R"(^\[(\d\d):(\d\d):(\d\d)[^\]]*\] (.*)$)");
	static const std::regex summary(R"(^ (PASS|FAIL|WARN) +\[[^\]]*\] (.*)$)");
	std::istringstream in{std::string(log)};
	std::string line;
	long day = 0, last = -1, number = 0;
	std::smatch m;
	while (std::getline(in, line)) {
		++number;
		if (!line.empty() && line.back() == '\r')
			line.pop_back();
		if (std::regex_match(line, m, stamped)) {
			// An hour of 24 (en-US's clock after midnight) reads right as it is.
			long t = std::stol(m[1]) * 3600 + std::stol(m[2]) * 60 + std::stol(m[3]);
			if (last >= 0 && t + day < last - 12 * 3600)
				day += 24 * 3600;
			t += day;
			last = t;
			if (JobRun *r = job_at(m[4])) {
				if (r->start < 0) {
					r->start = t;
					r->first_line = number;
				}
				r->end = std::max(r->end, t);
				r->last_line = number;
			}
		} else if (std::regex_match(line, m, summary)) {
			// A WARN line names the failed part after the job: pre_script
			// (the job failed, allowed to) or after_script, which GitLab
			// does not count against the job's own PASS or FAIL line.
			// (It comes before a FAIL line, after a PASS line.)
			const std::string rest = m[2];
			JobRun *r = job_at(rest);
			if (!r)
				continue;
			bool after_script =
				rest.find("  after_script", r->name.size()) != std::string::npos;
			if (!after_script || r->status.empty())
				r->status = m[1];
		}
	}
	return runs;
}

std::vector<std::string> overlaps(const std::vector<JobRun> &runs,
				  const std::vector<std::string> &exclusive)
{
	std::vector<const JobRun *> alone;
	for (const auto &r : runs)
		if (r.start >= 0 && std::find(exclusive.begin(), exclusive.end(),
					      base_name(r.name)) != exclusive.end())
			alone.push_back(&r);
	std::vector<std::string> out;
	for (std::size_t i = 0; i < alone.size(); ++i)
		for (std::size_t j = i + 1; j < alone.size(); ++j)
			if (alone[i]->first_line < alone[j]->last_line &&
			    alone[j]->first_line < alone[i]->last_line)
				out.push_back(alone[i]->name + " and " + alone[j]->name);
	return out;
}

namespace {

// The indices of the jobs job i waits for.
std::vector<std::size_t> deps_of(const std::vector<JobSpec> &specs, std::size_t i)
{
	std::vector<std::string> stages;
	for (const auto &s : specs)
		if (std::find(stages.begin(), stages.end(), s.stage) == stages.end())
			stages.push_back(s.stage);
	auto rank = [&](const std::string &st) {
		return std::find(stages.begin(), stages.end(), st) - stages.begin();
	};
	std::vector<std::size_t> out;
	for (std::size_t j = 0; j < specs.size(); ++j) {
		if (j == i)
			continue;
		bool dep = specs[i].has_needs
				   ? std::any_of(specs[i].needs.begin(), specs[i].needs.end(),
						 [&](const std::string &n) {
							 return n == specs[j].name ||
								n == base_name(specs[j].name);
						 })
				   : rank(specs[j].stage) < rank(specs[i].stage);
		if (dep)
			out.push_back(j);
	}
	return out;
}

} // namespace

Schedule schedule(const std::vector<JobSpec> &specs, const std::vector<JobRun> &runs, int runners)
{
	const std::size_t n = specs.size();
	std::vector<std::vector<std::size_t>> deps(n);
	for (std::size_t i = 0; i < n; ++i)
		deps[i] = deps_of(specs, i);
	std::vector<long> finish(n, -1), start(n, -1);
	std::vector<long> free_at(static_cast<std::size_t>(std::max(runners, 1)), 0);
	std::vector<std::size_t> why(n, n); // the dependency that ended last
	for (std::size_t done = 0; done < n; ++done) {
		std::size_t pick = n;
		long pick_ready = std::numeric_limits<long>::max();
		for (std::size_t i = 0; i < n; ++i) {
			if (finish[i] >= 0)
				continue;
			long ready = 0;
			bool can = true;
			for (std::size_t d : deps[i]) {
				if (finish[d] < 0)
					can = false;
				else
					ready = std::max(ready, finish[d]);
			}
			if (can && ready < pick_ready) {
				pick = i;
				pick_ready = ready;
			}
		}
		if (pick == n)
			break; // a cycle: what is left cannot run
		auto runner = std::min_element(free_at.begin(), free_at.end());
		start[pick] = std::max(pick_ready, *runner);
		finish[pick] = start[pick] + runs[pick].seconds();
		*runner = finish[pick];
		for (std::size_t d : deps[pick])
			if (finish[d] == pick_ready) {
				why[pick] = d; // the first of those that ended last
				break;
			}
	}
	Schedule s;
	std::size_t last = n;
	for (std::size_t i = 0; i < n; ++i)
		if (finish[i] >= 0 && (last == n || finish[i] > finish[last]))
			last = i;
	if (last == n)
		return s;
	s.wall = finish[last];
	for (std::size_t i = last; i != n; i = why[i])
		s.path.insert(s.path.begin(), specs[i].name);
	return s;
}

std::string time_of_day(long seconds)
{
	char buf[32];
	long s = (seconds % 86400 + 86400) % 86400;
	std::snprintf(buf, sizeof(buf), "%02ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
	return buf;
}

std::string clock(long seconds)
{
	char buf[32];
	if (seconds >= 3600)
		std::snprintf(buf, sizeof(buf), "%ld:%02ld:%02ld", seconds / 3600,
			      seconds / 60 % 60, seconds % 60);
	else
		std::snprintf(buf, sizeof(buf), "%ld:%02ld", seconds / 60, seconds % 60);
	return buf;
}

} // namespace pvh::pipeline
