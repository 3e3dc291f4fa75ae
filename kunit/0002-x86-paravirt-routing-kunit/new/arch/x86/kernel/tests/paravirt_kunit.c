// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for pv_ops routing.
 *
 * One kernel image installs different pv_ops depending on where it boots.
 * On bare metal every slot keeps its native implementation; a Xen PV guest
 * takes Xen's for page tables, TLB flushes, control registers, interrupt
 * flags and time; a guest with hardware virtualization (Xen PVH and HVM,
 * KVM, Hyper-V, VMware) keeps the native page-table and interrupt-flag
 * operations and lets its hypervisor take over a few slots at boot, some
 * only when the hypervisor offers a feature.
 *
 * The expectation for each slot is computed from what the kernel detected
 * at boot (x86_hyper_type, the Xen domain type and the Xen features behind
 * a takeover), never from "not Xen means native". Where a takeover depends
 * on a feature this suite does not look at (KVM's PV TLB flush, for one),
 * either the native or the hypervisor's own function is accepted, and any
 * other hypervisor's is a failure. An environment the table does not model
 * skips with the reason. The expectation logic itself is checked for every
 * modelled environment, whatever this kernel booted on.
 *
 * The cases compare the live pv_ops slots and static calls with the
 * expectation, by symbol name, and then call through the normal, patched
 * kernel API and look at the effect, so that a call site left pointing at
 * the wrong implementation is caught as well as a wrong slot.
 */

#include <kunit/test.h>
#include <linux/kallsyms.h>
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/irqflags.h>
#include <linux/preempt.h>
#include <linux/sched/clock.h>
#include <linux/static_call.h>
#include <linux/string.h>
#include <asm/hypervisor.h>
#include <asm/irqflags.h>
#include <asm/paravirt.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/page.h>
#include <xen/interface/hvm/hvm_op.h>
#include <xen/xen.h>
#include <xen/xen-ops.h>

enum pv_env {
	PV_ENV_NATIVE,
	PV_ENV_XEN_PV,
	PV_ENV_XEN_PVH,
	PV_ENV_XEN_HVM,
	PV_ENV_KVM,
	PV_ENV_HYPERV,
	PV_ENV_VMWARE,
	PV_ENV_NR
};

static const char *const pv_env_names[PV_ENV_NR] = {
	[PV_ENV_NATIVE]		= "native",
	[PV_ENV_XEN_PV]		= "Xen PV",
	[PV_ENV_XEN_PVH]	= "Xen PVH",
	[PV_ENV_XEN_HVM]	= "Xen HVM",
	[PV_ENV_KVM]		= "KVM",
	[PV_ENV_HYPERV]		= "Hyper-V",
	[PV_ENV_VMWARE]		= "VMware",
};

/**
 * struct pv_detected - what the kernel detected at boot that decides routing
 * @env: the environment, from x86_hyper_type and the Xen domain type
 * @pagetable_dying: Xen HVM and PVH: Xen accepts HVMOP_pagetable_dying, so
 *		     xen_hvm_init_mmu_ops() installed xen_hvm_exit_mmap
 * @tdx: an Intel TDX guest (of KVM, Hyper-V or VMware), whose halt and safe_halt
 *	 are TDX's own (tdx_early_init())
 */
struct pv_detected {
	enum pv_env env;
	bool pagetable_dying;
	bool tdx;
};

/*
 * The environment of a detected hypervisor type; false for one this suite
 * does not model. Native means Linux detected no hypervisor, whatever the
 * CPUID hypervisor bit says (QEMU's TCG sets it with its own signature).
 * A Xen HVM guest booted with "nopv" detects Xen but does not set up as
 * its guest (@xen is false): its routing is native.
 */
static bool env_of(enum x86_hypervisor_type type, bool xen, bool pvh, enum pv_env *env)
{
	switch (type) {
	case X86_HYPER_NATIVE:
		*env = PV_ENV_NATIVE;
		return true;
	case X86_HYPER_XEN_PV:
		*env = PV_ENV_XEN_PV;
		return true;
	case X86_HYPER_XEN_HVM:
		if (!xen)
			*env = PV_ENV_NATIVE;
		else
			*env = pvh ? PV_ENV_XEN_PVH : PV_ENV_XEN_HVM;
		return true;
	case X86_HYPER_KVM:
		*env = PV_ENV_KVM;
		return true;
	case X86_HYPER_MS_HYPERV:
		*env = PV_ENV_HYPERV;
		return true;
	case X86_HYPER_VMWARE:
		*env = PV_ENV_VMWARE;
		return true;
	default:
		return false;
	}
}

/**
 * struct pv_route - one routed operation and its two fixed targets
 * @name: group.member in struct paravirt_patch_template, or the static
 *	  call's short name (sched_clock, steal_clock)
 * @offset: offset of the pv_ops slot (or of its callee-save .func)
 * @native: the function it reaches on bare metal and, unless a takeover
 *	    below says otherwise, under hardware virtualization; a callee-save
 *	    thunk (__raw_callee_save_<name>) counts as <name>
 * @xen_pv: the function it reaches in a Xen PV guest
 */
struct pv_route {
	const char *name;
	size_t offset;
	const char *native;
	const char *xen_pv;
};

#define ROUTE(member, native_fn, xen_pv_fn) {				\
	.name = #member,						\
	.offset = offsetof(struct paravirt_patch_template, member),	\
	.native = native_fn,						\
	.xen_pv = xen_pv_fn,						\
}

