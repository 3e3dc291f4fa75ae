// SPDX-License-Identifier: GPL-2.0
#include "xml.hpp"

namespace pvh {

std::string xml_escape(const std::string &s)
{
	std::string out;
	for (char c : s) {
		switch (c) {
		case '&':
			out += "&amp;";
			break;
		case '<':
			out += "&lt;";
			break;
		case '>':
			out += "&gt;";
			break;
		case '"':
			out += "&quot;";
			break;
		case '\n':
			out += "&#10;";
			break;
		default:
			if (static_cast<unsigned char>(c) >= 0x20 || c == '\t')
				out += c;
		}
	}
	return out;
}

} // namespace pvh
