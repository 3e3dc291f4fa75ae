// SPDX-License-Identifier: GPL-2.0
#include <filesystem>
#include <fstream>

#include "summary.hpp"

namespace pvh {

BootResults load_results(const std::string &boot_dir, const std::vector<std::string> &columns)
{
	BootResults out;
	for (const auto &c : columns) {
		std::ifstream in(std::filesystem::path(boot_dir) / c / "result.json");
		std::optional<nlohmann::json> r;
		if (in) {
			auto j = nlohmann::json::parse(in, nullptr, false);
			if (!j.is_discarded())
				r = std::move(j);
		}
		out.emplace_back(c, std::move(r));
	}
	return out;
}

} // namespace pvh
