// SPDX-License-Identifier: GPL-2.0
#include "paths.hpp"

#include <cstdlib>
#include <filesystem>

namespace fs = std::filesystem;

namespace pvh {

namespace {

std::string env_or(const char *name, const std::string &fallback)
{
	const char *v = std::getenv(name);
	return v && *v ? v : fallback;
}

bool is_root(const fs::path &p)
{
	return fs::is_directory(p / "harness" / "columns");
}

} // namespace

Paths make_paths(const std::string &root, const std::string &build)
{
	Paths p;
	p.root = root;
	p.build = fs::absolute(build.empty() ? env_or("BUILD", root + "/build") : build)
			  .lexically_normal()
			  .string();
	p.bzimage = env_or("PVOPS_KERNEL", p.build + "/obj/arch/x86/boot/bzImage");
	p.initrd = p.build + "/initrd.gz";
	p.initrd_dom0 = p.build + "/initrd-dom0.gz";
	p.initrd_xentrace = p.build + "/initrd-xentrace.gz";
	p.xen_gz = env_or("XEN_GZ", "/boot/xen-4.17-amd64.gz");
	p.xen_elf = p.build + "/xen.elf";
	p.qemu = env_or("QEMU", "qemu-system-x86_64");
	p.patterns = root + "/scripts/splat-patterns";
	return p;
}

std::string find_root(const std::string &given)
{
	if (!given.empty())
		return fs::absolute(given).lexically_normal().string();
	std::error_code ec;
	for (fs::path p = fs::current_path(ec); !p.empty(); p = p.parent_path()) {
		if (is_root(p))
			return p.string();
		if (p == p.root_path())
			break;
	}
	fs::path built = PVOPS_SOURCE_ROOT;
	return is_root(built) ? fs::absolute(built).lexically_normal().string() : "";
}

} // namespace pvh
