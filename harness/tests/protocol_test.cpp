// SPDX-License-Identifier: GPL-2.0
// harness/guest/PROTOCOL.md, the guest's writers and the host's one reader
// describe the same lines: every line kind a writer prints is documented
// and read, every documented kind is written and read, every PVOPS: key a
// writer prints is documented and named by the file the document says
// reads it.
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "judge_run.hpp"

namespace {

std::set<std::string> matches(const std::string &text, const std::string &pattern)
{
	std::set<std::string> out;
	std::regex re(pattern);
	for (std::sregex_iterator it(text.begin(), text.end(), re), e; it != e; ++it)
		out.insert((*it)[1].str());
	return out;
}

struct Sources {
	std::string doc, writers, readers, init, pvinfo;
};

Sources real_sources()
{
	Sources s;
	s.doc = judge_run::read_source("harness/guest/PROTOCOL.md");
	s.init = judge_run::read_source("scripts/guest/init");
	s.pvinfo = judge_run::read_source("harness/guest/pvinfo.cpp");
	s.writers = s.init + s.pvinfo + judge_run::read_source("harness/guest/pvbench/output.hpp") +
		    judge_run::read_source("scripts/guest/dom0-init");
	s.readers = judge_run::read_source("harness/src/guest_records.cpp") +
		    judge_run::read_source("harness/src/pvbench_log.cpp") +
		    judge_run::read_source("harness/src/dom0_log.cpp");
	return s;
}

// Everything that does not agree, one line each.
std::vector<std::string> drift(const Sources &s)
{
	std::vector<std::string> out;
	const std::string prefix = "(PVOPS(?:-[A-Z]+)?|PVBENCH(?:-[A-Z]+)?)";
	auto documented = matches(s.doc, "\\n\\| `" + prefix + ": ");
	auto written = matches(s.writers, prefix + ": ");
	auto read = matches(s.readers, "\"" + prefix + ": ?\"");
	for (const auto &k : written) {
		if (!documented.count(k))
			out.push_back(k + ": written, not in PROTOCOL.md");
		if (!read.count(k))
			out.push_back(k + ": written, read by nobody");
	}
	for (const auto &k : documented)
		if (!written.count(k))
			out.push_back(k + ": in PROTOCOL.md, written by nobody");

	// PVOPS: key=value, and who reads each key.
	std::set<std::string> keys = matches(s.init, "PVOPS: ([a-z_]+)=");
	for (const auto &k : matches(s.pvinfo, "report(?:_file)?\\(\"([a-z_]+)\""))
		keys.insert(k);
	std::regex row("\\n\\| `([a-z_]+)` \\| [^|]+ \\| ([^\\n]+) \\|");
	std::set<std::string> doc_keys;
	for (std::sregex_iterator it(s.doc.begin(), s.doc.end(), row), e; it != e; ++it) {
		std::string key = (*it)[1], readers = (*it)[2];
		doc_keys.insert(key);
		auto files = matches(readers, "((?:harness|scripts)/[a-z_/.-]+[a-z])");
		if (files.empty())
			out.push_back("key " + key + ": PROTOCOL.md names no file that reads it");
		for (const auto &f : files)
			if (judge_run::read_source(f).find(key) == std::string::npos)
				out.push_back("key " + key + ": " + f + " does not read it");
	}
	for (const auto &k : keys)
		if (!doc_keys.count(k))
			out.push_back("key " + k + ": written, not in PROTOCOL.md");
	for (const auto &k : doc_keys)
		if (!keys.count(k))
			out.push_back("key " + k + ": in PROTOCOL.md, written by nobody");
	return out;
}

} // namespace

TEST(Protocol, DocumentWritersAndReaderAgree)
{
	Sources s = real_sources();
	EXPECT_GE(matches(s.doc, "\\n\\| `(PVOPS[-A-Z]*|PVBENCH): ").size(), 6u);
	for (const auto &d : drift(s))
		ADD_FAILURE() << d;
}

TEST(Protocol, EachKindOfDisagreementIsFound)
{
	Sources s = real_sources();
	ASSERT_TRUE(drift(s).empty());

	Sources unread = s;
	unread.writers += "\necho \"PVOPS-NEW: x\"\n";
	EXPECT_EQ(drift(unread).size(), 2u); // undocumented and unread

	Sources undocumented = s;
	undocumented.doc =
		std::regex_replace(s.doc, std::regex("\\n\\| `PVOPS-HCFILE: [^\\n]*"), "");
	EXPECT_EQ(drift(undocumented),
		  std::vector<std::string>{"PVOPS-HCFILE: written, not in PROTOCOL.md"});

	Sources new_key = s;
	new_key.init += "\necho \"PVOPS: fresh_key=1\"\n";
	EXPECT_EQ(drift(new_key),
		  std::vector<std::string>{"key fresh_key: written, not in PROTOCOL.md"});

	Sources wrong_reader = s;
	wrong_reader.doc = std::regex_replace(
		s.doc, std::regex("(\\| `xen_version` \\| [^|]+ \\| )harness/src/summary.cpp"),
		"$1harness/src/verify.cpp");
	EXPECT_EQ(drift(wrong_reader),
		  std::vector<std::string>{
			  "key xen_version: harness/src/verify.cpp does not read it"});
}
