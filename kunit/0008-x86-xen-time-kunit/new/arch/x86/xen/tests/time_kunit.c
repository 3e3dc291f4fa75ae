// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for Xen timers and time.
 *
 * Xen PV and PVH guests program one-shot timers through the hypervisor
 * (VCPUOP_set_singleshot_timer), receive them as a per-vCPU VIRQ_TIMER
 * event, read time from the pvclock Xen maintains per vCPU and account
 * stolen time from the vCPU runstate area. These cases check that a timer
 * armed through the normal hrtimer API fires no earlier than asked, within
 * a bound, and arrives on the Xen timer event; that Xen time read on
 * different vCPUs never goes backwards; and that steal time only grows.
 * Natively none of this is in use and the cases are skipped.
 */

#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/hrtimer.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/irqdesc.h>
#include <linux/kernel_stat.h>
#include <linux/sched/clock.h>
#include <linux/smp.h>
#include <asm/paravirt.h>
#include <xen/xen.h>

#define TIMER_DELAY_NS		(2 * NSEC_PER_MSEC)
/*
 * How late a 2 ms timer may fire. Generous: under full software emulation
 * a vCPU can be descheduled by the host for tens of milliseconds.
 */
#define TIMER_LATE_BOUND_NS	(100 * NSEC_PER_MSEC)
#define CLOCK_ROUNDS		50

struct oneshot {
	struct hrtimer timer;
	struct completion fired;
	ktime_t fired_at;
	int cpu;
};

static enum hrtimer_restart oneshot_fn(struct hrtimer *timer)
{
	struct oneshot *o = container_of(timer, struct oneshot, timer);

	o->fired_at = ktime_get();
	o->cpu = smp_processor_id();
	complete(&o->fired);
	return HRTIMER_NORESTART;
}

/* The Linux irq of @cpu's Xen VIRQ_TIMER event, named "timer<cpu>". */
static int xen_timer_irq(int cpu)
{
	char name[16];
	unsigned int irq;

	snprintf(name, sizeof(name), "timer%d", cpu);
	for (irq = 0; irq < nr_irqs; irq++) {
		struct irq_desc *desc = irq_to_desc(irq);

		if (desc && desc->action && desc->action->name &&
		    !strcmp(desc->action->name, name))
			return irq;
	}
	return -ENOENT;
}

static int xen_timer_test_init(struct kunit *test)
{
	if (!xen_domain())
		kunit_skip(test, "not a Xen guest: native clockevents and clocksource");
	return 0;
}

static void oneshot_timer_test(struct kunit *test)
{
	struct oneshot o = { .cpu = -1 };
	ktime_t armed, expiry;
	unsigned int before, after;
	long left;
	int cpu, irq;

	init_completion(&o.fired);
	hrtimer_init(&o.timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_PINNED_HARD);
	o.timer.function = oneshot_fn;

	migrate_disable();
	cpu = smp_processor_id();
	irq = xen_timer_irq(cpu);
	before = irq >= 0 ? kstat_irqs_cpu(irq, cpu) : 0;
	armed = ktime_get();
	hrtimer_start(&o.timer, ns_to_ktime(TIMER_DELAY_NS), HRTIMER_MODE_REL_PINNED_HARD);
	left = wait_for_completion_timeout(&o.fired, msecs_to_jiffies(2000));
	after = irq >= 0 ? kstat_irqs_cpu(irq, cpu) : 0;
	migrate_enable();
	hrtimer_cancel(&o.timer);

	KUNIT_ASSERT_GE_MSG(test, irq, 0, "no Xen timer event bound for cpu %d", cpu);
	KUNIT_ASSERT_NE_MSG(test, left, 0, "a %llu ns timer did not fire within 2 s",
			    (u64)TIMER_DELAY_NS);
	expiry = ktime_add_ns(armed, TIMER_DELAY_NS);
	KUNIT_EXPECT_EQ(test, o.cpu, cpu);
	KUNIT_EXPECT_GE_MSG(test, ktime_to_ns(o.fired_at), ktime_to_ns(expiry),
			    "fired %lld ns early", ktime_to_ns(ktime_sub(expiry, o.fired_at)));
	KUNIT_EXPECT_LT_MSG(test, ktime_to_ns(ktime_sub(o.fired_at, expiry)),
			    (s64)TIMER_LATE_BOUND_NS, "fired later than the bound");
	KUNIT_EXPECT_GT_MSG(test, after, before,
			    "irq %d (timer%d, VIRQ_TIMER) did not count the expiry", irq, cpu);
}

static void read_sched_clock(void *info)
{
	*(u64 *)info = sched_clock();
}

/*
 * sched_clock() is Xen's pvclock here. Read on one vCPU, then another,
 * then the first again: the three readings never go backwards.
 */
static void clock_monotonic_across_vcpus_test(struct kunit *test)
{
	u64 first, other, last;
	int self, target, i;

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
	u64 prev[NR_CPUS] = {}, now;
	int cpu, i;

	if (!static_key_false(&paravirt_steal_enabled))
		kunit_skip(test, "steal time accounting is not enabled");

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
	.init = xen_timer_test_init,
	.test_cases = xen_timer_test_cases,
};

kunit_test_suite(xen_timer_test_suite);

MODULE_DESCRIPTION("KUnit tests for Xen timers and time");
MODULE_LICENSE("GPL");
