# SPDX-License-Identifier: GPL-2.0
# pvops: one x86-64 bzImage, booted natively, as a Xen PV guest and as a
# Xen PVH guest, with KUnit results collected from each. `make help`.

SHELL := /bin/bash
S := scripts
BUILD ?= $(CURDIR)/build
export BUILD

.DEFAULT_GOAL := help
.PHONY: help deps tree patches check-patches kernel initramfs \
	boot-native boot-xen boot-pvh boots kunit mutations summary demo test clean distclean check

help: ## list the targets
	@echo "pvops: one bzImage, three boots (native, Xen PV, Xen PVH)."
	@echo "Variables: KSRC=<6.12 tree> JOBS=<n> BOOT_TIMEOUT=<s> ICOUNT=1 DRY_RUN=1 BUILD=<dir>"
	@echo
	@awk -F':.*## ' '/^[a-z-]+:.*## / { printf "  %-14s %s\n", $$1, $$2 }' $(MAKEFILE_LIST)

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

initramfs: tree ## build build/initrd.gz (busybox-static + guest programs), no root
	@$(S)/initramfs.sh

boot-native: kernel initramfs ## boot the bzImage natively under QEMU
	@$(S)/boot.sh native

boot-xen: kernel initramfs ## boot it as a Xen 4.17 PV dom0
	@$(S)/boot.sh xen-pv

boot-pvh: kernel initramfs ## boot it as a Xen 4.17 PVH dom0 (dom0=pvh)
	@$(S)/boot.sh xen-pvh

boots: kernel initramfs ## boot all three columns, go on past a failed one
	@rc=0; for c in native xen-pv xen-pvh; do $(S)/boot.sh $$c || rc=1; done; exit $$rc

kunit: kernel initramfs ## boot all three columns, print KUnit pass/fail/skip per suite per boot
	@rc=0; for c in native xen-pv xen-pvh; do $(S)/boot.sh $$c || rc=1; done; \
	python3 $(S)/kunit_table.py $(BUILD)/boot --skips || rc=1; exit $$rc

mutations: kernel initramfs ## break the kernel on purpose (scripts/mutations/), show each suite catches it
	@$(S)/mutate.sh

summary: ## print the side-by-side summary of the last boots
	@python3 $(S)/summary.py $(BUILD)/boot

# The C++ harness (harness/): pvbench in the guest, pvharness on the host.
HARNESS_BUILD := $(BUILD)/harness/main
HARNESS_LOG := $(BUILD)/logs/harness-build.log
.PHONY: bench pvharness
pvharness: ## build the host-side C++ runner build/harness/main/pvharness
	@nice -n 10 cmake -S harness -B $(HARNESS_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >$(HARNESS_LOG) 2>&1 && \
	nice -n 10 cmake --build $(HARNESS_BUILD) --target pvharness -j2 >>$(HARNESS_LOG) 2>&1 || \
	{ echo "pvops: error: building the C++ harness failed; see $(HARNESS_LOG)" >&2; exit 1; }

bench: kernel initramfs pvharness ## pvbench in all three boots, report in build/bench/ (QUICK=1 ICOUNT=1 REPEAT=n)
	@$(HARNESS_BUILD)/pvharness --root $(CURDIR) --out $(BUILD)/bench $(if $(filter 1,$(QUICK)),--quick) \
		$(if $(filter 1,$(ICOUNT)),--deterministic) $(if $(REPEAT),--repeat $(REPEAT))

# What the hypercall accounting of patch 0011 costs (scripts/hcstats-cost.sh),
# deterministic: off vs. base (0011 and 0013 reverted) and vs. a placebo
# (base plus as much code, never called), code and benchmark, each kernel
# booted COST_BOOTS times (default 3), and on vs. off in the same boot
# (pvbench's A/B mode).
.PHONY: hcstats-cost
hcstats-cost: kernel initramfs pvharness ## cost of the hypercall accounting: off vs. base, on vs. off (A/B), per op, in build/cost/ (FULL=1 COST_BOOTS=n)
	@$(S)/hcstats-cost.sh $(if $(filter 1,$(FULL)),--full)

# Switch hypercall accounting on and off under load (a known failure, see README).
.PHONY: hcstats-stress
hcstats-stress: kernel initramfs ## switch accounting on/off N times under load in the Xen boots (N=100; MTTCG=1: multi-threaded TCG)
	@$(S)/hcstats-stress.sh $(if $(MTTCG),--mttcg) $(or $(N),100)

demo: ## the main job: deps, tree, kernel, initramfs, three boots, summary
	@$(S)/demo.sh

# Per-patch upstream gates (scripts/check.sh); GATES=a,b and RANGE=N[-M]
# narrow it down (check.sh --help).
check: tree ## every gate (build, checkpatch, sparse, W=1, cocci, ...) on every patch; table in the output
	@$(S)/check.sh $(if $(GATES),--gates $(GATES)) $(if $(RANGE),--patches $(RANGE))

test: ## the whole test suite (what .ci/run calls); ends with "N passed, N failed"
	@$(S)/test.sh

clean: ## remove build outputs but keep the kernel tree
	rm -rf $(BUILD)/obj $(BUILD)/kconfig $(BUILD)/boot $(BUILD)/initramfs \
		$(BUILD)/initrd.gz $(BUILD)/xen.elf $(BUILD)/config.id $(BUILD)/logs

distclean: ## remove everything under build/
	rm -rf $(BUILD)
