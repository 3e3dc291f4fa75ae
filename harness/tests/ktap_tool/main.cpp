// SPDX-License-Identifier: GPL-2.0
// ktap_corpus: the differential KTAP test's inputs, for scripts/ktap-golden.sh.
//
//   ktap_corpus write ROOT OUTDIR     every item as OUTDIR/<name>.log, and
//                                     OUTDIR/index: "<name> <hash>" lines
//   ktap_corpus golden OUTDIR FILE    FILE: one JSON line per item of the
//                                     index, from OUTDIR/<name>.json (what
//                                     kunit.py parse --json wrote) and
//                                     OUTDIR/<name>.summary ("Ran N tests: ...")
//                                     and OUTDIR/<name>.error (how kunit.py died)
//
// The golden line keeps kunit.py's groups, names and statuses and drops
// the fields it fills with constants (arch, defconfig, ...).
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "console.hpp"
#include "ktap_corpus.hpp"

namespace {

int fail(const std::string &why)
{
	std::cerr << "ktap_corpus: error: " << why << "\n";
	return 1;
}

nlohmann::ordered_json groups_only(const nlohmann::json &g)
{
	nlohmann::ordered_json out;
	out["name"] = g.value("name", "");
	out["sub_groups"] = nlohmann::ordered_json::array();
	for (const auto &s : g.value("sub_groups", nlohmann::json::array()))
		out["sub_groups"].push_back(groups_only(s));
	out["test_cases"] = nlohmann::ordered_json::array();
	for (const auto &c : g.value("test_cases", nlohmann::json::array()))
		out["test_cases"].push_back(
			{{"name", c.value("name", "")}, {"status", c.value("status", "")}});
	return out;
}

int write(const std::string &root, const std::string &dir)
{
	std::ofstream index(dir + "/index");
	if (!index)
		return fail("cannot write " + dir + "/index");
	for (const auto &item : ktap_corpus::all(root)) {
		std::ofstream f(dir + "/" + item.name + ".log", std::ios::binary);
		f << item.text;
		if (!f)
			return fail("cannot write " + dir + "/" + item.name + ".log");
		index << item.name << " " << ktap_corpus::hash(item.text) << "\n";
	}
	return index ? 0 : fail("cannot write " + dir + "/index");
}

int golden(const std::string &dir, const std::string &file)
{
	std::ifstream index(dir + "/index");
	if (!index)
		return fail("cannot read " + dir + "/index");
	std::ofstream out(file);
	std::string name, hash;
	while (index >> name >> hash) {
		nlohmann::ordered_json rec;
		rec["item"] = name;
		rec["hash"] = hash;
		std::string summary, json;
		pvh::read_file(dir + "/" + name + ".summary", summary);
		while (!summary.empty() && summary.back() == '\n')
			summary.pop_back();
		rec["summary"] = summary;
		std::string error;
		if (pvh::read_file(dir + "/" + name + ".error", error)) {
			while (!error.empty() && error.back() == '\n')
				error.pop_back();
			rec["error"] = error;
		}
		if (pvh::read_file(dir + "/" + name + ".json", json)) {
			auto j = nlohmann::json::parse(json, nullptr, false);
			if (j.is_discarded())
				return fail(dir + "/" + name + ".json is not JSON");
			rec["kunit"] = groups_only(j);
		} else {
			rec["kunit"] = nullptr;
		}
		out << rec.dump() << "\n";
	}
	return out ? 0 : fail("cannot write " + file);
}

} // namespace

int main(int argc, char **argv)
{
	if (argc == 4 && std::string(argv[1]) == "write")
		return write(argv[2], argv[3]);
	if (argc == 4 && std::string(argv[1]) == "golden")
		return golden(argv[2], argv[3]);
	return fail("usage: ktap_corpus write ROOT OUTDIR | golden OUTDIR FILE");
}
