// SPDX-License-Identifier: GPL-2.0
#include "console.hpp"

#include <fstream>
#include <sstream>

namespace pvh {

std::string_view strip_timestamp(std::string_view line)
{
	if (line.empty() || line[0] != '[')
		return line;
	std::size_t i = 1;
	while (i < line.size() && line[i] == ' ')
		++i;
	std::size_t digits = i;
	while (i < line.size() && line[i] >= '0' && line[i] <= '9')
		++i;
	if (i == digits || i >= line.size() || line[i] != '.')
		return line;
	std::size_t frac = ++i;
	while (i < line.size() && line[i] >= '0' && line[i] <= '9')
		++i;
	if (i == frac || i >= line.size() || line[i] != ']')
		return line;
	++i;
	if (i < line.size() && line[i] == ' ')
		++i;
	return line.substr(i);
}

std::vector<ConsoleLine> console_lines(std::string_view raw)
{
	std::vector<ConsoleLine> lines;
	int number = 0;
	std::size_t pos = 0;
	while (pos < raw.size()) {
		std::size_t eol = raw.find('\n', pos);
		if (eol == std::string_view::npos)
			eol = raw.size();
		std::string text;
		text.reserve(eol - pos);
		for (std::size_t k = pos; k < eol; ++k)
			if (raw[k] != '\r')
				text += raw[k];
		++number;
		std::string_view body = strip_timestamp(text);
		lines.push_back({number, std::string(body)});
		pos = eol + 1;
	}
	return lines;
}

bool read_file(const std::string &path, std::string &out)
{
	std::ifstream in(path, std::ios::binary);
	if (!in)
		return false;
	std::ostringstream text;
	text << in.rdbuf();
	out = text.str();
	return true;
}

bool write_file(const std::string &path, const std::string &text)
{
	std::ofstream out(path, std::ios::binary | std::ios::trunc);
	out << text;
	return static_cast<bool>(out);
}

std::string pad(const std::string &s, std::size_t width)
{
	return s.size() >= width ? s : s + std::string(width - s.size(), ' ');
}

} // namespace pvh
