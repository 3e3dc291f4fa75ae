# SPDX-License-Identifier: GPL-2.0
# The series gates: cover letter, base, .b4-config, the Documentation patch.
# Sourced by scripts/check.sh, not run.

B4CONFIG=$PVOPS_ROOT/.b4-config

SRES=() SWHY=()
sresult() {
	SRES[$1]=$2
	SWHY[$1]=${3:-}
}

series_gates() {
	local cover=$SNAP/0000-cover-letter.patch why=() base lists l to n
	# Cover letter: filled in, numbered for the series, says how it was
	# tested, shortlog and diffstat as format-patch writes them.
	if [ ! -f "$cover" ]; then
		sresult 0 fail "no $cover"
	else
		grep -q '\*\*\* \(SUBJECT\|BLURB\) HERE \*\*\*' "$cover" && why+=("format-patch placeholders left")
		grep -qE "^Subject: \[PATCH 0+/0*$NPATCH\]" "$cover" || why+=("subject is not [PATCH 0/$NPATCH]")
		grep -qi 'tested' "$cover" || why+=("does not say how it was tested")
		grep -qE '^ [0-9]+ files? changed' "$cover" || why+=("no diffstat")
		n=$(awk '/^[^ ].* \([0-9]+\):$/ { on = 1; next } on && /^  [^ ]/ { c++ } on && /^$/ { exit } END { print c + 0 }' "$cover")
		[ "$n" = "$NPATCH" ] || why+=("shortlog lists $n patches, the series has $NPATCH")
		if [ ${#why[@]} -gt 0 ]; then sresult 0 fail "$(IFS=';'; echo "${why[*]}")"; else sresult 0 pass; fi
	fi
	# The base: format-patch --base wrote it, and it is the Debian tree.
	base=$(sed -n 's/^base-commit: //p' "$cover" 2>/dev/null | head -n1)
	if [ -z "$base" ]; then
		sresult 1 fail "no base-commit: line (git format-patch --base)"
	elif [ "$base" != "$BASE_COMMIT" ]; then
		sresult 1 fail "base-commit $base is not $BASE_TAG ($BASE_COMMIT)"
	else
		sresult 1 pass "Linux $BASE_VERSION, $BASE_TAG ${BASE_COMMIT:0:12}"
	fi
	# .b4-config parses, and sends the series to the lists of the
	# MAINTAINERS entries the series adds.
	if [ ! -f "$B4CONFIG" ]; then
		sresult 2 fail "no .b4-config"
	elif ! git config -f "$B4CONFIG" -l >"$CLOGS/b4-config.log" 2>&1; then
		sresult 2 fail ".b4-config does not parse (log: $CLOGS/b4-config.log)"
	else
		to=$(git config -f "$B4CONFIG" b4.send-series-to)
		lists=$(cat "${SERIES[@]}" | awk '/^diff --git a\/MAINTAINERS/ { m = 1; next } /^diff --git/ { m = 0 }
			m && /^\+L:/ { sub(/^\+L:[ \t]*/, ""); print $1 }' | sort -u)
		why=()
		[ -n "$to" ] || why+=("no b4.send-series-to")
		for l in $lists; do [[ $to == *"$l"* ]] || why+=("send-series-to lacks $l"); done
		if [ ${#why[@]} -gt 0 ]; then sresult 2 fail "$(IFS=';'; echo "${why[*]}")"; else sresult 2 pass "to: $to"; fi
	fi
	# The Documentation patch.
	if [ ${#DOC_PATCHES[@]} -eq 0 ]; then
		if ! selected docs; then
			sresult 3 n/a "docs gate not run"
		elif [ -n "$range" ]; then
			sresult 3 n/a "only patches $range checked, none touches a .rst file"
		else
			sresult 3 warn "no patch touches a Documentation .rst file: nothing for Sphinx to build"
		fi
	else
		why=()
		for n in "${DOC_PATCHES[@]}"; do [ "${RES[$n:docs]}" = pass ] || why+=("$n"); done
		if [ ${#why[@]} -gt 0 ]; then
			sresult 3 fail "Sphinx warnings in ${why[*]}"
		else
			sresult 3 pass "built without warnings: ${DOC_PATCHES[*]}"
		fi
	fi
}
