#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The harness tests' fixture logs (harness/tests/fixtures/<column>-boot.log
# and <column>-pvbench.log; a domU column's whole serial log, dom0 and the
# relayed domU, as <column>-serial.log) are real console logs of the
# current series, config and guest programs. `capture` boots the columns with pvbench (pvharness bench --quick),
# splits each console log (without carriage returns, as console.log has
# it) into its pvbench records and the rest, records
# what the logs came from in harness/tests/fixtures/SOURCE, then rewrites
# the golden files derived from the fixtures (kunit.py's parse, the report,
# the summary) for review. `check` fails when SOURCE differs from the
# series and config now: the fixtures are stale.
#
#   fixtures.sh capture [COLUMN...]   (default: the columns that have fixtures)
#   fixtures.sh check
set -euo pipefail
. "$(dirname "$0")/lib.sh"

FIX=$PVOPS_ROOT/harness/tests/fixtures
PVHARNESS=$BUILD/harness/main/pvharness

# What the fixtures depend on: the series as posted, the config fragments
# and what runs in the guests (their scripts and programs).
source_id() {
	local -a patches
	mapfile -t patches < <(series_patches)
	echo "series $(sha_of "${patches[@]}")"
	echo "config $(sha_of "$PVOPS_ROOT"/scripts/config/*.config)"
	echo "guest $(sha_of "$PVOPS_ROOT"/scripts/guest/* "$PVOPS_ROOT"/harness/guest/*.cpp \
		"$PVOPS_ROOT"/harness/guest/pvbench/*.[ch]pp \
		"$PVOPS_ROOT"/harness/guest/xentrace-window/*.[ch]pp)"
}

check() {
	[ -f "$FIX/SOURCE" ] || die "no $FIX/SOURCE; run 'make fixtures'"
	local want now
	want=$(grep -E '^(series|config|guest) ' "$FIX/SOURCE")
	now=$(source_id)
	[ "$want" = "$now" ] ||
		die "the fixture logs are from another series, config or guest ($(echo $want) in $FIX/SOURCE, $(echo $now) now); run 'make fixtures' and review the diff"
	say "fixtures: captured from this series, config and guest ($(echo $now))"
}

capture() {
	local cols=("$@")
	if [ ${#cols[@]} -eq 0 ]; then
		mapfile -t cols < <(cd "$FIX" && ls -- *-boot.log *-serial.log |
			sed 's/-\(boot\|serial\)\.log$//')
	fi
	[ ${#cols[@]} -gt 0 ] || die "no column to capture (name one: pvharness columns)"
	local out=$BUILD/fixtures list c log benched=() domus=()
	# A domU column's fixture is its boot, without pvbench.
	for c in "${cols[@]}"; do
		if grep -q '"domu"' "$PVOPS_ROOT/harness/columns/$c.json" 2>/dev/null; then
			domus+=("$c")
		else
			benched+=("$c")
		fi
	done
	rm -rf "$out"
	for c in "${domus[@]}"; do
		"$PVHARNESS" boot "$c" --out "$out/$c" ||
			die "the fixture boot of $c failed; see $out/$c/serial.log"
		tr -d '\r' <"$out/$c/serial.log" >"$FIX/$c-serial.log"
		say "fixtures: $c: $(wc -l <"$FIX/$c-serial.log") console lines, dom0 and domU"
	done
	list=$(IFS=,; echo "${benched[*]}")
	[ -n "$list" ] || die "no column with pvbench among ${cols[*]}"
	say "fixtures: booting ${benched[*]} with pvbench --quick (logs under $out)"
	"$PVHARNESS" bench --quick --columns "$list" --out "$out" ||
		die "a fixture boot failed; see $out/report.md and the serial.log it names"
	for c in "${benched[@]}"; do
		log=$out/r1/$c/serial.log
		[ -s "$log" ] || die "no console log for $c; see $out/report.md"
		# pvbench's output: its first record to its exit status.
		tr -d '\r' <"$log" | awk -v bench="$FIX/$c-pvbench.log" -v boot="$FIX/$c-boot.log" '
			/^PVBENCH: / && !done { inside = 1 }
			{ print > (inside ? bench : boot) }
			inside && /^PVOPS: pvbench_status=/ { inside = 0; done = 1 }'
		grep -q '^PVBENCH: ' "$FIX/$c-pvbench.log" 2>/dev/null ||
			die "$c: no pvbench record in $log"
		say "fixtures: $c: $(wc -l <"$FIX/$c-boot.log") console lines, $(wc -l <"$FIX/$c-pvbench.log") pvbench records"
	done
	{
		echo "# What the fixture logs here were captured from (scripts/fixtures.sh)."
		source_id
		echo "linux $(make -s -C "$TREE" kernelversion 2>/dev/null || echo unknown)"
		echo "columns ${cols[*]}"
	} >"$FIX/SOURCE"

	say "fixtures: rewriting the golden files derived from them"
	LINUX=$TREE "$PVOPS_ROOT"/scripts/ktap-golden.sh "$BUILD/harness/main"
	cmake --build "$BUILD/harness/main" -j"$(nproc)" >/dev/null
	# Each golden test writes its file and fails on purpose; then all must pass.
	PVOPS_UPDATE_GOLDEN=1 ctest --test-dir "$BUILD/harness/main" >/dev/null || true
	ctest --test-dir "$BUILD/harness/main" --output-on-failure >"$LOGS/fixtures-ctest.log" 2>&1 ||
		die "the harness tests fail on the new fixtures; see $LOGS/fixtures-ctest.log"
	say "fixtures: done; review 'git diff --stat harness/tests' before committing"
}

case "${1:-}" in
capture) shift; capture "$@" ;;
check) check ;;
*) die "usage: fixtures.sh capture [COLUMN...] | check" ;;
esac
