// SPDX-License-Identifier: GPL-2.0
#include "boot.hpp"

#include <cerrno>
#include <cstring>
#include <map>
#include <nlohmann/json.hpp>

#include "column.hpp"
#include "commands.hpp"
#include "console.hpp"
#include "paths.hpp"

namespace pvh {

std::string column_label(const std::string &column)
{
	// The labels are the column files' own, read once.
	static const std::map<std::string, std::string> labels = [] {
		std::map<std::string, std::string> out;
		std::string root = globals().root.empty() ? find_root("") : globals().root, error;
		for (const auto &c : load_columns(root, error))
			out[c.name] = c.label;
		return out;
	}();
	auto it = labels.find(column);
	return it == labels.end() ? column : it->second;
}

bool load_boot(Boot &boot, std::string &error)
{
	std::string raw;
	if (!read_file(boot.log(), raw)) {
		error = "cannot read " + boot.log() + " (" + std::strerror(errno) + ")";
		return false;
	}
	auto lines = console_lines(raw);
	// The KTAP the judge judged, when it did (a domU column's is the
	// domU's, which serial.log holds only behind dom0's relay), else the
	// console's.
	std::string judged;
	boot.ktap = read_file(boot.dir + "/ktap.log", judged) ? ktap::parse(judged)
							      : ktap::parse(lines);
	boot.bench = bench::parse(lines);
	boot.log_read = true;

	std::string result;
	if (read_file(boot.dir + "/result.json", result)) {
		// Not JSON, or not the shape expected: no runner verdict.
		auto v = nlohmann::json::parse(result, nullptr, false);
		if (auto s = v.find("status"); s != v.end() && s->is_string())
			boot.boot_status = s->get<std::string>();
		if (auto p = v.find("problems"); p != v.end() && p->is_array())
			for (const auto &x : *p)
				if (x.is_string())
					boot.boot_problems.push_back(x.get<std::string>());
	}
	return true;
}

std::vector<std::string> boot_problems(const Boot &boot, bool want_bench)
{
	std::vector<std::string> out;
	if (boot.killed)
		out.push_back("the harness killed the boot after its deadline");
	if (!boot.log_read) {
		out.push_back("no console log");
		return out;
	}
	ktap::Verdict kv = ktap::verdict(boot.ktap);
	if (kv != ktap::Verdict::Pass && kv != ktap::Verdict::Skip) {
		std::string why = std::string("KUnit ") + ktap::verdict_name(kv);
		for (const auto &doc : boot.ktap.documents) {
			for (const auto &suite : doc.root.subtests) {
				ktap::Verdict sv = ktap::verdict(suite);
				if (sv != ktap::Verdict::Pass && sv != ktap::Verdict::Skip) {
					why += std::string(" (first: ") + suite.name + " " +
					       ktap::verdict_name(sv) + " at line " +
					       std::to_string(suite.line) + ")";
					break;
				}
			}
			if (why.find("(first") != std::string::npos)
				break;
		}
		if (kv == ktap::Verdict::Incomplete && !boot.ktap.documents.empty()) {
			const auto &root = boot.ktap.documents.back().root;
			why += ": plan " + std::to_string(root.plan) + ", " +
			       std::to_string(root.subtests.size()) + " results";
		}
		out.push_back(why);
	}
	bench::State bs = bench::state(boot.bench);
	if (want_bench && bs == bench::State::NotRun)
		out.push_back("pvbench did not run in the guest (no PVBENCH records: is "
			      "build/initrd.gz built with pvbench? run 'make initramfs')");
	if (bs == bench::State::Incomplete)
		out.push_back("pvbench INCOMPLETE: " + std::to_string(boot.bench.records.size()) +
			      " of " + std::to_string(boot.bench.planned) +
			      " results, no end record (the guest crashed or was cut off)");
	for (const auto &r : boot.bench.records)
		if (r.status == "failed")
			out.push_back("pvbench " + r.name + " failed: " + r.reason + " (line " +
				      std::to_string(r.line) + ")");
	for (const auto &p : boot.bench.problems)
		out.push_back("line " + std::to_string(p.line) + ": " + p.message);
	if (boot.exit_code > 0 && boot.boot_status != "pass") {
		std::string why = "the judge failed the boot";
		if (!boot.boot_problems.empty())
			why += ": " + boot.boot_problems.front();
		out.push_back(why);
	}
	return out;
}

} // namespace pvh
