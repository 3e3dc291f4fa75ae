// SPDX-License-Identifier: GPL-2.0
/*
 * debugfs view of the paravirt layer: which hypervisor the kernel detected
 * and where each pv_ops operation is routed.
 *
 * One kernel image boots on bare metal and under several hypervisors, and
 * the hypervisor's setup code rewrites pv_ops early in boot. The call
 * sites of each operation are then patched by apply_alternatives(): to the
 * native instructions inline, to a direct call of the current target, to
 * nothing when the target is a nop, or left as an indirect call through
 * the pv_ops slot. This file records how each site of each slot ended up
 * and shows it in /sys/kernel/debug/paravirt/{hypervisor,ops}, so that the
 * routing of a running kernel can be read instead of inferred.
 */

#include <kunit/visibility.h>
#include <linux/cpufeature.h>
#include <linux/debugfs.h>
#include <linux/init.h>
#include <linux/processor.h>
#include <linux/seq_file.h>
#include <linux/static_call.h>
#include <linux/string_choices.h>
#include <asm/alternative.h>
#include <asm/hypervisor.h>
#include <asm/paravirt.h>
#include <asm/paravirt_debugfs.h>
#include <xen/xen.h>

#define PV_SLOTS	(sizeof(struct paravirt_patch_template) / sizeof(void *))

/* How apply_alternatives() patched one call site of a pv_ops operation. */
enum pv_site_kind {
	PV_SITE_INLINE,		/* the native instructions replace the call */
	PV_SITE_DIRECT,		/* a direct call of the current target */
	PV_SITE_NOP,		/* removed: the target does nothing */
	PV_SITE_INDIRECT,	/* still an indirect call through pv_ops */
	PV_SITE_KINDS
};

/* How many call sites of each pv_ops slot ended up as each kind. */
static unsigned int pv_sites[PV_SLOTS][PV_SITE_KINDS];

/* pv_ops as the kernel built it, before any hypervisor code changed it. */
static struct paravirt_patch_template pv_native_ops;
static void *pv_native_sched_clock, *pv_native_steal_clock;
static bool pv_native_saved;

static const char *const pv_site_kind_names[PV_SITE_KINDS] = {
	[PV_SITE_INLINE]	= "inline",
	[PV_SITE_DIRECT]	= "direct",
	[PV_SITE_NOP]		= "nop",
	[PV_SITE_INDIRECT]	= "indirect",
};

#define PV_OP(member) { #member, offsetof(struct paravirt_patch_template, member) }

/* Every pointer in struct paravirt_patch_template, in declaration order. */
static const struct paravirt_op_desc {
	const char *name;
	size_t offset;
} pv_op_descs[] = {
	PV_OP(cpu.io_delay),
#ifdef CONFIG_PARAVIRT_XXL
	PV_OP(cpu.get_debugreg),
	PV_OP(cpu.set_debugreg),
	PV_OP(cpu.read_cr0),
	PV_OP(cpu.write_cr0),
	PV_OP(cpu.write_cr4),
	PV_OP(cpu.load_tr_desc),
	PV_OP(cpu.load_gdt),
	PV_OP(cpu.load_idt),
	PV_OP(cpu.set_ldt),
	PV_OP(cpu.store_tr),
	PV_OP(cpu.load_tls),
	PV_OP(cpu.load_gs_index),
	PV_OP(cpu.write_ldt_entry),
	PV_OP(cpu.write_gdt_entry),
	PV_OP(cpu.write_idt_entry),
	PV_OP(cpu.alloc_ldt),
	PV_OP(cpu.free_ldt),
	PV_OP(cpu.load_sp0),
#ifdef CONFIG_X86_IOPL_IOPERM
	PV_OP(cpu.invalidate_io_bitmap),
	PV_OP(cpu.update_io_bitmap),
#endif
	PV_OP(cpu.wbinvd),
	PV_OP(cpu.cpuid),
	PV_OP(cpu.read_msr),
	PV_OP(cpu.write_msr),
	PV_OP(cpu.read_msr_safe),
	PV_OP(cpu.write_msr_safe),
	PV_OP(cpu.read_pmc),
	PV_OP(cpu.start_context_switch),
	PV_OP(cpu.end_context_switch),
	PV_OP(irq.save_fl),
	PV_OP(irq.irq_disable),
	PV_OP(irq.irq_enable),
#endif
	PV_OP(irq.safe_halt),
	PV_OP(irq.halt),
	PV_OP(mmu.flush_tlb_user),
	PV_OP(mmu.flush_tlb_kernel),
	PV_OP(mmu.flush_tlb_one_user),
	PV_OP(mmu.flush_tlb_multi),
	PV_OP(mmu.tlb_remove_table),
	PV_OP(mmu.exit_mmap),
	PV_OP(mmu.notify_page_enc_status_changed),
#ifdef CONFIG_PARAVIRT_XXL
	PV_OP(mmu.read_cr2),
	PV_OP(mmu.write_cr2),
	PV_OP(mmu.read_cr3),
	PV_OP(mmu.write_cr3),
	PV_OP(mmu.enter_mmap),
	PV_OP(mmu.pgd_alloc),
	PV_OP(mmu.pgd_free),
	PV_OP(mmu.alloc_pte),
	PV_OP(mmu.alloc_pmd),
	PV_OP(mmu.alloc_pud),
	PV_OP(mmu.alloc_p4d),
	PV_OP(mmu.release_pte),
	PV_OP(mmu.release_pmd),
	PV_OP(mmu.release_pud),
	PV_OP(mmu.release_p4d),
	PV_OP(mmu.set_pte),
	PV_OP(mmu.set_pmd),
	PV_OP(mmu.ptep_modify_prot_start),
	PV_OP(mmu.ptep_modify_prot_commit),
	PV_OP(mmu.pte_val),
	PV_OP(mmu.make_pte),
	PV_OP(mmu.pgd_val),
	PV_OP(mmu.make_pgd),
	PV_OP(mmu.set_pud),
	PV_OP(mmu.pmd_val),
	PV_OP(mmu.make_pmd),
	PV_OP(mmu.pud_val),
	PV_OP(mmu.make_pud),
	PV_OP(mmu.set_p4d),
#if CONFIG_PGTABLE_LEVELS >= 5
	PV_OP(mmu.p4d_val),
	PV_OP(mmu.make_p4d),
	PV_OP(mmu.set_pgd),
#endif
	PV_OP(mmu.lazy_mode.enter),
	PV_OP(mmu.lazy_mode.leave),
	PV_OP(mmu.lazy_mode.flush),
	PV_OP(mmu.set_fixmap),
#endif
	PV_OP(lock.queued_spin_lock_slowpath),
	PV_OP(lock.queued_spin_unlock),
	PV_OP(lock.wait),
	PV_OP(lock.kick),
	PV_OP(lock.vcpu_is_preempted),
};

