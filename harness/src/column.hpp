// SPDX-License-Identifier: GPL-2.0
// The boot matrix as data: one harness/columns/<name>.json per column, each
// naming a QEMU machine from harness/machines/<machine>.json. Adding a
// column is one new file; nothing else lists the columns.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace pvh {

struct Machine {
	std::string name;
	std::vector<std::string> qemu; // arguments, -smp excluded
	int cpus = 2;
};

struct Hypervisor {
	std::string image;	       // "xen": Xen 4.17 (XEN_GZ, unpacked to BUILD/xen.elf)
	std::vector<std::string> args; // its command line
};

// What a boot of the column must show (pvharness verify).
struct Expect {
	std::string environment;		       // hypervisor_kunit.expect=
	std::map<std::string, std::string> guest;      // PVOPS: key=value the guest reports
	std::vector<std::string> skipped_suites;       // every case skips, each with a reason
	std::vector<std::string> skipped_cases;	       // suite.case that skip here
	std::vector<std::string> not_native;	       // paravirt/ops routed away from native
	std::map<std::string, std::string> hypercalls; // class -> "zero" or "some"
};

// A column whose kernel runs as an unprivileged guest (a domU) that Xen's
// toolstack starts from a dom0 (scripts/guest/dom0-init). The dom0 is the
// same bzImage with the dom0 initramfs; the kernel being judged is the domU.
// Seconds a boot keeps after dom0 gives up on its domU: for dom0's own boot,
// destroying the domU and relaying its console before QEMU is killed.
inline constexpr int kRelayMargin = 60;

struct Domu {
	std::string type;			  // xl's type=: "pv" or "pvh"
	std::vector<std::string> dom0_linux_args; // the dom0 kernel's command line
	int memory = 256;			  // MiB
	int vcpus = 2;				  // the domU's
	int timeout = 150;			  // seconds from xl create to xl destroy
	std::string cpus;			  // xl's cpus= (hard affinity); "": any
	std::string tsc_mode;			  // xl's tsc_mode=; "": Xen's default
};

struct Column {
	std::string name;  // the file's stem: "xen-pv"
	std::string label; // for people: "Xen PV"
	std::string file;
	Machine machine;
	std::optional<Hypervisor> hypervisor;
	std::vector<std::string> linux_args;
	bool single_thread = false;    // -accel tcg,thread=single
	int timeout = 240;	       // seconds
	std::string kunit_qemu_config; // tools/testing/kunit/qemu_configs/ file describing it
	std::optional<Domu> domu;      // set: linux_args are the domU's
	// Set ("xen_trace"): Xen's trace of the judged kernel is recorded (by
	// its dom0 in a domU column, else by the kernel's own init, which
	// gets pvops.xen_trace), and the kernel's trace window must match its
	// own counts except for these hypercalls (name -> number), which it
	// never counts.
	std::optional<std::map<std::string, unsigned>> trace_uncounted;
	Expect expect;
};

// Every column under root/harness/columns, in name order. Empty, with a
// one-line error naming the file, when one cannot be read.
std::vector<Column> load_columns(const std::string &root, std::string &error);

// One column by name; the error lists the names there are. A name ending
// in .json is a column file's path: a column kept out of the matrix.
std::optional<Column> load_column(const std::string &root, const std::string &name,
				  std::string &error);

} // namespace pvh
