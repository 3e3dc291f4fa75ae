#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Install the Debian packages pvops needs that are missing (apt-get, as
# root); as another user, name them and stop.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

PKGS=(
	linux-source-6.12		# the base tree (tarball in /usr/src)
	xen-hypervisor-4.17-amd64	# /boot/xen-4.17-amd64.gz
	qemu-system-x86			# qemu-system-x86_64
	busybox-static			# the initramfs userland
	build-essential g++ flex bison bc libelf-dev libssl-dev
	cpio xz-utils dwarves ccache git python3 file
	python3-ply python3-git		# checkpatch's SPDX check
	sparse coccinelle		# quality gates
	python3-sphinx			# make check: the Documentation patch's RST
	cmake libgtest-dev googletest	# the C++ harness and its tests
	nlohmann-json3-dev libcli11-dev	# its JSON and its command line
	clang clang-format libclang-rt-14-dev	# libFuzzer, formatting
	lld llvm			# make check-matrix: the LLVM=1 build
	xen-utils-4.17 xen-utils-common xenstore-utils	# the dom0 toolstack (domU columns)
)
mapfile -t want < <(printf '%s\n' "${PKGS[@]}" | sed 's/#.*//' | tr ' \t' '\n\n' | grep -v '^$')

missing=()
for p in "${want[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing+=("$p")
done
# make ci-local runs the pipeline with gitlab-ci-local, a Node.js program
# (npm): the version and its dependencies pinned in scripts/gitlab-ci-local/,
# installed into BUILD, never globally. Not inside a pipeline's own jobs.
GLCL_DIR=$BUILD/gitlab-ci-local
GLCL_SRC=$PVOPS_ROOT/scripts/gitlab-ci-local
ci_local_deps() {
	local log=$LOGS/deps-npm.log why
	[ -z "${CI_JOB_NAME:-}" ] || return 0
	if [ -x "$GLCL_DIR/node_modules/.bin/gitlab-ci-local" ] &&
	   cmp -s "$GLCL_SRC/package-lock.json" "$GLCL_DIR/package-lock.json"; then
		return 0
	fi
	# Everything else works without it; make test skips its listing.
	if ! why=$(node_fit); then
		say "deps: gitlab-ci-local not installed: $why (make ci-local needs Node.js 20 or later with npm)"
		return 0
	fi
	say "deps: gitlab-ci-local into $GLCL_DIR (npm ci, log: $log)"
	mkdir -p "$GLCL_DIR" "$LOGS"
	cp "$GLCL_SRC/package.json" "$GLCL_SRC/package-lock.json" "$GLCL_DIR/"
	run_logged "$log" "npm ci" npm ci --prefix "$GLCL_DIR" --no-audit --no-fund ||
		die "npm could not install gitlab-ci-local; see $log"
}

if [ ${#missing[@]} -eq 0 ]; then
	say "deps: all ${#want[@]} Debian packages present"
	ci_local_deps
	exit 0
fi
[ "$(id -u)" = 0 ] ||
	die "missing Debian packages: ${missing[*]}; run: sudo apt-get install ${missing[*]}"
log=$LOGS/deps.log
say "deps: installing ${missing[*]} (log: $log)"
export DEBIAN_FRONTEND=noninteractive
run_logged "$log" "apt-get update" apt-get update ||
	die "apt-get update failed; see $log"
run_logged "$log" "apt-get install" apt-get install -y "${missing[@]}" ||
	die "apt-get install failed; see $log"
say "deps: installed ${#missing[@]} packages"
ci_local_deps
