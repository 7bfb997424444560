// The ARMv7-M port's hand-written runtime: the ARMv6-M one (ports/armv6m/rt, which runs
// unchanged on M3/M4), with the routines where a Thumb-2 instruction is a clear win replaced.

import { createThumb2Assembler } from "../../../sdk/compiler/asm/thumb2.ts";
import type { Chunk } from "../../../sdk/compiler/link/types.ts";
import type { PortRuntimeOptions } from "../../../sdk/compiler/port.ts";
import type { Label } from "../../../sdk/compiler/asm/types.ts";
import type { Thumb2Assembler } from "../../../sdk/compiler/asm/thumb2.ts";
import { PORT_ARITHMETIC } from "../../../sdk/compiler/port.ts";
import { PORT_SYMBOLS, chunk, portRuntime, tailCall } from "../../armv6m/rt/runtime.ts";
import { SOFT_FLOAT } from "../../armv6m/rt/softfloat.ts";
import { GENERIC_MULTIPLY, doubleMultiply } from "./double-multiply.ts";
import { PANIC_HERE } from "../../armv6m/codegen/codegen.ts";
import { PANIC_STACK_OVERFLOW } from "../../../sdk/lib/rt/panic-codes.ts";

/** Unsigned 32/32 division: r0 = n, r1 = d (nonzero) -> r0 = quotient, r1 = remainder, as the
 *  ARMv6-M routine of the same name, whose shift-subtract loop runs 32 steps (about 300
 *  instructions) where UDIV and MLS take two. */
export const UNSIGNED_DIVIDE = "__rt_udivmod";

function unsignedDivide(): Chunk {
  const a = createThumb2Assembler();
  a.udiv(2, 0, 1);
  a.mls(1, 2, 1, 0);
  a.mov(0, 2);
  a.bx(14);
  return { ...chunk(UNSIGNED_DIVIDE, a), module: "rt:armv7m" };
}

/** r0 * r1 -> r1:r0 unsigned (the soft-float multiply's exact path, ports/armv6m/rt/softfloat.ts,
 *  forms its 128-bit product from four): one UMULL for ARMv6-M's four 16-bit MULS. */
export const MULTIPLY_WIDE = "__rt_umul64";

function multiplyWide(): Chunk {
  const a = createThumb2Assembler();
  a.umull(0, 1, 0, 1);
  a.bx(14);
  return { ...chunk(MULTIPLY_WIDE, a), module: "rt:armv7m" };
}

/** port.collectGarbage(): as ARMv6-M's, with r8-r11, where the code generator keeps values
 *  too: every callee-saved register goes on the stack for the collector's conservative scan,
 *  then heap.collectFrom(sp) (a tagged address). */
export const COLLECT_GARBAGE = "port.collectGarbage";

function collectGarbage(collect: string): Chunk {
  const a = createThumb2Assembler();
  a.pushW([4, 5, 6, 7, 8, 9, 10, 11, 14]);
  a.mov(0, 13);
  a.lsls(0, 0, 1);
  a.adds(0, 0, { imm: 1 });
  a.bl(collect);
  a.popW([4, 5, 6, 7, 8, 9, 10, 11, 15]);
  return { ...chunk(COLLECT_GARBAGE, a), module: "rt:armv7m" };
}

// x * y, x / y, (x / y) | 0 and x % y on two small integers, with SMULL and SDIV: a fast path
// in front of the ARMv6-M routine of the same name (renamed with GENERIC_SUFFIX), which still
// does everything else (a boxed operand, a zero divisor, -0, a fraction, a result outside 31
// bits: an error or a double as the program's number model says). The fast path leaves r0,
// r1 and LR as they came, so the routine behind it runs as if called directly.
const GENERIC_SUFFIX = "_generic";

/** Branches to `generic` unless r0 and r1 are both small integers (bit 0 set). */
function bothSmall(a: Thumb2Assembler, generic: Label): void {
  a.lsls(2, 0, 31);
  a.bcond("eq", generic);
  a.lsls(2, 1, 31);
  a.bcond("eq", generic);
}

/** r2 = x, r3 = y (raw), or to `generic` for y = 0 (NaN, ±Infinity, or 0 for | 0). */
function divideOperands(a: Thumb2Assembler, generic: Label): void {
  a.asrs(3, 1, 1);
  a.bcond("eq", generic);
  a.asrs(2, 0, 1);
}

/** To `generic` when `sign` is negative and `result` is 0: JavaScript's -0. */
function unlessNegativeZero(a: Thumb2Assembler, sign: number, result: number, generic: Label): void {
  a.cmp(sign, { imm: 0 });
  a.it("lt", "t");
  a.cmpW(result, 0);
  a.bcond("eq", generic);
}

function fastArithmetic(name: string, body: (a: Thumb2Assembler, generic: Label) => void): Chunk {
  const a = createThumb2Assembler();
  const generic = a.newLabel();
  bothSmall(a, generic);
  body(a, generic);
  a.bind(generic);
  tailCall(a, name + GENERIC_SUFFIX, 3);
  return { ...chunk(name, a), module: "rt:armv7m" };
}

