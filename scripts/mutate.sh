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
# Header of a mutation: "# column: COLUMN" and "# caught-by: suite.case".
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
# The KUnit verdicts of a boot's result.json (kunit.suites.SUITE.CASE),
# read with awk: a first line "suites" when kunit.suites is an object,
# then "suite\034case\034status" a case (\034: a byte no name holds).
# Prints nothing and fails when the file is not one JSON value.
kunit_cases() {
	awk '
	function fail() { exit 1 }
	function skip() { while (p <= n && index(" \t\n\r", substr(s, p, 1))) p++ }
	function char() { return substr(s, p, 1) }
	function hexval(h,   i, v) {
		v = 0
		for (i = 1; i <= 4; i++) v = v * 16 + index("0123456789abcdef", tolower(substr(h, i, 1))) - 1
		return v
	}
	# Code point c in UTF-8.
	function utf8(c) {
		if (c < 128) return sprintf("%c", c)
		if (c < 2048) return sprintf("%c%c", 192 + int(c / 64), 128 + c % 64)
		if (c < 65536) return sprintf("%c%c%c", 224 + int(c / 4096), 128 + int(c / 64) % 64, 128 + c % 64)
		return sprintf("%c%c%c%c", 240 + int(c / 262144), 128 + int(c / 4096) % 64, 128 + int(c / 64) % 64, 128 + c % 64)
	}
	function string(   out, c) {
		out = ""
		for (p++; p <= n; p++) {
			c = char()
			if (c == "\"") { p++; return out }
			if (c != "\\") { out = out c; continue }
			c = substr(s, ++p, 1)
			if (c == "n") out = out "\n"
			else if (c == "t") out = out "\t"
			else if (c == "r") out = out "\r"
			else if (c == "b") out = out "\b"
			else if (c == "f") out = out "\f"
			else if (c == "u" && substr(s, p + 1, 4) ~ /^[0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f]$/) {
				c = hexval(substr(s, p + 1, 4)); p += 4
				# A surrogate pair is one code point.
				if (c >= 55296 && c < 56320 && substr(s, p + 1, 2) == "\\u") {
					c = 65536 + (c - 55296) * 1024 + hexval(substr(s, p + 3, 4)) - 56320
					p += 6
				}
				out = out utf8(c)
			} else if (index("\"\\/", c)) out = out c
			else fail()
		}
		fail()
	}
	# A value at depth d, under keys key[1..d].
	function value(d,   c, v) {
		skip()
		c = char()
		if (c == "{") {
			if (d == 2 && key[1] == "kunit" && key[2] == "suites") suites = 1
			p++; skip()
			if (char() == "}") { p++; return }
			for (;;) {
				skip()
				if (char() != "\"") fail()
				key[d + 1] = string()
				skip()
				if (char() != ":") fail()
				p++
				value(d + 1)
				skip()
				c = char(); p++
				if (c == "}") return
				if (c != ",") fail()
			}
		}
		if (c == "[") {
			p++; skip()
			if (char() == "]") { p++; return }
			for (;;) {
				key[d + 1] = ""
				value(d + 1)
				skip()
				c = char(); p++
				if (c == "]") return
				if (c != ",") fail()
			}
		}
		if (c == "\"") v = string()
		else if (match(substr(s, p, 64), /^(true|false|null|-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?)/)) {
			v = substr(s, p, RLENGTH); p += RLENGTH
		} else fail()
		if (d == 4 && key[1] == "kunit" && key[2] == "suites") status[key[3] SUBSEP key[4]] = v
	}
	{ s = s $0 "\n" }
	END {
		n = length(s); p = 1
		value(0)
		skip()
		if (p <= n) fail()
		if (suites) print "suites"
		for (k in status) print k SUBSEP status[k]
	}' "$1" 2>/dev/null
}

# The verdict of one case in a boot's result.json: PASS, FAIL, SKIP, ERROR,
# "absent" when the log never reported it, "no result" without a result.
case_status() {
	local cases
	if ! cases=$(kunit_cases "$1") || [ "${cases%%$'\n'*}" != suites ]; then
		echo "no result"
		return
	fi
	S=$2 C=$3 awk -F "\034" 'NR > 1 && $1 == ENVIRON["S"] && $2 == ENVIRON["C"] { v = $3; found = 1 }
		END { print found ? v : "absent" }' <<<"$cases"
}

# The failing (FAIL, ERROR) cases of a boot, suite.case, in order.
failing_cases() {
	kunit_cases "$1" | awk -F "\034" 'NR > 1 && ($3 == "FAIL" || $3 == "ERROR")' |
		sort -t $'\034' -k1,1 -k2,2 | awk -F "\034" '{ printf "%s%s.%s", (NR > 1 ? " " : ""), $1, $2 } END { print "" }'
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
