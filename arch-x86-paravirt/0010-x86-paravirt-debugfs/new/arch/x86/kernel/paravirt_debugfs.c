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
 * the pv_ops slot. This file records where the sites are, before they are
 * patched, and shows what each holds when /sys/kernel/debug/paravirt/ops
 * is read, by decoding the live instructions; it does not repeat
 * apply_alternatives()'s decisions. Only the sites in the kernel image's
 * text are shown: those of init and exit text are freed after boot, and
 * those of modules, patched when a module loads, are not recorded.
 */

#include <kunit/visibility.h>
#include <linux/cpufeature.h>
#include <linux/debugfs.h>
#include <linux/init.h>
#include <linux/kallsyms.h>
#include <linux/mm.h>
#include <linux/processor.h>
#include <linux/seq_file.h>
#include <linux/static_call.h>
#include <linux/string_choices.h>
#include <asm/alternative.h>
#include <asm/hypervisor.h>
#include <asm/insn.h>
#include <asm/sections.h>
#include <asm/text-patching.h>
#include <asm/paravirt.h>
#include <asm/paravirt_debugfs.h>
#include <xen/xen.h>

#define PV_SLOTS	(sizeof(struct paravirt_patch_template) / sizeof(void *))

/*
 * Where the pv_ops call sites of the kernel image are, recorded at boot from
 * the alternatives table, which is freed after boot: each site's offset from
 * _text, its length and the pv_ops slot it calls through.
 */
/* pv_ops call sites are a 6-byte call, or as long as a longer replacement. */
#define PV_SITE_MAX	16

struct pv_site {
	s32 offset;
	u8 len;
	u16 slot;
};

static struct pv_site *pv_sites __ro_after_init;
static unsigned int pv_nr_sites __ro_after_init;
/* Sites outside the kernel text (init, exit), which is freed: counted. */
static unsigned int pv_nr_freed_sites __ro_after_init;

/* pv_ops as the kernel built it, before any hypervisor code changed it. */
static struct paravirt_patch_template pv_native_ops __ro_after_init;
static void *pv_native_sched_clock __ro_after_init, *pv_native_steal_clock __ro_after_init;
static bool pv_native_saved __ro_after_init;

/* The first hypervisor CPUID leaf with a vendor, found once at boot. */
static struct {
	u32 base, max_leaf;
	char vendor[13];
} pv_cpuid_leaf __ro_after_init;

