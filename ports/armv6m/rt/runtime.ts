// The ARMv6-M port's hand-written device code: the vector table, the reset handler, fault
// and panic entry, the crash report, integer multiply/divide for JS numbers, and the
// simulator exits. Everything else in the runtime is device TypeScript (sdk/lib/rt).
//
// Written through the assembler API (host code that emits Thumb), so it needs no GNU tools.
// Calling convention as the code generator's: AAPCS, tagged JS values in r0-r3.

import { createAssembler } from "../../../sdk/compiler/asm/thumb.ts";
import type { ThumbAssembler } from "../../../sdk/compiler/asm/types.ts";
import type { Chunk } from "../../../sdk/compiler/link/types.ts";
import type { PortRuntimeOptions } from "../../../sdk/compiler/port.ts";
import type { Board } from "../../../boards/types.ts";
import * as Panic from "../../../sdk/lib/rt/panic-codes.ts";
import { HANDLER_CHAIN, PANIC_HERE } from "../codegen/codegen.ts";
import { NUM_OP } from "./num-ops.ts";
import { doubleArithmeticChunks, REPLACED } from "./double-ops.ts";
import { softFloatChunks } from "./softfloat.ts";
import { IRQ_QUEUE, SYSTICK_CLOCK, libOsChunks } from "./libos.ts";
import { forwardingVectors } from "./forward-vectors.ts";
import { fieldMultiplyChunk } from "./field-multiply.ts";
import { sha256CompressChunks } from "./sha256-compress.ts";
import { sha512CompressChunks } from "./sha512-compress.ts";
import { stackCaptureChunks } from "./stack-capture.ts";
import { DESCRIPTOR_NUMBER, KIND_NUMBER, NUMBER_HIGH, NUMBER_LOW, NUMBER_SIZE, TRUE as TRUE_WORD } from "../../../sdk/compiler/values.ts";

/** Symbols the compiler may reference, implemented here. */
export const PORT_SYMBOLS = {
  reset: "__rt_reset",
  mul: "__rt_mul",
  div: "__rt_div",
  idiv: "__rt_idiv",
  mod: "__rt_mod",
  simulatorExitSemihosting: "port.simulatorExitSemihosting",
  simulatorExitBkpt: "port.simulatorExitBkpt",
  sleepForever: "port.sleepForever",
} as const;

const CRASH_KIND_PANIC = "panic";
/** ARMv6-M ARM B3.3 (SysTick): exception number and registers. */
const SYSTICK_EXCEPTION = 15;
const HARD_FAULT_EXCEPTION = 3;
const REPLAY_KEPT_CRASH = "port.replayKeptCrash";
const CRASH_KIND_HARDFAULT = "hardfault";

/** Semihosting (Arm "Semihosting for AArch32 and AArch64" §5): SYS_EXIT_EXTENDED, and the
 *  ADP_Stopped_ApplicationExit reason code. */
const SYS_EXIT_EXTENDED = 0x20;
const ADP_STOPPED_APPLICATION_EXIT = 0x20026;
const SEMIHOSTING_BKPT = 0xab;

/** A copy routine (to, from, count; tagged numbers): untag the three, then `move` one unit
 *  (r3 free, r2 the units left) as often as count says. */
function copyLoop(name: string, move: (a: ThumbAssembler) => void): Chunk {
  const a = createAssembler();
  a.asrs(0, 0, 1);
  a.asrs(1, 1, 1);
  a.asrs(2, 2, 1);
  const loop = a.newLabel(), done = a.newLabel();
  a.bind(loop);
  a.subs(2, 2, { imm: 1 });
  a.bcond("mi", done);
  move(a);
  a.b(loop);
  a.bind(done);
  a.bx(14);
  return chunk(name, a);
}

export function chunk(name: string, a: ThumbAssembler, section: Chunk["section"] = ".text"): Chunk {
  const code = a.finish();
  return {
    name, section, bytes: code.bytes, size: code.bytes.length, align: 4, relocs: code.relocs, lines: code.lines,
    kind: "func", module: "rt:armv6m",
  };
}

export function data(name: string, bytes: Uint8Array, relocs: Chunk["relocs"] = [], section: Chunk["section"] = ".rodata"): Chunk {
  return { name, section, bytes, size: bytes.length, align: 4, relocs, kind: "object", module: "rt:armv6m" };
}

/** NUL-terminated text the crash reports print a byte at a time: no alignment needed. */
function text(name: string, bytes: Uint8Array): Chunk {
  return { ...data(name, bytes), align: 1 };
}

function cString(text: string): Uint8Array {
  return new Uint8Array([...Buffer.from(text, "latin1"), 0]);
}

/** The crash record kept across a reset (.noinit): [0] CRASH_RECORD_MAGIC, [4] the report's
 *  heading string (its kind), [8] code, [12] pc, [16] lr, [20] sp, [24] frame count, [28]
 *  up to CRASH_RECORD_FRAMES return addresses. Read at boot by sdk/lib/rt/crash-record.ts. */
export const CRASH_RECORD = "__rt_crash_record";
export const CRASH_RECORD_MAGIC = 0x0d6f7465;
export const CRASH_RECORD_FRAMES = 32;
export const CRASH_RECORD_RESET_MAGIC = 0x0d6f7472;
/** The boot record (.noinit, sdk/lib/rt/boot-id.ts); its word at BOOT_SEED_OFFSET is what
 *  RAM held at power-on, which the simulators fill with random bits as SRAM would. */
export const BOOT_RECORD = "__rt_boot_record";
/** The wall-clock time at power-on, as a simulator writes it (sdk/lib/rt/date.ts). */
export const WALL_CLOCK = "__rt_wall_clock";
export const BOOT_SEED_OFFSET = 8;
/** The watchdog warning's handler; a board's watchdog driver names its vector
 *  (Board.watchdogVector), which points here when the program starts the watchdog. */
export const WATCHDOG_HANDLER = "__rt_watchdog";
/** Referenced by a watchdog driver (symbolAddress) when the program starts the watchdog. */
const WATCHDOG_USED = "__rt_watchdog_started";
/** __rt_reset_reason values (sdk/lib/rt/crash-record.ts names them). */
const RESET_REASON = { powerOn: 0, reset: 1, crash: 2, watchdog: 3 } as const;

