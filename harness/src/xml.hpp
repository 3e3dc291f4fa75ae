// SPDX-License-Identifier: GPL-2.0
// Text as XML character data or an attribute value (the SVG chart, the
// JUnit report).
#pragma once

#include <string>

namespace pvh {

// &, <, >, " as entities, a newline as &#10;; other control characters,
// which XML 1.0 cannot hold, left out.
std::string xml_escape(const std::string &s);

} // namespace pvh
