/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Sizes shared by the hypercall accounting's C code (hypercall_stats.c,
 * xen-ops.h) and its counting twins (hypercall_stats_asm.S).
 */
#ifndef _XEN_HYPERCALL_STATS_H
#define _XEN_HYPERCALL_STATS_H

/* Hypercall numbers counted one by one; the last counts all higher ones. */
#define XEN_HCALL_NR		64
/* Batch-size histogram buckets: 1, 2, 3-4, 5-8, ..., 33-64, 65+. */
#define XEN_HCALL_BUCKETS	8
/* Direct mmu_update/mmuext_op calls are counted by request count up to this. */
#define XEN_HCALL_REQ_DIRECT	16
/* Where the twins find the request counts in struct xen_hcall_percpu. */
#define XEN_HCALL_REQUESTS_OFFSET	(XEN_HCALL_NR * 8)

#endif /* _XEN_HYPERCALL_STATS_H */
