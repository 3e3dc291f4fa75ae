// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for Xen hypercall accounting (CONFIG_XEN_HYPERCALL_STATS).
 *
 * Each counting case makes hypercalls of a known kind on one CPU, with
 * interrupts off so that nothing else runs there, and compares that CPU's
 * counters before and after: exactly the expected counters must have moved,
 * each by the expected amount. The classification table is checked on its
 * own in every environment; the counting cases need a Xen guest, and the
 * batching cases a Xen PV guest, where page-table updates are hypercalls.
 * The totals are checked against a count kept by the trap instructions.
 * Last, a window of a mixed workload is marked for Xen's own trace, which a
 * host reading it from dom0 compares with the counts printed here.
 */

#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/irqflags.h>
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/sched.h>
#include <linux/static_call.h>
#include <linux/stop_machine.h>
#include <linux/vmalloc.h>
#include <asm/tlbflush.h>
#include <asm/xen/hypercall.h>
#include <xen/interface/sched.h>
#include <xen/interface/vcpu.h>
#include <xen/interface/version.h>
#include <xen/xen.h>
#include <xen/xen-ops.h>

#include "../xen-ops.h"

/* Incremented by the trap instructions themselves; see xen-ops.h. */
u64 xen_hypercall_traps;

#define BATCH_PAGES	8
/* Pages the lazy MMU batch cases remap, at most (one mmu_update holds 32). */
#define BATCH_PAGES_MAX	24

struct hcall_test_ctx {
	struct xen_hypercall_counts before, after;
	bool was_enabled;
};

static int hcall_test_init(struct kunit *test)
{
	struct hcall_test_ctx *ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);

	if (!ctx)
		return -ENOMEM;
	ctx->was_enabled = xen_hypercall_stats_enabled();
	test->priv = ctx;
	return 0;
}

static void hcall_test_exit(struct kunit *test)
{
	struct hcall_test_ctx *ctx = test->priv;

	if (ctx->was_enabled)
		xen_hypercall_stats_set(true);
	else
		xen_hypercall_stats_set(false);
}

/*
 * Every counter of @after must equal the one of @want, which is @before
 * with the expected increments applied. Name the first one that does not.
 */
static void expect_counts(struct kunit *test, const struct xen_hypercall_counts *want,
			  const struct xen_hypercall_counts *after)
{
	const u64 *w = (const u64 *)want, *a = (const u64 *)after;
	size_t i, n = sizeof(*want) / sizeof(u64);

	for (i = 0; i < n; i++)
		if (w[i] != a[i])
			break;
	KUNIT_EXPECT_EQ_MSG(test, i, n,
			    "counter %zu of struct xen_hypercall_counts: want %llu, got %llu",
			    i, i < n ? w[i] : 0, i < n ? a[i] : 0);
}

static void skip_unless_xen(struct kunit *test)
{
	if (!xen_domain())
		kunit_skip(test, "not a Xen guest: no hypercalls");
}

static void skip_unless_xen_pv(struct kunit *test)
{
	if (!xen_pv_domain())
		kunit_skip(test, "not a Xen PV guest: page tables are not updated by hypercall");
}

/* The class of a few hypercalls whose purpose is not in doubt. */
static void class_table_test(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, xen_hypercall_class(__HYPERVISOR_mmu_update, 0),
			XEN_HCALL_PAGE_TABLE);
	KUNIT_EXPECT_EQ(test, xen_hypercall_class(__HYPERVISOR_mmuext_op, 0),
			XEN_HCALL_PAGE_TABLE);
	KUNIT_EXPECT_EQ(test, xen_hypercall_class(__HYPERVISOR_update_va_mapping, 0),
			XEN_HCALL_PAGE_TABLE);
	KUNIT_EXPECT_EQ(test, xen_hypercall_class(__HYPERVISOR_event_channel_op, 0),
			XEN_HCALL_INTERRUPT);
	KUNIT_EXPECT_EQ(test, xen_hypercall_class(__HYPERVISOR_sched_op, SCHEDOP_poll),
			XEN_HCALL_INTERRUPT);
	KUNIT_EXPECT_EQ(test, xen_hypercall_class(__HYPERVISOR_sched_op, SCHEDOP_block),
			XEN_HCALL_INTERRUPT);
	KUNIT_EXPECT_EQ(test, xen_hypercall_class(__HYPERVISOR_sched_op, SCHEDOP_yield),
			XEN_HCALL_OTHER);
	KUNIT_EXPECT_EQ(test, xen_hypercall_class(__HYPERVISOR_set_timer_op, 0),
			XEN_HCALL_TIMER);
	KUNIT_EXPECT_EQ(test, xen_hypercall_class(__HYPERVISOR_vcpu_op,
						  VCPUOP_set_singleshot_timer),
			XEN_HCALL_TIMER);
	KUNIT_EXPECT_EQ(test, xen_hypercall_class(__HYPERVISOR_vcpu_op, VCPUOP_up),
			XEN_HCALL_OTHER);
	KUNIT_EXPECT_EQ(test, xen_hypercall_class(__HYPERVISOR_xen_version, 0),
			XEN_HCALL_OTHER);
}

