#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Bad input stops with a non-zero exit status and exactly one line, naming
# the cause: "pvops: error:" from the build scripts, "pvharness: error:"
# from the host program.
set -uo pipefail
S=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
PVHARNESS=${BUILD:-$S/../build}/harness/main/pvharness
export BUILD=$tmp/build
bad=0

expect_error() {
	local what=$1 pattern=$2 out rc
	shift 2
	out=$("$@" 2>&1 >/dev/null)
	rc=$?
	echo "$what: rc=$rc: $out"
	if [ $rc -eq 0 ] || [ "$(echo "$out" | wc -l)" -ne 1 ] ||
	   ! echo "$out" | grep -q -E '^(pvops|pvharness): error: ' ||
	   ! echo "$out" | grep -q -- "$pattern"; then
		echo "  FAILED: want one 'pvops: error:' or 'pvharness: error:' line matching '$pattern'"
		bad=1
	fi
}

mkdir -p "$tmp/linux-6.1"
printf 'VERSION = 6\nPATCHLEVEL = 1\nSUBLEVEL = 0\n' >"$tmp/linux-6.1/Makefile"
expect_error "KSRC missing" "KSRC=$tmp/nope does not exist" env KSRC="$tmp/nope" "$S/tree.sh"
expect_error "KSRC not 6.12" "is Linux 6.1, not 6.12" env KSRC="$tmp/linux-6.1" "$S/tree.sh"
expect_error "KSRC not a tree" "not a Linux tree" env KSRC="$tmp" "$S/tree.sh"
expect_error "no tarball" "linux-source-6.12" env DEBIAN_TARBALL="$tmp/none.tar.xz" "$S/tree.sh"
expect_error "unknown column" "unknown column 'bogus'" "$PVHARNESS" boot bogus
expect_error "bad timeout" "--timeout" "$PVHARNESS" boot native --timeout x
expect_error "bad PVOPS_SMP" "PVOPS_SMP must be a positive number of CPUs" env PVOPS_SMP=0 "$PVHARNESS" boot native
expect_error "unknown subcommand" "see pvharness --help" "$PVHARNESS" frobnicate
expect_error "QEMU missing" "qemu-nope not found" env QEMU=qemu-nope "$PVHARNESS" boot native
expect_error "no kernel built" "no kernel at $tmp/build/obj" "$PVHARNESS" boot native
mkdir -p "$tmp/build/obj/arch/x86/boot" && touch "$tmp/build/obj/arch/x86/boot/bzImage" "$tmp/build/initrd.gz"
expect_error "Xen missing" "xen-none.gz missing" env XEN_GZ="$tmp/xen-none.gz" "$PVHARNESS" boot xen-pv
expect_error "no kernel built" "run 'make tree' first" "$S/kernel.sh"
# The pipeline: stale column list, a job list gitlab-ci-local cannot
# produce, bad input to pvharness ci-times.
repo=$tmp/repo
mkdir -p "$repo/harness" "$repo/Documentation"
cp -r "$S" "$repo/scripts"
cp -r "$S/../harness/columns" "$repo/harness/"
cp -r "$S/../patches" "$S/../.gitlab-ci.yml" "$repo/"
cp "$S"/../Documentation/cover-letter*.txt "$repo/Documentation/"
cp "$repo/harness/columns/native.json" "$repo/harness/columns/native-too.json"
expect_error "pipeline stale" ".gitlab-ci.yml is stale against harness/columns/" "$repo/scripts/gitlab-ci.sh" check
mkdir -p "$tmp/nopatches"
expect_error "pipeline, no patches" "has no patch under $tmp/nopatches/" env PATCHES="$tmp/nopatches" "$S/gitlab-ci.sh" check
expect_error "no gitlab-ci-local" "run 'make deps'" env GITLAB_CI_LOCAL=$tmp/none "$S/gitlab-ci.sh" list
# make ci-local: Node.js 20 or later (stubs, whatever this machine has).
for v in 20.20.2 18.19.0; do
	mkdir -p "$tmp/node$v"
	printf '#!/bin/sh\necho v%s\n' "$v" >"$tmp/node$v/node"
	printf '#!/bin/sh\n' >"$tmp/node$v/npm"
	chmod +x "$tmp/node$v/node" "$tmp/node$v/npm"
done
expect_error "ci-local not installed" "gitlab-ci-local not installed" env PATH="$tmp/node20.20.2:$PATH" "$S/ci-local.sh"
expect_error "ci-local, old Node.js" "Node.js v18.19.0 is older than 20" env PATH="$tmp/node18.19.0:$PATH" "$S/ci-local.sh"
echo '{"name": "x"}' >"$tmp/jobs.json"
expect_error "ci-times bad list" "not a JSON array of jobs" "$PVHARNESS" ci-times --log /dev/null --jobs "$tmp/jobs.json"
echo '[{"name": "build", "stage": "build"}]' >"$tmp/jobs-ok.json"
expect_error "ci-times no job line" "no line of any job" "$PVHARNESS" ci-times --log /dev/null --jobs "$tmp/jobs-ok.json"
expect_error "ci-times no log" "cannot read the pipeline log" "$PVHARNESS" ci-times --log "$tmp/none.log" --jobs "$tmp/jobs.json"
exit $bad
