/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The counting twins of the hypercall functions (hypercall_stats.c).
 *
 * While hypercall accounting is on, the xen_hypercall static call points
 * to one of these instead of xen_hypercall_pv, xen_hypercall_amd or
 * xen_hypercall_intel. Each twin counts the hypercall and goes on to the
 * function it stands in for, with every register but the flags as it
 * found them.
 *
 * Most hypercalls cost nine instructions more than the hypercall itself: a
 * check that their number is in the counted range, one per-CPU increment
 * of the count for that number (with a register saved to hold the address
 * of the counters, which are allocated when accounting is first switched
 * on), a test of whether their arguments matter to the accounting, and
 * the jump on. The class of such a hypercall follows from its number alone
 * and is worked out when the counts are read. Only these look further:
 *  - mmu_update and mmuext_op, whose number of requests (%rsi) goes into
 *    a histogram: one more increment while it is at most
 *    XEN_HCALL_REQ_DIRECT;
 *  - sched_op, vcpu_op and hvm_op, whose class depends on their
 *    sub-operation (%rdi), and mmu_update or mmuext_op with more requests,
 *    and numbers beyond the counted range: the twin saves one register and
 *    calls xen_hypercall_stats_add_slow(), which preserves all others;
 *  - a multicall: the twin saves every register its caller expects to keep
 *    and calls xen_hypercall_stats_add_multicall(), which reads the
 *    entries where the hypercall has them.
 * While accounting is off nothing here runs: the hypercall path is the one
 * of a kernel built without accounting.
 *
 * Input and output as for xen_hypercall_pv: %rax the hypercall number,
 * %rdi, %rsi, %rdx, %r10, %r8 its arguments, the result in %rax.
 */

#include <linux/linkage.h>
#include <linux/objtool.h>
#include <asm/frame.h>
#include <asm/percpu.h>
#include <xen/interface/xen.h>

#include "hypercall_stats.h"

.pushsection .noinstr.text, "ax"

.macro XEN_HYPERCALL_COUNTED target
SYM_FUNC_START(\target\()_counted)
	ANNOTATE_NOENDBR
	cmp $XEN_HCALL_NR - 1, %rax
	jae .Lslow_\@
	push %rcx
	mov xen_hcall_percpu(%rip), %rcx
	incq __percpu (%rcx, %rax, 8)
	bt %rax, xen_hcall_arg_ops(%rip)
	jc .Largs_\@
	pop %rcx
	jmp \target
.Largs_\@:
	cmp $__HYPERVISOR_mmu_update, %eax
	je .Lrequests_\@
	cmp $__HYPERVISOR_mmuext_op, %eax
	je .Lrequests_\@
	pop %rcx
	cmp $__HYPERVISOR_multicall, %eax
	je .Lmulticall_\@
	jmp .Lslow_\@
.Lrequests_\@:
	cmp $XEN_HCALL_REQ_DIRECT, %rsi
	ja .Lslow_pop_\@
	incq __percpu XEN_HCALL_REQUESTS_OFFSET(%rcx, %rsi, 8)
	pop %rcx
	jmp \target
.Lslow_pop_\@:
	pop %rcx
.Lslow_\@:
	FRAME_BEGIN
	/* xen_hypercall_stats_add_slow(arg1, arg2, op) */
	push %rdx
	mov %rax, %rdx
	call xen_hypercall_stats_add_slow
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
