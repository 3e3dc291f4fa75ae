// SPDX-License-Identifier: GPL-2.0
#include "guest_records.hpp"

#include <cctype>
#include <regex>
#include <sstream>

namespace pvh::guest {
namespace {

constexpr std::string_view kGuestPrefix = "PVOPS";

bool starts_with(std::string_view s, std::string_view p)
{
	return s.substr(0, p.size()) == p;
}

bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

// "[ *N+.NNNNNN] " or "(XEN) " at position p.
bool message_at(const std::string &s, std::size_t p)
{
	if (s.compare(p, 6, "(XEN) ") == 0)
		return true;
	if (p >= s.size() || s[p] != '[')
		return false;
	std::size_t i = p + 1;
	while (i < s.size() && s[i] == ' ')
		++i;
	std::size_t digits = i;
	while (i < s.size() && is_digit(s[i]))
		++i;
	if (i == digits || i >= s.size() || s[i] != '.')
		return false;
	std::size_t frac = ++i;
	while (i < s.size() && is_digit(s[i]))
		++i;
	return i - frac == 6 && s.compare(i, 2, "] ") == 0;
}

std::string strip(std::string_view s)
{
	while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
		s.remove_prefix(1);
	while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
		s.remove_suffix(1);
	return std::string(s);
}

// "PVOPS: key=value": key of [a-z_]+.
bool key_value(std::string_view body, std::string &key, std::string &value)
{
	std::size_t i = 0;
	while (i < body.size() && ((body[i] >= 'a' && body[i] <= 'z') || body[i] == '_'))
		++i;
	if (i == 0 || i >= body.size() || body[i] != '=')
		return false;
	key = std::string(body.substr(0, i));
	value = strip(body.substr(i + 1));
	return true;
}

// What follows prefix at the start of text, if it starts with it.
std::optional<std::string> after(std::string_view text, std::string_view prefix)
{
	if (!starts_with(text, prefix))
		return std::nullopt;
	return std::string(text.substr(prefix.size()));
}

} // namespace

std::size_t console_message(const std::string &line, std::size_t from)
{
	for (std::size_t p = from; p < line.size(); ++p)
		if ((line[p] == '[' || line[p] == '(') && message_at(line, p))
			return p;
	return std::string::npos;
}

std::vector<ConsoleLine> unsplice(const std::vector<std::string> &raw)
{
	std::vector<std::string> lines = raw;
	std::vector<int> numbers(lines.size());
	for (std::size_t k = 0; k < numbers.size(); ++k)
		numbers[k] = static_cast<int>(k) + 1;
	std::vector<ConsoleLine> out;
	std::size_t i = 0;
	while (i < lines.size()) {
		const std::string line = lines[i];
		std::size_t m = starts_with(line, kGuestPrefix) ? console_message(line, 1)
								: std::string::npos;
		if (m == std::string::npos) {
			out.push_back({numbers[i], line});
			++i;
			continue;
		}
		out.push_back({numbers[i], line.substr(m)});
		std::string head = line.substr(0, m);
		int head_number = numbers[i];
		std::size_t j = i + 1;
		while (j < lines.size() && message_at(lines[j], 0)) {
			out.push_back({numbers[j], lines[j]});
			++j;
		}
		if (j < lines.size() && !starts_with(lines[j], kGuestPrefix)) {
			head += lines[j];
			++j;
		}
		// The rest may hold a message of its own: look at it again.
		lines[j - 1] = std::move(head);
		numbers[j - 1] = head_number;
		i = j - 1;
	}
	return out;
}

Records read_records(const std::vector<ConsoleLine> &lines)
{
	static const std::regex ops(R"(^(\S+) +(\S+) +(yes|no|\?) +inline=)");
	static const std::regex end(R"(^end status=(\d+))");
	static const std::regex event(R"(^([a-z0-9_]+) (\d{1,15})$)");
	Records r;
	std::vector<ConsoleLine> stripped;
	stripped.reserve(lines.size());
	for (const auto &l : lines) {
		std::string_view text = strip_timestamp(l.text);
		stripped.push_back({l.number, std::string(text)});
		std::smatch m;
		std::string key, value;
		if (auto b = after(text, "PVOPS: ")) {
			if (key_value(*b, key, value))
				r.info[key] = value;
		} else if (auto b = after(text, "PVOPS-OPS: ")) {
			if (std::regex_search(*b, m, ops))
				r.routes[m[1]] = {m[2], m[3] == "yes"};
		} else if (auto b = after(text, "PVOPS-HCFILE: ")) {
			r.hcfile.push_back({l.number, *b});
		} else if (auto b = after(text, "PVOPS-XENEVENT: ")) {
			if (std::regex_search(*b, m, event))
				r.xen_events[m[1]] = std::stol(m[2]);
		} else if (auto b = after(text, "PVOPS-KTAP:")) {
			r.ktap_copy.push_back({l.number, starts_with(*b, " ") ? b->substr(1) : *b});
		} else if (auto b = after(text, "PVOPS-GUEST: ")) {
			if (*b == "begin")
				r.begun = true;
			else if (std::regex_search(*b, m, end))
				r.end_status = std::stoi(m[1]);
		}
	}
	r.bench = bench::parse(stripped);
	return r;
}

std::map<std::string, HypercallClass> hypercall_classes(const std::vector<Line> &file)
{
	static const std::regex row(R"(^(\S+) +(\d+) +(\d+)$)");
	std::map<std::string, HypercallClass> classes;
	bool inside = false;
	for (const auto &l : file) {
		if (starts_with(l.text, "#")) {
			// "# class calls batched": its second word is "class".
			std::istringstream words(l.text);
			std::string first, second;
			words >> first >> second;
			inside = second == "class";
			continue;
		}
		std::smatch m;
		if (inside && std::regex_match(l.text, m, row))
			classes[m[1]] = {std::stol(m[2]), std::stol(m[3])};
	}
	return classes;
}

std::string ops_not_native(const std::map<std::string, Route> &routes)
{
	std::size_t moved = 0;
	for (const auto &[op, r] : routes)
		moved += !r.native;
	return std::to_string(moved) + " of " + std::to_string(routes.size());
}

std::optional<std::string> debugfs_ktap(const std::vector<Line> &copy)
{
	static const std::regex first(R"(^(ok|not ok) 1 )");
	std::vector<std::vector<std::string>> docs;
	for (const auto &l : copy) {
		if (l.text == "KTAP version 1")
			docs.emplace_back();
		else if (!docs.empty())
			docs.back().push_back(l.text);
	}
	if (docs.empty())
		return std::nullopt;
	std::string out = "KTAP version 1\n1.." + std::to_string(docs.size()) + "\n";
	int n = 0;
	for (auto &doc : docs) {
		++n;
		std::size_t from = !doc.empty() && doc[0] == "1..1" ? 1 : 0;
		if (doc.size() > from)
			doc.back() = std::regex_replace(doc.back(), first,
							"$1 " + std::to_string(n) + " ",
							std::regex_constants::format_first_only);
		for (std::size_t k = from; k < doc.size(); ++k)
			out += doc[k] + "\n";
	}
	return out;
}

} // namespace pvh::guest
