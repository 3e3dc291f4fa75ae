// SPDX-License-Identifier: GPL-2.0
/*
 * Per-CPU counts of the hypercalls this kernel makes, by hypercall number,
 * and what they mean: operation classes (page-table, interrupt, timer,
 * other) and batch sizes.
 *
 * Whether to count is chosen at boot (CONFIG_XEN_HYPERCALL_STATS_DEFAULT,
 * "xen_hypercall_stats=" on the command line), where the kernel sets the
 * xen_hypercall static call: when counting, it points to a counting twin
 * of its target (hypercall_stats_asm.S) instead of the target itself; when
 * not, it points where it would without this file, and no counters are
 * allocated. Nothing changes the static call after boot.
 *
 * The twins count each trap into Xen by hypercall number, and some by one
 * argument (struct xen_hcall_block); they read nothing else, so a
 * hypercall issued for user space (privcmd) is counted like any other,
 * and a privcmd multicall as one call whose entries stay unread. The
 * entries of the kernel's own multicalls are counted in C, from the
 * kernel's array, when the multicall is issued (xen_mc_flush()).
 * Hypercalls made from assembly (the PV iret and syscall return paths) do
 * not go through the static call and are not counted; neither are those
 * made before the counters exist, early in boot.
 *
 * The counters only ever increase, each on its own CPU. Reading another
 * CPU's counters is therefore safe at any time, and a reset does not write
 * them: it records their values as the zero of later reads (struct
 * xen_hypercall_counts baselines), so a read after a reset never goes
 * below zero, whatever the other CPUs are doing.
 *
 * debugfs: /sys/kernel/debug/xen/hypercalls, only in a Xen guest that
 * counts. Reading it prints the counts since the last reset, summed over
 * all CPUs; writing "reset" resets them. Anything else is rejected with
 * -EINVAL.
 */

#include <linux/debugfs.h>
#include <linux/init.h>
#include <linux/kstrtox.h>
#include <linux/log2.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/static_call.h>
#include <linux/string.h>
#include <linux/string_choices.h>
#include <linux/uaccess.h>
#include <kunit/visibility.h>
#include <xen/interface/hvm/hvm_op.h>
#include <xen/interface/sched.h>
#include <xen/interface/vcpu.h>
#include <xen/interface/xen.h>
#include <xen/xen.h>
#include <asm/xen/hypercall.h>

#include "xen-ops.h"

static const char *const xen_hcall_class_names[XEN_HCALL_CLASSES] = {
	[XEN_HCALL_PAGE_TABLE]	= "page-table",
	[XEN_HCALL_INTERRUPT]	= "interrupt",
	[XEN_HCALL_TIMER]	= "timer",
	[XEN_HCALL_OTHER]	= "other",
};

/**
 * xen_hypercall_class - the operation class a hypercall is accounted to
 * @op: hypercall number
 * @subop: its sub-operation (first argument), for sched_op, vcpu_op and
 *	hvm_op; ignored for the others
 *
 * The one place that says which hypercalls are page-table, interrupt or
 * timer work:
 *  - page-table: mmu_update, mmuext_op, update_va_mapping and
 *    update_va_mapping_otherdomain, the PV page-table operations;
 *  - interrupt: event channels (event_channel_op and its compat form),
 *    physdev_op (pirqs), callback_op (the event upcall), a vCPU's
 *    vcpu_info registration and HVMOP_set_evtchn_upcall_vector (where
 *    events are delivered), and SCHEDOP_block and SCHEDOP_poll, which wait
 *    for an event;
 *  - timer: set_timer_op, the one-shot and periodic timer vcpu_ops and the
 *    runstate area registration (steal time);
 *  - other: everything else, multicall included (its entries are
 *    classified one by one).
 *
 * Return: the class.
 */
