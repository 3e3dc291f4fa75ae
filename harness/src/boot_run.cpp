// SPDX-License-Identifier: GPL-2.0
#include "boot_run.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>
#include <utility>

#include "console.hpp"
#include "cpio.hpp"
#include "domu.hpp"
#include "judge.hpp"
#include "runner.hpp"

namespace fs = std::filesystem;

namespace pvh {

std::string find_program(const std::string &name)
{
	if (name.find('/') != std::string::npos)
		return ::access(name.c_str(), X_OK) == 0 ? name : "";
	const char *path = std::getenv("PATH");
	std::istringstream dirs(path ? path : "/usr/bin:/bin");
	std::string dir;
	while (std::getline(dirs, dir, ':')) {
		std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
		if (::access(candidate.c_str(), X_OK) == 0)
			return candidate;
	}
	return "";
}

namespace {

// A dom0 column whose kernel records Xen's trace of itself.
bool traces_itself(const Column &c)
{
	return c.trace_uncounted && !c.domu;
}

// The boot's initramfs with Xen's trace tools appended, at path.
bool write_traced_initrd(const BootPlan &plan, const Paths &paths, const std::string &path,
			 std::string &error)
{
	std::string initrd, tools;
	const std::string &initrd_file = plan.initrd.empty() ? paths.initrd : plan.initrd;
	for (const auto &[file, body] :
	     {std::pair{&initrd_file, &initrd}, std::pair{&paths.initrd_xentrace, &tools}})
		if (!read_file(*file, *body)) {
			error = "cannot read " + *file;
			return false;
		}
	if (!write_file(path, cpio::concat(std::move(initrd), tools))) {
		error = "cannot write " + path;
		return false;
	}
	return true;
}

bool newer(const std::string &a, const std::string &b)
{
	std::error_code ec1, ec2;
	auto ta = fs::last_write_time(a, ec1), tb = fs::last_write_time(b, ec2);
	return ec1 || ec2 || ta > tb;
}

} // namespace

// Xen's image as Debian installs it is gzipped; QEMU's multiboot loader
// wants the ELF. Unpacked once into BUILD, again when the package changes.
bool unpack_xen(const Paths &paths, std::string &error)
{
	std::error_code ec;
	if (fs::file_size(paths.xen_elf, ec) > 0 && !ec && !newer(paths.xen_gz, paths.xen_elf))
		return true;
	std::string gzip = find_program("gzip");
	std::string tmp = paths.xen_elf + ".tmp", log = paths.xen_elf + ".log";
	auto o = run_command({gzip, "-dc", paths.xen_gz}, tmp, 60, nullptr, 60, log);
	if (gzip.empty() || o.exit_code != 0) {
		error = "could not gunzip " + paths.xen_gz + "; see " + log;
		return false;
	}
	fs::rename(tmp, paths.xen_elf, ec);
	fs::remove(log, ec);
	return true;
}

namespace {

bool preflight(const BootPlan &plan, Paths &paths, std::string &error)
{
	std::string qemu = find_program(paths.qemu);
	if (qemu.empty()) {
		error = paths.qemu + " not found (Debian package qemu-system-x86); run 'make deps'";
		return false;
	}
	paths.qemu = qemu;
	if (!fs::exists(paths.bzimage)) {
		error = "no kernel at " + paths.bzimage + "; run 'make kernel' first";
		return false;
	}
	if (!fs::exists(paths.initrd)) {
		error = "no initramfs at " + paths.initrd + "; run 'make initramfs' first";
		return false;
	}
	for (const auto &[given, option] :
	     {std::pair{&plan.kernel, "--kernel"}, std::pair{&plan.initrd, "--initrd"}})
		if (!given->empty() && !fs::is_regular_file(*given)) {
			error = std::string(option) + ": no such file: " + *given;
			return false;
		}
	// A missing package first: 'make deps' comes before 'make initramfs'.
	if (plan.column.hypervisor && !fs::exists(paths.xen_gz)) {
		error = paths.xen_gz + " missing (Debian package "
				       "xen-hypervisor-4.17-amd64); run 'make deps'";
		return false;
	}
	if (plan.column.domu && !fs::exists(paths.initrd_dom0)) {
		error = "no dom0 initramfs at " + paths.initrd_dom0 +
			"; run 'make initramfs' first";
		return false;
	}
	if (traces_itself(plan.column) && !fs::exists(paths.initrd_xentrace)) {
		error = "no trace tools archive at " + paths.initrd_xentrace +
			"; run 'make initramfs' first";
		return false;
	}
	return !plan.column.hypervisor || unpack_xen(paths, error);
}

} // namespace

BootRun boot_column(const BootPlan &given_plan, const Paths &given, const std::string &out_dir,
		    std::ostream &out, std::ostream &err,
		    const std::function<void(double)> &progress)
{
	BootRun run;
	BootPlan plan = given_plan;
	Paths paths = given;
	std::string error;
	if (!preflight(plan, paths, error)) {
		err << "pvharness: error: " << error << std::endl;
		return run;
	}
	std::error_code ec;
	fs::create_directories(out_dir, ec);
	for (const auto &entry : fs::directory_iterator(out_dir, ec))
		if (entry.is_regular_file())
			fs::remove(entry.path(), ec);
	if (traces_itself(plan.column)) {
		std::string traced = out_dir + "/initrd-traced";
		if (!write_traced_initrd(plan, paths, traced, error)) {
			err << "pvharness: error: " << error << std::endl;
			return run;
		}
		plan.initrd = traced;
	}
	if (plan.column.domu) {
		plan.dom0_initrd = out_dir + "/dom0-initrd";
		if (!write_dom0_initrd(plan, paths, plan.dom0_initrd, error)) {
			err << "pvharness: error: " << error << std::endl;
			return run;
		}
		// The xl config inside dom0-initrd, for the reader of the logs.
		if (!write_file(out_dir + "/domu.cfg", domu_config(plan, error))) {
			err << "pvharness: error: cannot write " << out_dir << "/domu.cfg"
			    << std::endl;
			return run;
		}
	}
	auto argv = qemu_command(plan, paths, error);
	if (argv.empty()) {
		err << "pvharness: error: " << error << std::endl;
		return run;
	}
	const std::string log = out_dir + "/serial.log";
	std::ofstream(out_dir + "/qemu.cmd") << shell_line(argv) << "\n";

	const int timeout = plan.timeout ? plan.timeout : plan.column.timeout;
	out << "pvops: boot " << plan.column.name << ": QEMU" << (plan.icount ? " -icount" : "")
	    << (fs::exists("/dev/kvm") ? "" : " (no KVM: software emulation)") << ", timeout "
	    << timeout << " s (log: " << log << ")" << std::endl;
	BootOutcome o = run_command(argv, log, timeout, progress, 30, out_dir + "/qemu.stderr");
	if (!o.error.empty()) {
		err << "pvharness: error: " << o.error << std::endl;
		return run;
	}
	run.interrupted = interrupted_by_signal();
	run.seconds = o.seconds;
	// As coreutils' timeout reports it, which the judge knows.
	run.qemu_rc = o.killed && !run.interrupted ? 124 : o.exit_code;

	JudgeRequest req;
	req.dir = out_dir;
	req.column = plan.column.name;
	req.domu = plan.column.domu.has_value();
	req.trace_uncounted = plan.column.trace_uncounted;
	req.expect = plan.expect.empty() ? plan.column.expect.environment : plan.expect;
	req.qemu_rc = run.qemu_rc;
	req.seconds = o.seconds;
	req.timeout = timeout;
	req.splat_patterns = paths.patterns;
	run.status = judge_boot(req, out, err);
	return run;
}

} // namespace pvh
