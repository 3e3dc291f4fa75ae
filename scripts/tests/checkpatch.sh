#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# scripts/checkpatch.pl --strict reports nothing on any patch of the series.
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
bad=0
for p in "$PATCHES"/[0-9][0-9][0-9][0-9]-*.patch; do
	case $p in */0000-cover-letter.patch) continue ;; esac
	out=$(cd "$TREE" && ./scripts/checkpatch.pl --strict "$p" 2>&1)
	rc=$?
	echo "$(basename "$p"): $(echo "$out" | grep '^total:')"
	if [ $rc -ne 0 ] || ! echo "$out" | grep -q '^total: 0 errors, 0 warnings, 0 checks'; then
		echo "$out"
		bad=1
	fi
done
exit $bad
