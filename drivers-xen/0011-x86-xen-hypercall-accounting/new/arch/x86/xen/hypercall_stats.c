// SPDX-License-Identifier: GPL-2.0
/*
 * Per-CPU accounting of the hypercalls this kernel makes, by operation
 * class: page-table, interrupt, timer and other.
 *
 * Every hypercall the kernel issues from C goes through the xen_hypercall
 * static call. While accounting is on, the static call points to a
 * counting twin of its target (hypercall_stats_asm.S), which counts the
 * hypercall and then makes it; while it is off (the default) the static
 * call points where it would without this file, so accounting that is off
 * costs nothing on the hypercall path. A multicall is counted once as a
 * hypercall (attributed to the class most of its entries belong to) and
 * each of its entries is counted as a batched call of its own number and
 * class. Two histograms show how much work each trap into Xen carries:
 * entries per multicall, and requests per mmu_update/mmuext_op.
 *
 * To keep accounting that is on cheap, the twins do as little as they can
 * per hypercall: most only count the hypercall's number, and its class is
 * derived from the number when the counts are read. The hypercalls whose
 * class depends on their sub-operation (sched_op, vcpu_op, hvm_op), and
 * multicalls, are classified as they are made, in C.
 *
 * Hypercalls made from assembly (the PV iret and syscall return paths) do
 * not go through the static call and are not counted.
 *
 * debugfs: /sys/kernel/debug/xen/hypercalls. Reading it prints the counts
 * summed over all CPUs; writing "1" enables accounting, "0" disables it and
 * "reset" clears the counters. Anything else is rejected with -EINVAL.
 */

#include <linux/bits.h>
#include <linux/debugfs.h>
#include <linux/init.h>
#include <linux/log2.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/static_call.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <xen/interface/hvm/hvm_op.h>
#include <xen/interface/sched.h>
#include <xen/interface/vcpu.h>
#include <xen/interface/xen.h>
#include <xen/xen.h>
#include <asm/xen/hypercall.h>

#include "xen-ops.h"

/* Without it xen_hypercall_stats_add_slow() would clobber the twins' registers. */
#if !__has_attribute(__no_caller_saved_registers__)
#error "hypercall accounting needs a compiler with no_caller_saved_registers"
#endif

/**
 * struct xen_hcall_percpu - the counters of one CPU
 * @calls: traps into Xen by hypercall number, counted by the twins
 * @requests: direct mmu_update/mmuext_op calls by number of requests, up
 *	to XEN_HCALL_REQ_DIRECT, counted by the twins
 * @args: counted in C, for the hypercalls whose arguments matter; its
 *	calls[] stays zero, and its classes[] counts only the traps whose
 *	class cannot be told from their number (xen_hcall_class_by_args())
 */
struct xen_hcall_percpu {
	u64 calls[XEN_HCALL_NR];
	u64 requests[XEN_HCALL_REQ_DIRECT + 1];
	struct xen_hypercall_counts args;
};

/*
 * Allocated when accounting is first switched on, and kept: a kernel that
 * never counts has no per-CPU counters, and so the per-CPU memory layout
 * of a kernel built without accounting. Read by the twins.
 */
struct xen_hcall_percpu __percpu *xen_hcall_percpu;

/*
 * The hypercalls classified as they are made: multicalls, and those whose
 * class depends on their sub-operation. The class of any other follows
 * from its number, __xen_hypercall_class(op, 0). A bit for each number.
 */
#define XEN_HCALL_BY_ARGS_OPS	(BIT_ULL(__HYPERVISOR_multicall) |	\
				 BIT_ULL(__HYPERVISOR_sched_op) |	\
				 BIT_ULL(__HYPERVISOR_vcpu_op) |	\
				 BIT_ULL(__HYPERVISOR_hvm_op))
/* The hypercalls whose number of requests goes into the histogram. */
#define XEN_HCALL_REQUEST_OPS	(BIT_ULL(__HYPERVISOR_mmu_update) |	\
				 BIT_ULL(__HYPERVISOR_mmuext_op))

/* The twins look further than the number at these hypercalls. */
const u64 xen_hcall_arg_ops = XEN_HCALL_BY_ARGS_OPS | XEN_HCALL_REQUEST_OPS;

