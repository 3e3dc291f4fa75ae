// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for pv_ops routing.
 *
 * One kernel image installs different pv_ops depending on where it boots:
 * the native implementations on bare metal, the Xen ones as a Xen PV guest,
 * and under Xen PVH the native MMU and interrupt-flag operations with Xen's
 * sched_clock and steal clock. For each operation the table below names the
 * function it must reach in each environment; the cases compare the live
 * pv_ops slots and static calls with it, and then call through the normal,
 * patched kernel API and look at the effect, so that a call site left
 * pointing at the wrong implementation is caught as well as a wrong slot.
 */

#include <kunit/test.h>
#include <linux/kallsyms.h>
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/irqflags.h>
#include <linux/sched/clock.h>
#include <linux/static_call.h>
#include <linux/string.h>
#include <asm/irqflags.h>
#include <asm/paravirt.h>
#include <asm/xen/page.h>
#include <xen/xen.h>
#include <xen/xen-ops.h>

enum pv_env { PV_ENV_NATIVE, PV_ENV_XEN_PV, PV_ENV_XEN_PVH, PV_ENV_NR };

static const char *const pv_env_names[PV_ENV_NR] = {
	[PV_ENV_NATIVE]	= "native",
	[PV_ENV_XEN_PV]	= "Xen PV",
	[PV_ENV_XEN_PVH] = "Xen PVH",
};

/* The environment the kernel detected at boot (tested by x86_hypervisor). */
static enum pv_env current_env(void)
{
	if (xen_pv_domain())
		return PV_ENV_XEN_PV;
	if (xen_pvh_domain())
		return PV_ENV_XEN_PVH;
	return PV_ENV_NATIVE;
}

/**
 * struct pv_route - where one pv_ops slot must point in each environment
 * @name: group.member in struct paravirt_patch_template
 * @offset: offset of the slot (or of its callee-save .func) in pv_ops
 * @target: expected function name per environment; a callee-save thunk
 *	    (__raw_callee_save_<name>) counts as <name>
 */
struct pv_route {
	const char *name;
	size_t offset;
	const char *target[PV_ENV_NR];
};

#define ROUTE(member, native, xenpv, xenpvh) {				\
	.name = #member,						\
	.offset = offsetof(struct paravirt_patch_template, member),	\
	.target = { native, xenpv, xenpvh },				\
}

