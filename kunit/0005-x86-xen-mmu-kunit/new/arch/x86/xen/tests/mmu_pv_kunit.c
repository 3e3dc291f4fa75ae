// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for Xen PV page tables.
 *
 * A Xen PV guest does not own its page tables: they are pinned, mapped
 * read-only in the guest, and every change goes to Xen as an mmu_update
 * (or a batch of them in lazy MMU mode). Entries hold machine frames, so
 * make_pte/pte_val translate between pseudo-physical and machine frame
 * numbers through the p2m and m2p tables. These cases check each of those
 * facts on the running kernel. Natively and under Xen PVH the hardware
 * page tables are used and the cases are skipped.
 */

#include <kunit/test.h>
#include <linux/ioport.h>
#include <linux/irqflags.h>
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/sched/task.h>
#include <linux/vmalloc.h>
#include <asm/tlbflush.h>
#include <asm/xen/page.h>
#include <xen/xen.h>

#define PATTERN_A	0x5a5a5a5aU
#define PATTERN_B	0xc3c3c3c3U
#define LAZY_PAGES	8

/*
 * Why the suite does not apply here, NULL where it does: decided once, in
 * suite_init, and each case skips with it.
 */
static const char *xen_pv_mmu_skip_reason;

static int xen_pv_mmu_suite_init(struct kunit_suite *suite)
{
	xen_pv_mmu_skip_reason = xen_pv_domain() ? NULL :
		"not a Xen PV guest: hardware page tables, no p2m";
	return 0;
}

static int xen_pv_mmu_test_init(struct kunit *test)
{
	if (xen_pv_mmu_skip_reason)
		kunit_skip(test, "%s", xen_pv_mmu_skip_reason);
	return 0;
}

static pte_t *kernel_pte(struct kunit *test, const void *addr)
{
	unsigned int level;
	pte_t *ptep = lookup_address((unsigned long)addr, &level);

	KUNIT_ASSERT_NOT_NULL(test, ptep);
	KUNIT_ASSERT_EQ_MSG(test, level, PG_LEVEL_4K, "%p is not mapped by a 4k pte", addr);
	return ptep;
}

static void fill(void *addr, u32 pattern)
{
	memset32(addr, pattern, PAGE_SIZE / sizeof(u32));
}

/* The top-level page table this CPU runs on (init_mm's, or a borrowed one). */
static pgd_t *live_pgd(void)
{
	return __va(read_cr3_pa());
}

/* Page-table pages are mapped read-only: the guest cannot write them. */
static void pinned_pgd_read_only_test(struct kunit *test)
{
	pte_t *ptep = kernel_pte(test, live_pgd());

	KUNIT_EXPECT_FALSE_MSG(test, pte_flags(*ptep) & _PAGE_RW,
			       "the live pgd is mapped writable: not pinned");
}

/*
 * set_pte() on a pinned page table is an mmu_update hypercall, not a write
 * to the read-only page table that Xen traps and emulates: both end with
 * the same entry, but only the hypercall can be deferred. Inside a lazy MMU
 * section (interrupts off, so that no handler flushes the batch early) the
 * update is queued and the entry changes when the section is left; a write
 * would change it at once. Then the remapped vmalloc page must read the
 * other page's data. Each remap is read on the CPU that flushed its own
 * TLB after it (the one flush a module may call): a stale entry elsewhere
 * can only point at the original page, which the area maps again at the
 * end.
 */
