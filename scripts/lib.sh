# SPDX-License-Identifier: GPL-2.0
# Shared settings and helpers for the pvops scripts. Sourced, not run.

PVOPS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-$PVOPS_ROOT/build}
case $BUILD in /*) ;; *) BUILD=$PWD/$BUILD ;; esac
TREE=$BUILD/linux		# git tree: base tag + the series
# PVOPS_DEBUG=1: the debug kernel (scripts/config/debug/debug.config),
# PVOPS_DEBUG=kasan: the same with KASAN (kasan.config), each built apart.
case ${PVOPS_DEBUG:-0} in
0) KVARIANT= ;;
1) KVARIANT=-debug ;;
kasan) KVARIANT=-debug-kasan ;;
*) echo "pvops: error: PVOPS_DEBUG=$PVOPS_DEBUG: want 0, 1 or kasan" >&2; exit 1 ;;
esac
OBJ=$BUILD/obj$KVARIANT		# kbuild output (O=)
LOGS=$BUILD/logs
PATCHES=${PATCHES:-$PVOPS_ROOT/patches}
DEBIAN_TARBALL=${DEBIAN_TARBALL:-/usr/src/linux-source-6.12.tar.xz}
XEN_GZ=${XEN_GZ:-/boot/xen-4.17-amd64.gz}
BASE_TAG=pvops-base
BRANCH=pvops
KARCH=x86_64
BZIMAGE=$OBJ/arch/x86/boot/bzImage
INITRD=$BUILD/initrd.gz

# Commits made by the scripts (the base commit, git am) must not depend on
# who runs them or when: fixed identity and dates keep hashes reproducible.
export GIT_AUTHOR_NAME="pvops" GIT_AUTHOR_EMAIL="pvops@localhost"
export GIT_COMMITTER_NAME="pvops" GIT_COMMITTER_EMAIL="pvops@localhost"
export GIT_AUTHOR_DATE="2025-01-01T00:00:00Z" GIT_COMMITTER_DATE="2025-01-01T00:00:00Z"
export LC_ALL=C

mkdir -p "$LOGS"

# One line naming the cause (and the log to read), then stop.
die() {
	echo "pvops: error: $*" >&2
	exit 1
}

say() {
	echo "pvops: $*"
}

need_cmd() {
	command -v "$1" >/dev/null 2>&1 ||
		die "$1 not found (Debian package $2); run 'make deps'"
}

# gitlab-ci-local 4.53.0 (make ci-local) runs on Node.js 20 or later with
# npm, which Debian 12 does not ship (its nodejs is 18). Fails, printing
# why, when this machine has neither.
node_fit() {
	local version major
	if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
		echo "no Node.js with npm on PATH"
		return 1
	fi
	version=$(node --version 2>/dev/null)
	major=$(sed -E 's/^v([0-9]+).*/\1/' <<<"$version")
	[ "$major" -ge 20 ] 2>/dev/null && return 0
	if [ -n "$version" ]; then
		echo "Node.js $version is older than 20"
	else
		echo "node --version prints no version"
	fi
	return 1
}

# Run a long command with its output in a log, printing a progress line
# every $PROGRESS_EVERY seconds: elapsed time and the log's last line.
run_logged() {
	local log=$1 label=$2 pid start next last
	shift 2
	start=$SECONDS
	next=$((start + ${PROGRESS_EVERY:-20}))
	"$@" >>"$log" 2>&1 &
	pid=$!
	while kill -0 "$pid" 2>/dev/null; do
		sleep 1
		if ((SECONDS >= next)); then
			next=$((SECONDS + ${PROGRESS_EVERY:-20}))
			last=$(tail -n 1 "$log" 2>/dev/null | cut -c1-60)
			say "  $label: $((SECONDS - start)) s ... $last"
		fi
	done
	wait "$pid"
}

# Two kernel builds at once on this 2-core machine make both slow: every
# script that runs kbuild takes this lock first (held until it exits). It
# lives in BUILD, so that work trees sharing one BUILD take turns too.
kbuild_lock() {
	exec 9>"$BUILD/.kbuild.lock"
	flock -n 9 && return
	say "waiting for another kernel build to finish (lock: $BUILD/.kbuild.lock)"
	flock 9
}

