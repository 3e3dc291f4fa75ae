// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for Xen hypercall accounting (CONFIG_XEN_HYPERCALL_STATS).
 *
 * Each counting case makes hypercalls of a known kind on one CPU, with
 * interrupts off so that nothing else runs there, and compares snapshots
 * of that CPU's counters taken before and after: exactly the expected
 * counters must have moved, each by the expected amount. The counting
 * cases need a Xen guest that counts (chosen at boot), the batching cases
 * a Xen PV guest, where page-table updates are hypercalls.
 *
 * The counters are the series' own, so they cannot witness themselves:
 * the independent count is Xen's trace. The last case marks a window of a
 * mixed workload for it; a host that reads the trace compares, number by
 * number, what Xen saw this vCPU make with what the counters say.
 */

#include <kunit/test.h>
#include <kunit/visibility.h>
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/irqflags.h>
#include <linux/kthread.h>
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/processor.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <linux/vmalloc.h>
#include <asm/tlbflush.h>
#include <asm/xen/hypercall.h>
#include <xen/interface/vcpu.h>
#include <xen/interface/version.h>
#include <xen/xen.h>
#include <xen/xen-ops.h>

#include "../xen-ops.h"

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

#define BATCH_PAGES	8
/* Pages the lazy MMU batch cases remap, at most (one mmu_update holds 32). */
#define BATCH_PAGES_MAX	24

/* Counter words in struct xen_hypercall_counts. */
#define COUNT_WORDS	(sizeof(struct xen_hypercall_counts) / sizeof(u64))

struct hcall_test_ctx {
	struct xen_hypercall_counts before, after;
};

static int hcall_test_init(struct kunit *test)
{
	struct hcall_test_ctx *ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);

	if (!ctx)
		return -ENOMEM;
	test->priv = ctx;
	return 0;
}

/*
 * Every counter of @after must equal the one of @want, which is @before
 * with the expected increments applied. Name the first one that does not.
 */
static void expect_counts(struct kunit *test, const struct xen_hypercall_counts *want,
			  const struct xen_hypercall_counts *after)
{
	const u64 *w = (const u64 *)want, *a = (const u64 *)after;
	size_t i;

	for (i = 0; i < COUNT_WORDS; i++)
		if (w[i] != a[i])
			break;
	KUNIT_EXPECT_EQ_MSG(test, i, COUNT_WORDS,
			    "counter %zu of struct xen_hypercall_counts: want %llu, got %llu",
			    i, i < COUNT_WORDS ? w[i] : 0, i < COUNT_WORDS ? a[i] : 0);
}

static void skip_unless_counting(struct kunit *test)
{
	if (!xen_domain())
		kunit_skip(test, "not a Xen guest: no hypercalls");
	if (!xen_hypercall_stats_counting())
		kunit_skip(test, "hypercalls not counted (xen_hypercall_stats=off)");
}

static void skip_unless_counting_pv(struct kunit *test)
{
	skip_unless_counting(test);
	if (!xen_pv_domain())
		kunit_skip(test, "not a Xen PV guest: page tables are not updated by hypercall");
}

/* This CPU's counters around @fn(@arg), with interrupts off. */
static void count_around(struct hcall_test_ctx *ctx, void (*fn)(void *), void *arg)
{
	unsigned long flags;
	int cpu;

	local_irq_save(flags);
	cpu = smp_processor_id();
	xen_hypercall_stats_snapshot(cpu, &ctx->before);
	fn(arg);
	xen_hypercall_stats_snapshot(cpu, &ctx->after);
	local_irq_restore(flags);
}

/*
 * Outside Xen nothing is counted and nothing is created: no counters, no
 * debugfs file, and the static call is not pointed to a twin.
 */
static void nothing_outside_xen_test(struct kunit *test)
{
	struct dentry *dir;

	if (xen_domain())
		kunit_skip(test, "a Xen guest");
	KUNIT_EXPECT_FALSE(test, xen_hypercall_stats_counting());
	dir = debugfs_lookup("xen", NULL);
	if (dir) {
		struct dentry *file = debugfs_lookup("hypercalls", dir);

		KUNIT_EXPECT_NULL(test, file);
		dput(file);
		dput(dir);
	}
}