function fastRoutines(): Chunk[] {
  return [
    fastArithmetic(PORT_ARITHMETIC.mul, (a, generic) => {
      a.asrs(2, 0, 1);               // x
      a.subs(3, 1, { imm: 1 });      // 2y
      a.smull(2, 3, 2, 3);           // 2xy: a small integer's payload when it fits 32 bits
      a.cmpShifted(3, 2, "asr", 31);
      a.bcond("ne", generic);
      a.cbz(2, generic);             // 0 may be -0
      a.adds(0, 2, { imm: 1 });
      a.bx(14);
    }),
    fastArithmetic(PORT_ARITHMETIC.idiv, (a, generic) => {
      divideOperands(a, generic);
      a.sdiv(2, 2, 3);
      a.adds(2, 2, 2);
      a.bcond("vs", generic);        // -2^30 / -1
      a.adds(0, 2, { imm: 1 });
      a.bx(14);
    }),
    fastArithmetic(PORT_ARITHMETIC.mod, (a, generic) => {
      divideOperands(a, generic);
      a.sdiv(12, 2, 3);
      a.mls(3, 12, 3, 2);            // the remainder, with the dividend's sign
      unlessNegativeZero(a, 2, 3, generic); // 0 from a negative dividend is -0
      a.adds(3, 3, 3);
      a.adds(0, 3, { imm: 1 });
      a.bx(14);
    }),
    fastArithmetic(PORT_ARITHMETIC.div, (a, generic) => {
      divideOperands(a, generic);
      a.sdiv(12, 2, 3);
      a.mls(2, 12, 3, 2);
      a.cbnz(2, generic);            // a fraction
      unlessNegativeZero(a, 3, 12, generic); // 0 / negative is -0
      a.mov(2, 12);
      a.adds(2, 2, 2);
      a.bcond("vs", generic);        // -2^30 / -1
      a.adds(0, 2, { imm: 1 });
      a.bx(14);
    }),
  ];
}

const FAST = new Set<string>(Object.values(PORT_ARITHMETIC));

/** The register that holds __stack_limit from reset on, in a program that checks the stack:
 *  a recursive function's check is CMP SP, r11 and a branch, where a literal load of the limit
 *  made it three instructions (codegen.ts). Every routine keeps it, as the AAPCS keeps r11 for
 *  its caller, and the code generator never allocates it. */
export const STACK_LIMIT_REGISTER = 11;
/** Where a failed stack check branches to (its BL names the site): the stack-overflow panic.
 *  A program whose code references it gets the reset that sets r11; others keep the ARMv6-M
 *  reset as it is. */
export const STACK_OVERFLOW = "__rt_stack_overflow";
/** The ARMv6-M reset routine, which the ARMv7-M reset runs after setting r11. */
const RESET_V6M = `${PORT_SYMBOLS.reset}_v6m`;

function reset(): Chunk {
  const a = createThumb2Assembler();
  a.ldrConst(0, { symbol: "__stack_limit", addend: 0 });
  a.mov(STACK_LIMIT_REGISTER, 0);
  // The ARMv6-M reset never returns: a BL reaches it in four bytes without a literal.
  a.bl(RESET_V6M);
  return { ...chunk(PORT_SYMBOLS.reset, a), module: "rt:armv7m" };
}

/** r0 = the panic code, LR still the site's return address, as __rt_panic_here wants it. */
function stackOverflow(): Chunk {
  const a = createThumb2Assembler();
  a.movs(0, PANIC_STACK_OVERFLOW);
  tailCall(a, PANIC_HERE, 3);
  return { ...chunk(STACK_OVERFLOW, a), module: "rt:armv7m" };
}

export function armv7mRuntime(options: PortRuntimeOptions): Chunk[] {
  const checksStack = options.referenced?.has(STACK_OVERFLOW) ?? false;
  const chunks = portRuntime(options).map((c) => {
    if (c.name === UNSIGNED_DIVIDE) return unsignedDivide();
    if (c.name === MULTIPLY_WIDE) return multiplyWide();
    if (c.name === COLLECT_GARBAGE) return collectGarbage(options.collect);
    if (c.name === PORT_SYMBOLS.reset && checksStack) return { ...c, name: RESET_V6M };
    if (FAST.has(c.name)) return { ...c, name: c.name + GENERIC_SUFFIX };
    if (c.name === SOFT_FLOAT.mul) return { ...c, name: GENERIC_MULTIPLY };
    return c;
  });
  const multiply = chunks.some((c) => c.name === GENERIC_MULTIPLY) ? [doubleMultiply()] : [];
  const stack = checksStack ? [reset(), stackOverflow()] : [];
  return [...chunks, ...stack, ...fastRoutines(), ...multiply];
}