static const struct pv_route pv_routes[] = {
	/* Interrupt flags: Xen PV uses the vcpu_info event mask. */
	ROUTE(irq.save_fl, "pv_native_save_fl", "xen_save_fl_direct"),
	ROUTE(irq.irq_disable, "pv_native_irq_disable", "xen_irq_disable_direct"),
	ROUTE(irq.irq_enable, "pv_native_irq_enable", "xen_irq_enable_direct"),
	ROUTE(irq.safe_halt, "pv_native_safe_halt", "xen_safe_halt"),
	ROUTE(irq.halt, "native_halt", "xen_halt"),
	/* Control registers and TLB: Xen PV goes through Xen. */
	ROUTE(mmu.read_cr2, "pv_native_read_cr2", "xen_read_cr2_direct"),
	ROUTE(mmu.write_cr2, "pv_native_write_cr2", "xen_write_cr2"),
	ROUTE(mmu.read_cr3, "__native_read_cr3", "xen_read_cr3"),
	ROUTE(mmu.write_cr3, "native_write_cr3", "xen_write_cr3"),
	ROUTE(mmu.flush_tlb_user, "native_flush_tlb_local", "xen_flush_tlb"),
	ROUTE(mmu.flush_tlb_kernel, "native_flush_tlb_global", "xen_flush_tlb"),
	ROUTE(mmu.flush_tlb_one_user, "native_flush_tlb_one_user", "xen_flush_tlb_one_user"),
	ROUTE(mmu.flush_tlb_multi, "native_flush_tlb_multi", "xen_flush_tlb_multi"),
	/* Page-table updates: hypercalls under Xen PV, hardware elsewhere. */
	ROUTE(mmu.set_pte, "native_set_pte", "xen_set_pte"),
	ROUTE(mmu.set_pmd, "native_set_pmd", "xen_set_pmd"),
	ROUTE(mmu.set_pud, "native_set_pud", "xen_set_pud"),
	ROUTE(mmu.set_p4d, "native_set_p4d", "xen_set_p4d"),
	ROUTE(mmu.ptep_modify_prot_start, "__ptep_modify_prot_start",
	      "xen_ptep_modify_prot_start"),
	ROUTE(mmu.ptep_modify_prot_commit, "__ptep_modify_prot_commit",
	      "xen_ptep_modify_prot_commit"),
	/* Page-table entry values: pfn <-> mfn translation under Xen PV. */
	ROUTE(mmu.pte_val, "_paravirt_ident_64", "xen_pte_val"),
	ROUTE(mmu.make_pte, "_paravirt_ident_64", "xen_make_pte"),
	ROUTE(mmu.pmd_val, "_paravirt_ident_64", "xen_pmd_val"),
	ROUTE(mmu.make_pmd, "_paravirt_ident_64", "xen_make_pmd"),
	ROUTE(mmu.pud_val, "_paravirt_ident_64", "xen_pud_val"),
	ROUTE(mmu.make_pud, "_paravirt_ident_64", "xen_make_pud"),
	ROUTE(mmu.pgd_val, "_paravirt_ident_64", "xen_pgd_val"),
	ROUTE(mmu.make_pgd, "_paravirt_ident_64", "xen_make_pgd"),
	/* Page-table page life cycle: pinning and read-only mappings. */
	ROUTE(mmu.pgd_alloc, "__paravirt_pgd_alloc", "xen_pgd_alloc"),
	ROUTE(mmu.pgd_free, "paravirt_nop", "xen_pgd_free"),
	ROUTE(mmu.alloc_pte, "paravirt_nop", "xen_alloc_pte"),
	ROUTE(mmu.release_pte, "paravirt_nop", "xen_release_pte"),
	ROUTE(mmu.alloc_pmd, "paravirt_nop", "xen_alloc_pmd"),
	ROUTE(mmu.release_pmd, "paravirt_nop", "xen_release_pmd"),
	ROUTE(mmu.enter_mmap, "paravirt_nop", "xen_enter_mmap"),
	ROUTE(mmu.exit_mmap, "paravirt_nop", "xen_exit_mmap"),
	/* Lazy MMU mode: Xen PV batches updates into multicalls. */
	ROUTE(mmu.lazy_mode.enter, "paravirt_nop", "xen_enter_lazy_mmu"),
	ROUTE(mmu.lazy_mode.leave, "paravirt_nop", "xen_leave_lazy_mmu"),
	ROUTE(mmu.lazy_mode.flush, "paravirt_nop", "xen_flush_lazy_mmu"),
	ROUTE(mmu.set_fixmap, "native_set_fixmap", "xen_set_fixmap"),
};

