// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for Xen event channels.
 *
 * Xen PV and PVH guests take their interrupts as event channels: a port is
 * bound to a Linux irq, the hypervisor marks it pending and upcalls the
 * guest, masking holds delivery back, and IPIs between vCPUs are events
 * too. These cases open a loopback pair of ports (both ends in this
 * domain), send on one end and watch the handler of the other, and send a
 * function-call IPI to another vCPU. No case depends on how soon an event
 * arrives: each waits for the delivery itself, with a timeout only a lost
 * event reaches. Natively there are no event channels and the cases are
 * skipped.
 */

#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/interrupt.h>
#include <linux/kernel_stat.h>
#include <linux/smp.h>
#include <xen/events.h>
#include <xen/interface/event_channel.h>
#include <xen/xen.h>
#include <asm/xen/hypercall.h>

#include "../events/events_internal.h"

/* Only a lost event waits this long. */
#define DELIVERY_TIMEOUT	msecs_to_jiffies(10000)

/**
 * struct evtchn_pair - two ports of this domain connected to each other
 * @send_port: the end we send on
 * @recv_port: the end bound to @irq
 * @irq: Linux irq of @recv_port
 * @events: number of times the handler ran
 * @delivered: completed by the handler
 */
struct evtchn_pair {
	evtchn_port_t send_port;
	evtchn_port_t recv_port;
	int irq;
	atomic_t events;
	struct completion delivered;
};

static irqreturn_t pair_handler(int irq, void *data)
{
	struct evtchn_pair *pair = data;

	atomic_inc(&pair->events);
	complete(&pair->delivered);
	return IRQ_HANDLED;
}

static void close_port(evtchn_port_t port)
{
	struct evtchn_close close = { .port = port };

	HYPERVISOR_event_channel_op(EVTCHNOP_close, &close);
}

static void pair_release(void *data)
{
	struct evtchn_pair *pair = data;

	if (pair->irq >= 0)
		unbind_from_irqhandler(pair->irq, pair);	/* closes recv_port */
	close_port(pair->send_port);
}

static struct evtchn_pair *open_pair(struct kunit *test)
{
	struct evtchn_alloc_unbound alloc = { .dom = DOMID_SELF, .remote_dom = DOMID_SELF };
	struct evtchn_bind_interdomain bind = { .remote_dom = DOMID_SELF };
	struct evtchn_pair *pair;
	int ret;

	pair = kunit_kzalloc(test, sizeof(*pair), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, pair);
	init_completion(&pair->delivered);
	pair->irq = -1;

	ret = HYPERVISOR_event_channel_op(EVTCHNOP_alloc_unbound, &alloc);
	KUNIT_ASSERT_EQ_MSG(test, ret, 0, "EVTCHNOP_alloc_unbound");
	pair->send_port = alloc.port;
	bind.remote_port = alloc.port;
	ret = HYPERVISOR_event_channel_op(EVTCHNOP_bind_interdomain, &bind);
	if (ret) {
		close_port(alloc.port);
		KUNIT_FAIL_AND_ABORT(test, "EVTCHNOP_bind_interdomain to self: %d", ret);
	}
	pair->recv_port = bind.local_port;
	pair->irq = bind_evtchn_to_irqhandler(pair->recv_port, pair_handler, IRQF_NO_AUTOEN,
					      "kunit-evtchn", pair);
	if (pair->irq < 0) {
		close_port(pair->recv_port);
		close_port(pair->send_port);
		KUNIT_FAIL_AND_ABORT(test, "binding port %u to an irq: %d", pair->recv_port,
				     pair->irq);
	}
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, pair_release, pair), 0);

	/*
	 * Xen conservatively marks a freshly bound interdomain port pending,
	 * in case the other end sent while it was unbound. The irq was bound
	 * disabled: drop that event before enabling it, so that every
	 * delivery the handler counts is one the case sent.
	 */
	xen_clear_irq_pending(pair->irq);
	enable_irq(pair->irq);
	return pair;
}

/*
 * Why the suite does not apply here, NULL where it does: decided once, in
 * suite_init, and each case skips with it.
 */
static const char *xen_evtchn_skip_reason;

static int xen_evtchn_suite_init(struct kunit_suite *suite)
{
	xen_evtchn_skip_reason = xen_domain() ? NULL :
		"not a Xen guest: no event channels";
	return 0;
}

static int xen_evtchn_test_init(struct kunit *test)
{
	if (xen_evtchn_skip_reason)
		kunit_skip(test, "%s", xen_evtchn_skip_reason);
	return 0;
}

/* An event sent on one end of a loopback pair runs the other end's handler. */
static void send_to_self_test(struct kunit *test)
{
	struct evtchn_pair *pair = open_pair(test);

	KUNIT_EXPECT_NE(test, pair->send_port, pair->recv_port);
	notify_remote_via_evtchn(pair->send_port);
	KUNIT_EXPECT_NE_MSG(test, wait_for_completion_timeout(&pair->delivered, DELIVERY_TIMEOUT),
			    0, "event on port %u not delivered", pair->recv_port);
	KUNIT_EXPECT_EQ(test, atomic_read(&pair->events), 1);
}