/* One xen_version hypercall, counted once, as itself, in class "other". */
static void single_hypercall_counted_once_test(struct kunit *test)
{
	struct hcall_test_ctx *ctx = test->priv;
	unsigned long flags;
	int cpu, ret;

	skip_unless_xen(test);
	xen_hypercall_stats_set(true);

	local_irq_save(flags);
	cpu = smp_processor_id();
	xen_hypercall_stats_read(cpu, &ctx->before);
	ret = HYPERVISOR_xen_version(XENVER_version, NULL);
	xen_hypercall_stats_read(cpu, &ctx->after);
	local_irq_restore(flags);

	KUNIT_EXPECT_GT_MSG(test, ret, 0, "XENVER_version");
	ctx->before.calls[__HYPERVISOR_xen_version]++;
	ctx->before.classes[XEN_HCALL_OTHER]++;
	expect_counts(test, &ctx->before, &ctx->after);
}

/*
 * Accounting that is off costs nothing because the xen_hypercall static
 * call then goes straight to the hypercall function; while it is on, to
 * that function's counting twin.
 */
static void static_call_target_test(struct kunit *test)
{
	void (*plain)(void);
	void (*twin)(void);

	skip_unless_xen(test);
	xen_hypercall_stats_set(false);
	plain = static_call_query(xen_hypercall);
	xen_hypercall_stats_set(true);
	twin = static_call_query(xen_hypercall);

	if (plain == xen_hypercall_amd)
		KUNIT_EXPECT_PTR_EQ(test, twin, &xen_hypercall_amd_counted);
	else if (plain == xen_hypercall_intel)
		KUNIT_EXPECT_PTR_EQ(test, twin, &xen_hypercall_intel_counted);
#ifdef CONFIG_XEN_PV
	else if (plain == xen_hypercall_pv)
		KUNIT_EXPECT_PTR_EQ(test, twin, &xen_hypercall_pv_counted);
#endif
	else
		KUNIT_FAIL(test, "accounting off, the static call goes to %ps", plain);
	xen_hypercall_stats_set(false);
	KUNIT_EXPECT_PTR_EQ(test, static_call_query(xen_hypercall), plain);
}

/* With accounting off, the same hypercall leaves every counter alone. */
static void disabled_counts_nothing_test(struct kunit *test)
{
	struct hcall_test_ctx *ctx = test->priv;
	unsigned long flags;
	int cpu;

	skip_unless_xen(test);
	xen_hypercall_stats_set(false);

	local_irq_save(flags);
	cpu = smp_processor_id();
	xen_hypercall_stats_read(cpu, &ctx->before);
	HYPERVISOR_xen_version(XENVER_version, NULL);
	xen_hypercall_stats_read(cpu, &ctx->after);
	local_irq_restore(flags);

	expect_counts(test, &ctx->before, &ctx->after);
}

/* Remap @n pages of @area to @page in one lazy MMU section. */
static void remap_lazily(pte_t **ptep, unsigned int n, struct page *page)
{
	unsigned int i;

	arch_enter_lazy_mmu_mode();
	for (i = 0; i < n; i++)
		set_pte(ptep[i], mk_pte(page, PAGE_KERNEL));
	arch_leave_lazy_mmu_mode();
}