static const char *const pv_site_kind_names[PV_SITE_KINDS] = {
	[PV_SITE_INLINE]	= "inline",
	[PV_SITE_DIRECT]	= "direct",
	[PV_SITE_NOP]		= "nop",
	[PV_SITE_INDIRECT]	= "indirect",
	[PV_SITE_UNKNOWN]	= "unknown",
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
 * Called first thing by the kernel's 64-bit entry, x86_64_start_kernel(),
 * before TDX or any hypervisor's setup changes pv_ops, and by the Xen PV
 * entry, xen_start_kernel(), which does not go through it; before the
 * stack protector is set up in both. Only the first call records anything.
 */
void __init __no_stack_protector paravirt_save_native_ops(void)
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

/* The pv_ops slot an unpatched "call *disp32(%rip)" goes through, or -1. */
static int __init pv_slot_of_call(struct alt_instr *a)
{
	u8 *instr = pv_alt_instr(a);
	unsigned long target, base = (unsigned long)&pv_ops;

	if (a->instrlen < 6 || a->instrlen > PV_SITE_MAX || instr[0] != 0xff || instr[1] != 0x15)
		return -1;
	target = (unsigned long)(instr + 6 + *(s32 *)(instr + 2));
	if (target < base || target >= base + sizeof(pv_ops) ||
	    (target - base) % sizeof(void *))
		return -1;
	return (target - base) / sizeof(void *);
}

/* The sites of @start..@end that call through pv_ops, stored when @sites. */
static unsigned int __init pv_find_sites(struct alt_instr *start, struct alt_instr *end,
					 struct pv_site *sites)
{
	unsigned int n = 0;
	struct alt_instr *a;
	u8 *instr;
	int slot;

	for (a = start; a < end; a++) {
		instr = pv_alt_instr(a);
		/* A site with several alternatives has consecutive entries. */
		if (a > start && pv_alt_instr(a - 1) == instr)
			continue;
		slot = pv_slot_of_call(a);
		if (slot < 0)
			continue;
		if (!__is_kernel_text((unsigned long)instr)) {
			if (!sites)
				pv_nr_freed_sites++;
			continue;
		}
		if (sites) {
			sites[n].offset = instr - (u8 *)_text;
			sites[n].len = a->instrlen;
			sites[n].slot = slot;
		}
		n++;
	}
	return n;
}

/**
 * paravirt_record_sites - remember where the kernel's pv_ops call sites are
 * @start: first entry of the kernel image's alternatives table
 * @end: end of the table
 *
 * Called by alternative_instructions() before the table is applied, while
 * every pv_ops call site is still the "call *pv_ops+X(%rip)" the compiler
 * emitted. Only the sites' places are recorded: what each site became is
 * decoded from the live text when paravirt/ops is read. Sites in modules
 * are not recorded, nor those in init and exit text, which are freed.
 */
void __init paravirt_record_sites(struct alt_instr *start, struct alt_instr *end)
{
	unsigned int n = pv_find_sites(start, end, NULL);

	pv_sites = kvmalloc_array(n, sizeof(*pv_sites), GFP_KERNEL);
	if (!pv_sites)
		return;
	pv_nr_sites = pv_find_sites(start, end, pv_sites);
}

/* NOP and NOPL, with any prefixes but REP (PAUSE); not xchg %eax,%r8d. */
static bool pv_insn_is_nop(struct insn *insn)
{
	insn_byte_t prefix;
	int i;

	if (insn->opcode.bytes[0] == 0x0f && insn->opcode.bytes[1] == 0x1f)
		return true;
	if (insn->opcode.bytes[0] != 0x90 || X86_REX_B(insn->rex_prefix.value))
		return false;
	for_each_insn_prefix(insn, i, prefix)
		if (prefix == 0xf3)
			return false;
	return true;
}

/**
 * paravirt_site_kind - what a pv_ops call site holds
 * @code: a copy of the site's bytes
 * @len: the site's length
 * @addr: the site's address, for the targets of relative calls
 * @target: set to the called function for a direct call
 *
 * Decodes the instructions: a call with a 32-bit displacement is a direct
 * call (@target is set to its target, and only then), an indirect call
 * through a RIP-relative pointer is the unpatched pv_ops call, a site of
 * only NOPs is a nop, and other instructions that decode to the site's
 * end are inlined code. What does not decode, and the INT3 or JMP that a
 * kprobe puts there, is unknown.
 *
 * Return: the site's kind.
 */
enum pv_site_kind paravirt_site_kind(const u8 *code, unsigned int len, unsigned long addr,
				     unsigned long *target)
{
	unsigned int off = 0;
	struct insn insn;

	if (insn_decode(&insn, code, len, INSN_MODE_64))
		return PV_SITE_UNKNOWN;
	if (insn.opcode.bytes[0] == INT3_INSN_OPCODE || insn.opcode.bytes[0] == JMP32_INSN_OPCODE)
		return PV_SITE_UNKNOWN;
	if (insn.opcode.bytes[0] == CALL_INSN_OPCODE) {
		*target = addr + insn.length + insn.immediate.value;
		return PV_SITE_DIRECT;
	}
	if (insn.opcode.bytes[0] == 0xff && X86_MODRM_REG(insn.modrm.value) == 2 &&
	    insn_rip_relative(&insn))
		return PV_SITE_INDIRECT;
	while (pv_insn_is_nop(&insn)) {
		off += insn.length;
		if (off == len)
			return PV_SITE_NOP;
		if (insn_decode(&insn, code + off, len - off, INSN_MODE_64))
			return PV_SITE_UNKNOWN;
	}
	for (off += insn.length; off < len; off += insn.length)
		if (insn_decode(&insn, code + off, len - off, INSN_MODE_64))
			return PV_SITE_UNKNOWN;
	return PV_SITE_INLINE;
}
EXPORT_SYMBOL_IF_KUNIT(paravirt_site_kind);

/*
 * Whether a direct call to @target calls @func: with call depth tracking,
 * the calls go to the accounting thunk in the padding before the function.
 */
static bool pv_calls(unsigned long target, unsigned long func)
{
	if (target == func)
		return true;
	return boot_cpu_has(X86_FEATURE_CALL_DEPTH) && target < func &&
	       func - target <= CONFIG_FUNCTION_PADDING_BYTES;
}

/* What each pv_ops slot's sites hold now, and how many call elsewhere. */
struct pv_site_counts {
	unsigned int kinds[PV_SITE_KINDS];
	unsigned int stale;
};

/*
 * Decode the recorded sites in [@start, @end) into @counts, per slot. A
 * direct call is stale when it does not call the slot's function. The
 * sites are in the kernel text, which nothing but alternatives (at boot)
 * and probes (shown as unknown) rewrite there: no lock is taken.
 */
static void pv_count_sites(unsigned long start, unsigned long end,
			   struct pv_site_counts *counts)
{
	unsigned long addr, target;
	const struct pv_site *s;
	enum pv_site_kind kind;
	u8 code[PV_SITE_MAX];

	for (s = pv_sites; s < pv_sites + pv_nr_sites; s++) {
		addr = (unsigned long)_text + s->offset;
		if (addr < start || addr >= end)
			continue;
		memcpy(code, (void *)addr, s->len);
		kind = paravirt_site_kind(code, s->len, addr, &target);
		counts[s->slot].kinds[kind]++;
		if (kind == PV_SITE_DIRECT &&
		    !pv_calls(target, (unsigned long)pv_slot_value(&pv_ops,
								   s->slot * sizeof(void *))))
			counts[s->slot].stale++;
	}
}

/**
 * paravirt_function_sites - what the pv_ops call sites in a function hold
 * @func: a function of the kernel image (not of a module)
 * @kinds: set to the number of its sites of each kind (enum pv_site_kind)
 *
 * For tests, which call such a function and see what it does.
 *
 * Return: 0, -ENOENT when @func is not in the kernel image's text, or
 * -ENOMEM.
 */
#if IS_ENABLED(CONFIG_KUNIT)
int paravirt_function_sites(void *func, unsigned int kinds[PV_SITE_KINDS])
{
	unsigned long size, offset, addr = (unsigned long)func;
	struct pv_site_counts *counts;
	int slot, k;

	if (!is_kernel_text(addr) || !kallsyms_lookup_size_offset(addr, &size, &offset))
		return -ENOENT;
	counts = kcalloc(PV_SLOTS, sizeof(*counts), GFP_KERNEL);
	if (!counts)
		return -ENOMEM;
	pv_count_sites(addr - offset, addr - offset + size, counts);
	memset(kinds, 0, PV_SITE_KINDS * sizeof(*kinds));
	for (slot = 0; slot < PV_SLOTS; slot++)
		for (k = 0; k < PV_SITE_KINDS; k++)
			kinds[k] += counts[slot].kinds[k];
	kfree(counts);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(paravirt_function_sites);
#endif

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

/* Find the first hypervisor CPUID leaf (0x40000000 + n * 0x100) with a vendor. */
static void __init pv_find_cpuid_leaf(void)
{
	u32 base, eax, sig[3];
	char *vendor = pv_cpuid_leaf.vendor;
	int i;

	if (!boot_cpu_has(X86_FEATURE_HYPERVISOR))
		return;
	for (base = 0x40000000; base < 0x40010000; base += 0x100) {
		cpuid(base, &eax, &sig[0], &sig[1], &sig[2]);
		memcpy(vendor, sig, sizeof(sig));
		vendor[12] = '\0';
		for (i = 0; i < 12 && vendor[i] >= ' ' && vendor[i] < 0x7f; i++)
			;
		if (i == 12) {
			pv_cpuid_leaf.base = base;
			pv_cpuid_leaf.max_leaf = eax;
			return;
		}
	}
}

static void pv_show_cpuid(struct seq_file *m)
{
	seq_printf(m, "cpuid hypervisor bit: %d\n", boot_cpu_has(X86_FEATURE_HYPERVISOR));
	if (!boot_cpu_has(X86_FEATURE_HYPERVISOR))
		return;
	if (pv_cpuid_leaf.base)
		seq_printf(m, "cpuid leaf: %#x \"%s\" (max leaf %#x)\n", pv_cpuid_leaf.base,
			   pv_cpuid_leaf.vendor, pv_cpuid_leaf.max_leaf);
	else
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
	pv_show_cpuid(m);
	seq_printf(m, "pv_info.name: %s\n", pv_info.name);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(pv_hypervisor);

static void pv_show_op(struct seq_file *m, const char *name, void *target, void *native,
		       const struct pv_site_counts *sites)
{
	int k;

	seq_printf(m, "%-36s %-32ps %-3s", name, target,
		   !pv_native_saved ? "?" : str_yes_no(target == native));
	for (k = 0; k < PV_SITE_UNKNOWN; k++)
		seq_printf(m, " %s=%u", pv_site_kind_names[k], sites->kinds[k]);
	if (sites->kinds[PV_SITE_UNKNOWN])
		seq_printf(m, " unknown=%u", sites->kinds[PV_SITE_UNKNOWN]);
	if (sites->stale)
		seq_printf(m, " stale=%u", sites->stale);
	seq_putc(m, '\n');
}

/**
 * paravirt_ops_show - print the routing of every pv_ops operation
 * @m: the seq_file to print to
 * @v: unused
 *
 * One line per pv_ops slot, then the pv static calls: the operation
 * (group.member), the function it calls now, whether that is the
 * function the kernel was built with (native), and what its call sites
 * in the kernel image hold now (enum pv_site_kind), decoded from the
 * live text; "unknown=N" follows when N sites do not decode or hold a
 * probe, "stale=N" when N direct calls do not call the current target.
 * Static call sites are patched by the static call code, not through
 * pv_ops, so no site counts are given for them.
 *
 * Return: 0, or -ENOMEM.
 */
int paravirt_ops_show(struct seq_file *m, void *v)
{
	static const struct pv_site_counts no_sites;
	struct pv_site_counts *counts;
	size_t i;

	BUILD_BUG_ON(ARRAY_SIZE(pv_op_descs) != PV_SLOTS);

	counts = kcalloc(PV_SLOTS, sizeof(*counts), GFP_KERNEL);
	if (!counts)
		return -ENOMEM;
	pv_count_sites((unsigned long)_text, ULONG_MAX, counts);

	seq_printf(m, "# %-34s %-32s %-3s sites\n", "operation", "target", "native");
	seq_printf(m, "# %u sites in the kernel text; not shown: %u in init and exit text, %s\n",
		   pv_nr_sites, pv_nr_freed_sites, "those of modules");
	for (i = 0; i < ARRAY_SIZE(pv_op_descs); i++) {
		size_t off = pv_op_descs[i].offset;

		pv_show_op(m, pv_op_descs[i].name, pv_slot_value(&pv_ops, off),
			   pv_slot_value(&pv_native_ops, off), &counts[off / sizeof(void *)]);
	}
	pv_show_op(m, "time.sched_clock", static_call_query(pv_sched_clock),
		   pv_native_sched_clock, &no_sites);
	pv_show_op(m, "time.steal_clock", static_call_query(pv_steal_clock),
		   pv_native_steal_clock, &no_sites);
	kfree(counts);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(paravirt_ops_show);

DEFINE_SHOW_ATTRIBUTE(paravirt_ops);

static int __init paravirt_debugfs_init(void)
{
	struct dentry *dir = debugfs_create_dir("paravirt", NULL);

	pv_find_cpuid_leaf();
	debugfs_create_file("hypervisor", 0400, dir, NULL, &pv_hypervisor_fops);
	debugfs_create_file("ops", 0400, dir, NULL, &paravirt_ops_fops);
	return 0;
}
late_initcall(paravirt_debugfs_init);
