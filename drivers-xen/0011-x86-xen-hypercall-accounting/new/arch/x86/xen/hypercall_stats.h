/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The layout of the hypercall counters, shared by the C code
 * (hypercall_stats.c, xen-ops.h) and the counting twins
 * (hypercall_stats_asm.S), which count into struct xen_hcall_block.
 */
#ifndef _XEN_HYPERCALL_STATS_H
#define _XEN_HYPERCALL_STATS_H

/* Hypercall numbers counted one by one; the last slot counts all higher ones. */
#define XEN_HCALL_NR			64
#define XEN_HCALL_LAST			(XEN_HCALL_NR - 1)

/*
 * Batch sizes (requests of an mmu_update or mmuext_op, entries of a
 * multicall) are counted exactly up to XEN_HCALL_BATCH_MAX; the last slot
 * counts larger batches.
 */
#define XEN_HCALL_BATCH_MAX		64
#define XEN_HCALL_BATCH_LAST		(XEN_HCALL_BATCH_MAX + 1)

/*
 * sched_op, vcpu_op and hvm_op are also counted by sub-operation, their
 * first argument; the last slot counts all higher ones.
 */
#define XEN_HCALL_SUBOP_NR		32
#define XEN_HCALL_SUBOP_LAST		(XEN_HCALL_SUBOP_NR - 1)
#define XEN_HCALL_SUBOP_SCHED		0
#define XEN_HCALL_SUBOP_VCPU		1
#define XEN_HCALL_SUBOP_HVM		2
#define XEN_HCALL_SUBOP_OPS		3

/* Byte offsets in struct xen_hcall_block. */
#define XEN_HCALL_REQ_OFFSET		(XEN_HCALL_NR * 8)
#define XEN_HCALL_SUBOP_OFFSET		(XEN_HCALL_REQ_OFFSET + (XEN_HCALL_BATCH_LAST + 1) * 8)
#define XEN_HCALL_SUBOP_OFFSET_OF(s)	(XEN_HCALL_SUBOP_OFFSET + (s) * XEN_HCALL_SUBOP_NR * 8)
#define XEN_HCALL_BLOCK_SIZE		XEN_HCALL_SUBOP_OFFSET_OF(XEN_HCALL_SUBOP_OPS)

#endif /* _XEN_HYPERCALL_STATS_H */
