# SPDX-License-Identifier: GPL-2.0
# apply: `git am` on the previous patch.
# Sourced by scripts/check.sh, not run.

gate_apply() {
	local num=$1 p=$2 log=$CLOGS/$1-apply.log why
	if git -C "$WT" am -q --whitespace=error-all "$p" >"$log" 2>&1; then
		selected apply && result "$num" apply pass ""
		return 0
	fi
	why=$(grep -m1 -E 'error:|does not apply|corrupt|fatal:' "$log")
	git -C "$WT" am --abort >>"$log" 2>&1
	result "$num" apply fail "does not apply on the previous patch: ${why:-see log} (log: $log)"
	return 1
}
