# SPDX-License-Identifier: GPL-2.0
# checkpatch: scripts/checkpatch.pl --strict on the patch.
# Sourced by scripts/check.sh, not run.

IGNORES=$PVOPS_ROOT/scripts/checkpatch-ignores

gate_checkpatch() {
	local num=$1 p=$2 log=$CLOGS/$1-checkpatch.log ignore total
	ignore=$(grep -v '^#' "$IGNORES" | cut -f1 | paste -sd, -)
	(cd "$WT" && ./scripts/checkpatch.pl --strict ${ignore:+--ignore "$ignore"} "$p") >"$log" 2>&1
	total=$(grep -m1 '^total:' "$log")
	if grep -q 'Traceback' "$log"; then
		result "$num" checkpatch fail "checkpatch.pl crashed (python without ply/git?) (log: $log)"
	elif [[ $total == "total: 0 errors, 0 warnings, 0 checks"* ]]; then
		result "$num" checkpatch pass ""
	else
		result "$num" checkpatch fail "${total:-no total line}: $(grep -m1 -E '^(ERROR|WARNING|CHECK):' "$log" | cut -c1-90) (log: $log)"
	fi
}
