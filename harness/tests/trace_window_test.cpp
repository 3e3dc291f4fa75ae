// SPDX-License-Identifier: GPL-2.0
// Xen's trace as a witness: dom0's reader of xentrace's file (built from
// records laid out as Xen writes them) and the host's comparison of its
// output with the domU's own counts.
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "trace_window.hpp"
#include "xen_trace.hpp"

namespace {

using xentrace::count_windows;

// A trace file, one record at a time, as xentrace writes it.
class TraceFile
{
public:
	TraceFile &cpu(std::uint32_t c) { return record(xentrace::kCpuChange, {c, 0}, false); }
	TraceFile &running(std::uint32_t dom, std::uint32_t vcpu)
	{
		return record(xentrace::kRunstateChange | (1 << 8), {dom << 16 | vcpu});
	}
	// A PV hypercall (V2 format) with its recorded arguments.
	TraceFile &pv(std::uint32_t op, std::vector<std::uint32_t> args = {}, bool entry = false)
	{
		std::vector<std::uint32_t> d = {op | (args.empty() ? 0u : 1u << 20)};
		d.insert(d.end(), args.begin(), args.end());
		return record(entry ? xentrace::kPvSubcall : xentrace::kPvHypercall, d);
	}
	// An HVM VMMCALL exit: Xen records it without a timestamp.
	TraceFile &vmmcall(std::uint32_t op) { return record(xentrace::kHvmVmmcall, {op}, false); }
	TraceFile &lost(std::uint32_t n) { return record(xentrace::kLostRecords, {n, 0, 0, 0}); }
	TraceFile &at(std::uint64_t tsc)
	{
		tsc_ = tsc;
		return *this;
	}
	const std::string &bytes() const { return bytes_; }

private:
	TraceFile &record(std::uint32_t event, std::vector<std::uint32_t> data, bool tsc = true)
	{
		std::uint32_t header = event | static_cast<std::uint32_t>(data.size()) << 28 |
				       (tsc ? 1u << 31 : 0u);
		put(&header, 4);
		if (tsc) {
			put(&tsc_, 8);
			++tsc_;
		}
		put(data.data(), 4 * data.size());
		return *this;
	}
	void put(const void *p, std::size_t n) { bytes_.append(static_cast<const char *>(p), n); }

	std::string bytes_;
	std::uint64_t tsc_ = 1000;
};

constexpr unsigned kMark = 55;

} // namespace

TEST(XenTrace, CountsOneVcpuFromMarkerToMarker)
{
	TraceFile t;
	t.cpu(0).running(1, 0)
		.pv(17)
		.pv(kMark)
		.pv(1, {3})
		.pv(12, {2})
		.pv(1, {1}, true)
		.pv(26, {1}, true)
		.pv(23)
		.pv(kMark)
		.pv(17);
	auto r = count_windows(t.bytes(), 1, kMark);
	ASSERT_EQ(r.error, "");
	ASSERT_EQ(r.vcpus.size(), 1u);
	const auto &w = r.vcpus.at(0);
	EXPECT_EQ(w.markers, 2);
	EXPECT_EQ(xentrace::list(w.calls), "1:1,12:1,23:1,55:2");
	EXPECT_EQ(xentrace::list(w.batched), "1:1,26:1");
	EXPECT_EQ(r.records, 11u);
	EXPECT_EQ(r.lost, 0u);
}

TEST(XenTrace, RecordsBelongToTheVcpuRunningOnTheirCpu)
{
	// dom0 and the domU's second vCPU on CPU 0, its first on CPU 1; only
	// vCPUs that made the marker have a window.
	TraceFile t;
	t.cpu(0).running(0, 0).pv(kMark).pv(17).pv(kMark);
	t.cpu(1).running(1, 0).pv(kMark).pv(24).pv(kMark);
	t.cpu(0).running(1, 1).pv(29).pv(17);
	auto r = count_windows(t.bytes(), 1, kMark);
	ASSERT_EQ(r.vcpus.size(), 1u);
	EXPECT_EQ(xentrace::list(r.vcpus.at(0).calls), "24:1,55:2");
	// Records on a CPU before any vCPU is seen starting there are nobody's.
	TraceFile early;
	early.cpu(0).pv(kMark).pv(17).pv(kMark);
	EXPECT_TRUE(count_windows(early.bytes(), 1, kMark).vcpus.empty());
}