static pte_t **area_ptes(struct kunit *test, void *area, unsigned int n, pte_t *old)
{
	pte_t **ptep = kunit_kcalloc(test, n, sizeof(*ptep), GFP_KERNEL);
	unsigned int i, level;

	KUNIT_ASSERT_NOT_NULL(test, ptep);
	for (i = 0; i < n; i++) {
		ptep[i] = lookup_address((unsigned long)area + i * PAGE_SIZE, &level);
		KUNIT_ASSERT_NOT_NULL(test, ptep[i]);
		KUNIT_ASSERT_EQ(test, level, PG_LEVEL_4K);
		old[i] = *ptep[i];
	}
	return ptep;
}

static void restore_ptes(pte_t **ptep, const pte_t *old, unsigned int n, void *area)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		set_pte(ptep[i], old[i]);
	flush_tlb_kernel_range((unsigned long)area, (unsigned long)area + n * PAGE_SIZE);
}

/*
 * The batch sizes the lazy MMU case tries, with the histogram bucket each
 * must land in: 8 requests are counted by the counting twin itself, 24
 * (more than XEN_HCALL_REQ_DIRECT) by the C function it calls.
 */
struct batch_param {
	unsigned int pages;
	unsigned int bucket;
	const char *desc;
};

static const struct batch_param batch_params[] = {
	{ BATCH_PAGES, 3, "8 requests, bucket 5-8" },
	{ BATCH_PAGES_MAX, 5, "24 requests, bucket 17-32" },
};

KUNIT_ARRAY_PARAM_DESC(batch, batch_params, desc);

/*
 * N pte updates in lazy MMU mode leave as one mmu_update carrying N
 * requests (a single queued entry is issued directly, not as a multicall):
 * one page-table hypercall, one sample in N's bucket.
 */
static void lazy_mmu_batch_histogram_test(struct kunit *test)
{
	const struct batch_param *param = test->param_value;
	struct hcall_test_ctx *ctx = test->priv;
	void *area = vmalloc(param->pages * PAGE_SIZE);
	struct page *other = alloc_page(GFP_KERNEL);
	pte_t old[BATCH_PAGES_MAX], **ptep;
	unsigned long flags;
	int cpu;

	skip_unless_xen_pv(test);
	KUNIT_ASSERT_NOT_NULL(test, area);
	KUNIT_ASSERT_NOT_NULL(test, other);
	ptep = area_ptes(test, area, param->pages, old);
	xen_hypercall_stats_set(true);

	local_irq_save(flags);
	cpu = smp_processor_id();
	xen_hypercall_stats_read(cpu, &ctx->before);
	remap_lazily(ptep, param->pages, other);
	xen_hypercall_stats_read(cpu, &ctx->after);
	local_irq_restore(flags);
	restore_ptes(ptep, old, param->pages, area);
	__free_page(other);
	vfree(area);

	ctx->before.calls[__HYPERVISOR_mmu_update]++;
	ctx->before.classes[XEN_HCALL_PAGE_TABLE]++;
	ctx->before.requests_hist[param->bucket]++;
	expect_counts(test, &ctx->before, &ctx->after);
}

/*
 * A hypercall whose class depends on its sub-operation: stopping the
 * periodic timer (which Linux has done at boot already, so it changes
 * nothing) is a vcpu_op of class "timer", counted once, in that class.
 */
static void subop_class_test(struct kunit *test)
{
	struct hcall_test_ctx *ctx = test->priv;
	unsigned long flags;
	int cpu;

	skip_unless_xen(test);
	xen_hypercall_stats_set(true);

	local_irq_save(flags);
	cpu = smp_processor_id();
	xen_hypercall_stats_read(cpu, &ctx->before);
	HYPERVISOR_vcpu_op(VCPUOP_stop_periodic_timer, xen_vcpu_nr(cpu), NULL);
	xen_hypercall_stats_read(cpu, &ctx->after);
	local_irq_restore(flags);

	ctx->before.calls[__HYPERVISOR_vcpu_op]++;
	ctx->before.classes[XEN_HCALL_TIMER]++;
	expect_counts(test, &ctx->before, &ctx->after);
}

