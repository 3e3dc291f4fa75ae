// SPDX-License-Identifier: GPL-2.0
// pvharness boot COLUMN: boot one column of the matrix under QEMU, save its
// logs and judge it (result.json); --dry-run prints the QEMU command only.
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "boot_run.hpp"
#include "column.hpp"
#include "commands.hpp"

namespace pvh {

namespace {

struct BootArgs {
	std::string column, expect, append, out, kernel, initrd;
	bool dry_run = false, icount = false, single_thread = false;
	int timeout = 0, cpus = 0;
};

bool env_is_1(const char *name)
{
	const char *v = std::getenv(name);
	return v && std::string(v) == "1";
}

// DRY_RUN=1, ICOUNT=1 and BOOT_TIMEOUT=S from the environment, as make
// passes them; the rest as for every boot (apply_environment()).
std::string apply_make_variables(BootArgs &a, BootPlan &plan)
{
	a.dry_run |= env_is_1("DRY_RUN");
	plan.icount = a.icount || env_is_1("ICOUNT");
	const char *t = std::getenv("BOOT_TIMEOUT");
	if (t && *t && !a.timeout) {
		char *end = nullptr;
		long n = std::strtol(t, &end, 10);
		if (*end || n <= 0)
			return std::string("BOOT_TIMEOUT must be a positive number of seconds, "
					   "not '") +
			       t + "'";
		a.timeout = static_cast<int>(n);
	}
	plan.cpus = a.cpus;
	plan.append = a.append;
	return apply_environment(plan);
}

int run(BootArgs &a)
{
	const Globals &g = globals();
	std::string error;
	auto column = load_column(g.root, a.column, error);
	if (!column)
		return fail(error);
	BootPlan plan;
	plan.column = *column;
	plan.expect = a.expect;
	plan.single_thread = a.single_thread;
	if (auto e = apply_make_variables(a, plan); !e.empty())
		return fail(e);
	plan.timeout = a.timeout;
	plan.kernel = a.kernel.empty() ? "" : std::filesystem::absolute(a.kernel).string();
	plan.initrd = a.initrd.empty() ? "" : std::filesystem::absolute(a.initrd).string();
	Paths paths = make_paths(g.root, g.build);
	std::string out = a.out.empty() ? paths.build + "/boot/" + column->name
					: std::filesystem::absolute(a.out).string();
	if (a.dry_run) {
		// A domU column's dom0 initramfs is written when it boots.
		plan.dom0_initrd = out + "/dom0-initrd";
		auto argv = qemu_command(plan, paths, error);
		if (argv.empty())
			return fail(error);
		std::cout << shell_line(argv) << "\n";
		return 0;
	}
	BootRun r = boot_column(plan, paths, out, std::cout, std::cerr, [&](double t) {
		std::cout << "pvops: boot " << column->name << ": " << static_cast<int>(t)
			  << " s ..." << std::endl;
	});
	if (r.interrupted)
		return 130;
	return r.status;
}

} // namespace

Command add_boot_command(CLI::App &app)
{
	auto a = std::make_shared<BootArgs>();
	auto *sub = app.add_subcommand(
		"boot", "boot one column under QEMU, save its logs, judge it (BUILD/boot/COLUMN)");
	sub->add_option("column", a->column, "the column (pvharness columns)")->required();
	sub->add_flag("--dry-run", a->dry_run, "print the QEMU command, boot nothing (DRY_RUN=1)");
	sub->add_flag("--icount", a->icount,
		      "guest time counts instructions, a deterministic cost model (ICOUNT=1)");
	sub->add_flag("--single-thread", a->single_thread,
		      "every vCPU on one host thread (-accel tcg,thread=single)");
	sub->add_option("--timeout", a->timeout, "seconds before QEMU is killed (BOOT_TIMEOUT)")
		->check(CLI::PositiveNumber);
	sub->add_option("--cpus", a->cpus, "virtual CPUs (PVOPS_SMP; default: the machine's)")
		->check(CLI::PositiveNumber);
	sub->add_option("--expect", a->expect,
			"tell the x86_hypervisor suite to expect ENV (default: the column's)");
	sub->add_option("--append", a->append, "more kernel arguments (and PVOPS_APPEND)");
	sub->add_option("--out", a->out, "results directory (default: BUILD/boot/COLUMN)");
	sub->add_option("--kernel", a->kernel,
			"the kernel to judge (default: the build's; a domU column's dom0 "
			"stays the build's)");
	sub->add_option("--initrd", a->initrd,
			"the initramfs to judge (default: the build's; a domU column: the domU's)");
	return {sub, [a]() { return run(*a); }};
}

} // namespace pvh
