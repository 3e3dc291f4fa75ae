#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# scripts/checkpatch.pl --strict reports nothing on any patch of the series
# (ignores in scripts/checkpatch-ignores, each with its reason), and
# get_maintainer.pl names a maintainer for every file the series adds.
# Runs on the tree with the whole series applied.
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
bad=0
ignore=$(grep -v '^#' "$PVOPS_ROOT/scripts/checkpatch-ignores" | cut -f1 | paste -sd, -)
# checkpatch runs scripts/spdxcheck.py with the python3 on PATH; Debian's
# has the python3-ply and python3-git it needs.
export PATH=/usr/bin:$PATH
for p in "$PATCHES"/[0-9][0-9][0-9][0-9]-*.patch; do
	case $p in */0000-cover-letter.patch) continue ;; esac
	out=$(cd "$TREE" && ./scripts/checkpatch.pl --strict ${ignore:+--ignore "$ignore"} "$p" 2>&1)
	rc=$?
	echo "$(basename "$p"): $(echo "$out" | grep '^total:')"
	if [ $rc -ne 0 ] || ! echo "$out" | grep -q '^total: 0 errors, 0 warnings, 0 checks' ||
	   echo "$out" | grep -q 'Traceback'; then
		echo "$out"
		bad=1
	fi
	# What the ignored FILE_PATH_CHANGES stood for: every file the patch
	# adds has a maintainer in the tree it is applied to.
	for f in $(sed -n 's|^+++ b/||p' "$p" | sort -u); do
		grep -q "^--- /dev/null" <(grep -B1 "^+++ b/$f\$" "$p") || continue
		who=$(cd "$TREE" && ./scripts/get_maintainer.pl --no-git --nol --nor --no-rolestats \
			-f "$f" 2>&1)
		echo "  $f: ${who//$'\n'/, }"
		[ -n "$who" ] && [[ $who != *"not found"* ]] ||
			{ echo "$(basename "$p"): new file $f has no maintainer"; bad=1; }
	done
done
exit $bad