/*
 * The choice made at boot: when counting, the xen_hypercall static call
 * goes to the counting twin of the hypercall function for this guest (PV:
 * the syscall instruction, else AMD's vmmcall or Intel's vmcall, by CPU
 * vendor); when not, to no twin.
 */
static void boot_choice_test(struct kunit *test)
{
	enum xen_hcall_func kind;
	xen_hypercall_fn_t target, want;
	bool counting = xen_hypercall_stats_counting();

	if (!xen_domain())
		kunit_skip(test, "not a Xen guest: no hypercalls");
	if (xen_pv_domain())
		kind = XEN_HCALL_FUNC_PV;
	else if (boot_cpu_data.x86_vendor == X86_VENDOR_AMD ||
		 boot_cpu_data.x86_vendor == X86_VENDOR_HYGON)
		kind = XEN_HCALL_FUNC_AMD;
	else
		kind = XEN_HCALL_FUNC_INTEL;
	target = xen_hypercall_stats_static_call();
	want = xen_hypercall_stats_function(kind, counting);
	KUNIT_ASSERT_NOT_NULL(test, want);
	KUNIT_EXPECT_PTR_EQ_MSG(test, target, want, "%s: goes to %ps, not %ps",
				counting ? "counting" : "not counting", target, want);
}

static void make_xen_version(void *unused)
{
	HYPERVISOR_xen_version(XENVER_version, NULL);
}

/* One xen_version hypercall: its number counted once, and nothing else. */
static void single_hypercall_counted_once_test(struct kunit *test)
{
	struct hcall_test_ctx *ctx = test->priv;

	skip_unless_counting(test);
	count_around(ctx, make_xen_version, NULL);
	ctx->before.direct.calls[__HYPERVISOR_xen_version]++;
	expect_counts(test, &ctx->before, &ctx->after);
}

static void make_stop_periodic_timer(void *unused)
{
	HYPERVISOR_vcpu_op(VCPUOP_stop_periodic_timer, xen_vcpu_nr(smp_processor_id()), NULL);
}

/*
 * A hypercall whose class depends on its sub-operation: stopping the
 * periodic timer (which Linux has done at boot already, so it changes
 * nothing) is a vcpu_op counted once by number and once by sub-operation,
 * and read as one call of class "timer".
 */
static void subop_class_test(struct kunit *test)
{
	struct hcall_test_ctx *ctx = test->priv;
	u64 before[XEN_HCALL_CLASSES], after[XEN_HCALL_CLASSES];

	skip_unless_counting(test);
	count_around(ctx, make_stop_periodic_timer, NULL);
	xen_hypercall_stats_classes(&ctx->before.direct, before);
	xen_hypercall_stats_classes(&ctx->after.direct, after);
	KUNIT_EXPECT_EQ(test, after[XEN_HCALL_TIMER] - before[XEN_HCALL_TIMER], 1ULL);
	KUNIT_EXPECT_EQ(test, after[XEN_HCALL_OTHER], before[XEN_HCALL_OTHER]);
	KUNIT_EXPECT_EQ(test, after[XEN_HCALL_INTERRUPT], before[XEN_HCALL_INTERRUPT]);
	KUNIT_EXPECT_EQ(test, after[XEN_HCALL_PAGE_TABLE], before[XEN_HCALL_PAGE_TABLE]);

	ctx->before.direct.calls[__HYPERVISOR_vcpu_op]++;
	ctx->before.direct.subops[XEN_HCALL_SUBOP_VCPU][VCPUOP_stop_periodic_timer]++;
	expect_counts(test, &ctx->before, &ctx->after);
}

/*
 * A multicall issued for user space (privcmd, with user access enabled)
 * whose entry list is a hostile pointer and whose count is absurd: Xen
 * fails it with -EFAULT, and the accounting counts one multicall trap and
 * nothing else: no entry was read (a read would fault, or walk four
 * billion entries).
 */