/* The two static calls behind sched_clock() and steal time. */
static const struct pv_route clock_routes[] = {
	{ .name = "sched_clock", .native = "native_sched_clock",
	  .xen_pv = "xen_sched_clock" },
	{ .name = "steal_clock", .native = "native_steal_clock",
	  .xen_pv = "xen_steal_clock" },
};

enum pv_when {
	PV_TAKEN_ALWAYS,		/* whenever the environment is detected */
	PV_TAKEN_IF_PAGETABLE_DYING,	/* when pv_detected.pagetable_dying */
	PV_TAKEN_IF_TDX,		/* when pv_detected.tdx */
	PV_TAKEN_MAYBE,			/* by a feature this suite does not model */
};

/**
 * struct pv_takeover - a slot a hypervisor with hardware virtualization
 *	takes over at boot
 * @env: the environment
 * @name: the route's name
 * @target: the hypervisor's function
 * @when: under which detected condition it is installed
 */
struct pv_takeover {
	enum pv_env env;
	const char *name;
	const char *target;
	enum pv_when when;
};

static const struct pv_takeover pv_takeovers[] = {
	/*
	 * arch/x86/xen/time.c: xen_init_time_common(). PVH always has the
	 * vector callback; HVM only with it and XENFEAT_hvm_safe_pvclock, and
	 * xen_init_IRQ() may drop the callback after the clock was chosen.
	 */
	{ PV_ENV_XEN_PVH, "sched_clock", "xen_sched_clock", PV_TAKEN_ALWAYS },
	{ PV_ENV_XEN_PVH, "steal_clock", "xen_steal_clock", PV_TAKEN_ALWAYS },
	{ PV_ENV_XEN_HVM, "sched_clock", "xen_sched_clock", PV_TAKEN_MAYBE },
	{ PV_ENV_XEN_HVM, "steal_clock", "xen_steal_clock", PV_TAKEN_MAYBE },
	/* arch/x86/xen/mmu_hvm.c: xen_hvm_init_mmu_ops() */
	{ PV_ENV_XEN_PVH, "mmu.exit_mmap", "xen_hvm_exit_mmap", PV_TAKEN_IF_PAGETABLE_DYING },
	{ PV_ENV_XEN_HVM, "mmu.exit_mmap", "xen_hvm_exit_mmap", PV_TAKEN_IF_PAGETABLE_DYING },
	/* arch/x86/coco/tdx/tdx.c: tdx_early_init() */
	{ PV_ENV_KVM, "irq.safe_halt", "tdx_safe_halt", PV_TAKEN_IF_TDX },
	{ PV_ENV_KVM, "irq.halt", "tdx_halt", PV_TAKEN_IF_TDX },
	{ PV_ENV_HYPERV, "irq.safe_halt", "tdx_safe_halt", PV_TAKEN_IF_TDX },
	{ PV_ENV_HYPERV, "irq.halt", "tdx_halt", PV_TAKEN_IF_TDX },
	{ PV_ENV_VMWARE, "irq.safe_halt", "tdx_safe_halt", PV_TAKEN_IF_TDX },
	{ PV_ENV_VMWARE, "irq.halt", "tdx_halt", PV_TAKEN_IF_TDX },
	/* arch/x86/kernel/kvm.c and kvmclock.c: by KVM CPUID features */
	{ PV_ENV_KVM, "mmu.flush_tlb_multi", "kvm_flush_tlb_multi", PV_TAKEN_MAYBE },
	{ PV_ENV_KVM, "sched_clock", "kvm_sched_clock_read", PV_TAKEN_MAYBE },
	{ PV_ENV_KVM, "steal_clock", "kvm_steal_clock", PV_TAKEN_MAYBE },
	/* arch/x86/hyperv/mmu.c, drivers/clocksource/hyperv_timer.c */
	{ PV_ENV_HYPERV, "mmu.flush_tlb_multi", "hyperv_flush_tlb_multi", PV_TAKEN_MAYBE },
	{ PV_ENV_HYPERV, "sched_clock", "read_hv_sched_clock_tsc", PV_TAKEN_MAYBE },
	/* arch/x86/kernel/cpu/vmware.c: vmware_paravirt_ops_setup() */
	{ PV_ENV_VMWARE, "sched_clock", "vmware_sched_clock", PV_TAKEN_MAYBE },
	{ PV_ENV_VMWARE, "steal_clock", "vmware_steal_clock", PV_TAKEN_MAYBE },
};

