// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the pvclock arithmetic.
 *
 * Xen (and KVM) publish per-vcpu time as a TSC stamp, a system time and a
 * 32.32 fixed-point multiplier with a binary shift; the guest converts TSC
 * deltas to nanoseconds with pvclock_scale_delta() and reads the structure
 * under a seqcount-like version. These cases check that arithmetic against
 * an exact 128-bit reference and the version protocol against scripted
 * concurrent updates. They only use private, synthetic time-info
 * structures: the live clock (and pvclock's global last_value) is never
 * touched, so the suite runs the same on bare metal and under Xen.
 */

#include <kunit/test.h>
#include <linux/math64.h>
#include <linux/string.h>
#include <asm/pvclock.h>

/* The exact value pvclock_scale_delta() must return, in 128-bit math. */
static u64 scale_delta_ref(u64 delta, u32 mul_frac, int shift)
{
	if (shift < 0)
		delta >>= -shift;
	else
		delta <<= shift;
	return (u64)(((u128)delta * mul_frac) >> 32);
}

struct scale_case {
	const char *name;
	u64 delta;
	u32 mul_frac;
	int shift;
};

static const struct scale_case scale_cases[] = {
	{ "zero delta", 0, 0x80000000, 1 },
	{ "one cycle at 1 GHz", 1, 0x80000000, 1 },
	{ "1e9 cycles at 1 GHz", 1000000000ULL, 0x80000000, 1 },
	{ "1e9 cycles at 3 GHz", 1000000000ULL, 0xaaaaaaab, -1 },
	{ "max multiplier", 0xffffffffULL, 0xffffffff, 0 },
	{ "max multiplier, large delta", 0x00ffffffffffffffULL, 0xffffffff, 0 },
	{ "shift -31", 0xffffffffffffffffULL, 0x12345678, -31 },
	{ "shift +31", 0x1ffffffffULL, 0x9abcdef0, 31 },
	{ "shift +1 drops top bit", 0x8000000000000001ULL, 0xffffffff, 1 },
	{ "full 64-bit delta", 0xffffffffffffffffULL, 0xffffffff, 0 },
	{ "small multiplier", 0x123456789abcdefULL, 1, 0 },
	{ "one hour at 2.1 GHz", 7560000000000ULL, 0xf3cf3cf4, -1 },
};

static void scale_case_desc(const struct scale_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(scale, scale_cases, scale_case_desc);

static void scale_delta_test(struct kunit *test)
{
	const struct scale_case *c = test->param_value;

	KUNIT_EXPECT_EQ_MSG(test, pvclock_scale_delta(c->delta, c->mul_frac, c->shift),
			    scale_delta_ref(c->delta, c->mul_frac, c->shift),
			    "delta %#llx mul %#x shift %d", c->delta, c->mul_frac, c->shift);
}

/* Values a reader can check without any reference implementation. */
static void scale_delta_known_values_test(struct kunit *test)
{
	/* 1 GHz: 2^31 / 2^32 per cycle, doubled: 1 ns per cycle. */
	KUNIT_EXPECT_EQ(test, pvclock_scale_delta(1000000000ULL, 0x80000000, 1),
			1000000000ULL);
	/* 4 GHz: 2^32 / 2^32 per cycle, halved twice: 0.25 ns per cycle. */
	KUNIT_EXPECT_EQ(test, pvclock_scale_delta(4000000000ULL, 0xffffffff, -2),
			999999999ULL);
	/* Multiplying by 0 yields 0 whatever the delta. */
	KUNIT_EXPECT_EQ(test, pvclock_scale_delta(~0ULL, 0, 0), 0ULL);
}

static void read_cycles_test(struct kunit *test)
{
	struct pvclock_vcpu_time_info src = {
		.tsc_timestamp = 5000000000ULL,
		.system_time = 123456789ULL,
		.tsc_to_system_mul = 0x80000000,
		.tsc_shift = 1,
	};

	/* At 1 GHz, 1000 cycles after the stamp is 1000 ns after its time. */
	KUNIT_EXPECT_EQ(test, __pvclock_read_cycles(&src, 5000001000ULL), 123457789ULL);
	KUNIT_EXPECT_EQ(test, __pvclock_read_cycles(&src, src.tsc_timestamp), src.system_time);
	src.tsc_shift = -3;
	src.tsc_to_system_mul = 0xdeadbeef;
	KUNIT_EXPECT_EQ(test, __pvclock_read_cycles(&src, 9876543210ULL),
			src.system_time + scale_delta_ref(9876543210ULL - src.tsc_timestamp,
							  src.tsc_to_system_mul, -3));
}

/* pvclock_tsc_khz() inverts the multiplier and shift. */
static void tsc_khz_test(struct kunit *test)
{
	struct pvclock_vcpu_time_info src = {
		.tsc_to_system_mul = 0x80000000,
		.tsc_shift = 1,
	};

	KUNIT_EXPECT_EQ(test, pvclock_tsc_khz(&src), 1000000UL);
	src.tsc_to_system_mul = 0xaaaaaaab;
	src.tsc_shift = -1;
	KUNIT_EXPECT_EQ(test, pvclock_tsc_khz(&src), 2999998UL);
}

/*
 * A reader in the style of pvclock_clocksource_read(), with a hook that
 * plays the hypervisor updating the structure during the first attempt.
 */
static u64 read_time(struct pvclock_vcpu_time_info *src, u64 tsc, int *attempts,
		     void (*writer)(struct pvclock_vcpu_time_info *src))
{
	unsigned int version;
	u64 ns;

	*attempts = 0;
	do {
		version = pvclock_read_begin(src);
		ns = __pvclock_read_cycles(src, tsc);
		if ((*attempts)++ == 0 && writer)
			writer(src);
	} while (pvclock_read_retry(src, version) && *attempts < 10);
	return ns;
}

static void finish_update(struct pvclock_vcpu_time_info *src)
{
	src->system_time += 1000;
	src->version++;			/* odd -> even: update complete */
}

static void full_update(struct pvclock_vcpu_time_info *src)
{
	src->version++;			/* even -> odd: update started */
	src->system_time += 2000;
	src->version++;			/* odd -> even: update complete */
}

static void version_stable_test(struct kunit *test)
{
	struct pvclock_vcpu_time_info src = {
		.version = 4, .system_time = 1000, .tsc_to_system_mul = 0x80000000,
		.tsc_shift = 1,
	};
	int attempts;

	KUNIT_EXPECT_EQ(test, read_time(&src, 10, &attempts, NULL), 1010ULL);
	KUNIT_EXPECT_EQ(test, attempts, 1);
}

/* An odd version means an update is in flight: never accept that read. */
static void version_odd_retries_test(struct kunit *test)
{
	struct pvclock_vcpu_time_info src = {
		.version = 7, .system_time = 1000, .tsc_to_system_mul = 0x80000000,
		.tsc_shift = 1,
	};
	int attempts;

	KUNIT_EXPECT_EQ(test, pvclock_read_begin(&src), 6U);
	KUNIT_EXPECT_TRUE(test, pvclock_read_retry(&src, 6));
	KUNIT_EXPECT_EQ(test, read_time(&src, 10, &attempts, finish_update), 2010ULL);
	KUNIT_EXPECT_EQ(test, attempts, 2);
}

/* A version that moved during the read makes the reader start over. */
static void version_changed_retries_test(struct kunit *test)
{
	struct pvclock_vcpu_time_info src = {
		.version = 2, .system_time = 1000, .tsc_to_system_mul = 0x80000000,
		.tsc_shift = 1,
	};
	int attempts;

	KUNIT_EXPECT_EQ(test, read_time(&src, 10, &attempts, full_update), 3010ULL);
	KUNIT_EXPECT_EQ(test, attempts, 2);
	KUNIT_EXPECT_FALSE(test, pvclock_read_retry(&src, 4));
}

static struct kunit_case pvclock_test_cases[] = {
	KUNIT_CASE_PARAM(scale_delta_test, scale_gen_params),
	KUNIT_CASE(scale_delta_known_values_test),
	KUNIT_CASE(read_cycles_test),
	KUNIT_CASE(tsc_khz_test),
	KUNIT_CASE(version_stable_test),
	KUNIT_CASE(version_odd_retries_test),
	KUNIT_CASE(version_changed_retries_test),
	{}
};

static struct kunit_suite pvclock_test_suite = {
	.name = "x86_pvclock",
	.test_cases = pvclock_test_cases,
};

kunit_test_suite(pvclock_test_suite);

MODULE_DESCRIPTION("KUnit tests for the pvclock arithmetic");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
MODULE_LICENSE("GPL");