static const char *const xen_hcall_class_names[XEN_HCALL_CLASSES] = {
	[XEN_HCALL_PAGE_TABLE]	= "page-table",
	[XEN_HCALL_INTERRUPT]	= "interrupt",
	[XEN_HCALL_TIMER]	= "timer",
	[XEN_HCALL_OTHER]	= "other",
};

static const char *const xen_hcall_names[XEN_HCALL_NR] = {
	[__HYPERVISOR_set_trap_table] = "set_trap_table",
	[__HYPERVISOR_mmu_update] = "mmu_update",
	[__HYPERVISOR_set_gdt] = "set_gdt",
	[__HYPERVISOR_stack_switch] = "stack_switch",
	[__HYPERVISOR_set_callbacks] = "set_callbacks",
	[__HYPERVISOR_fpu_taskswitch] = "fpu_taskswitch",
	[__HYPERVISOR_sched_op_compat] = "sched_op_compat",
	[__HYPERVISOR_platform_op] = "platform_op",
	[__HYPERVISOR_set_debugreg] = "set_debugreg",
	[__HYPERVISOR_get_debugreg] = "get_debugreg",
	[__HYPERVISOR_update_descriptor] = "update_descriptor",
	[__HYPERVISOR_memory_op] = "memory_op",
	[__HYPERVISOR_multicall] = "multicall",
	[__HYPERVISOR_update_va_mapping] = "update_va_mapping",
	[__HYPERVISOR_set_timer_op] = "set_timer_op",
	[__HYPERVISOR_event_channel_op_compat] = "event_channel_op_compat",
	[__HYPERVISOR_xen_version] = "xen_version",
	[__HYPERVISOR_console_io] = "console_io",
	[__HYPERVISOR_physdev_op_compat] = "physdev_op_compat",
	[__HYPERVISOR_grant_table_op] = "grant_table_op",
	[__HYPERVISOR_vm_assist] = "vm_assist",
	[__HYPERVISOR_update_va_mapping_otherdomain] = "update_va_mapping_otherdomain",
	[__HYPERVISOR_iret] = "iret",
	[__HYPERVISOR_vcpu_op] = "vcpu_op",
	[__HYPERVISOR_set_segment_base] = "set_segment_base",
	[__HYPERVISOR_mmuext_op] = "mmuext_op",
	[__HYPERVISOR_xsm_op] = "xsm_op",
	[__HYPERVISOR_nmi_op] = "nmi_op",
	[__HYPERVISOR_sched_op] = "sched_op",
	[__HYPERVISOR_callback_op] = "callback_op",
	[__HYPERVISOR_xenoprof_op] = "xenoprof_op",
	[__HYPERVISOR_event_channel_op] = "event_channel_op",
	[__HYPERVISOR_physdev_op] = "physdev_op",
	[__HYPERVISOR_hvm_op] = "hvm_op",
	[__HYPERVISOR_sysctl] = "sysctl",
	[__HYPERVISOR_domctl] = "domctl",
	[__HYPERVISOR_kexec_op] = "kexec_op",
	[__HYPERVISOR_xenpmu_op] = "xenpmu_op",
	[__HYPERVISOR_dm_op] = "dm_op",
	[__HYPERVISOR_arch_0] = "arch_0",
	[__HYPERVISOR_arch_1] = "arch_1",
};