enum xen_hcall_class xen_hypercall_class(unsigned int op, unsigned long subop)
{
	switch (op) {
	case __HYPERVISOR_mmu_update:
	case __HYPERVISOR_mmuext_op:
	case __HYPERVISOR_update_va_mapping:
	case __HYPERVISOR_update_va_mapping_otherdomain:
		return XEN_HCALL_PAGE_TABLE;
	case __HYPERVISOR_event_channel_op:
	case __HYPERVISOR_event_channel_op_compat:
	case __HYPERVISOR_physdev_op:
	case __HYPERVISOR_callback_op:
		return XEN_HCALL_INTERRUPT;
	case __HYPERVISOR_sched_op:
		if (subop == SCHEDOP_block || subop == SCHEDOP_poll)
			return XEN_HCALL_INTERRUPT;
		return XEN_HCALL_OTHER;
	case __HYPERVISOR_hvm_op:
		if (subop == HVMOP_set_evtchn_upcall_vector)
			return XEN_HCALL_INTERRUPT;
		return XEN_HCALL_OTHER;
	case __HYPERVISOR_set_timer_op:
		return XEN_HCALL_TIMER;
	case __HYPERVISOR_vcpu_op:
		switch (subop) {
		case VCPUOP_set_singleshot_timer:
		case VCPUOP_stop_singleshot_timer:
		case VCPUOP_set_periodic_timer:
		case VCPUOP_stop_periodic_timer:
		case VCPUOP_register_runstate_memory_area:
			return XEN_HCALL_TIMER;
		case VCPUOP_register_vcpu_info:
			return XEN_HCALL_INTERRUPT;
		}
		return XEN_HCALL_OTHER;
	}
	return XEN_HCALL_OTHER;
}
EXPORT_SYMBOL_IF_KUNIT(xen_hypercall_class);

/* The sub-operation counters' slot of a hypercall, or -1. */
static int xen_hcall_subop_slot(unsigned long op)
{
	switch (op) {
	case __HYPERVISOR_sched_op:
		return XEN_HCALL_SUBOP_SCHED;
	case __HYPERVISOR_vcpu_op:
		return XEN_HCALL_SUBOP_VCPU;
	case __HYPERVISOR_hvm_op:
		return XEN_HCALL_SUBOP_HVM;
	}
	return -1;
}

static bool xen_hcall_has_requests(unsigned long op)
{
	return op == __HYPERVISOR_mmu_update || op == __HYPERVISOR_mmuext_op;
}

/*
 * Whether to count, chosen at boot and then fixed: the Kconfig default,
 * or "xen_hypercall_stats=" on the command line.
 */
static bool xen_hcall_counting __ro_after_init =
	IS_ENABLED(CONFIG_XEN_HYPERCALL_STATS_DEFAULT);

/* Each hypercall function and its counting twin (hypercall_stats_asm.S). */
static const struct {
	xen_hypercall_fn_t func, counted;
} xen_hcall_twins[] = {
#ifdef CONFIG_XEN_PV
	[XEN_HCALL_FUNC_PV] = { xen_hypercall_pv, xen_hypercall_pv_counted },
#endif
	[XEN_HCALL_FUNC_AMD] = { xen_hypercall_amd, xen_hypercall_amd_counted },
	[XEN_HCALL_FUNC_INTEL] = { xen_hypercall_intel, xen_hypercall_intel_counted },
};

/* @func, or its twin or the function it stands for, as @counted asks. */
static __always_inline xen_hypercall_fn_t
xen_hcall_twin(xen_hypercall_fn_t func, bool counted)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(xen_hcall_twins); i++) {
		if (xen_hcall_twins[i].func &&
		    (func == xen_hcall_twins[i].func || func == xen_hcall_twins[i].counted))
			return counted ? xen_hcall_twins[i].counted : xen_hcall_twins[i].func;
	}
	return func;
}

