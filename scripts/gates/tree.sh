# SPDX-License-Identifier: GPL-2.0
# The tree the gates work in: build/check/linux reset to the base and
# taken patch by patch, built in build/check/obj with the project config.
# Sourced by scripts/check.sh, not run.

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
