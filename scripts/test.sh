#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make test: the whole suite, what .ci/run calls. Each check prints
# "ok N name" or "not ok N name" (its output goes to build/logs/test/);
# the last line is "N passed, N failed". Stages are timed.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
S=$PVOPS_ROOT/scripts
T=$S/tests
TLOGS=$LOGS/test
rm -rf "$TLOGS"
mkdir -p "$TLOGS"
export PROGRESS_EVERY=60

passed=0 failed=0 n=0
check() {
	local name=$1 log
	shift
	n=$((n + 1))
	log=$TLOGS/$(printf %02d $n)-${name//[^a-zA-Z0-9_.-]/_}.log
	if "$@" >"$log" 2>&1; then
		passed=$((passed + 1))
		echo "ok $n $name"
	else
		failed=$((failed + 1))
		echo "not ok $n $name (log: $log)"
		sed 's/^/    # /' "$log" | tail -n 5
	fi
}

# A check this machine cannot run: counted apart, with the reason.
skipped=0
skip() {
	n=$((n + 1))
	skipped=$((skipped + 1))
	echo "ok $n $1 # SKIP $2"
}

# A stage whose failure makes the rest meaningless stops the run.
must() {
	local before=$failed
	check "$@"
	if [ $failed -gt $before ]; then
		echo "$passed passed, $failed failed"
		exit 1
	fi
}

STAGES=()
timed() {
	local t0=$SECONDS
	"$@"
	STAGES+=("${1#stage_} $((SECONDS - t0)) s")
}

PVHARNESS=$BUILD/harness/main/pvharness

stage_deps() {
	must "deps: Debian packages installed" "$S/deps.sh"
}

# The C++ harness (harness/): built with -Werror, its GoogleTest suite and
# host checks through ctest (the judge, the splat gate and the KTAP parser
# against kunit.py on real and generated logs, the QEMU commands, the cost
# judge, ...), clang-format, and a bounded libFuzzer run of the KTAP
# parser. Builds go to build/harness/{main,fuzz}.
harness_format() {
	(cd "$PVOPS_ROOT/harness" && find src tests fuzz guest -name '*.[ch]pp' |
		sort | xargs clang-format --dry-run -Werror)
}

harness_fuzz() {
	nice -n 10 cmake -S "$PVOPS_ROOT/harness" -B "$BUILD/harness/fuzz" \
		-DCMAKE_CXX_COMPILER=clang++ -DPVOPS_FUZZ=ON \
		-DPVOPS_FUZZ_SECONDS="${FUZZ_SECONDS:-20}" &&
		nice -n 10 cmake --build "$BUILD/harness/fuzz" &&
		ctest --test-dir "$BUILD/harness/fuzz" --output-on-failure
}

stage_harness() {
	must "harness: C++ build (cmake, -Wall -Wextra -Wpedantic -Werror)" "$S/harness.sh" --all
	check "harness: ctest (judge, KTAP parser against kunit.py, QEMU commands, reports, cost)" \
		ctest --test-dir "$BUILD/harness/main" --output-on-failure -j"$(nproc)"
	check "harness: sources are clang-format clean" harness_format
	check "harness: libFuzzer on the KTAP parser, ${FUZZ_SECONDS:-20} s without a crash" \
		harness_fuzz
}

stage_unit() {
	check "errors: bad input stops with one line naming the cause" "$T/errors.sh"
	check "columns: a new column file reaches the runner, the summary and make help" \
		"$T/column-data.sh"
	check "host: no Python of our own outside the kernel tree" "$T/no-python.sh"
	check "fixtures: the test logs are from this series and config, and a change is caught" \
		"$T/fixtures-source.sh"
	check "pipeline: .gitlab-ci.yml's columns and patch ranges are current (make gitlab-ci)" \
		"$S/gitlab-ci.sh" check
	local why name="pipeline: gitlab-ci-local parses .gitlab-ci.yml and lists every job it must have"
	if why=$(node_fit); then
		check "$name" "$S/gitlab-ci.sh" list
	else
		skip "$name" "$why (gitlab-ci-local needs Node.js 20 or later with npm)"
	fi
}

# The kunit_tool_test cases that the series' kunit.py patches add or
# change, on the patched tree. (The file also has a case that a 6.12.y
# stable backport broke, test_list_tests_with_prefix: not ours.)
kunit_tool_cases() {
	"$TREE/tools/testing/kunit/kunit_tool_test.py" -k KUnitParserTest \
		-k LinuxSourceTreeOperationsQemuTest -k KUnitMainTest.test_run \
		-k KUnitMainTest.test_config_error
}

stage_tree() {
	must "tree: base tree and series applied with git am" "$S/tree.sh"
	check "tree: a patch that does not apply stops the run and says which" "$T/apply-fail.sh"
	must "tree: series re-applied" "$S/tree.sh"
	check "series: patches/ is current with its sources" "$S/series.sh" check
	check "series: checkpatch.pl --strict is clean on every patch" "$T/checkpatch.sh"
	check "kunit.py: the series' kunit_tool_test cases pass" kunit_tool_cases
}

stage_build() {
	must "kernel: configure and build the bzImage" "$S/kernel.sh"
	must "initramfs: the guests' (build/initrd.gz)" "$S/initramfs.sh"
	must "initramfs: the domU columns' dom0 and the trace tools (build/initrd-dom0.gz, initrd-xentrace.gz)" "$S/initramfs-dom0.sh"
	check "initramfs: builds reproducibly, without root" "$T/initramfs.sh"
	check "kernel: a compile error stops the build with one line and the log" "$T/build-fail.sh"
}

# make check: every upstream gate on every patch of the series (it fails
# on the real series when a patch does), then each break-a-gate
# demonstration: the table names the broken patch and the gate. All in
# build/check/, incremental on make check's objects.
stage_check() {
	check "check: every gate passes on every patch (make check)" "$S/check.sh"
	check "check: a checkpatch error is named by patch and gate" "$T/check-breaks.sh" checkpatch
	check "check: a sparse warning is named by patch and gate" "$T/check-breaks.sh" sparse
	check "check: a W=1 warning is named by patch and gate" "$T/check-breaks.sh" w1
	check "check: a build break mid-series fails that patch, later ones skip" "$T/check-breaks.sh" build
	check "check: a patch that does not apply fails apply, later ones skip" "$T/check-breaks.sh" apply
	check "matrix: a KVM guest without Xen, tests as modules, builds at the end of each series" \
		"$S/matrix.sh" kvm-guest
}

stage_boots() {
	local c
	for c in $("$PVHARNESS" columns); do
		check "boot $c: passes, no splat, KUnit clean" "$PVHARNESS" boot "$c"
		check "boot $c: detection, routing, hypercalls and skips as its column expects" \
			"$PVHARNESS" verify "$BUILD/boot/$c/result.json"
	done
	check "x86_hypervisor: each case fails when told the wrong environment" \
		"$T/wrong-expect.sh"
	check "boot: a guest that runs out of time is killed and reported" "$T/timeout.sh"
	check "boot: a domU xl cannot start fails with xl's cause and dom0's log" \
		"$T/domu-bad-kernel.sh"
	check "mutations: each suite fails on its deliberate kernel breakage" "$S/mutate.sh"
}

timed stage_deps
timed stage_harness
timed stage_unit
timed stage_tree
timed stage_build
timed stage_check
timed stage_boots
echo "stages: $(IFS=,; echo "${STAGES[*]}" | sed "s/,/, /g")"
"$PVHARNESS" summary >"$TLOGS/summary.txt" 2>&1; cat "$TLOGS/summary.txt"
[ $skipped -eq 0 ] || echo "$skipped skipped: this machine cannot run them (the '# SKIP' lines say why)"
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
