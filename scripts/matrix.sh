#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make check-matrix: the series built in other configurations than the
# boots', at the end of each series (scripts/series-list): each config of
# scripts/config/matrix/ (its header says what it is; "# base:" what it
# starts from: tinyconfig and fragments of scripts/config/ by name;
# "# make:" what it adds to make's command line) must configure as asked and
# build vmlinux, and the modules when it has them, with no warning in a
# file the series adds or changes and none from objtool.
#
#   matrix.sh [CONFIG...]    default: every config, at every series' end
#                            (MATRIX_SERIES="NAME ...": only those ends)
#
# Per series end a git worktree of build/linux (build/matrix/src-SERIES),
# per config and series an O= directory (build/matrix/SERIES-CONFIG) and
# a log (build/logs/matrix/SERIES-CONFIG.log). The last lines say, per
# build, pass or fail, its time, the warnings it had and the KUnit suites
# of the series it built (=y, =m) and left out.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

MDIR=$PVOPS_ROOT/scripts/config/matrix
MLOGS=$LOGS/matrix
JOBS=${JOBS:-$(nproc)}
mkdir -p "$MLOGS" "$BUILD/matrix"

configs=("$@")
if [ ${#configs[@]} -eq 0 ]; then
	for f in "$MDIR"/*.config; do configs+=("$(basename "$f" .config)"); done
fi
for c in "${configs[@]}"; do
	[ -f "$MDIR/$c.config" ] ||
		die "no matrix config '$c' (have: $(cd "$MDIR" && ls -- *.config | sed 's/\.config$//' | paste -sd' '))"
done
[ -d "$TREE/.git" ] || die "no kernel tree at $TREE; run 'make tree' first"
need_cmd flex flex
need_cmd bison bison
kbuild_lock

# The commit at the end of each series: the base plus the patches of it
# and of the series before it.
declare -A TIP
mapfile -t commits < <(git -C "$TREE" rev-list --reverse "$BASE_TAG..HEAD")
n=0
for s in $(series_names); do
	n=$((n + $(find "$PATCHES/$s" -name '[0-9][0-9][0-9][0-9]-*.patch' ! -name '0000-*' | wc -l)))
	[ "$n" -le ${#commits[@]} ] && [ "$n" -gt 0 ] ||
		die "build/linux does not hold series $s (${#commits[@]} patches applied); run 'make tree'"
	TIP[$s]=${commits[$((n - 1))]}
done

# The tree at commit $2 in build/matrix/src-$1, made once, moved after.
worktree() {
	local dir=$BUILD/matrix/src-$1
	if [ ! -d "$dir" ]; then
		git -C "$TREE" worktree prune
		git -C "$TREE" worktree add -q --detach "$dir" "$2" >>"$MLOGS/worktree.log" 2>&1 ||
			die "cannot make the worktree $dir; see $MLOGS/worktree.log"
	fi
	git -C "$dir" checkout -q --detach -f "$2" >>"$MLOGS/worktree.log" 2>&1 &&
		git -C "$dir" clean -fdxq >>"$MLOGS/worktree.log" 2>&1 ||
		die "cannot move $dir to ${2:0:12}; see $MLOGS/worktree.log"
	echo "$dir"
}

header() { sed -n "s/^# $1: *//p" "$2" | head -n1; }

# One build: config $1 at the end of series $2, from source $3.
build_one() {
	local c=$1 s=$2 src=$3 frag=$MDIR/$1.config name=$2-$1 log obj base mk cc t0 bad
	local -a frags make_args targets words
	obj=$BUILD/matrix/$name log=$MLOGS/$name.log
	: >"$log"
	base=$(header base "$frag") mk=$(header make "$frag")
	# "tinyconfig", then the project's fragments (scripts/config/) named.
	read -r -a words <<<"$base"
	[ "${words[0]:-}" = tinyconfig ] || die "$frag: '# base:' does not start with tinyconfig"
	frags=()
	for w in "${words[@]:1}"; do
		[ -f "$PVOPS_ROOT/scripts/config/$w.config" ] ||
			die "$frag: '# base:' names $w, not a fragment of scripts/config/"
		frags+=("$PVOPS_ROOT/scripts/config/$w.config")
	done
	frags+=("$frag")
	read -r -a make_args <<<"$mk"
	cc=gcc
	[[ " ${make_args[*]} " == *" LLVM=1 "* ]] && cc=clang
	command -v ccache >/dev/null 2>&1 && cc="ccache $cc"
	export CCACHE_BASEDIR=$BUILD CCACHE_NOHASHDIR=1
	local -a kmake=(nice -n 10 make -C "$src" ARCH="$KARCH" O="$obj" "${make_args[@]}" CC="$cc")
	say "matrix: $name: ${base// / + } + $(basename "$frag")${mk:+, make $mk} (log: $log)"
	t0=$SECONDS
	mkdir -p "$obj"
	rm -f "$obj/.config"
	{
		"${kmake[@]}" tinyconfig &&
		KCONFIG_CONFIG=$obj/.config "$src"/scripts/kconfig/merge_config.sh -m -O "$obj" \
			"$obj/.config" "${frags[@]}" &&
		"${kmake[@]}" olddefconfig
	} >>"$log" 2>&1 || { RESULT+=("$name fail: configuration failed (log: $log)"); return; }
	# An option of a later series (the project fragments name the RFC's)
	# is not in this tree at all: not asked of it.
	bad=$(unmet_options "$obj/.config" "${frags[@]}" | while read -r line; do
		o=${line%%=*}
		grep -rqx --include='Kconfig*' "config ${o#CONFIG_}" "$src" && echo "$line"
	done)
	if [ -n "$bad" ]; then
		RESULT+=("$name fail: not configured as asked: $(echo $bad) (log: $log)")
		return
	fi
	targets=(vmlinux)
	grep -qx CONFIG_MODULES=y "$obj/.config" && targets+=(modules)
	if ! run_logged "$log" "$name" "${kmake[@]}" -j"$JOBS" "${targets[@]}"; then
		RESULT+=("$name fail: $(grep -m1 -E 'error:|ERROR:|Error [0-9]' "$log" | cut -c1-140) (log: $log)")
		return
	fi
	# Warnings: the series' files (paths the series adds or changes) and
	# objtool's; the others are the base tree's and only counted.
	local all ours tool suites
	all=$(grep -c 'warning:' "$log")
	ours=$(grep 'warning:' "$log" | grep -F -f <(git -C "$src" diff --name-only "$BASE_TAG" HEAD) | sort -u)
	tool=$(grep -E 'objtool: .*warning:|warning: objtool:' "$log" | sort -u)
	suites=$(for o in $SUITE_OPTS; do
		v=$(sed -n "s/^CONFIG_$o=//p" "$obj/.config")
		echo "${o%_KUNIT_TEST}=${v:-n}"
	done | paste -sd' ')
	if [ -n "$ours$tool" ]; then
		RESULT+=("$name fail: $(printf '%s\n' "$ours" "$tool" | grep -m1 . | cut -c1-140) (log: $log)")
	else
		RESULT+=("$name pass in $((SECONDS - t0)) s, $all warnings (none in the series' files, none from objtool); suites: $suites")
	fi
}

RESULT=()
for s in ${MATRIX_SERIES:-$(series_names)}; do
	[ -n "${TIP[$s]:-}" ] || die "no series '$s' (MATRIX_SERIES; series: $(series_names | paste -sd' '))"
	src=$(worktree "$s" "${TIP[$s]}")
	SUITE_OPTS=$(git -C "$src" diff "$BASE_TAG" HEAD -- '*Kconfig*' |
		sed -n 's/^+config \([A-Z0-9_]*_KUNIT_TEST\)$/\1/p' | sort)
	for c in "${configs[@]}"; do
		build_one "$c" "$s" "$src"
	done
done
rc=0
for r in "${RESULT[@]}"; do
	say "matrix: $r"
	[[ $r == *" fail: "* ]] && rc=1
done
exit $rc
