// SPDX-License-Identifier: GPL-2.0
#include "json.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace pvh::json {

const Value *Value::find(std::string_view key) const
{
	if (!is_object())
		return nullptr;
	for (const auto &[k, v] : as_object())
		if (k == key)
			return &v;
	return nullptr;
}

std::string Value::string_or(std::string_view key, std::string fallback) const
{
	const Value *v = find(key);
	return v && v->is_string() ? v->as_string() : fallback;
}

double Value::number_or(std::string_view key, double fallback) const
{
	const Value *v = find(key);
	return v && v->is_number() ? v->as_number() : fallback;
}

Value &Value::set(std::string key, Value v)
{
	if (!is_object())
		v_ = Object{};
	for (auto &[k, old] : as_object()) {
		if (k == key) {
			old = std::move(v);
			return old;
		}
	}
	as_object().emplace_back(std::move(key), std::move(v));
	return as_object().back().second;
}

Value &Value::push(Value v)
{
	if (!is_array())
		v_ = Array{};
	as_array().push_back(std::move(v));
	return as_array().back();
}

namespace {

class Parser
{
public:
	Parser(std::string_view text, int max_depth) : s_(text), max_depth_(max_depth) {}

	std::variant<Value, ParseError> run()
	{
		Value v;
		if (!value(v, 0))
			return err_;
		skip_ws();
		if (i_ != s_.size()) {
			fail("unexpected text after the value");
			return err_;
		}
		return v;
	}

private:
	bool fail(std::string msg)
	{
		if (err_.message.empty())
			err_ = {i_, std::move(msg)};
		return false;
	}

