#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# scripts/checkpatch.pl --strict reports nothing on any patch of the series
# (ignores in scripts/checkpatch-ignores, each with its reason), and
# get_maintainer.pl names a maintainer for every file the series adds.
# The two gates of `make check` that need no kernel build, run early.
set -uo pipefail
exec "$(dirname "$0")/../check.sh" --gates checkpatch,maint