struct hostile_param {
	bool non_canonical;
	const char *desc;
};

/*
 * The guard page above user space, which nothing maps, and the same
 * address with bit 63 set: non-canonical, which a PV guest's Xen refuses
 * up front; a PVH or HVM guest's Xen walks only bits 47:0 and finds the
 * same unmapped page.
 */
static const struct hostile_param hostile_params[] = {
	{ false, "the guard page above user space" },
	{ true, "a non-canonical address" },
};

KUNIT_ARRAY_PARAM_DESC(hostile, hostile_params, desc);

struct hostile_call {
	unsigned long list;
	long ret;
};

static void make_hostile_multicall(void *arg)
{
	struct hostile_call *hc = arg;

	hc->ret = privcmd_call(__HYPERVISOR_multicall, hc->list, U32_MAX, 0, 0, 0);
}

static void privcmd_hostile_multicall_test(struct kunit *test)
{
	const struct hostile_param *param = test->param_value;
	struct hcall_test_ctx *ctx = test->priv;
	struct hostile_call hc = { .list = (1UL << 47) - PAGE_SIZE };

	skip_unless_counting(test);
	if (param->non_canonical)
		hc.list |= BIT(63);
	count_around(ctx, make_hostile_multicall, &hc);
	KUNIT_EXPECT_EQ(test, hc.ret, (long)-EFAULT);
	ctx->before.direct.calls[__HYPERVISOR_multicall]++;
	expect_counts(test, &ctx->before, &ctx->after);
}

struct remap {
	pte_t **ptep;
	struct page *page;
	void *area;
	unsigned int n;
};

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

/* Put the ptes back; only this CPU touched the area. */
static void restore_ptes(pte_t **ptep, const pte_t *old, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		set_pte(ptep[i], old[i]);
	__flush_tlb_all();
}

KUNIT_DEFINE_ACTION_WRAPPER(hcall_vfree, vfree, const void *);
KUNIT_DEFINE_ACTION_WRAPPER(hcall_free_page, __free_page, struct page *);

/* @n pages of vmalloc space and a page to map there, freed after the case. */
static void remap_setup(struct kunit *test, struct remap *r, unsigned int n, pte_t *old)
{
	r->n = n;
	r->area = vmalloc(n * PAGE_SIZE);
	KUNIT_ASSERT_NOT_NULL(test, r->area);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, hcall_vfree, r->area), 0);
	r->page = alloc_page(GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, r->page);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, hcall_free_page, r->page), 0);
	r->ptep = area_ptes(test, r->area, n, old);
}

static void make_lazy_remap(void *arg)
{
	struct remap *r = arg;

	remap_lazily(r->ptep, r->n, r->page);
}

static const unsigned int batch_sizes[] = { BATCH_PAGES, BATCH_PAGES_MAX };

static void batch_desc(const unsigned int *n, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%u requests", *n);
}

KUNIT_ARRAY_PARAM(batch, batch_sizes, batch_desc);

/*
 * N pte updates in lazy MMU mode leave as one mmu_update carrying N
 * requests (a single queued entry is issued directly, not as a multicall):
 * one mmu_update, counted once by number and once as a batch of N.
 */
static void lazy_mmu_batch_test(struct kunit *test)
{
	struct hcall_test_ctx *ctx = test->priv;
	pte_t old[BATCH_PAGES_MAX];
	struct remap r;

	skip_unless_counting_pv(test);
	remap_setup(test, &r, *(const unsigned int *)test->param_value, old);
	count_around(ctx, make_lazy_remap, &r);
	restore_ptes(r.ptep, old, r.n);

	ctx->before.direct.calls[__HYPERVISOR_mmu_update]++;
	ctx->before.direct.requests[r.n]++;
	expect_counts(test, &ctx->before, &ctx->after);
}

static void make_pte_and_flush(void *arg)
{
	struct remap *r = arg;

	arch_enter_lazy_mmu_mode();
	set_pte(r->ptep[0], mk_pte(r->page, PAGE_KERNEL));
	__flush_tlb_one_user((unsigned long)r->area);
	arch_leave_lazy_mmu_mode();
}

