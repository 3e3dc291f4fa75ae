#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Show that the KUnit suites can fail: for each scripts/mutations/*.diff,
# break the kernel on purpose (a wrong routing, a wrong constant, a dropped
# batch), rebuild, boot the column named in the diff's header and check
# that the case named there fails. The tree is restored afterwards, and the
# unmutated kernel rebuilt, whatever happens.
#
#   mutate.sh [NAME...]     default: every mutation
#
# Header of a mutation: "# column: COLUMN" and "# caught-by: suite.case",
# or "# caught-by: verify:KEY" for a guest record the column expects
# (pvharness verify must fail on KEY).
set -uo pipefail
. "$(dirname "$0")/lib.sh"
MUT=$PVOPS_ROOT/scripts/mutations
OUT=$BUILD/mutations
mkdir -p "$OUT"

restore() {
	git -C "$TREE" checkout -q -- . 2>/dev/null
	say "mutate: tree restored; rebuilding the unmutated kernel"
	"$PVOPS_ROOT/scripts/kernel.sh" >"$LOGS/mutate-restore.log" 2>&1 ||
		echo "pvops: error: rebuilding the unmutated kernel failed; see $LOGS/mutate-restore.log" >&2
}

[ -z "$(git -C "$TREE" status --porcelain --untracked-files=no)" ] ||
	die "$TREE has local changes; run 'make tree' first"
trap restore EXIT

if [ $# -gt 0 ]; then
	files=()
	for n in "$@"; do files+=("$MUT/$n.diff"); done
else
	files=("$MUT"/*.diff)
fi
# The verdict of one case in a boot's result.json: PASS, FAIL, SKIP, ERROR,
# "absent" when the log never reported it, "no result" without a result.
case_status() {
	"$BUILD/harness/main/pvharness" case "$1" "$2.$3"
}

# FAIL when pvharness verify rejects the value the boot reported for KEY,
# PASS when it accepts the boot, "other" when it fails on something else
# or KEY was never reported.
verify_status() {
	local out
	out=$("$BUILD/harness/main/pvharness" verify "$1" 2>&1) && { echo PASS; return; }
	# "KEY is None": the guest never reported it, which proves nothing.
	if grep -q "^FAILED: $2 is " <<<"$out" && ! grep -q "^FAILED: $2 is None" <<<"$out"; then
		echo FAIL
	else
		echo "other ($(grep -m 1 '^FAILED: ' <<<"$out"))"
	fi
}

# The failing (FAIL, ERROR) cases of a boot, suite.case, in order.
failing_cases() {
	"$BUILD/harness/main/pvharness" case "$1"
}

caught=0 missed=0 rows=()
for f in "${files[@]}"; do
	name=$(basename "$f" .diff)
	[ -f "$f" ] || die "no mutation $name in $MUT"
	column=$(sed -n 's/^# column: //p' "$f")
	case_id=$(sed -n 's/^# caught-by: //p' "$f")
	suite=${case_id%%.*} case=${case_id#*.}
	git -C "$TREE" apply "$f" || die "mutation $name does not apply to $TREE"
	say "mutate: $name: rebuilding (log: $LOGS/build.log)"
	if ! "$PVOPS_ROOT/scripts/kernel.sh" >"$OUT/$name.build.log" 2>&1; then
		git -C "$TREE" checkout -q -- .
		die "mutation $name does not build; see $OUT/$name.build.log"
	fi
	# A boot whose log does not report the case at all (a mangled or
	# truncated console) says nothing either way: boot once more, and
	# show what the log had, so a second miss can be diagnosed.
	for attempt in 1 2; do
		"$BUILD/harness/main/pvharness" boot "$column" --out "$OUT/$name" >"$OUT/$name.boot.log" 2>&1
		if [ "${case_id#verify:}" != "$case_id" ]; then
			status=$(verify_status "$OUT/$name/result.json" "${case_id#verify:}")
			break
		fi
		status=$(case_status "$OUT/$name/result.json" "$suite" "$case")
		case $status in FAIL | PASS | SKIP) break ;; esac
		say "mutate: $name: boot $attempt did not report $case_id ($status); lines naming it:"
		grep -a -n -e "$case" -e "Subtest: $suite" "$OUT/$name/serial.log" | tail -n 8 >&2
		cp "$OUT/$name/serial.log" "$OUT/$name.serial.$attempt.log" 2>/dev/null
	done
	others=$(failing_cases "$OUT/$name/result.json")
	if [ "$status" = FAIL ]; then
		caught=$((caught + 1)); verdict=caught
	else
		missed=$((missed + 1)); verdict="MISSED ($case_id is $status)"
	fi
	rows+=("$(printf '%-38s %-8s %-52s %s' "$name" "$column" "$case_id" "$verdict")")
	say "mutate: $name: $verdict; failing: ${others:-none}"
	git -C "$TREE" checkout -q -- .
done

echo
printf '%-38s %-8s %-52s %s\n' mutation column "expected to fail" result
printf '%s\n' "${rows[@]}"
echo "$caught caught, $missed missed"
[ $missed -eq 0 ]
