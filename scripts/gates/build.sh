# SPDX-License-Identifier: GPL-2.0
# build: vmlinux with the patch's Kconfig options off, then on.
# Sourced by scripts/check.sh, not run.

BROKEN='' BROKEN_ERRS=''
declare -A SKIP_SINCE
gate_build() {
	local num=$1 mode log target errs='' failed=() notes=() o v modes=(on)
	[ ${#PATCH_OPTS[@]} -gt 0 ] && modes=(off on)
	for mode in "${modes[@]}"; do
		log=$CLOGS/$num-build-$mode.log
		: >"$log"
		if [ "$mode" = off ]; then
			say "check:   $num build, options off (${PATCH_OPTS[*]/%/=n})"
		else
			say "check:   $num build, project config${PATCH_OPTS[*]:+ (${PATCH_OPTS[*]/%/=y})}"
		fi
		configure "$mode" "$log"
		# vmlinux: everything a patch can break compiles and links; the
		# boot wrapper around it (xz of the whole image) is built once,
		# as bzImage, at the last patch checked.
		target=vmlinux
		[ "$mode" = on ] && [ "$num" = "$LAST_NUM" ] && target=bzImage
		if ! run_logged "$log" "$num build $mode" "${KMAKE[@]}" -j"$JOBS" "$target"; then
			failed+=("$mode")
			errs+=$(build_errors "$log")$'\n'
		fi
		# The .config as syncconfig resolved it: did the options stick?
		for o in "${PATCH_OPTS[@]}"; do
			v=$(opt_value "$o")
			if [ "$mode" = on ] && [ "$v" != y ] && [ "$v" != m ]; then
				notes+=("CONFIG_$o cannot be turned on (unmet dependencies)")
			elif [ "$mode" = off ] && [ -n "$v" ]; then
				notes+=("CONFIG_$o=$v although asked off (selected by another option)")
			fi
		done
	done
	for o in "${PATCH_OPTS[@]}"; do
		grep -qE "^CONFIG_$o=" "${FRAGS[@]}" ||
			notes+=("CONFIG_$o is in no scripts/config fragment: the boots never build it")
	done
	errs=$(grep . <<<"$errs" | sort -u)
	if [ ${#failed[@]} -eq 0 ]; then
		BROKEN='' BROKEN_ERRS=''
		if [ ${#notes[@]} -gt 0 ]; then
			result "$num" build warn "$(IFS=';'; echo "${notes[*]}")"
		else
			result "$num" build pass ""
		fi
	elif [ -n "$BROKEN" ] && [ -z "$(comm -13 <(echo "$BROKEN_ERRS") <(echo "$errs"))" ]; then
		SKIP_SINCE[$num]=$BROKEN
		result "$num" build skip "broken since $BROKEN: fails as that patch does ($(head -n1 <<<"$errs" | cut -c1-80)) (log: $CLOGS/$num-build-${failed[0]}.log)"
	else
		BROKEN=$num BROKEN_ERRS=$errs
		result "$num" build fail "build (${failed[*]}) fails: $(head -n1 <<<"$errs" | cut -c1-110) (log: $CLOGS/$num-build-${failed[0]}.log)"
	fi
}

# The tree before the first patch checked (the base, for the whole series)
# must build, or nothing after it can be judged.
REF_BUILT=0
reference_build() {
	local num=$1 what log=$CLOGS/0000-build-before.log t0=$SECONDS
	what="the base ($BASE_TAG)"
	[ "$(git -C "$WT" rev-parse HEAD)" = "$BASE_COMMIT" ] || what="the tree before $num"
	say "check: building $what in $COBJ"
	configure on "$log"
	run_logged "$log" "build before $num" "${KMAKE[@]}" -j"$JOBS" vmlinux ||
		die "$what does not build with the project config: $(build_errors "$log" | head -n1); see $log"
	GSECS[build]=$((${GSECS[build]:-0} + SECONDS - t0))
	say "check: $what built in $(elapsed $((SECONDS - t0)))"
	REF_BUILT=1
}
