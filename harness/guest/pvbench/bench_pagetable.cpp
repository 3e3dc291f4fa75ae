// SPDX-License-Identifier: GPL-2.0
// page-table: operations whose cost is dominated by page-table updates,
// which a Xen PV guest makes through hypercalls (or trapped writes) and a
// PVH or native guest makes directly.
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "bench.hpp"
#include "clock.hpp"
#include "tiny_elf.hpp"

namespace pvbench {
namespace {

const std::size_t page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));

void touch(volatile char *p, std::size_t pages)
{
	for (std::size_t i = 0; i < pages; ++i)
		p[i * page] = 1;
}

// mmap N pages, write to each (one fault each), munmap.
Result mmap_touch(const Run &run)
{
	const std::size_t pages = run.quick ? 16 : 64;
	Result r = time_batches(
		run,
		[&] {
			void *p = ::mmap(nullptr, pages * page, PROT_READ | PROT_WRITE,
					 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			if (p == MAP_FAILED)
				return errno;
			touch(static_cast<char *>(p), pages);
			return ::munmap(p, pages * page) ? errno : 0;
		},
		"mmap/munmap");
	r.params = {{"pages", static_cast<std::int64_t>(pages)}};
	return r;
}

// Toggle a populated region between read-only and read-write: every call
// rewrites the PTEs of the region.
Result mprotect_toggle(const Run &run)
{
	const std::size_t pages = 16;
	void *p = ::mmap(nullptr, pages * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			 -1, 0);
	if (p == MAP_FAILED)
		return Result::skipped(errno, std::string("mmap: ") + std::strerror(errno));
	touch(static_cast<char *>(p), pages);
	bool writable = true;
	Result r = time_batches(
		run,
		[&] {
			writable = !writable;
			int prot = writable ? PROT_READ | PROT_WRITE : PROT_READ;
			return ::mprotect(p, pages * page, prot) ? errno : 0;
		},
		"mprotect");
	::munmap(p, pages * page);
	r.params = {{"pages", static_cast<std::int64_t>(pages)}};
	return r;
}

// One fault per op: write to each page of fresh mappings, a sample per
// batch of pages; the mmap and munmap around them are not timed.
Result fault_storm(const Run &run)
{
	const std::size_t region = run.quick ? 256 : 1024;
	const unsigned batch = run.batch ? run.batch : 1;
	Result r;
	std::uint64_t done = 0;
	while (done < run.iterations) {
		std::size_t pages = std::min<std::uint64_t>(region, run.iterations - done);
		void *p = ::mmap(nullptr, pages * page, PROT_READ | PROT_WRITE,
				 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			return Result::failed(errno, std::string("mmap: ") + std::strerror(errno));
		auto *base = static_cast<volatile char *>(p);
		for (std::size_t i = 0; i < pages; i += batch) {
			std::size_t n = std::min<std::size_t>(batch, pages - i);
			std::int64_t t0 = now_ns();
			touch(base + i * page, n);
			double dt = static_cast<double>(now_ns() - t0);
			r.samples.push_back(dt / static_cast<double>(n));
			r.total_ns += dt;
		}
		::munmap(p, pages * page);
		done += pages;
	}
	r.ops = done;
	r.params = {{"region_pages", static_cast<std::int64_t>(region)}};
	return r;
}

Result fork_exit(const Run &run)
{
	return time_batches(
		run,
		[] {
			pid_t pid = ::fork();
			if (pid < 0)
				return errno;
			if (pid == 0)
				::_exit(0);
			return reap(pid);
		},
		"fork/waitpid");
}

Result fork_exec(const Run &run)
{
	if (int err = write_tiny_elf(run.exec_path))
		return Result::skipped(err, "writing " + run.exec_path + ": " + std::strerror(err));
	char *const argv[] = {const_cast<char *>(run.exec_path.c_str()), nullptr};
	char *const envp[] = {nullptr};
	Result r = time_batches(
		run,
		[&] {
			pid_t pid = ::fork();
			if (pid < 0)
				return errno;
			if (pid == 0) {
				::execve(argv[0], argv, envp);
				::_exit(127);
			}
			return reap(pid);
		},
		"fork/execve/waitpid");
	::unlink(run.exec_path.c_str());
	return r;
}

} // namespace

void add_pagetable_benchmarks(std::vector<Benchmark> &out)
{
	const std::string c = "page-table";
	out.push_back({c + ".mmap_touch", c, "mmap N anonymous pages, write each, munmap", 500, 20,
		       1, mmap_touch});
	out.push_back({c + ".mprotect", c, "mprotect 16 populated pages, RW <-> RO", 5000, 200, 10,
		       mprotect_toggle});
	out.push_back({c + ".fault_storm", c, "first-touch page faults on fresh mappings", 16384,
		       512, 16, fault_storm});
	out.push_back(
		{c + ".fork_exit", c, "fork, child _exit(0), waitpid", 500, 10, 1, fork_exit});
	out.push_back({c + ".fork_exec", c, "fork, execve of a 129-byte static program, waitpid",
		       300, 5, 1, fork_exec});
}

} // namespace pvbench