/*
 * An event on a masked (disabled) port stays pending, undelivered, until
 * the port is unmasked. Xen sets the pending bit within the send.
 */
static void masked_port_held_back_test(struct kunit *test)
{
	struct evtchn_pair *pair = open_pair(test);
	int before_unmask;
	bool pending;

	disable_irq(pair->irq);
	notify_remote_via_evtchn(pair->send_port);
	pending = xen_test_irq_pending(pair->irq);
	before_unmask = atomic_read(&pair->events);
	enable_irq(pair->irq);

	KUNIT_EXPECT_TRUE_MSG(test, pending, "event on masked port %u is not pending",
			      pair->recv_port);
	KUNIT_EXPECT_EQ_MSG(test, before_unmask, 0, "delivered while masked");
	KUNIT_EXPECT_NE_MSG(test, wait_for_completion_timeout(&pair->delivered, DELIVERY_TIMEOUT),
			    0, "pending event lost when the port was unmasked");
	KUNIT_EXPECT_EQ(test, atomic_read(&pair->events), 1);
}

/*
 * Several sends while masked are one pending bit: one delivery. A send
 * after that delivery is a second one, and the handler has then run
 * exactly twice.
 */
static void pending_events_coalesce_test(struct kunit *test)
{
	struct evtchn_pair *pair = open_pair(test);
	int i;

	disable_irq(pair->irq);
	for (i = 0; i < 5; i++)
		notify_remote_via_evtchn(pair->send_port);
	enable_irq(pair->irq);
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&pair->delivered, DELIVERY_TIMEOUT), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&pair->events), 1);

	notify_remote_via_evtchn(pair->send_port);
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&pair->delivered, DELIVERY_TIMEOUT), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&pair->events), 2);
}

#ifdef CONFIG_X86
static void record_cpu(void *info)
{
	*(int *)info = smp_processor_id();
}

/*
 * A function-call IPI to another vCPU arrives, as a Xen event: the irq the
 * Xen event code bound to that vCPU's call-function-single IPI counts it.
 * CPU hotplug is held off so that the binding cannot change meanwhile, and
 * migration so that the target stays another CPU (a call to the calling
 * CPU runs locally, without an IPI).
 */
static void ipi_to_other_vcpu_test(struct kunit *test)
{
	unsigned int before, after;
	int self, target, ran_on, irq, i, ret = 0;

	cpus_read_lock();
	if (num_online_cpus() < 2) {
		cpus_read_unlock();
		kunit_skip(test, "needs two online vCPUs, have %u", num_online_cpus());
	}
	migrate_disable();
	self = smp_processor_id();
	target = cpumask_any_but(cpu_online_mask, self);
	irq = xen_ipi_irq_for_test(target, XEN_CALL_FUNCTION_SINGLE_VECTOR);
	before = irq >= 0 ? kstat_irqs_cpu(irq, target) : 0;
	for (i = 0; irq >= 0 && !ret && i < 10; i++) {
		ran_on = -1;
		ret = smp_call_function_single(target, record_cpu, &ran_on, 1);
		if (!ret && ran_on != target)
			ret = -EINVAL;
	}
	after = irq >= 0 ? kstat_irqs_cpu(irq, target) : 0;
	migrate_enable();
	cpus_read_unlock();

	/* Only an HVM guest without the vector callback keeps native IPIs. */
	if (irq < 0 && xen_hvm_domain() && !xen_pvh_domain())
		kunit_skip(test, "Xen HVM guest without Xen IPIs: they are native here");
	KUNIT_ASSERT_GE_MSG(test, irq, 0, "no Xen call-function IPI bound for cpu %d", target);
	KUNIT_ASSERT_EQ_MSG(test, ret, 0, "call %d on cpu %d: %d (ran on cpu %d)", i - 1,
			    target, ret, ran_on);
	KUNIT_EXPECT_GT_MSG(test, after, before,
			    "irq %d (call-function IPI of cpu %d) did not count the IPIs", irq,
			    target);
}
#else
static void ipi_to_other_vcpu_test(struct kunit *test)
{
	kunit_skip(test, "IPIs are Xen events on x86 only");
}
#endif

static struct kunit_case xen_evtchn_test_cases[] = {
	KUNIT_CASE(send_to_self_test),
	KUNIT_CASE(masked_port_held_back_test),
	KUNIT_CASE(pending_events_coalesce_test),
	KUNIT_CASE(ipi_to_other_vcpu_test),
	{}
};

static struct kunit_suite xen_evtchn_test_suite = {
	.name = "xen_evtchn",
	.suite_init = xen_evtchn_suite_init,
	.init = xen_evtchn_test_init,
	.test_cases = xen_evtchn_test_cases,
};

kunit_test_suite(xen_evtchn_test_suite);

MODULE_DESCRIPTION("KUnit tests for Xen event channels");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
MODULE_LICENSE("GPL");