/**
 * xen_hypercall_stats_target - where the xen_hypercall static call goes
 * @func: the hypercall function chosen for this guest (xen_hypercall_pv,
 *	xen_hypercall_amd or xen_hypercall_intel)
 *
 * Called where the static call is set, at boot, possibly before the kernel
 * has parsed its command line: then the Kconfig default decides, and
 * xen_hypercall_stats= moves the static call if it says otherwise.
 *
 * Return: @func's counting twin when hypercalls are counted, else @func.
 */
noinstr xen_hypercall_fn_t
xen_hypercall_stats_target(xen_hypercall_fn_t func)
{
	return xen_hcall_twin(func, xen_hcall_counting);
}

#if IS_ENABLED(CONFIG_KUNIT)
/**
 * xen_hypercall_stats_static_call - where the xen_hypercall static call goes
 *
 * For tests: the static call's key is not exported.
 *
 * Return: the function it calls.
 */
xen_hypercall_fn_t xen_hypercall_stats_static_call(void)
{
	return static_call_query(xen_hypercall);
}
EXPORT_SYMBOL_IF_KUNIT(xen_hypercall_stats_static_call);

/**
 * xen_hypercall_stats_function - a hypercall function or its counting twin
 * @kind: which hypercall function
 * @counted: the twin rather than the function
 *
 * For tests, which work out from the guest type and CPU vendor where the
 * boot should have pointed the static call.
 *
 * Return: the function, or NULL when the kernel has none of that kind.
 */
xen_hypercall_fn_t xen_hypercall_stats_function(enum xen_hcall_func kind,
						bool counted)
{
	if (kind >= ARRAY_SIZE(xen_hcall_twins))
		return NULL;
	return counted ? xen_hcall_twins[kind].counted : xen_hcall_twins[kind].func;
}
EXPORT_SYMBOL_IF_KUNIT(xen_hypercall_stats_function);
#endif

static int __init xen_hypercall_stats_param(char *arg)
{
	xen_hypercall_fn_t func, next;
	bool on;

	if (kstrtobool(arg, &on))
		return -EINVAL;
	xen_hcall_counting = on;
	/*
	 * A PV guest sets the static call before the command line is parsed,
	 * a PVH guest at its first hypercall: move it while this is still
	 * the only CPU and kernel text is written as at boot. Where it is not
	 * set yet (bare metal, an HVM guest), it is left to the code that
	 * sets it.
	 */
	func = static_call_query(xen_hypercall);
	next = xen_hcall_twin(func, on);
	if (next != func)
		static_call_update(xen_hypercall, next);
	return 0;
}
early_param("xen_hypercall_stats", xen_hypercall_stats_param);

/*
 * This CPU's counters, read by the twins: NULL until allocated. Not in
 * .bss, which a PVH guest clears after its first hypercalls.
 */
struct xen_hypercall_counts __percpu *xen_hcall_percpu __ro_after_init;
/* The counters' values at the last reset, the zero of xen_hypercall_stats_read(). */
static struct xen_hypercall_counts __percpu *xen_hcall_base __ro_after_init;

/* The twins' view of the layout (hypercall_stats.h) is the compiler's. */
static_assert(offsetof(struct xen_hypercall_counts, direct) == 0);
static_assert(offsetof(struct xen_hcall_block, requests) == XEN_HCALL_REQ_OFFSET);
static_assert(offsetof(struct xen_hcall_block, subops) == XEN_HCALL_SUBOP_OFFSET);
static_assert(sizeof(struct xen_hcall_block) == XEN_HCALL_BLOCK_SIZE);
/* Serializes resets and the reads that subtract the baselines. */
static DEFINE_MUTEX(xen_hcall_lock);
/* Resets so far, under xen_hcall_lock. */
static unsigned long xen_hcall_resets;