static void *pv_slot_value(const struct paravirt_patch_template *ops, size_t offset)
{
	return *(void **)((const char *)ops + offset);
}

/**
 * paravirt_save_native_ops - remember pv_ops before a hypervisor changes it
 *
 * Called first thing by the code that installs a hypervisor's operations
 * (the Xen PV entry point, init_hypervisor_platform()); only the first
 * call records anything.
 */
void __init paravirt_save_native_ops(void)
{
	if (pv_native_saved)
		return;
	pv_native_ops = pv_ops;
	pv_native_sched_clock = static_call_query(pv_sched_clock);
	pv_native_steal_clock = static_call_query(pv_steal_clock);
	pv_native_saved = true;
}

static u8 *pv_alt_instr(struct alt_instr *a)
{
	return (u8 *)&a->instr_offset + a->instr_offset;
}

/* The pv_ops slot an original "call *disp32(%rip)" goes through, or -1. */
static int pv_slot_of_call(struct alt_instr *a)
{
	u8 *instr = pv_alt_instr(a);
	unsigned long target, base = (unsigned long)&pv_ops;

	if (a->instrlen < 6 || instr[0] != 0xff || instr[1] != 0x15)
		return -1;
	target = (unsigned long)(instr + 6 + *(s32 *)(instr + 2));
	if (target < base || target >= base + sizeof(pv_ops) ||
	    (target - base) % sizeof(void *))
		return -1;
	return (target - base) / sizeof(void *);
}

/**
 * paravirt_note_sites - record how apply_alternatives() will patch pv calls
 * @start: first entry of an alternatives table
 * @end: end of the table
 *
 * Called by apply_alternatives() before it patches anything, so the
 * original indirect calls can still be decoded. For each call site through
 * a pv_ops slot, the last applicable alternative decides its fate, as it
 * does in apply_alternatives(): a direct-call replacement makes a direct
 * call (or nothing, when the slot holds nop_func), another replacement
 * inlines it, and no applicable replacement leaves the indirect call.
 */
void __init_or_module paravirt_note_sites(struct alt_instr *start, struct alt_instr *end)
{
	struct alt_instr *a, *b, *next;
	enum pv_site_kind kind;
	int slot;

	for (a = start; a < end; a = next) {
		for (next = a + 1; next < end && pv_alt_instr(next) == pv_alt_instr(a); next++)
			;
		slot = pv_slot_of_call(a);
		if (slot < 0)
			continue;

		kind = PV_SITE_INDIRECT;
		for (b = a; b < next; b++) {
			/* Not applied: the same test as apply_alternatives(). */
			if (!boot_cpu_has(b->cpuid) == !(b->flags & ALT_FLAG_NOT))
				continue;
			if (b->flags & ALT_FLAG_DIRECT_CALL)
				kind = pv_slot_value(&pv_ops, slot * sizeof(void *)) == &nop_func ?
				       PV_SITE_NOP : PV_SITE_DIRECT;
			else
				kind = b->replacementlen ? PV_SITE_INLINE : PV_SITE_NOP;
		}
		pv_sites[slot][kind]++;
	}
}

