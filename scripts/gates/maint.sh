# SPDX-License-Identifier: GPL-2.0
# maint: get_maintainer.pl names a maintainer for every file a patch adds.
# Sourced by scripts/check.sh, not run.

gate_maint() {
	local num=$1 files=$2 log=$CLOGS/$1-maint.log f who sect bad=() n=0
	: >"$log"
	for f in $(files_with "$files" A .); do
		n=$((n + 1))
		who=$(cd "$WT" && ./scripts/get_maintainer.pl --no-git --no-git-fallback --sections -f "$f" 2>&1)
		# Sections with an M: line, THE REST (Linus, as a last resort) aside.
		sect=$(awk 'BEGIN { RS = ""; FS = "\n" }
			$1 != "THE REST" && /\nM:/ { print $1 }' <<<"$who" | paste -sd, -)
		echo "$f: ${sect:-none}" >>"$log"
		[ -n "$sect" ] || bad+=("$f")
	done
	if [ $n -eq 0 ]; then
		result "$num" maint n/a "the patch adds no file"
	elif [ ${#bad[@]} -gt 0 ]; then
		result "$num" maint fail "no MAINTAINERS entry names a maintainer for ${bad[*]} (log: $log)"
	else
		result "$num" maint pass ""
	fi
}