/*
 * A pte update and a TLB flush queued together leave as one multicall of
 * two entries: one trap (page-table class, like both entries), two batched
 * calls, one sample in the multicall histogram's "2" bucket.
 */
static void multicall_entries_counted_test(struct kunit *test)
{
	struct hcall_test_ctx *ctx = test->priv;
	void *area = vmalloc(PAGE_SIZE);
	struct page *other = alloc_page(GFP_KERNEL);
	pte_t old[1], **ptep;
	unsigned long flags;
	int cpu;

	skip_unless_xen_pv(test);
	KUNIT_ASSERT_NOT_NULL(test, area);
	KUNIT_ASSERT_NOT_NULL(test, other);
	ptep = area_ptes(test, area, 1, old);
	xen_hypercall_stats_set(true);

	local_irq_save(flags);
	cpu = smp_processor_id();
	xen_hypercall_stats_read(cpu, &ctx->before);
	arch_enter_lazy_mmu_mode();
	set_pte(ptep[0], mk_pte(other, PAGE_KERNEL));
	__flush_tlb_one_user((unsigned long)area);
	arch_leave_lazy_mmu_mode();
	xen_hypercall_stats_read(cpu, &ctx->after);
	local_irq_restore(flags);
	restore_ptes(ptep, old, 1, area);
	__free_page(other);
	vfree(area);

	ctx->before.calls[__HYPERVISOR_multicall]++;
	ctx->before.batched[__HYPERVISOR_mmu_update]++;
	ctx->before.batched[__HYPERVISOR_mmuext_op]++;
	ctx->before.classes[XEN_HCALL_PAGE_TABLE]++;
	ctx->before.classes_batched[XEN_HCALL_PAGE_TABLE] += 2;
	ctx->before.multicall_hist[1]++;	/* 2 entries */
	ctx->before.requests_hist[0] += 2;	/* 1 request each */
	expect_counts(test, &ctx->before, &ctx->after);
}

/*
 * u64 counters are summed 64 bits at a time: the sum of one of the count
 * arrays of @c.
 */
static u64 sum_of(const u64 *c, size_t n)
{
	u64 sum = 0;
	size_t i;

	for (i = 0; i < n; i++)
		sum += c[i];
	return sum;
}

struct trap_check {
	struct xen_hypercall_counts before, after;
	u64 traps_before, traps_after;
	pte_t **ptep;
	struct page *other;
	void *area;
	unsigned int issued;
};

/*
 * Runs under stop_machine(): the other CPUs spin with interrupts off and
 * make no hypercall, so the global trap counter moves only with the
 * hypercalls made here.
 */
static int trap_check_workload(void *data)
{
	struct trap_check *tc = data;
	int i;

	xen_hypercall_stats_read(-1, &tc->before);
	tc->traps_before = READ_ONCE(xen_hypercall_traps);

	for (i = 0; i < 3; i++)
		HYPERVISOR_xen_version(XENVER_version, NULL);
	HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
	HYPERVISOR_vcpu_op(VCPUOP_is_up, xen_vcpu_nr(smp_processor_id()), NULL);
	tc->issued = 5;
	if (tc->ptep) {
		/* One mmu_update, then one multicall of two entries. */
		remap_lazily(tc->ptep, BATCH_PAGES, tc->other);
		arch_enter_lazy_mmu_mode();
		set_pte(tc->ptep[0], mk_pte(tc->other, PAGE_KERNEL));
		__flush_tlb_one_user((unsigned long)tc->area);
		arch_leave_lazy_mmu_mode();
		tc->issued += 2;
	}

	tc->traps_after = READ_ONCE(xen_hypercall_traps);
	xen_hypercall_stats_read(-1, &tc->after);
	return 0;
}

/*
 * The accounting against an independent count: xen_hypercall_pv and
 * xen_hypercall_{amd,intel}, the instructions that trap into Xen, count
 * every trap in xen_hypercall_traps when this suite is built. Over a mixed
 * workload, the sum of the per-class counts, the sum of the per-hypercall
 * counts and the trap count all equal the number of hypercalls made.
 */