/*
 * A pte update and a TLB flush queued together leave as one multicall of
 * two entries: one multicall trap; an mmu_update and an mmuext_op of one
 * request each among the batched calls; one multicall of two entries.
 */
static void multicall_entries_counted_test(struct kunit *test)
{
	struct hcall_test_ctx *ctx = test->priv;
	u64 classes[XEN_HCALL_CLASSES];
	struct remap r;
	pte_t old[1];

	skip_unless_counting_pv(test);
	remap_setup(test, &r, 1, old);
	count_around(ctx, make_pte_and_flush, &r);
	restore_ptes(r.ptep, old, 1);

	ctx->before.direct.calls[__HYPERVISOR_multicall]++;
	ctx->before.batched.calls[__HYPERVISOR_mmu_update]++;
	ctx->before.batched.calls[__HYPERVISOR_mmuext_op]++;
	ctx->before.batched.requests[1] += 2;
	ctx->before.multicall_entries[2]++;
	expect_counts(test, &ctx->before, &ctx->after);

	/* Both entries read as page-table work. */
	memset(&ctx->before, 0, sizeof(ctx->before));
	ctx->before.batched.calls[__HYPERVISOR_mmu_update] = 1;
	ctx->before.batched.calls[__HYPERVISOR_mmuext_op] = 1;
	xen_hypercall_stats_classes(&ctx->before.batched, classes);
	KUNIT_EXPECT_EQ(test, classes[XEN_HCALL_PAGE_TABLE], 2ULL);
}

/*
 * A hypercall number no kernel code makes, which Xen 4.17 does not
 * implement on x86 and fails: something to count that nothing else moves.
 * The reset case uses arch_6; arch_7 marks the trace window.
 */
static long make_unused_hypercall(void)
{
	return _hypercall0(long, arch_6);
}

static int probe_on_cpu(void *arg)
{
	unsigned int i, *n = arg;

	for (i = 0; i < *n; i++)
		make_unused_hypercall();
	return 0;
}

/*
 * A reset zeroes what every CPU reads: each online CPU makes three calls
 * of an unused number, the counts are reset, and every CPU reads zero for
 * it; two more calls each, and every CPU reads two.
 */
static void reset_every_cpu_test(struct kunit *test)
{
	struct hcall_test_ctx *ctx = test->priv;
	unsigned int n;
	int cpu;

	skip_unless_counting(test);
	cpus_read_lock();
	n = 3;
	for_each_online_cpu(cpu)
		KUNIT_EXPECT_EQ(test, smp_call_on_cpu(cpu, probe_on_cpu, &n, false), 0);
	xen_hypercall_stats_reset();
	for_each_online_cpu(cpu) {
		xen_hypercall_stats_read(cpu, &ctx->after);
		KUNIT_EXPECT_EQ_MSG(test, ctx->after.direct.calls[__HYPERVISOR_arch_6], 0ULL,
				    "CPU %d after the reset", cpu);
	}
	n = 2;
	for_each_online_cpu(cpu)
		KUNIT_EXPECT_EQ(test, smp_call_on_cpu(cpu, probe_on_cpu, &n, false), 0);
	for_each_online_cpu(cpu) {
		xen_hypercall_stats_read(cpu, &ctx->after);
		KUNIT_EXPECT_EQ_MSG(test, ctx->after.direct.calls[__HYPERVISOR_arch_6], 2ULL,
				    "CPU %d, two calls after the reset", cpu);
	}
	cpus_read_unlock();
}

#define STRESS_ROUNDS	100
/* Far above any count a test can reach: a count above it went below zero. */
#define COUNT_SANE	BIT_ULL(48)

struct stress_worker {
	struct task_struct *task;
	struct xen_hypercall_counts prev, cur, first, last;
	unsigned long reads, bad, made;
	int cpu;
	char what[96];
};