/* Count one hypercall in a block of this CPU, as a twin would. */
static void xen_hcall_count(struct xen_hcall_block __percpu *b, unsigned long op,
			    unsigned long a1, unsigned long a2)
{
	int slot = xen_hcall_subop_slot(op);

	this_cpu_inc(b->calls[min(op, XEN_HCALL_LAST)]);
	if (xen_hcall_has_requests(op))
		this_cpu_inc(b->requests[min(a2, XEN_HCALL_BATCH_LAST)]);
	else if (slot >= 0)
		this_cpu_inc(b->subops[slot][min(a1, XEN_HCALL_SUBOP_LAST)]);
}

/**
 * __xen_hypercall_stats_multicall - count the entries of a kernel multicall
 * @mc: the entries, a kernel array
 * @n: how many
 *
 * Called, through xen_hypercall_stats_multicall(), by xen_mc_flush() with
 * interrupts disabled, before it issues the multicall; the trap itself is
 * counted by the twin.
 */
void __xen_hypercall_stats_multicall(const struct multicall_entry *mc, unsigned int n)
{
	struct xen_hypercall_counts __percpu *pc = xen_hcall_percpu;
	unsigned int i;

	for (i = 0; i < n; i++)
		xen_hcall_count(&pc->batched, mc[i].op, mc[i].args[0], mc[i].args[1]);
	this_cpu_inc(pc->multicall_entries[min(n, XEN_HCALL_BATCH_LAST)]);
}

/**
 * xen_hypercall_stats_counting - whether this kernel counts hypercalls
 *
 * Return: true when counting was chosen at boot and the counters exist.
 */
bool xen_hypercall_stats_counting(void)
{
	return !!READ_ONCE(xen_hcall_percpu);
}
EXPORT_SYMBOL_IF_KUNIT(xen_hypercall_stats_counting);

#define XEN_HCALL_WORDS	(sizeof(struct xen_hypercall_counts) / sizeof(u64))

/* Add, or with @base subtract, one CPU's counters to or from @sum. */
static void xen_hcall_add(struct xen_hypercall_counts *sum, int cpu, bool base)
{
	const u64 *live = (const u64 *)per_cpu_ptr(xen_hcall_percpu, cpu);
	const u64 *zero = (const u64 *)per_cpu_ptr(xen_hcall_base, cpu);
	u64 *dst = (u64 *)sum;
	size_t i;

	for (i = 0; i < XEN_HCALL_WORDS; i++)
		dst[i] += READ_ONCE(live[i]) - (base ? zero[i] : 0);
}

/**
 * xen_hypercall_stats_snapshot - one CPU's counters, as they are
 * @cpu: the CPU
 * @snap: where to put them
 *
 * Reads the counters without taking a lock and without the baseline of
 * the last reset, so it may be called with interrupts disabled; the
 * caller subtracts two snapshots. All zero when nothing is counted.
 */
void xen_hypercall_stats_snapshot(int cpu, struct xen_hypercall_counts *snap)
{
	BUILD_BUG_ON(sizeof(*snap) % sizeof(u64));
	memset(snap, 0, sizeof(*snap));
	if (xen_hypercall_stats_counting())
		xen_hcall_add(snap, cpu, false);
}
EXPORT_SYMBOL_IF_KUNIT(xen_hypercall_stats_snapshot);

/**
 * xen_hypercall_stats_read - the counts since the last reset
 * @cpu: a CPU number, or -1 for the sum over all possible CPUs
 * @sum: where to put them
 *
 * Every counter read is at least its value at the last reset, so no count
 * is ever negative, and two reads with no reset between them never go
 * backwards. Sleeps.
 *
 * Return: the number of resets so far; two reads that return the same
 * number had no reset between them.
 */
unsigned long xen_hypercall_stats_read(int cpu, struct xen_hypercall_counts *sum)
{
	unsigned long resets;
	int c;

	memset(sum, 0, sizeof(*sum));
	if (!xen_hypercall_stats_counting())
		return 0;
	mutex_lock(&xen_hcall_lock);
	for_each_possible_cpu(c) {
		if (cpu < 0 || c == cpu)
			xen_hcall_add(sum, c, true);
	}
	resets = xen_hcall_resets;
	mutex_unlock(&xen_hcall_lock);
	return resets;
}
EXPORT_SYMBOL_IF_KUNIT(xen_hypercall_stats_read);

