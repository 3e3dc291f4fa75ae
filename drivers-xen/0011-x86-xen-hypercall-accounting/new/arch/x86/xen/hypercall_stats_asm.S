/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The counting twins of the hypercall functions (hypercall_stats.c).
 *
 * While hypercall accounting is on, the xen_hypercall static call points
 * to one of these instead of xen_hypercall_pv, xen_hypercall_amd or
 * xen_hypercall_intel. Each twin saves every register its caller expects
 * to be preserved, hands the hypercall number and the first two arguments
 * to xen_hypercall_stats_add() and goes on to the function it stands in
 * for. While accounting is off nothing here runs: the hypercall path is
 * the one of a kernel built without accounting.
 *
 * Input and output as for xen_hypercall_pv: %eax the hypercall number,
 * %rdi, %rsi, %rdx, %r10, %r8 its arguments, the result in %rax.
 */

#include <linux/linkage.h>
#include <linux/objtool.h>
#include <asm/frame.h>

.pushsection .noinstr.text, "ax"

.macro XEN_HYPERCALL_COUNTED target
SYM_FUNC_START(\target\()_counted)
	ANNOTATE_NOENDBR
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
#ifdef CONFIG_FRAME_POINTER
	pushq $0	/* keep the stack 16-byte aligned for the call */
#endif
	/* xen_hypercall_stats_add(op, arg1, arg2) */
	mov %rsi, %rdx
	mov %rdi, %rsi
	mov %eax, %edi
	call xen_hypercall_stats_add
#ifdef CONFIG_FRAME_POINTER
	pop %rax
#endif
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
