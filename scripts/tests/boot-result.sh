#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# A boot's result.json says what the column booted: the kernel's detection,
# Xen's sysfs view, every suite of the series present with no failure, the
# routing and hypercalls the guest reported (patches 0010-0011), the
# x86_hypervisor cases all passed, skips exactly where a case does not
# apply (each with a reason), and KUnit's deliberate kunit_fault oops seen
# and tolerated, nothing else. The column's own expectations are the
# "expect" block of harness/columns/COLUMN.json; pvharness verify prints
# one "FAILED: ..." line per expectation not met and exits 1.
#
#   boot-result.sh BUILD/boot/COLUMN/result.json
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
[ $# -eq 1 ] || die "usage: boot-result.sh RESULT_JSON"
exec "$BUILD/harness/main/pvharness" verify "$1"