static void set_pte_reaches_hypervisor_test(struct kunit *test)
{
	void *area = vmalloc(PAGE_SIZE);
	struct page *other = alloc_page(GFP_KERNEL);
	unsigned long flags;
	pte_t *ptep, old, queued;
	u32 seen, back;

	KUNIT_ASSERT_NOT_NULL(test, area);
	KUNIT_ASSERT_NOT_NULL(test, other);
	fill(area, PATTERN_A);
	fill(page_address(other), PATTERN_B);
	ptep = kernel_pte(test, area);
	KUNIT_EXPECT_FALSE_MSG(test, pte_flags(*kernel_pte(test, ptep)) & _PAGE_RW,
			       "the pte page is writable: the update would bypass Xen");

	old = *ptep;
	preempt_disable();
	local_irq_save(flags);
	arch_enter_lazy_mmu_mode();
	set_pte(ptep, mk_pte(other, PAGE_KERNEL));
	queued = READ_ONCE(*ptep);
	arch_leave_lazy_mmu_mode();
	local_irq_restore(flags);
	__flush_tlb_all();
	seen = READ_ONCE(*(u32 *)area);
	preempt_enable();
	KUNIT_EXPECT_EQ_MSG(test, pte_pfn(queued), pte_pfn(old),
			    "update not deferred in lazy MMU mode: not a queued hypercall");
	KUNIT_EXPECT_EQ(test, pte_pfn(*ptep), page_to_pfn(other));
	KUNIT_EXPECT_EQ(test, (native_pte_val(*ptep) & PTE_PFN_MASK) >> PAGE_SHIFT,
			pfn_to_mfn(page_to_pfn(other)));

	preempt_disable();
	set_pte(ptep, old);
	__flush_tlb_all();
	back = READ_ONCE(*(u32 *)area);
	preempt_enable();
	KUNIT_EXPECT_EQ_MSG(test, seen, PATTERN_B, "the new mapping is not in effect");
	KUNIT_EXPECT_EQ_MSG(test, back, PATTERN_A, "the old mapping did not come back");
	__free_page(other);
	vfree(area);
}

/*
 * In lazy MMU mode set_pte() is queued in the multicall buffer: the page
 * table in memory is unchanged until the batch is flushed on leaving.
 */
static void lazy_mmu_batches_updates_test(struct kunit *test)
{
	void *area = vmalloc(LAZY_PAGES * PAGE_SIZE);
	struct page *other = alloc_page(GFP_KERNEL);
	pte_t *ptep[LAZY_PAGES], old[LAZY_PAGES];
	int i, deferred = 0, applied = 0;
	unsigned long flags;

	KUNIT_ASSERT_NOT_NULL(test, area);
	KUNIT_ASSERT_NOT_NULL(test, other);
	for (i = 0; i < LAZY_PAGES; i++) {
		ptep[i] = kernel_pte(test, area + i * PAGE_SIZE);
		old[i] = *ptep[i];
	}

	/*
	 * With interrupts off: an interrupt handler that issues a multicall
	 * of its own would flush this CPU's batch, ours included, early.
	 */
	local_irq_save(flags);
	arch_enter_lazy_mmu_mode();
	for (i = 0; i < LAZY_PAGES; i++) {
		set_pte(ptep[i], mk_pte(other, PAGE_KERNEL));
		deferred += pte_pfn(*ptep[i]) == pte_pfn(old[i]);
	}
	arch_leave_lazy_mmu_mode();
	local_irq_restore(flags);
	for (i = 0; i < LAZY_PAGES; i++)
		applied += pte_pfn(*ptep[i]) == page_to_pfn(other);

	/* Nothing was read through the area while remapped: no TLB entry to flush. */
	for (i = 0; i < LAZY_PAGES; i++)
		set_pte(ptep[i], old[i]);
	__free_page(other);
	vfree(area);

	KUNIT_EXPECT_EQ_MSG(test, deferred, LAZY_PAGES,
			    "updates reached the page table before the batch was flushed");
	KUNIT_EXPECT_EQ_MSG(test, applied, LAZY_PAGES, "updates lost when the batch was flushed");
}

/* make_pte puts the machine frame in the entry, pte_val takes it back out. */
static void pte_pfn_mfn_round_trip_test(struct kunit *test)
{
	struct page *page = alloc_page(GFP_KERNEL);
	unsigned long pfns[] = {
		page ? page_to_pfn(page) : 0,
		PFN_DOWN(__pa_symbol(&init_task)),
		PFN_DOWN(__pa(live_pgd())),
		my_zero_pfn(0),
	};
	int i;

	KUNIT_ASSERT_NOT_NULL(test, page);
	for (i = 0; i < ARRAY_SIZE(pfns); i++) {
		pte_t pte = pfn_pte(pfns[i], PAGE_KERNEL);
		unsigned long mfn = pfn_to_mfn(pfns[i]);

		KUNIT_EXPECT_NE_MSG(test, mfn, INVALID_P2M_ENTRY, "pfn %#lx", pfns[i]);
		KUNIT_EXPECT_EQ_MSG(test, (native_pte_val(pte) & PTE_PFN_MASK) >> PAGE_SHIFT, mfn,
				    "pte of pfn %#lx", pfns[i]);
		KUNIT_EXPECT_EQ(test, pte_pfn(pte), pfns[i]);
	}
	__free_page(page);
}

