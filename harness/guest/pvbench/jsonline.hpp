// SPDX-License-Identifier: GPL-2.0
// Builds one JSON object on one line, for the "PVBENCH: " records. Keys
// keep the order they were added in.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace pvbench {

class JsonLine
{
public:
	JsonLine &add(std::string_view key, std::string_view value);
	JsonLine &add(std::string_view key, const char *value)
	{
		return add(key, std::string_view(value));
	}
	JsonLine &add(std::string_view key, double value);
	JsonLine &add(std::string_view key, std::int64_t value);
	JsonLine &add(std::string_view key, int value) { return add(key, std::int64_t{value}); }
	JsonLine &add(std::string_view key, std::uint64_t value);
	JsonLine &add(std::string_view key, bool value);
	JsonLine &add_null(std::string_view key);
	// A nested object, already built.
	JsonLine &add_object(std::string_view key, const JsonLine &object);
	std::string str() const { return "{" + body_ + "}"; }

	static std::string quote(std::string_view s);
	// Finite numbers rounded to 0.1; NaN and infinities become null.
	static std::string number(double v);

private:
	void key(std::string_view k);
	std::string body_;
};

} // namespace pvbench