/**
 * struct pv_expect - the function(s) a route may reach
 * @want: the one it must reach
 * @or_want: NULL, or a second one it may reach instead (a takeover that
 *	     depends on a feature this suite does not model)
 */
struct pv_expect {
	const char *want;
	const char *or_want;
};

static struct pv_expect expected_target(const struct pv_route *route,
					const struct pv_detected *d)
{
	struct pv_expect e = { .want = route->native };
	const struct pv_takeover *t;

	if (d->env == PV_ENV_XEN_PV) {
		e.want = route->xen_pv;
		return e;
	}
	for (t = pv_takeovers; t < pv_takeovers + ARRAY_SIZE(pv_takeovers); t++) {
		if (t->env != d->env || strcmp(t->name, route->name))
			continue;
		switch (t->when) {
		case PV_TAKEN_ALWAYS:
			e.want = t->target;
			break;
		case PV_TAKEN_IF_TDX:
			if (d->tdx)
				e.want = t->target;
			break;
		case PV_TAKEN_IF_PAGETABLE_DYING:
			if (d->pagetable_dying)
				e.want = t->target;
			break;
		case PV_TAKEN_MAYBE:
			e.or_want = t->target;
			break;
		}
	}
	return e;
}

static bool expected(const struct pv_expect *e, const char *name)
{
	return !strcmp(name, e->want) || (e->or_want && !strcmp(name, e->or_want));
}

/* What this kernel detected; decided once, in suite_init. */
static struct pv_detected detected;
static bool detected_modelled;

/*
 * The same probe xen_hvm_init_mmu_ops() makes at boot; on success Xen only
 * drops any shadow of guest frame 0, as it did then. (A guest migrated
 * since boot to a host that answers differently is not modelled.)
 */
