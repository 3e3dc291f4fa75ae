// SPDX-License-Identifier: GPL-2.0
/*
 * Tiny SVM world-switch exerciser for QEMU TCG.
 * Host: 32-bit protected mode, no paging.  Guest: same flat segments, runs
 * CPUID in a loop (intercepted).  Every 7th VMRUN injects an external
 * interrupt (vector 0x20) through EVENTINJ.
 * With "provoke" on the command line, the host finally writes a reserved
 * CR4 bit while in host mode (QEMU 7.2 turns that into a #VMEXIT).
 */
#include <stdint.h>

extern void do_vmrun(uint32_t vmcb_pa);
extern void provoke_cr4(void);
extern char guest_entry[], guest_isr[], guest_stack_top[], after_vmrun[];
extern char provoke_insn[], gdt[], gdt_desc[];

volatile uint32_t provoked;
volatile uint32_t guest_irq_count;

struct __attribute__((packed)) seg { uint16_t sel, attrib; uint32_t limit; uint64_t base; };
struct __attribute__((packed)) vmcb {
    /* control area */
    uint16_t icr_r, icr_w, idr_r, idr_w;
    uint32_t iexc;
    uint64_t intercept;
    uint8_t r1[44];
    uint64_t iopm, msrpm, tsc_offset;
    uint32_t asid;
    uint8_t tlb_ctl, r2[3];
    uint32_t int_ctl, int_vector, int_state;
    uint8_t r3[4];
    uint64_t exit_code, exit_info_1, exit_info_2;
    uint32_t exit_int_info, exit_int_info_err;
    uint64_t nested_ctl;
    uint8_t r4[16];
    uint32_t event_inj, event_inj_err;
    uint64_t nested_cr3, lbr_ctl;
    uint8_t r5[832];
    /* save area (offset 0x400) */
    struct seg es, cs, ss, ds, fs, gs, gdtr, ldtr, idtr, tr;
    uint8_t s1[43];
    uint8_t cpl;
    uint8_t s2[4];
    uint64_t efer;
    uint8_t s3[112];
    uint64_t cr4, cr3, cr0, dr7, dr6, rflags, rip;
    uint8_t s4[88];
    uint64_t rsp;
    uint8_t s5[24];
    uint64_t rax;
    uint8_t rest[0x1000 - 0x600];
};
_Static_assert(sizeof(struct vmcb) == 0x1000, "vmcb size");
_Static_assert(__builtin_offsetof(struct vmcb, es) == 0x400, "save area");
_Static_assert(__builtin_offsetof(struct vmcb, rip) == 0x578, "rip");
_Static_assert(__builtin_offsetof(struct vmcb, rsp) == 0x5d8, "rsp");
_Static_assert(__builtin_offsetof(struct vmcb, rax) == 0x5f8, "rax");

static struct vmcb vmcb __attribute__((aligned(4096)));
static uint8_t hsave[4096] __attribute__((aligned(4096)));
static uint64_t guest_idt[256];
static struct __attribute__((packed)) { uint16_t limit; uint32_t base; } guest_idt_desc;

static inline void outb(uint16_t p, uint8_t v) { asm volatile("outb %0,%1" :: "a"(v), "Nd"(p)); }
static inline uint8_t inb(uint16_t p) { uint8_t v; asm volatile("inb %1,%0" : "=a"(v) : "Nd"(p)); return v; }
static void putc_(char c) { while (!(inb(0x3fd) & 0x20)) { } outb(0x3f8, c); }
static void puts_(const char *s) { while (*s) { if (*s == '\n') putc_('\r'); putc_(*s++); } }
static void puthex(uint64_t v) { puts_("0x"); for (int i = 60; i >= 0; i -= 4) putc_("0123456789abcdef"[(v >> i) & 15]); }
static void putdec(uint32_t v) { char b[11]; int i = 10; b[i] = 0; do { b[--i] = '0' + v % 10; v /= 10; } while (v); puts_(&b[i]); }
static void qemu_exit(uint8_t code) { outb(0xf4, code); for (;;) asm volatile("hlt"); }

static inline uint64_t rdmsr(uint32_t m) { uint32_t lo, hi; asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(m)); return ((uint64_t)hi << 32) | lo; }
static inline void wrmsr(uint32_t m, uint64_t v) { asm volatile("wrmsr" :: "c"(m), "a"((uint32_t)v), "d"((uint32_t)(v >> 32))); }

static int streq_word(const char *s, const char *w)
{
    for (; *s; s++) {
        const char *a = s, *b = w;
        while (*b && *a == *b) { a++; b++; }
        if (!*b) return 1;
    }
    return 0;
}