static const struct pv_route pv_routes[] = {
	/* Interrupt flags: Xen PV uses the vcpu_info event mask. */
	ROUTE(irq.save_fl, "pv_native_save_fl", "xen_save_fl_direct", "pv_native_save_fl"),
	ROUTE(irq.irq_disable, "pv_native_irq_disable", "xen_irq_disable_direct",
	      "pv_native_irq_disable"),
	ROUTE(irq.irq_enable, "pv_native_irq_enable", "xen_irq_enable_direct",
	      "pv_native_irq_enable"),
	ROUTE(irq.safe_halt, "pv_native_safe_halt", "xen_safe_halt", "pv_native_safe_halt"),
	ROUTE(irq.halt, "native_halt", "xen_halt", "native_halt"),
	/* Control registers and TLB: Xen PV goes through Xen. */
	ROUTE(mmu.read_cr2, "pv_native_read_cr2", "xen_read_cr2_direct", "pv_native_read_cr2"),
	ROUTE(mmu.write_cr2, "pv_native_write_cr2", "xen_write_cr2", "pv_native_write_cr2"),
	ROUTE(mmu.read_cr3, "__native_read_cr3", "xen_read_cr3", "__native_read_cr3"),
	ROUTE(mmu.write_cr3, "native_write_cr3", "xen_write_cr3", "native_write_cr3"),
	ROUTE(mmu.flush_tlb_user, "native_flush_tlb_local", "xen_flush_tlb",
	      "native_flush_tlb_local"),
	ROUTE(mmu.flush_tlb_kernel, "native_flush_tlb_global", "xen_flush_tlb",
	      "native_flush_tlb_global"),
	ROUTE(mmu.flush_tlb_one_user, "native_flush_tlb_one_user", "xen_flush_tlb_one_user",
	      "native_flush_tlb_one_user"),
	ROUTE(mmu.flush_tlb_multi, "native_flush_tlb_multi", "xen_flush_tlb_multi",
	      "native_flush_tlb_multi"),
	/* Page-table updates: hypercalls under Xen PV, hardware under PVH. */
	ROUTE(mmu.set_pte, "native_set_pte", "xen_set_pte", "native_set_pte"),
	ROUTE(mmu.set_pmd, "native_set_pmd", "xen_set_pmd", "native_set_pmd"),
	ROUTE(mmu.set_pud, "native_set_pud", "xen_set_pud", "native_set_pud"),
	ROUTE(mmu.set_p4d, "native_set_p4d", "xen_set_p4d", "native_set_p4d"),
	ROUTE(mmu.ptep_modify_prot_start, "__ptep_modify_prot_start",
	      "xen_ptep_modify_prot_start", "__ptep_modify_prot_start"),
	ROUTE(mmu.ptep_modify_prot_commit, "__ptep_modify_prot_commit",
	      "xen_ptep_modify_prot_commit", "__ptep_modify_prot_commit"),
	/* Page-table entry values: pfn <-> mfn translation under Xen PV. */
	ROUTE(mmu.pte_val, "_paravirt_ident_64", "xen_pte_val", "_paravirt_ident_64"),
	ROUTE(mmu.make_pte, "_paravirt_ident_64", "xen_make_pte", "_paravirt_ident_64"),
	ROUTE(mmu.pmd_val, "_paravirt_ident_64", "xen_pmd_val", "_paravirt_ident_64"),
	ROUTE(mmu.make_pmd, "_paravirt_ident_64", "xen_make_pmd", "_paravirt_ident_64"),
	ROUTE(mmu.pud_val, "_paravirt_ident_64", "xen_pud_val", "_paravirt_ident_64"),
	ROUTE(mmu.make_pud, "_paravirt_ident_64", "xen_make_pud", "_paravirt_ident_64"),
	ROUTE(mmu.pgd_val, "_paravirt_ident_64", "xen_pgd_val", "_paravirt_ident_64"),
	ROUTE(mmu.make_pgd, "_paravirt_ident_64", "xen_make_pgd", "_paravirt_ident_64"),
	/* Page-table page life cycle: pinning and read-only mappings. */
	ROUTE(mmu.pgd_alloc, "__paravirt_pgd_alloc", "xen_pgd_alloc", "__paravirt_pgd_alloc"),
	ROUTE(mmu.pgd_free, "paravirt_nop", "xen_pgd_free", "paravirt_nop"),
	ROUTE(mmu.alloc_pte, "paravirt_nop", "xen_alloc_pte", "paravirt_nop"),
	ROUTE(mmu.release_pte, "paravirt_nop", "xen_release_pte", "paravirt_nop"),
	ROUTE(mmu.alloc_pmd, "paravirt_nop", "xen_alloc_pmd", "paravirt_nop"),
	ROUTE(mmu.release_pmd, "paravirt_nop", "xen_release_pmd", "paravirt_nop"),
	ROUTE(mmu.enter_mmap, "paravirt_nop", "xen_enter_mmap", "paravirt_nop"),
	/* PVH dom0: Xen 4.17 has no HVMOP_pagetable_dying for it, so no hook. */
	ROUTE(mmu.exit_mmap, "paravirt_nop", "xen_exit_mmap", "paravirt_nop"),
	/* Lazy MMU mode: Xen PV batches updates into multicalls. */
	ROUTE(mmu.lazy_mode.enter, "paravirt_nop", "xen_enter_lazy_mmu", "paravirt_nop"),
	ROUTE(mmu.lazy_mode.leave, "paravirt_nop", "xen_leave_lazy_mmu", "paravirt_nop"),
	ROUTE(mmu.lazy_mode.flush, "paravirt_nop", "xen_flush_lazy_mmu", "paravirt_nop"),
	ROUTE(mmu.set_fixmap, "native_set_fixmap", "xen_set_fixmap", "native_set_fixmap"),
};

