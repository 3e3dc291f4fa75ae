// SPDX-License-Identifier: GPL-2.0
#include "verify.hpp"

namespace pvh {

std::string py_repr(const nlohmann::json &j)
{
	switch (j.type()) {
	case nlohmann::json::value_t::null:
	case nlohmann::json::value_t::discarded:
		return "None";
	case nlohmann::json::value_t::boolean:
		return j.get<bool>() ? "True" : "False";
	case nlohmann::json::value_t::string: {
		std::string out = "'";
		for (char c : j.get<std::string>()) {
			if (c == '\'' || c == '\\')
				out += '\\';
			out += c;
		}
		return out + "'";
	}
	case nlohmann::json::value_t::array: {
		std::string out = "[";
		for (const auto &v : j)
			out += (out.size() > 1 ? ", " : "") + py_repr(v);
		return out + "]";
	}
	case nlohmann::json::value_t::object: {
		std::string out = "{";
		for (const auto &[k, v] : j.items())
			out += (out.size() > 1 ? ", " : "") + py_repr(k) + ": " + py_repr(v);
		return out + "}";
	}
	default:
		return j.dump();
	}
}

} // namespace pvh
