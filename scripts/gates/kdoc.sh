# SPDX-License-Identifier: GPL-2.0
# kdoc: scripts/kernel-doc -none on the .c/.h files a patch touches.
# Sourced by scripts/check.sh, not run.

# kernel-doc's warnings on files $@ of the tree.
kernel_doc() {
	local f
	for f in "$@"; do
		(cd "$WT" && ./scripts/kernel-doc -none "$f") 2>&1
	done
}

# Before the patch: the warnings of the files it changes.
# $1: num, $2: patch_files output.
baseline_kdoc() {
	local h=()
	: >"$CHECK/base.kdoc"
	selected kdoc || return 0
	mapfile -t h < <(files_with "$2" M '\.[ch]$')
	kernel_doc "${h[@]}" | norm_warnings >"$CHECK/base.kdoc"
}

gate_kdoc() {
	local num=$1 files=$2 h=() log=$CLOGS/$1-kdoc.log after
	mapfile -t h < <(files_with "$files" AM '\.[ch]$')
	if [ ${#h[@]} -eq 0 ]; then
		result "$num" kdoc n/a "the patch adds or changes no .c or .h file"
		return
	fi
	kernel_doc "${h[@]}" >"$log"
	after=$(mktemp)
	norm_warnings <"$log" >"$after"
	judge_new "$num" kdoc "$CHECK/base.kdoc" "$after" "$(files_with "$files" AM .)" "$log"
	rm -f "$after"
}
