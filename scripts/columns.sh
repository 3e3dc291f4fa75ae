# SPDX-License-Identifier: GPL-2.0
# The boot matrix: how each column boots. The one definition of the QEMU
# machine and of the Xen and Linux command lines; `make boot-*`, `make demo`
# and the C++ harness all boot through scripts/boot.sh, which reads this.
# Sourced, not run.

COLUMNS=(native xen-pv xen-pvh)

# One QEMU machine and CPU model for all three columns, so figures compare:
# q35 with an emulated VT-d (a PVH dom0 needs an IOMMU) and a CPU with SVM
# and nested paging (PVH needs HAP). qemu64 also hides SMAP/SMEP, which
# crash a Xen 4.17 PV dom0 under software emulation. PVOPS_SMP sets the
# number of CPUs (default 2); scripts/hcstats-cost.sh uses 1, because in
# deterministic mode the instructions of every CPU advance guest time and
# an idle second CPU (Xen's idle loop) would count against the benchmark.
QEMU_MACHINE=(-machine q35,kernel-irqchip=split -device intel-iommu,intremap=on
	      -cpu qemu64,+svm,+npt -m 1024 -smp "${PVOPS_SMP:-2}" -nic none)

# Xen 4.17 on the first serial port; dom0 gets half the memory.
XEN_COMMON="console=com1 com1=115200,8n1 dom0_mem=512M loglvl=all guest_loglvl=all"

# Every Linux boot: reboot at once on panic (QEMU's -no-reboot then exits).
LINUX_COMMON="panic=-1"

# column_setup COLUMN: set HYPERVISOR (none|xen), XEN_ARGS, LINUX_ARGS,
# EXPECT (the value the x86_hypervisor KUnit suite compares against) and
# TCG_THREAD (single: boot.sh runs every vCPU on one host thread).
#
# Xen PV boots with one TCG thread. QEMU 7.2's multi-threaded TCG can go on
# running a translation of code that another vCPU has rewritten: after
# text_poke_bp() restored a call site and synchronized every CPU, a vCPU
# still executed the INT3 there ("Oops: int3", memory already holding the
# call). A PV kernel's own text_poke() runs hypercall call sites, and the
# xen_hypercalls suite rewrites all of them when it switches accounting,
# so one PV boot in five hit it. With one thread it costs about 2 s a boot;
# PVOPS_MTTCG=1 boots with multi-threaded TCG anyway.
column_setup() {
	TCG_THREAD=multi
	case $1 in
	native)
		HYPERVISOR=none
		XEN_ARGS=
		LINUX_ARGS="console=ttyS0 $LINUX_COMMON"
		EXPECT=native
		;;
	xen-pv)
		HYPERVISOR=xen
		XEN_ARGS="$XEN_COMMON"
		LINUX_ARGS="console=hvc0 earlyprintk=xen $LINUX_COMMON"
		EXPECT=xen-pv
		TCG_THREAD=single
		;;
	xen-pvh)
		HYPERVISOR=xen
		XEN_ARGS="$XEN_COMMON dom0=pvh"
		LINUX_ARGS="console=hvc0 $LINUX_COMMON"
		EXPECT=xen-pvh
		;;
	*)
		return 1
		;;
	esac
}