/**
 * xen_hypercall_stats_reset - count from zero again
 *
 * Records every CPU's counters as the zero of later reads; writes no
 * counter, so the CPUs counting meanwhile lose nothing. Sleeps.
 */
void xen_hypercall_stats_reset(void)
{
	int cpu;

	if (!xen_hypercall_stats_counting())
		return;
	mutex_lock(&xen_hcall_lock);
	for_each_possible_cpu(cpu) {
		memset(per_cpu_ptr(xen_hcall_base, cpu), 0, sizeof(struct xen_hypercall_counts));
		xen_hcall_add(per_cpu_ptr(xen_hcall_base, cpu), cpu, false);
	}
	xen_hcall_resets++;
	mutex_unlock(&xen_hcall_lock);
}
EXPORT_SYMBOL_IF_KUNIT(xen_hypercall_stats_reset);

/**
 * xen_hypercall_stats_classes - a block's calls by operation class
 * @b: counts by number, request count and sub-operation
 * @classes: where to put the calls of each class
 *
 * Multicalls are in no class (their entries are, in the batched block);
 * their count is @b->calls[__HYPERVISOR_multicall].
 */
void xen_hypercall_stats_classes(const struct xen_hcall_block *b,
				 u64 classes[XEN_HCALL_CLASSES])
{
	unsigned long subop;
	unsigned int op, s;
	int slot;

	memset(classes, 0, XEN_HCALL_CLASSES * sizeof(*classes));
	for (op = 0; op < XEN_HCALL_NR; op++) {
		slot = xen_hcall_subop_slot(op);
		if (op == __HYPERVISOR_multicall)
			continue;
		if (slot < 0) {
			classes[xen_hypercall_class(op, 0)] += b->calls[op];
			continue;
		}
		/* The last slot holds sub-operations too high to be told apart. */
		for (s = 0; s < XEN_HCALL_SUBOP_NR; s++) {
			subop = s < XEN_HCALL_SUBOP_LAST ? s : ULONG_MAX;
			classes[xen_hypercall_class(op, subop)] += b->subops[slot][s];
		}
	}
}
EXPORT_SYMBOL_IF_KUNIT(xen_hypercall_stats_classes);

/* Histogram bucket of a batch size: 1, 2, 3-4, 5-8, ..., 33-64, and 65+. */
static unsigned int xen_hcall_bucket(unsigned int n)
{
	return n > 1 ? ilog2(n - 1) + 1 : 0;
}

#define XEN_HCALL_BUCKETS	(ilog2(XEN_HCALL_BATCH_MAX) + 2)

static void xen_hcall_show_hist(struct seq_file *m, const char *title, const u64 *a,
				const u64 *b)
{
	u64 hist[XEN_HCALL_BUCKETS] = {};
	unsigned int n, i;
	char label[16];

	for (n = 0; n <= XEN_HCALL_BATCH_LAST; n++)
		hist[xen_hcall_bucket(n)] += a[n] + (b ? b[n] : 0);
	seq_printf(m, "# %s\n", title);
	for (i = 0; i < XEN_HCALL_BUCKETS; i++) {
		if (!hist[i])
			continue;
		if (i < 2)
			snprintf(label, sizeof(label), "%u", i + 1);
		else if (i == XEN_HCALL_BUCKETS - 1)
			snprintf(label, sizeof(label), "%u+", XEN_HCALL_BATCH_MAX + 1);
		else
			snprintf(label, sizeof(label), "%u-%u", (1U << (i - 1)) + 1, 1U << i);
		seq_printf(m, "%-28s %12llu\n", label, hist[i]);
	}
}