TEST(XenTrace, AVcpuThatMovesBetweenCpusIsReadInTimeOrder)
{
	// xentrace writes CPU 1's run before CPU 0's second one: the window
	// is put together by timestamp, not by position in the file.
	TraceFile t;
	t.cpu(1).at(200).running(1, 0).pv(24).pv(kMark).pv(29);
	t.cpu(0).at(100).running(1, 0).pv(kMark).pv(17);
	t.cpu(0).at(150).running(0, 0).pv(3);
	auto r = count_windows(t.bytes(), 1, kMark);
	ASSERT_EQ(r.vcpus.size(), 1u);
	EXPECT_EQ(xentrace::list(r.vcpus.at(0).calls), "17:1,24:1,55:2");
}

TEST(XenTrace, RestartsLossesAndHvmExits)
{
	TraceFile t;
	t.cpu(1).running(2, 0)
		.vmmcall(kMark)
		.pv(1, {0x80000005})
		.pv(26, {0x80000001})
		.pv(1, {5})
		.vmmcall(24)
		.lost(7)
		.vmmcall(kMark)
		.vmmcall(kMark);
	auto r = count_windows(t.bytes(), 2, kMark);
	ASSERT_EQ(r.vcpus.size(), 1u);
	const auto &w = r.vcpus.at(0);
	EXPECT_EQ(w.markers, 2); // a third marker is past the window
	EXPECT_EQ(w.restarted, 2u);
	EXPECT_EQ(xentrace::list(w.calls), "1:1,24:1,55:2");
	EXPECT_EQ(r.lost, 7u);
}

TEST(XenTrace, AMulticallXenPreemptedAndResumedIsOneCall)
{
	// A multicall of 4: two entries run, Xen preempts it, the guest issues
	// it again with the 2 left. Then a new multicall of 2, complete.
	TraceFile t;
	t.cpu(0).running(1, 0)
		.pv(kMark)
		.pv(13, {4})
		.pv(1, {1}, true)
		.pv(1, {1}, true)
		.pv(13, {2})
		.pv(1, {1}, true)
		.pv(26, {1}, true)
		.pv(13, {2})
		.pv(1, {1}, true)
		.pv(1, {1}, true)
		.pv(kMark);
	auto r = count_windows(t.bytes(), 1, kMark);
	ASSERT_EQ(r.vcpus.size(), 1u);
	const auto &w = r.vcpus.at(0);
	EXPECT_EQ(xentrace::list(w.calls), "13:2,55:2");
	EXPECT_EQ(xentrace::list(w.batched), "1:5,26:1");
	EXPECT_EQ(w.restarted, 1u);
}

TEST(XenTrace, AVcpuOnTwoCpusAtOnceIsAnError)
{
	// vCPU 0 starts on CPU 0 at 100 and runs until 300; CPU 1's clock
	// says it started there at 200.
	TraceFile t;
	t.cpu(0).at(100).running(1, 0).pv(kMark).at(300).running(32767, 0);
	t.cpu(1).at(200).running(1, 0).pv(kMark).at(400).running(32767, 1);
	auto r = count_windows(t.bytes(), 1, kMark);
	EXPECT_NE(r.error.find("vCPU 0 ran on CPUs 0 and 1 at once"), std::string::npos) << r.error;
	// One after the other is fine.
	TraceFile ok;
	ok.cpu(0).at(100).running(1, 0).pv(kMark).at(150).running(32767, 0);
	ok.cpu(1).at(200).running(1, 0).pv(kMark).at(400).running(32767, 1);
	EXPECT_EQ(count_windows(ok.bytes(), 1, kMark).error, "");
}

TEST(XenTrace, AFileCutInsideARecordIsAnError)
{
	TraceFile t;
	t.cpu(0).running(1, 0).pv(kMark).pv(17).pv(kMark);
	for (std::size_t cut : {t.bytes().size() - 2, t.bytes().size() - 9}) {
		auto r = count_windows(t.bytes().substr(0, cut), 1, kMark);
		EXPECT_NE(r.error, "") << cut;
	}
	EXPECT_EQ(count_windows("", 1, kMark).records, 0u);
}