	void skip_ws()
	{
		while (i_ < s_.size() &&
		       (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r'))
			++i_;
	}

	bool literal(std::string_view word)
	{
		if (s_.substr(i_, word.size()) != word)
			return fail("invalid literal");
		i_ += word.size();
		return true;
	}

	bool value(Value &out, int depth)
	{
		if (depth > max_depth_)
			return fail("nesting too deep");
		skip_ws();
		if (i_ >= s_.size())
			return fail("unexpected end of input");
		switch (s_[i_]) {
		case 'n':
			out = nullptr;
			return literal("null");
		case 't':
			out = true;
			return literal("true");
		case 'f':
			out = false;
			return literal("false");
		case '"': {
			std::string str;
			if (!string(str))
				return false;
			out = std::move(str);
			return true;
		}
		case '[':
			return array(out, depth);
		case '{':
			return object(out, depth);
		default:
			return number(out);
		}
	}

	bool number(Value &out)
	{
		std::size_t start = i_;
		if (i_ < s_.size() && s_[i_] == '-')
			++i_;
		auto digits = [&] {
			std::size_t b = i_;
			while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9')
				++i_;
			return i_ > b;
		};
		if (i_ < s_.size() && s_[i_] == '0')
			++i_; // JSON has no leading zeros: "01" is 0 and then junk
		else if (!digits())
			return fail("invalid value");
		if (i_ < s_.size() && s_[i_] == '.') {
			++i_;
			if (!digits())
				return fail("invalid number");
		}
		if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
			++i_;
			if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-'))
				++i_;
			if (!digits())
				return fail("invalid number");
		}
		double d = 0;
		auto [end, ec] = std::from_chars(s_.data() + start, s_.data() + i_, d);
		if (ec == std::errc::result_out_of_range)
			return fail("number out of range");
		if (ec != std::errc() || end != s_.data() + i_)
			return fail("invalid number");
		out = d;
		return true;
	}

	static void utf8(std::string &out, unsigned cp)
	{
		if (cp < 0x80) {
			out += static_cast<char>(cp);
		} else if (cp < 0x800) {
			out += static_cast<char>(0xc0 | (cp >> 6));
			out += static_cast<char>(0x80 | (cp & 0x3f));
		} else if (cp < 0x10000) {
			out += static_cast<char>(0xe0 | (cp >> 12));
			out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
			out += static_cast<char>(0x80 | (cp & 0x3f));
		} else {
			out += static_cast<char>(0xf0 | (cp >> 18));
			out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
			out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
			out += static_cast<char>(0x80 | (cp & 0x3f));
		}
	}

	bool hex4(unsigned &cp)
	{
		if (s_.size() - i_ < 4)
			return fail("truncated \\u escape");
		cp = 0;
		for (int k = 0; k < 4; ++k) {
			char c = s_[i_++];
			cp <<= 4;
			if (c >= '0' && c <= '9')
				cp |= static_cast<unsigned>(c - '0');
			else if (c >= 'a' && c <= 'f')
				cp |= static_cast<unsigned>(c - 'a' + 10);
			else if (c >= 'A' && c <= 'F')
				cp |= static_cast<unsigned>(c - 'A' + 10);
			else
				return fail("invalid \\u escape");
		}
		return true;
	}

	bool string(std::string &out)
	{
		++i_; // opening quote
		while (i_ < s_.size()) {
			char c = s_[i_++];
			if (c == '"')
				return true;
			if (static_cast<unsigned char>(c) < 0x20)
				return fail("control character in string");
			if (c != '\\') {
				out += c;
				continue;
			}
			if (i_ >= s_.size())
				break;
			char e = s_[i_++];
			switch (e) {
			case '"':
			case '\\':
			case '/':
				out += e;
				break;
			case 'b':
				out += '\b';
				break;
			case 'f':
				out += '\f';
				break;
			case 'n':
				out += '\n';
				break;
			case 'r':
				out += '\r';
				break;
			case 't':
				out += '\t';
				break;
			case 'u': {
				unsigned cp = 0;
				if (!hex4(cp))
					return false;
				if (cp >= 0xd800 && cp < 0xdc00 && s_.substr(i_, 2) == "\\u") {
					i_ += 2;
					unsigned lo = 0;
					if (!hex4(lo))
						return false;
					if (lo >= 0xdc00 && lo < 0xe000)
						cp = 0x10000 + ((cp - 0xd800) << 10) +
						     (lo - 0xdc00);
					else
						return fail("invalid surrogate pair");
				}
				utf8(out, cp);
				break;
			}
			default:
				return fail("invalid escape");
			}
		}
		return fail("unterminated string");
	}

	bool array(Value &out, int depth)
	{
		++i_;
		out = Value::array();
		skip_ws();
		if (i_ < s_.size() && s_[i_] == ']') {
			++i_;
			return true;
		}
		for (;;) {
			Value item;
			if (!value(item, depth + 1))
				return false;
			out.push(std::move(item));
			skip_ws();
			if (i_ >= s_.size())
				return fail("unterminated array");
			if (s_[i_] == ']') {
				++i_;
				return true;
			}
			if (s_[i_] != ',')
				return fail("expected ',' or ']'");
			++i_;
		}
	}

	bool object(Value &out, int depth)
	{
		++i_;
		out = Value::object();
		skip_ws();
		if (i_ < s_.size() && s_[i_] == '}') {
			++i_;
			return true;
		}
		for (;;) {
			skip_ws();
			if (i_ >= s_.size() || s_[i_] != '"')
				return fail("expected a string key");
			std::string key;
			if (!string(key))
				return false;
			skip_ws();
			if (i_ >= s_.size() || s_[i_] != ':')
				return fail("expected ':'");
			++i_;
			Value item;
			if (!value(item, depth + 1))
				return false;
			out.set(std::move(key), std::move(item));
			skip_ws();
			if (i_ >= s_.size())
				return fail("unterminated object");
			if (s_[i_] == '}') {
				++i_;
				return true;
			}
			if (s_[i_] != ',')
				return fail("expected ',' or '}'");
			++i_;
		}
	}

	std::string_view s_;
	std::size_t i_ = 0;
	int max_depth_;
	ParseError err_;
};

void quote(std::string &out, const std::string &s)
{
	out += '"';
	for (char c : s) {
		auto u = static_cast<unsigned char>(c);
		switch (c) {
		case '"':
			out += "\\\"";
			break;
		case '\\':
			out += "\\\\";
			break;
		case '\n':
			out += "\\n";
			break;
		case '\t':
			out += "\\t";
			break;
		case '\r':
			out += "\\r";
			break;
		default:
			if (u < 0x20) {
				char buf[8];
				std::snprintf(buf, sizeof(buf), "\\u%04x", u);
				out += buf;
			} else {
				out += c;
			}
		}
	}
	out += '"';
}

void write(std::string &out, const Value &v, int indent, int level)
{
	auto newline = [&](int lvl) {
		if (indent < 0)
			return;
		out += '\n';
		out.append(static_cast<std::size_t>(indent * lvl), ' ');
	};
	switch (v.kind()) {
	case Value::Kind::Null:
		out += "null";
		break;
	case Value::Kind::Bool:
		out += v.as_bool() ? "true" : "false";
		break;
	case Value::Kind::Number:
		out += format_number(v.as_number());
		break;
	case Value::Kind::String:
		quote(out, v.as_string());
		break;
	case Value::Kind::Array: {
		const auto &a = v.as_array();
		out += '[';
		for (std::size_t k = 0; k < a.size(); ++k) {
			if (k)
				out += ',';
			newline(level + 1);
			write(out, a[k], indent, level + 1);
		}
		if (!a.empty())
			newline(level);
		out += ']';
		break;
	}
	case Value::Kind::Object: {
		const auto &o = v.as_object();
		out += '{';
		for (std::size_t k = 0; k < o.size(); ++k) {
			if (k)
				out += ',';
			newline(level + 1);
			quote(out, o[k].first);
			out += indent < 0 ? ":" : ": ";
			write(out, o[k].second, indent, level + 1);
		}
		if (!o.empty())
			newline(level);
		out += '}';
		break;
	}
	}
}

} // namespace

std::variant<Value, ParseError> parse(std::string_view text, int max_depth)
{
	return Parser(text, max_depth).run();
}

std::string format_number(double d)
{
	if (!std::isfinite(d))
		return "null";
	if (d == 0)
		return "0";
	char buf[64];
	auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), d);
	if (ec != std::errc())
		return "null";
	return std::string(buf, end);
}

std::string dump(const Value &v, int indent)
{
	std::string out;
	write(out, v, indent, 0);
	return out;
}

} // namespace pvh::json
