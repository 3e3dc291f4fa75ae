// SPDX-License-Identifier: GPL-2.0
#include "jsonline.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace pvbench {

std::string JsonLine::quote(std::string_view s)
{
	std::string out = "\"";
	for (char c : s) {
		auto u = static_cast<unsigned char>(c);
		if (c == '"' || c == '\\') {
			out += '\\';
			out += c;
		} else if (c == '\n') {
			out += "\\n";
		} else if (u < 0x20 || u == 0x7f) {
			char buf[8];
			std::snprintf(buf, sizeof(buf), "\\u%04x", u);
			out += buf;
		} else {
			out += c;
		}
	}
	return out + "\"";
}

std::string JsonLine::number(double v)
{
	if (!std::isfinite(v))
		return "null";
	v = std::round(v * 10) / 10;
	if (v == 0)
		v = 0; // no "-0"
	char buf[64];
	auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), v);
	if (ec != std::errc())
		return "null";
	return std::string(buf, end);
}

void JsonLine::key(std::string_view k)
{
	if (!body_.empty())
		body_ += ',';
	body_ += quote(k);
	body_ += ':';
}

JsonLine &JsonLine::add(std::string_view k, std::string_view value)
{
	key(k);
	body_ += quote(value);
	return *this;
}

JsonLine &JsonLine::add(std::string_view k, double value)
{
	key(k);
	body_ += number(value);
	return *this;
}

JsonLine &JsonLine::add(std::string_view k, std::int64_t value)
{
	key(k);
	body_ += std::to_string(value);
	return *this;
}

JsonLine &JsonLine::add(std::string_view k, std::uint64_t value)
{
	key(k);
	body_ += std::to_string(value);
	return *this;
}

JsonLine &JsonLine::add(std::string_view k, bool value)
{
	key(k);
	body_ += value ? "true" : "false";
	return *this;
}

JsonLine &JsonLine::add_null(std::string_view k)
{
	key(k);
	body_ += "null";
	return *this;
}

JsonLine &JsonLine::add_object(std::string_view k, const JsonLine &object)
{
	key(k);
	body_ += object.str();
	return *this;
}

} // namespace pvbench
