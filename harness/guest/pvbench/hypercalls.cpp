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
		"/sys/kernel/debug/paravirt/hypercalls",
	};
	return paths;
}

namespace {

bool is_count(std::string_view word)
{
	if (word.empty())
		return false;
	for (char c : word)
		if (!std::isdigit(static_cast<unsigned char>(c)))
			return false;
	return true;
}

std::vector<std::string_view> words_of(std::string_view line)
{
	std::vector<std::string_view> words;
	std::size_t i = 0;
	auto sep = [](char c) {
		return std::isspace(static_cast<unsigned char>(c)) || c == ':' || c == '=' ||
		       c == ',' || c == ';' || c == '|';
	};
	while (i < line.size()) {
		while (i < line.size() && sep(line[i]))
			++i;
		std::size_t start = i;
		while (i < line.size() && !sep(line[i]))
			++i;
		if (i > start)
			words.push_back(line.substr(start, i - start));
	}
	return words;
}

} // namespace

Counters parse_hypercalls(std::string_view text)
{
	Counters counters;
	std::size_t pos = 0;
	while (pos < text.size()) {
		std::size_t eol = text.find('\n', pos);
		if (eol == std::string_view::npos)
			eol = text.size();
		std::string_view line = text.substr(pos, eol - pos);
		pos = eol + 1;
		if (auto hash = line.find('#'); hash != std::string_view::npos)
			line = line.substr(0, hash);
		std::string name;
		for (std::string_view w : words_of(line)) {
			if (!is_count(w)) {
				name = std::string(w);
				continue;
			}
			if (name.empty() || w.size() > 19)
				continue; // a number without a name, or out of range
			counters[name] += std::stoull(std::string(w));
		}
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