static bool xen_pagetable_dying_supported(void)
{
	struct xen_hvm_pagetable_dying a = { .domid = DOMID_SELF, .gpa = 0 };
	int rc;

	if (!IS_ENABLED(CONFIG_XEN_PVHVM) || !xen_hvm_domain())
		return false;
	/* An int, as the kernel's own probe reads it: errors are negative. */
	rc = HYPERVISOR_hvm_op(HVMOP_pagetable_dying, &a);
	return rc >= 0;
}

static int x86_paravirt_suite_init(struct kunit_suite *suite)
{
	detected_modelled = env_of(x86_hyper_type, xen_domain(), xen_pvh_domain(),
				   &detected.env);
	detected.pagetable_dying = xen_pagetable_dying_supported();
	detected.tdx = cpu_feature_enabled(X86_FEATURE_TDX_GUEST);
	return 0;
}

/* The detected environment; skips a case that would need one not modelled. */
static const struct pv_detected *live_env(struct kunit *test)
{
	if (!detected_modelled)
		kunit_skip(test, "x86_hyper_type %d: routing in this environment is not modelled",
			   x86_hyper_type);
	return &detected;
}

/*
 * The name of the function at @addr, without a callee-save thunk prefix.
 * paravirt_nop is an alias that kallsyms reports as nop_func.
 */
static const char *target_name(const void *addr, char *buf)
{
	static const char thunk[] = "__raw_callee_save_";

	if (!addr)
		return "(null)";
	if (addr == paravirt_nop)
		return "paravirt_nop";
	sprint_symbol_no_offset(buf, (unsigned long)addr);
	if (str_has_prefix(buf, thunk))
		return buf + strlen(thunk);
	return buf;
}

static void check_route(struct kunit *test, const struct pv_route *route, const void *fn)
{
	const struct pv_detected *d = live_env(test);
	struct pv_expect e = expected_target(route, d);
	char buf[KSYM_SYMBOL_LEN];
	const char *got = target_name(fn, buf);

	KUNIT_EXPECT_TRUE_MSG(test, expected(&e, got), "%s on %s is %s, want %s%s%s",
			      route->name, pv_env_names[d->env], got, e.want,
			      e.or_want ? " or " : "", e.or_want ?: "");
}

