#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make check names the patch and the gate that a broken patch fails: a copy
# of the series with one patch broken on purpose goes through check.sh, and
# its table must say "fail" in that patch's row under that gate.
#
#   check-breaks.sh checkpatch   a checkpatch ERROR in a new .c file
#   check-breaks.sh sparse       a global sparse wants static, same file
#   check-breaks.sh w1           a function without a prototype (W=1's
#                                -Wmissing-prototypes), same file
#   check-breaks.sh build        an #error in the middle of the series: the
#                                patch before passes, the patch fails, the
#                                one after is "skip(NNNN)", broken since it
#   check-breaks.sh apply        a context line that no longer matches: the
#                                patch fails to apply, the later ones skip
#
# Victims are chosen from whatever patches/ holds: the last patch that adds
# a .c file no later patch changes and has patches after it. It is the one
# closest to where `make check` leaves build/check/obj (the series' end),
# so the builds are incremental there instead of going back to the base.
# Only the gates and patches concerned run (--gates, --patches).
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
kind=${1:-}
case $kind in checkpatch | sparse | w1 | build | apply) ;;
*) die "check-breaks.sh: which break? (checkpatch, sparse, w1, build or apply)" ;;
esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$PATCHES"/. "$tmp"/
# Every patch of the series in order; check.sh numbers them 0001... across
# the series (num_at).
mapfile -t series < <(series_patches "$tmp")

# "patch<TAB>file" for every .c file a patch adds that no later patch changes.
new_c_files() {
	local i p f
	for i in "${!series[@]}"; do
		p=${series[$i]}
		while read -r f; do
			grep -qF "diff --git a/$f " "${series[@]:$((i + 1))}" /dev/null || printf '%s\t%s\n' "$p" "$f"
		done < <(awk '/^diff --git a\// { f = $4; sub(/^b\//, "", f) }
			/^new file mode/ && f ~ /\.c$/ { print f }' "$p")
	done
}

# Insert lines after the last #include of file $2's new-file hunk in patch
# $1, and grow the hunk's line count to match. The patch is left as it
# was when it has no such hunk.
insert_lines() {
	local path=$1 target=$2 out
	shift 2
	out=$(mktemp)
	# The added lines, and a last one: $(...) keeps their empty lines.
	ADD=$(printf '%s\n' "$@" .) TARGET=$target awk '
		{ line[NR] = $0 }
		END {
			for (i = 1; i <= NR && line[i] != "diff --git a/" ENVIRON["TARGET"] " b/" ENVIRON["TARGET"]; i++) ;
			for (; i <= NR && substr(line[i], 1, 11) != "@@ -0,0 +1,"; i++) ;
			if (i > NR || !match(line[i], /^@@ -0,0 \+1,[0-9]+ @@/)) exit 1
			hunk = i
			for (i = hunk + 1; i <= NR && substr(line[i], 1, 1) == "+"; i++)
				if (substr(line[i], 1, 9) == "+#include") last = i
			if (!last) exit 1
			n = split(ENVIRON["ADD"], add, "\n") - 1
			count = substr(line[hunk], 12) + 0
			sub(/\+1,[0-9]+/, "+1," (count + n), line[hunk])
			for (i = 1; i <= NR; i++) {
				print line[i]
				if (i == last) for (j = 1; j <= n; j++) print "+" add[j]
			}
		}' "$path" >"$out" && cat "$out" >"$path"
	rm -f "$out"
}

mapfile -t victims < <(new_c_files | grep -vF "${series[-1]}")
[ ${#victims[@]} -gt 0 ] || die "no patch of the series but the last adds a .c file to break"
pick=${victims[-1]}
victim=${pick%%$'\t'*} file=${pick#*$'\t'}
num_at() { printf %04d $(($1 + 1)); }
num_of() {
	local i
	for i in "${!series[@]}"; do [ "${series[$i]}" = "$1" ] && echo "$i"; done
}
vi=$(num_of "$victim")
vnum=$(num_at "$vi")

case $kind in
checkpatch)
	insert_lines "$victim" "$file" "" "#define PVOPS_CHECK_DEMO(a,b) ((a) + (b))"
	gates=checkpatch range=$vnum
	;;
sparse)
	insert_lines "$victim" "$file" "" "int pvops_check_demo_counter;"
	gates=sparse range=$vnum
	;;
w1)
	insert_lines "$victim" "$file" "" "int pvops_check_demo_fn(void)" "{" "	return 0;" "}"
	gates=w1 range=$vnum
	;;
build)
	insert_lines "$victim" "$file" "" '#error "pvops check demo: this patch breaks the build"'
	# The patch before it (when there is one) passes, the patch after it
	# fails the same way and is laid at the victim's door.
	lo=$vnum hi=$vnum
	[ "$vi" -gt 0 ] && lo=$(num_at $((vi - 1)))
	[ $((vi + 1)) -lt ${#series[@]} ] && hi=$(num_at $((vi + 1)))
	gates=build range=$lo-$hi
	;;
apply)
	# A patch that changes an existing file (its hunks have context), the
	# middle one of those.
	mapfile -t mod < <(grep -l '^--- a/' "${series[@]}")
	victim=${mod[$((${#mod[@]} / 2))]} file=''

	vnum=$(num_at "$(num_of "$victim")")
	# The first context line with text in a hunk that is not a new file's.
	awk '!h && /^@@/ && !/^@@ -0,0 / { h = 1 }
		h == 1 && /^ / && /[^[:space:]]/ { $0 = $0 " broken context"; h = 2 } 1' "$victim" >"$tmp/broken"
	cat "$tmp/broken" >"$victim"
	gates=apply range=
	;;
esac

say "check-breaks: $kind broken in $(basename "$victim")${file:+ ($file)}; check.sh --gates $gates${range:+ --patches $range}"
# Logs of their own: the real make check's stay where the table says.
out=$(PATCHES=$tmp CHECK_LOGS=$BUILD/check/logs-break-$kind "$PVOPS_ROOT/scripts/check.sh" --gates "$gates" ${range:+--patches "$range"} 2>&1)
rc=$?
echo "$out"
echo "check.sh exit code: $rc"
[ $rc -ne 0 ] || { echo "check.sh passed a broken series"; exit 1; }

# The cell of patch $1 under gate $2 in the table: the column starts where
# the gate's name does in the header line.
cell() {
	awk -v num="$1" -v gate="$2" '
		$1 == "patch" && !pos { pos = index($0 " ", " " gate " "); next }
		pos && $1 == num { s = substr($0, pos + 1); sub(/ .*/, "", s); print s; exit }' <<<"$out"
}
expect() {
	local got
	got=$(cell "$1" "$2")
	if [ "$got" != "$3" ]; then
		echo "FAILED: patch $1, gate $2: table says '${got:-nothing}', expected '$3'"
		exit 1
	fi
	echo "ok: patch $1, gate $2: $3"
}
# The reason names the patch and the gate too.
grep -qE "^  $vnum $gates +fail " <<<"$out" || { echo "FAILED: no reason line for $vnum $gates"; exit 1; }
case $kind in
checkpatch | sparse | w1) expect "$vnum" "$gates" fail ;;
build)
	[ "$lo" != "$vnum" ] && expect "$lo" build pass
	expect "$vnum" build fail
	[ "$hi" != "$vnum" ] && expect "$hi" build "skip($vnum)"
	;;
apply)
	expect "$vnum" apply fail
	for i in "${!series[@]}"; do
		n=$(num_at "$i")
		[ $((10#$n)) -gt $((10#$vnum)) ] && expect "$n" apply skip
	done
	;;
esac
echo "check.sh names patch $vnum and gate $gates"
