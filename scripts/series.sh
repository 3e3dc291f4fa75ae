#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Regenerate patches/ from the series sources, or check that it is current.
#
#   series.sh gen [OUTDIR]   write the series (default: patches/)
#   series.sh check          fail when patches/ differs from what gen makes
#
# A patch's source is a directory NNNN-slug/ under arch-x86-paravirt/,
# drivers-xen/, kunit/ or Documentation/, holding:
#   message    the commit message (subject, blank line, body, trailers)
#   new/...    files the patch adds, at their path in the kernel tree
#   edit.diff  changes to files that already exist (optional), applied
#              with `git apply` (no fuzz) on top of the previous patch
# NNNN orders the patches across all areas. scripts/series-list splits
# them into the series patches/ holds (patches/NAME/, each with its cover
# letter, whose text is the file the list names; first line: subject).
#
# Commits are built in a temporary index on top of pvops-base, with fixed
# identity and dates, so the output depends on the sources alone.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

IDENTITY=$PVOPS_ROOT/scripts/series-identity
AREAS=(arch-x86-paravirt drivers-xen kunit Documentation)

mode=${1:-gen}
log=$LOGS/series.log
: >"$log"

# The identity and date: AUTHOR= (gen only) or scripts/series-identity.
author=$(sed -n 's/^author: //p' "$IDENTITY")
series_date=$(sed -n 's/^date: //p' "$IDENTITY")
if [ "$mode" = gen ] && [ -n "${AUTHOR:-}" ]; then
	author=$AUTHOR
fi
author_re='^[^<>|&\[:cntrl:]]+ <[^<>|&\ @[:cntrl:]]+@[^<>|&\ @[:cntrl:]]+>$'
[[ $author =~ $author_re ]] ||
	die "author '$author' is not 'Name <mail>' (AUTHOR= or $IDENTITY)"
