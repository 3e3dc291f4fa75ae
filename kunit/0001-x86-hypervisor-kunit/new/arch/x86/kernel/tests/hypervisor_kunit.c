// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for x86 boot-time hypervisor detection.
 *
 * At boot the kernel decides where it runs (init_hypervisor_platform(),
 * then Xen's own setup) and several views of that decision must agree: the
 * platform type, the Xen domain type, the Xen PV CPU feature, the Xen CPUID
 * leaves and the paravirt banner. The reference environment is the one the
 * kernel detected, looked up in the table below; each case compares one
 * view with it, so a kernel whose views disagree fails wherever it runs.
 * An environment the table does not model skips with the reason.
 *
 * Whoever boots the kernel may also say what they booted it on, on the
 * kernel command line:
 *
 *	hypervisor_kunit.expect=native|xen-pv|xen-pvh|xen-hvm|kvm|hyperv|vmware
 *
 * Then that environment is the reference, and the detected type itself is
 * checked against it: a kernel that misdetects its environment installs the
 * wrong pv_ops, so a mismatch is a failure, not a skip.
 *
 * "native" means Linux detected no hypervisor, whatever the CPUID
 * hypervisor bit says: under QEMU's software emulation it is set, with a
 * signature no Linux platform claims.
 */

#include <kunit/test.h>
#include <linux/cpufeature.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/string.h>
#include <linux/string_choices.h>
#include <asm/cpuid.h>
#include <asm/hypervisor.h>
#include <asm/paravirt.h>
#include <xen/xen.h>

static char *expect;
module_param(expect, charp, 0444);
MODULE_PARM_DESC(expect,
		 "Environment the kernel was booted in: native, xen-pv, xen-pvh, xen-hvm, kvm, hyperv or vmware");

enum xen_leaves { XEN_LEAVES_ABSENT, XEN_LEAVES_PRESENT, XEN_LEAVES_EITHER };

/**
 * struct hv_env - what the kernel must detect in one boot environment
 * @name: value of hypervisor_kunit.expect= that selects this environment
 * @hyper_type: expected x86_hyper_type after init_hypervisor_platform()
 * @xen_type: expected xen_domain_type, an enum xen_domain_type (which
 *	      <xen/xen.h> cannot name without CONFIG_XEN: there
 *	      xen_domain_type is a macro for XEN_NATIVE)
 * @pvh: expected xen_pvh_domain()
 * @xenpv_feature: whether X86_FEATURE_XENPV must be set
 * @xen_cpuid: whether the Xen CPUID signature must be visible; EITHER where
 *	       a hypervisor may also offer Xen's leaves (KVM's Xen emulation,
 *	       for one)
 * @pv_name: expected pv_info.name, the paravirt backend's banner
 */
struct hv_env {
	const char *name;
	enum x86_hypervisor_type hyper_type;
	int xen_type;
	bool pvh;
	bool xenpv_feature;
	enum xen_leaves xen_cpuid;
	const char *pv_name;
};

static const struct hv_env hv_envs[] = {
	{
		.name = "native",
		.hyper_type = X86_HYPER_NATIVE,
		.xen_type = XEN_NATIVE,
		.xen_cpuid = XEN_LEAVES_ABSENT,
		.pv_name = "bare hardware",
	},
	{
		.name = "xen-pv",
		.hyper_type = X86_HYPER_XEN_PV,
		.xen_type = XEN_PV_DOMAIN,
		.xenpv_feature = true,
		.xen_cpuid = XEN_LEAVES_PRESENT,
		.pv_name = "Xen",
	},
	{
		.name = "xen-pvh",
		.hyper_type = X86_HYPER_XEN_HVM,
		.xen_type = XEN_HVM_DOMAIN,
		.pvh = true,
		.xen_cpuid = XEN_LEAVES_PRESENT,
		.pv_name = "Xen PVH",
	},
	{
		.name = "xen-hvm",
		.hyper_type = X86_HYPER_XEN_HVM,
		.xen_type = XEN_HVM_DOMAIN,
		.xen_cpuid = XEN_LEAVES_PRESENT,
		.pv_name = "Xen HVM",
	},
	{
		.name = "kvm",
		.hyper_type = X86_HYPER_KVM,
		.xen_type = XEN_NATIVE,
		.xen_cpuid = XEN_LEAVES_EITHER,
		.pv_name = "KVM",
	},
	{
		.name = "hyperv",
		.hyper_type = X86_HYPER_MS_HYPERV,
		.xen_type = XEN_NATIVE,
		.xen_cpuid = XEN_LEAVES_EITHER,
		.pv_name = "Hyper-V",
	},
	{
		.name = "vmware",
		.hyper_type = X86_HYPER_VMWARE,
		.xen_type = XEN_NATIVE,
		.xen_cpuid = XEN_LEAVES_EITHER,
		.pv_name = "VMware hypervisor",
	},
};

static const char *const hyper_type_names[] = {
	[X86_HYPER_NATIVE]	= "native",
	[X86_HYPER_VMWARE]	= "VMware",
	[X86_HYPER_MS_HYPERV]	= "Hyper-V",
	[X86_HYPER_XEN_PV]	= "Xen PV",
	[X86_HYPER_XEN_HVM]	= "Xen HVM",
	[X86_HYPER_KVM]		= "KVM",
	[X86_HYPER_JAILHOUSE]	= "Jailhouse",
	[X86_HYPER_ACRN]	= "ACRN",
};

static const char *hyper_type_name(enum x86_hypervisor_type type)
{
	if (type < ARRAY_SIZE(hyper_type_names) && hyper_type_names[type])
		return hyper_type_names[type];
	return "unknown";
}

static const char *const xen_type_names[] = {
	[XEN_NATIVE]		= "not Xen",
	[XEN_PV_DOMAIN]		= "Xen PV domain",
	[XEN_HVM_DOMAIN]	= "Xen HVM domain",
};

static bool told(void)
{
	return expect && *expect;
}

/*
 * The table's row for what the kernel detected, or NULL with the reason in
 * @why. A Xen HVM guest booted with "nopv" detects Xen but does not set up
 * as its guest (native domain type and banner): that is a choice the table
 * does not model.
 */
static const struct hv_env *detected_env(const char **why)
{
	int i;

	if (x86_hyper_type == X86_HYPER_XEN_HVM && !xen_domain()) {
		*why = "Xen HVM with nopv";
		return NULL;
	}
	for (i = 0; i < ARRAY_SIZE(hv_envs); i++)
		if (hv_envs[i].hyper_type == x86_hyper_type &&
		    hv_envs[i].pvh == !!xen_pvh_domain())
			return &hv_envs[i];
	*why = hyper_type_name(x86_hyper_type);
	return NULL;
}

/*
 * The reference environment, decided once in suite_init: the one named on
 * the command line, else the detected one; NULL when the detected one is
 * not modelled, and every case skips with @reference_why.
 */
static const struct hv_env *reference;
static const char *reference_why;

static int x86_hypervisor_suite_init(struct kunit_suite *suite)
{
	int i;

	reference = NULL;
	if (!told()) {
		reference = detected_env(&reference_why);
		return 0;
	}
	for (i = 0; i < ARRAY_SIZE(hv_envs); i++)
		if (!strcmp(expect, hv_envs[i].name))
			reference = &hv_envs[i];
	/* A name not in the table is the runner's mistake: an error, not a skip. */
	if (!reference) {
		pr_err("hypervisor_kunit.expect=%s: want native, xen-pv, xen-pvh, xen-hvm, kvm, hyperv or vmware\n",
		       expect);
		return -EINVAL;
	}
	return 0;
}

static int x86_hypervisor_test_init(struct kunit *test)
{
	if (!reference)
		kunit_skip(test, "detected %s: not an environment this suite models",
			   reference_why);
	return 0;
}

/*
 * The detected type, and whether it is PVH, choose the reference when the
 * command line names none: then they cannot be checked against it.
 */
static void skip_unless_told(struct kunit *test, const char *what)
{
	if (!told())
		kunit_skip(test, "no hypervisor_kunit.expect=: %s chooses the reference", what);
}

static void hypervisor_type_test(struct kunit *test)
{
	const struct hv_env *env = reference;

	skip_unless_told(test, "x86_hyper_type");
	KUNIT_EXPECT_EQ_MSG(test, x86_hyper_type, env->hyper_type,
			    "detected %s, booted %s (want %s)",
			    hyper_type_name(x86_hyper_type), env->name,
			    hyper_type_name(env->hyper_type));
}

static void xen_pvh_test(struct kunit *test)
{
	const struct hv_env *env = reference;

	skip_unless_told(test, "xen_pvh_domain()");
	KUNIT_EXPECT_EQ_MSG(test, !!xen_pvh_domain(), env->pvh,
			    "xen_pvh_domain() is %d, booted %s", !!xen_pvh_domain(),
			    env->name);
}

static void xen_domain_type_test(struct kunit *test)
{
	const struct hv_env *env = reference;

	KUNIT_EXPECT_EQ_MSG(test, xen_domain_type, env->xen_type,
			    "xen_domain_type is %s, reference %s (want %s)",
			    xen_type_names[xen_domain_type], env->name,
			    xen_type_names[env->xen_type]);
}

static void xenpv_feature_test(struct kunit *test)
{
	const struct hv_env *env = reference;
	bool xenpv = cpu_feature_enabled(X86_FEATURE_XENPV);

	KUNIT_EXPECT_EQ_MSG(test, xenpv, env->xenpv_feature,
			    "X86_FEATURE_XENPV is %s, reference %s",
			    str_on_off(xenpv), env->name);
}

/*
 * The CPUID hypervisor leaves are a second, independent source: the
 * hypervisor fills them in whatever the kernel decided at boot. A kernel
 * built without Xen HVM support detects no hypervisor on Xen but still
 * sees Xen's leaves: a limit of the build, not a misdetection, unless the
 * runner said the machine has no Xen.
 */
static void xen_cpuid_signature_test(struct kunit *test)
{
	const struct hv_env *env = reference;
	u32 base = hypervisor_cpuid_base("XenVMMXenVMM", 2);

	if (env->xen_cpuid == XEN_LEAVES_EITHER)
		kunit_skip(test, "%s may or may not offer Xen's CPUID leaves", env->name);
	if (base && env->xen_cpuid == XEN_LEAVES_ABSENT && !told())
		kunit_skip(test, "Xen's CPUID leaves at %#x, but Linux chose %s", base,
			   env->name);
	KUNIT_EXPECT_EQ_MSG(test, base != 0, env->xen_cpuid == XEN_LEAVES_PRESENT,
			    "Xen CPUID signature %s (base %#x), reference %s",
			    base ? "found" : "not found", base, env->name);
}

static void paravirt_banner_test(struct kunit *test)
{
	const struct hv_env *env = reference;

	KUNIT_EXPECT_STREQ_MSG(test, pv_info.name, env->pv_name,
			       "paravirt backend banner, reference %s", env->name);
}

static struct kunit_case x86_hypervisor_test_cases[] = {
	KUNIT_CASE(hypervisor_type_test),
	KUNIT_CASE(xen_domain_type_test),
	KUNIT_CASE(xen_pvh_test),
	KUNIT_CASE(xenpv_feature_test),
	KUNIT_CASE(xen_cpuid_signature_test),
	KUNIT_CASE(paravirt_banner_test),
	{}
};

static struct kunit_suite x86_hypervisor_test_suite = {
	.name = "x86_hypervisor",
	.suite_init = x86_hypervisor_suite_init,
	.init = x86_hypervisor_test_init,
	.test_cases = x86_hypervisor_test_cases,
};

kunit_test_suite(x86_hypervisor_test_suite);

MODULE_DESCRIPTION("KUnit tests for x86 boot-time hypervisor detection");
MODULE_LICENSE("GPL");
