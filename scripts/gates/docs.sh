# SPDX-License-Identifier: GPL-2.0
# docs: Sphinx and get_abi.pl on what a patch touches in Documentation/.
# Sourced by scripts/check.sh, not run.

# Sphinx on the Documentation/ directories of the .rst files a patch
# touches, before and after it, from scratch each time (an incremental
# Sphinx run does not repeat the warnings of unchanged pages); and, when
# it touches Documentation/ABI/, scripts/get_abi.pl validate.
docs_dirs() {
	files_with "$1" AM '^Documentation/.*\.rst$' | sed -E 's#^Documentation/##; s#/[^/]*$##' | sort -u
}

touches_abi() {
	[ -n "$(files_with "$1" AMD '^Documentation/ABI/')" ]
}

run_sphinx() {
	local log=$1 d dirs=()
	shift
	for d in "$@"; do [ -d "$WT/Documentation/$d" ] && dirs+=("$d"); done
	: >"$log"
	[ ${#dirs[@]} -gt 0 ] || return 0
	rm -rf "$COBJ/Documentation/output"
	"${KMAKE[@]}" SPHINXDIRS="${dirs[*]}" htmldocs >>"$log" 2>&1
}

# get_abi.pl's complaints, line numbers out.
abi_warnings() {
	(cd "$WT" && ./scripts/get_abi.pl validate --dir Documentation/ABI 2>&1 &&
		./scripts/get_abi.pl rest --dir Documentation/ABI 2>&1 >/dev/null) |
		sed -E 's/(:|line )[0-9]+/\1/g' | sort
}

# A warning that only says a page outside the directories built does not
# exist, when it does exist: an artefact of building part of the tree.
sphinx_filter() {
	local l doc
	while IFS= read -r l; do
		if [[ $l =~ unknown\ document:\ .?/([^\'\"]+) ]]; then
			doc=${BASH_REMATCH[1]}
			[ -f "$WT/Documentation/$doc.rst" ] && continue
		fi
		echo "$l"
	done
}

baseline_docs() {
	local num=$1 files=$2 dirs=()
	: >"$CHECK/base.docs"
	selected docs || return 0
	mapfile -t dirs < <(docs_dirs "$files")
	if [ ${#dirs[@]} -gt 0 ]; then
		run_sphinx "$CLOGS/$num-docs-before.log" "${dirs[@]}"
		norm_warnings <"$CLOGS/$num-docs-before.log" | sphinx_filter >"$CHECK/base.docs"
	fi
	touches_abi "$files" && abi_warnings >>"$CHECK/base.docs"
	sort -o "$CHECK/base.docs" "$CHECK/base.docs"
}

DOC_PATCHES=()
gate_docs() {
	local num=$1 files=$2 dirs=() log=$CLOGS/$1-docs.log after new what=()
	mapfile -t dirs < <(docs_dirs "$files")
	[ ${#dirs[@]} -gt 0 ] && what+=("Sphinx on Documentation/${dirs[*]}")
	touches_abi "$files" && what+=("get_abi.pl on Documentation/ABI")
	if [ ${#what[@]} -eq 0 ]; then
		result "$num" docs n/a "the patch touches no .rst or ABI file"
		return
	fi
	DOC_PATCHES+=("$num")
	say "check:   $num docs: $(IFS=';'; echo "${what[*]}")"
	after=$(mktemp)
	if [ ${#dirs[@]} -gt 0 ]; then
		if ! run_sphinx "$log" "${dirs[@]}"; then
			result "$num" docs fail "htmldocs failed: $(grep -m1 -iE 'error' "$log" | cut -c1-90) (log: $log)"
			rm -f "$after"
			return
		fi
		norm_warnings <"$log" | sphinx_filter >"$after"
	fi
	if touches_abi "$files"; then
		abi_warnings | tee -a "$log" >>"$after"
	fi
	sort -o "$after" "$after"
	new=$(new_lines "$CHECK/base.docs" "$after")
	echo "== new warnings:"$'\n'"$new" >>"$log"
	if [ -n "$new" ]; then
		result "$num" docs fail "$(grep -c . <<<"$new") new warnings: $(head -n1 <<<"$new" | cut -c1-100) (log: $log)"
	else
		result "$num" docs pass ""
	fi
	rm -f "$after"
}