export function portRuntime(o: PortRuntimeOptions): Chunk[] {
  const chunks: Chunk[] = [];
  const { board } = o;

  // Vector table: initial SP, reset, then the system exceptions and every IRQ.
  {
    // The 16 system exceptions; external interrupts get entries once drivers enable them.
    const entries = 16;
    let bytes = new Uint8Array(4 * entries);
    const relocs: Chunk["relocs"] = [{ offset: 0, kind: "abs32", symbol: "__stack_top", addend: 0 }];
    let lastHandled = HARD_FAULT_EXCEPTION;
    for (let i = 1; i < entries; i++) {
      const reserved = i >= 7 && i <= 10 || i === 12 || i === 13;
      if (reserved) continue;
      const watchdog = o.referenced?.has(WATCHDOG_USED) && board.watchdogVector === i;
      const handler = i === 1 ? PORT_SYMBOLS.reset : watchdog ? WATCHDOG_HANDLER
        : i === SYSTICK_EXCEPTION && o.referenced?.has(SYSTICK_CLOCK) ? "__rt_systick" : "__rt_fault";
      relocs.push({ offset: 4 * i, kind: "abs32", symbol: handler, addend: 1 });
      if (handler !== "__rt_fault") lastHandled = Math.max(lastHandled, i);
    }
    // External interrupts: queued for the event loop when the program listens for any. A
    // watchdog whose warning is an external interrupt needs its entry even when nothing else
    // does (the table then ends there, the lines before it faulting).
    const watchdogIrq = o.referenced?.has(WATCHDOG_USED) && board.watchdogVector !== undefined && board.watchdogVector >= entries
      ? board.watchdogVector - entries : -1;
    const queued = o.referenced?.has(IRQ_QUEUE) ?? false;
    const irqEntries = queued ? board.chip.irqCount : watchdogIrq + 1;
    for (let irq = 0; irq < irqEntries; irq++) {
      const handler = irq === watchdogIrq ? WATCHDOG_HANDLER : queued ? "__rt_irq" : "__rt_fault";
      relocs.push({ offset: 4 * (entries + irq), kind: "abs32", symbol: handler, addend: 1 });
    }
    if (irqEntries > 0) bytes = new Uint8Array(4 * (entries + irqEntries));
    else if (o.compactVectors && !o.forwardVectors) {
      // The exceptions after HardFault are off until the program turns them on (SysTick, the
      // configurable faults, which otherwise escalate to HardFault) or cannot happen (SVCall,
      // PendSV: nothing raises them): the table ends at the last one with a handler.
      bytes = new Uint8Array(4 * (lastHandled + 1));
      for (let i = relocs.length - 1; i >= 0; i--) if (relocs[i].offset >= bytes.length) relocs.splice(i, 1);
    }
    const table: Chunk = { ...data("__vectors", bytes, relocs, ".vectors"), module: "rt:armv6m" };
    chunks.push(...o.forwardVectors ? forwardingVectors(table, board.chip.irqCount, "__rt_fault", o.forwardVectors) : [table]);
  }

  // Reset: copy .data's initial values from flash, clear .bss, run the program.
  {
    const a = createAssembler();
    const hasData = o.hasData, hasBss = o.hasBss;
    if (hasData) {
    a.ldrConst(0, { symbol: "__data_load" });
    a.ldrConst(1, { symbol: "__data_start" });
    a.ldrConst(2, { symbol: "__data_end" });
    const copy = a.newLabel(), copied = a.newLabel();
    a.bind(copy);
    a.cmp(1, 2);
    a.bcond("cs", copied);
    a.ldm(0, [3]);
    a.stm(1, [3]);
    a.b(copy);
    a.bind(copied);
    }
    if (hasBss) {
    a.ldrConst(1, { symbol: "__bss_start" });
    a.ldrConst(2, { symbol: "__bss_end" });
    a.movs(3, 0);
    const zero = a.newLabel(), zeroed = a.newLabel();
    a.bind(zero);
    a.cmp(1, 2);
    a.bcond("cs", zeroed);
    a.stm(1, [3]);
    a.b(zero);
    a.bind(zeroed);
    }
    // main ends by calling exit(0) (lower/lowerer.ts), which does not return.
    a.bl(o.main);
    const hang = a.newLabel();
    a.bind(hang);
    a.b(hang);
    chunks.push(chunk(PORT_SYMBOLS.reset, a));
  }

  // Crash entry points. __rt_panic_here: r0 = code, lr = return address of the BL at the
  // offending site. __rt_panic: r0 = code, r1 = pc of the site.
  {
    const a = createAssembler();
    a.mov(1, 14);
    a.movs(2, 1);
    a.bics(1, 2);
    a.subs(1, 1, { imm: 4 }); // the BL itself
    tailCall(a, "__rt_panic", 3);
    chunks.push(chunk(PANIC_HERE, a));
  }
  chunks.push(panicChunk());
  chunks.push(...throwChunk(o));
  chunks.push({ ...data(HANDLER_CHAIN, new Uint8Array(4), [], ".bss") });
  chunks.push({ ...data("__rt_throw_site", new Uint8Array(4), [], ".bss") });
  chunks.push(text("__rt_str_throw", cString(`\n!mote-crash kind=throw code=`)));
  chunks.push(text("__rt_str_text", cString("\n!mote-crash kind=text text=")));
  chunks.push(putHexByteChunk(o));
  chunks.push(o.onlyHardwareFaults ? shortFaultChunk(o) : faultChunk());
  chunks.push(watchdogChunk());
  chunks.push(data("__rt_watchdog_started", new Uint8Array(4), [], ".bss"));
  chunks.push(crashChunk(o));
  chunks.push(data(CRASH_RECORD, new Uint8Array(28 + 4 * CRASH_RECORD_FRAMES), [], ".noinit"));
  chunks.push(replayChunk());
  chunks.push(data("__rt_reset_reason", new Uint8Array(4), [], ".bss"));
  // Which boot this is (sdk/lib/rt/boot-id.ts): magic, resets since power-on, power-up seed.
  chunks.push(data(BOOT_RECORD, new Uint8Array(12), [], ".noinit"));
  // The wall-clock time at power-on: magic, seconds since 1970, milliseconds.
  chunks.push(data(WALL_CLOCK, new Uint8Array(12), [], ".noinit"));
  chunks.push(text("__rt_str_kept", cString(" kept=1\n")));
  chunks.push(putHexChunk(o));
  chunks.push(putStringChunk(o));
  chunks.push(text("__rt_str_panic", cString(`\n!mote-crash kind=${CRASH_KIND_PANIC} code=`)));
  chunks.push(text("__rt_str_hardfault", cString(`\n!mote-crash kind=${CRASH_KIND_HARDFAULT} code=`)));
  chunks.push(text("__rt_str_watchdog", cString("\n!mote-crash kind=watchdog code=")));
  chunks.push(text("__rt_str_fields", new Uint8Array([...cString(" pc="), ...cString(" lr="), ...cString(" sp="), ...cString(" frames=")])));
  chunks.push(text("__rt_str_pc_lr", new Uint8Array([...cString(" pc="), ...cString(" lr=")])));
  chunks.push(text("__rt_str_comma", cString(",")));
  chunks.push(text("__rt_str_newline", cString("\n")));
  if (o.doubles) {
    // The integer routines stay for what they do on small integers; the rest is doubles.
    for (const c of arithmeticChunks(o)) {
      if (c.name === "__rt_idiv") chunks.push({ ...c, name: "__rt_idiv_int" });
      else if (!REPLACED.includes(c.name)) chunks.push(c);
    }
    chunks.push(...doubleArithmeticChunks(o.alloc), ...softFloatChunks());
  } else {
    chunks.push(...arithmeticChunks(o));
  }
  chunks.push(...exitChunks(o));
  return chunks;
}

