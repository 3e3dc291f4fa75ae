#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Make build/linux: a git tree of Linux 6.12 tagged pvops-base, with the
# series in patches/ (each of scripts/series-list in turn) applied on
# branch pvops by `git am` (no fuzz, no skip).
#
# Base: Debian's linux-source-6.12 tarball, or KSRC= (a 6.12 tree or git
# checkout). KSRC is only read: it is cloned or copied, never modified.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

log=$LOGS/tree.log
: >"$log"

check_612() {
	local mk=$1/Makefile v p
	[ -f "$mk" ] || die "$2 is not a Linux tree (no Makefile); see $log"
	v=$(sed -n 's/^VERSION = //p' "$mk" | head -n1)
	p=$(sed -n 's/^PATCHLEVEL = //p' "$mk" | head -n1)
	[ "$v.$p" = 6.12 ] ||
		die "$2 is Linux ${v:-?}.${p:-?}, not 6.12; point KSRC at a 6.12 tree"
}

# What the base is made from; the tree is rebuilt when this changes.
if [ -n "${KSRC:-}" ]; then
	[ -d "$KSRC" ] || die "KSRC=$KSRC does not exist or is not a directory"
	KSRC=$(cd "$KSRC" && pwd)
	check_612 "$KSRC" "KSRC=$KSRC"
	if [ "$(git -C "$KSRC" rev-parse --show-toplevel 2>/dev/null)" = "$KSRC" ]; then
		kind=git
		source_id="git:$KSRC:$(git -C "$KSRC" rev-parse HEAD)"
	else
		kind=dir
		[ ! -e "$KSRC/.config" ] && [ ! -d "$KSRC/include/config" ] ||
			die "KSRC=$KSRC has been configured or built in; use a clean tree (make mrproper there)"
		source_id="dir:$KSRC"
	fi
else
	[ -f "$DEBIAN_TARBALL" ] ||
		die "$DEBIAN_TARBALL missing (Debian package linux-source-6.12); run 'make deps'"
	kind=tarball
	source_id="tarball:$DEBIAN_TARBALL:$(stat -c %s "$DEBIAN_TARBALL")"
fi

make_base() {
	local tmp=$BUILD/tree.tmp
	say "tree: making the base from $source_id (log: $log)"
	rm -rf "$TREE" "$tmp" "$BUILD/tree.source" "$BUILD/tree.series"
	mkdir -p "$tmp"
	case $kind in
	git)
		if [ -n "$(git -C "$KSRC" status --porcelain --untracked-files=no)" ]; then
			say "tree: warning: KSRC has uncommitted changes; only its HEAD is used"
		fi
		# --shared borrows KSRC's objects read-only; KSRC itself is untouched.
		git clone -q --shared --no-checkout "$KSRC" "$TREE" >>"$log" 2>&1 ||
			die "git clone of KSRC=$KSRC failed; see $log"
		git -C "$TREE" checkout -q -b "$BRANCH" "$(git -C "$KSRC" rev-parse HEAD)" >>"$log" 2>&1 ||
			die "checkout of KSRC's HEAD failed; see $log"
		;;
	dir|tarball)
		if [ $kind = dir ]; then
			tar -C "$KSRC" --exclude=.git -cf - . | tar -C "$tmp" -xf - 2>>"$log" ||
				die "copying KSRC=$KSRC failed; see $log"
			mv "$tmp" "$TREE"
		else
			run_logged "$log" "extract" tar -C "$tmp" -xf "$DEBIAN_TARBALL" ||
				die "extracting $DEBIAN_TARBALL failed; see $log"
			mv "$tmp"/linux-source-6.12 "$TREE"
			rmdir "$tmp"
		fi
		check_612 "$TREE" "$source_id"
		git -C "$TREE" init -q -b "$BRANCH" >>"$log" 2>&1
		# -f: the base is exactly the tarball, whatever its .gitignore says.
		run_logged "$log" "git add" git -C "$TREE" add -A -f . ||
			die "git add of the base tree failed; see $log"
		git -C "$TREE" commit -q -m "Linux 6.12 base ($kind)" >>"$log" 2>&1 ||
			die "committing the base tree failed; see $log"
		;;
	esac
	git -C "$TREE" tag -f "$BASE_TAG" >>"$log" 2>&1
	echo "$source_id" >"$BUILD/tree.source"
}

if [ ! -d "$TREE/.git" ] || [ "$(cat "$BUILD/tree.source" 2>/dev/null)" != "$source_id" ]; then
	make_base
fi

mapfile -t series < <(series_patches)
[ ${#series[@]} -gt 0 ] ||
	die "no patches under $PATCHES/{$(series_names | paste -sd,)}/; run 'make patches' or check out patches/"
series_id=$(sha_of /dev/null "${series[@]}")

# Builds go to O=build/obj; anything generated inside the tree (a stray
# in-tree make, an editor) makes kbuild refuse the tree: remove it.
if [ -n "$(git -C "$TREE" status --porcelain --ignored | head -n1)" ]; then
	git -C "$TREE" clean -fdxq -e /.git >>"$log" 2>&1 || true
fi
if [ "$(cat "$BUILD/tree.series" 2>/dev/null)" = "$series_id" ] &&
   [ -z "$(git -C "$TREE" status --porcelain --untracked-files=no)" ]; then
	say "tree: $TREE is up to date ($(git -C "$TREE" rev-list --count "$BASE_TAG"..HEAD) patches on $BASE_TAG)"
	exit 0
fi

rm -f "$BUILD/tree.series"
git -C "$TREE" am --abort >/dev/null 2>&1 || true
git -C "$TREE" checkout -q -f -B "$BRANCH" "$BASE_TAG" >>"$log" 2>&1 ||
	die "could not reset $TREE to $BASE_TAG; see $log"
n=0
for p in "${series[@]}"; do
	name=$(basename "$(dirname "$p")")/$(basename "$p")
	if ! git -C "$TREE" am -q --whitespace=error-all "$p" >>"$log" 2>&1; then
		why=$(grep -m1 -E 'error:|does not apply|corrupt|fatal:' "$log" || true)
		git -C "$TREE" am --abort >>"$log" 2>&1 || true
		git -C "$TREE" checkout -q -f "$BASE_TAG" -B "$BRANCH" >>"$log" 2>&1 || true
		die "patch $name does not apply (${why:-see log}); $TREE reset to $BASE_TAG, nothing applied; see $log"
	fi
	n=$((n + 1))
done
echo "$series_id" >"$BUILD/tree.series"
say "tree: applied $n patches on $BASE_TAG in $TREE"
