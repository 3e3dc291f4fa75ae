#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Columns are data: one new file under harness/columns, and nothing else,
# makes a column that `pvharness columns`, the runner (its QEMU command),
# the summary and `make help` all know. Done on a copy of the tree's data.
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
PVHARNESS=$BUILD/harness/main/pvharness
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/root/harness" "$tmp/build/boot"
cp -r "$PVOPS_ROOT/harness/columns" "$PVOPS_ROOT/harness/machines" "$tmp/root/harness/"
cp "$PVOPS_ROOT/Makefile" "$tmp/root/"
mkdir -p "$tmp/root/scripts" && cp "$PVOPS_ROOT/scripts/splat-patterns" "$tmp/root/scripts/"
# A throwaway column: the native machine with one more kernel argument.
sed -e 's/"label": "native"/"label": "Throwaway"/' \
	-e 's/"console=ttyS0", /"console=ttyS0", "pvops.throwaway=1", /' \
	"$PVOPS_ROOT/harness/columns/native.json" >"$tmp/root/harness/columns/zz-throwaway.json"
ph() { "$PVHARNESS" --root "$tmp/root" --build "$tmp/build" "$@"; }
bad=0
fail() { echo "FAILED: $*"; bad=1; }

cols=$(ph columns --labels) || fail "pvharness columns exited $?"
echo "columns: $(echo "$cols" | tr '\n\t' ' :')"
echo "$cols" | grep -q $'^zz-throwaway\tThrowaway$' || fail "pvharness columns does not list it"
cmd=$(ph boot zz-throwaway --dry-run) || fail "pvharness boot --dry-run exited $?"
echo "runner: $cmd"
[[ $cmd == *"pvops.throwaway=1"*"hypervisor_kunit.expect=native"* ]] ||
	fail "its QEMU command does not carry its kernel arguments"
summary=$(ph summary "$tmp/build/boot" 2>&1)
echo "$summary" | head -n 3
[[ $(echo "$summary" | head -n 1) == *zz-throwaway* ]] || fail "the summary has no column for it"
help=$(make -s -C "$tmp/root" help BUILD="$tmp/build" 2>&1) || fail "make help exited $?"
echo "$help" | grep -q -- 'boot-COLUMN.*zz-throwaway' || fail "make help does not name it"
# And removing the file removes the column everywhere.
rm "$tmp/root/harness/columns/zz-throwaway.json"
! ph columns | grep -q throwaway || fail "a removed column is still listed"
[ $bad = 0 ] && echo "a column file is all it takes"
exit $bad