static int xen_hcall_show(struct seq_file *m, void *v)
{
	u64 calls[XEN_HCALL_CLASSES], batched[XEN_HCALL_CLASSES], total = 0, entries = 0;
	struct xen_hypercall_counts *s;
	const char *name;
	unsigned int i;

	s = kmalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	xen_hypercall_stats_read(-1, s);
	xen_hypercall_stats_classes(&s->direct, calls);
	xen_hypercall_stats_classes(&s->batched, batched);

	seq_printf(m, "# %-26s %12s %12s\n", "class", "calls", "batched");
	for (i = 0; i < XEN_HCALL_CLASSES; i++) {
		seq_printf(m, "%-28s %12llu %12llu\n", xen_hcall_class_names[i], calls[i],
			   batched[i]);
		total += calls[i];
		entries += batched[i];
	}
	total += s->direct.calls[__HYPERVISOR_multicall];
	seq_printf(m, "%-28s %12llu %12llu\n", "multicall",
		   s->direct.calls[__HYPERVISOR_multicall], 0ULL);
	seq_printf(m, "%-28s %12llu %12llu\n", "total", total, entries);

	seq_printf(m, "# %-26s %12s %12s\n", "hypercall", "calls", "batched");
	for (i = 0; i < XEN_HCALL_NR; i++) {
		if (!s->direct.calls[i] && !s->batched.calls[i])
			continue;
		name = i == XEN_HCALL_LAST ? "higher" : xen_hypercall_name(i) ?: "unnamed";
		seq_printf(m, "%-28s %12llu %12llu\n", name, s->direct.calls[i],
			   s->batched.calls[i]);
	}
	xen_hcall_show_hist(m, "entries per multicall (the kernel's)", s->multicall_entries,
			    NULL);
	xen_hcall_show_hist(m, "requests per mmu_update/mmuext_op", s->direct.requests,
			    s->batched.requests);
	kfree(s);
	return 0;
}

static int xen_hcall_open(struct inode *inode, struct file *file)
{
	return single_open(file, xen_hcall_show, NULL);
}

static ssize_t xen_hcall_write(struct file *file, const char __user *ubuf, size_t len,
			       loff_t *ppos)
{
	char buf[8];

	if (len == 0 || len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	if (strcmp(strim(buf), "reset"))
		return -EINVAL;
	xen_hypercall_stats_reset();
	return len;
}

static const struct file_operations xen_hcall_fops = {
	.open		= xen_hcall_open,
	.read		= seq_read,
	.write		= xen_hcall_write,
	.llseek		= seq_lseek,
	.release	= single_release,
};

/*
 * Before the other CPUs come up: the counters, in a Xen guest that counts.
 * From here on the twins count.
 */
static int __init xen_hypercall_stats_alloc(void)
{
	struct xen_hypercall_counts __percpu *live, *base;

	if (!xen_domain())
		return 0;
	pr_info("xen: hypercall accounting %s\n", str_on_off(xen_hcall_counting));
	if (!xen_hcall_counting)
		return 0;
	live = alloc_percpu(struct xen_hypercall_counts);
	base = alloc_percpu(struct xen_hypercall_counts);
	if (!live || !base) {
		free_percpu(live);
		free_percpu(base);
		pr_warn("xen: no memory to count hypercalls\n");
		return -ENOMEM;
	}
	xen_hcall_base = base;
	/* Only this CPU runs: the twins see the counters from now on. */
	WRITE_ONCE(xen_hcall_percpu, live);
	return 0;
}
early_initcall(xen_hypercall_stats_alloc);

static int __init xen_hypercall_stats_debugfs(void)
{
	if (xen_hypercall_stats_counting())
		debugfs_create_file("hypercalls", 0600, xen_init_debugfs(), NULL,
				    &xen_hcall_fops);
	return 0;
}
late_initcall(xen_hypercall_stats_debugfs);
