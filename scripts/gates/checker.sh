# SPDX-License-Identifier: GPL-2.0
# sparse and w1: one gate function run twice, make C=2 or W=1 on the .c
# files a patch adds or changes; no warning the tree before it lacks.
# Sourced by scripts/check.sh, not run.

# Is the object of $1 (a .c file) part of the build in the current config?
# Kbuild compiles any single .o asked for, so sparse and W=1 would run on
# code the config leaves out: look in the directory's built-in.a instead.
in_build() {
	local o=${1%.c}.o d
	d=$(dirname "$1")
	# Unknown (no build in this directory yet): let the checker try.
	[ -f "$COBJ/$d/built-in.a" ] || return 0
	# A thin archive lists its members relative to where ar runs.
	(cd "$COBJ" && ar t "$d/built-in.a") 2>/dev/null | grep -qxF "$o"
}

# Without the build gate, the directories' built-in.a are whatever an
# earlier run left: build the directories of files $2... (log $1) first.
refresh_dirs() {
	local log=$1 dirs=()
	shift
	selected build && return 0
	mapfile -t dirs < <(for f in "$@"; do echo "$(dirname "$f")/"; done | sort -u)
	"${KMAKE[@]}" -j"$JOBS" "${dirs[@]}" >>"$log" 2>&1
}

# sparse: C=2 on the .o, in build/check/obj (the object is up to date, only
# sparse runs). W=1: the .s (compiling to assembler gives gcc's warnings),
# in an O= directory of its own, build/check/obj-w1: W=1 changes the
# flags of kbuild's prepare steps too, and in the main directory each
# W=1 run and the build after it would redo them (modpost and all).
# $1: sparse|w1, $2: output log, then .c files.
run_checker() {
	local kind=$1 log=$2 f targets=() w1obj=$CHECK/obj-w1
	shift 2
	for f in "$@"; do
		if [ "$kind" = sparse ]; then targets+=("${f%.c}.o"); else targets+=("${f%.c}.s"); fi
	done
	if [ "$kind" = sparse ]; then
		"${KMAKE[@]}" -j"$JOBS" C=2 "${targets[@]}" >"$log" 2>&1
	else
		mkdir -p "$w1obj"
		cmp -s "$COBJ/.config" "$w1obj/.config" || cp "$COBJ/.config" "$w1obj/.config"
		# The last O= on the command line wins.
		"${KMAKE[@]}" O="$w1obj" -j"$JOBS" W=1 "${targets[@]}" >"$log" 2>&1
	fi
}

# Before the patch: the warnings of the files it changes (not the ones it
# adds: everything in them is new). $1: num, $2: patch_files output.
baseline_checkers() {
	local num=$1 files=$2 kind c=() f log
	mapfile -t c < <(files_with "$files" M '\.c$')
	for kind in sparse w1; do
		: >"$CHECK/base.$kind"
		selected "$kind" && [ ${#c[@]} -gt 0 ] || continue
		configure on "$CLOGS/$num-$kind-before.log"
		refresh_dirs "$CLOGS/$num-$kind-before.log" "${c[@]}"
		local built=()
		for f in "${c[@]}"; do in_build "$f" && built+=("$f"); done
		[ ${#built[@]} -gt 0 ] || continue
		log=$CLOGS/$num-$kind-before.log
		run_checker "$kind" "$log" "${built[@]}"
		norm_warnings <"$log" >"$CHECK/base.$kind"
	done
}

gate_checker() {
	local kind=$1 num=$2 files=$3 c=() built=() notbuilt=() f log after
	mapfile -t c < <(files_with "$files" AM '\.c$')
	if [ ${#c[@]} -eq 0 ]; then
		result "$num" "$kind" n/a "the patch adds or changes no .c file"
		return
	fi
	log=$CLOGS/$num-$kind.log
	: >"$log"
	refresh_dirs "$log" "${c[@]}"
	for f in "${c[@]}"; do
		if in_build "$f"; then built+=("$f"); else notbuilt+=("$f"); fi
	done
	if [ ${#built[@]} -eq 0 ]; then
		result "$num" "$kind" warn "not built in the project config, not checked: ${notbuilt[*]}"
		return
	fi
	say "check:   $num $kind: ${built[*]}"
	if ! run_checker "$kind" "$log" "${built[@]}" && ! grep -qE ': (warning|error)' "$log"; then
		result "$num" "$kind" fail "make failed (log: $log)"
		return
	fi
	after=$(mktemp)
	norm_warnings <"$log" >"$after"
	judge_new "$num" "$kind" "$CHECK/base.$kind" "$after" "$(files_with "$files" AM .)" "$log"
	rm -f "$after"
	if [ ${#notbuilt[@]} -gt 0 ] && [ "${RES[$num:$kind]}" = pass ]; then
		result "$num" "$kind" warn "not built in the project config, not checked: ${notbuilt[*]}"
	fi
}