/** A tail branch to another symbol: B has no relocation form here, so load and BX. */
export function tailCall(a: ThumbAssembler, symbol: string, scratch = 3): void {
  a.ldrConst(scratch, { symbol, addend: 1 });
  a.bx(scratch);
}

/** port.replayKeptCrash(): the kept record (CRASH_RECORD), if it is one of this image's
 *  reports, printed again as the crash line with ` kept=1`; the reset reason set from it. */
function replayChunk(): Chunk {
  const a = createAssembler();
  const done = a.newLabel(), store = a.newLabel(), print = a.newLabel();
  a.push([4, 5, 6, 7, 14]);
  a.ldrConst(4, { symbol: CRASH_RECORD });
  a.ldr(5, 4, { imm: 0 });
  a.movs(0, 0);
  a.str(0, 4, { imm: 0 });         // read once: the next boot starts clean
  a.ldrConst(1, CRASH_RECORD_RESET_MAGIC);
  a.movs(0, RESET_REASON.reset);   // before the compare: movs sets the flags
  a.cmp(5, 1);
  a.bcond("eq", store);
  a.ldrConst(1, CRASH_RECORD_MAGIC);
  a.cmp(5, 1);
  a.bcond("ne", done);
  a.ldr(5, 4, { imm: 4 });         // the heading must be one of this image's
  a.movs(6, RESET_REASON.watchdog);
  a.ldrConst(0, { symbol: "__rt_str_watchdog" });
  a.cmp(5, 0);
  a.bcond("eq", print);
  a.movs(6, RESET_REASON.crash);
  for (const heading of ["__rt_str_panic", "__rt_str_hardfault", "__rt_str_throw"]) {
    a.ldrConst(0, { symbol: heading });
    a.cmp(5, 0);
    a.bcond("eq", print);
  }
  a.b(done);
  a.bind(print);
  a.mov(0, 5);
  a.bl("__rt_put_string");
  a.ldr(0, 4, { imm: 8 });
  a.bl("__rt_put_hex");            // code
  a.ldrConst(5, { symbol: "__rt_str_fields" });
  a.movs(7, 12);
  const field = a.newLabel();
  a.bind(field);                   // " pc=", " lr=", " sp=" and their words
  a.mov(0, 5);
  a.bl("__rt_put_string");
  a.mov(5, 0);
  a.ldr(0, 4, 7);
  a.bl("__rt_put_hex");
  a.adds(7, 7, { imm: 4 });
  a.cmp(7, { imm: 24 });
  a.bcond("ne", field);
  a.mov(0, 5);
  a.bl("__rt_put_string");         // " frames="
  a.movs(7, 0);
  const frame = a.newLabel(), frames = a.newLabel(), first = a.newLabel();
  a.bind(frame);
  a.ldr(0, 4, { imm: 24 });
  a.cmp(7, 0);
  a.bcond("cs", frames);
  a.cmp(7, { imm: 0 });
  a.bcond("eq", first);
  a.ldrConst(0, { symbol: "__rt_str_comma" });
  a.bl("__rt_put_string");
  a.bind(first);
  a.lsls(0, 7, 2);
  a.adds(0, 0, 4);
  a.ldr(0, 0, { imm: 28 });
  a.bl("__rt_put_hex");
  a.adds(7, 7, { imm: 1 });
  a.cmp(7, { imm: CRASH_RECORD_FRAMES });
  a.bcond("cc", frame);
  a.bind(frames);
  a.ldrConst(0, { symbol: "__rt_str_kept" });
  a.bl("__rt_put_string");
  a.mov(0, 6);
  a.bind(store);                   // a raw word: device code reads it with peek32
  a.ldrConst(1, { symbol: "__rt_reset_reason" });
  a.str(0, 1, { imm: 0 });
  a.bind(done);
  a.pop([4, 5, 6, 7, 15]);
  return chunk(REPLAY_KEPT_CRASH, a);
}

function panicChunk(): Chunk {
  // r0 = code, r1 = pc of the site. Capture sp and continue into the report.
  const a = createAssembler();
  a.mov(3, 13);
  a.mov(2, 1);
  a.mov(1, 0);
  a.ldrConst(0, { symbol: "__rt_str_panic" });
  tailCall(a, "__rt_crash", 7);
  return chunk("__rt_panic", a);
}

/**
 * __rt_throw: r0 = the thrown value. With a handler record on the chain, it comes off, the
 * stack pointer returns to what it was at the try, and the handler starts with the value in
 * r0. With none, the exception is uncaught: its text goes into the crash report, which names
 * the throw site (the BL to here), and the program ends with status 1, as Node's does.
 */
function throwChunk(o: PortRuntimeOptions): Chunk[] {
  // __rt_throw records where the exception started (the BL's return address); __rt_rethrow,
  // used when a finally block passes an exception on, keeps that place.
  const entry = createAssembler();
  entry.ldrConst(1, { symbol: "__rt_throw_site" });
  entry.mov(2, 14);
  entry.str(2, 1, { imm: 0 });
  tailCall(entry, "__rt_rethrow", 3);
  const a = createAssembler();
  const uncaught = a.newLabel();
  a.ldrConst(1, { symbol: HANDLER_CHAIN });
  a.ldr(2, 1, { imm: 0 });
  a.cmp(2, { imm: 0 });
  a.bcond("eq", uncaught);
  a.ldr(3, 2, { imm: 0 });
  a.str(3, 1, { imm: 0 });
  a.ldr(3, 2, { imm: 4 });
  a.mov(13, 3);
  a.ldr(3, 2, { imm: 8 });
  a.bx(3);
  a.bind(uncaught);
  // First a line with the exception's text (UTF-8 bytes, hex-encoded so the line stays plain
  // characters), then the crash report itself, which names the throw site.
  a.ldrConst(1, { symbol: "__rt_throw_site" });
  a.ldr(4, 1, { imm: 0 });
  a.bl(o.uncaughtText);
  a.mov(6, 0);
  a.ldrConst(0, { symbol: "__rt_str_text" }); a.bl("__rt_put_string");
  a.ldr(5, 6, { imm: 4 });          // length
  a.adds(6, 6, { imm: 8 });         // the bytes
  const textLoop = a.newLabel(), textDone = a.newLabel();
  a.bind(textLoop);
  a.subs(5, 5, { imm: 1 });
  a.bcond("mi", textDone);
  a.ldrb(0, 6, { imm: 0 });
  a.adds(6, 6, { imm: 1 });
  a.bl("__rt_put_hex_byte");
  a.b(textLoop);
  a.bind(textDone);
  a.ldrConst(0, { symbol: "__rt_str_newline" }); a.bl("__rt_put_string");
  a.mov(2, 4);
  a.movs(1, 1);
  a.bics(2, 1);
  a.subs(2, 2, { imm: 4 });         // pc: the BL itself
  a.mov(3, 13);
  a.mov(14, 4);
  a.movs(1, 0);
  a.ldrConst(0, { symbol: "__rt_str_throw" });
  tailCall(a, "__rt_crash", 7);
  // port.rethrow(value): device code that has set __rt_throw_site itself (an unhandled
  // promise rejection, reported where its exception was thrown).
  const fromDevice = createAssembler();
  tailCall(fromDevice, "__rt_rethrow", 3);
  return [chunk("__rt_throw", entry), chunk("__rt_rethrow", a), chunk("port.rethrow", fromDevice)];
}

