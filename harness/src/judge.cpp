// SPDX-License-Identifier: GPL-2.0
#include "judge.hpp"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <ostream>

#include "console.hpp"
#include "dom0_log.hpp"
#include "guest_records.hpp"
#include "judge_kunit.hpp"
#include "ktap.hpp"
#include "splat.hpp"
#include "trace_window.hpp"

namespace fs = std::filesystem;
using Json = nlohmann::json;

namespace pvh {
namespace {

std::string strip(const std::string &s)
{
	auto b = s.find_first_not_of(" \t\n\r\f\v");
	if (b == std::string::npos)
		return "";
	auto e = s.find_last_not_of(" \t\n\r\f\v");
	return s.substr(b, e - b + 1);
}

Json hits(const std::vector<splat::Hit> &list)
{
	Json out = Json::array();
	for (const auto &h : list)
		out.push_back({{"line", h.line}, {"pattern", h.pattern}, {"text", h.text}});
	return out;
}

Json guest_result(const guest::Records &g)
{
	Json out = Json::object();
	for (const auto &[k, v] : g.info)
		out[k] = v;
	if (!g.routes.empty()) {
		for (const auto &[op, r] : g.routes)
			out["routes"][op] = {{"target", r.target}, {"native", r.native}};
		out["ops_not_native"] = guest::ops_not_native(g.routes);
	}
	if (!g.hcfile.empty()) {
		out["hypercalls"] = Json::object();
		for (const auto &[cls, c] : guest::hypercall_classes(g.hcfile))
			out["hypercalls"][cls] = {{"calls", c.calls}, {"batched", c.batched}};
	}
	return out;
}

std::vector<std::string> problems_of(const JudgeRequest &req, const splat::Found &splats,
				     const guest::Records &g, const Json &kunit,
				     const std::vector<std::string> &bad)
{
	std::vector<std::string> p;
	if (req.qemu_rc == 124 || req.qemu_rc == 137)
		p.push_back("timed out after " + std::to_string(req.timeout) + " s, QEMU killed");
	else if (req.qemu_rc != 0)
		p.push_back("QEMU exited with status " + std::to_string(req.qemu_rc));
	if (!splats.splats.empty()) {
		const auto &s = splats.splats.front();
		p.push_back(std::to_string(splats.splats.size()) + " splat(s), first at line " +
			    std::to_string(s.line) + " (" + s.pattern + "): " + strip(s.text));
	}
	if (!g.begun)
		p.push_back("the kernel did not start the guest's init");
	else if (!g.end_status)
		p.push_back("the guest did not reach the end of its init");
	else if (*g.end_status != 0)
		p.push_back("the guest report program exited with status " +
			    std::to_string(*g.end_status));
	if (auto it = g.info.find("pvbench_status"); it != g.info.end() && it->second != "0")
		p.push_back("pvbench exited with status " + it->second);
	// A dom0 kernel that traces itself (scripts/guest/init) and could not.
	if (auto it = g.info.find("trace_error"); it != g.info.end())
		p.push_back("Xen's trace: " + it->second);
	if (kunit["total"] == 0)
		p.push_back("no KTAP results in the log");
	long fail = kunit["fail"], error = kunit["error"];
	if (fail || error) {
		std::string text = "KUnit: " + std::to_string(fail) + " failed, " +
				   std::to_string(error) + " crashed/errors";
		if (!bad.empty()) {
			text += " (";
			for (std::size_t i = 0; i < bad.size() && i < 4; ++i)
				text += (i ? ", " : "") + bad[i];
			text += ")";
		}
		p.push_back(text);
	}
	return p;
}

std::string fixed1(double v)
{
	char buf[64];
	std::snprintf(buf, sizeof buf, "%.1f", v);
	return buf;
}

} // namespace

int judge_boot(const JudgeRequest &req, std::ostream &out, std::ostream &err)
{
	fs::path dir(req.dir);
	std::string log = (dir / "serial.log").string();
	std::string raw;
	if (!read_file(log, raw)) {
		err << "pvharness: error: cannot read " << log << "\n";
		return 2;
	}
	std::string error;
	auto patterns = splat::load_patterns(req.splat_patterns, error);
	if (patterns.empty()) {
		err << "pvharness: error: " << error << "\n";
		return 2;
	}
	std::string text;
	text.reserve(raw.size());
	for (char c : raw)
		if (c != '\r')
			text += c;
	// A domU column: judge the domU's console, keep dom0's beside it.
	std::vector<std::string> dom0_issues;
	Json dom0_result;
	std::string dom0_text;
	std::vector<std::string> trace_records;
	if (req.domu) {
		Dom0Log split = split_dom0_log(splat::log_lines(text));
		std::string dom0_path = (dir / "dom0.log").string();
		dom0_issues = dom0_problems(split, dom0_path);
		splat::Found d = splat::find_splats(splat::log_lines(split.dom0), patterns);
		if (!d.splats.empty())
			dom0_issues.push_back("dom0: " + std::to_string(d.splats.size()) +
					      " splat(s), first at line " +
					      std::to_string(d.splats.front().line) + " of " +
					      dom0_path + ": " + strip(d.splats.front().text));
		dom0_result = {{"log", dom0_path},
			       {"record", split.record},
			       {"problems", dom0_issues},
			       {"splats", hits(d.splats)}};
		dom0_text = std::move(split.dom0);
		text = std::move(split.domu);
		trace_records = std::move(split.trace);
		log = (dir / "console.log").string();
	}
	auto lines = splat::log_lines(text);
	// A dom0 kernel that traced itself printed the trace's reading itself.
	if (!req.domu)
		trace_records = trace::records(lines);
	splat::Found splats = splat::find_splats(lines, patterns);
	guest::Records g = guest::read_records(guest::unsplice(lines));

	// The guest's copy of the debugfs results first: on the console a
	// kernel message printed by another CPU can break a suite's KTAP.
	auto copy = guest::debugfs_ktap(g.ktap_copy);
	const std::string &ktap_text = copy ? *copy : text;
	ktap::Summary summary = ktap::summarize(ktap::parse(ktap_text));
	Json kunit = kunit_result(summary);
	kunit["source"] = copy ? "debugfs" : "console";
	auto bad = bad_cases(summary);

	auto problems = dom0_issues;
	for (auto &p : problems_of(req, splats, g, kunit, bad))
		problems.push_back(std::move(p));
	// Xen's trace against the kernel's counts, when the judged KTAP has a
	// window (a dom0 that traces itself has the traced one in its copy).
	Json trace_result;
	if (req.trace_uncounted) {
		try {
			if (auto w = trace::find_guest_window(splat::log_lines(ktap_text))) {
				auto xen = trace::xen_window(trace_records, w->vcpu);
				trace_result = trace::compare(*w, xen, *req.trace_uncounted);
				std::string all;
				for (const auto &m : trace_result["mismatches"])
					all += (all.empty() ? "" : "; ") + m.get<std::string>();
				if (!all.empty())
					problems.push_back("Xen's trace: " + all + "; see " +
							   (dir / "dom0.log").string());
			}
		} catch (const std::exception &e) {
			problems.push_back(std::string("Xen's trace: ") + e.what());
		}
	}
	Json guest = guest_result(g);
	Json result = {
		{"column", req.column},
		{"expect", req.expect},
		{"status", problems.empty() ? "pass" : "fail"},
		{"problems", problems},
		{"seconds", std::round(req.seconds * 100) / 100},
		{"qemu_rc", req.qemu_rc},
		{"guest", guest},
		{"kunit", kunit},
		{"splats", hits(splats.splats)},
		{"tolerated", hits(splats.tolerated)},
		{"log", log},
	};
	if (req.domu)
		result["dom0"] = dom0_result;
	if (!trace_result.is_null())
		result["trace_window"] = trace_result;
	std::string dumped = result.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
	using Output = std::pair<const char *, const std::string *>;
	std::vector<Output> outputs = {Output{"console.log", &text}, Output{"ktap.log", &ktap_text},
				       Output{"result.json", &dumped}};
	if (req.domu)
		outputs.push_back(Output{"dom0.log", &dom0_text});
	for (const auto &[name, body] : outputs)
		if (!write_file(dir / name, *body)) {
			err << "pvharness: error: cannot write " << (dir / name).string() << "\n";
			return 2;
		}

	std::string figures = fixed1(req.seconds) + " s, detected " +
			      guest.value("kernel_detected", std::string("?")) + ", KTAP " +
			      std::to_string(kunit["pass"].get<long>()) + " pass " +
			      std::to_string(kunit["fail"].get<long>()) + " fail " +
			      std::to_string(kunit["skip"].get<long>()) + " skip " +
			      std::to_string(kunit["error"].get<long>()) + " error";
	if (!problems.empty()) {
		for (std::size_t i = 0; i < splats.splats.size() && i < 20; ++i) {
			const auto &s = splats.splats[i];
			err << "  " << log << ":" << s.line << ": " << s.pattern << ": "
			    << strip(s.text) << "\n";
		}
		std::string joined;
		for (const auto &p : problems)
			joined += (joined.empty() ? "" : "; ") + p;
		err << "pvops: error: boot " << req.column << ": FAIL (" << joined << "); "
		    << figures << "; see " << log << "\n";
		return 1;
	}
	out << "pvops: boot " << req.column << ": PASS, " << figures << "\n";
	return 0;
}

} // namespace pvh
