/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_X86_PARAVIRT_DEBUGFS_H
#define _ASM_X86_PARAVIRT_DEBUGFS_H

/*
 * The hooks of CONFIG_PARAVIRT_DEBUGFS (arch/x86/kernel/paravirt_debugfs.c).
 * A header of their own, included only where they are called, so that
 * turning the option on or off does not rebuild every user of paravirt.h.
 */

#include <linux/types.h>

struct alt_instr;
struct seq_file;

/* What a pv_ops call site holds now, decoded from the live instruction. */
enum pv_site_kind {
	PV_SITE_INLINE,		/* other instructions: the native ones, inline */
	PV_SITE_DIRECT,		/* a direct call */
	PV_SITE_NOP,		/* nothing but NOPs: the target does nothing */
	PV_SITE_INDIRECT,	/* still the indirect call through pv_ops */
	PV_SITE_UNKNOWN,	/* does not decode, or a probe's INT3 or JMP */
	PV_SITE_KINDS
};

#ifdef CONFIG_PARAVIRT_DEBUGFS
void paravirt_save_native_ops(void);
void paravirt_record_sites(struct alt_instr *start, struct alt_instr *end);
int paravirt_ops_show(struct seq_file *m, void *v);
enum pv_site_kind paravirt_site_kind(const u8 *code, unsigned int len, unsigned long addr,
				     unsigned long *target);
int paravirt_function_sites(void *func, unsigned int kinds[PV_SITE_KINDS]);
#else
static inline void paravirt_save_native_ops(void)
{
}

static inline void paravirt_record_sites(struct alt_instr *start, struct alt_instr *end)
{
}
#endif

#endif /* _ASM_X86_PARAVIRT_DEBUGFS_H */
