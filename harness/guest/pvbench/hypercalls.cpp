// SPDX-License-Identifier: GPL-2.0
#include "hypercalls.hpp"

#include <unistd.h>

#include <cctype>
#include <fstream>
#include <sstream>

namespace pvbench {

const std::vector<std::string> &default_hypercall_paths()
{
	static const std::vector<std::string> paths = {
		"/sys/kernel/debug/xen/hypercalls",
	};
	return paths;
}

namespace {

std::vector<std::string_view> words_of(std::string_view line)
{
	std::vector<std::string_view> words;
	std::size_t i = 0;
	while (i < line.size()) {
		while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i])))
			++i;
		std::size_t start = i;
		while (i < line.size() && !std::isspace(static_cast<unsigned char>(line[i])))
			++i;
		if (i > start)
			words.push_back(line.substr(start, i - start));
	}
	return words;
}

bool is_count(std::string_view word)
{
	if (word.empty() || word.size() > 19)
		return false;
	for (char c : word)
		if (!std::isdigit(static_cast<unsigned char>(c)))
			return false;
	return true;
}

} // namespace

Counters parse_hypercalls(std::string_view text)
{
	Counters counters;
	bool in_classes = false;
	std::size_t pos = 0;
	while (pos < text.size()) {
		std::size_t eol = text.find('\n', pos);
		if (eol == std::string_view::npos)
			eol = text.size();
		std::string_view line = text.substr(pos, eol - pos);
		pos = eol + 1;
		auto words = words_of(line);
		if (words.empty())
			continue;
		if (words[0] == "#") {
			in_classes = words.size() > 1 && words[1] == "class";
			continue;
		}
		if (in_classes && words.size() >= 2 && is_count(words[1]))
			counters[std::string(words[0])] = std::stoull(std::string(words[1]));
	}
	return counters;
}

HypercallSource::HypercallSource(const std::vector<std::string> &paths)
{
	for (const auto &p : paths) {
		if (::access(p.c_str(), R_OK) == 0) {
			path_ = p;
			break;
		}
	}
}

std::optional<Counters> HypercallSource::snapshot() const
{
	if (path_.empty())
		return std::nullopt;
	std::ifstream in(path_);
	if (!in)
		return std::nullopt;
	std::ostringstream text;
	text << in.rdbuf();
	return parse_hypercalls(text.str());
}

std::map<std::string, double> per_op(const Counters &before, const Counters &after,
				     std::uint64_t ops)
{
	std::map<std::string, double> out;
	if (ops == 0)
		return out;
	for (const auto &[name, count] : after) {
		auto it = before.find(name);
		std::uint64_t base = it == before.end() ? 0 : it->second;
		if (count < base)
			continue;
		out[name] = static_cast<double>(count - base) / static_cast<double>(ops);
	}
	return out;
}

} // namespace pvbench