static __always_inline enum xen_hcall_class __xen_hypercall_class(unsigned int op,
								  unsigned long cmd)
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
		/* Waiting for an event channel (a halt, or a spinlock kick). */
		if (cmd == SCHEDOP_block || cmd == SCHEDOP_poll)
			return XEN_HCALL_INTERRUPT;
		return XEN_HCALL_OTHER;
	case __HYPERVISOR_hvm_op:
		if (cmd == HVMOP_set_evtchn_upcall_vector)
			return XEN_HCALL_INTERRUPT;
		return XEN_HCALL_OTHER;
	case __HYPERVISOR_set_timer_op:
		return XEN_HCALL_TIMER;
	case __HYPERVISOR_vcpu_op:
		switch (cmd) {
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

/**
 * xen_hypercall_class - the operation class of one hypercall
 * @op: hypercall number
 * @cmd: its first argument, the sub-operation for multiplexed hypercalls
 *
 * Return: the class the hypercall is accounted to.
 */
noinstr enum xen_hcall_class xen_hypercall_class(unsigned int op, unsigned long cmd)
{
	return __xen_hypercall_class(op, cmd);
}

/* Histogram bucket of a batch size: 1, 2, 3-4, 5-8, ... */
static __always_inline unsigned int xen_hcall_bucket(unsigned long n)
{
	unsigned int b = n > 1 ? ilog2(n - 1) + 1 : 0;

	return min(b, XEN_HCALL_BUCKETS - 1);
}

static __always_inline unsigned int xen_hcall_index(unsigned int op)
{
	return op < XEN_HCALL_NR ? op : XEN_HCALL_NR - 1;
}

static __always_inline bool xen_hcall_in(u64 ops, unsigned int op)
{
	return op < 64 && (ops & BIT_ULL(op));
}

static __always_inline bool xen_hcall_has_requests(unsigned int op)
{
	return xen_hcall_in(XEN_HCALL_REQUEST_OPS, op);
}

static __always_inline bool xen_hcall_class_by_args(unsigned int op)
{
	return xen_hcall_in(XEN_HCALL_BY_ARGS_OPS, op);
}

/**
 * xen_hypercall_stats_add_slow - account what a twin could not
 * @a1: first argument
 * @a2: second argument
 * @op: hypercall number, as the twin found it in %rax
 *
 * Called by the counting twins for a hypercall number they do not count
 * one by one, for an mmu_update or mmuext_op with more requests than they
 * count directly, and for the hypercalls whose class depends on their
 * sub-operation. @a1 and @a2 arrive in the registers that hold the
 * hypercall's own first two arguments, and every register is preserved
 * (no_caller_saved_registers), so a twin saves only the one it loads @op
 * into. Nothing here calls another function.
 */
noinstr __no_caller_saved_registers
void xen_hypercall_stats_add_slow(unsigned long a1, unsigned long a2, unsigned long op)
{
	struct xen_hcall_percpu __percpu *pc = xen_hcall_percpu;

	if (op >= XEN_HCALL_NR - 1)
		this_cpu_inc(pc->calls[XEN_HCALL_NR - 1]);
	else if (xen_hcall_has_requests(op))
		this_cpu_inc(pc->args.requests_hist[xen_hcall_bucket(a2)]);
	else
		this_cpu_inc(pc->args.classes[__xen_hypercall_class(op, a1)]);
}

/**
 * xen_hypercall_stats_add_multicall - account the entries of a multicall
 * @mc: its entry array
 * @n: its number of entries
 *
 * Called by the counting twins, after they counted the multicall and saved
 * every register their caller expects to keep, with interrupts and
 * preemption in any state: every counter update is a single per-CPU
 * increment. Each entry is counted
 * as a batched call of its own number and class, and the trap itself goes
 * to the class most entries belong to. A kernel array is read, not changed.
 * An array in user space (a privcmd multicall) is never read: the multicall
 * counts as one call of class "other".
 */
noinstr void xen_hypercall_stats_add_multicall(const struct multicall_entry *mc,
					       unsigned long n)
{
	struct xen_hcall_percpu __percpu *pc = xen_hcall_percpu;
	unsigned int per_class[XEN_HCALL_CLASSES] = {};
	enum xen_hcall_class class, c;
	unsigned long i;
	unsigned int b;

	/* privcmd: the entries are in user space, and stay unread. */
	if ((unsigned long)mc < TASK_SIZE_MAX)
		n = 0;
	for (i = 0; i < n; i++) {
		c = __xen_hypercall_class(mc[i].op, mc[i].args[0]);
		per_class[c]++;
		this_cpu_inc(pc->args.batched[xen_hcall_index(mc[i].op)]);
		this_cpu_inc(pc->args.classes_batched[c]);
		if (xen_hcall_has_requests(mc[i].op)) {
			b = xen_hcall_bucket(mc[i].args[1]);
			this_cpu_inc(pc->args.requests_hist[b]);
		}
	}
	if (n)
		this_cpu_inc(pc->args.multicall_hist[xen_hcall_bucket(n)]);

	class = XEN_HCALL_OTHER;
	for (c = 0; c < XEN_HCALL_CLASSES; c++)
		if (per_class[c] > per_class[class])
			class = c;
	this_cpu_inc(pc->args.classes[class]);
}

/* Each hypercall function and its counting twin (hypercall_stats_asm.S). */
static const struct {
	void (*func)(void);
	void (*counted)(void);
} xen_hcall_twins[] = {
#ifdef CONFIG_XEN_PV
	{ xen_hypercall_pv, xen_hypercall_pv_counted },
#endif
	{ xen_hypercall_amd, xen_hypercall_amd_counted },
	{ xen_hypercall_intel, xen_hypercall_intel_counted },
};

static DEFINE_MUTEX(xen_hcall_lock);
static bool xen_hcall_enabled;

/**
 * xen_hypercall_stats_set - turn hypercall accounting on or off
 * @on: true to count from now on, false to stop
 *
 * Points the xen_hypercall static call to the counting twin of its target,
 * or back. The first time accounting is switched on, the counters are
 * allocated. On bare metal, where no hypercall is made, only the setting is
 * recorded.
 *
 * Return: 0, or -ENOMEM when the counters cannot be allocated (accounting
 * then stays off).
 */
int xen_hypercall_stats_set(bool on)
{
	void (*func)(void), (*next)(void) = NULL;
	struct xen_hcall_percpu __percpu *pc;
	unsigned int i;

	BUILD_BUG_ON(offsetof(struct xen_hcall_percpu, requests) != XEN_HCALL_REQUESTS_OFFSET);
	mutex_lock(&xen_hcall_lock);
	if (on && !xen_hcall_percpu) {
		pc = alloc_percpu(struct xen_hcall_percpu);
		if (!pc) {
			mutex_unlock(&xen_hcall_lock);
			return -ENOMEM;
		}
		/* Seen by the twins before the call sites lead there. */
		WRITE_ONCE(xen_hcall_percpu, pc);
	}
	/* An HVM or PVH guest that has not made a hypercall yet. */
	if (xen_domain() && !xen_pv_domain())
		xen_hypercall_setfunc();
	func = static_call_query(xen_hypercall);
	for (i = 0; i < ARRAY_SIZE(xen_hcall_twins); i++) {
		if (on && func == xen_hcall_twins[i].func)
			next = xen_hcall_twins[i].counted;
		if (!on && func == xen_hcall_twins[i].counted)
			next = xen_hcall_twins[i].func;
	}
	if (next)
		static_call_update(xen_hypercall, next);
	WRITE_ONCE(xen_hcall_enabled, on);
	mutex_unlock(&xen_hcall_lock);
	return 0;
}

/**
 * xen_hypercall_stats_enabled - whether hypercall accounting is on
 *
 * Return: the last setting made with xen_hypercall_stats_set().
 */
bool xen_hypercall_stats_enabled(void)
{
	return READ_ONCE(xen_hcall_enabled);
}

/**
 * xen_hypercall_stats_read - sum the counters of one CPU or of all CPUs
 * @cpu: a CPU number, or -1 for the sum over all possible CPUs
 * @sum: where to put the counts
 */
void xen_hypercall_stats_read(int cpu, struct xen_hypercall_counts *sum)
{
	struct xen_hcall_percpu __percpu *pc = READ_ONCE(xen_hcall_percpu);
	const struct xen_hcall_percpu *p;
	u64 *dst = (u64 *)sum;
	const u64 *src;
	unsigned int op, n;
	size_t i;
	int c;

	BUILD_BUG_ON(sizeof(*sum) % sizeof(u64));
	memset(sum, 0, sizeof(*sum));
	if (!pc)
		return;		/* never switched on */
	for_each_possible_cpu(c) {
		if (cpu >= 0 && c != cpu)
			continue;
		p = per_cpu_ptr(pc, c);
		src = (const u64 *)&p->args;
		for (i = 0; i < sizeof(*sum) / sizeof(u64); i++)
			dst[i] += READ_ONCE(src[i]);
		for (op = 0; op < XEN_HCALL_NR; op++)
			sum->calls[op] += READ_ONCE(p->calls[op]);
		for (n = 0; n <= XEN_HCALL_REQ_DIRECT; n++)
			sum->requests_hist[xen_hcall_bucket(n)] += READ_ONCE(p->requests[n]);
	}
	/* The class of the others is known by their number alone. */
	for (op = 0; op < XEN_HCALL_NR; op++)
		if (!xen_hcall_class_by_args(op))
			sum->classes[__xen_hypercall_class(op, 0)] += sum->calls[op];
}

/* Buckets are labelled "1", "2", "3-4", "5-8", ..., and "65+" for the last. */
static void xen_hcall_show_hist(struct seq_file *m, const char *title, const u64 *hist)
{
	char label[16];
	unsigned int b;

	seq_printf(m, "# %s\n", title);
	for (b = 0; b < XEN_HCALL_BUCKETS; b++) {
		if (!hist[b])
			continue;
		if (b < 2)
			snprintf(label, sizeof(label), "%u", b + 1);
		else if (b == XEN_HCALL_BUCKETS - 1)
			snprintf(label, sizeof(label), "%u+", (1U << (b - 1)) + 1);
		else
			snprintf(label, sizeof(label), "%u-%u", (1U << (b - 1)) + 1, 1U << b);
		seq_printf(m, "%-28s %12llu\n", label, hist[b]);
	}
}

static int xen_hcall_show(struct seq_file *m, void *v)
{
	struct xen_hypercall_counts *s;
	u64 calls = 0, batched = 0;
	unsigned int i;

	s = kmalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	xen_hypercall_stats_read(-1, s);

	seq_printf(m, "enabled: %d\n", xen_hypercall_stats_enabled());
	seq_printf(m, "# %-26s %12s %12s\n", "class", "calls", "batched");
	for (i = 0; i < XEN_HCALL_CLASSES; i++) {
		seq_printf(m, "%-28s %12llu %12llu\n", xen_hcall_class_names[i],
			   s->classes[i], s->classes_batched[i]);
		calls += s->classes[i];
		batched += s->classes_batched[i];
	}
	seq_printf(m, "%-28s %12llu %12llu\n", "total", calls, batched);

	seq_printf(m, "# %-26s %12s %12s\n", "hypercall", "calls", "batched");
	for (i = 0; i < XEN_HCALL_NR; i++) {
		if (!s->calls[i] && !s->batched[i])
			continue;
		if (xen_hcall_names[i] && i != XEN_HCALL_NR - 1)
			seq_printf(m, "%-28s", xen_hcall_names[i]);
		else
			seq_printf(m, "%-28s", i == XEN_HCALL_NR - 1 ? "other-number" : "unnamed");
		seq_printf(m, " %12llu %12llu\n", s->calls[i], s->batched[i]);
	}
	xen_hcall_show_hist(m, "entries per multicall", s->multicall_hist);
	xen_hcall_show_hist(m, "requests per mmu_update/mmuext_op", s->requests_hist);
	kfree(s);
	return 0;
}

static int xen_hcall_open(struct inode *inode, struct file *file)
{
	return single_open(file, xen_hcall_show, NULL);
}

/**
 * xen_hypercall_stats_reset - clear the counters of every CPU
 *
 * Counts made on other CPUs while this runs may survive it or be lost.
 */
void xen_hypercall_stats_reset(void)
{
	struct xen_hcall_percpu __percpu *pc = READ_ONCE(xen_hcall_percpu);
	int cpu;

	if (!pc)
		return;
	for_each_possible_cpu(cpu)
		memset(per_cpu_ptr(pc, cpu), 0, sizeof(struct xen_hcall_percpu));
}

static ssize_t xen_hcall_write(struct file *file, const char __user *ubuf, size_t len,
			       loff_t *ppos)
{
	char buf[8];
	int ret = 0;

	if (len == 0 || len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	strim(buf);

	if (!strcmp(buf, "1"))
		ret = xen_hypercall_stats_set(true);
	else if (!strcmp(buf, "0"))
		ret = xen_hypercall_stats_set(false);
	else if (!strcmp(buf, "reset"))
		xen_hypercall_stats_reset();
	else
		return -EINVAL;
	return ret ?: len;
}

static const struct file_operations xen_hcall_fops = {
	.open		= xen_hcall_open,
	.read		= seq_read,
	.write		= xen_hcall_write,
	.llseek		= seq_lseek,
	.release	= single_release,
};

/*
 * The file exists on bare metal too: reading it there shows, with the same
 * counters, that no hypercall was made.
 */
static int __init xen_hypercall_stats_init(void)
{
	debugfs_create_file("hypercalls", 0600, xen_init_debugfs(), NULL, &xen_hcall_fops);
	return 0;
}
late_initcall(xen_hypercall_stats_init);
