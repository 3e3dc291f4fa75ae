// SPDX-License-Identifier: GPL-2.0
// A small JSON value, parser and writer: enough for pvbench's records and
// the report. Objects keep their keys in insertion order so that written
// reports are stable.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace pvh::json {

class Value
{
public:
	using Array = std::vector<Value>;
	using Object = std::vector<std::pair<std::string, Value>>;
	enum class Kind { Null, Bool, Number, String, Array, Object };

	Value() = default;
	Value(std::nullptr_t) {}
	Value(bool b) : v_(b) {}
	Value(double d) : v_(d) {}
	Value(int i) : v_(static_cast<double>(i)) {}
	Value(long i) : v_(static_cast<double>(i)) {}
	Value(long long i) : v_(static_cast<double>(i)) {}
	Value(unsigned long i) : v_(static_cast<double>(i)) {}
	Value(unsigned long long i) : v_(static_cast<double>(i)) {}
	Value(std::string s) : v_(std::move(s)) {}
	Value(std::string_view s) : v_(std::string(s)) {}
	Value(const char *s) : v_(std::string(s)) {}
	Value(Array a) : v_(std::move(a)) {}
	Value(Object o) : v_(std::move(o)) {}

	static Value array() { return Value(Array{}); }
	static Value object() { return Value(Object{}); }

	Kind kind() const { return static_cast<Kind>(v_.index()); }
	bool is_null() const { return kind() == Kind::Null; }
	bool is_bool() const { return kind() == Kind::Bool; }
	bool is_number() const { return kind() == Kind::Number; }
	bool is_string() const { return kind() == Kind::String; }
	bool is_array() const { return kind() == Kind::Array; }
	bool is_object() const { return kind() == Kind::Object; }

	bool as_bool() const { return std::get<bool>(v_); }
	double as_number() const { return std::get<double>(v_); }
	const std::string &as_string() const { return std::get<std::string>(v_); }
	const Array &as_array() const { return std::get<Array>(v_); }
	Array &as_array() { return std::get<Array>(v_); }
	const Object &as_object() const { return std::get<Object>(v_); }
	Object &as_object() { return std::get<Object>(v_); }

	// Object member by key, or nullptr (also when this is not an object).
	const Value *find(std::string_view key) const;
	// Typed lookups with a fallback, for tolerant readers.
	std::string string_or(std::string_view key, std::string fallback) const;
	double number_or(std::string_view key, double fallback) const;

	// Add or replace an object member; append to an array.
	Value &set(std::string key, Value v);
	Value &push(Value v);

private:
	std::variant<std::nullptr_t, bool, double, std::string, Array, Object> v_;
};

struct ParseError {
	std::size_t offset = 0;
	std::string message;
};

// Parse exactly one JSON value (surrounding whitespace allowed). Nesting
// deeper than max_depth is an error, not a stack overflow.
std::variant<Value, ParseError> parse(std::string_view text, int max_depth = 64);

// indent < 0: one line; otherwise pretty-printed with that many spaces.
std::string dump(const Value &v, int indent = -1);

// Shortest decimal form that reads back as the same double.
std::string format_number(double d);

} // namespace pvh::json
