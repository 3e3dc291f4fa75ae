#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Every splat pattern matches its fixture and only that verdict comes out:
# fail-NAME*.log must fail with NAME as its first splat, pass-*.log must pass.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bootlog=$here/../bootlog.py
bad=0
for f in "$here"/splat/*.log; do
	name=$(basename "$f" .log)
	out=$(python3 "$bootlog" splat "$f")
	rc=$?
	case $name in
	fail-*)
		want=${name#fail-}
		want=${want%%.*}
		first=$(echo "$out" | grep -v ': tolerated ' | head -n1 | cut -d: -f3 | tr -d ' ')
		if [ $rc -eq 1 ] && [ "$first" = "$want" ]; then
			echo "ok   $name: $first"
		else
			echo "FAIL $name: rc=$rc, first splat '$first', want '$want'"; bad=1
		fi
		;;
	pass-*)
		if [ $rc -eq 0 ]; then
			echo "ok   $name: $(echo "$out" | grep -c ': tolerated ') tolerated"
		else
			echo "FAIL $name: rc=$rc: $out"; bad=1
		fi
		;;
	esac
done
# Every pattern in the patterns file has a fixture.
for p in $(grep -v '^#' "$here/../splat-patterns" | cut -f1); do
	ls "$here/splat/fail-$p".*log >/dev/null 2>&1 || ls "$here/splat/fail-$p.log" >/dev/null 2>&1 ||
		{ echo "FAIL pattern $p has no fixture"; bad=1; }
done
exit $bad
