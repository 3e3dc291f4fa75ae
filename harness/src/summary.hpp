// SPDX-License-Identifier: GPL-2.0
// The boot matrix side by side from BOOT_DIR/<column>/result.json: the
// verdicts, what each guest detected, routing and hypercalls per class,
// the KTAP totals and where the logs are.
#pragma once

#include <iosfwd>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace pvh {

// Each column's result.json, nullopt when it has none (or cannot be read):
// the boot did not run.
using BootResults = std::vector<std::pair<std::string, std::optional<nlohmann::json>>>;
BootResults load_results(const std::string &boot_dir, const std::vector<std::string> &columns);

// 0 when every column ran and passed, else 1.
int print_summary(const BootResults &results, std::ostream &out);

} // namespace pvh