/*
 * One per online CPU, bound to it: makes hypercalls of an unused number
 * and reads every CPU's counts, over and over. No count may exceed
 * COUNT_SANE (a negative count would), and between two reads with no
 * reset between them none may go backwards. Its own CPU's raw counters,
 * which no reset may write, must count every call it made.
 */
static int stress_worker_fn(void *arg)
{
	struct stress_worker *w = arg;
	unsigned long gen, prev_gen = ULONG_MAX;
	const u64 *p = (const u64 *)&w->prev, *c = (const u64 *)&w->cur;
	size_t i;

	xen_hypercall_stats_snapshot(w->cpu, &w->first);
	while (!kthread_should_stop()) {
		make_unused_hypercall();
		w->made++;
		gen = xen_hypercall_stats_read(-1, &w->cur);
		for (i = 0; i < COUNT_WORDS; i++) {
			if (c[i] >= COUNT_SANE || (gen == prev_gen && c[i] < p[i])) {
				if (!w->bad++)
					snprintf(w->what, sizeof(w->what),
						 "word %zu: %llu after %llu (resets %lu, %lu)",
						 i, c[i], p[i], prev_gen, gen);
			}
		}
		w->prev = w->cur;
		prev_gen = gen;
		w->reads++;
		cond_resched();
	}
	xen_hypercall_stats_snapshot(w->cpu, &w->last);
	return 0;
}

/*
 * Reads and resets racing with hypercalls on every vCPU: STRESS_ROUNDS
 * resets while a worker on each online CPU makes hypercalls and reads all
 * counts. No read may see a count below zero or going backwards, and each
 * CPU's counters must hold every call its worker made: a reset loses
 * nothing.
 */