static void pv_route_desc(const struct pv_route *route, char *desc)
{
	strscpy(desc, route->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(pv_route, pv_routes, pv_route_desc);

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

static void pv_ops_target_test(struct kunit *test)
{
	const struct pv_route *route = test->param_value;
	enum pv_env env = current_env();
	char buf[KSYM_SYMBOL_LEN];
	void *slot = *(void **)((char *)&pv_ops + route->offset);

	KUNIT_EXPECT_STREQ_MSG(test, target_name(slot, buf), route->target[env],
			       "pv_ops.%s on %s", route->name, pv_env_names[env]);
}

static void sched_clock_target_test(struct kunit *test)
{
	static const char *const want[PV_ENV_NR] = {
		"native_sched_clock", "xen_sched_clock", "xen_sched_clock"
	};
	enum pv_env env = current_env();
	char buf[KSYM_SYMBOL_LEN];

	KUNIT_EXPECT_STREQ_MSG(test, target_name(static_call_query(pv_sched_clock), buf),
			       want[env], "pv_sched_clock on %s", pv_env_names[env]);
}

static void steal_clock_target_test(struct kunit *test)
{
	static const char *const want[PV_ENV_NR] = {
		"native_steal_clock", "xen_steal_clock", "xen_steal_clock"
	};
	enum pv_env env = current_env();
	char buf[KSYM_SYMBOL_LEN];

	KUNIT_EXPECT_STREQ_MSG(test, target_name(static_call_query(pv_steal_clock), buf),
			       want[env], "pv_steal_clock on %s", pv_env_names[env]);
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
 * local_irq_save() is a patched pv_ops call site. Natively and under PVH it
 * must clear the hardware interrupt flag; under Xen PV it must set the
 * vcpu's event-channel upcall mask instead and leave the hardware flag,
 * which a PV kernel cannot clear, alone.
 */
static void irq_disable_call_site_test(struct kunit *test)
{
	enum pv_env env = current_env();
	unsigned long flags, hw_flags;
	u8 mask_on = 0, mask_off = 0;

	local_irq_save(flags);
	hw_flags = native_save_fl();
	if (env == PV_ENV_XEN_PV)
		mask_on = this_cpu_read(xen_vcpu)->evtchn_upcall_mask;
	local_irq_restore(flags);
	if (env == PV_ENV_XEN_PV)
		mask_off = this_cpu_read(xen_vcpu)->evtchn_upcall_mask;

	KUNIT_ASSERT_FALSE(test, irqs_disabled_flags(flags));
	if (env == PV_ENV_XEN_PV) {
		KUNIT_EXPECT_EQ_MSG(test, mask_on, 1, "upcall mask with irqs disabled");
		KUNIT_EXPECT_EQ_MSG(test, mask_off, 0, "upcall mask with irqs enabled");
		KUNIT_EXPECT_TRUE_MSG(test, hw_flags & X86_EFLAGS_IF,
				      "Xen PV cannot clear the hardware IF");
	} else {
		KUNIT_EXPECT_FALSE_MSG(test, hw_flags & X86_EFLAGS_IF,
				       "hardware IF with irqs disabled on %s",
				       pv_env_names[env]);
	}
}

/*
 * pfn_pte() goes through the patched make_pte site. Under Xen PV the entry
 * it builds must hold the machine frame, elsewhere the pseudo-physical one;
 * pte_pfn() (pte_val) must translate back in every environment.
 */
static void make_pte_call_site_test(struct kunit *test)
{
	struct page *page = alloc_page(GFP_KERNEL);
	unsigned long pfn, raw_frame, want_frame;
	pte_t pte;

	KUNIT_ASSERT_NOT_NULL(test, page);
	pfn = page_to_pfn(page);
	pte = pfn_pte(pfn, PAGE_KERNEL);
	raw_frame = (native_pte_val(pte) & PTE_PFN_MASK) >> PAGE_SHIFT;
	want_frame = current_env() == PV_ENV_XEN_PV ? pfn_to_mfn(pfn) : pfn;
	__free_page(page);

	KUNIT_EXPECT_EQ_MSG(test, raw_frame, want_frame, "frame in the pte of pfn %#lx", pfn);
	KUNIT_EXPECT_EQ(test, pte_pfn(pte), pfn);
}

static struct kunit_case x86_paravirt_test_cases[] = {
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
	.test_cases = x86_paravirt_test_cases,
};

kunit_test_suite(x86_paravirt_test_suite);

MODULE_DESCRIPTION("KUnit tests for x86 pv_ops routing");
MODULE_LICENSE("GPL");
