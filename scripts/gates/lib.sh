# SPDX-License-Identifier: GPL-2.0
# make check: settings, results and the helpers the gates share.
# Sourced by scripts/check.sh, not run.

CHECK=$BUILD/check
WT=$CHECK/linux
COBJ=$CHECK/obj
CLOGS=${CHECK_LOGS:-$CHECK/logs}	# the break demonstrations keep theirs apart
JOBS=${JOBS:-$(nproc)}
# The project config, as kernel.sh makes it.
FRAGS=("$PVOPS_ROOT"/scripts/config/base.config
       "$PVOPS_ROOT"/scripts/config/xen.config
       "$PVOPS_ROOT"/scripts/config/kunit.config)
PATCH_GATES=(apply build checkpatch sparse w1 cocci kdoc maint form docs)
SERIES_GATES=()	# filled by series_gates: a cover and a base per series, b4, docs
# checkpatch (spdxcheck.py), get_maintainer, kernel-doc and Sphinx want
# Debian's python3 with its ply, git and sphinx modules, not a pyenv one.
export PATH=/usr/bin:$PATH
export PROGRESS_EVERY=${PROGRESS_EVERY:-30}

SEL=''	# the gates asked for, " apply build ... "
selected() { [[ $SEL == *" $1 "* ]]; }

# ---------------------------------------------------------------- results

declare -A RES WHY GSECS
NUMS=()
result() {
	local num=$1 gate=$2 st=$3
	shift 3
	RES[$num:$gate]=$st
	WHY[$num:$gate]="$*"
}
# The series under a patches directory (scripts/series-list), loaded by
# load_series DIR: SERIES, every patch in the order they apply; per patch
# path GNUM (its number across the series, 0001..., what --patches and
# the table use), SOF (its series) and SIDX (its number in that series);
# per series SCOUNT (patches), and what read_series_list (lib.sh) gives.
declare -A GNUM SOF SIDX SCOUNT
SERIES=()
load_series() {
	local dir=$1 s p i=0
	read_series_list
	for s in "${SNAMES[@]}"; do SCOUNT[$s]=0; done
	mapfile -t SERIES < <(series_patches "$dir")
	for p in "${SERIES[@]}"; do
		i=$((i + 1))
		s=$(basename "$(dirname "$p")")
		SCOUNT[$s]=$((SCOUNT[$s] + 1))
		GNUM[$p]=$(printf %04d $i) SOF[$p]=$s SIDX[$p]=${SCOUNT[$s]}
	done
}
pnum() { echo "${GNUM[$1]}"; }
elapsed() { printf '%d min %d s' $(($1 / 60)) $(($1 % 60)); }

# Run a gate function and add its wall time to the gate's total.
timed_gate() {
	local gate=$1 t0=$SECONDS
	shift
	"$@"
	GSECS[$gate]=$((${GSECS[$gate]:-0} + SECONDS - t0))
}

# ---------------------------------------------------------------- patch facts

# Files a patch changes, one "A path" (added), "M path" or "D path" a line,
# read from the patch itself so that it is known before it is applied.
patch_files() {
	awk '/^diff --git a\// { if (f != "") print st, f; f = $4; sub(/^b\//, "", f); st = "M" }
	     /^new file mode/ { st = "A" }
	     /^deleted file mode/ { st = "D" }
	     END { if (f != "") print st, f }' "$1"
}

# Kconfig symbols the patch adds ("+config FOO" in a Kconfig file).
patch_options() {
	awk '/^diff --git a\// { k = ($4 ~ /\/Kconfig[^\/]*$/) }
	     k && /^\+[ \t]*(menu)?config[ \t]+[A-Za-z0-9_]+/ { sub(/^\+[ \t]*(menu)?config[ \t]+/, ""); print $1 }' "$1"
}

# Paths with a status in $2 (e.g. AM) from patch_files output in $1,
# matching the extended regex $3.
files_with() {
	awk -v st="$2" -v re="$3" 'index(st, $1) && $2 ~ re { print $2 }' <<<"$1"
}

# ---------------------------------------------------------------- warnings

# Warnings from a log, one a line, with paths relative to the kernel tree
# and without line and column numbers, so that the same warning before and
# after a patch compares equal although the patch moved it.
norm_warnings() {
	sed -E -e "s#$WT/##g" -e 's#^(\.\./)+linux/##' -e 's#([ (])(\.\./)+linux/#\1#g' |
		grep -E '^[^ :]+:[0-9]+(:[0-9]+)?: (warning|error)|WARNING|ERROR|CRITICAL' |
		sed -E -e 's/^([^ :]+):[0-9]+(:[0-9]+)?:/\1:/' -e 's/:[0-9]+: (WARNING|ERROR)/: \1/' | sort
}

# Lines of sorted file $2 that sorted file $1 lacks, counted as multisets.
new_lines() {
	comm -13 "$1" "$2"
}

# Split new warnings ($1, a file) into those in files the patch touches
# (printed) and others (to $2): only the first fail a gate.
in_touched() {
	local f list=$1 others=$2 touched=$3
	: >"$others"
	while IFS= read -r f; do
		if grep -qxF "${f%%:*}" <<<"$touched"; then echo "$f"; else echo "$f" >>"$others"; fi
	done <"$list"
}

# Judge before/after warning lists: fail on new warnings in the patch's own
# files, warn on new ones elsewhere (a header it includes), else pass.
judge_new() {
	local num=$1 gate=$2 before=$3 after=$4 touched=$5 log=$6 new others own
	new=$(mktemp) others=$(mktemp)
	new_lines "$before" "$after" >"$new"
	own=$(in_touched "$new" "$others" "$touched")
	{ echo "== new warnings in the patch's files:"; echo "$own"
	  echo "== new warnings elsewhere:"; cat "$others"; } >>"$log"
	if [ -n "$own" ]; then
		result "$num" "$gate" fail "$(grep -c . <<<"$own") new: $(head -n1 <<<"$own" | cut -c1-110) (log: $log)"
	elif [ -s "$others" ]; then
		result "$num" "$gate" warn "$(grep -c . "$others") new outside the patch's files: $(head -n1 "$others" | cut -c1-90) (log: $log)"
	else
		result "$num" "$gate" pass ""
	fi
	rm -f "$new" "$others"
}
