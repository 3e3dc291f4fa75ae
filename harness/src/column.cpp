// SPDX-License-Identifier: GPL-2.0
#include "column.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

namespace fs = std::filesystem;
using nlohmann::json;

namespace pvh {

namespace {

json read_json(const fs::path &path, std::string &error)
{
	std::ifstream in(path);
	if (!in) {
		error = "cannot read " + path.string();
		return nullptr;
	}
	try {
		return json::parse(in);
	} catch (const json::exception &e) {
		error = path.string() + ": " + e.what();
		return nullptr;
	}
}

std::vector<std::string> strings(const json &j)
{
	return j.is_null() ? std::vector<std::string>{} : j.get<std::vector<std::string>>();
}

Expect read_expect(const json &j)
{
	Expect e;
	e.environment = j.at("environment").get<std::string>();
	e.guest = j.value("guest", json::object()).get<std::map<std::string, std::string>>();
	e.skipped_suites = strings(j.value("skipped_suites", json()));
	e.skipped_cases = strings(j.value("skipped_cases", json()));
	e.not_native = strings(j.value("not_native", json()));
	e.hypercalls =
		j.value("hypercalls", json::object()).get<std::map<std::string, std::string>>();
	for (const auto &[cls, want] : e.hypercalls)
		if (want != "zero" && want != "some")
			throw std::runtime_error("expect.hypercalls." + cls + " is '" + want +
						 "', want zero or some");
	return e;
}

Domu read_domu(const json &j, const Column &c)
{
	Domu d;
	d.type = j.at("type").get<std::string>();
	if (d.type != "pv" && d.type != "pvh")
		throw std::runtime_error("domu.type is '" + d.type + "', want pv or pvh");
	if (!c.hypervisor)
		throw std::runtime_error("a domu column needs a hypervisor");
	d.dom0_linux_args = strings(j.at("dom0_linux_args"));
	d.memory = j.value("memory", d.memory);
	d.vcpus = j.value("vcpus", d.vcpus);
	d.timeout = j.value("timeout", d.timeout);
	d.cpus = j.value("cpus", d.cpus);
	if (d.cpus.find_first_not_of("0123456789,-") != std::string::npos)
		throw std::runtime_error("domu.cpus is '" + d.cpus +
					 "', want a list like 1 or 0-1");
	d.tsc_mode = j.value("tsc_mode", d.tsc_mode);
	if (!d.tsc_mode.empty() && d.tsc_mode != "default" && d.tsc_mode != "always_emulate" &&
	    d.tsc_mode != "native" && d.tsc_mode != "native_paravirt")
		throw std::runtime_error("domu.tsc_mode is '" + d.tsc_mode +
					 "', want default, always_emulate, native or "
					 "native_paravirt");
	if (j.contains("xen_trace"))
		throw std::runtime_error("domu.xen_trace: xen_trace belongs to the column, "
					 "beside domu");
	if (d.memory <= 0 || d.vcpus <= 0 || d.timeout <= 0 || d.timeout + kRelayMargin > c.timeout)
		throw std::runtime_error("domu.memory, vcpus and timeout must be positive, "
					 "domu.timeout at least " +
					 std::to_string(kRelayMargin) +
					 " s below the column's timeout");
	return d;
}

// "xen_trace": {"uncounted": {"name": number, ...}}, under a hypervisor.
std::map<std::string, unsigned> read_xen_trace(const json &j, const Column &c)
{
	if (!c.hypervisor)
		throw std::runtime_error("xen_trace needs a hypervisor to trace");
	const json &u = j.value("uncounted", json::object());
	if (!u.is_object() ||
	    std::any_of(u.begin(), u.end(), [](const json &n) { return !n.is_number_unsigned(); }))
		throw std::runtime_error("xen_trace.uncounted is " + u.dump() +
					 ", want hypercall names and numbers, like {\"iret\": 23}");
	return u.get<std::map<std::string, unsigned>>();
}

std::optional<Column> read_column(const std::string &root, const fs::path &file, std::string &error)
{
	json j = read_json(file, error);
	if (j.is_null())
		return std::nullopt;
	Column c;
	c.name = file.stem().string();
	c.file = file.string();
	try {
		c.label = j.value("label", c.name);
		c.machine.name = j.at("machine").get<std::string>();
		fs::path mfile =
			fs::path(root) / "harness" / "machines" / (c.machine.name + ".json");
		json m = read_json(mfile, error);
		if (m.is_null())
			return std::nullopt;
		c.machine.qemu = strings(m.at("qemu"));
		c.machine.cpus = m.value("cpus", 2);
		if (const auto &h = j.value("hypervisor", json()); !h.is_null()) {
			Hypervisor hv;
			hv.image = h.at("image").get<std::string>();
			if (hv.image != "xen")
				throw std::runtime_error("hypervisor.image '" + hv.image +
							 "' is not one pvharness boots (xen)");
			hv.args = strings(h.value("args", json()));
			c.hypervisor = hv;
		}
		c.linux_args = strings(j.at("linux_args"));
		std::string thread = j.value("tcg_thread", "multi");
		if (thread != "multi" && thread != "single")
			throw std::runtime_error("tcg_thread is '" + thread +
						 "', want multi or single");
		c.single_thread = thread == "single";
		c.timeout = j.value("timeout", 240);
		c.kunit_qemu_config = j.value("kunit_qemu_config", "");
		if (const auto &d = j.value("domu", json()); !d.is_null())
			c.domu = read_domu(d, c);
		if (j.contains("xen_trace"))
			c.trace_uncounted = read_xen_trace(j.at("xen_trace"), c);
		c.expect = read_expect(j.at("expect"));
	} catch (const std::exception &e) {
		error = file.string() + ": " + e.what();
		return std::nullopt;
	}
	return c;
}

} // namespace

std::vector<Column> load_columns(const std::string &root, std::string &error)
{
	fs::path dir = fs::path(root) / "harness" / "columns";
	std::vector<fs::path> files;
	std::error_code ec;
	for (const auto &entry : fs::directory_iterator(dir, ec))
		if (entry.path().extension() == ".json")
			files.push_back(entry.path());
	if (ec || files.empty()) {
		error = "no column files in " + dir.string();
		return {};
	}
	// By name: xen-pv before xen-pv-domu (the paths sort '-' before '.').
	std::sort(files.begin(), files.end(),
		  [](const fs::path &a, const fs::path &b) { return a.stem() < b.stem(); });
	std::vector<Column> out;
	for (const auto &f : files) {
		auto c = read_column(root, f, error);
		if (!c)
			return {};
		out.push_back(std::move(*c));
	}
	return out;
}

std::optional<Column> load_column(const std::string &root, const std::string &name,
				  std::string &error)
{
	// A path names a column file outside the matrix (harness/columns/off/).
	if (name.ends_with(".json")) {
		if (!fs::is_regular_file(name)) {
			error = "no column file " + name;
			return std::nullopt;
		}
		return read_column(root, name, error);
	}
	auto all = load_columns(root, error);
	for (auto &c : all)
		if (c.name == name)
			return c;
	if (!all.empty()) {
		error = "unknown column '" + name + "' (want one of:";
		for (const auto &c : all)
			error += " " + c.name;
		error += ")";
	}
	return std::nullopt;
}

} // namespace pvh
