// SPDX-License-Identifier: GPL-2.0
// The inputs of the differential KTAP test: the fixture logs and a
// deterministic corpus of generated, mutated KUnit console logs. Items
// have no carriage returns (kunit.py expects none). scripts/ktap-golden.sh
// writes them out with the ktap_corpus tool and records what the base
// tree's kunit.py says about each.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ktap_corpus {

struct Item {
	std::string name; // a file name: [a-z0-9_.-]+
	std::string text; // the log, lines ending in "\n", no "\r"
};

// harness/tests/fixtures/*.log and scripts/tests/splat/*.log under root,
// carriage returns removed, sorted by name ("fixture-..." / "splat-...").
std::vector<Item> fixtures(const std::string &root);

// The generated corpus; the same items on every run.
std::vector<Item> generate();

// fixtures(root) followed by generate().
std::vector<Item> all(const std::string &root);

// 64-bit FNV-1a of the text, 16 hex digits: the golden files record it.
std::string hash(std::string_view text);

} // namespace ktap_corpus
