// SPDX-License-Identifier: GPL-2.0
#include "matrix.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>

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

std::string boot_inputs(const std::string &root)
{
	const char *env = std::getenv("BUILD");
	fs::path build = env && *env ? fs::path(env) : fs::path(root) / "build";
	std::string out;
	for (const fs::path &p : {build / "obj/arch/x86/boot/bzImage", build / "initrd.gz"}) {
		std::error_code ec;
		auto size = fs::file_size(p, ec);
		auto mtime = fs::last_write_time(p, ec);
		out += p.filename().string() + ":" + (ec ? "missing" : std::to_string(size)) + "@" +
		       std::to_string(mtime.time_since_epoch().count()) + " ";
	}
	return out;
}

std::vector<Boot> run_matrix(const Options &opts, const std::string &boot_script,
			     const std::string &root, const std::string &out)
{
	std::vector<Boot> boots;
	const int total = opts.repeat * static_cast<int>(opts.columns.size());
	int k = 0;
	const std::string spec = opts.bench_spec();
	for (int r = 1; r <= opts.repeat; ++r) {
		for (const auto &column : opts.columns) {
			++k;
			Boot b;
			b.column = column;
			b.repeat = r;
			fs::path rdir = fs::path(out) / ("r" + std::to_string(r));
			b.dir = (rdir / column).string();
			b.runner_log = (rdir / (column + ".boot.txt")).string();
			std::error_code ec;
			fs::create_directories(b.dir, ec);

			BootRequest req;
			req.boot_script = boot_script;
			req.column = column;
			req.out_dir = b.dir;
			req.append = spec.empty() ? "" : "pvops.bench=" + spec;
			req.icount = opts.deterministic;
			req.timeout = opts.boot_timeout();
			req.runner_log = b.runner_log;

			char tag[64];
			std::snprintf(tag, sizeof(tag), "pvharness: [%d/%d] %s%s", k, total,
				      column.c_str(),
				      opts.repeat > 1 ? (" #" + std::to_string(r)).c_str() : "");
			std::cout << tag << ": booting" << (opts.deterministic ? " (-icount)" : "")
				  << ", timeout " << req.timeout << " s, log " << b.log()
				  << std::endl;
			b.inputs = boot_inputs(root);
			if (!boots.empty() && boots.front().inputs != b.inputs)
				std::cerr << "pvharness: error: the kernel or initramfs changed "
					     "since the "
					     "first boot of this run ("
					  << boots.front().inputs << "-> " << b.inputs
					  << "); figures of different builds are mixed"
					  << std::endl;
			BootOutcome o = run_boot(req, [&](double t) {
				std::cout << tag << ": " << static_cast<int>(t) << " s ..."
					  << std::endl;
			});
			if (interrupted_by_signal()) {
				std::cerr << "pvharness: error: interrupted during the " << column
					  << " boot; stopped it (see " << b.runner_log << ")"
					  << std::endl;
				std::exit(130);
			}
			b.exit_code = o.exit_code;
			b.killed = o.killed;
			b.seconds = o.seconds;
			if (!o.error.empty()) {
				std::cerr << "pvharness: error: " << column << ": " << o.error
					  << std::endl;
				boots.push_back(std::move(b));
				continue;
			}
			std::string error;
			if (!load_boot(b, error)) {
				std::cerr << "pvharness: error: " << column
					  << ": scripts/boot.sh did not boot (exit " << o.exit_code
					  << "); see " << b.runner_log << std::endl;
				boots.push_back(std::move(b));
				continue;
			}
			char secs[32];
			std::snprintf(secs, sizeof(secs), "%.1f", o.seconds);
			std::cout << tag << ": boot.sh "
				  << (b.boot_status.empty() ? "exit " + std::to_string(o.exit_code)
							    : b.boot_status)
				  << " in " << secs << " s; " << boot_line(b) << std::endl;
			for (const auto &p : boot_problems(b, !spec.empty()))
				std::cerr << "pvharness: error: " << column << " #" << r << ": "
					  << p << "; see " << b.log() << std::endl;
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
