// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for Xen timers and time.
 *
 * Xen PV and PVH guests program one-shot timers through the hypervisor
 * (VCPUOP_set_singleshot_timer), receive them as a per-vCPU VIRQ_TIMER
 * event, read time from the pvclock Xen maintains per vCPU and account
 * stolen time from the vCPU runstate area. These cases check that a timer
 * armed through the normal hrtimer API fires, no earlier than asked, on the
 * CPU it was armed on, delivered by that CPU's Xen timer event; that Xen
 * time read on different vCPUs never goes backwards; and that steal time
 * only grows. No case depends on how late a timer fires: under software
 * emulation a vCPU can be descheduled for any time. Natively none of this
 * is in use and the cases are skipped.
 */

#include <kunit/test.h>
#include <linux/clockchips.h>
#include <linux/completion.h>
#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/hrtimer.h>
#include <linux/kernel_stat.h>
#include <linux/preempt.h>
#include <linux/sched/clock.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <asm/paravirt.h>
#include <asm/xen/events.h>
#include <xen/events.h>
#include <xen/features.h>
#include <xen/interface/xen.h>
#include <xen/xen.h>

#include "../xen-ops.h"

#define TIMER_DELAY_NS		(2 * NSEC_PER_MSEC)
/* Only a failure waits this long: a timer that never fires. */
#define TIMER_GIVE_UP_MS	10000
#define CLOCK_ROUNDS		50

/**
 * struct oneshot - a one-shot hrtimer and what its expiry saw
 * @timer: the timer, pinned to the CPU that armed it
 * @fired: completed by the expiry
 * @irq: the arming CPU's VIRQ_TIMER irq
 * @dev: the arming CPU's Xen clock event device
 * @fired_at: ktime_get() in the expiry
 * @cpu: the CPU the expiry ran on
 * @in_hardirq: whether the expiry ran in hard interrupt context
 * @irq_count: @irq's count on @cpu, read in the expiry
 * @dev_oneshot: whether @dev was in one-shot mode, read in the expiry
 */
struct oneshot {
	struct hrtimer timer;
	struct completion fired;
	int irq;
	struct clock_event_device *dev;
	ktime_t fired_at;
	int cpu;
	bool in_hardirq;
	unsigned int irq_count;
	bool dev_oneshot;
};

static enum hrtimer_restart oneshot_fn(struct hrtimer *timer)
{
	struct oneshot *o = container_of(timer, struct oneshot, timer);

	o->fired_at = ktime_get();
	o->cpu = smp_processor_id();
	o->in_hardirq = in_hardirq();
	o->irq_count = kstat_irqs_cpu(o->irq, o->cpu);
	o->dev_oneshot = clockevent_state_oneshot(o->dev);
	complete(&o->fired);
	return HRTIMER_NORESTART;
}

/*
 * Why the suite does not apply here, NULL where it does: decided once, in
 * suite_init, and each case skips with it.
 */
static const char *xen_timer_skip_reason;

static int xen_timer_suite_init(struct kunit_suite *suite)
{
	xen_timer_skip_reason = xen_domain() ? NULL :
		"not a Xen guest: native clockevents and clocksource";
	return 0;
}

static int xen_timer_test_init(struct kunit *test)
{
	if (xen_timer_skip_reason)
		kunit_skip(test, "%s", xen_timer_skip_reason);
	return 0;
}

/*
 * An HVM guest takes Xen's timer and sched_clock only when it has both
 * the vector callback and a safe pvclock (xen_hvm_init_time_ops()).
 */
static bool hvm_without_xen_clock(void)
{
	return xen_hvm_domain() &&
	       (!xen_have_vector_callback || !xen_feature(XENFEAT_hvm_safe_pvclock));
}

/*
 * An expiry in hard interrupt context, on a CPU whose active (one-shot)
 * clock event device is the Xen timer bound to its VIRQ_TIMER irq, with
 * that irq counted between arming and expiry, was delivered by the Xen
 * timer event: that device's handler is only called from that irq, and an
 * inactive clock event device is detached or shut down, not one-shot.
 */
static void oneshot_timer_test(struct kunit *test)
{
	struct oneshot o = { .cpu = -1 };
	unsigned int before = 0;
	evtchn_port_t port;
	ktime_t armed = 0;
	long left = 0;
	int cpu;

	init_completion(&o.fired);
	hrtimer_init_on_stack(&o.timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_PINNED_HARD);
	o.timer.function = oneshot_fn;

	migrate_disable();
	cpu = smp_processor_id();
	o.irq = irq_evtchn_from_virq(cpu, VIRQ_TIMER, &port);
	o.dev = xen_clockevent_for_test(cpu);
	if (o.irq >= 0) {
		before = kstat_irqs_cpu(o.irq, cpu);
		armed = ktime_get();
		hrtimer_start(&o.timer, ns_to_ktime(TIMER_DELAY_NS),
			      HRTIMER_MODE_REL_PINNED_HARD);
		left = wait_for_completion_timeout(&o.fired,
						   msecs_to_jiffies(TIMER_GIVE_UP_MS));
	}
	migrate_enable();
	hrtimer_cancel(&o.timer);
	destroy_hrtimer_on_stack(&o.timer);

	if (o.irq < 0 && hvm_without_xen_clock())
		kunit_skip(test, "Xen HVM guest without Xen's clock: native timers");
	KUNIT_ASSERT_GE_MSG(test, o.irq, 0, "no Xen VIRQ_TIMER bound for cpu %d", cpu);
	KUNIT_EXPECT_EQ_MSG(test, o.dev->irq, o.irq,
			    "cpu %d: the Xen clock event device is on irq %d, VIRQ_TIMER on %d",
			    cpu, o.dev->irq, o.irq);
	KUNIT_ASSERT_NE_MSG(test, left, 0, "a %llu ns timer did not fire in %d ms",
			    (u64)TIMER_DELAY_NS, TIMER_GIVE_UP_MS);
	KUNIT_EXPECT_EQ(test, o.cpu, cpu);
	KUNIT_EXPECT_TRUE_MSG(test, o.in_hardirq, "expiry outside hard interrupt context");
	KUNIT_EXPECT_TRUE_MSG(test, o.dev_oneshot,
			      "cpu %d: the Xen timer was not its one-shot tick device", cpu);
	KUNIT_EXPECT_GE_MSG(test, ktime_to_ns(o.fired_at),
			    ktime_to_ns(ktime_add_ns(armed, TIMER_DELAY_NS)),
			    "fired before its expiry time");
	KUNIT_EXPECT_GT_MSG(test, o.irq_count, before,
			    "irq %d (VIRQ_TIMER of cpu %d) did not count before the expiry",
			    o.irq, cpu);
}

static void read_sched_clock(void *info)
{
	*(u64 *)info = sched_clock();
}

/*
 * sched_clock() is Xen's pvclock here (an HVM guest without it is skipped:
 * the TSC's sched_clock() promises no order across CPUs). Read on one vCPU,
 * then another, then the first again: the three readings never go
 * backwards.
 */
static void clock_monotonic_across_vcpus_test(struct kunit *test)
{
	u64 first, other, last;
	int self, target, i;

	if (hvm_without_xen_clock())
		kunit_skip(test,
			   "Xen HVM guest without Xen's clock: sched_clock() is not ordered across CPUs");
	if (num_online_cpus() < 2)
		kunit_skip(test, "needs two online vCPUs, have %u", num_online_cpus());

	for (i = 0; i < CLOCK_ROUNDS; i++) {
		self = get_cpu();
		target = cpumask_any_but(cpu_online_mask, self);
		first = sched_clock();
		smp_call_function_single(target, read_sched_clock, &other, 1);
		last = sched_clock();
		put_cpu();
		KUNIT_ASSERT_LE_MSG(test, first, other, "cpu%d then cpu%d, round %d", self,
				    target, i);
		KUNIT_ASSERT_LE_MSG(test, other, last, "cpu%d then cpu%d, round %d", target,
				    self, i);
	}
}

/*
 * Steal time of every vCPU, read repeatedly, only ever grows. Read it as
 * the scheduler does: only when steal time accounting is enabled, and
 * with preemption disabled (Xen's runstate snapshot insists on it).
 */
static void steal_time_never_decreases_test(struct kunit *test)
{
	u64 *prev, now;
	int cpu, i;

	if (!static_key_false(&paravirt_steal_enabled))
		kunit_skip(test, "steal time accounting is not enabled");
	prev = kunit_kcalloc(test, nr_cpu_ids, sizeof(*prev), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, prev);

	for (i = 0; i < CLOCK_ROUNDS; i++) {
		for_each_online_cpu(cpu) {
			preempt_disable();
			now = paravirt_steal_clock(cpu);
			preempt_enable();
			KUNIT_ASSERT_GE_MSG(test, now, prev[cpu], "cpu%d steal went back, round %d",
					    cpu, i);
			prev[cpu] = now;
		}
		usleep_range(50, 100);
	}
}

static struct kunit_case xen_timer_test_cases[] = {
	KUNIT_CASE(oneshot_timer_test),
	KUNIT_CASE(clock_monotonic_across_vcpus_test),
	KUNIT_CASE(steal_time_never_decreases_test),
	{}
};

static struct kunit_suite xen_timer_test_suite = {
	.name = "xen_timer",
	.suite_init = xen_timer_suite_init,
	.init = xen_timer_test_init,
	.test_cases = xen_timer_test_cases,
};

kunit_test_suite(xen_timer_test_suite);

MODULE_DESCRIPTION("KUnit tests for Xen timers and time");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
MODULE_LICENSE("GPL");