static void pv_route_desc(const struct pv_route *route, char *desc)
{
	strscpy(desc, route->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(pv_route, pv_routes, pv_route_desc);

static void pv_ops_target_test(struct kunit *test)
{
	const struct pv_route *route = test->param_value;

	check_route(test, route, *(void **)((char *)&pv_ops + route->offset));
}

static void sched_clock_target_test(struct kunit *test)
{
	check_route(test, &clock_routes[0], static_call_query(pv_sched_clock));
}

static void steal_clock_target_test(struct kunit *test)
{
	check_route(test, &clock_routes[1], static_call_query(pv_steal_clock));
}

/**
 * struct pv_model_case - one fact about a hypervisor's boot code
 * @desc: the fact, for the case's name
 * @type: the detected x86_hyper_type
 * @pvh: xen_pvh_domain()
 * @pagetable_dying: as in struct pv_detected
 * @tdx: as in struct pv_detected
 * @route: the route's name
 * @target: a function
 * @accepted: whether @route may reach @target there
 *
 * Each row was read off the hypervisor's own init code in this tree, not
 * derived from the tables above, so a wrong expectation for an environment
 * that cannot be booted here still fails a case here.
 */
struct pv_model_case {
	const char *desc;
	enum x86_hypervisor_type type;
	bool pvh, pagetable_dying, tdx;
	const char *route;
	const char *target;
	bool accepted;
};

static const struct pv_model_case pv_model_cases[] = {
	{ "native set_pte is native_set_pte", X86_HYPER_NATIVE, false, false, false,
	  "mmu.set_pte", "native_set_pte", true },
	{ "native sched_clock is no hypervisor's", X86_HYPER_NATIVE, false, false, false,
	  "sched_clock", "kvm_sched_clock_read", false },
	{ "Xen PV set_pte is xen_set_pte", X86_HYPER_XEN_PV, false, false, false,
	  "mmu.set_pte", "xen_set_pte", true },
	{ "Xen PV set_pte is not native", X86_HYPER_XEN_PV, false, false, false,
	  "mmu.set_pte", "native_set_pte", false },
	{ "Xen PV irq_disable is Xen's", X86_HYPER_XEN_PV, false, false, false,
	  "irq.irq_disable", "xen_irq_disable_direct", true },
	{ "Xen PVH set_pte is native", X86_HYPER_XEN_HVM, true, false, false,
	  "mmu.set_pte", "native_set_pte", true },
	{ "Xen PVH irq_disable is native", X86_HYPER_XEN_HVM, true, false, false,
	  "irq.irq_disable", "pv_native_irq_disable", true },
	{ "Xen PVH sched_clock is Xen's", X86_HYPER_XEN_HVM, true, false, false,
	  "sched_clock", "xen_sched_clock", true },
	{ "Xen PVH steal_clock is not native", X86_HYPER_XEN_HVM, true, false, false,
	  "steal_clock", "native_steal_clock", false },
	{ "Xen PVH exit_mmap without pagetable_dying", X86_HYPER_XEN_HVM, true, false, false,
	  "mmu.exit_mmap", "paravirt_nop", true },
	{ "Xen PVH exit_mmap with pagetable_dying", X86_HYPER_XEN_HVM, true, true, false,
	  "mmu.exit_mmap", "xen_hvm_exit_mmap", true },
	{ "Xen PVH exit_mmap with pagetable_dying is no nop", X86_HYPER_XEN_HVM, true, true,
	  false, "mmu.exit_mmap", "paravirt_nop", false },
	{ "Xen HVM sched_clock may be native", X86_HYPER_XEN_HVM, false, false, false,
	  "sched_clock", "native_sched_clock", true },
	{ "Xen HVM sched_clock may be Xen's", X86_HYPER_XEN_HVM, false, false, false,
	  "sched_clock", "xen_sched_clock", true },
	{ "Xen HVM sched_clock is never KVM's", X86_HYPER_XEN_HVM, false, false, false,
	  "sched_clock", "kvm_sched_clock_read", false },
	{ "Xen HVM flush_tlb_multi is native", X86_HYPER_XEN_HVM, false, false, false,
	  "mmu.flush_tlb_multi", "native_flush_tlb_multi", true },
	{ "KVM set_pte is native", X86_HYPER_KVM, false, false, false,
	  "mmu.set_pte", "native_set_pte", true },
	{ "KVM set_pte is not Xen's", X86_HYPER_KVM, false, false, false,
	  "mmu.set_pte", "xen_set_pte", false },
	{ "KVM flush_tlb_multi may be KVM's", X86_HYPER_KVM, false, false, false,
	  "mmu.flush_tlb_multi", "kvm_flush_tlb_multi", true },
	{ "KVM flush_tlb_multi may be native", X86_HYPER_KVM, false, false, false,
	  "mmu.flush_tlb_multi", "native_flush_tlb_multi", true },
	{ "KVM flush_tlb_multi is never Xen's", X86_HYPER_KVM, false, false, false,
	  "mmu.flush_tlb_multi", "xen_flush_tlb_multi", false },
	{ "KVM sched_clock may be kvmclock", X86_HYPER_KVM, false, false, false,
	  "sched_clock", "kvm_sched_clock_read", true },
	{ "KVM steal_clock may be KVM's", X86_HYPER_KVM, false, false, false,
	  "steal_clock", "kvm_steal_clock", true },
	{ "KVM steal_clock is never Xen's", X86_HYPER_KVM, false, false, false,
	  "steal_clock", "xen_steal_clock", false },
	{ "KVM irq_disable is native", X86_HYPER_KVM, false, false, false,
	  "irq.irq_disable", "pv_native_irq_disable", true },
	{ "KVM TDX guest halts with TDX", X86_HYPER_KVM, false, false, true,
	  "irq.safe_halt", "tdx_safe_halt", true },
	{ "KVM TDX guest halt is not native", X86_HYPER_KVM, false, false, true,
	  "irq.halt", "native_halt", false },
	{ "KVM guest without TDX halts natively", X86_HYPER_KVM, false, false, false,
	  "irq.safe_halt", "pv_native_safe_halt", true },
	{ "Hyper-V flush_tlb_multi may be Hyper-V's", X86_HYPER_MS_HYPERV, false, false,
	  false, "mmu.flush_tlb_multi", "hyperv_flush_tlb_multi", true },
	{ "Hyper-V sched_clock may be the TSC page", X86_HYPER_MS_HYPERV, false, false,
	  false, "sched_clock", "read_hv_sched_clock_tsc", true },
	{ "Hyper-V steal_clock is native", X86_HYPER_MS_HYPERV, false, false, false,
	  "steal_clock", "native_steal_clock", true },
	{ "Hyper-V steal_clock is not KVM's", X86_HYPER_MS_HYPERV, false, false, false,
	  "steal_clock", "kvm_steal_clock", false },
	{ "Hyper-V TDX guest halts with TDX", X86_HYPER_MS_HYPERV, false, false, true,
	  "irq.halt", "tdx_halt", true },
	{ "VMware steal_clock may be VMware's", X86_HYPER_VMWARE, false, false, false,
	  "steal_clock", "vmware_steal_clock", true },
	{ "VMware set_pte is native", X86_HYPER_VMWARE, false, false, false,
	  "mmu.set_pte", "native_set_pte", true },
	{ "VMware TDX guest halts with TDX", X86_HYPER_VMWARE, false, false, true,
	  "irq.safe_halt", "tdx_safe_halt", true },
};

static void pv_model_case_desc(const struct pv_model_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(pv_model, pv_model_cases, pv_model_case_desc);

static const struct pv_route *find_route(const char *name)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(pv_routes); i++)
		if (!strcmp(pv_routes[i].name, name))
			return &pv_routes[i];
	for (i = 0; i < ARRAY_SIZE(clock_routes); i++)
		if (!strcmp(clock_routes[i].name, name))
			return &clock_routes[i];
	return NULL;
}

static void expectation_model_test(struct kunit *test)
{
	const struct pv_model_case *c = test->param_value;
	const struct pv_route *route = find_route(c->route);
	struct pv_detected d = {
		.pagetable_dying = c->pagetable_dying,
		.tdx = c->tdx,
	};
	struct pv_expect e;

	KUNIT_ASSERT_NOT_NULL_MSG(test, route, "no route %s", c->route);
	KUNIT_ASSERT_TRUE_MSG(test, env_of(c->type, true, c->pvh, &d.env),
			      "x86_hyper_type %d is not modelled", c->type);
	e = expected_target(route, &d);
	KUNIT_EXPECT_EQ_MSG(test, expected(&e, c->target), c->accepted,
			    "%s on %s: expectation is %s%s%s", c->route,
			    pv_env_names[d.env], e.want, e.or_want ? " or " : "",
			    e.or_want ?: "");
}

/* Every route named in a takeover exists, so a renamed slot cannot hide. */
static void takeovers_name_routes_test(struct kunit *test)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(pv_takeovers); i++)
		KUNIT_EXPECT_NOT_NULL_MSG(test, find_route(pv_takeovers[i].name),
					  "takeover of unknown route %s", pv_takeovers[i].name);
}

