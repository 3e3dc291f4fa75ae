#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make check: the gates a patch has to pass before it goes upstream, run on
# every patch of patches/ in order (each series of scripts/series-list in
# turn, numbered across them: 0001...), then on each series. Prints
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
# shellcheck source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"
# The gates, one file each (sparse and w1 share checker.sh), what they
# share (lib.sh, tree.sh) and the report.
. "$(dirname "$0")/gates/lib.sh"
. "$(dirname "$0")/gates/tree.sh"
. "$(dirname "$0")/gates/apply.sh"
. "$(dirname "$0")/gates/build.sh"
. "$(dirname "$0")/gates/checkpatch.sh"
. "$(dirname "$0")/gates/checker.sh"
. "$(dirname "$0")/gates/kdoc.sh"
. "$(dirname "$0")/gates/maint.sh"
. "$(dirname "$0")/gates/form.sh"
. "$(dirname "$0")/gates/docs.sh"
. "$(dirname "$0")/gates/cocci.sh"
. "$(dirname "$0")/gates/series.sh"
. "$(dirname "$0")/gates/report.sh"

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

first=0 last=9999
if [ -n "$range" ]; then
	[[ $range =~ ^([0-9]+)(-([0-9]+))?$ ]] ||
		die "check.sh: bad --patches '$range' (a patch number N or a range N-M)"
	first=$((10#${BASH_REMATCH[1]}))
	last=$((10#${BASH_REMATCH[3]:-${BASH_REMATCH[1]}}))
fi
in_range() { local n=$((10#$1)); [ $n -ge $first ] && [ $n -le $last ]; }

[ -n "$(series_patches)" ] ||
	die "no patches under $PATCHES/{$(series_names | paste -sd,)}/; run 'make patches'"

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
for s in $(series_names); do
	mkdir -p "$SNAP/$s"
	cp "$PATCHES/$s"/*.patch "$SNAP/$s"/ || die "cannot copy $PATCHES/$s to $SNAP"
done
load_series "$SNAP"
NPATCH=${#SERIES[@]}
T0=$SECONDS
setup_make
needs_kbuild=0
for g in build sparse w1 cocci docs; do selected "$g" && needs_kbuild=1; done
# One kernel build at a time on this machine: wait for the others'.
[ $needs_kbuild = 1 ] && kbuild_lock

prepare_tree
say "check: $NPATCH patches in ${#SNAMES[@]} series (${SNAMES[*]}) from $PATCHES on Linux $BASE_VERSION ($BASE_TAG ${BASE_COMMIT:0:12}); gates:$SEL(logs: $CLOGS)"
if [ $needs_kbuild = 1 ]; then
	make_project_config
fi

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
	[ $check_this = 1 ] && say "check: [$idx/$NPATCH] ${SOF[$p]}/$(basename "$p")"

	# Gates on the patch file alone run even when the tree cannot follow.
	if [ $check_this = 1 ]; then
		selected checkpatch && timed_gate checkpatch gate_checkpatch "$num" "$p"
		selected form && timed_gate form gate_form "$num" "$p"
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
		timed_gate before baseline_kdoc "$num" "$pfiles"
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

report
