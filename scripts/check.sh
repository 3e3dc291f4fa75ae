#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make check: the gates a patch has to pass before it goes upstream, run on
# every patch of patches/ in order, then on the series as a whole. Prints
# a table patch x gate (pass, warn, fail, skip, n/a) and the reason of every
# warn, fail and skip below it; exits non-zero when any gate fails.
#
#   check.sh [--gates LIST] [--patches N[-M]]
#
# Per-patch gates (names for --gates, comma-separated):
#   apply       `git am` on the previous patch, from the pristine base (the
#               Debian linux-source-6.12 tarball build/linux was made from)
#   build       vmlinux at this patch with the Kconfig options it adds off,
#               then with the project config (they on), incrementally in one
#               O= directory; bzImage at the last patch. A build that fails
#               as an earlier patch's did is a skip, "broken since" that one.
#   checkpatch  scripts/checkpatch.pl --strict (scripts/checkpatch-ignores)
#   sparse      make C=2 on the .c files the patch adds or changes: no
#               warning the tree before the patch does not have
#   w1          make W=1 on those files, likewise
#   cocci       Coccinelle, report mode, every scripts/coccinelle rule: one
#               pass over the files the series touches, each report laid at
#               the door of the patch that last changed its line (git blame)
#   kdoc        scripts/kernel-doc -none on the .c/.h files the patch adds or
#               changes: no warning the tree before the patch does not have
#   maint       get_maintainer.pl names a maintainer (not "THE REST") for
#               every file the patch adds
#   form        From, a subject prefix the path takes (check-prefixes.txt),
#               a body that says why, Signed-off-by, no trailing whitespace
#   docs        the .rst files the patch touches: their Documentation/
#               directory built by Sphinx without a new warning; ABI files:
#               scripts/get_abi.pl without a new complaint
# and `series`: the cover letter, the recorded base, .b4-config, and that
# the series has a Documentation patch that builds.
# --patches limits the per-patch gates to a range of patch numbers; the
# patches before it are applied (not checked) to get to its state.
#
# Everything lives in build/check/: linux/ (a clone of build/linux, reset to
# the base and taken patch by patch), obj/ (kbuild O=), obj-w1/ (W=1 runs),
# logs/. build/linux and build/obj, which the other targets use, are not
# touched.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

CHECK=$BUILD/check
WT=$CHECK/linux
COBJ=$CHECK/obj
CLOGS=${CHECK_LOGS:-$CHECK/logs}	# the break demonstrations keep theirs apart
JOBS=${JOBS:-$(nproc)}
# The project config, as kernel.sh makes it.
FRAGS=("$PVOPS_ROOT"/scripts/config/base.config
       "$PVOPS_ROOT"/scripts/config/xen.config
       "$PVOPS_ROOT"/scripts/config/kunit.config)
PREFIXES=$PVOPS_ROOT/scripts/check-prefixes.txt
IGNORES=$PVOPS_ROOT/scripts/checkpatch-ignores
B4CONFIG=$PVOPS_ROOT/.b4-config
PATCH_GATES=(apply build checkpatch sparse w1 cocci kdoc maint form docs)
SERIES_GATES=(cover base b4 docs)
# checkpatch (spdxcheck.py), get_maintainer, kernel-doc and Sphinx want
# Debian's python3 with its ply, git and sphinx modules, not a pyenv one.
export PATH=/usr/bin:$PATH
export PROGRESS_EVERY=${PROGRESS_EVERY:-30}

usage() {
	sed -n '3,/^set -uo/p' "$0" | sed -e '/^set -uo/d' -e 's/^# \{0,1\}//'
}

# ---------------------------------------------------------------- arguments

gates=all
range=
while [ $# -gt 0 ]; do
	case $1 in
	--gates) gates=${2:-}; shift 2 || shift ;;
	--gates=*) gates=${1#--gates=}; shift ;;
	--patches) range=${2:-}; shift 2 || shift ;;
	--patches=*) range=${1#--patches=}; shift ;;
	-h | --help) usage; exit 0 ;;
	*) die "check.sh: unknown argument '$1' (see check.sh --help)" ;;
	esac
