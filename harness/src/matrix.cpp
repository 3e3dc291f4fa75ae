// SPDX-License-Identifier: GPL-2.0
#include "matrix.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "boot_run.hpp"
#include "runner.hpp"

namespace fs = std::filesystem;

namespace pvh {

std::string boot_line(const Boot &b)
{
	if (!b.log_read)
		return "no console log";
	ktap::Counts all = ktap::count_cases(b.ktap);
	std::string out = std::string("KUnit ") + ktap::verdict_name(ktap::verdict(b.ktap)) + " " +
			  std::to_string(all.pass) + "/" + std::to_string(all.total());
	bench::State s = bench::state(b.bench);
	if (s == bench::State::NotRun)
		return out + "; pvbench not run";
	int ok = 0, skipped = 0, failed = 0;
	for (const auto &r : b.bench.records)
		(r.status == "ok" ? ok : r.status == "skipped" ? skipped : failed)++;
	return out + "; pvbench " + bench::state_name(s) + " " + std::to_string(ok) + " ok, " +
	       std::to_string(skipped) + " skipped, " + std::to_string(failed) + " failed";
}

std::string boot_inputs(const Paths &paths)
{
	std::string out;
	for (const fs::path &p : {fs::path(paths.bzimage), fs::path(paths.initrd)}) {
		std::error_code ec;
		auto size = fs::file_size(p, ec);
		auto mtime = fs::last_write_time(p, ec);
		out += p.filename().string() + ":" + (ec ? "missing" : std::to_string(size)) + "@" +
		       std::to_string(mtime.time_since_epoch().count()) + " ";
	}
	return out;
}

std::vector<Boot> run_matrix(const Options &opts, const std::vector<Column> &columns,
			     const Paths &paths, const std::string &out)
{
	std::vector<Boot> boots;
	const int total = opts.repeat * static_cast<int>(columns.size());
	int k = 0;
	const std::string spec = opts.bench_spec();
	for (int r = 1; r <= opts.repeat; ++r) {
		for (const auto &column : columns) {
			++k;
			Boot b;
			b.column = column.name;
			b.repeat = r;
			fs::path rdir = fs::path(out) / ("r" + std::to_string(r));
			b.dir = (rdir / column.name).string();
			b.runner_log = (rdir / (column.name + ".boot.txt")).string();

			BootPlan plan;
			plan.column = column;
			plan.append = spec.empty() ? "" : "pvops.bench=" + spec;
			plan.icount = opts.deterministic;
			plan.timeout = opts.boot_timeout();
			if (auto e = apply_environment(plan); !e.empty()) {
				std::cerr << "pvharness: error: " << e << std::endl;
				std::exit(2);
			}

			char tag[96];
			std::snprintf(tag, sizeof(tag), "pvharness: [%d/%d] %s%s", k, total,
				      column.name.c_str(),
				      opts.repeat > 1 ? (" #" + std::to_string(r)).c_str() : "");
			std::cout << tag << ": booting" << (opts.deterministic ? " (-icount)" : "")
				  << ", timeout " << plan.timeout << " s, log " << b.log()
				  << std::endl;
			b.inputs = boot_inputs(paths);
			if (!boots.empty() && boots.front().inputs != b.inputs)
				std::cerr << "pvharness: error: the kernel or initramfs changed "
					     "since the first boot of this run ("
					  << boots.front().inputs << "-> " << b.inputs
					  << "); figures of different builds are mixed"
					  << std::endl;
			std::ostringstream said;
			BootRun run = boot_column(plan, paths, b.dir, said, said, [&](double t) {
				std::cout << tag << ": " << static_cast<int>(t) << " s ..."
					  << std::endl;
			});
			std::ofstream(b.runner_log) << said.str();
			if (run.interrupted) {
				std::cerr << "pvharness: error: interrupted during the "
					  << column.name << " boot; stopped it (see "
					  << b.runner_log << ")" << std::endl;
				std::exit(130);
			}
			b.exit_code = run.status;
			b.killed = run.qemu_rc == 124;
			b.seconds = run.seconds;
			std::string error;
			if (run.qemu_rc < 0 || !load_boot(b, error)) {
				std::cerr << "pvharness: error: " << column.name
					  << ": did not boot; see " << b.runner_log << std::endl;
				boots.push_back(std::move(b));
				continue;
			}
			char secs[32];
			std::snprintf(secs, sizeof(secs), "%.1f", run.seconds);
			std::cout << tag << ": boot "
				  << (b.boot_status.empty() ? "exit " + std::to_string(run.status)
							    : b.boot_status)
				  << " in " << secs << " s; " << boot_line(b) << std::endl;
			for (const auto &p : boot_problems(b, !spec.empty()))
				std::cerr << "pvharness: error: " << column.name << " #" << r
					  << ": " << p << "; see " << b.log() << std::endl;
			boots.push_back(std::move(b));
		}
	}
	return boots;
}

std::vector<Boot> discover_logs(const std::string &dir, const std::vector<std::string> &columns,
				std::string &error)
{
	std::vector<Boot> boots;
	for (int r = 1;; ++r) {
		fs::path rdir = fs::path(dir) / ("r" + std::to_string(r));
		if (!fs::is_directory(rdir))
			break;
		for (const auto &c : columns) {
			if (!fs::exists(rdir / c / "serial.log"))
				continue;
			Boot b;
			b.column = c;
			b.repeat = r;
			b.dir = (rdir / c).string();
			boots.push_back(std::move(b));
		}
	}
	if (boots.empty()) {
		for (const auto &c : columns) {
			if (!fs::exists(fs::path(dir) / c / "serial.log"))
				continue;
			Boot b;
			b.column = c;
			b.dir = (fs::path(dir) / c).string();
			boots.push_back(std::move(b));
		}
	}
	if (boots.empty()) {
		error = "no serial.log under " + dir + " (want " + dir + "/r1/<column>/ or " + dir +
			"/<column>/)";
		return boots;
	}
	for (auto &b : boots) {
		std::string e;
		if (!load_boot(b, e)) {
			error = e;
			return {};
		}
	}
	return boots;
}

} // namespace pvh
