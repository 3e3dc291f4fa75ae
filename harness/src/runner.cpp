// SPDX-License-Identifier: GPL-2.0
#include "runner.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <time.h>

namespace pvh {

namespace {

double since(std::chrono::steady_clock::time_point t0)
{
	return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

volatile sig_atomic_t interrupted = 0;

void on_interrupt(int sig)
{
	interrupted = sig;
}

// The processes below pid, from /proc: a child that moved into a
// process group of its own would escape a group kill.
std::vector<pid_t> descendants(pid_t root)
{
	std::vector<std::pair<pid_t, pid_t>> parent_of; // (pid, ppid)
	for (const auto &entry : std::filesystem::directory_iterator("/proc")) {
		std::string name = entry.path().filename().string();
		if (name.find_first_not_of("0123456789") != std::string::npos)
			continue;
		std::ifstream stat(entry.path() / "stat");
		std::string line;
		if (!std::getline(stat, line))
			continue;
		auto close = line.rfind(')'); // the command name may hold spaces
		if (close == std::string::npos)
			continue;
		std::istringstream rest(line.substr(close + 2));
		char state;
		pid_t ppid = 0;
		rest >> state >> ppid;
		parent_of.emplace_back(std::stoi(name), ppid);
	}
	std::vector<pid_t> out = {root};
	for (std::size_t i = 0; i < out.size(); ++i)
		for (const auto &[pid, ppid] : parent_of)
			if (ppid == out[i])
				out.push_back(pid);
	out.erase(out.begin());
	return out;
}

void kill_tree(pid_t pid, int sig)
{
	for (pid_t p : descendants(pid))
		::kill(p, sig);
	::kill(pid, sig);
}

} // namespace

bool interrupted_by_signal()
{
	return interrupted != 0;
}

BootOutcome run_command(const std::vector<std::string> &argv, const std::string &log,
			double deadline, const std::function<void(double)> &progress, double every,
			const std::string &err_log)
{
	BootOutcome out;
	int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		out.error = "cannot write " + log + ": " + std::strerror(errno);
		return out;
	}
	int efd = fd;
	if (!err_log.empty()) {
		efd = ::open(err_log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		if (efd < 0) {
			out.error = "cannot write " + err_log + ": " + std::strerror(errno);
			::close(fd);
			return out;
		}
	}
	std::vector<char *> args;
	for (const auto &a : argv)
		args.push_back(const_cast<char *>(a.c_str()));
	args.push_back(nullptr);

	auto t0 = std::chrono::steady_clock::now();
	pid_t pid = ::fork();
	if (pid < 0) {
		out.error = std::string("fork: ") + std::strerror(errno);
		::close(fd);
		if (efd != fd)
			::close(efd);
		return out;
	}
	if (pid == 0) {
		::setpgid(0, 0); // its own process group, so that all of it can be stopped
		::dup2(fd, STDOUT_FILENO);
		::dup2(efd, STDERR_FILENO);
		int null = ::open("/dev/null", O_RDONLY);
		if (null >= 0)
			::dup2(null, STDIN_FILENO);
		::execv(args[0], args.data());
		dprintf(STDERR_FILENO, "cannot run %s: %s\n", args[0], std::strerror(errno));
		::_exit(127);
	}
	::setpgid(pid, pid);
	::close(fd);
	if (efd != fd)
		::close(efd);
	// Ctrl-C or a TERM stops the boot too, instead of orphaning QEMU.
	struct sigaction sa {
	}, old_int{}, old_term{};
	sa.sa_handler = on_interrupt;
	sigemptyset(&sa.sa_mask);
	::sigaction(SIGINT, &sa, &old_int);
	::sigaction(SIGTERM, &sa, &old_term);

	double next = every;
	bool term_sent = false;
	double term_at = 0;
	int status = 0;
	for (;;) {
		pid_t w = ::waitpid(pid, &status, WNOHANG);
		if (w == pid)
			break;
		if (w < 0 && errno != EINTR) {
			out.error = std::string("waitpid: ") + std::strerror(errno);
			break;
		}
		double t = since(t0);
		if (!term_sent && (t > deadline || interrupted)) {
			kill_tree(pid, SIGTERM);
			term_sent = true;
			term_at = t;
			out.killed = true;
		} else if (term_sent && t > term_at + 5) {
			kill_tree(pid, SIGKILL);
		}
		if (progress && t >= next) {
			progress(t);
			next += every;
		}
		std::this_thread::sleep_for(std::chrono::milliseconds(100));
	}
	::sigaction(SIGINT, &old_int, nullptr);
	::sigaction(SIGTERM, &old_term, nullptr);
	out.seconds = since(t0);
	if (WIFEXITED(status))
		out.exit_code = WEXITSTATUS(status);
	else if (WIFSIGNALED(status))
		out.exit_code = 128 + WTERMSIG(status);
	return out;
}

} // namespace pvh