done
[ "$gates" = all ] && gates=$(IFS=,; echo "${PATCH_GATES[*]},series")
SEL=" ${gates//,/ } "
for g in $SEL; do
	[[ " ${PATCH_GATES[*]} series " == *" $g "* ]] ||
		die "check.sh: unknown gate '$g' (gates: ${PATCH_GATES[*]} series)"
done
selected() { [[ $SEL == *" $1 "* ]]; }

first=0 last=9999
if [ -n "$range" ]; then
	[[ $range =~ ^([0-9]+)(-([0-9]+))?$ ]] ||
		die "check.sh: bad --patches '$range' (a patch number N or a range N-M)"
	first=$((10#${BASH_REMATCH[1]}))
	last=$((10#${BASH_REMATCH[3]:-${BASH_REMATCH[1]}}))
fi
in_range() { local n=$((10#$1)); [ $n -ge $first ] && [ $n -le $last ]; }

SERIES=()
for p in "$PATCHES"/[0-9][0-9][0-9][0-9]-*.patch; do
	case $p in */0000-cover-letter.patch | *'*'*) ;; *) SERIES+=("$p") ;; esac
done
[ ${#SERIES[@]} -gt 0 ] || die "no patches in $PATCHES (NNNN-*.patch); run 'make patches'"
NPATCH=${#SERIES[@]}

# ---------------------------------------------------------------- results

declare -A RES WHY GSECS
NUMS=()
result() {
	local num=$1 gate=$2 st=$3
	shift 3
	RES[$num:$gate]=$st
	WHY[$num:$gate]="$*"
}
pnum() { basename "$1" | cut -c1-4; }
elapsed() { printf '%d min %d s' $(($1 / 60)) $(($1 % 60)); }

# Run a gate function and add its wall time to the gate's total.
timed_gate() {
	local gate=$1 t0=$SECONDS
	shift
	"$@"
	GSECS[$gate]=$((${GSECS[$gate]:-0} + SECONDS - t0))
}

# ---------------------------------------------------------------- patch facts

# Files a patch changes, one "A path" (added), "M path" or "D path" a line,
# read from the patch itself so that it is known before it is applied.
patch_files() {
	awk '/^diff --git a\// { if (f != "") print st, f; f = $4; sub(/^b\//, "", f); st = "M" }
	     /^new file mode/ { st = "A" }
	     /^deleted file mode/ { st = "D" }
	     END { if (f != "") print st, f }' "$1"
}

# Kconfig symbols the patch adds ("+config FOO" in a Kconfig file).
patch_options() {
	awk '/^diff --git a\// { k = ($4 ~ /\/Kconfig[^\/]*$/) }
	     k && /^\+[ \t]*(menu)?config[ \t]+[A-Za-z0-9_]+/ { sub(/^\+[ \t]*(menu)?config[ \t]+/, ""); print $1 }' "$1"
}

# Paths with a status in $2 (e.g. AM) from patch_files output in $1,
# matching the extended regex $3.
files_with() {
	awk -v st="$2" -v re="$3" 'index(st, $1) && $2 ~ re { print $2 }' <<<"$1"
}

# ---------------------------------------------------------------- warnings

# Warnings from a log, one a line, with paths relative to the kernel tree
# and without line and column numbers, so that the same warning before and
# after a patch compares equal although the patch moved it.
norm_warnings() {
	sed -E -e "s#$WT/##g" -e 's#^(\.\./)+linux/##' -e 's#([ (])(\.\./)+linux/#\1#g' |
		grep -E '^[^ :]+:[0-9]+(:[0-9]+)?: (warning|error)|WARNING|ERROR|CRITICAL' |
		sed -E -e 's/^([^ :]+):[0-9]+(:[0-9]+)?:/\1:/' -e 's/:[0-9]+: (WARNING|ERROR)/: \1/' | sort
}

# Lines of sorted file $2 that sorted file $1 lacks, counted as multisets.
new_lines() {
	comm -13 "$1" "$2"
}

# Split new warnings ($1, a file) into those in files the patch touches
# (printed) and others (to $2): only the first fail a gate.
in_touched() {
	local f list=$1 others=$2 touched=$3
	: >"$others"
	while IFS= read -r f; do
		if grep -qxF "${f%%:*}" <<<"$touched"; then echo "$f"; else echo "$f" >>"$others"; fi
	done <"$list"
}

# Judge before/after warning lists: fail on new warnings in the patch's own
# files, warn on new ones elsewhere (a header it includes), else pass.
judge_new() {
	local num=$1 gate=$2 before=$3 after=$4 touched=$5 log=$6 new others own
	new=$(mktemp) others=$(mktemp)
	new_lines "$before" "$after" >"$new"
	own=$(in_touched "$new" "$others" "$touched")
	{ echo "== new warnings in the patch's files:"; echo "$own"
	  echo "== new warnings elsewhere:"; cat "$others"; } >>"$log"
	if [ -n "$own" ]; then
		result "$num" "$gate" fail "$(grep -c . <<<"$own") new: $(head -n1 <<<"$own" | cut -c1-110) (log: $log)"
	elif [ -s "$others" ]; then
		result "$num" "$gate" warn "$(grep -c . "$others") new outside the patch's files: $(head -n1 "$others" | cut -c1-90) (log: $log)"
	else
		result "$num" "$gate" pass ""
	fi
	rm -f "$new" "$others"
}

# ---------------------------------------------------------------- the tree

KMAKE=()
setup_make() {
	local cc=gcc
	if command -v ccache >/dev/null 2>&1; then
		cc="ccache gcc"
		# As kernel.sh: paths relative to build/, so that build/obj's
		# objects are hits here (../linux is the source in both).
		export CCACHE_BASEDIR=$BUILD CCACHE_NOHASHDIR=1
	fi
	KMAKE=(nice -n 10 make -C "$WT" ARCH="$KARCH" CC="$cc" HOSTCC=gcc O="$COBJ")
}

# build/check/linux: a clone of build/linux whose objects are hard links, so
# that it survives build/linux being made again; reset to the base.
prepare_tree() {
	local base log=$CLOGS/tree.log
	[ -d "$TREE/.git" ] && git -C "$TREE" rev-parse -q --verify "$BASE_TAG^{commit}" >/dev/null ||
		die "no base tree at $TREE (tag $BASE_TAG); run 'make tree' first"
	case $(cat "$BUILD/tree.source" 2>/dev/null) in
	tarball:*) ;;
	*) die "make check gates the series against Debian's linux-source-6.12, but $TREE was made from KSRC; make it again without KSRC" ;;
	esac
	base=$(git -C "$TREE" rev-parse "$BASE_TAG^{commit}")
	if [ "$(git -C "$WT" rev-parse -q --verify "$BASE_TAG^{commit}" 2>/dev/null)" != "$base" ]; then
		say "check: cloning $TREE to $WT"
		rm -rf "$WT"
		git clone -q --no-checkout --local "$TREE" "$WT" >>"$log" 2>&1 ||
			die "git clone of $TREE failed; see $log"
	fi
	git -C "$WT" am --abort >>"$log" 2>&1
	git -C "$WT" checkout -q -f -B check "$base" >>"$log" 2>&1 ||
		die "could not reset $WT to $BASE_TAG; see $log"
	# The Debian tree's .gitignore ignores everything: -x removes what
	# a previous run's patches or Sphinx left behind.
	git -C "$WT" clean -fdxq >>"$log" 2>&1
	BASE_COMMIT=$base
	BASE_VERSION=$(make -s -C "$WT" kernelversion 2>/dev/null)
}

# Project config: tinyconfig + the fragments, merged without olddefconfig,
# so that options the series has not added yet stay in it and come alive
# at the patch that adds them.
make_project_config() {
	local kc=$CHECK/kconfig log=$CLOGS/config.log
	rm -rf "$kc"
	mkdir -p "$kc" "$COBJ"
	{
		"${KMAKE[@]}" O="$kc" tinyconfig &&
			KCONFIG_CONFIG=$kc/.config "$WT"/scripts/kconfig/merge_config.sh \
				-m -O "$kc" "$kc/.config" "${FRAGS[@]}"
	} >"$log" 2>&1 || die "making the project config (tinyconfig + fragments) failed; see $log"
	cp "$kc/.config" "$CHECK/project.config"
}

OPTS_SO_FAR=()	# Kconfig options added by the patches applied so far
PATCH_OPTS=()	# ... and by the current patch
CONFIGURED=	# "commit mode" build/check/obj/.config was made for

# $1: on (project config + every option the series added so far) or off
# (the same with the current patch's options n). $2: log.
configure() {
	local mode=$1 log=$2 o head
	head=$(git -C "$WT" rev-parse HEAD)
	[ "$CONFIGURED" = "$head $mode" ] && return 0
	{
		cat "$CHECK/project.config"
		for o in "${OPTS_SO_FAR[@]}"; do echo "CONFIG_$o=y"; done
		if [ "$mode" = off ]; then
			for o in "${PATCH_OPTS[@]}"; do echo "CONFIG_$o=n"; done
		fi
	} >"$COBJ/.config"
	# No olddefconfig here: the next make sees .config newer than
	# auto.conf and runs syncconfig, which resolves it the same way, and
	# a make invocation less per build saves minutes over a series.
	CONFIGURED="$head $mode"
}

opt_value() {
	sed -n "s/^CONFIG_$1=//p" "$COBJ/.config"
}

# The first errors of a failed build, without line numbers: two builds
# that fail the same way give the same list.
build_errors() {
	local errs
	errs=$({ grep -E ': (fatal )?error:' "$1" | norm_warnings
		 grep -oE '(undefined reference to|multiple definition of) .*' "$1"; } | sort -u)
	[ -n "$errs" ] || errs=$(grep -m1 -E '\*\*\* ' "$1" | sed -E 's/^make\[[0-9]+\]: //; s/:[0-9]+:/:/')
	head -n 20 <<<"$errs"
}

# ---------------------------------------------------------------- gates

gate_apply() {
	local num=$1 p=$2 log=$CLOGS/$1-apply.log why
	if git -C "$WT" am -q --whitespace=error-all "$p" >"$log" 2>&1; then
		selected apply && result "$num" apply pass ""
		return 0
	fi
	why=$(grep -m1 -E 'error:|does not apply|corrupt|fatal:' "$log")
	git -C "$WT" am --abort >>"$log" 2>&1
	result "$num" apply fail "does not apply on the previous patch: ${why:-see log} (log: $log)"
	return 1
}

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
	local num=$1 files=$2 kind c=() h=() f log
	mapfile -t c < <(files_with "$files" M '\.c$')
	mapfile -t h < <(files_with "$files" M '\.[ch]$')
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
	: >"$CHECK/base.kdoc"
	if selected kdoc; then
		for f in "${h[@]}"; do
			(cd "$WT" && ./scripts/kernel-doc -none "$f") 2>&1
		done | norm_warnings >"$CHECK/base.kdoc"
	fi
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

gate_kdoc() {
	local num=$1 files=$2 h=() f log=$CLOGS/$1-kdoc.log after
	mapfile -t h < <(files_with "$files" AM '\.[ch]$')
	if [ ${#h[@]} -eq 0 ]; then
		result "$num" kdoc n/a "the patch adds or changes no .c or .h file"
		return
	fi
	for f in "${h[@]}"; do
		(cd "$WT" && ./scripts/kernel-doc -none "$f") 2>&1
	done >"$log"
	after=$(mktemp)
	norm_warnings <"$log" >"$after"
	judge_new "$num" kdoc "$CHECK/base.kdoc" "$after" "$(files_with "$files" AM .)" "$log"
	rm -f "$after"
}

gate_checkpatch() {
	local num=$1 p=$2 log=$CLOGS/$1-checkpatch.log ignore total
	ignore=$(grep -v '^#' "$IGNORES" | cut -f1 | paste -sd, -)
	(cd "$WT" && ./scripts/checkpatch.pl --strict ${ignore:+--ignore "$ignore"} "$p") >"$log" 2>&1
	total=$(grep -m1 '^total:' "$log")
	if grep -q 'Traceback' "$log"; then
		result "$num" checkpatch fail "checkpatch.pl crashed (python without ply/git?) (log: $log)"
	elif [[ $total == "total: 0 errors, 0 warnings, 0 checks"* ]]; then
		result "$num" checkpatch pass ""
	else
		result "$num" checkpatch fail "${total:-no total line}: $(grep -m1 -E '^(ERROR|WARNING|CHECK):' "$log" | cut -c1-90) (log: $log)"
	fi
}

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

# The prefix rule for a path: the longest matching PATH in check-prefixes.txt.
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

gate_form() {
	local num=$1 p=$2 idx=$3 log=$CLOGS/$1-form.log subj from fails=() warns=() \
		summary prefix path re body words
	: >"$log"
	from=$(sed -n '1,/^$/s/^From: //p' "$p")
	[[ $from =~ ^[^\<]+\ \<[^@\>]+@[^\>]+\>$ ]] || fails+=("no From: Name <address> (got '${from:-nothing}')")
	# Subject, unfolded (format-patch folds long ones).
	subj=$(awk '/^Subject: / { s = substr($0, 10); on = 1; next }
		on && /^[ \t]/ { sub(/^[ \t]+/, " "); s = s $0; next } on { exit } END { print s }' "$p")
	echo "subject: $subj" >>"$log"
	if [[ $subj =~ ^\[PATCH\ ([0-9]+)/([0-9]+)\]\ (.*)$ ]]; then
		# format-patch pads the numbers of long series: 01/14.
		[ $((10#${BASH_REMATCH[1]})) = "$idx" ] && [ $((10#${BASH_REMATCH[2]})) = "$NPATCH" ] ||
			fails+=("numbered [PATCH ${BASH_REMATCH[1]}/${BASH_REMATCH[2]}], is $idx of $NPATCH")
		subj=${BASH_REMATCH[3]}
	elif [ "$NPATCH" -gt 1 ]; then
		fails+=("subject not numbered [PATCH n/$NPATCH]")
	fi
	subj=${subj#\[PATCH\] }
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

# ---------------------------------------------------------------- series gates

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

# ---------------------------------------------------------------- report

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
		subj=$(awk '/^Subject: / { sub(/^Subject: (\[PATCH[^]]*\] )?/, ""); print; exit }' "${PFILE[$num]}")
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
		for i in 0 1 2 3; do
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
		for i in 0 1 2 3; do
			case ${SRES[$i]} in warn | fail)
				any=1
				printf '  %-15s %-4s %s\n' "series ${SERIES_GATES[$i]}" "${SRES[$i]}" "${SWHY[$i]}" ;;
			esac
		done
	fi
	[ $any = 1 ] || echo "  none"
	N_FAIL=$n_fail N_WARN=$n_warn N_SKIP=$n_skip N_PASS=$n_pass
}

# ---------------------------------------------------------------- main

mkdir -p "$CHECK"
exec 8>"$CHECK/.lock"
flock -n 8 || die "another check.sh is running on $CHECK (lock $CHECK/.lock)"
rm -rf "$CLOGS"
mkdir -p "$CLOGS"
# A copy of the series to work on: patches/ may be regenerated meanwhile.
SNAP=$CHECK/series
rm -rf "$SNAP"
mkdir -p "$SNAP"
cp "$PATCHES"/*.patch "$SNAP"/ || die "cannot copy $PATCHES to $SNAP"
SERIES=("${SERIES[@]/#"$PATCHES"/$SNAP}")
T0=$SECONDS
setup_make
needs_kbuild=0
for g in build sparse w1 cocci docs; do selected "$g" && needs_kbuild=1; done
# One kernel build at a time on this machine: wait for the others'.
[ $needs_kbuild = 1 ] && kbuild_lock

prepare_tree
say "check: $NPATCH patches from $PATCHES on Linux $BASE_VERSION ($BASE_TAG ${BASE_COMMIT:0:12}); gates:$SEL(logs: $CLOGS)"
if [ $needs_kbuild = 1 ]; then
	make_project_config
fi
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

declare -A PFILE COCCI_FILES
LAST_NUM=
for p in "${SERIES[@]}"; do in_range "$(pnum "$p")" && LAST_NUM=$(pnum "$p"); done
applied=1 idx=0 unapplied_since=
for p in "${SERIES[@]}"; do
	idx=$((idx + 1))
	num=$(pnum "$p")
	# Past the range nothing is checked; the cover and b4 gates read files.
	[ $((10#$num)) -gt $last ] && break
	PFILE[$num]=$p
	pfiles=$(patch_files "$p")
	mapfile -t PATCH_OPTS < <(patch_options "$p")
	check_this=0
	in_range "$num" && check_this=1 && NUMS+=("$num")
	[ $check_this = 1 ] && say "check: [$idx/$NPATCH] $(basename "$p")"

	# Gates on the patch file alone run even when the tree cannot follow.
	if [ $check_this = 1 ]; then
		selected checkpatch && timed_gate checkpatch gate_checkpatch "$num" "$p"
		selected form && timed_gate form gate_form "$num" "$p" "$idx"
	fi
	if [ $applied = 0 ]; then
		if [ $check_this = 1 ]; then
			for g in apply build sparse w1 cocci kdoc maint docs; do
				selected "$g" && result "$num" "$g" skip "not applied: $unapplied_since does not apply"
			done
		fi
		continue
	fi
	if [ $check_this = 1 ]; then
		[ $REF_BUILT = 0 ] && selected build && reference_build "$num"
		timed_gate before baseline_checkers "$num" "$pfiles"
		timed_gate before baseline_docs "$num" "$pfiles"
	fi
	if ! gate_apply "$num" "$p"; then
		applied=0 unapplied_since=$num
		if [ $check_this = 1 ]; then
			for g in build sparse w1 cocci kdoc maint docs; do
				selected "$g" && result "$num" "$g" skip "not applied"
			done
		fi
		continue
	fi
	COMMIT_NUM[$(git -C "$WT" rev-parse HEAD)]=$num
	OPTS_SO_FAR+=("${PATCH_OPTS[@]}")
	[ $check_this = 1 ] || continue

	if selected build; then
		timed_gate build gate_build "$num"
	elif selected sparse || selected w1; then
		configure on "$CLOGS/$num-config.log"
	fi
	selected sparse && timed_gate sparse gate_checker sparse "$num" "$pfiles"
	selected w1 && timed_gate w1 gate_checker w1 "$num" "$pfiles"
	selected kdoc && timed_gate kdoc gate_kdoc "$num" "$pfiles"
	selected maint && timed_gate maint gate_maint "$num" "$pfiles"
	selected docs && timed_gate docs gate_docs "$num" "$pfiles"
	if selected cocci; then
		COCCI_FILES[$num]=$(files_with "$pfiles" AM '\.[ch]$')
		result "$num" cocci pending ""
	fi
done
selected cocci && timed_gate cocci gate_cocci
selected series && series_gates

print_table
echo
times=
for g in build before sparse w1 cocci kdoc checkpatch maint form docs; do
	[ -n "${GSECS[$g]:-}" ] && times+=" $g $(elapsed "${GSECS[$g]}"),"
done
say "check: time per gate:${times%,}"
verdict=PASS
[ "$N_FAIL" -gt 0 ] && verdict=FAIL
say "check: $verdict: $N_FAIL fail, $N_WARN warn, $N_SKIP skip, $N_PASS pass over ${#NUMS[@]} patches in $(elapsed $((SECONDS - T0))) (logs: $CLOGS)"
[ "$N_FAIL" -eq 0 ]