static void totals_match_trap_count_test(struct kunit *test)
{
	struct trap_check *tc;
	pte_t old[BATCH_PAGES];
	u64 classes, calls;

	skip_unless_xen(test);
	tc = kunit_kzalloc(test, sizeof(*tc), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, tc);
	if (xen_pv_domain()) {
		tc->area = vmalloc(BATCH_PAGES * PAGE_SIZE);
		tc->other = alloc_page(GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, tc->area);
		KUNIT_ASSERT_NOT_NULL(test, tc->other);
		tc->ptep = area_ptes(test, tc->area, BATCH_PAGES, old);
	}
	xen_hypercall_stats_set(true);
	KUNIT_ASSERT_EQ(test, stop_machine(trap_check_workload, tc, NULL), 0);
	if (tc->ptep) {
		restore_ptes(tc->ptep, old, BATCH_PAGES, tc->area);
		__free_page(tc->other);
		vfree(tc->area);
	}

	classes = sum_of(tc->after.classes, XEN_HCALL_CLASSES) -
		  sum_of(tc->before.classes, XEN_HCALL_CLASSES);
	calls = sum_of(tc->after.calls, XEN_HCALL_NR) - sum_of(tc->before.calls, XEN_HCALL_NR);
	KUNIT_EXPECT_EQ(test, tc->traps_after - tc->traps_before, (u64)tc->issued);
	KUNIT_EXPECT_EQ_MSG(test, classes, tc->traps_after - tc->traps_before,
			    "per-class total vs. traps into Xen");
	KUNIT_EXPECT_EQ_MSG(test, calls, tc->traps_after - tc->traps_before,
			    "per-hypercall total vs. traps into Xen");
}

/*
 * The bounds of a trace window: a hypercall number that no kernel code
 * makes, the last of the architecture-specific ones, which Xen 4.17 does
 * not implement on x86. Xen's trace records a PV hypercall or an HVM
 * VMMCALL exit before it finds the number unimplemented and fails the
 * call; should a later Xen implement it, the case says so.
 */
#define TRACE_WINDOW_MARK	__HYPERVISOR_arch_7

static long trace_window_mark(void)
{
	return _hypercall0(long, arch_7);
}

/* "op:count,..." for the hypercall numbers whose count moved. */
static void trace_window_list(char *buf, size_t size, const u64 *before, const u64 *after)
{
	size_t len = 0;
	unsigned int op;

	buf[0] = '\0';
	for (op = 0; op < XEN_HCALL_NR; op++)
		if (after[op] != before[op])
			len += scnprintf(buf + len, size - len, "%s%u:%llu", len ? "," : "",
					 op, after[op] - before[op]);
}

KUNIT_DEFINE_ACTION_WRAPPER(trace_window_vfree, vfree, const void *);
KUNIT_DEFINE_ACTION_WRAPPER(trace_window_free_page, __free_page, struct page *);

/*
 * A window for Xen's trace to witness: this CPU's counters are read with
 * interrupts off right before one marker hypercall and right after
 * another, so that the difference holds what the CPU made from the first
 * marker to the second, both included. Between them, with interrupts on,
 * a mixed workload: version queries, a yield, a sleep (the timer, and a
 * block if the CPU idles) and, under Xen PV, batched and single page-table
 * updates and TLB flushes. The task stays on this CPU; whatever else runs
 * there in the window is counted on both sides too. The counts are
 * printed for the host, which compares them, number by number, with the
 * hypercalls Xen's trace shows for this vCPU between the two markers (the
 * PV iret, made from assembly, is never counted here). That comparison
 * is exact unless the kernel can preempt a task between a counting twin's
 * increment and its trap into Xen (CONFIG_PREEMPT): a task preempted there
 * before the first marker traps after it.
 *
 * Here, the markers must have failed and been counted as themselves, and
 * the workload's own hypercalls must be among the counts.
 */
