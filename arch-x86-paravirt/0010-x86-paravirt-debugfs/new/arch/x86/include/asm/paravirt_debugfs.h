/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_X86_PARAVIRT_DEBUGFS_H
#define _ASM_X86_PARAVIRT_DEBUGFS_H

/*
 * The hooks of CONFIG_PARAVIRT_DEBUGFS (arch/x86/kernel/paravirt_debugfs.c).
 * A header of their own, included only where they are called, so that
 * turning the option on or off does not rebuild every user of paravirt.h.
 */

struct alt_instr;
struct seq_file;

#ifdef CONFIG_PARAVIRT_DEBUGFS
void paravirt_save_native_ops(void);
void paravirt_note_sites(struct alt_instr *start, struct alt_instr *end);
int paravirt_ops_show(struct seq_file *m, void *v);
#else
static inline void paravirt_save_native_ops(void)
{
}

static inline void paravirt_note_sites(struct alt_instr *start, struct alt_instr *end)
{
}
#endif

#endif /* _ASM_X86_PARAVIRT_DEBUGFS_H */
