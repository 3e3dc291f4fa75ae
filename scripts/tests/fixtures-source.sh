#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The fixture logs record the series, config and guest programs they were
# captured from (harness/tests/fixtures/SOURCE): `fixtures.sh check` passes
# on the tree as it is and fails, naming `make fixtures`, once a patch of
# the series differs (a copy of patches/ with one line added).
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bad=0
fail() { echo "FAILED: $*"; bad=1; }

out=$("$PVOPS_ROOT"/scripts/fixtures.sh check 2>&1) || fail "check fails on the tree as it is: $out"
echo "as is: $out"
cp -r "$PATCHES" "$tmp/patches"
mapfile -t series < <(series_patches "$tmp/patches")
first=${series[0]}
echo "+/* changed */" >>"$first"
out=$(PATCHES=$tmp/patches "$PVOPS_ROOT"/scripts/fixtures.sh check 2>&1) &&
	fail "check passes with a changed patch"
echo "changed patch: $out"
[[ $out == *"another series, config or guest"*"run 'make fixtures'"* ]] ||
	fail "the error does not say the fixtures are stale and what to run"
[ $bad = 0 ] && echo "fixtures-source: OK"
exit $bad
