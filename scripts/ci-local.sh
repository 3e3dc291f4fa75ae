#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make ci-local: run .gitlab-ci.yml here, every job, with gitlab-ci-local
# (make deps installs it into BUILD): shell executor, each job in its own
# copy of the checked-in tree (--shell-isolation) with only the artifacts
# and caches the file gives it, one job at a time (2 cores: two kernel
# builds at once would only slow both). Then the jobs' times, a check that
# no two kernel-building jobs overlapped, and the projection on more
# runners (pvharness ci-times), in BUILD/ci-local/. CI_JOBS=job,... runs
# those jobs and what they need (their artifacts as the last run left them
# are not reused: gitlab-ci-local runs the needed jobs again).
#
# gitlab-ci-local keeps its state in .gitlab-ci-local/ at the top of the
# tree: job copies (builds/), job logs (output/), artifacts and the cache
# (cache/), which a second run reuses.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

GLCL=$BUILD/gitlab-ci-local/node_modules/.bin/gitlab-ci-local
PVHARNESS=$BUILD/harness/main/pvharness
OUT=$BUILD/ci-local
if [ ! -x "$GLCL" ]; then
	why=$(node_fit) || die "make ci-local needs Node.js 20 or later with npm: $why"
	die "gitlab-ci-local not installed at $GLCL; run 'make deps'"
fi
[ -x "$PVHARNESS" ] || die "no $PVHARNESS; run 'make pvharness'"
git -C "$PVOPS_ROOT" rev-parse --git-dir >/dev/null 2>&1 ||
	die "$PVOPS_ROOT is not a git checkout; gitlab-ci-local copies the files git tracks"
"$PVOPS_ROOT/scripts/gitlab-ci.sh" check || exit 1
mkdir -p "$OUT"
log=$OUT/pipeline.log
# CI_JOBS=a,b: those jobs and the jobs they need, not the whole pipeline.
select=() times_opts=()
if [ -n "${CI_JOBS:-}" ]; then
	IFS=, read -ra select <<<"$CI_JOBS"
	select=(--needs "${select[@]}")
	times_opts=(--ran-only)
	what="$CI_JOBS and the jobs they need,"
else
	what="$("$PVOPS_ROOT/scripts/gitlab-ci.sh" jobs | wc -l) jobs,"
fi
say "ci-local: $what one at a time (log: $log; each job's: $PVOPS_ROOT/.gitlab-ci-local/output/)"

cd "$PVOPS_ROOT" || exit 1
# The jobs make their own BUILD in their copy of the tree; this make's
# variables must not reach them. (lib.sh's LC_ALL=C does: gitlab-ci-local
# prints its timestamps in that locale's form, hour 24 for 00.)
clean_env=(env -u BUILD -u KSRC -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u MAKEOVERRIDES)
"${clean_env[@]}" "$GLCL" --list-json >"$OUT/jobs.json" 2>"$OUT/list.log" ||
	die "gitlab-ci-local cannot list the jobs of .gitlab-ci.yml; see $OUT/list.log"
start=$SECONDS
"${clean_env[@]}" "$GLCL" --shell-isolation --concurrency 1 --timestamps \
	--no-artifacts-to-source --max-job-name-padding 0 "${select[@]}" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
say "ci-local: gitlab-ci-local exited $rc after $((SECONDS - start)) s"
# No job started (a CI_JOBS name it does not know, a file it refused):
# its own message says why; there are no times to read.
grep -q '^\[[0-9]' "$log" || die "gitlab-ci-local ran no job (exit status $rc); see $log"

"$PVHARNESS" ci-times --log "$log" --jobs "$OUT/jobs.json" "${times_opts[@]}" |
	tee "$OUT/times.txt"
times_rc=${PIPESTATUS[0]}
say "ci-local: job times in $OUT/times.txt; the report in $PVOPS_ROOT/.gitlab-ci-local/artifacts/report/build/report/"
[ "$rc" -eq 0 ] && [ "$times_rc" -eq 0 ]