static const char *pv_hypervisor_entry(void)
{
	if (xen_pv_domain())
		return "Xen PV entry point (xen_start_kernel)";
	if (xen_pvh_domain())
		return "PVH entry point (pvh_start_xen)";
	return "native entry point (startup_64)";
}

static const char *pv_guest_type(void)
{
	switch (x86_hyper_type) {
	case X86_HYPER_NATIVE:
		return "none";
	case X86_HYPER_VMWARE:
		return "VMware";
	case X86_HYPER_MS_HYPERV:
		return "Hyper-V";
	case X86_HYPER_XEN_PV:
		return "Xen PV";
	case X86_HYPER_XEN_HVM:
		return xen_pvh_domain() ? "Xen PVH" : "Xen HVM";
	case X86_HYPER_KVM:
		return "KVM";
	case X86_HYPER_JAILHOUSE:
		return "Jailhouse";
	case X86_HYPER_ACRN:
		return "ACRN";
	}
	return "unknown";
}

/* The first hypervisor CPUID leaf (0x40000000 + n * 0x100) with a vendor. */
static void pv_show_cpuid(struct seq_file *m)
{
	u32 base, eax, sig[3];
	char vendor[13];
	int i;

	seq_printf(m, "cpuid hypervisor bit: %d\n", boot_cpu_has(X86_FEATURE_HYPERVISOR));
	if (!boot_cpu_has(X86_FEATURE_HYPERVISOR))
		return;
	for (base = 0x40000000; base < 0x40010000; base += 0x100) {
		cpuid(base, &eax, &sig[0], &sig[1], &sig[2]);
		memcpy(vendor, sig, sizeof(sig));
		vendor[12] = '\0';
		for (i = 0; i < 12 && vendor[i] >= ' ' && vendor[i] < 0x7f; i++)
			;
		if (i == 12) {
			seq_printf(m, "cpuid leaf: %#x \"%s\" (max leaf %#x)\n", base, vendor, eax);
			return;
		}
	}
	seq_puts(m, "cpuid leaf: none\n");
}

static int pv_hypervisor_show(struct seq_file *m, void *v)
{
	seq_printf(m, "hypervisor: %s\n", x86_hyper_detected ?: "none");
	seq_printf(m, "guest type: %s\n", pv_guest_type());
	seq_printf(m, "detected by: %s\n", x86_hyper_detected ?
		   "init_hypervisor_platform(), highest detect() priority" :
		   "init_hypervisor_platform(), no detect() matched");
	seq_printf(m, "detect priority: %#x\n", x86_hyper_detect_priority);
	seq_printf(m, "entered through: %s\n", pv_hypervisor_entry());
	pv_show_cpuid(m);
	seq_printf(m, "pv_info.name: %s\n", pv_info.name);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(pv_hypervisor);

static void pv_show_op(struct seq_file *m, const char *name, void *target, void *native,
		       const unsigned int *sites)
{
	int k;

	seq_printf(m, "%-36s %-32ps %-3s", name, target,
		   !pv_native_saved ? "?" : str_yes_no(target == native));
	for (k = 0; k < PV_SITE_KINDS; k++)
		seq_printf(m, " %s=%u", pv_site_kind_names[k], sites ? sites[k] : 0);
	seq_putc(m, '\n');
}

/**
 * paravirt_ops_show - print the routing of every pv_ops operation
 * @m: the seq_file to print to
 * @v: unused
 *
 * One line per pv_ops slot, then the pv static calls: the operation
 * (group.member), the function it calls now, whether that is the
 * function the kernel was built with (native), and how many of its call
 * sites were patched each way. Static calls are patched by the static
 * call code, not by alternatives, so no site counts are given for them.
 *
 * Return: 0.
 */
int paravirt_ops_show(struct seq_file *m, void *v)
{
	static const unsigned int no_sites[PV_SITE_KINDS];
	size_t i;

	BUILD_BUG_ON(ARRAY_SIZE(pv_op_descs) != PV_SLOTS);

	seq_printf(m, "# %-34s %-32s %-3s sites\n", "operation", "target", "native");
	for (i = 0; i < ARRAY_SIZE(pv_op_descs); i++) {
		size_t off = pv_op_descs[i].offset;

		pv_show_op(m, pv_op_descs[i].name, pv_slot_value(&pv_ops, off),
			   pv_slot_value(&pv_native_ops, off), pv_sites[off / sizeof(void *)]);
	}
	pv_show_op(m, "time.sched_clock", static_call_query(pv_sched_clock),
		   pv_native_sched_clock, no_sites);
	pv_show_op(m, "time.steal_clock", static_call_query(pv_steal_clock),
		   pv_native_steal_clock, no_sites);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(paravirt_ops_show);

DEFINE_SHOW_ATTRIBUTE(paravirt_ops);

static int __init paravirt_debugfs_init(void)
{
	struct dentry *dir = debugfs_create_dir("paravirt", NULL);

	debugfs_create_file("hypervisor", 0400, dir, NULL, &pv_hypervisor_fops);
	debugfs_create_file("ops", 0400, dir, NULL, &paravirt_ops_fops);
	return 0;
}
late_initcall(paravirt_debugfs_init);