/** r0 = a byte: two hex digits. */
function putHexByteChunk(o: PortRuntimeOptions): Chunk {
  const a = createAssembler();
  a.push([4, 5, 14]);
  a.lsls(4, 0, 24);
  a.movs(5, 2);
  const loop = a.newLabel(), digit = a.newLabel();
  a.bind(loop);
  a.lsrs(0, 4, 28);
  a.cmp(0, { imm: 10 });
  a.bcond("cc", digit);
  a.adds(0, 0, { imm: 0x61 - 0x30 - 10 });
  a.bind(digit);
  a.adds(0, 0, { imm: 0x30 });
  a.lsls(0, 0, 1);
  a.adds(0, 0, { imm: 1 });
  a.bl(o.consoleWrite);
  a.lsls(4, 4, 4);
  a.subs(5, 5, { imm: 1 });
  a.bcond("ne", loop);
  a.pop([4, 5, 15]);
  return chunk("__rt_put_hex_byte", a);
}

/** The watchdog's warning (the NMI on mps2, a TIMER alarm on the RP2040): the app has not
 *  come back to the event loop in time. The report names where it was stuck (the stacked
 *  pc), is kept for the next boot, and the device resets (crash handling, start.ts exit). */
function watchdogChunk(): Chunk {
  const a = createAssembler();
  a.movs(1, 0);
  a.mov(3, 13);
  a.ldr(2, 3, { imm: 24 });        // stacked pc
  a.ldr(0, 3, { imm: 20 });        // stacked lr
  a.mov(14, 0);
  a.adds(3, 3, { imm: 32 });
  a.ldrConst(0, { symbol: "__rt_str_watchdog" });
  tailCall(a, "__rt_crash", 7);
  return chunk(WATCHDOG_HANDLER, a);
}

function faultChunk(): Chunk {
  // Every exception but reset: HardFault, NMI, and any interrupt without a handler. The
  // exception frame (r0-r3, r12, lr, pc, xpsr) is on the main stack; the code is the exception
  // number (IPSR).
  const a = createAssembler();
  a.mrs(1, "ipsr");
  a.mov(3, 13);
  a.ldr(2, 3, { imm: 24 });        // stacked pc
  a.ldr(0, 3, { imm: 20 });        // stacked lr
  a.mov(14, 0);                     // report it as lr
  a.adds(3, 3, { imm: 32 });        // sp before the exception
  a.ldrConst(0, { symbol: "__rt_str_hardfault" });
  tailCall(a, "__rt_crash", 7);
  return chunk("__rt_fault", a);
}

/** The fault handler of a program that nothing but a hardware fault can stop
 *  (PortRuntimeOptions.onlyHardwareFaults): the report's heading, the exception number, the pc
 *  and lr, kept in the crash record as __rt_crash keeps them (sp too, no frames), then exit(1).
 *  About a hundred bytes less than __rt_fault and __rt_crash with its scan of the stack. */
function shortFaultChunk(o: PortRuntimeOptions): Chunk {
  const a = createAssembler();
  a.cpsid();
  a.mrs(4, "ipsr");                 // the code
  a.mov(3, 13);
  a.ldr(5, 3, { imm: 24 });        // stacked pc
  a.ldr(6, 3, { imm: 20 });        // stacked lr
  a.ldrConst(0, { symbol: "__rt_str_hardfault" });
  // Kept only where something reads it: the next boot's replay (CRASH_RESETS builds) or the
  // program (crash-record.ts).
  if (o.referenced?.has(CRASH_RECORD) || o.referenced?.has(REPLAY_KEPT_CRASH)) {
    a.mov(7, 3);
    a.adds(7, 7, { imm: 32 });      // sp before the exception
    a.ldrConst(3, { symbol: CRASH_RECORD });
    a.ldrConst(1, CRASH_RECORD_MAGIC);
    a.str(1, 3, { imm: 0 });
    a.str(0, 3, { imm: 4 });
    a.str(4, 3, { imm: 8 });
    a.str(5, 3, { imm: 12 });
    a.str(6, 3, { imm: 16 });
    a.str(7, 3, { imm: 20 });
    a.movs(1, 0);
    a.str(1, 3, { imm: 24 });      // no frames
  }
  a.bl("__rt_put_string");         // the heading, which ends in "code="
  a.mov(0, 4);
  a.bl("__rt_put_hex");
  a.ldrConst(0, { symbol: "__rt_str_pc_lr" });
  a.bl("__rt_put_string");         // " pc="
  a.mov(7, 0);                      // the address after it: " lr="
  a.mov(0, 5);
  a.bl("__rt_put_hex");
  a.mov(0, 7);
  a.bl("__rt_put_string");
  a.mov(0, 6);                      // lr names the caller of a function that faults before saving it
  a.bl("__rt_put_hex");
  endReport(a, o);
  return chunk("__rt_fault", a);
}

/** A crash report's end: the newline, then exit(1), which does not return. */
function endReport(a: ThumbAssembler, o: PortRuntimeOptions): void {
  a.ldrConst(0, { symbol: "__rt_str_newline" });
  a.bl("__rt_put_string");
  a.movs(0, 3);                     // exit(1): tagged 1
  a.bl(o.exit);
  const hang = a.newLabel();
  a.bind(hang);
  a.b(hang);
}

