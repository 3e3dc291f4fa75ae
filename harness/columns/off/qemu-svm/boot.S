/* SPDX-License-Identifier: GPL-2.0 */
/* Minimal multiboot (v1) entry for the SVM world-switch test. 32-bit, no paging. */
        .section .multiboot, "a"
        .align 4
        .long 0x1BADB002            /* magic */
        .long 0x00000000            /* flags */
        .long -(0x1BADB002)         /* checksum */

        .text
        .globl _start
_start:
        cli
        lgdt gdt_desc
        ljmp $0x08, $1f
1:      mov $0x10, %ax
        mov %ax, %ds
        mov %ax, %es
        mov %ax, %ss
        mov %ax, %fs
        mov %ax, %gs
        mov $host_stack_top, %esp
        push %ebx                   /* multiboot info pointer */
        call host_main
2:      hlt
        jmp 2b

/*
 * void do_vmrun(uint32_t vmcb_pa)
 * VMRUN only switches RAX/RSP/RIP/RFLAGS and segment state, so keep the
 * callee-saved GPRs on the stack around it.
 */
        .globl do_vmrun
do_vmrun:
        push %ebp
        push %ebx
        push %esi
        push %edi
        mov 20(%esp), %eax
        vmrun
        .globl after_vmrun
after_vmrun:
        /* If a bogus #VMEXIT was taken in host mode, we land here with a
         * stale stack; switch to a fresh stack and report. */
        cmpl $0, provoked
        jne provoked_landing
        pop %edi
        pop %esi
        pop %ebx
        pop %ebp
        ret
provoked_landing:
        mov $host_stack2_top, %esp
        call report_provoked
3:      hlt
        jmp 3b

/* Guest code: executes CPUID forever (intercepted). */
        .globl guest_entry
guest_entry:
        cpuid
        jmp guest_entry

/* Guest interrupt handler for injected vector 0x20. */
        .globl guest_isr
guest_isr:
        incl guest_irq_count
        iret

        .globl provoke_cr4
provoke_cr4:
        movl $1, provoked
        mov %cr4, %eax
        or $0x80000000, %eax        /* reserved CR4 bit: must be #GP on hardware */
        .globl provoke_insn
provoke_insn:
        mov %eax, %cr4
        movl $0, provoked
        ret

        .data
        .align 8
        .globl gdt
gdt:
        .quad 0
        .quad 0x00cf9b000000ffff    /* 0x08: flat 32-bit code */
        .quad 0x00cf93000000ffff    /* 0x10: flat 32-bit data */
gdt_end:
        .globl gdt_desc
gdt_desc:
        .word gdt_end - gdt - 1
        .long gdt

        .bss
        .align 4096
        .space 16384
host_stack_top:
        .space 8192
host_stack2_top:
        .space 8192
        .globl guest_stack_top
guest_stack_top:
