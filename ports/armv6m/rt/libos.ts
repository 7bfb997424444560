// The port's half of the libOS contract (sdk/lib/rt/port.ts), hand-written for ARMv6-M (it
// runs unchanged on ARMv7-M): the interrupt entry that queues an interrupt for the event
// loop, the SysTick handler of the tickless clock, interrupt masking, sleep and reset.
//
// Interrupt handlers never allocate and never call app code (DESIGN.md, "The libOS"): an
// external interrupt disables its own NVIC line and puts its number in a fixed ring, which
// the event loop drains in thread mode (sdk/lib/rt/events.ts), calling the driver that
// registered for it; the driver re-enables the line when it has serviced the peripheral.
// A line is queued at most once until then, so a ring with a slot per line never overflows
// (64 slots: the chips here have at most 44 lines).

import { createAssembler } from "../../../sdk/compiler/asm/thumb.ts";
import type { Chunk } from "../../../sdk/compiler/link/types.ts";
import type { Board } from "../../../boards/types.ts";
import { chunk, data } from "./runtime.ts";
import { systickCountsPerMs, systickMaxPeriodMs } from "../../../boards/chips/cortex-m/systick-period.ts";

/** The interrupt queue (.bss): [0] head, [4] tail (byte counters, mod 256), then one byte
 *  per queued interrupt number, in a ring of IRQ_QUEUE_SLOTS. Read by sdk/lib/rt/events.ts. */
export const IRQ_QUEUE = "__rt_irq_queue";
export const IRQ_QUEUE_SLOTS = 64;
/** The SysTick clock's state (.bss), in raw words: [0] the millisecond at which the current
 *  SysTick period ends, [4] cycles past that millisecond, [8] and [12] the same two for the
 *  length of the period loaded at the next wrap. Read by boards/chips/cortex-m/systick-clock.ts. */
export const SYSTICK_CLOCK = "__rt_clock";

/** ARMv6-M ARM B3.4 (NVIC): writing 1 to bit n of ICER disables interrupt n. */
const NVIC_ICER = 0xe000e180;
/** B3.2.4 (AIRCR): VECTKEY in the top half, SYSRESETREQ bit 2. */
const SCB_AIRCR = 0xe000ed0c;
const AIRCR_SYSRESETREQ = 0x05fa0004;
/** B3.3 (SysTick): the reload value register. */
const SYST_RVR = 0xe000e014;
/** B3.3 (SysTick): the control and status register (0: counter and its interrupt off). */
const SYST_CSR = 0xe000e010;
/** B3.4 (NVIC): writing 1 to bit n of ICPR clears interrupt n's pending state. */
const NVIC_ICPR = 0xe000e280;
/** B3.2.5 (VTOR, Cortex-M0+ with the VTOR option, M3, M4): the vector table's address. */
const SCB_VTOR = 0xe000ed08;
const FIRST_EXTERNAL_EXCEPTION = 16;


