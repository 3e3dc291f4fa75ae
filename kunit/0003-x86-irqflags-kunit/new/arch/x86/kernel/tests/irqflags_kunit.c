// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for interrupt-flag semantics through pv_ops.
 *
 * local_irq_save() and friends are pv_ops call sites: natively and under
 * Xen PVH they become cli/sti/pushf, under Xen PV calls into the Xen
 * implementation, which keeps the "interrupts disabled" state in the
 * vcpu's event-channel upcall mask. Whatever the backend, disable, enable,
 * save and restore must nest and round-trip exactly as irqs_disabled()
 * reports, and the state must live where the backend keeps it.
 */

#include <kunit/test.h>
#include <linux/irqflags.h>
#include <linux/preempt.h>
#include <asm/irqflags.h>
#include <xen/xen.h>
#include <xen/xen-ops.h>

/*
 * Where the backend keeps the "disabled" state: the vcpu's upcall mask
 * under Xen PV, the hardware interrupt flag elsewhere. Both belong to the
 * CPU the caller runs on, so read them with preemption disabled: with
 * interrupts enabled the task could otherwise move to another vCPU between
 * finding this vCPU's vcpu_info and reading its mask.
 */
static bool backend_says_disabled(void)
{
	bool disabled;

	preempt_disable();
	if (xen_pv_domain())
		disabled = xen_upcall_mask_for_test();
	else
		disabled = !(native_save_fl() & X86_EFLAGS_IF);
	preempt_enable();
	return disabled;
}

static void disable_enable_test(struct kunit *test)
{
	bool disabled, backend;

	KUNIT_ASSERT_FALSE(test, irqs_disabled());
	local_irq_disable();
	disabled = irqs_disabled();
	backend = backend_says_disabled();
	local_irq_enable();

	KUNIT_EXPECT_TRUE(test, disabled);
	KUNIT_EXPECT_TRUE(test, backend);
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
	KUNIT_EXPECT_FALSE(test, backend_says_disabled());
}

static void save_restore_test(struct kunit *test)
{
	unsigned long flags;
	bool disabled;

	local_irq_save(flags);
	disabled = irqs_disabled() && backend_says_disabled();
	local_irq_restore(flags);

	KUNIT_EXPECT_FALSE_MSG(test, irqs_disabled_flags(flags),
			       "saved flags say disabled, flags %#lx", flags);
	KUNIT_EXPECT_TRUE(test, disabled);
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
}

static void nested_save_restore_test(struct kunit *test)
{
	unsigned long outer, inner;
	bool inner_disabled, still_disabled;

	local_irq_save(outer);
	local_irq_save(inner);
	inner_disabled = irqs_disabled_flags(inner);
	local_irq_restore(inner);
	still_disabled = irqs_disabled() && backend_says_disabled();
	local_irq_restore(outer);

	KUNIT_EXPECT_FALSE(test, irqs_disabled_flags(outer));
	KUNIT_EXPECT_TRUE_MSG(test, inner_disabled, "inner save saw enabled irqs");
	KUNIT_EXPECT_TRUE_MSG(test, still_disabled,
			      "restoring the inner flags enabled interrupts");
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
	KUNIT_EXPECT_FALSE(test, backend_says_disabled());
}

/*
 * local_irq_restore() of a "disabled" word with interrupts disabled keeps
 * them disabled; of an "enabled" word it enables them. (Restore never
 * disables: callers restore with interrupts already off.)
 */
static void restore_from_disabled_test(struct kunit *test)
{
	unsigned long disabled_flags, enabled_flags;
	bool kept_disabled, enabled;

	local_save_flags(enabled_flags);
	local_irq_disable();
	local_save_flags(disabled_flags);
	local_irq_restore(disabled_flags);
	kept_disabled = irqs_disabled() && backend_says_disabled();
	local_irq_restore(enabled_flags);
	enabled = !irqs_disabled() && !backend_says_disabled();

	KUNIT_EXPECT_TRUE(test, irqs_disabled_flags(disabled_flags));
	KUNIT_EXPECT_FALSE(test, irqs_disabled_flags(enabled_flags));
	KUNIT_EXPECT_TRUE_MSG(test, kept_disabled, "restoring disabled flags enabled irqs");
	KUNIT_EXPECT_TRUE_MSG(test, enabled, "restoring enabled flags left irqs disabled");
}

/* local_save_flags() agrees with irqs_disabled() in both states. */
static void save_flags_matches_irqs_disabled_test(struct kunit *test)
{
	unsigned long on, off;

	local_save_flags(on);
	local_irq_disable();
	local_save_flags(off);
	local_irq_enable();

	KUNIT_EXPECT_FALSE(test, irqs_disabled_flags(on));
	KUNIT_EXPECT_TRUE(test, irqs_disabled_flags(off));
	KUNIT_EXPECT_EQ_MSG(test, on & X86_EFLAGS_IF, X86_EFLAGS_IF,
			    "save_fl must report IF in X86_EFLAGS_IF");
}

/* Under Xen PV the upcall mask tracks every transition. */
static void xen_upcall_mask_test(struct kunit *test)
{
	unsigned long flags;
	u8 masks[3];

	if (!xen_pv_domain())
		kunit_skip(test, "not a Xen PV guest: no vcpu upcall mask behind irq flags");

	/* One vCPU's mask throughout: no migration between the reads. */
	preempt_disable();
	masks[0] = xen_upcall_mask_for_test();
	local_irq_save(flags);
	masks[1] = xen_upcall_mask_for_test();
	local_irq_restore(flags);
	masks[2] = xen_upcall_mask_for_test();
	preempt_enable();

	KUNIT_EXPECT_EQ(test, masks[0], 0);
	KUNIT_EXPECT_EQ(test, masks[1], 1);
	KUNIT_EXPECT_EQ(test, masks[2], 0);
	/* The PV kernel never runs with the hardware IF clear. */
	KUNIT_EXPECT_TRUE(test, native_save_fl() & X86_EFLAGS_IF);
}

/* Natively and under PVH the hardware flag tracks every transition. */
static void hardware_if_test(struct kunit *test)
{
	unsigned long flags, hw[3];

	if (xen_pv_domain())
		kunit_skip(test, "Xen PV guest: irq flags live in the upcall mask, not in IF");

	hw[0] = native_save_fl();
	local_irq_save(flags);
	hw[1] = native_save_fl();
	local_irq_restore(flags);
	hw[2] = native_save_fl();

	KUNIT_EXPECT_TRUE(test, hw[0] & X86_EFLAGS_IF);
	KUNIT_EXPECT_FALSE(test, hw[1] & X86_EFLAGS_IF);
	KUNIT_EXPECT_TRUE(test, hw[2] & X86_EFLAGS_IF);
}

static struct kunit_case x86_irqflags_test_cases[] = {
	KUNIT_CASE(disable_enable_test),
	KUNIT_CASE(save_restore_test),
	KUNIT_CASE(nested_save_restore_test),
	KUNIT_CASE(restore_from_disabled_test),
	KUNIT_CASE(save_flags_matches_irqs_disabled_test),
	KUNIT_CASE(xen_upcall_mask_test),
	KUNIT_CASE(hardware_if_test),
	{}
};

static struct kunit_suite x86_irqflags_test_suite = {
	.name = "x86_irqflags",
	.test_cases = x86_irqflags_test_cases,
};

kunit_test_suite(x86_irqflags_test_suite);

MODULE_DESCRIPTION("KUnit tests for interrupt flags through pv_ops");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
MODULE_LICENSE("GPL");