static void read_reset_stress_test(struct kunit *test)
{
	struct stress_worker **w;
	unsigned int round, n = 0;
	u64 counted;
	int cpu;

	skip_unless_counting(test);
	w = kunit_kcalloc(test, nr_cpu_ids, sizeof(*w), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, w);
	cpus_read_lock();
	for_each_online_cpu(cpu) {
		w[cpu] = kunit_kzalloc(test, sizeof(*w[cpu]), GFP_KERNEL);
		if (!w[cpu]) {
			KUNIT_FAIL(test, "no memory for the worker of CPU %d", cpu);
			continue;
		}
		w[cpu]->cpu = cpu;
		w[cpu]->task = kthread_run_on_cpu(stress_worker_fn, w[cpu], cpu, "hcstress/%u");
		if (IS_ERR(w[cpu]->task)) {
			w[cpu]->task = NULL;
			KUNIT_FAIL(test, "no worker thread on CPU %d", cpu);
		}
	}
	for (round = 0; round < STRESS_ROUNDS; round++) {
		xen_hypercall_stats_reset();
		usleep_range(1000, 2000);
	}
	for_each_online_cpu(cpu) {
		if (!w[cpu] || !w[cpu]->task)
			continue;
		kthread_stop(w[cpu]->task);
		n++;
		counted = w[cpu]->last.direct.calls[__HYPERVISOR_arch_6] -
			  w[cpu]->first.direct.calls[__HYPERVISOR_arch_6];
		KUNIT_EXPECT_GT_MSG(test, w[cpu]->reads, 0UL, "CPU %d never read", cpu);
		KUNIT_EXPECT_EQ_MSG(test, w[cpu]->bad, 0UL, "CPU %d: %lu bad reads, first %s",
				    cpu, w[cpu]->bad, w[cpu]->what);
		KUNIT_EXPECT_EQ_MSG(test, counted, (u64)w[cpu]->made,
				    "CPU %d: calls counted vs. made", cpu);
	}
	cpus_read_unlock();
	kunit_info(test, "%u rounds of reset, %u workers\n", STRESS_ROUNDS, n);
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
 * is exact unless Xen preempts a long hypercall and continues it (Xen
 * traces each continuation, counted here once; the host's reader tells
 * those of mmu_update and mmuext_op apart), or the kernel can preempt a
 * task between a counting twin's increment and its trap into Xen
 * (CONFIG_PREEMPT): a task preempted there before the first marker traps
 * after it.
 *
 * Here, the markers must have failed and been counted as themselves, and
 * the workload's own hypercalls must be among the counts.
 */
static void trace_window_test(struct kunit *test)
{
	struct hcall_test_ctx *ctx = test->priv;
	struct xen_hcall_block *b = &ctx->before.direct, *a = &ctx->after.direct;
	struct remap r = {};
	pte_t old[BATCH_PAGES];
	long mark1, mark2;
	unsigned long flags;
	size_t size = XEN_HCALL_NR * 24;
	char *calls, *batched;
	int cpu, i;

	skip_unless_counting(test);
	calls = kunit_kzalloc(test, size, GFP_KERNEL);
	batched = kunit_kzalloc(test, size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, calls);
	KUNIT_ASSERT_NOT_NULL(test, batched);
	if (xen_pv_domain())
		remap_setup(test, &r, BATCH_PAGES, old);

	migrate_disable();
	cpu = smp_processor_id();
	local_irq_save(flags);
	xen_hypercall_stats_snapshot(cpu, &ctx->before);
	mark1 = trace_window_mark();
	local_irq_restore(flags);

	for (i = 0; i < 3; i++)
		HYPERVISOR_xen_version(XENVER_version, NULL);
	HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
	if (r.ptep) {
		remap_lazily(r.ptep, BATCH_PAGES, r.page);
		restore_ptes(r.ptep, old, BATCH_PAGES);
	}
	usleep_range(1000, 2000);

	local_irq_save(flags);
	mark2 = trace_window_mark();
	xen_hypercall_stats_snapshot(cpu, &ctx->after);
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
	if (r.ptep) {
		/* One batch of BATCH_PAGES, then each pte put back on its own. */
		KUNIT_EXPECT_GE(test, a->calls[__HYPERVISOR_mmu_update] -
				b->calls[__HYPERVISOR_mmu_update], 1ULL + BATCH_PAGES);
		KUNIT_EXPECT_GE(test, a->calls[__HYPERVISOR_mmuext_op] -
				b->calls[__HYPERVISOR_mmuext_op], 1ULL);
	}
	trace_window_list(calls, size, b->calls, a->calls);
	trace_window_list(batched, size, ctx->before.batched.calls, ctx->after.batched.calls);
	kunit_info(test, "trace_window: vcpu=%u mark=%u calls=%s batched=%s\n",
		   xen_vcpu_nr(cpu), TRACE_WINDOW_MARK, calls, batched);
}

static struct kunit_case xen_hypercalls_test_cases[] = {
	KUNIT_CASE(nothing_outside_xen_test),
	KUNIT_CASE(boot_choice_test),
	KUNIT_CASE(single_hypercall_counted_once_test),
	KUNIT_CASE(subop_class_test),
	KUNIT_CASE_PARAM(privcmd_hostile_multicall_test, hostile_gen_params),
	KUNIT_CASE_PARAM(lazy_mmu_batch_test, batch_gen_params),
	KUNIT_CASE(multicall_entries_counted_test),
	KUNIT_CASE(reset_every_cpu_test),
	KUNIT_CASE_SLOW(read_reset_stress_test),
	{}
};

static struct kunit_suite xen_hypercalls_test_suite = {
	.name = "xen_hypercalls",
	.init = hcall_test_init,
	.test_cases = xen_hypercalls_test_cases,
};

/*
 * The trace window, a suite of its own: a dom0 that records Xen's trace
 * of itself runs it again, alone, once the trace is on (debugfs "run").
 */
static struct kunit_case xen_hypercalls_trace_test_cases[] = {
	KUNIT_CASE(trace_window_test),
	{}
};

static struct kunit_suite xen_hypercalls_trace_test_suite = {
	.name = "xen_hypercalls_trace",
	.init = hcall_test_init,
	.test_cases = xen_hypercalls_trace_test_cases,
};

kunit_test_suites(&xen_hypercalls_test_suite, &xen_hypercalls_trace_test_suite);

MODULE_DESCRIPTION("KUnit tests for Xen hypercall accounting");
MODULE_LICENSE("GPL");