function crashChunk(o: PortRuntimeOptions): Chunk {
  // r0 = heading string, r1 = code, r2 = pc, r3 = sp; lr = lr to report.
  // Prints: <heading><code> pc=<pc> lr=<lr> sp=<sp> frames=<return addresses on the stack>
  // then exits with status 1. Never returns; uses r4-r7 freely.
  const a = createAssembler();
  const { flash } = o.board.chip;
  a.cpsid();
  // The report continues on the faulting stack, below where it was. The four fields go in a
  // table there, printed by one loop over the labels, which follow one another in
  // __rt_str_fields (put_string returns the address after a label's NUL).
  a.mov(5, 2);   // pc
  a.mov(6, 14);  // lr
  a.mov(7, 3);   // sp
  a.push([1, 5, 6, 7]);            // [sp] = code, pc, lr, sp
  // The report is also kept in RAM that survives a reset (CRASH_RECORD), for the next boot.
  a.ldrConst(4, { symbol: CRASH_RECORD });
  a.ldrConst(5, CRASH_RECORD_MAGIC);
  a.str(5, 4, { imm: 0 });
  a.str(0, 4, { imm: 4 });         // the heading: which kind of crash, in this image
  for (let i = 0; i < 4; i++) {
    a.ldr(5, 13, { imm: 4 * i });
    a.str(5, 4, { imm: 8 + 4 * i });
  }
  a.movs(5, 0);
  a.str(5, 4, { imm: 24 });        // no frames yet
  a.bl("__rt_put_string");         // the heading, which ends in "code="
  a.ldrConst(4, { symbol: "__rt_str_fields" });
  a.movs(5, 0);
  const field = a.newLabel();
  a.bind(field);
  a.mov(1, 13);
  a.ldr(0, 1, 5);
  a.bl("__rt_put_hex");
  a.mov(0, 4);
  a.bl("__rt_put_string");         // " pc=", " lr=", " sp=", " frames="
  a.mov(4, 0);
  a.adds(5, 5, { imm: 4 });
  a.cmp(5, { imm: 16 });
  a.bcond("ne", field);
  a.mov(6, 7);                     // the scan below walks r6 from the reported sp
  a.ldrConst(7, { symbol: CRASH_RECORD });
  // Frames: every word between sp and the stack top that looks like a Thumb return address
  // into flash. The host keeps those that follow a BL (sdk/cli/crash.ts).
  const loop = a.newLabel(), next = a.newLabel(), done = a.newLabel();
  a.movs(5, 0); // frames printed
  a.bind(loop);
  a.ldrConst(0, { symbol: "__stack_top" });
  a.cmp(6, 0);
  a.bcond("cs", done);
  a.ldm(6, [4]); // r4 = word, r6 += 4
  a.lsrs(0, 4, 1);
  a.bcond("cc", next);          // even: not a Thumb code address
  a.ldrConst(0, flash.origin);
  a.cmp(4, 0);
  a.bcond("cc", next);
  a.ldrConst(0, flash.origin + flash.length);
  a.cmp(4, 0);
  a.bcond("cs", next);
  a.cmp(5, { imm: 0 });
  const first = a.newLabel();
  a.bcond("eq", first);
  a.ldrConst(0, { symbol: "__rt_str_comma" }); a.bl("__rt_put_string");
  a.bind(first);
  a.mov(0, 4); a.bl("__rt_put_hex");
  a.lsls(0, 5, 2);
  a.adds(0, 0, 7);
  a.str(4, 0, { imm: 28 });        // frame r5 of the kept record
  a.adds(5, 5, { imm: 1 });
  a.str(5, 7, { imm: 24 });
  a.cmp(5, { imm: 32 });
  a.bcond("cs", done);
  a.bind(next);
  a.b(loop);
  a.bind(done);
  endReport(a, o);
  return chunk("__rt_crash", a);
}

function putHexChunk(o: PortRuntimeOptions): Chunk {
  // r0 = word: prints 0x and eight hex digits through the console driver.
  const a = createAssembler();
  a.push([4, 5, 14]);
  a.mov(4, 0);
  a.movs(0, 0x30 * 2 + 1); a.bl(o.consoleWrite); // '0'
  a.movs(0, 0x78 * 2 + 1); a.bl(o.consoleWrite); // 'x'
  a.movs(5, 8);
  const loop = a.newLabel(), digit = a.newLabel();
  a.bind(loop);
  a.lsrs(0, 4, 28);
  a.cmp(0, { imm: 10 });
  a.bcond("cc", digit);
  a.adds(0, 0, { imm: 0x61 - 0x30 - 10 });
  a.bind(digit);
  a.adds(0, 0, { imm: 0x30 });
  a.lsls(0, 0, 1);
  a.adds(0, 0, { imm: 1 });
  a.bl(o.consoleWrite);
  a.lsls(4, 4, 4);
  a.subs(5, 5, { imm: 1 });
  a.bcond("ne", loop);
  a.pop([4, 5, 15]);
  return chunk("__rt_put_hex", a);
}

function putStringChunk(o: PortRuntimeOptions): Chunk {
  // r0 = NUL-terminated bytes.
  const a = createAssembler();
  a.push([4, 14]);
  a.mov(4, 0);
  const loop = a.newLabel(), done = a.newLabel();
  a.bind(loop);
  a.ldrb(0, 4, { imm: 0 });
  a.cmp(0, { imm: 0 });
  a.bcond("eq", done);
  a.lsls(0, 0, 1);
  a.adds(0, 0, { imm: 1 });
  a.bl(o.consoleWrite);
  a.adds(4, 4, { imm: 1 });
  a.b(loop);
  a.bind(done);
  a.adds(0, 4, { imm: 1 });        // the address after the NUL, for tables of strings
  a.pop([4, 15]);
  return chunk("__rt_put_string", a);
}


/**
 * JS number semantics beyond the inline small-integer fast paths. Arguments and results are
 * JS values: small integers, or boxed numbers (IEEE doubles) holding other int32 values.
 * A result that needs a double this language step does not have (a fraction, -0, NaN,
 * ±Infinity, or an integer outside int32) stops the program at the caller's site.
 */