export function libOsChunks(board: Board): Chunk[] {
  const chunks: Chunk[] = [];
  {
    // __rt_irq: every external interrupt's vector. r0-r3 are stacked by the hardware.
    const a = createAssembler();
    const full = a.newLabel();
    a.mrs(0, "ipsr");
    a.subs(0, 0, { imm: FIRST_EXTERNAL_EXCEPTION });
    a.movs(3, 31);
    a.ands(3, 0);                     // the line's bit in its ICER word
    a.movs(1, 1);
    a.lslsReg(1, 3);
    a.lsrs(3, 0, 5);
    a.lsls(3, 3, 2);                  // the word: ICER0, ICER1, … for lines 0–31, 32–63, …
    a.ldrConst(2, NVIC_ICER);
    a.str(1, 2, 3);                   // the line stays off until its driver has serviced it
    a.ldrConst(2, { symbol: IRQ_QUEUE });
    a.ldr(1, 2, { imm: 0 });          // head
    a.ldr(3, 2, { imm: 4 });          // tail
    a.subs(3, 1, 3);
    a.uxtb(3, 3);
    a.cmp(3, { imm: IRQ_QUEUE_SLOTS });
    a.bcond("cs", full);              // cannot happen (a line is queued once); never overwrite
    a.movs(3, IRQ_QUEUE_SLOTS - 1);
    a.ands(3, 1);
    a.adds(3, 3, 2);
    a.strb(0, 3, { imm: 8 });
    a.adds(1, 1, { imm: 1 });
    a.uxtb(1, 1);
    a.str(1, 2, { imm: 0 });
    a.bind(full);
    a.bx(14);
    chunks.push(chunk("__rt_irq", a));
    chunks.push(data(IRQ_QUEUE, new Uint8Array(8 + IRQ_QUEUE_SLOTS), [], ".bss"));
  }
  {
    // __rt_systick: a SysTick period ended and the next one (its length in [8], [12]) has
    // been loaded from the reload register. The periods after it are the longest whole
    // number of milliseconds, until the clock asks for an earlier wake-up.
    const cyclesPerMs = systickCountsPerMs(board);
    const maxMs = systickMaxPeriodMs(board);
    // The clock proves its arithmetic small with periods below 2,048 ms (systick-clock.ts):
    // a board whose SysTick counts slower would keep time wrongly, so it stops here.
    if (maxMs >= 2048) throw new Error(`board '${board.id}': SysTick counts ${cyclesPerMs} per millisecond; the tickless clock needs at least 8,192 (set the chip's clockHz or systickReferenceHz)`);
    const a = createAssembler();
    const noCarry = a.newLabel();
    a.ldrConst(0, { symbol: SYSTICK_CLOCK });
    a.ldr(1, 0, { imm: 0 });
    a.ldr(2, 0, { imm: 8 });
    a.adds(1, 1, 2);
    a.ldr(2, 0, { imm: 4 });
    a.ldr(3, 0, { imm: 12 });
    a.adds(2, 2, 3);
    a.ldrConst(3, cyclesPerMs);
    a.cmp(2, 3);
    a.bcond("cc", noCarry);
    a.subs(2, 2, 3);
    a.adds(1, 1, { imm: 1 });
    a.bind(noCarry);
    a.str(1, 0, { imm: 0 });
    a.str(2, 0, { imm: 4 });
    a.ldrConst(1, maxMs);
    a.str(1, 0, { imm: 8 });
    a.movs(1, 0);
    a.str(1, 0, { imm: 12 });
    a.ldrConst(1, SYST_RVR);
    a.ldrConst(2, maxMs * cyclesPerMs - 1);
    a.str(2, 1, { imm: 0 });
    a.bx(14);
    chunks.push(chunk("__rt_systick", a));
    chunks.push(data(SYSTICK_CLOCK, new Uint8Array(16), [], ".bss"));
  }
  // The RP2040 flash driver's RAM (boards/chips/rp2040/flash.ts): its 256-byte routine slot,
  // then a 256-byte page staged for programming; linked only when the driver is.
  chunks.push(data("__rt_flash_ram", new Uint8Array(512), [], ".bss"));
  // The nRF51 flash driver's word being written (boards/chips/nrf51/flash.ts).
  chunks.push(data("__rt_flash_word", new Uint8Array(4), [], ".bss"));
  {
    // port.interruptsOff(): the previous PRIMASK as a small integer (1: they were off).
    const a = createAssembler();
    a.mrs(0, "primask");
    a.cpsid();
    a.lsls(0, 0, 1);
    a.adds(0, 0, { imm: 1 });
    a.bx(14);
    chunks.push(chunk("port.interruptsOff", a));
  }
  {
    // port.interruptsRestore(state): interrupts on again unless they were off before.
    const a = createAssembler();
    const stay = a.newLabel();
    a.cmp(0, { imm: 1 });             // tagged 0
    a.bcond("ne", stay);
    a.cpsie();
    a.bind(stay);
    a.bx(14);
    chunks.push(chunk("port.interruptsRestore", a));
  }
  {
    // port.waitForInterrupt(): WFI. Called with interrupts masked, it still wakes for a
    // pending interrupt (ARMv6-M ARM B1.5.19), which runs when the caller unmasks: no
    // interrupt between the loop's last look and the sleep is missed.
    const a = createAssembler();
    a.dsb();
    a.wfi();
    a.bx(14);
    chunks.push(chunk("port.waitForInterrupt", a));
  }
  {
    // port.systemReset(): SYSRESETREQ, then wait for it.
    const a = createAssembler();
    const wait = a.newLabel();
    a.dsb();
    a.ldrConst(0, SCB_AIRCR);
    a.ldrConst(1, AIRCR_SYSRESETREQ);
    a.str(1, 0, { imm: 0 });
    a.dsb();
    a.bind(wait);
    a.b(wait);
    chunks.push(chunk("port.systemReset", a));
  }
  {
    // port.startImage(vectorTable): what a reset does, for an image whose vector table is
    // elsewhere (mote-boot starting the app in its slot). With interrupts masked: SysTick
    // and every external interrupt off and nothing left pending (the bootloader's drivers may
    // have used them), VTOR at the image's table (the Cortex-M0 has none: mote-boot's table
    // forwards the vectors, forward-vectors.ts), MSP from the table's first word; then
    // interrupts unmasked as out of reset, and a branch to the reset vector. r0: a tagged
    // small integer.
    const a = createAssembler();
    a.asrs(0, 0, 1);
    a.cpsid();
    a.ldrConst(1, SYST_CSR);
    a.movs(2, 0);
    a.str(2, 1, { imm: 0 });
    a.mvns(2, 2);
    a.ldrConst(1, NVIC_ICER);
    a.str(2, 1, { imm: 0 });
    a.ldrConst(1, NVIC_ICPR);
    a.str(2, 1, { imm: 0 });
    if (board.chip.cpu !== "cortex-m0") {
      a.ldrConst(1, SCB_VTOR);
      a.str(0, 1, { imm: 0 });
    }
    a.dsb();
    a.isb();
    a.ldr(1, 0, { imm: 0 });
    a.msr("msp", 1);
    a.ldr(1, 0, { imm: 4 });
    a.cpsie();
    a.bx(1);
    chunks.push(chunk("port.startImage", a));
  }
  return chunks;
}