# The series patches/ holds (scripts/series-list): their names in the
# order they apply, and every patch file of them in that order, cover
# letters left out (series_patches [DIR], DIR defaulting to $PATCHES).
SERIES_LIST=$PVOPS_ROOT/scripts/series-list
# read_series_list: SNAMES, the series in the order they apply, and per
# name S_FIRST (its first patch source number), S_ON (the series it is
# sent on top of, or - for the pristine base alone), S_COVER (its cover
# letter's text, a path) and S_PREFIX (its subject prefix).
declare -A S_FIRST S_ON S_COVER S_PREFIX
SNAMES=()
read_series_list() {
	local name first on cover prefix last=-
	SNAMES=()
	while read -r name first on cover prefix; do
		case $name in '#'* | '') continue ;; esac
		[[ $first =~ ^[0-9]{4}$ ]] && [ -f "$PVOPS_ROOT/$cover" ] && [ -n "$prefix" ] &&
			{ [ "$on" = - ] || [ "$on" = "$last" ]; } ||
			die "bad line for series '$name' in $SERIES_LIST (NAME FIRST ON COVER PREFIX; ON is - or the series above)"
		last=$name
		SNAMES+=("$name")
		S_FIRST[$name]=$first S_ON[$name]=$on S_COVER[$name]=$PVOPS_ROOT/$cover S_PREFIX[$name]=$prefix
	done <"$SERIES_LIST"
	[ ${#SNAMES[@]} -gt 0 ] || die "no series in $SERIES_LIST"
}
series_names() {
	[ ${#SNAMES[@]} -gt 0 ] || read_series_list
	printf '%s\n' "${SNAMES[@]}"
}
# The series $1 is sent on top of, nearest first (none for -).
series_below() {
	local s=${S_ON[$1]}
	while [ "$s" != - ]; do
		echo "$s"
		s=${S_ON[$s]}
	done
}
series_patches() {
	local dir=${1:-$PATCHES} s p
	for s in $(series_names); do
		for p in "$dir/$s"/[0-9][0-9][0-9][0-9]-*.patch; do
			case $p in */0000-cover-letter.patch | *'*'*) ;; *) echo "$p" ;; esac
		done
	done
}

# The options fragments $2... ask for (the last one naming an option
# wins, as merge_config.sh takes them) that the resolved config $1 does
# not have, one "CONFIG_X=v (got ...)" a line; nothing when all stuck.
unmet_options() {
	local config=$1 want opt val
	shift
	cat "$@" | grep -E '^CONFIG_[A-Z0-9_]+=' |
		awk -F= '{ v[$1] = $0; if (!($1 in o)) { o[$1] = ++n; k[n] = $1 } }
			 END { for (i = 1; i <= n; i++) print v[k[i]] }' |
		while IFS= read -r want; do
			opt=${want%%=*} val=${want#*=}
			if [ "$val" = n ]; then
				grep -qx "$opt=[ym]" "$config" && echo "$opt=n (got $(grep "^$opt=" "$config"))"
			else
				grep -qx "$want" "$config" ||
					echo "$want (got $(grep -E "^$opt=|# $opt is not set" "$config" || echo unset))"
			fi
		done
	return 0
}

sha_of() {
	cat "$@" 2>/dev/null | sha256sum | cut -c1-16
}

# pack_cpio GEN LIST OUT LOG: OUT, the gzip'd archive that gen_init_cpio
# (GEN) makes of LIST, every entry dated SOURCE_DATE_EPOCH (default
# 2025-01-01) so that the same inputs give the same bytes; OUT is written
# whole or not at all.
pack_cpio() {
	local gen=$1 list=$2 out=$3 log=$4
	"$gen" -t "${SOURCE_DATE_EPOCH:-1735689600}" "$list" >"$list.cpio" 2>>"$log" ||
		die "gen_init_cpio failed on $list; see $log"
	gzip -n -9 <"$list.cpio" >"$out.tmp"
	mv "$out.tmp" "$out"
	say "initramfs: $out ($(stat -c %s "$out") bytes, sha256 $(sha256sum "$out" | cut -c1-16))"
}
