// SPDX-License-Identifier: GPL-2.0
// One SVG chart: for each operation class, each benchmark's ratio to native
// per Xen column as a bar from 1x on a log2 axis, and the class' geometric
// mean in bold.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "report.hpp"
#include "xml.hpp"

namespace pvh {
namespace {

const char *color_of(std::size_t i)
{
	static const char *colors[] = {"#d95f02", "#1b9e77", "#7570b3", "#e7298a"};
	return colors[i % 4];
}

std::string num(double v)
{
	char buf[32];
	std::snprintf(buf, sizeof(buf), "%.1f", v);
	return buf;
}

} // namespace

std::string report_svg(const Table &table)
{
	std::vector<std::string> xen;
	for (const auto &c : table.columns)
		if (c != "native")
			xen.push_back(c);

	// Axis range: powers of two around every ratio, at least 1/4x .. 4x.
	double lo = -2, hi = 2;
	for (const auto &row : table.rows) {
		for (const auto &c : xen) {
			if (auto r = ratio(row, c); r && *r > 0) {
				lo = std::min(lo, std::floor(std::log2(*r)));
				hi = std::max(hi, std::ceil(std::log2(*r)));
			}
		}
	}
	lo = std::max(lo, -10.0);
	hi = std::min(hi, 10.0);

	const double left = 250, right = 40, width = 860, bar = 10, gap = 4, top = 60;
	const double plot = width - left - right;
	auto x_of = [&](double ratio) {
		double l = std::clamp(std::log2(ratio), lo, hi);
		return left + (l - lo) / (hi - lo) * plot;
	};
	const double row_h =
		static_cast<double>(std::max<std::size_t>(xen.size(), 1)) * (bar + 2) + gap;

	std::ostringstream body;
	double y = top;
	for (const auto &k : classes(table)) {
		body << "<text x=\"8\" y=\"" << num(y + 12) << "\" font-weight=\"bold\">"
		     << xml_escape(k) << " (geometric mean)</text>\n";
		for (std::size_t i = 0; i < xen.size(); ++i) {
			if (auto r = class_ratio(table, k, xen[i])) {
				double x0 = x_of(1), x1 = x_of(*r);
				double yy = y + 2 + static_cast<double>(i) * (bar + 2);
				body << "<rect x=\"" << num(std::min(x0, x1)) << "\" y=\""
				     << num(yy) << "\" width=\""
				     << num(std::max(std::abs(x1 - x0), 1.0)) << "\" height=\""
				     << num(bar) << "\" fill=\"" << color_of(i)
				     << "\" stroke=\"black\"><title>" << xml_escape(k) << " "
				     << xml_escape(xen[i]) << ": " << format_ratio(r)
				     << "</title></rect>\n";
				body << "<text x=\"" << num(std::max(x0, x1) + 4) << "\" y=\""
				     << num(yy + bar - 1) << "\" font-size=\"10\">"
				     << format_ratio(r) << "</text>\n";
			}
		}
		y += row_h;
		for (const auto &row : table.rows) {
			if (row.klass != k)
				continue;
			body << "<text x=\"20\" y=\"" << num(y + 11) << "\" font-size=\"11\">"
			     << xml_escape(row.name.substr(row.name.find('.') + 1)) << "</text>\n";
			for (std::size_t i = 0; i < xen.size(); ++i) {
				auto r = ratio(row, xen[i]);
				if (!r || !(*r > 0))
					continue;
				double x0 = x_of(1), x1 = x_of(*r);
				double yy = y + 2 + static_cast<double>(i) * (bar + 2);
				body << "<rect class=\"bar\" x=\"" << num(std::min(x0, x1))
				     << "\" y=\"" << num(yy) << "\" width=\""
				     << num(std::max(std::abs(x1 - x0), 1.0)) << "\" height=\""
				     << num(bar) << "\" fill=\"" << color_of(i)
				     << "\" fill-opacity=\"0.7\"><title>" << xml_escape(row.name)
				     << " " << xml_escape(xen[i]) << ": " << format_ratio(r)
				     << "</title></rect>\n";
			}
			y += row_h;
		}
		y += 8;
	}
	double height = y + 40;

	std::ostringstream svg;
	svg << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << num(width) << "\" height=\""
	    << num(height) << "\" font-family=\"sans-serif\" font-size=\"12\">\n";
	svg << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
	svg << "<text x=\"8\" y=\"20\" font-size=\"15\" font-weight=\"bold\">Ratio to native "
	       "(median per op; log scale; &lt;1 faster, &gt;1 slower)</text>\n";
	for (std::size_t i = 0; i < xen.size(); ++i) {
		double lx = left + static_cast<double>(i) * 140;
		svg << "<rect x=\"" << num(lx) << "\" y=\"32\" width=\"12\" height=\"12\" fill=\""
		    << color_of(i) << "\"/><text x=\"" << num(lx + 16) << "\" y=\"43\">"
		    << xml_escape(column_label(xen[i])) << " / native</text>\n";
	}
	for (double e = lo; e <= hi; e += 1) {
		double x = x_of(std::exp2(e));
		char label[32];
		if (e >= 0)
			std::snprintf(label, sizeof(label), "%gx", std::exp2(e));
		else
			std::snprintf(label, sizeof(label), "1/%gx", std::exp2(-e));
		svg << "<line x1=\"" << num(x) << "\" y1=\"" << num(top - 4) << "\" x2=\"" << num(x)
		    << "\" y2=\"" << num(height - 30) << "\" stroke=\""
		    << (e == 0 ? "black" : "#ddd") << "\"/>\n";
		svg << "<text x=\"" << num(x) << "\" y=\"" << num(height - 14)
		    << "\" font-size=\"10\" text-anchor=\"middle\">" << label << "</text>\n";
	}
	svg << body.str() << "</svg>\n";
	return svg.str();
}

} // namespace pvh
