# SPDX-License-Identifier: GPL-2.0
# pvops: one x86-64 bzImage, booted in every column of the boot matrix
# (natively, as a Xen PV and a Xen PVH guest, ...), with KUnit results
# collected from each. `make help`.

SHELL := /bin/bash
S := scripts
BUILD ?= $(CURDIR)/build
export BUILD

# The columns: one file each under harness/columns, the only list of them.
COLUMNS := $(basename $(notdir $(wildcard harness/columns/*.json)))
PVHARNESS := $(BUILD)/harness/main/pvharness

.DEFAULT_GOAL := help
.PHONY: help deps tree patches check-patches kernel initramfs \
	boots kunit mutations summary demo test clean distclean check \
	debug-boots check-matrix kunit-tool

help: ## list the targets
	@echo "pvops: one bzImage, booted in each column: $(COLUMNS)."
	@echo "Variables: KSRC=<6.12 tree> JOBS=<n> BOOT_TIMEOUT=<s> ICOUNT=1 DRY_RUN=1 BUILD=<dir>"
	@echo
	@awk -F':.*## ' '/^[a-z%-]+:.*## / { printf "  %-14s %s\n", $$1, $$2 }' $(MAKEFILE_LIST) | \
		sed 's/^  boot-%     /  boot-COLUMN/; s/COLUMNS/$(COLUMNS)/'

deps: ## install missing Debian packages (apt-get, as root)
	@$(S)/deps.sh

tree: ## build/linux: Linux 6.12 (Debian's tarball or KSRC=) + git am patches/
	@$(S)/tree.sh

patches: ## regenerate patches/ from the series sources (needs `make tree`)
	@$(S)/tree.sh >/dev/null
	@$(S)/series.sh gen

check-patches: ## fail when patches/ is stale against its sources
	@$(S)/series.sh check

kernel: tree ## configure (scripts/config/*.config) and build the bzImage
	@$(S)/kernel.sh

initramfs: tree ## build build/initrd.gz (busybox-static + guest programs), the domU columns' dom0 initrd-dom0.gz and the trace tools initrd-xentrace.gz, no root
	@$(S)/initramfs.sh && $(S)/initramfs-dom0.sh

boot-%: kernel initramfs pvharness ## boot one column under QEMU and judge it; COLUMN: COLUMNS
	@$(PVHARNESS) boot $*

boots: kernel initramfs pvharness ## boot every column, go on past a failed one
	@rc=0; for c in $(COLUMNS); do $(PVHARNESS) boot $$c || rc=1; done; exit $$rc

kunit: kernel initramfs pvharness ## boot every column, print KUnit pass/fail/skip per suite per boot
	@rc=0; for c in $(COLUMNS); do $(PVHARNESS) boot $$c || rc=1; done; \
	$(PVHARNESS) kunit-table --skips || rc=1; exit $$rc

debug-boots: tree initramfs pvharness ## the debug kernel (scripts/config/debug/: lockdep, KASAN, ...) booted in every column
	@$(S)/debug-boots.sh

mutations: kernel initramfs pvharness ## break the kernel on purpose (scripts/mutations/), show each suite catches it
	@$(S)/mutate.sh

summary: pvharness ## print the side-by-side summary of the last boots
	@$(PVHARNESS) summary

# The C++ harness (harness/): pvbench in the guest, pvharness on the host.
.PHONY: bench pvharness
pvharness: ## build the host program build/harness/main/pvharness
	@$(S)/harness.sh

bench: kernel initramfs pvharness ## pvbench in every column, report in build/bench/ (QUICK=1 ICOUNT=1 REPEAT=n)
	@$(PVHARNESS) bench $(if $(filter 1,$(QUICK)),--quick) \
		$(if $(filter 1,$(ICOUNT)),--deterministic) $(if $(REPEAT),--repeat $(REPEAT))

# The harness tests' fixture logs: real boots of the current series and
# config, and the golden files derived from them (scripts/fixtures.sh).
.PHONY: fixtures
fixtures: kernel initramfs ## capture the test fixture logs from real boots (+ pvbench), rewrite the goldens; review the diff
	@$(S)/harness.sh --all && $(S)/fixtures.sh capture $(FIXTURE_COLUMNS)

# The differential KTAP test's oracle: the base tree's kunit.py parse over
# the fixture logs and the generated corpus, into harness/tests/golden/ktap/.
.PHONY: ktap-golden
ktap-golden: tree ## record the base tree's kunit.py parse of every KTAP test input (golden files)
	@$(S)/harness.sh --all && LINUX=$(BUILD)/linux $(S)/ktap-golden.sh $(BUILD)/harness/main

# What the hypercall accounting of patch 0011 costs (scripts/hcstats-cost.sh),
# deterministic: off vs. base (0011 and 0013 reverted) and vs. a placebo
# (base plus as much code, never called), code and benchmark, each kernel
# booted COST_BOOTS times (default 3), and on vs. off: the full kernel
# booted with xen_hypercall_stats=on and =off; beside it, what the xen
# trace events and xentrace in dom0 cost when enabled.
.PHONY: hcstats-cost
hcstats-cost: kernel initramfs pvharness ## cost of the hypercall accounting (off vs. base vs. placebo, on vs. off) and of the xen trace events and xentrace, per op, in build/cost/ (COST_BOOTS=n)
	@$(S)/hcstats-cost.sh

# One column booted N times in a row, for failures seen once in many boots.
.PHONY: repeat-boots
repeat-boots: kernel initramfs pvharness ## boot COLUMN (default xen-pv) N times (default 30): passes and splats
	@$(S)/repeat-boots.sh $(or $(COLUMN),xen-pv) $(or $(N),30)

demo: ## the main job: deps, tree, kernel, initramfs, every column booted, summary
	@$(S)/demo.sh

# Per-patch upstream gates (scripts/check.sh); GATES=a,b and RANGE=N[-M]
# narrow it down (check.sh --help).
check: tree ## every gate (build, checkpatch, sparse, W=1, cocci, ...) on every patch; table in the output
	@$(S)/check.sh $(if $(GATES),--gates $(GATES)) $(if $(RANGE),--patches $(RANGE))

kunit-tool: tree ## kunit.py run --kunitconfig=DIR for each .kunitconfig of the series (x86 plain, Xen under Xen)
	@$(S)/kunit-tool.sh

check-matrix: tree ## the series built in the configs of scripts/config/matrix/ at the end of each series
	@$(S)/matrix.sh

# The pipeline as GitLab CI jobs (.gitlab-ci.yml), run here with gitlab-ci-local.
.PHONY: gitlab-ci ci-local xen-elf
gitlab-ci: ## regenerate .gitlab-ci.yml's column and patch-range lists (make test fails when stale)
	@$(S)/gitlab-ci.sh gen

ci-local: deps pvharness ## run .gitlab-ci.yml here with gitlab-ci-local, one job at a time (CI_JOBS=job,... and what they need); job times in build/ci-local/
	@$(S)/ci-local.sh

xen-elf: pvharness ## unpack Xen's image to build/xen.elf (a Xen column's first boot does it too)
	@$(PVHARNESS) xen-elf

test: ## the whole test suite (what .ci/run calls); ends with "N passed, N failed"
	@$(S)/test.sh

clean: ## remove build outputs but keep the kernel tree
	rm -rf $(BUILD)/obj $(BUILD)/kconfig $(BUILD)/boot $(BUILD)/initramfs \
		$(BUILD)/obj-debug* $(BUILD)/kconfig-debug* $(BUILD)/config-debug*.id \
		$(BUILD)/boot-debug* $(BUILD)/matrix \
		$(BUILD)/initramfs-dom0 $(BUILD)/initrd-dom0.gz $(BUILD)/initrd-xentrace.gz $(BUILD)/initrd.gz \
		$(BUILD)/xen.elf $(BUILD)/config.id $(BUILD)/logs

distclean: ## remove everything under build/
	rm -rf $(BUILD)