/* A Xen HVM guest booted with "nopv" keeps native routing. */
static void xen_nopv_is_native_test(struct kunit *test)
{
	enum pv_env env = PV_ENV_NR;

	KUNIT_ASSERT_TRUE(test, env_of(X86_HYPER_XEN_HVM, false, false, &env));
	KUNIT_EXPECT_EQ(test, env, PV_ENV_NATIVE);
}

/*
 * sched_clock() is a patched static-call site. If it really calls the
 * target that pv_sched_clock names, then reading that target directly,
 * between two sched_clock() calls, gives a value between theirs.
 */
static void sched_clock_call_site_test(struct kunit *test)
{
	typeof(sched_clock) *target = static_call_query(pv_sched_clock);
	u64 before, direct, after;
	int i;

	for (i = 0; i < 100; i++) {
		preempt_disable();
		before = sched_clock();
		direct = target();
		after = sched_clock();
		preempt_enable();
		KUNIT_ASSERT_LE_MSG(test, before, direct, "round %d", i);
		KUNIT_ASSERT_LE_MSG(test, direct, after, "round %d", i);
	}
}

/*
 * local_irq_save() is a patched pv_ops call site. Natively and under
 * hardware virtualization it must clear the hardware interrupt flag; under
 * Xen PV it must set the vcpu's event-channel upcall mask instead and leave
 * the hardware flag, which a PV kernel cannot clear, alone. The upcall mask
 * is per vCPU: read both masks on the same CPU, with preemption disabled.
 */
