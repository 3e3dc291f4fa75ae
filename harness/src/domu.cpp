// SPDX-License-Identifier: GPL-2.0
#include "domu.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "console.hpp"
#include "cpio.hpp"

namespace pvh {

namespace {

constexpr unsigned long kEpoch = 1735689600; // 2025-01-01, as scripts/initramfs.sh

} // namespace

std::string domu_config(const BootPlan &plan, std::string &error)
{
	const Column &c = plan.column;
	std::string extra = linux_command_line(plan);
	if (extra.find_first_of("\"\\\n") != std::string::npos) {
		error = "the domU's kernel command line cannot carry \", \\ or a newline: " + extra;
		return "";
	}
	std::ostringstream cfg;
	cfg << "# Written by pvharness for column " << c.name << "\n"
	    << "name = \"" << kDomuName << "\"\n"
	    << "type = \"" << c.domu->type << "\"\n"
	    << "kernel = \"/domu/bzImage\"\n"
	    << "ramdisk = \"/domu/initrd\"\n"
	    << "extra = \"" << extra << "\"\n"
	    << "memory = " << c.domu->memory << "\n"
	    << "vcpus = " << c.domu->vcpus << "\n";
	if (!c.domu->cpus.empty())
		cfg << "cpus = \"" << c.domu->cpus << "\"\n";
	if (!c.domu->tsc_mode.empty())
		cfg << "tsc_mode = \"" << c.domu->tsc_mode << "\"\n";
	cfg << "vif = []\n"
	    << "disk = [ \"format=raw,vdev=xvda,access=r,"
	       "script=/etc/xen/scripts/block-hotplug,target=/dev/loop0\" ]\n"
	    << "on_poweroff = \"destroy\"\n"
	    // Kept for dom0-init to report, then destroyed: nothing here reboots
	    // but a panic (panic=-1) or a triple fault.
	    << "on_reboot = \"preserve\"\n"
	    << "on_crash = \"preserve\"\n";
	return cfg.str();
}

bool write_dom0_initrd(const BootPlan &plan, const Paths &paths, const std::string &path,
		       std::string &error)
{
	std::string dom0, kernel, initrd;
	const std::string &kernel_file = plan.kernel.empty() ? paths.bzimage : plan.kernel;
	const std::string &initrd_file = plan.initrd.empty() ? paths.initrd : plan.initrd;
	for (const auto &[file, body] :
	     {std::pair{&paths.initrd_dom0, &dom0}, std::pair{&kernel_file, &kernel},
	      std::pair{&initrd_file, &initrd}})
		if (!read_file(*file, *body)) {
			error = "cannot read " + *file;
			return false;
		}
	std::string cfg = domu_config(plan, error);
	if (cfg.empty())
		return false;
	// dom0 must give up on the domU while QEMU still runs: a minute before
	// the boot's own timeout leaves time for dom0's boot and the relay.
	const int boot_timeout = plan.timeout ? plan.timeout : plan.column.timeout;
	const int domu_timeout =
		std::max(10, std::min(plan.column.domu->timeout, boot_timeout - kRelayMargin));
	std::string env = "DOMU_NAME=" + std::string(kDomuName) +
			  "\nDOMU_TIMEOUT=" + std::to_string(domu_timeout) +
			  "\nDOMU_TRACE=" + (plan.column.trace_uncounted ? "1" : "0") + "\n";
	std::string payload = cpio::newc({{"domu", 0755, true, ""},
					  {"domu/bzImage", 0644, false, kernel},
					  {"domu/initrd", 0644, false, initrd},
					  {"domu/domu.cfg", 0644, false, cfg},
					  {"domu/env", 0644, false, env}},
					 kEpoch);
	if (!write_file(path, cpio::concat(std::move(dom0), payload))) {
		error = "cannot write " + path;
		return false;
	}
	return true;
}

} // namespace pvh