function arithmeticChunks(o: PortRuntimeOptions): Chunk[] {
  const chunks: Chunk[] = [];
  const SAVED_LR = 16; // after push {r4-r7, lr}

  // Panics from a helper name the caller's BL: lr was saved at entry (push {r4-r7, lr}).
  const fail = (a: ThumbAssembler, code: number) => {
    a.ldr(1, 13, { imm: SAVED_LR });
    a.movs(0, 1);
    a.bics(1, 0);
    a.subs(1, 1, { imm: 4 });
    a.movs(0, code);
    tailCall(a, "__rt_panic", 3);
  };

  // __rt_unbox: r0 = value -> r0 = int32, r1 = 0; or r1 = panic code. Clobbers r0-r3.
  {
    const a = createAssembler();
    const notSmall = a.newLabel(), notNumber = a.newLabel(), notInteger = a.newLabel();
    a.lsrs(1, 0, 1);
    a.bcond("cc", notSmall);
    a.asrs(0, 0, 1);
    a.movs(1, 0);
    a.bx(14);
    a.bind(notSmall);
    a.lsls(1, 0, 30);
    a.bcond("ne", notNumber);
    a.cmp(0, { imm: TRUE_WORD });
    a.bcond("ls", notNumber);
    a.ldr(1, 0, { imm: 0 });
    a.ldr(1, 1, { imm: 0 });
    a.cmp(1, { imm: KIND_NUMBER });
    a.bcond("ne", notNumber);
    a.ldr(1, 0, { imm: NUMBER_HIGH });
    a.ldr(0, 0, { imm: NUMBER_LOW });
    // p = unbiased exponent; the value is an integer in int32 when 0 <= p <= 31 and no
    // fraction bit below 2^0 is set.
    a.lsls(2, 1, 1);
    a.lsrs(2, 2, 21);
    a.ldrConst(3, 1023);
    a.subs(2, 2, 3);
    a.bcond("mi", notInteger);
    a.cmp(2, { imm: 31 });
    a.bcond("gt", notInteger);
    // Fraction bits below the top 32 (the low 20 bits of the low word) must be zero.
    a.lsls(3, 0, 12);
    a.bcond("ne", notInteger);
    // t = top 32 fraction bits; n = 1.t as a 32-bit fixed point number with the point at 31.
    a.lsrs(0, 0, 20);
    a.lsls(3, 1, 12);
    a.orrs(3, 0);
    // Bits of t that would be shifted out below 2^0 must be zero: t << (p) == 0 ... (t << p)
    // keeps the bits below the point.
    a.mov(0, 3);
    a.lslsReg(0, 2);
    a.cmp(0, { imm: 0 });
    a.bcond("ne", notInteger);
    a.lsrs(3, 3, 1);
    a.movs(0, 1);
    a.lsls(0, 0, 31);
    a.orrs(3, 0);           // n
    a.movs(0, 31);
    a.subs(0, 0, 2);        // 31 - p
    a.lsrsReg(3, 0);        // magnitude
    // Sign, and the int32 range: magnitude 2^31 only as -2^31.
    const positive = a.newLabel(), done = a.newLabel();
    a.cmp(1, { imm: 0 });
    a.bcond("ge", positive);
    a.rsbs(0, 3);
    a.bcond("vs", done);    // -2^31: rsbs of 0x80000000 sets V; the value is right
    a.cmp(0, { imm: 0 });
    a.bcond("gt", notInteger);
    a.b(done);
    a.bind(positive);
    a.mov(0, 3);
    a.cmp(0, { imm: 0 });
    a.bcond("lt", notInteger);
    a.bind(done);
    a.movs(1, 0);
    a.bx(14);
    a.bind(notNumber);
    a.movs(1, Panic.PANIC_NOT_A_NUMBER);
    a.bx(14);
    a.bind(notInteger);
    a.movs(1, Panic.PANIC_NOT_INTEGER);
    a.bx(14);
    chunks.push(chunk("__rt_unbox", a));
  }

  // __rt_box: r0 = int32 -> r0 = value (a small integer, or a new boxed double).
  {
    const a = createAssembler();
    const big = a.newLabel();
    a.adds(1, 0, 0);
    a.bcond("vs", big);
    a.adds(0, 1, { imm: 1 });
    a.bx(14);
    a.bind(big);
    a.push([4, 5, 14]);
    a.mov(4, 0);
    a.movs(0, NUMBER_SIZE * 2 + 1);
    a.bl(o.alloc);
    a.asrs(5, 0, 1);                  // address
    a.ldrConst(0, { symbol: DESCRIPTOR_NUMBER });
    a.str(0, 5, { imm: 0 });
    // Sign and magnitude; the magnitude is at least 2^30 here, so p is 30 or 31.
    a.movs(3, 0);
    const positive = a.newLabel();
    a.cmp(4, { imm: 0 });
    a.bcond("ge", positive);
    a.rsbs(4, 4);
    a.movs(3, 1);
    a.bind(positive);
    a.movs(2, 31);
    const normalized = a.newLabel(), shift = a.newLabel();
    a.bind(shift);
    a.cmp(4, { imm: 0 });
    a.bcond("lt", normalized);        // bit 31 set (unsigned magnitude)
    a.lsls(4, 4, 1);
    a.subs(2, 2, { imm: 1 });
    a.b(shift);
    a.bind(normalized);
    a.lsls(4, 4, 1);                  // drop the implicit 1
    a.lsrs(0, 4, 12);                 // high 20 fraction bits
    a.lsls(4, 4, 20);                 // low word
    a.ldrConst(1, 1023);
    a.adds(1, 1, 2);
    a.lsls(1, 1, 20);
    a.orrs(0, 1);
    a.lsls(3, 3, 31);
    a.orrs(0, 3);
    a.str(4, 5, { imm: NUMBER_LOW });
    a.str(0, 5, { imm: NUMBER_HIGH });
    a.mov(0, 5);
    a.pop([4, 5, 15]);
    chunks.push(chunk("__rt_box", a));
  }

  // Unboxes r0 into r4 and r1 into r5 (after push {r4-r7, lr}), or panics at the caller.
  const unboxOperands = (a: ThumbAssembler, count: 1 | 2) => {
    const bad = a.newLabel(), ok = a.newLabel();
    a.mov(5, 1);
    a.bl("__rt_unbox");
    a.cmp(1, { imm: 0 });
    a.bcond("ne", bad);
    a.mov(4, 0);
    if (count === 2) {
      a.mov(0, 5);
      a.bl("__rt_unbox");
      a.cmp(1, { imm: 0 });
      a.bcond("ne", bad);
      a.mov(5, 0);
    }
    a.b(ok);
    a.bind(bad);
    // r1 = the code: make it the panic's code.
    a.ldr(2, 13, { imm: SAVED_LR });
    a.movs(0, 1);
    a.bics(2, 0);
    a.subs(2, 2, { imm: 4 });
    a.mov(0, 1);
    a.mov(1, 2);
    tailCall(a, "__rt_panic", 3);
    a.bind(ok);
  };
  // r0 = int32 result: box it and return.
  const boxAndReturn = (a: ThumbAssembler) => {
    a.bl("__rt_box");
    a.pop([4, 5, 6, 7, 15]);
  };

  // __rt_num_binop: r0 = a, r1 = b, r2 = NUM_OP code.
  {
    const a = createAssembler();
    a.push([4, 5, 6, 7, 14]);
    a.mov(6, 2);
    unboxOperands(a, 2);
    const outside = a.newLabel(), negZero = a.newLabel();
    const cases: Array<[number, (a: ThumbAssembler) => void]> = [
      [NUM_OP.add, (a) => { a.adds(0, 4, 5); a.bcond("vs", outside); }],
      [NUM_OP.sub, (a) => { a.subs(0, 4, 5); a.bcond("vs", outside); }],
      [NUM_OP.and, (a) => { a.mov(0, 4); a.ands(0, 5); }],
      [NUM_OP.or, (a) => { a.mov(0, 4); a.orrs(0, 5); }],
      [NUM_OP.xor, (a) => { a.mov(0, 4); a.eors(0, 5); }],
      [NUM_OP.shl, (a) => { a.movs(1, 31); a.ands(5, 1); a.mov(0, 4); a.lslsReg(0, 5); }],
      [NUM_OP.sar, (a) => { a.movs(1, 31); a.ands(5, 1); a.mov(0, 4); a.asrsReg(0, 5); }],
      [NUM_OP.shr, (a) => {
        a.movs(1, 31); a.ands(5, 1); a.mov(0, 4); a.lsrsReg(0, 5);
        a.cmp(0, { imm: 0 }); a.bcond("lt", outside); // 2^31 or more: a double
      }],
      [NUM_OP.neg, (a) => {
        a.cmp(4, { imm: 0 }); a.bcond("eq", negZero);
        a.rsbs(0, 4); a.bcond("vs", outside);
      }],
      [NUM_OP.bitnot, (a) => { a.mvns(0, 4); }],
    ];
    for (const [code, body] of cases) {
      const next = a.newLabel();
      a.cmp(6, { imm: code });
      a.bcond("ne", next);
      body(a);
      boxAndReturn(a);
      a.bind(next);
    }
    a.udf(3);
    a.bind(outside);
    fail(a, Panic.PANIC_INT_OVERFLOW);
    a.bind(negZero);
    fail(a, Panic.PANIC_NOT_INTEGER);
    chunks.push(chunk("__rt_num_binop", a));
  }

  // __rt_imul: Math.imul(a, b), the low 32 bits of the product, which MULS computes.
  {
    const a = createAssembler();
    a.push([4, 5, 6, 7, 14]);
    unboxOperands(a, 2);
    a.mov(0, 4);
    a.muls(0, 5);
    boxAndReturn(a);
    chunks.push(chunk("__rt_imul", a));
  }

  // __rt_num_compare: r0 = a, r1 = b -> r0 = -1, 0 or 1 (raw) for a <, =, > b.
  {
    const a = createAssembler();
    a.push([4, 5, 6, 7, 14]);
    unboxOperands(a, 2);
    const less = a.newLabel(), greater = a.newLabel();
    a.movs(0, 0);
    a.cmp(4, 5);
    a.bcond("lt", less);
    a.bcond("gt", greater);
    a.pop([4, 5, 6, 7, 15]);
    a.bind(less);
    a.movs(0, 1);
    a.rsbs(0, 0);
    a.pop([4, 5, 6, 7, 15]);
    a.bind(greater);
    a.movs(0, 1);
    a.pop([4, 5, 6, 7, 15]);
    chunks.push(chunk("__rt_num_compare", a));
  }

  // Unsigned 32/32 division: r0 = n, r1 = d (nonzero) -> r0 = quotient, r1 = remainder.
  // Shift-subtract, one quotient bit per step (ARMv6-M has no divide instruction).
  {
    const a = createAssembler();
    a.push([4, 5, 14]);
    a.movs(2, 0);          // quotient
    a.movs(3, 0);          // remainder
    a.movs(4, 32);         // bits left
    const loop = a.newLabel(), skip = a.newLabel();
    a.bind(loop);
    a.lsls(0, 0, 1);       // next dividend bit into carry
    a.adcs(3, 3);          // remainder = remainder*2 + bit
    a.lsls(2, 2, 1);
    a.cmp(3, 1);
    a.bcond("cc", skip);
    a.subs(3, 3, 1);
    a.adds(2, 2, { imm: 1 });
    a.bind(skip);
    a.subs(4, 4, { imm: 1 });
    a.bcond("ne", loop);
    a.mov(0, 2);
    a.mov(1, 3);
    a.pop([4, 5, 15]);
    chunks.push(chunk("__rt_udivmod", a));
  }

  // Common prologue of *, /, (a/b)|0, %: r4 = |x|, r5 = |y| (unsigned; 2^31 for -2^31),
  // r6 = sign bits (bit0: x < 0, bit1: y < 0).
  const absOperands = (a: ThumbAssembler) => {
    a.push([4, 5, 6, 7, 14]);
    unboxOperands(a, 2);
    a.movs(6, 0);
    const xPos = a.newLabel(), yPos = a.newLabel();
    a.cmp(4, { imm: 0 });
    a.bcond("ge", xPos);
    a.rsbs(4, 4);
    a.movs(6, 1);
    a.bind(xPos);
    a.cmp(5, { imm: 0 });
    a.bcond("ge", yPos);
    a.rsbs(5, 5);
    a.adds(6, 6, { imm: 2 });
    a.bind(yPos);
  };
  // r0 = magnitude (unsigned); negative when `negative` says so: checks int32, boxes, returns.
  const finish = (a: ThumbAssembler, negative: "signs-differ" | "dividend") => {
    const overflow = a.newLabel(), keep = a.newLabel(), neg = a.newLabel();
    if (negative === "signs-differ") {
      a.movs(1, 3);
      a.ands(1, 6);
      a.cmp(1, { imm: 1 });
      a.bcond("eq", neg);
      a.cmp(1, { imm: 2 });
      a.bcond("eq", neg);
    } else {
      a.movs(1, 1);
      a.tst(6, 1);
      a.bcond("ne", neg);
    }
    // Positive: below 2^31.
    a.cmp(0, { imm: 0 });
    a.bcond("lt", overflow);
    a.b(keep);
    a.bind(neg);
    // Negative: a magnitude of 2^31 at most (-2^31).
    a.movs(1, 1);
    a.lsls(1, 1, 31);
    a.cmp(0, 1);
    a.bcond("hi", overflow);
    a.rsbs(0, 0);
    a.bind(keep);
    boxAndReturn(a);
    a.bind(overflow);
    fail(a, Panic.PANIC_INT_OVERFLOW);
  };

  // __rt_mul: x * y.
  {
    const a = createAssembler();
    absOperands(a);
    const zero = a.newLabel(), overflow = a.newLabel(), negZero = a.newLabel();
    // 64-bit product of the magnitudes from 16-bit halves; it must stay below 2^32 for the
    // checks in `finish` to decide.
    a.lsrs(0, 4, 16);      // xh
    a.lsrs(1, 5, 16);      // yh
    a.mov(2, 0);
    a.muls(2, 1);          // xh*yh: any bit set is >= 2^32
    a.cmp(2, { imm: 0 });
    a.bcond("ne", overflow);
    a.uxth(2, 4);          // xl
    a.uxth(3, 5);          // yl
    a.muls(0, 3);          // xh*yl (one of xh, yh is 0, so one of these two is 0)
    a.muls(1, 2);          // yh*xl
    a.adds(0, 0, 1);       // middle, < 2^32
    a.lsrs(1, 0, 16);      // middle << 16 must fit 32 bits
    a.bcond("ne", overflow);
    a.lsls(0, 0, 16);
    a.muls(2, 3);          // xl*yl (unsigned 32)
    a.adds(0, 0, 2);
    a.bcond("cs", overflow);
    a.cmp(0, { imm: 0 });
    a.bcond("eq", zero);
    finish(a, "signs-differ");
    a.bind(zero);
    // 0 with a negative operand is -0.
    a.cmp(6, { imm: 0 });
    a.bcond("ne", negZero);
    a.movs(0, 1);
    a.pop([4, 5, 6, 7, 15]);
    a.bind(negZero);
    fail(a, Panic.PANIC_NOT_INTEGER);
    a.bind(overflow);
    fail(a, Panic.PANIC_INT_OVERFLOW);
    chunks.push(chunk("__rt_mul", a));
  }

  // __rt_div: x / y, exact only.
  {
    const a = createAssembler();
    absOperands(a);
    const notInteger = a.newLabel();
    a.cmp(5, { imm: 0 });
    a.bcond("eq", notInteger);          // ±Infinity or NaN
    a.mov(0, 4);
    a.mov(1, 5);
    a.bl("__rt_udivmod");
    a.cmp(1, { imm: 0 });
    a.bcond("ne", notInteger);          // a fraction
    const nonzero = a.newLabel();
    a.cmp(0, { imm: 0 });
    a.bcond("ne", nonzero);
    a.movs(1, 2);
    a.tst(6, 1);                        // 0 / negative is -0
    a.bcond("ne", notInteger);
    a.bind(nonzero);
    finish(a, "signs-differ");
    a.bind(notInteger);
    fail(a, Panic.PANIC_NOT_INTEGER);
    chunks.push(chunk("__rt_div", a));
  }

  // __rt_idiv: (x / y) | 0 — truncating; division by zero gives 0 (Infinity | 0). The
  // quotient's magnitude can only exceed int32 for -2^31 / -1, which | 0 wraps to -2^31.
  {
    const a = createAssembler();
    absOperands(a);
    const byZero = a.newLabel(), wrap = a.newLabel();
    a.cmp(5, { imm: 0 });
    a.bcond("eq", byZero);
    a.mov(0, 4);
    a.mov(1, 5);
    a.bl("__rt_udivmod");
    a.cmp(0, { imm: 0 });
    a.bcond("lt", wrap);
    finish(a, "signs-differ");
    a.bind(wrap);
    boxAndReturn(a);
    a.bind(byZero);
    a.movs(0, 1);
    a.pop([4, 5, 6, 7, 15]);
    chunks.push(chunk("__rt_idiv", a));
  }

  // __rt_mod: x % y, the sign of x; NaN for y = 0 and -0 for a zero result with x < 0.
  {
    const a = createAssembler();
    absOperands(a);
    const notInteger = a.newLabel();
    a.cmp(5, { imm: 0 });
    a.bcond("eq", notInteger);
    a.mov(0, 4);
    a.mov(1, 5);
    a.bl("__rt_udivmod");
    a.mov(0, 1);
    const nonzero = a.newLabel();
    a.cmp(0, { imm: 0 });
    a.bcond("ne", nonzero);
    a.movs(1, 1);
    a.tst(6, 1);
    a.bcond("ne", notInteger);
    a.bind(nonzero);
    finish(a, "dividend");
    a.bind(notInteger);
    fail(a, Panic.PANIC_NOT_INTEGER);
    chunks.push(chunk("__rt_mod", a));
  }
  return chunks;
}

