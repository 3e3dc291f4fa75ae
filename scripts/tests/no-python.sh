#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The host side is C++ and bash: no Python file of our own and no Python
# run from our scripts. The kernel tree's own tools (kunit.py, checkpatch's
# helpers) are upstream's and may run; the series' own sources (the
# per-patch directories' new/ files) are kernel code, not ours to judge here.
set -uo pipefail
cd "$(dirname "$0")/../.."
bad=0
while IFS= read -r f; do
	echo "a Python file of our own: $f"
	bad=1
done < <(git ls-files '*.py' | grep -v -E '^(kunit|arch-x86-paravirt|drivers-xen|Documentation)/[^/]+/new/')
# python3 run by us: a heredoc, -c, or one of our own files; the kernel
# tree's tools are run as "$TREE/..."/"$KUNIT..." paths, not through python3.
while IFS= read -r hit; do
	echo "Python run on the host: $hit"
	bad=1
done < <(git grep -n -E "python3? +(-|-c|\"?\\\$S|\"?\\\$PVOPS_ROOT|scripts/)|<<'?PY'?" -- \
	Makefile .ci scripts harness ':!*.cpp' ':!*.hpp')
[ $bad = 0 ] && echo "no Python of our own on the host side"
exit $bad