static void set_seg(struct seg *s, uint16_t sel, uint16_t attrib)
{
    s->sel = sel; s->attrib = attrib; s->limit = 0xffffffff; s->base = 0;
}

static void dump_vmcb(const char *what)
{
    puts_(what);
    puts_(" exit_code="); puthex(vmcb.exit_code);
    puts_(" cs="); puthex(vmcb.cs.sel);
    puts_(" rip="); puthex(vmcb.rip);
    puts_(" rsp="); puthex(vmcb.rsp);
    puts_(" rax="); puthex(vmcb.rax);
    puts_(" cr0="); puthex(vmcb.cr0);
    puts_("\n");
}

void report_provoked(void)
{
    puts_("svmtest: host-mode write of a reserved CR4 bit came back as a #VMEXIT\n");
    dump_vmcb("svmtest: VMCB now holds HOST state:");
    puts_("svmtest: host mov-to-cr4 insn at "); puthex((uint32_t)provoke_insn);
    puts_(", vmcb pa "); puthex((uint32_t)&vmcb);
    puts_(", after_vmrun "); puthex((uint32_t)after_vmrun); puts_("\n");
    qemu_exit(0x21);
}

void host_main(uint32_t mbi)
{
    const char *cmdline = "";
    uint32_t a, b, c, d;
    int provoke;

    if (mbi && (*(uint32_t *)mbi & 4)) cmdline = (const char *)((uint32_t *)mbi)[4];
    provoke = streq_word(cmdline, "provoke");

    puts_("svmtest: start\n");
    asm volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(0x80000001));
    if (!(c & 4)) { puts_("svmtest: no SVM\n"); qemu_exit(3); }

    wrmsr(0xc0000080, rdmsr(0xc0000080) | (1 << 12));   /* EFER.SVME */
    wrmsr(0xc0010117, (uint32_t)hsave);                  /* VM_HSAVE_PA */

    for (int i = 0; i < 256; i++) {
        uint32_t h = (uint32_t)guest_isr;
        /* 32-bit interrupt gate, selector 0x08, DPL0, present */
        guest_idt[i] = (h & 0xffff) | (0x08u << 16) | ((uint64_t)0x8e00 << 32) |
                       ((uint64_t)(h >> 16) << 48);
    }
    guest_idt_desc.limit = sizeof(guest_idt) - 1;
    guest_idt_desc.base = (uint32_t)guest_idt;

    vmcb.intercept = (1ull << (0x80 - 0x60)) |     /* VMRUN (required) */
                     (1ull << (0x72 - 0x60)) |     /* CPUID */
                     (1ull << (0x78 - 0x60));      /* HLT */
    vmcb.asid = 1;
    set_seg(&vmcb.cs, 0x08, 0xc9b);
    set_seg(&vmcb.ds, 0x10, 0xc93);
    set_seg(&vmcb.es, 0x10, 0xc93);
    set_seg(&vmcb.ss, 0x10, 0xc93);
    vmcb.gdtr.base = (uint32_t)gdt; vmcb.gdtr.limit = 23;
    vmcb.idtr.base = guest_idt_desc.base; vmcb.idtr.limit = guest_idt_desc.limit;
    vmcb.efer = 1 << 12;
    vmcb.cr0 = 0x11;
    vmcb.dr6 = 0xffff0ff0;
    vmcb.dr7 = 0x400;
    vmcb.rflags = 2;
    vmcb.rip = (uint32_t)guest_entry;
    vmcb.rsp = (uint32_t)guest_stack_top;

    const uint32_t loops = 200000;
    uint32_t injected = 0;
    for (uint32_t i = 0; i < loops; i++) {
        if (i % 7 == 0) {
            vmcb.event_inj = 0x20 | (0u << 8) | (1u << 31);   /* ext. interrupt */
            injected++;
        }
        do_vmrun((uint32_t)&vmcb);
        if (vmcb.exit_code != 0x72) {
            dump_vmcb("svmtest: unexpected #VMEXIT:");
            qemu_exit(5);
        }
        vmcb.rip += 2;                                          /* skip CPUID */
    }
    puts_("svmtest: "); putdec(loops); puts_(" VMRUN/#VMEXIT round trips OK, injected ");
    putdec(injected); puts_(", guest saw "); putdec(guest_irq_count); puts_("\n");
    if (guest_irq_count != injected) {
        puts_("svmtest: MISMATCH in delivered interrupt count\n");
    }
    if (provoke) {
        puts_("svmtest: now writing a reserved CR4 bit in host mode...\n");
        provoke_cr4();
        puts_("svmtest: no #VMEXIT (a #GP would be correct; we have no IDT so this line means QEMU ignored it)\n");
    }
    qemu_exit(guest_irq_count == injected ? 0x10 : 0x11);
}
