# SPDX-License-Identifier: GPL-2.0
# cocci: Coccinelle's report-mode rules over the files the series touches.
# Sourced by scripts/check.sh, not run.

# Coccinelle: every rule of scripts/coccinelle with a report mode (and a
# spatch new enough for it, as scripts/coccicheck decides), one spatch per
# rule over all the .c/.h files the checked patches touch, in the state
# after the last patch. A report goes to the patch that last changed its
# line (git blame); reports on lines of the base are the tree's, not ours.
declare -A COMMIT_NUM
gate_cocci() {
	local files=() nums=() f rule rules=() out=$CHECK/cocci log=$CLOGS/cocci.log \
		ver req inc=() line path ln commit num n=0
	for num in "${NUMS[@]}"; do
		[ "${RES[$num:cocci]:-}" = pending ] || continue
		nums+=("$num")
	done
	[ ${#nums[@]} -gt 0 ] || return 0
	mapfile -t files < <(for num in "${nums[@]}"; do echo "${COCCI_FILES[$num]}"; done |
		grep . | sort -u | while read -r f; do [ -f "$WT/$f" ] && echo "$f"; done)
	if [ ${#files[@]} -eq 0 ]; then
		for num in "${nums[@]}"; do result "$num" cocci n/a "the patch adds or changes no .c or .h file"; done
		return
	fi
	ver=$(spatch --version | sed -n 's/^spatch version \([0-9.]*\).*/\1/p')
	for rule in "$WT"/scripts/coccinelle/*/*.cocci "$WT"/scripts/coccinelle/*/*/*.cocci; do
		[ -f "$rule" ] && grep -q '^virtual report' "$rule" || continue
		req=$(sed -n 's|^// Requires: *||p' "$rule" | head -n1)
		if [ -n "$req" ] && ! printf '%s\n%s\n' "$req" "$ver" | sort -CV; then
			echo "skipped $rule: needs spatch $req" >>"$log"
			continue
		fi
		rules+=("$rule")
	done
	# The include paths scripts/coccicheck gives spatch.
	inc=(-I "$WT/arch/x86/include" -I "$COBJ/arch/x86/include/generated" -I "$WT/include"
	     -I "$COBJ/include" -I "$WT/arch/x86/include/uapi" -I "$COBJ/arch/x86/include/generated/uapi"
	     -I "$WT/include/uapi" -I "$COBJ/include/generated/uapi"
	     --include "$WT/include/linux/compiler-version.h" --include "$WT/include/linux/kconfig.h")
	say "check: cocci: ${#rules[@]} rules over ${#files[@]} files (${files[*]})"
	rm -rf "$out"
	mkdir -p "$out"
	for rule in "${rules[@]}"; do
		n=$((n + 1))
		# shellcheck disable=SC2046 # a rule's Options: line is a word list
		(cd "$WT" && nice -n 10 spatch -D report --no-show-diff --very-quiet \
			--cocci-file "$rule" $(sed -n 's|^// Options: *||p' "$rule") "${inc[@]}" \
			"${files[@]}" >"$out/$n.out" 2>"$out/$n.err"; echo "$? $rule" >"$out/$n.rc") &
		# Two spatch at a time: this machine's two cores, under the build lock.
		while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do wait -n; done
	done
	wait
	cat "$out"/*.rc | awk '$1 != 0 { print "spatch failed (" $1 "): " $2 }' >>"$log"
	cat "$out"/*.out | sort -u >"$out/reports"
	declare -A found
	while IFS= read -r line; do
		[[ $line =~ ^([^:]+):([0-9]+): ]] || continue
		path=${BASH_REMATCH[1]} ln=${BASH_REMATCH[2]}
		path=${path#"$WT"/}
		commit=$(git -C "$WT" blame --porcelain -L "$ln,$ln" HEAD -- "$path" 2>/dev/null | head -n1 | cut -d' ' -f1)
		num=${COMMIT_NUM[$commit]:-}
		echo "$line  [blame: ${num:-base or unchecked patch}]" >>"$log"
		[ -n "$num" ] || continue
		found[$num]+="$line"$'\n'
	done <"$out/reports"
	for num in "${nums[@]}"; do
		if [ -z "${COCCI_FILES[$num]}" ]; then
			result "$num" cocci n/a "the patch adds or changes no .c or .h file"
		elif [ -n "${found[$num]:-}" ]; then
			result "$num" cocci fail "$(grep -c . <<<"${found[$num]}") reports: $(head -n1 <<<"${found[$num]}" | cut -c1-100) (log: $log)"
		else
			result "$num" cocci pass ""
		fi
	done
}
