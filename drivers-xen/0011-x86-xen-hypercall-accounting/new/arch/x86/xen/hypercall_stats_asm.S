/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The counting twins of the hypercall functions (hypercall_stats.c).
 *
 * When hypercalls are counted, which is chosen at boot, the xen_hypercall
 * static call points to one of these instead of xen_hypercall_pv,
 * xen_hypercall_amd or xen_hypercall_intel. Each twin counts the hypercall
 * in this CPU's struct xen_hcall_block and jumps on to the function it
 * stands in for, with every register but the flags as it found them.
 *
 * A twin only counts: it calls nothing and reads no memory but its own
 * counters and the bit mask below, so it does the same whoever calls it,
 * privcmd with user access enabled included. It counts the hypercall by
 * number (eleven instructions with the jump on, one of them a per-CPU
 * increment); mmu_update and mmuext_op also by their number of requests
 * (%rsi), sched_op, vcpu_op and hvm_op also by their sub-operation (%rdi),
 * up to about twenty instructions.
 * What the counts mean (classes, histograms) is worked out when they are
 * read. Until the counters are allocated, early in boot, nothing is
 * counted.
 *
 * Input and output as for xen_hypercall_pv: %rax the hypercall number,
 * %rdi, %rsi, %rdx, %r10, %r8 its arguments, the result in %rax.
 */

#include <linux/linkage.h>
#include <linux/objtool.h>
#include <asm/percpu.h>
#include <xen/interface/xen.h>

#include "hypercall_stats.h"

/* bt on the mask below reads one quadword: numbers from 0 to 63. */
.if XEN_HCALL_NR > 64 || __HYPERVISOR_hvm_op >= 64
.error "hypercall numbers counted beyond the 64-bit mask"
.endif

.pushsection .rodata
/* The hypercalls a twin counts by an argument as well as by number. */
SYM_DATA_LOCAL(xen_hcall_arg_ops,
	.quad (1 << __HYPERVISOR_mmu_update) | (1 << __HYPERVISOR_mmuext_op) | \
	      (1 << __HYPERVISOR_sched_op) | (1 << __HYPERVISOR_vcpu_op) | \
	      (1 << __HYPERVISOR_hvm_op))
.popsection

.pushsection .noinstr.text, "ax"

/*
 * Hypercall \op: count it by \arg in the \last + 1 counters at \off of the
 * block at %rcx, the last for \arg >= \last, and go to \done.
 */
.macro XEN_HCALL_COUNT_BY op:req, arg:req, off:req, last:req, done:req
	cmp $\op, %eax
	jne 1f
	cmp $\last, \arg
	jae 2f
	incq __percpu \off(%rcx, \arg, 8)
	jmp \done
2:	incq __percpu (\off + \last * 8)(%rcx)
	jmp \done
1:
.endm

.macro XEN_HYPERCALL_COUNTED target:req
SYM_FUNC_START(\target\()_counted)
	push %rcx
	mov xen_hcall_percpu(%rip), %rcx
	test %rcx, %rcx
	jz .Ldone_\@
	cmp $XEN_HCALL_LAST, %rax
	jae .Lhigh_\@
	incq __percpu (%rcx, %rax, 8)
	bt %rax, xen_hcall_arg_ops(%rip)
	jc .Largs_\@
.Ldone_\@:
	pop %rcx
	jmp \target
.Lhigh_\@:
	incq __percpu (XEN_HCALL_LAST * 8)(%rcx)
	jmp .Ldone_\@
.Largs_\@:
	XEN_HCALL_COUNT_BY __HYPERVISOR_mmu_update, %rsi, XEN_HCALL_REQ_OFFSET, \
			   XEN_HCALL_BATCH_LAST, .Ldone_\@
	XEN_HCALL_COUNT_BY __HYPERVISOR_mmuext_op, %rsi, XEN_HCALL_REQ_OFFSET, \
			   XEN_HCALL_BATCH_LAST, .Ldone_\@
	XEN_HCALL_COUNT_BY __HYPERVISOR_sched_op, %rdi, \
			   XEN_HCALL_SUBOP_OFFSET_OF(XEN_HCALL_SUBOP_SCHED), \
			   XEN_HCALL_SUBOP_LAST, .Ldone_\@
	XEN_HCALL_COUNT_BY __HYPERVISOR_vcpu_op, %rdi, \
			   XEN_HCALL_SUBOP_OFFSET_OF(XEN_HCALL_SUBOP_VCPU), \
			   XEN_HCALL_SUBOP_LAST, .Ldone_\@
	XEN_HCALL_COUNT_BY __HYPERVISOR_hvm_op, %rdi, \
			   XEN_HCALL_SUBOP_OFFSET_OF(XEN_HCALL_SUBOP_HVM), \
			   XEN_HCALL_SUBOP_LAST, .Ldone_\@
	jmp .Ldone_\@
SYM_FUNC_END(\target\()_counted)
.endm

#ifdef CONFIG_XEN_PV
XEN_HYPERCALL_COUNTED xen_hypercall_pv
#endif
XEN_HYPERCALL_COUNTED xen_hypercall_amd
XEN_HYPERCALL_COUNTED xen_hypercall_intel

.popsection
