# SPDX-License-Identifier: GPL-2.0
# The series gates: per series its cover letter and base; .b4-config and
# the Documentation patch.
# Sourced by scripts/check.sh, not run.

B4CONFIG=$PVOPS_ROOT/.b4-config

SRES=() SWHY=()
# The next series gate's row: name $1, result $2, reason $3.
sresult() {
	local i=${#SERIES_GATES[@]}
	SERIES_GATES[$i]=$1
	SRES[$i]=$2
	SWHY[$i]=${3:-}
}

# Cover letter of series $1 ($2 patches, subject prefix $3): filled in,
# numbered for its series, says how it was tested, shortlog and diffstat
# as format-patch writes them.
cover_gate() {
	local s=$1 count=$2 tag=$3 cover=$SNAP/$1/0000-cover-letter.patch why=() n
	if [ ! -f "$cover" ]; then
		sresult "$s cover" fail "no $cover"
		return
	fi
	grep -q '\*\*\* \(SUBJECT\|BLURB\) HERE \*\*\*' "$cover" && why+=("format-patch placeholders left")
	grep -qE "^Subject: \[$tag 0+/0*$count\]" "$cover" || why+=("subject is not [$tag 0/$count]")
	grep -qi 'tested' "$cover" || why+=("does not say how it was tested")
	grep -qE '^ [0-9]+ files? changed' "$cover" || why+=("no diffstat")
	n=$(awk '/^[^ ].* \([0-9]+\):$/ { on = 1; next } on && /^  [^ ]/ { c++ } on && /^$/ { exit } END { print c + 0 }' "$cover")
	[ "$n" = "$count" ] || why+=("shortlog lists $n patches, the series has $count")
	if [ ${#why[@]} -gt 0 ]; then sresult "$s cover" fail "$(IFS=';'; echo "${why[*]}")"; else sresult "$s cover" pass; fi
}

# The base of series $1: format-patch --base wrote it, it is the Debian
# tree, and the patches of the series below it ($2...) are named as its
# prerequisites, in order (git patch-id --stable, as format-patch counts).
base_gate() {
	local s=$1 cover=$SNAP/$1/0000-cover-letter.patch base want have p
	shift
	base=$(sed -n 's/^base-commit: //p' "$cover" 2>/dev/null | head -n1)
	have=$(sed -n 's/^prerequisite-patch-id: //p' "$cover" 2>/dev/null)
	want=$(for p in "$@"; do git patch-id --stable <"$p" | cut -d' ' -f1; done)
	if [ -z "$base" ]; then
		sresult "$s base" fail "no base-commit: line (git format-patch --base)"
	elif [ "$base" != "$BASE_COMMIT" ]; then
		sresult "$s base" fail "base-commit $base is not $BASE_TAG ($BASE_COMMIT)"
	elif [ "$have" != "$want" ]; then
		sresult "$s base" fail "prerequisite-patch-id lines are not the $# patches of the series below it"
	elif [ $# -gt 0 ]; then
		sresult "$s base" pass "Linux $BASE_VERSION, $BASE_TAG ${BASE_COMMIT:0:12}, after $# prerequisite patches"
	else
		sresult "$s base" pass "Linux $BASE_VERSION, $BASE_TAG ${BASE_COMMIT:0:12}"
	fi
}

series_gates() {
	local why=() lists l to s p n below
	local -a before
	for s in "${SNAMES[@]}"; do
		cover_gate "$s" "${SCOUNT[$s]}" "${S_PREFIX[$s]}"
		# Its prerequisites: the patches of the series it goes on top of.
		below=" $(series_below "$s" | paste -sd' ') " before=()
		for p in "${SERIES[@]}"; do [[ $below == *" ${SOF[$p]} "* ]] && before+=("$p"); done
		base_gate "$s" "${before[@]}"
	done
	# .b4-config parses, and sends the series to the lists of the
	# MAINTAINERS entries the series adds.
	if [ ! -f "$B4CONFIG" ]; then
		sresult b4 fail "no .b4-config"
	elif ! git config -f "$B4CONFIG" -l >"$CLOGS/b4-config.log" 2>&1; then
		sresult b4 fail ".b4-config does not parse (log: $CLOGS/b4-config.log)"
	else
		to=$(git config -f "$B4CONFIG" b4.send-series-to)
		lists=$(cat "${SERIES[@]}" | awk '/^diff --git a\/MAINTAINERS/ { m = 1; next } /^diff --git/ { m = 0 }
			m && /^\+L:/ { sub(/^\+L:[ \t]*/, ""); print $1 }' | sort -u)
		why=()
		[ -n "$to" ] || why+=("no b4.send-series-to")
		for l in $lists; do [[ $to == *"$l"* ]] || why+=("send-series-to lacks $l"); done
		if [ ${#why[@]} -gt 0 ]; then sresult b4 fail "$(IFS=';'; echo "${why[*]}")"; else sresult b4 pass "to: $to"; fi
	fi
	# The Documentation patch.
	if [ ${#DOC_PATCHES[@]} -eq 0 ]; then
		if ! selected docs; then
			sresult docs n/a "docs gate not run"
		elif [ -n "$range" ]; then
			sresult docs n/a "only patches $range checked, none touches a .rst file"
		else
			sresult docs warn "no patch touches a Documentation .rst file: nothing for Sphinx to build"
		fi
	else
		why=()
		for n in "${DOC_PATCHES[@]}"; do [ "${RES[$n:docs]}" = pass ] || why+=("$n"); done
		if [ ${#why[@]} -gt 0 ]; then
			sresult docs fail "Sphinx warnings in ${why[*]}"
		else
			sresult docs pass "built without warnings: ${DOC_PATCHES[*]}"
		fi
	fi
}
