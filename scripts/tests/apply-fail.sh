#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# A series whose patch does not apply stops tree.sh with the patch's name,
# and the tree is left at the base, not half-applied.
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$PATCHES"/. "$tmp"/
mapfile -t series < <(series_patches "$tmp")
victim=${series[0]}
# Break a context line of the first hunk so that it no longer matches.
awk '!h && /^@@/ { h = 1 }
	h == 1 && /^ / && /[^[:space:]]/ { $0 = $0 " broken context"; h = 2 } 1' "$victim" >"$tmp/broken"
cat "$tmp/broken" >"$victim"
out=$(PATCHES=$tmp "$PVOPS_ROOT/scripts/tree.sh" 2>&1)
rc=$?
echo "rc=$rc: $out"
[ $rc -ne 0 ] || exit 1
echo "$out" | grep -qF "patch $(basename "$(dirname "$victim")")/$(basename "$victim") does not apply" || exit 1
[ "$(git -C "$TREE" rev-parse HEAD)" = "$(git -C "$TREE" rev-parse "$BASE_TAG^{commit}")" ] || exit 1
[ -z "$(git -C "$TREE" status --porcelain --untracked-files=no)" ] || exit 1
[ ! -d "$TREE/.git/rebase-apply" ] || exit 1
echo "tree is back at $BASE_TAG and clean"