function exitChunks(o: PortRuntimeOptions): Chunk[] {
  const chunks: Chunk[] = [];
  {
    // port.collectGarbage(): the callee-saved registers go on the stack, where the collector's
    // conservative scan finds them, then heap.collectFrom(sp).
    const a = createAssembler();
    a.push([4, 5, 6, 7, 14]);
    a.mov(0, 13);
    a.lsls(0, 0, 1);
    a.adds(0, 0, { imm: 1 });
    a.bl(o.collect);
    a.pop([4, 5, 6, 7, 15]);
    chunks.push(chunk("port.collectGarbage", a));
  }
  {
    // port.fillWords(address, count, value): r0, r1 tagged numbers, r2 the value word.
    const a = createAssembler();
    a.asrs(0, 0, 1);
    a.asrs(1, 1, 1);
    const loop = a.newLabel(), done = a.newLabel();
    a.bind(loop);
    a.subs(1, 1, { imm: 1 });
    a.bcond("mi", done);
    a.stm(0, [2]);
    a.b(loop);
    a.bind(done);
    a.bx(14);
    chunks.push(chunk("port.fillWords", a));
  }
  chunks.push(...libOsChunks(o.board), fieldMultiplyChunk(), ...sha256CompressChunks(), ...sha512CompressChunks(), ...stackCaptureChunks());
  {
    // port.zeroBytes(address, count): tagged numbers. Bytes up to a word boundary, then two
    // words a step (STM, three instructions for 8 bytes), then the last bytes from the end.
    const a = createAssembler();
    a.asrs(0, 0, 1);
    a.asrs(1, 1, 1);
    a.movs(2, 0);
    const align = a.newLabel(), aligned = a.newLabel(), words = a.newLabel(), tail = a.newLabel();
    const bytes = a.newLabel(), done = a.newLabel();
    a.bind(align);
    a.lsls(3, 0, 30);
    a.bcond("eq", aligned);
    a.subs(1, 1, { imm: 1 });
    a.bcond("mi", done);
    a.strb(2, 0, { imm: 0 });
    a.adds(0, 0, { imm: 1 });
    a.b(align);
    a.bind(aligned);
    a.movs(3, 0);
    a.subs(1, 1, { imm: 8 });
    a.bcond("cc", tail);
    a.bind(words);
    a.stm(0, [2, 3]);
    a.subs(1, 1, { imm: 8 });
    a.bcond("cs", words);
    a.bind(tail);
    a.adds(1, 1, { imm: 8 });
    a.bind(bytes);
    a.subs(1, 1, { imm: 1 });
    a.bcond("mi", done);
    a.strb(2, 0, 1);
    a.b(bytes);
    a.bind(done);
    a.bx(14);
    chunks.push(chunk("port.zeroBytes", a));
  }
  // port.copyWords(to, from, count): upwards, a word at a time (LDM/STM step the pointers).
  chunks.push(copyLoop("port.copyWords", (a) => {
    a.ldm(1, [3]);
    a.stm(0, [3]);
  }));
  // port.copyBytes(to, from, count): from the last byte down (the ranges do not overlap),
  // four instructions and a branch a byte.
  chunks.push(copyLoop("port.copyBytes", (a) => {
    a.ldrb(3, 1, 2);
    a.strb(3, 0, 2);
  }));
  {
    // Interrupts off, sleep; a wake-up (debugger, NMI) sleeps again.
    const a = createAssembler();
    a.cpsid();
    const loop = a.newLabel();
    a.bind(loop);
    a.wfi();
    a.b(loop);
    chunks.push(chunk(PORT_SYMBOLS.sleepForever, a));
  }
  {
    const a = createAssembler();
    if (o.forSimulator) {
      // r0 = tagged code. Parameter block {ADP_Stopped_ApplicationExit, code} on the stack.
      a.asrs(0, 0, 1);
      a.ldrConst(1, ADP_STOPPED_APPLICATION_EXIT);
      a.push([0, 1]);        // [sp] = reason (r1 pushed at the higher address? see below)
      // PUSH stores the lowest register at the lowest address: [sp] = r0 = code, [sp+4] = r1.
      // The block wants the reason first, so swap through r2.
      a.ldr(2, 13, { imm: 0 });
      a.str(1, 13, { imm: 0 });
      a.str(2, 13, { imm: 4 });
      a.mov(1, 13);
      a.movs(0, SYS_EXIT_EXTENDED);
      a.bkpt(SEMIHOSTING_BKPT);
    }
    a.udf(1);
    chunks.push(chunk(PORT_SYMBOLS.simulatorExitSemihosting, a));
  }
  {
    const a = createAssembler();
    if (o.forSimulator) {
      a.asrs(0, 0, 1);
      a.bkpt(0);
    }
    a.udf(2);
    chunks.push(chunk(PORT_SYMBOLS.simulatorExitBkpt, a));
  }
  return chunks;
}
