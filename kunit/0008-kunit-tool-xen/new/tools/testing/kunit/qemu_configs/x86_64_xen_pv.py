# SPDX-License-Identifier: GPL-2.0
#
# Runs the kernel as a Xen PV dom0: QEMU boots Xen, which boots the kernel
# from its first multiboot module. Give the Xen image (xen.gz, as installed)
# with kunit.py's --hypervisor=FILE.

from ..qemu_config import QemuArchParams

QEMU_ARCH = QemuArchParams(linux_arch='x86_64',
			   kconfig='''
CONFIG_SERIAL_8250=y
CONFIG_SERIAL_8250_CONSOLE=y
CONFIG_HYPERVISOR_GUEST=y
CONFIG_PARAVIRT=y
CONFIG_XEN=y
CONFIG_XEN_PV=y
CONFIG_PCI=y
CONFIG_XEN_DOM0=y
CONFIG_HVC_XEN=y''',
			   qemu_arch='x86_64',
			   kernel_path='arch/x86/boot/bzImage',
			   # Xen owns the serial port; dom0 prints through it on hvc0.
			   kernel_command_line='console=hvc0 earlyprintk=xen',
			   # The Xen image comes from --hypervisor=FILE.
			   hypervisor_command_line='console=com1 com1=115200,8n1 '
						   'dom0_mem=512M loglvl=all guest_loglvl=all',
			   # qemu64 has no SMAP, with which some Xen releases crash
			   # a PV dom0 under TCG. The emulated IOMMU, SVM and NPT
			   # are only needed by PVH, but keep both setups alike.
			   extra_qemu_params=['-machine', 'q35,kernel-irqchip=split',
					      '-device', 'intel-iommu,intremap=on',
					      '-cpu', 'qemu64,+svm,+npt',
					      '-smp', '2'])
