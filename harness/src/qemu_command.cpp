// SPDX-License-Identifier: GPL-2.0
#include "qemu_command.hpp"

#include <cstdlib>

namespace pvh {

namespace {

std::string join(const std::vector<std::string> &words)
{
	std::string out;
	for (const auto &w : words)
		out += (out.empty() ? "" : " ") + w;
	return out;
}

} // namespace

std::string apply_environment(BootPlan &plan)
{
	const char *mttcg = std::getenv("PVOPS_MTTCG");
	plan.mttcg |= mttcg && std::string(mttcg) == "1";
	const char *smp = std::getenv("PVOPS_SMP");
	if (smp && *smp && !plan.cpus) {
		char *end = nullptr;
		long n = std::strtol(smp, &end, 10);
		if (*end || n <= 0 || n > 64)
			return std::string("PVOPS_SMP must be a positive number of CPUs, not '") +
			       smp + "'";
		plan.cpus = static_cast<int>(n);
	}
	const char *more = std::getenv("PVOPS_APPEND");
	if (more && *more)
		plan.append += (plan.append.empty() ? "" : " ") + std::string(more);
	return "";
}

std::string linux_command_line(const BootPlan &plan)
{
	std::string line = join(plan.column.linux_args);
	line += " hypervisor_kunit.expect=" +
		(plan.expect.empty() ? plan.column.expect.environment : plan.expect);
	// A dom0 column traced by Xen: the kernel's init records the trace
	// (scripts/guest/init); in a domU column its dom0 does.
	if (plan.column.trace_uncounted && !plan.column.domu)
		line += " pvops.xen_trace";
	if (!plan.append.empty())
		line += " " + plan.append;
	// Under -icount user space gets fixed address layouts too.
	if (plan.icount)
		line += " norandmaps";
	return line;
}

std::vector<std::string> qemu_command(const BootPlan &plan, const Paths &paths, std::string &error)
{
	const Column &c = plan.column;
	std::vector<std::string> argv = {paths.qemu};
	argv.insert(argv.end(), c.machine.qemu.begin(), c.machine.qemu.end());
	argv.insert(argv.end(),
		    {"-smp", std::to_string(plan.cpus ? plan.cpus : c.machine.cpus), "-display",
		     "none", "-monitor", "none", "-serial", "stdio", "-no-reboot"});
	if (plan.icount) {
		// Guest time counts instructions; the RTC starts at a fixed date
		// and follows guest time, so that nothing of the host's clock
		// leaks in (boot entropy, time stamps).
		argv.insert(argv.end(), {"-icount", "shift=0,sleep=off", "-rtc",
					 "base=2025-01-01T00:00:00,clock=vm"});
	} else if (plan.single_thread || (c.single_thread && !plan.mttcg)) {
		argv.insert(argv.end(), {"-accel", "tcg,thread=single"});
	}
	const std::string &kernel = plan.kernel.empty() ? paths.bzimage : plan.kernel;
	const std::string &initrd = plan.initrd.empty() ? paths.initrd : plan.initrd;
	std::string cmdline = linux_command_line(plan);
	if (!c.hypervisor) {
		argv.insert(argv.end(), {"-kernel", kernel, "-initrd", initrd, "-append", cmdline});
		return argv;
	}
	// A domU column boots the build's kernel as dom0 with the dom0
	// initramfs, which carries the kernel being judged (domu.cpp).
	std::string module0 = kernel, module1 = initrd;
	if (c.domu) {
		module0 = paths.bzimage;
		module1 = plan.dom0_initrd;
		cmdline = join(c.domu->dom0_linux_args);
	}
	// QEMU's multiboot loader separates modules with commas; each
	// module's first word is its file, the rest its command line.
	std::string modules = module0 + " " + cmdline + "," + module1;
	if ((module0 + cmdline + module1).find(',') != std::string::npos) {
		error = "a path or argument contains a comma, which QEMU's -initrd cannot carry: " +
			module0 + " " + module1 + " " + cmdline;
		return {};
	}
	argv.insert(argv.end(), {"-kernel", paths.xen_elf, "-append", join(c.hypervisor->args),
				 "-initrd", modules});
	return argv;
}

std::string shell_line(const std::vector<std::string> &argv)
{
	static const std::string plain = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
					 "0123456789_@%+=:,./-";
	std::string out;
	for (const auto &a : argv) {
		if (!out.empty())
			out += ' ';
		if (!a.empty() && a.find_first_not_of(plain) == std::string::npos) {
			out += a;
			continue;
		}
		out += '\'';
		for (char ch : a)
			out += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
		out += '\'';
	}
	return out;
}

} // namespace pvh
