/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The counting twins of the hypercall functions (hypercall_stats.c).
 *
 * While hypercall accounting is on, the xen_hypercall static call points
 * to one of these instead of xen_hypercall_pv, xen_hypercall_amd or
 * xen_hypercall_intel. Each twin counts the hypercall and goes on to the
 * function it stands in for, with every register but the flags as it
 * found them. A hypercall other than a multicall, the common case, costs
 * one saved register and a call of xen_hypercall_stats_add_one(), which
 * finds the hypercall's first two arguments where they already are and
 * preserves every register itself. For a multicall the twin saves every
 * register its caller expects to keep and calls
 * xen_hypercall_stats_add_multicall(), which finds the entry array and
 * its length where the hypercall has them and reads the entries. While
 * accounting is off nothing here runs: the hypercall path is the one of a
 * kernel built without accounting.
 *
 * Input and output as for xen_hypercall_pv: %eax the hypercall number,
 * %rdi, %rsi, %rdx, %r10, %r8 its arguments, the result in %rax.
 */

#include <linux/linkage.h>
#include <linux/objtool.h>
#include <asm/frame.h>
#include <xen/interface/xen.h>

.pushsection .noinstr.text, "ax"

.macro XEN_HYPERCALL_COUNTED target
SYM_FUNC_START(\target\()_counted)
	ANNOTATE_NOENDBR
	cmp $__HYPERVISOR_multicall, %eax
	je .Lmulticall_\@
	FRAME_BEGIN
	/* xen_hypercall_stats_add_one(arg1, arg2, op) */
	push %rdx
	mov %eax, %edx
	call xen_hypercall_stats_add_one
	pop %rdx
	FRAME_END
	jmp \target
.Lmulticall_\@:
	FRAME_BEGIN
	push %rax
	push %rcx
	push %rdx
	push %rsi
	push %rdi
	push %r8
	push %r9
	push %r10
	push %r11
	/* xen_hypercall_stats_add_multicall(entries, count): arg1, arg2 */
	call xen_hypercall_stats_add_multicall
	pop %r11
	pop %r10
	pop %r9
	pop %r8
	pop %rdi
	pop %rsi
	pop %rdx
	pop %rcx
	pop %rax
	FRAME_END
	jmp \target
SYM_FUNC_END(\target\()_counted)
.endm

#ifdef CONFIG_XEN_PV
XEN_HYPERCALL_COUNTED xen_hypercall_pv
#endif
XEN_HYPERCALL_COUNTED xen_hypercall_amd
XEN_HYPERCALL_COUNTED xen_hypercall_intel

.popsection
