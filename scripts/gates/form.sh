# SPDX-License-Identifier: GPL-2.0
# form: From, subject prefix, body, Signed-off-by, trailing whitespace.
# Sourced by scripts/check.sh, not run.

PREFIXES=$PVOPS_ROOT/scripts/check-prefixes.txt

prefix_rule() {
	awk -F'\t' -v f="$1" '!/^#/ && NF == 2 && index(f, $1) == 1 && length($1) > best {
		best = length($1); re = $2 } END { if (best) print re }' "$PREFIXES"
}

# The path that holds most of a patch's changed lines (MAINTAINERS only
# when there is nothing else).
main_path() {
	git apply --numstat "$1" 2>/dev/null | awk -F'\t' '
		{ n = $1 + $2; if ($3 == "MAINTAINERS") { m = $3; next } if (n > best) { best = n; p = $3 } }
		END { print (p != "" ? p : m) }'
}

# Header $1 of patch $2, unfolded (format-patch folds long ones).
header() {
	awk -v h="$1: " 'index($0, h) == 1 { s = substr($0, length(h) + 1); on = 1; next }
		on && /^[ \t]/ { sub(/^[ \t]+/, " "); s = s $0; next } on { exit } END { print s }' "$2"
}

gate_form() {
	local num=$1 p=$2 log=$CLOGS/$1-form.log subj from fails=() warns=() \
		summary prefix path re body words
	local idx=${SIDX[$p]} n=${SCOUNT[${SOF[$p]}]} tag=${S_PREFIX[${SOF[$p]}]}
	: >"$log"
	from=$(header From "$p")
	[[ $from =~ ^[^\<]+\ \<[^@\>]+@[^\>]+\>$ ]] || fails+=("no From: Name <address> (got '${from:-nothing}')")
	subj=$(header Subject "$p")
	echo "subject: $subj" >>"$log"
	# Numbered in its own series, with that series' prefix ([RFC PATCH
	# 2/5]); format-patch pads the numbers of long series: 01/14.
	if [[ $subj =~ ^\[([^]]*)\ ([0-9]+)/([0-9]+)\]\ (.*)$ ]]; then
		[ "${BASH_REMATCH[1]}" = "$tag" ] && [ $((10#${BASH_REMATCH[2]})) = "$idx" ] &&
			[ $((10#${BASH_REMATCH[3]})) = "$n" ] ||
			fails+=("numbered [${BASH_REMATCH[1]} ${BASH_REMATCH[2]}/${BASH_REMATCH[3]}], is [$tag $idx/$n] of series ${SOF[$p]}")
		subj=${BASH_REMATCH[4]}
	elif [ "$n" -gt 1 ]; then
		fails+=("subject not numbered [$tag n/$n] (series ${SOF[$p]})")
	fi
	subj=${subj#"[$tag] "}
	# Prefix: the ": "-separated words before the summary (the first part
	# with a space in it): "kunit: tool: Fix x" -> "kunit: tool".
	summary=$subj prefix=
	while [[ $summary =~ ^([^\ :]+):\ (.+)$ ]]; do
		prefix=${prefix:+$prefix: }${BASH_REMATCH[1]}
		summary=${BASH_REMATCH[2]}
	done
	path=$(main_path "$p")
	re=$(prefix_rule "$path")
	echo "prefix: '$prefix', main path: $path, rule: ${re:-none}" >>"$log"
	if [ -z "$prefix" ]; then
		fails+=("subject has no subsystem prefix ('$subj')")
	elif [ -z "$re" ]; then
		warns+=("no prefix rule for $path in scripts/check-prefixes.txt")
	elif ! [[ $prefix =~ ^($re)$ ]]; then
		fails+=("prefix '$prefix:' is not what $path takes (${re})")
	fi
	[ ${#subj} -le 75 ] || warns+=("subject is ${#subj} characters (75 at most)")
	# Body: between the headers and the ---, trailers left out.
	body=$(awk 'NR > 1 && !h && /^$/ { h = 1; next } h && /^---$/ { exit } h' "$p" |
		grep -vE '^[A-Z][A-Za-z-]+: .*[@<]|^(Fixes|Link|Closes): ')
	words=$(wc -w <<<"$body")
	echo "body: $words words" >>"$log"
	if [ "$words" -eq 0 ]; then
		fails+=("no body: the message does not say why")
	elif [ "$words" -lt 25 ]; then
		warns+=("body of $words words: too short to say why")
	fi
	grep -qxF "Signed-off-by: $from" "$p" ||
		fails+=("no Signed-off-by: matching From: $from")
	# Trailing whitespace in the message or in added lines of the diff.
	if awk '/^diff --git/ { d = 1 } (!d || /^\+/) && /[ \t]+$/ && !/^-- $/ { print NR": "$0; f = 1 }
		END { exit !f }' "$p" >>"$log"; then
		fails+=("trailing whitespace (lines in log)")
	fi
	if [ ${#fails[@]} -gt 0 ]; then
		result "$num" form fail "$(IFS=';'; echo "${fails[*]}") (log: $log)"
	elif [ ${#warns[@]} -gt 0 ]; then
		result "$num" form warn "$(IFS=';'; echo "${warns[*]}")"
	else
		result "$num" form pass ""
	fi
}
