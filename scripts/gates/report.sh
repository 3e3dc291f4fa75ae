# SPDX-License-Identifier: GPL-2.0
# The report: the table patch x gate, the reasons, times and verdict.
# Sourced by scripts/check.sh, not run.

# Column width: the gate's name, at least "fail"; build has room for
# "skip(NNNN)", a build broken since patch NNNN.
colw() {
	local w=${#1}
	[ "$1" = build ] && w=10
	[ "$w" -lt 4 ] && w=4
	echo "$w"
}

print_table() {
	local num g st cell row subj n_fail=0 n_warn=0 n_skip=0 n_pass=0 i
	printf '\n%-40s' "patch"
	for g in "${PATCH_GATES[@]}"; do printf " %-$(colw "$g")s" "$g"; done
	echo
	for num in "${NUMS[@]}"; do
		subj=$(awk '/^Subject: / { sub(/^Subject: (\[[^]]*PATCH[^]]*\] )?/, ""); print; exit }' "${PFILE[$num]}")
		row=$(printf '%-40.40s' "$num $subj")
		for g in "${PATCH_GATES[@]}"; do
			st=${RES[$num:$g]:--}
			cell=$st
			[ "$st" = skip ] && [ -n "${SKIP_SINCE[$num]:-}" ] && [ "$g" = build ] &&
				cell="skip(${SKIP_SINCE[$num]})"
			case $st in fail) n_fail=$((n_fail + 1)) ;; warn) n_warn=$((n_warn + 1)) ;;
				skip) n_skip=$((n_skip + 1)) ;; pass) n_pass=$((n_pass + 1)) ;; esac
			row+=$(printf " %-$(colw "$g")s" "$cell")
		done
		echo "$row"
	done
	if selected series; then
		echo
		printf '%-40s %-6s %s\n' "series" "result" "detail"
		for i in "${!SERIES_GATES[@]}"; do
			st=${SRES[$i]}
			case $st in fail) n_fail=$((n_fail + 1)) ;; warn) n_warn=$((n_warn + 1)) ;; esac
			printf '%-40s %-6s %s\n' "${SERIES_GATES[$i]}" "$st" "${SWHY[$i]}"
		done
	fi
	echo
	echo "reasons (warn, fail, skip):"
	local any=0
	for num in "${NUMS[@]}"; do
		for g in "${PATCH_GATES[@]}"; do
			st=${RES[$num:$g]:-}
			case $st in warn | fail | skip)
				any=1
				printf '  %s %-10s %-4s %s\n' "$num" "$g" "$st" "${WHY[$num:$g]}" ;;
			esac
		done
	done
	if selected series; then
		for i in "${!SERIES_GATES[@]}"; do
			case ${SRES[$i]} in warn | fail)
				any=1
				printf '  %-15s %-4s %s\n' "series ${SERIES_GATES[$i]}" "${SRES[$i]}" "${SWHY[$i]}" ;;
			esac
		done
	fi
	[ $any = 1 ] || echo "  none"
	N_FAIL=$n_fail N_WARN=$n_warn N_SKIP=$n_skip N_PASS=$n_pass
}

# The table, the time per gate and the verdict; fails when a gate failed.
report() {
	local g times='' verdict=PASS
	print_table
	echo
	for g in build before sparse w1 cocci kdoc checkpatch maint form docs; do
		[ -n "${GSECS[$g]:-}" ] && times+=" $g $(elapsed "${GSECS[$g]}"),"
	done
	say "check: time per gate:${times%,}"
	[ "$N_FAIL" -gt 0 ] && verdict=FAIL
	say "check: $verdict: $N_FAIL fail, $N_WARN warn, $N_SKIP skip, $N_PASS pass over ${#NUMS[@]} patches in $(elapsed $((SECONDS - T0))) (logs: $CLOGS)"
	[ "$N_FAIL" -eq 0 ]
}
