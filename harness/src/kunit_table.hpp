// SPDX-License-Identifier: GPL-2.0
// Per suite and per boot: KUnit pass/fail/skip from each column's
// result.json; with skips, every skipped case and the reason the kernel
// gave (result.json's kunit.reasons).
#pragma once

#include <iosfwd>

#include "summary.hpp"

namespace pvh {

// 1 when a case failed or crashed in some boot, or a boot is missing.
int print_kunit_table(const BootResults &results, bool skips, std::ostream &out);

} // namespace pvh