static void irq_disable_call_site_test(struct kunit *test)
{
	const struct pv_detected *d = live_env(test);
	bool xen_pv = d->env == PV_ENV_XEN_PV;
	unsigned long flags, hw_flags;
	u8 mask_on = 0, mask_off = 0;

	preempt_disable();
	local_irq_save(flags);
	hw_flags = native_save_fl();
	if (xen_pv)
		mask_on = xen_upcall_mask_for_test();
	local_irq_restore(flags);
	if (xen_pv)
		mask_off = xen_upcall_mask_for_test();
	preempt_enable();

	KUNIT_ASSERT_FALSE(test, irqs_disabled_flags(flags));
	if (xen_pv) {
		KUNIT_EXPECT_EQ_MSG(test, mask_on, 1, "upcall mask with irqs disabled");
		KUNIT_EXPECT_EQ_MSG(test, mask_off, 0, "upcall mask with irqs enabled");
		KUNIT_EXPECT_TRUE_MSG(test, hw_flags & X86_EFLAGS_IF,
				      "Xen PV cannot clear the hardware IF");
	} else {
		KUNIT_EXPECT_FALSE_MSG(test, hw_flags & X86_EFLAGS_IF,
				       "hardware IF with irqs disabled on %s",
				       pv_env_names[d->env]);
	}
}

/*
 * pfn_pte() goes through the patched make_pte site. Under Xen PV the entry
 * it builds must hold the machine frame, elsewhere the pseudo-physical one;
 * pte_pfn() (pte_val) must translate back in every environment.
 */
static void make_pte_call_site_test(struct kunit *test)
{
	const struct pv_detected *d = live_env(test);
	struct page *page = alloc_page(GFP_KERNEL);
	unsigned long pfn, raw_frame, want_frame;
	pte_t pte;

	KUNIT_ASSERT_NOT_NULL(test, page);
	pfn = page_to_pfn(page);
	pte = pfn_pte(pfn, PAGE_KERNEL);
	raw_frame = (native_pte_val(pte) & PTE_PFN_MASK) >> PAGE_SHIFT;
	want_frame = d->env == PV_ENV_XEN_PV ? pfn_to_mfn(pfn) : pfn;
	__free_page(page);

	KUNIT_EXPECT_EQ_MSG(test, raw_frame, want_frame, "frame in the pte of pfn %#lx", pfn);
	KUNIT_EXPECT_EQ(test, pte_pfn(pte), pfn);
}

static struct kunit_case x86_paravirt_test_cases[] = {
	KUNIT_CASE_PARAM(expectation_model_test, pv_model_gen_params),
	KUNIT_CASE(takeovers_name_routes_test),
	KUNIT_CASE(xen_nopv_is_native_test),
	KUNIT_CASE_PARAM(pv_ops_target_test, pv_route_gen_params),
	KUNIT_CASE(sched_clock_target_test),
	KUNIT_CASE(steal_clock_target_test),
	KUNIT_CASE(sched_clock_call_site_test),
	KUNIT_CASE(irq_disable_call_site_test),
	KUNIT_CASE(make_pte_call_site_test),
	{}
};

static struct kunit_suite x86_paravirt_test_suite = {
	.name = "x86_paravirt",
	.suite_init = x86_paravirt_suite_init,
	.test_cases = x86_paravirt_test_cases,
};

kunit_test_suite(x86_paravirt_test_suite);

MODULE_DESCRIPTION("KUnit tests for x86 pv_ops routing");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
MODULE_LICENSE("GPL");