namespace {

pvh::trace::GuestWindow guest(const std::string &line)
{
	auto w = pvh::trace::find_guest_window({"[ 1.0] other", line});
	EXPECT_TRUE(w);
	return w ? *w : pvh::trace::GuestWindow{};
}

const std::string kGuest = "[    5.1]     # trace_window_test: trace_window: vcpu=1 mark=55 "
			   "calls=1:9,17:3,55:2 batched=26:2";

nlohmann::json compare(const std::vector<std::string> &xen,
		       const std::map<std::string, unsigned> &uncounted = {{"iret", 23}})
{
	auto g = guest(kGuest);
	return pvh::trace::compare(g, pvh::trace::xen_window(xen, g.vcpu), uncounted);
}

} // namespace

TEST(TraceWindow, TheDomusLineIsRead)
{
	auto g = guest(kGuest);
	EXPECT_EQ(g.vcpu, 1u);
	EXPECT_EQ(g.mark, 55u);
	EXPECT_EQ(g.counts.calls.at(17), 3u);
	EXPECT_EQ(g.counts.batched.at(26), 2u);
	EXPECT_FALSE(pvh::trace::find_guest_window({"no window here"}));
	EXPECT_THROW(pvh::trace::find_guest_window({"trace_window: vcpu=x"}), std::runtime_error);
	EXPECT_THROW(guest("trace_window: vcpu=0 mark=55 calls=1:x batched="), std::runtime_error);
}

TEST(TraceWindow, TheLastWindowIsTheTracedOne)
{
	// A dom0 kernel runs the case at boot and again under its own trace.
	auto w = pvh::trace::find_guest_window(
		{"trace_window: vcpu=0 mark=55 calls=55:2 batched=", kGuest, "[ 6.0] later"});
	ASSERT_TRUE(w);
	EXPECT_EQ(w->vcpu, 1u);
	EXPECT_EQ(pvh::trace::records({"PVOPS-TRACE: records=3 lost=0", "PVOPS: x=1",
				       "[ 1.0] PVOPS-TRACE: not at the start"}),
		  std::vector<std::string>{"records=3 lost=0"});
}

TEST(TraceWindow, EqualCountsAgreeAndTheUncountedIretIsShown)
{
	auto r = compare({"vcpu=0 markers=2 calls=1:1,55:2 batched= restarted=0",
			  "vcpu=1 markers=2 calls=1:9,17:3,23:4,55:2 batched=26:2 restarted=1",
			  "records=900 lost=0"});
	EXPECT_TRUE(r["mismatches"].empty()) << r.dump();
	EXPECT_EQ(r["calls"]["23"], nlohmann::json::array({0, 4}));
	EXPECT_EQ(r["restarted"], 1);
	EXPECT_EQ(r["records"], 900);
}

TEST(TraceWindow, EveryDifferenceIsNamed)
{
	auto r = compare({"vcpu=1 markers=2 calls=1:8,17:3,55:2,29:1 batched=26:1 restarted=0",
			  "records=900 lost=3"});
	std::string all = r["mismatches"].dump();
	EXPECT_NE(all.find("calls 1: guest 9, Xen 8"), std::string::npos) << all;
	EXPECT_NE(all.find("calls 29: guest 0, Xen 1"), std::string::npos) << all;
	EXPECT_NE(all.find("batched 26: guest 2, Xen 1"), std::string::npos) << all;
	EXPECT_NE(all.find("lost 3 record"), std::string::npos) << all;
	// The guest counting a hypercall it is said never to count.
	auto iret = compare({"vcpu=1 markers=2 calls=1:9,17:3,55:2 batched=26:2 restarted=0",
			     "records=9 lost=0"},
			    {{"xen_version", 17}});
	EXPECT_NE(iret["mismatches"].dump().find("17 (xen_version): the guest counted 3"),
		  std::string::npos)
		<< iret.dump();
}

TEST(TraceWindow, AMissingWindowOrTraceFails)
{
	auto half = compare({"vcpu=1 markers=1 calls=1:9,17:3,55:1 batched=26:2 restarted=0",
			     "records=9 lost=0"});
	EXPECT_NE(half["mismatches"].dump().find("1 marker hypercall(s) from vCPU 1, want 2"),
		  std::string::npos);
	auto other =
		compare({"vcpu=0 markers=2 calls=55:2 batched= restarted=0", "records=9 lost=0"});
	EXPECT_NE(other["mismatches"].dump().find("0 marker"), std::string::npos);
	auto none = compare({});
	EXPECT_NE(none["mismatches"].dump().find("dom0 relayed no trace"), std::string::npos);
	EXPECT_THROW(compare({"vcpu=1 markers=2 calls=1:9"}), std::runtime_error);
}
