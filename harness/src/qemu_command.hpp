// SPDX-License-Identifier: GPL-2.0
// The QEMU command that boots a column: its machine, then either the
// bzImage itself or Xen with the bzImage and the initramfs as multiboot
// modules. The only place that knows how a column is started.
#pragma once

#include <string>
#include <vector>

#include "column.hpp"
#include "paths.hpp"

namespace pvh {

struct BootPlan {
	Column column;
	std::string expect;	    // hypervisor_kunit.expect= (default: the column's)
	std::string append;	    // more kernel arguments
	bool icount = false;	    // -icount: guest time counts instructions
	bool single_thread = false; // -accel tcg,thread=single, whatever the column says
	bool mttcg = false;	    // multi-threaded TCG even where the column says single
	int cpus = 0;		    // 0: the machine's
	int timeout = 0;	    // seconds; 0: the column's
	std::string kernel, initrd; // the kernel and initramfs judged; "": the build's
	std::string dom0_initrd;    // a domU column's dom0 initramfs (write_dom0_initrd())
};

// PVOPS_SMP=N (unless plan.cpus is set), PVOPS_MTTCG=1 and PVOPS_APPEND
// (more kernel arguments) from the environment, as make and the scripts
// pass them. "" or the one-line error naming a bad value.
std::string apply_environment(BootPlan &plan);

// The kernel command line the guest gets.
std::string linux_command_line(const BootPlan &plan);

// argv of the QEMU run; an error (a comma in a module's path or arguments,
// which QEMU's -initrd cannot carry) leaves it empty.
std::vector<std::string> qemu_command(const BootPlan &plan, const Paths &paths, std::string &error);

// argv as one line a shell would read back the same (dry runs, qemu.cmd).
std::string shell_line(const std::vector<std::string> &argv);

} // namespace pvh