[[ $series_date =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] && date -u -d "$series_date" >/dev/null 2>&1 ||
	die "date '$series_date' in $IDENTITY is not YYYY-MM-DD"
AUTHOR_NAME=${author% <*}
AUTHOR_EMAIL=${author##*<} && AUTHOR_EMAIL=${AUTHOR_EMAIL%>}
series_month=$(LC_ALL=C date -u -d "$series_date" '+%B %Y')

[ -d "$TREE/.git" ] || die "no base tree at $TREE; run 'make tree' first"
case $(cat "$BUILD/tree.source" 2>/dev/null) in
tarball:*) ;;
*) die "patches/ is generated against Debian's linux-source-6.12 only; rebuild the tree without KSRC" ;;
esac
base_version=$(git -C "$TREE" show "$BASE_TAG:Makefile" |
	awk -F' = ' '$1 == "VERSION" { v = $2 } $1 == "PATCHLEVEL" { p = $2 }
		     $1 == "SUBLEVEL" && !s { s = v "." p "." $2 } END { print s }')

# A source file with the series' placeholders filled in: @SERIES_AUTHOR@
# (Name <mail>), @SERIES_MONTH@ (the month of the date, as ABI files
# write it) and @BASE_VERSION@ (the base tree's, e.g. 6.12.118).
fill() {
	sed -e "s|@SERIES_AUTHOR@|$author|g" -e "s|@SERIES_MONTH@|$series_month|g" \
		-e "s|@BASE_VERSION@|$base_version|g" "$1"
}

read_series_list

# The series a patch source number belongs to.
series_of() {
	local s found=
	for s in "${SNAMES[@]}"; do
		[ $((10#$1)) -ge $((10#${S_FIRST[$s]})) ] && found=$s
	done
	[ -n "$found" ] || die "patch $1 comes before the first series in $SERIES_LIST"
	echo "$found"
}

# Patch directories, in series order; two with the same number is an error.
list_patches() {
	local d
	for a in "${AREAS[@]}"; do
		for d in "$PVOPS_ROOT/$a"/[0-9][0-9][0-9][0-9]-*/; do
			[ -f "$d/message" ] && echo "$(basename "$d") ${d%/}"
		done
	done | sort -k1,1 | awk '{
		n = substr($1, 1, 4)
		if (n == last) { print "duplicate patch number " n ": " $2 > "/dev/stderr"; exit 1 }
		last = n; print $2 }'
}

generate() {
	local out=$1 parent tree commit idx=0 d f rel mode sha date s prev from to
	local -a dirs
	local -A tip
	mapfile -t dirs < <(list_patches) || die "bad series sources; see $log"
	GIT_INDEX_FILE=$(mktemp "$BUILD/series.index.XXXXXX")
	export GIT_INDEX_FILE
	git -C "$TREE" read-tree "$BASE_TAG"
	parent=$(git -C "$TREE" rev-parse "$BASE_TAG^{commit}")
	for d in "${dirs[@]}"; do
		idx=$((idx + 1))
		if [ -f "$d/edit.diff" ]; then
			fill "$d/edit.diff" |
				git -C "$TREE" apply --cached --whitespace=error-all - >>"$log" 2>&1 ||
				die "$(basename "$d")/edit.diff does not apply on the previous patch; see $log"
		fi
		if [ -d "$d/new" ]; then
			while IFS= read -r -d '' f; do
				rel=${f#"$d/new/"}
				mode=100644
				[ -x "$f" ] && mode=100755
				sha=$(fill "$f" | git -C "$TREE" hash-object -w --stdin)
				git -C "$TREE" update-index --add --cacheinfo "$mode,$sha,$rel"
			done < <(find "$d/new" -type f -print0 | sort -z)
		fi
		grep -q '^Signed-off-by:' "$d/message" &&
			die "$(basename "$d")/message carries a Signed-off-by:; the series adds the sender's"
		tree=$(git -C "$TREE" write-tree)
		date="${series_date}T00:$(printf %02d "$idx"):00Z"
		commit=$(git -c trailer.where=end -c trailer.ifexists=addIfDifferentNeighbor \
			 interpret-trailers --trailer "Signed-off-by: $author" <"$d/message" |
			 GIT_AUTHOR_NAME=$AUTHOR_NAME GIT_AUTHOR_EMAIL=$AUTHOR_EMAIL \
			 GIT_COMMITTER_NAME=$AUTHOR_NAME GIT_COMMITTER_EMAIL=$AUTHOR_EMAIL \
			 GIT_AUTHOR_DATE=$date GIT_COMMITTER_DATE=$date \
			 git -C "$TREE" commit-tree "$tree" -p "$parent" -F -)
		parent=$commit
		s=$(series_of "$(basename "$d" | cut -c1-4)")
		tip[$s]=$commit
	done
	rm -f "$GIT_INDEX_FILE"
	unset GIT_INDEX_FILE
	rm -rf "$out"
	mkdir -p "$out"
	# Each series on top of the one before it, or alone on the pristine
	# tree (ON is -); --base names the pristine tree and lists the
	# patches of the series below as prerequisites.
	prev=$BASE_TAG
	for s in "${SNAMES[@]}"; do
		[ -n "${tip[$s]:-}" ] || die "series '$s' of $SERIES_LIST has no patches"
		from=$prev to=${tip[$s]}
		if [ "${S_ON[$s]}" = - ] && [ "$prev" != "$BASE_TAG" ]; then
			to=$(replay_on_base "$s" "$prev" "${tip[$s]}") || exit 1
			from=$BASE_TAG
		fi
		# The cover letter is dated as the series, just before its patches.
		GIT_AUTHOR_NAME=$AUTHOR_NAME GIT_AUTHOR_EMAIL=$AUTHOR_EMAIL \
		GIT_COMMITTER_NAME=$AUTHOR_NAME GIT_COMMITTER_EMAIL=$AUTHOR_EMAIL \
		GIT_COMMITTER_DATE="${series_date}T00:00:00Z" \
		git -C "$TREE" -c core.abbrev=12 -c diff.noprefix=false -c format.signature= \
			format-patch -q --no-signature --zero-commit --cover-letter \
			--subject-prefix="${S_PREFIX[$s]}" --base="$BASE_TAG" \
			-o "$out/$s" "$from..$to" >>"$log" 2>&1 ||
			die "git format-patch of series '$s' failed; see $log"
		fill_cover "$out/$s/0000-cover-letter.patch" "${S_COVER[$s]}"
		prev=${tip[$s]}
	done
	say "series: $idx patches in ${#SNAMES[@]} series (${SNAMES[*]}) written to $out"
}

# The commits $2..$3 of series $1, replayed on the pristine tree with the
# same messages, authors and dates; prints the last one.
replay_on_base() {
	local s=$1 c p t date
	p=$(git -C "$TREE" rev-parse "$BASE_TAG^{commit}")
	GIT_INDEX_FILE=$(mktemp "$BUILD/series.index.XXXXXX")
	export GIT_INDEX_FILE
	git -C "$TREE" read-tree "$BASE_TAG"
	for c in $(git -C "$TREE" rev-list --reverse "$2..$3"); do
		git -C "$TREE" diff --binary "$c^" "$c" | git -C "$TREE" apply --cached - >>"$log" 2>&1 ||
			die "series '$s' goes on the pristine tree alone ($SERIES_LIST), but \"$(git -C "$TREE" log -1 --format=%s "$c")\" does not apply there; see $log"
		t=$(git -C "$TREE" write-tree)
		date=$(git -C "$TREE" log -1 --format=%aI "$c")
		p=$(git -C "$TREE" cat-file commit "$c" | sed '1,/^$/d' |
		    GIT_AUTHOR_NAME=$AUTHOR_NAME GIT_AUTHOR_EMAIL=$AUTHOR_EMAIL \
		    GIT_COMMITTER_NAME=$AUTHOR_NAME GIT_COMMITTER_EMAIL=$AUTHOR_EMAIL \
		    GIT_AUTHOR_DATE=$date GIT_COMMITTER_DATE=$date \
		    git -C "$TREE" commit-tree "$t" -p "$p" -F -)
	done
	rm -f "$GIT_INDEX_FILE"
	echo "$p"
}

# Put the cover text ($2) where format-patch left its placeholders in $1:
# its first line, trimmed, for the subject; the rest, without its leading
# and trailing newlines, for the blurb.
fill_cover() {
	local text subject body nl=$'\n'
	# $(...) drops trailing newlines: keep them behind a sentinel.
	text=$(cat "$1"; echo .) && text=${text%.}
	body=$(fill "$2"; echo .) && body=${body%.}
	subject=${body%%"$nl"*}
	body=${body#"$subject"}
	body=${body#"$nl"}
	subject=${subject#"${subject%%[![:space:]]*}"}
	subject=${subject%"${subject##*[![:space:]]}"}
	while [[ $body == "$nl"* ]]; do body=${body#"$nl"}; done
	while [[ $body == *"$nl" ]]; do body=${body%"$nl"}; done
	# Quoted, a replacement is taken as it is (& and \ mean nothing).
	text=${text/"*** SUBJECT HERE ***"/"$subject"}
	text=${text/"*** BLURB HERE ***"/"$body"}
	printf %s "$text" >"$1"
}

case $mode in
gen)
	generate "${2:-$PATCHES}"
	;;
check)
	tmp=$BUILD/series.check
	generate "$tmp" >/dev/null
	if ! diff -r "$PATCHES" "$tmp" >"$LOGS/series-stale.diff" 2>&1; then
		die "patches/ is stale: it differs from its sources; run 'make patches' (diff: $LOGS/series-stale.diff)"
	fi
	rm -rf "$tmp"
	say "series: patches/ is current"
	;;
*)
	die "series.sh: unknown mode '$mode' (gen or check)"
	;;
esac
