// SPDX-License-Identifier: GPL-2.0
#include <cmath>

#include <gtest/gtest.h>

#include "json.hpp"

using namespace pvh::json;

namespace {

Value ok(std::string_view text)
{
	auto r = parse(text);
	if (auto *e = std::get_if<ParseError>(&r)) {
		ADD_FAILURE() << "parse error at " << e->offset << ": " << e->message;
		return Value();
	}
	return std::get<Value>(r);
}

std::string error_of(std::string_view text)
{
	auto r = parse(text);
	auto *e = std::get_if<ParseError>(&r);
	return e ? e->message : "";
}

} // namespace

TEST(Json, ParsesEveryKind)
{
	Value v = ok(R"( {"a": [1, -2.5e3, true, false, null], "s": "x\"y\u00e9\n", "o": {}} )");
	ASSERT_TRUE(v.is_object());
	const Value *a = v.find("a");
	ASSERT_TRUE(a && a->is_array());
	ASSERT_EQ(a->as_array().size(), 5u);
	EXPECT_EQ(a->as_array()[1].as_number(), -2500);
	EXPECT_TRUE(a->as_array()[2].as_bool());
	EXPECT_TRUE(a->as_array()[4].is_null());
	EXPECT_EQ(v.find("s")->as_string(), "x\"y\xc3\xa9\n");
	EXPECT_TRUE(v.find("o")->is_object());
	EXPECT_EQ(v.find("missing"), nullptr);
	EXPECT_EQ(v.number_or("missing", 7), 7);
	EXPECT_EQ(v.string_or("s", ""), "x\"y\xc3\xa9\n");
}

TEST(Json, SurrogatePairsBecomeUtf8)
{
	EXPECT_EQ(ok(R"("\ud83d\ude00")").as_string(), "\xf0\x9f\x98\x80");
}

TEST(Json, RejectsBadInputWithAReason)
{
	EXPECT_EQ(error_of("{\"a\":1,}"), "expected a string key");
	EXPECT_EQ(error_of("[1 2]"), "expected ',' or ']'");
	EXPECT_EQ(error_of("\"abc"), "unterminated string");
	EXPECT_EQ(error_of("01"), "unexpected text after the value");
	EXPECT_EQ(error_of("1e999"), "number out of range");
	EXPECT_EQ(error_of("tru"), "invalid literal");
	EXPECT_EQ(error_of(""), "unexpected end of input");
	EXPECT_EQ(error_of("{\"a\":1} x"), "unexpected text after the value");
	EXPECT_EQ(error_of(std::string(100, '[')), "nesting too deep");
}

TEST(Json, DumpRoundTrips)
{
	Value v = Value::object();
	v.set("pi", 3.141592653589793);
	v.set("big", 1e300);
	v.set("tiny", 0.1);
	v.set("s", "tab\there \"q\" \x01");
	v.set("list", Value::array()).push(1);
	v.set("none", Value());
	for (int indent : {-1, 2}) {
		std::string text = dump(v, indent);
		Value back = ok(text);
		EXPECT_EQ(dump(back, indent), text);
		EXPECT_EQ(back.find("pi")->as_number(), 3.141592653589793);
		EXPECT_EQ(back.find("tiny")->as_number(), 0.1);
		EXPECT_EQ(back.find("s")->as_string(), "tab\there \"q\" \x01");
	}
	EXPECT_EQ(dump(Value(std::nan(""))), "null");
	v.set("pi", 3); // replaces, keeps the key's place
	EXPECT_EQ(v.as_object().front().first, "pi");
	EXPECT_EQ(v.find("pi")->as_number(), 3);
}
