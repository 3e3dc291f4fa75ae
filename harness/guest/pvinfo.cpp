// SPDX-License-Identifier: GPL-2.0
// pvinfo: runs in the guest and reports, one "PVOPS: key=value" line each,
// what this boot looks like from the inside: what the kernel detected, what
// Xen's sysfs says, the clocks and the interrupt chips. The host reads these
// lines from the serial log (harness/guest/PROTOCOL.md).

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>

namespace {

std::optional<std::string> read_first_line(const char *path)
{
	std::ifstream in(path);
	std::string line;
	if (!in || !std::getline(in, line))
		return std::nullopt;
	return line;
}

void report(std::string_view key, std::string_view value)
{
	std::cout << "PVOPS: " << key << '=' << value << '\n';
}

void report_file(std::string_view key, const char *path)
{
	report(key, read_first_line(path).value_or("-"));
}

// The kernel log says what init_hypervisor_platform() and the paravirt
// banner decided. /dev/kmsg, opened non-blocking, returns one record per
// read and EAGAIN at the end of the buffer.
void report_kernel_log()
{
	std::string detected = "none", banner = "-";
	int fd = ::open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		report("kernel_detected", "unreadable");
		return;
	}
	char buf[8192];
	for (;;) {
		ssize_t n = ::read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EPIPE)
			continue; // a record was overwritten: go on with the next
		if (n <= 0)
			break;
		std::string_view rec(buf, static_cast<std::size_t>(n));
		std::string_view msg = rec.substr(rec.find(';') + 1);
		msg = msg.substr(0, msg.find('\n'));
		auto after = [&](std::string_view key) -> std::optional<std::string> {
			if (auto pos = msg.find(key); pos != std::string_view::npos)
				return std::string(msg.substr(pos + key.size()));
			return std::nullopt;
		};
		if (auto v = after("Hypervisor detected: "))
			detected = *v;
		if (auto v = after("Booting paravirtualized kernel on "))
			banner = *v;
		else if (auto v = after("Booting kernel on "))
			banner = *v;
	}
	::close(fd);
	report("kernel_detected", detected);
	report("paravirt_banner", banner);
}

// The interrupt chips in use, from /proc/interrupts: the word after the
// per-CPU counts. Xen's event channels show up as xen-* chips.
void report_irq_chips()
{
	std::ifstream in("/proc/interrupts");
	std::string line, chips;
	std::getline(in, line); // header: CPU0 CPU1 ...
	while (std::getline(in, line)) {
		std::istringstream words(line);
		std::string word;
		words >> word; // "NN:" or "NMI:"
		if (word.empty() || !std::isdigit(static_cast<unsigned char>(word[0])))
			continue;
		while (words >> word && std::all_of(word.begin(), word.end(), ::isdigit))
			;
		if (!word.empty() &&
		    (" " + chips + " ").find(" " + word + " ") == std::string::npos)
			chips += (chips.empty() ? "" : " ") + word;
	}
	report("irq_chips", chips.empty() ? "-" : chips);
}

// Interrupts that came from hardware: how many were delivered through
// any chip that is not one of Xen's event channel chips (xen-dyn,
// xen-percpu). A PV dom0 gets its hardware's through xen-pirq; an
// unprivileged domU gets none (a PVH domU lists the legacy timer and
// cascade on XT-PIC, which never fire).
void report_hardware_irqs()
{
	std::ifstream in("/proc/interrupts");
	std::string line;
	unsigned long long delivered = 0;
	if (!in || !std::getline(in, line)) {
		report("hardware_irqs", "-"); // unknown is not none
		return;
	}
	while (std::getline(in, line)) {
		std::istringstream words(line);
		std::string word;
		words >> word;
		if (word.empty() || !std::isdigit(static_cast<unsigned char>(word[0])))
			continue;
		unsigned long long count = 0;
		while (words >> word && std::all_of(word.begin(), word.end(), ::isdigit))
			count += std::stoull(word);
		if (word.rfind("xen-dyn", 0) != 0 && word.rfind("xen-percpu", 0) != 0)
			delivered += count;
	}
	report("hardware_irqs", std::to_string(delivered));
}

// Whether this is Xen's initial domain (dom0): xenfs' capabilities file
// says "control_d" there and nothing in a domU. "-" when it cannot be read
// (no Xen, or xenfs not mounted on /proc/xen).
void report_initial_domain()
{
	std::ifstream in("/proc/xen/capabilities");
	if (!in) {
		report("xen_initial_domain", "-");
		return;
	}
	std::string caps;
	std::getline(in, caps);
	report("xen_initial_domain", caps.find("control_d") == std::string::npos ? "no" : "yes");
}

// Whether the CPU says it runs under a hypervisor (CPUID.1:ECX bit 31, the
// "hypervisor" flag of /proc/cpuinfo): QEMU sets it unless told not to,
// whatever Linux then detects. "-" when /proc/cpuinfo has no flags line.
void report_cpu_hypervisor_flag()
{
	std::ifstream in("/proc/cpuinfo");
	std::string line;
	while (std::getline(in, line)) {
		if (line.rfind("flags", 0) != 0)
			continue;
		std::istringstream words(line.substr(line.find(':') + 1));
		std::string word;
		bool set = false;
		while (words >> word)
			set = set || word == "hypervisor";
		report("cpu_hypervisor_flag", set ? "yes" : "no");
		return;
	}
	report("cpu_hypervisor_flag", "-");
}

} // namespace

int main()
{
	report_kernel_log();
	report_cpu_hypervisor_flag();
	report_file("sys_hypervisor_type", "/sys/hypervisor/type");
	report_file("sys_hypervisor_guest_type", "/sys/hypervisor/guest_type");
	std::string version = read_first_line("/sys/hypervisor/version/major").value_or("-");
	if (auto minor = read_first_line("/sys/hypervisor/version/minor"))
		version += "." + *minor;
	report("xen_version", version);
	report_file("clocksource",
		    "/sys/devices/system/clocksource/clocksource0/current_clocksource");
	report_file("clocksources",
		    "/sys/devices/system/clocksource/clocksource0/available_clocksource");
	report_file("clockevent", "/sys/devices/system/clockevents/clockevent0/current_device");
	report_irq_chips();
	report_hardware_irqs();
	report_initial_domain();
	return 0;
}