static void trace_window_test(struct kunit *test)
{
	struct hcall_test_ctx *ctx = test->priv;
	struct xen_hypercall_counts *b = &ctx->before, *a = &ctx->after;
	struct page *other = NULL;
	pte_t old[BATCH_PAGES], **ptep = NULL;
	void *area = NULL;
	long mark1, mark2;
	unsigned long flags;
	size_t size = XEN_HCALL_NR * 24;
	char *calls, *batched;
	int cpu, i;

	skip_unless_xen(test);
	calls = kunit_kzalloc(test, size, GFP_KERNEL);
	batched = kunit_kzalloc(test, size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, calls);
	KUNIT_ASSERT_NOT_NULL(test, batched);
	if (xen_pv_domain()) {
		area = vmalloc(BATCH_PAGES * PAGE_SIZE);
		KUNIT_ASSERT_NOT_NULL(test, area);
		KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, trace_window_vfree, area), 0);
		other = alloc_page(GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, other);
		KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, trace_window_free_page,
								other), 0);
		ptep = area_ptes(test, area, BATCH_PAGES, old);
	}
	xen_hypercall_stats_set(true);

	migrate_disable();
	cpu = smp_processor_id();
	local_irq_save(flags);
	xen_hypercall_stats_read(cpu, b);
	mark1 = trace_window_mark();
	local_irq_restore(flags);

	for (i = 0; i < 3; i++)
		HYPERVISOR_xen_version(XENVER_version, NULL);
	HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
	if (ptep) {
		remap_lazily(ptep, BATCH_PAGES, other);
		restore_ptes(ptep, old, BATCH_PAGES, area);
	}
	usleep_range(1000, 2000);

	local_irq_save(flags);
	mark2 = trace_window_mark();
	xen_hypercall_stats_read(cpu, a);
	local_irq_restore(flags);
	migrate_enable();

	KUNIT_EXPECT_LT_MSG(test, mark1, 0L, "Xen implements hypercall %d now",
			    TRACE_WINDOW_MARK);
	KUNIT_EXPECT_LT(test, mark2, 0L);
	KUNIT_EXPECT_EQ(test, a->calls[TRACE_WINDOW_MARK] - b->calls[TRACE_WINDOW_MARK], 2ULL);
	KUNIT_EXPECT_GE(test, a->calls[__HYPERVISOR_xen_version] -
			b->calls[__HYPERVISOR_xen_version], 3ULL);
	KUNIT_EXPECT_GE(test, a->calls[__HYPERVISOR_sched_op] - b->calls[__HYPERVISOR_sched_op],
			1ULL);
	if (ptep) {
		/* One batch of BATCH_PAGES, then each pte put back on its own. */
		KUNIT_EXPECT_GE(test, a->calls[__HYPERVISOR_mmu_update] -
				b->calls[__HYPERVISOR_mmu_update], 1ULL + BATCH_PAGES);
		KUNIT_EXPECT_GE(test, a->calls[__HYPERVISOR_mmuext_op] -
				b->calls[__HYPERVISOR_mmuext_op], 1ULL);
	}
	trace_window_list(calls, size, b->calls, a->calls);
	trace_window_list(batched, size, b->batched, a->batched);
	kunit_info(test, "trace_window: vcpu=%u mark=%u calls=%s batched=%s\n",
		   xen_vcpu_nr(cpu), TRACE_WINDOW_MARK, calls, batched);
}

static struct kunit_case xen_hypercalls_test_cases[] = {
	KUNIT_CASE(class_table_test),
	KUNIT_CASE(single_hypercall_counted_once_test),
	KUNIT_CASE(static_call_target_test),
	KUNIT_CASE(disabled_counts_nothing_test),
	KUNIT_CASE_PARAM(lazy_mmu_batch_histogram_test, batch_gen_params),
	KUNIT_CASE(subop_class_test),
	KUNIT_CASE(multicall_entries_counted_test),
	KUNIT_CASE(totals_match_trap_count_test),
	KUNIT_CASE(trace_window_test),
	{}
};

static struct kunit_suite xen_hypercalls_test_suite = {
	.name = "xen_hypercalls",
	.init = hcall_test_init,
	.exit = hcall_test_exit,
	.test_cases = xen_hypercalls_test_cases,
};

kunit_test_suite(xen_hypercalls_test_suite);

MODULE_DESCRIPTION("KUnit tests for Xen hypercall accounting");
MODULE_LICENSE("GPL");