/*
 * m2p(p2m(pfn)) == pfn for frames the guest certainly owns (the kernel
 * image, its page tables, a page just allocated), which must have a machine
 * frame, and for RAM frames spread over the p2m. How many of those are
 * populated depends on the domain (a ballooned dom0, a domU whose maxmem is
 * above its memory): one that has no machine frame is ballooned out and
 * not checked.
 */
static void p2m_m2p_agree_test(struct kunit *test)
{
	unsigned long pfn, mfn, step = max(xen_p2m_size / 512, 1UL);
	struct page *page = alloc_page(GFP_KERNEL);
	unsigned long owned[] = {
		page ? page_to_pfn(page) : 0,
		PFN_DOWN(__pa_symbol(&init_task)),
		PFN_DOWN(__pa(live_pgd())),
	};
	int i;

	KUNIT_ASSERT_NOT_NULL(test, page);
	for (i = 0; i < ARRAY_SIZE(owned); i++) {
		mfn = pfn_to_mfn(owned[i]);
		KUNIT_EXPECT_NE_MSG(test, mfn, INVALID_P2M_ENTRY, "owned pfn %#lx", owned[i]);
		if (mfn != INVALID_P2M_ENTRY)
			KUNIT_EXPECT_EQ_MSG(test, mfn_to_pfn(mfn), owned[i],
					    "pfn %#lx -> mfn %#lx -> pfn %#lx", owned[i], mfn,
					    mfn_to_pfn(mfn));
	}
	__free_page(page);

	/* Stop at the first disagreement: one bad table gives hundreds. */
	for (pfn = 0; pfn < xen_p2m_size; pfn += step) {
		if (!pfn_valid(pfn) || !page_is_ram(pfn))
			continue;
		/*
		 * A frame granted by another domain (FOREIGN_FRAME_BIT) is in
		 * that domain's m2p, and an identity frame is no RAM of ours:
		 * neither comes back to this pfn.
		 */
		mfn = __pfn_to_mfn(pfn);
		if (mfn == INVALID_P2M_ENTRY || (mfn & (FOREIGN_FRAME_BIT | IDENTITY_FRAME_BIT)))
			continue;
		KUNIT_ASSERT_EQ_MSG(test, mfn_to_pfn(mfn), pfn, "pfn %#lx -> mfn %#lx -> pfn %#lx",
				    pfn, mfn, mfn_to_pfn(mfn));
	}
}

/* virt_to_machine() and the p2m give the same machine frame. */
static void virt_to_machine_test(struct kunit *test)
{
	struct page *page = alloc_page(GFP_KERNEL);
	unsigned long maddr;

	KUNIT_ASSERT_NOT_NULL(test, page);
	maddr = virt_to_machine(page_address(page)).maddr;
	KUNIT_EXPECT_EQ(test, maddr >> PAGE_SHIFT, pfn_to_mfn(page_to_pfn(page)));
	KUNIT_EXPECT_EQ(test, machine_to_phys(XMADDR(maddr)).paddr >> PAGE_SHIFT,
			page_to_pfn(page));
	__free_page(page);
}

static struct kunit_case xen_pv_mmu_test_cases[] = {
	KUNIT_CASE(pinned_pgd_read_only_test),
	KUNIT_CASE(set_pte_reaches_hypervisor_test),
	KUNIT_CASE(lazy_mmu_batches_updates_test),
	KUNIT_CASE(pte_pfn_mfn_round_trip_test),
	KUNIT_CASE(p2m_m2p_agree_test),
	KUNIT_CASE(virt_to_machine_test),
	{}
};

static struct kunit_suite xen_pv_mmu_test_suite = {
	.name = "xen_pv_mmu",
	.suite_init = xen_pv_mmu_suite_init,
	.init = xen_pv_mmu_test_init,
	.test_cases = xen_pv_mmu_test_cases,
};

kunit_test_suite(xen_pv_mmu_test_suite);

MODULE_DESCRIPTION("KUnit tests for Xen PV page tables");
MODULE_LICENSE("GPL");
