// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for Xen event channels.
 *
 * Xen PV and PVH guests take their interrupts as event channels: a port is
 * bound to a Linux irq, the hypervisor marks it pending and upcalls the
 * guest, masking holds delivery back, and IPIs between vCPUs are events
 * too. These cases open a loopback pair of ports (both ends in this
 * domain), send on one end and watch the handler of the other, and send a
 * function-call IPI to another vCPU. Natively there are no event channels
 * and the cases are skipped.
 */

#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/irqdesc.h>
#include <linux/kernel_stat.h>
#include <linux/smp.h>
#include <xen/events.h>
#include <xen/interface/event_channel.h>
#include <xen/xen.h>
#include <asm/xen/hypercall.h>

#define DELIVERY_TIMEOUT	msecs_to_jiffies(2000)

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
	pair->irq = bind_evtchn_to_irqhandler(pair->recv_port, pair_handler, 0,
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
	 * in case the other end sent while it was unbound. Let that event
	 * arrive before counting.
	 */
	wait_for_completion_timeout(&pair->delivered, msecs_to_jiffies(500));
	msleep(20);
	atomic_set(&pair->events, 0);
	reinit_completion(&pair->delivered);
	return pair;
}

static int xen_evtchn_test_init(struct kunit *test)
{
	if (!xen_domain())
		kunit_skip(test, "not a Xen guest: no event channels");
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

/* Events on a masked (disabled) port wait until it is unmasked. */
static void masked_port_held_back_test(struct kunit *test)
{
	struct evtchn_pair *pair = open_pair(test);
	int before_unmask;

	disable_irq(pair->irq);
	notify_remote_via_evtchn(pair->send_port);
	msleep(100);
	before_unmask = atomic_read(&pair->events);
	enable_irq(pair->irq);

	KUNIT_EXPECT_EQ_MSG(test, before_unmask, 0, "delivered while masked");
	KUNIT_EXPECT_NE_MSG(test, wait_for_completion_timeout(&pair->delivered, DELIVERY_TIMEOUT),
			    0, "pending event lost when the port was unmasked");
	KUNIT_EXPECT_EQ(test, atomic_read(&pair->events), 1);
}

/* Several sends while masked are one pending bit: one delivery. */
static void pending_events_coalesce_test(struct kunit *test)
{
	struct evtchn_pair *pair = open_pair(test);
	int i;

	disable_irq(pair->irq);
	for (i = 0; i < 5; i++)
		notify_remote_via_evtchn(pair->send_port);
	enable_irq(pair->irq);
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&pair->delivered, DELIVERY_TIMEOUT), 0);
	msleep(50);
	KUNIT_EXPECT_EQ(test, atomic_read(&pair->events), 1);
}

/* The Linux irq that Xen's function-call IPIs arrive on for @cpu. */
static int xen_ipi_irq(int cpu)
{
	char name[32];
	unsigned int irq;

	snprintf(name, sizeof(name), "callfuncsingle%d", cpu);
	for (irq = 0; irq < nr_irqs; irq++) {
		struct irq_desc *desc = irq_to_desc(irq);

		if (desc && desc->action && desc->action->name &&
		    !strcmp(desc->action->name, name))
			return irq;
	}
	return -ENOENT;
}

static void record_cpu(void *info)
{
	*(int *)info = smp_processor_id();
}

/* A function-call IPI to another vCPU arrives, as a Xen event. */
static void ipi_to_other_vcpu_test(struct kunit *test)
{
	unsigned int before, after;
	int self, target, ran_on = -1, irq, i;

	if (num_online_cpus() < 2)
		kunit_skip(test, "needs two online vCPUs, have %u", num_online_cpus());
	self = get_cpu();
	target = cpumask_any_but(cpu_online_mask, self);
	put_cpu();
	irq = xen_ipi_irq(target);
	KUNIT_ASSERT_GE_MSG(test, irq, 0, "no Xen call-function IPI bound for cpu %d", target);

	before = kstat_irqs_cpu(irq, target);
	for (i = 0; i < 10; i++) {
		ran_on = -1;
		KUNIT_ASSERT_EQ(test, smp_call_function_single(target, record_cpu, &ran_on, 1), 0);
		KUNIT_ASSERT_EQ(test, ran_on, target);
	}
	after = kstat_irqs_cpu(irq, target);
	KUNIT_EXPECT_GT_MSG(test, after, before,
			    "irq %d (callfuncsingle%d) did not count the IPIs", irq, target);
}

static struct kunit_case xen_evtchn_test_cases[] = {
	KUNIT_CASE(send_to_self_test),
	KUNIT_CASE(masked_port_held_back_test),
	KUNIT_CASE(pending_events_coalesce_test),
	KUNIT_CASE(ipi_to_other_vcpu_test),
	{}
};

static struct kunit_suite xen_evtchn_test_suite = {
	.name = "xen_evtchn",
	.init = xen_evtchn_test_init,
	.test_cases = xen_evtchn_test_cases,
};

kunit_test_suite(xen_evtchn_test_suite);

MODULE_DESCRIPTION("KUnit tests for Xen event channels");
MODULE_LICENSE("GPL");
