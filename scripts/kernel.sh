#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Configure build/linux from tinyconfig plus the fragments in
# scripts/config/ (base, Xen, KUnit) and build one bzImage into build/obj;
# with PVOPS_DEBUG=1 (or kasan), plus scripts/config/debug/, into
# build/obj-debug (build/obj-debug-kasan).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

FRAGS=("$PVOPS_ROOT"/scripts/config/base.config
       "$PVOPS_ROOT"/scripts/config/xen.config
       "$PVOPS_ROOT"/scripts/config/kunit.config)
[ -n "$KVARIANT" ] && FRAGS+=("$PVOPS_ROOT"/scripts/config/debug/debug.config)
[ "$KVARIANT" = -debug-kasan ] && FRAGS+=("$PVOPS_ROOT"/scripts/config/debug/kasan.config)
# PVOPS_CONFIG_ADD="FILE ...": more fragments, after these (scripts/hcstats-cost.sh
# builds a kernel with the xen trace events, scripts/config/cost/trace-events.config).
for f in ${PVOPS_CONFIG_ADD:-}; do
	[ -f "$f" ] || die "no config fragment $f (PVOPS_CONFIG_ADD)"
	FRAGS+=("$f")
done
# PVOPS_CONFIG_DROP="OPT ...": leave these options out of the fragments,
# for a tree that does not have them (scripts/hcstats-cost.sh builds the
# series without the hypercall accounting patch).
if [ -n "${PVOPS_CONFIG_DROP:-}" ]; then
	mkdir -p "$BUILD/fragments"
	for i in "${!FRAGS[@]}"; do
		f=$BUILD/fragments/$(basename "${FRAGS[$i]}")
		grep -v -E "^CONFIG_(${PVOPS_CONFIG_DROP// /|})=" "${FRAGS[$i]}" >"$f" || true
		FRAGS[$i]=$f
	done
fi
JOBS=${JOBS:-$(nproc)}
[ -f "$TREE/Makefile" ] || die "no kernel tree at $TREE; run 'make tree' first"
need_cmd gcc gcc
need_cmd flex flex
need_cmd bison bison
need_cmd bc bc

cc=gcc
if command -v ccache >/dev/null 2>&1; then
	cc="ccache gcc"
	export CCACHE_BASEDIR=$BUILD CCACHE_NOHASHDIR=1
fi
kbuild_lock
KMAKE=(make -C "$TREE" ARCH="$KARCH" CC="$cc" HOSTCC=gcc)

# The config depends on the fragments and on the Kconfig files of the
# tree (the series adds options): regenerate it only when either changed,
# and touch build/obj/.config only when its contents change.
config_id=$(sha_of "${FRAGS[@]}")-$(git -C "$TREE" rev-parse HEAD 2>/dev/null || echo nogit)
if [ "$(cat "$BUILD/config$KVARIANT.id" 2>/dev/null)" != "$config_id" ] || [ ! -f "$OBJ/.config" ]; then
	log=$LOGS/config$KVARIANT.log
	kc=$BUILD/kconfig$KVARIANT
	say "config: tinyconfig + ${FRAGS[*]##*/} (log: $log)"
	rm -rf "$kc"
	mkdir -p "$kc" "$OBJ"
	{
		"${KMAKE[@]}" O="$kc" tinyconfig &&
		KCONFIG_CONFIG=$kc/.config "$TREE"/scripts/kconfig/merge_config.sh \
			-m -O "$kc" "$kc/.config" "${FRAGS[@]}" &&
		"${KMAKE[@]}" O="$kc" olddefconfig
	} >"$log" 2>&1 || die "kernel configuration failed; see $log"
	# Every option a fragment asks for must have survived olddefconfig.
	bad=$(unmet_options "$kc/.config" "${FRAGS[@]}")
	[ -z "$bad" ] || die "config option not as requested: $(echo "$bad" | head -n1 | tr -d '\n'); see $log"
	cmp -s "$kc/.config" "$OBJ/.config" || cp "$kc/.config" "$OBJ/.config"
	echo "$config_id" >"$BUILD/config$KVARIANT.id"
fi

log=$LOGS/build$KVARIANT.log
: >"$log"
say "build: bzImage with -j$JOBS, CC=\"$cc\" (log: $log)"
start=$SECONDS
run_logged "$log" "build" "${KMAKE[@]}" O="$OBJ" -j"$JOBS" bzImage ||
	die "kernel build failed: $(grep -m1 -E 'error:|Error [0-9]' "$log" | cut -c1-160); see $log"
say "build: $BZIMAGE ($(stat -c %s "$BZIMAGE") bytes) in $((SECONDS - start)) s"
