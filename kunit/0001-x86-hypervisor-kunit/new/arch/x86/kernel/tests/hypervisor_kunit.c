// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for x86 boot-time hypervisor detection.
 *
 * Whoever boots this kernel knows what it booted it on and says so on the
 * kernel command line:
 *
 *	hypervisor_kunit.expect=native|xen-pv|xen-pvh
 *
 * Each case compares one view of what the kernel detected at boot with that
 * expectation: the platform type chosen by init_hypervisor_platform(), the
 * Xen domain type, the Xen PV CPU feature, the hypervisor CPUID leaves and
 * the paravirt banner. A kernel that misdetects its environment installs the
 * wrong pv_ops, so a mismatch here is reported as a failure, not a skip.
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
MODULE_PARM_DESC(expect, "Environment the kernel was booted in: native, xen-pv or xen-pvh");

/**
 * struct hv_env - what the kernel must detect in one boot environment
 * @name: value of hypervisor_kunit.expect= that selects this environment
 * @hyper_type: expected x86_hyper_type after init_hypervisor_platform()
 * @xen_type: expected xen_domain_type
 * @xen_pvh: expected xen_pvh_domain()
 * @xenpv_feature: whether X86_FEATURE_XENPV must be set
 * @xen_cpuid: whether the Xen CPUID signature must be visible
 * @pv_name: expected pv_info.name, the paravirt backend's banner
 */
struct hv_env {
	const char *name;
	enum x86_hypervisor_type hyper_type;
	enum xen_domain_type xen_type;
	bool xen_pvh;
	bool xenpv_feature;
	bool xen_cpuid;
	const char *pv_name;
};

static const struct hv_env hv_envs[] = {
	{
		.name = "native",
		.hyper_type = X86_HYPER_NATIVE,
		.xen_type = XEN_NATIVE,
		.pv_name = "bare hardware",
	},
	{
		.name = "xen-pv",
		.hyper_type = X86_HYPER_XEN_PV,
		.xen_type = XEN_PV_DOMAIN,
		.xenpv_feature = true,
		.xen_cpuid = true,
		.pv_name = "Xen",
	},
	{
		.name = "xen-pvh",
		.hyper_type = X86_HYPER_XEN_HVM,
		.xen_type = XEN_HVM_DOMAIN,
		.xen_pvh = true,
		.xen_cpuid = true,
		.pv_name = "Xen PVH",
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

/*
 * Look up the environment named on the command line. Without one there is
 * nothing to compare against: skip. A name that is not in the table is a
 * mistake of the runner: fail, so that it cannot pass unnoticed.
 */
static const struct hv_env *expected_env(struct kunit *test)
{
	int i;

	if (!expect || !*expect)
		kunit_skip(test, "no hypervisor_kunit.expect= on the kernel command line");

	for (i = 0; i < ARRAY_SIZE(hv_envs); i++)
		if (!strcmp(expect, hv_envs[i].name))
			return &hv_envs[i];

	KUNIT_FAIL_AND_ABORT(test, "hypervisor_kunit.expect=%s: want native, xen-pv or xen-pvh",
			     expect);
	return NULL;
}

static void hypervisor_type_test(struct kunit *test)
{
	const struct hv_env *env = expected_env(test);

	KUNIT_EXPECT_EQ_MSG(test, x86_hyper_type, env->hyper_type,
			    "detected %s, booted %s (want %s)",
			    hyper_type_name(x86_hyper_type), env->name,
			    hyper_type_name(env->hyper_type));
}

static void xen_domain_type_test(struct kunit *test)
{
	const struct hv_env *env = expected_env(test);

	KUNIT_EXPECT_EQ_MSG(test, xen_domain_type, env->xen_type,
			    "xen_domain_type is %s, booted %s (want %s)",
			    xen_type_names[xen_domain_type], env->name,
			    xen_type_names[env->xen_type]);
}

static void xen_pvh_test(struct kunit *test)
{
	const struct hv_env *env = expected_env(test);

	KUNIT_EXPECT_EQ_MSG(test, !!xen_pvh_domain(), env->xen_pvh,
			    "xen_pvh_domain() is %d, booted %s", !!xen_pvh_domain(),
			    env->name);
}

static void xenpv_feature_test(struct kunit *test)
{
	const struct hv_env *env = expected_env(test);
	bool xenpv = cpu_feature_enabled(X86_FEATURE_XENPV);

	KUNIT_EXPECT_EQ_MSG(test, xenpv, env->xenpv_feature,
			    "X86_FEATURE_XENPV is %s, booted %s",
			    str_on_off(xenpv), env->name);
}

/*
 * The CPUID hypervisor leaves are a second, independent source: the
 * hypervisor fills them in whatever the kernel decided at boot.
 */
static void xen_cpuid_signature_test(struct kunit *test)
{
	const struct hv_env *env = expected_env(test);
	u32 base = hypervisor_cpuid_base("XenVMMXenVMM", 2);

	KUNIT_EXPECT_EQ_MSG(test, base != 0, env->xen_cpuid,
			    "Xen CPUID signature %s (base %#x), booted %s",
			    base ? "found" : "not found", base, env->name);
}

static void paravirt_banner_test(struct kunit *test)
{
	const struct hv_env *env = expected_env(test);

	KUNIT_EXPECT_STREQ_MSG(test, pv_info.name, env->pv_name,
			       "paravirt backend banner, booted %s", env->name);
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
	.test_cases = x86_hypervisor_test_cases,
};

kunit_test_suite(x86_hypervisor_test_suite);

MODULE_DESCRIPTION("KUnit tests for x86 boot-time hypervisor detection");
MODULE_LICENSE("GPL");
