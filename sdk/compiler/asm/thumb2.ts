// The Thumb-2 assembler for ARMv7-M (Cortex-M3/M4): everything the ARMv6-M assembler does
// (thumb.ts: labels, literal pools, branch relaxation) plus the 32-bit encodings a code
// generator for M3/M4 uses. Methods are named after their UAL mnemonics with `W` where the
// instruction is the wide form of one ARMv6-M already has under that name.
//
// IT blocks: `it(cond, pattern)` opens one; the next pattern.length instructions are its
// conditional instructions, and no literal pool island is placed among them (which would
// split the block). Inside an IT block 16-bit flag-setting encodings (MOVS, ADDS …) do not
// set the flags (A7.3.3), so an IT body may use them as their conditional non-flag forms.

import { Assembler, anyRegister, fail, formatValue, registerExcept, scaledImmediate } from "./thumb.ts";
import { CONDITION_CODES } from "./thumb-encoding.ts";
import {
  LOAD_STORE_IMM12, MODIFIED_IMMEDIATE_OP, PLAIN_IMMEDIATE, dataProcessingModified, divide, ifThen, loadStoreImm12,
  longMultiply, modifiedImmediate, multiply, multiplySubtract, plainImmediate12, plainImmediate16, pushPopWide,
  SHIFT_TYPE, compareShifted, dataProcessingRegister,
} from "./thumb2-encoding.ts";
import type { Cond, Label, Reg, ThumbAssembler } from "./types.ts";
import { LR, PC, SP } from "./types.ts";

const IMM12_MAX = 4095;
const IMM16_MAX = 0xffff;
/** r0-r12 and LR: what a wide PUSH may hold (never SP or PC); POP may hold PC instead of LR. */
const PUSH_ALLOWED = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, LR];
const POP_ALLOWED = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, PC];

export type Thumb2LoadStore = keyof typeof LOAD_STORE_IMM12;
export type Thumb2ModifiedOp = "add" | "sub" | "and" | "orr" | "eor" | "bic";

export interface Thumb2Assembler extends ThumbAssembler {
  /** MOVW rd, #imm16 (r0-r12). */
  movw(rd: Reg, imm16: number): void;
  /** MOVT rd, #imm16: the top half, the bottom kept. */
  movt(rd: Reg, imm16: number): void;
  /** MOV.W rd, #value / MVN.W rd, #~value where one is a modified immediate; false if neither. */
  movModified(rd: Reg, value: number): boolean;
  /** op{S}.W rd, rn, #value with a modified immediate (A7.3.2); false if `value` is not one. */
  modified(op: Thumb2ModifiedOp, setFlags: boolean, rd: Reg, rn: Reg, value: number): boolean;
  /** AND.W rd, rn, rm (three registers, no flags). */
  andW(rd: Reg, rn: Reg, rm: Reg): void;
  /** CMP.W rn, #value / CMN.W rn, #-value with a modified immediate; false if neither fits. */
  cmpW(rn: Reg, value: number): boolean;
  /** CMP.W rn, rm, <shift> #amount (LSL 0..31, LSR/ASR 1..32). */
  cmpShifted(rn: Reg, rm: Reg, shift: keyof typeof SHIFT_TYPE, amount: number): void;
  /** ADDW / SUBW rd, rn, #imm12 (no flags; rn may be SP). */
  addw(rd: Reg, rn: Reg, imm12: number): void;
  subw(rd: Reg, rn: Reg, imm12: number): void;
  /** LDR.W/STR.W … rt, [rn, #imm12] (any of r0-r12; rn may be SP). */
  loadStoreW(op: Thumb2LoadStore, rt: Reg, rn: Reg, imm12: number): void;
  /** MUL rd, rn, rm (no flags, any of r0-r12). */
  mul(rd: Reg, rn: Reg, rm: Reg): void;
  /** MLS rd, rn, rm, ra: rd = ra - rn * rm. */
  mls(rd: Reg, rn: Reg, rm: Reg, ra: Reg): void;
  sdiv(rd: Reg, rn: Reg, rm: Reg): void;
  udiv(rd: Reg, rn: Reg, rm: Reg): void;
  smull(rdLo: Reg, rdHi: Reg, rn: Reg, rm: Reg): void;
  umull(rdLo: Reg, rdHi: Reg, rn: Reg, rm: Reg): void;
  /** IT{x{y{z}}} cond: pattern "t", "tt", "te", "ttt", … */
  it(cond: Cond, pattern: string): void;
  cbz(rn: Reg, label: Label): void;
  cbnz(rn: Reg, label: Label): void;
  /** PUSH.W / POP.W with any of r0-r12 and LR (PC for POP). */
  pushW(regs: Reg[]): void;
  popW(regs: Reg[]): void;
}

/** A general-purpose register of a 32-bit data-processing instruction: SP and PC are
 *  UNPREDICTABLE there (A5.3, "BadReg"). */
function generalRegister(mnemonic: string, operand: string, reg: Reg): number {
  return registerExcept(mnemonic, operand, reg, [SP, PC]);
}

export class Thumb2AssemblerImpl extends Assembler implements Thumb2Assembler {
  movw(rd: Reg, imm16: number): void {
    this.emit(...plainImmediate16(PLAIN_IMMEDIATE.movw, generalRegister("movw", "rd", rd), scaledImmediate("movw", "immediate", imm16, 0, IMM16_MAX)));
  }

  movt(rd: Reg, imm16: number): void {
    this.emit(...plainImmediate16(PLAIN_IMMEDIATE.movt, generalRegister("movt", "rd", rd), scaledImmediate("movt", "immediate", imm16, 0, IMM16_MAX)));
  }

  movModified(rd: Reg, value: number): boolean {
    const d = generalRegister("mov.w", "rd", rd);
    const direct = modifiedImmediate(value);
    if (direct !== undefined) { this.emit(...dataProcessingModified(MODIFIED_IMMEDIATE_OP.orr, false, PC, d, direct)); return true; }
    const inverted = modifiedImmediate(~value >>> 0);
    if (inverted !== undefined) { this.emit(...dataProcessingModified(MODIFIED_IMMEDIATE_OP.orn, false, PC, d, inverted)); return true; }
    return false;
  }

  modified(op: Thumb2ModifiedOp, setFlags: boolean, rd: Reg, rn: Reg, value: number): boolean {
    const d = generalRegister(op, "rd", rd);
    const n = generalRegister(op, "rn", rn);
    const imm12 = modifiedImmediate(value);
    if (imm12 === undefined) return false;
    this.emit(...dataProcessingModified(MODIFIED_IMMEDIATE_OP[op], setFlags, n, d, imm12));
    return true;
  }

  andW(rd: Reg, rn: Reg, rm: Reg): void {
    this.emit(...dataProcessingRegister(MODIFIED_IMMEDIATE_OP.and, false,
      generalRegister("and.w", "rn", rn), generalRegister("and.w", "rd", rd), generalRegister("and.w", "rm", rm)));
  }

  cmpW(rn: Reg, value: number): boolean {
    const n = generalRegister("cmp.w", "rn", rn);
    const direct = modifiedImmediate(value);
    if (direct !== undefined) { this.emit(...dataProcessingModified(MODIFIED_IMMEDIATE_OP.sub, true, n, PC, direct)); return true; }
    const negated = modifiedImmediate(-value >>> 0);
    if (negated !== undefined) { this.emit(...dataProcessingModified(MODIFIED_IMMEDIATE_OP.add, true, n, PC, negated)); return true; }
    return false;
  }

  cmpShifted(rn: Reg, rm: Reg, shift: keyof typeof SHIFT_TYPE, amount: number): void {
    const n = registerExcept("cmp.w", "rn", rn, [PC]);
    const m = generalRegister("cmp.w", "rm", rm);
    if (!Object.hasOwn(SHIFT_TYPE, shift)) fail("cmp.w", `shift must be lsl, lsr or asr, got ${formatValue(shift)}`);
    const amountChecked = shift === "lsl" ? scaledImmediate("cmp.w", "shift", amount, 0, 31) : scaledImmediate("cmp.w", "shift", amount, 1, 32);
    this.emit(...compareShifted(n, m, SHIFT_TYPE[shift], amountChecked));
  }

  addw(rd: Reg, rn: Reg, imm12: number): void {
    const d = generalRegister("addw", "rd", rd);
    const n = registerExcept("addw", "rn", rn, [PC]);
    this.emit(...plainImmediate12(PLAIN_IMMEDIATE.addw, n, d, scaledImmediate("addw", "immediate", imm12, 0, IMM12_MAX)));
  }

  subw(rd: Reg, rn: Reg, imm12: number): void {
    const d = generalRegister("subw", "rd", rd);
    const n = registerExcept("subw", "rn", rn, [PC]);
    this.emit(...plainImmediate12(PLAIN_IMMEDIATE.subw, n, d, scaledImmediate("subw", "immediate", imm12, 0, IMM12_MAX)));
  }

  loadStoreW(op: Thumb2LoadStore, rt: Reg, rn: Reg, imm12: number): void {
    const mnemonic = `${op}.w`;
    if (!Object.hasOwn(LOAD_STORE_IMM12, op)) fail(mnemonic, `unknown load/store ${formatValue(op)}`);
    const t = generalRegister(mnemonic, "rt", rt);
    const n = registerExcept(mnemonic, "rn", rn, [PC]);
    this.emit(...loadStoreImm12(LOAD_STORE_IMM12[op], t, n, scaledImmediate(mnemonic, "offset", imm12, 0, IMM12_MAX)));
  }

  mul(rd: Reg, rn: Reg, rm: Reg): void {
    this.emit(...multiply(generalRegister("mul", "rd", rd), generalRegister("mul", "rn", rn), generalRegister("mul", "rm", rm)));
  }

  mls(rd: Reg, rn: Reg, rm: Reg, ra: Reg): void {
    this.emit(...multiplySubtract(generalRegister("mls", "rd", rd), generalRegister("mls", "rn", rn), generalRegister("mls", "rm", rm), generalRegister("mls", "ra", ra)));
  }

  sdiv(rd: Reg, rn: Reg, rm: Reg): void {
    this.emit(...divide(true, generalRegister("sdiv", "rd", rd), generalRegister("sdiv", "rn", rn), generalRegister("sdiv", "rm", rm)));
  }

  udiv(rd: Reg, rn: Reg, rm: Reg): void {
    this.emit(...divide(false, generalRegister("udiv", "rd", rd), generalRegister("udiv", "rn", rn), generalRegister("udiv", "rm", rm)));
  }

  smull(rdLo: Reg, rdHi: Reg, rn: Reg, rm: Reg): void { this.longMultiply("smull", true, rdLo, rdHi, rn, rm); }
  umull(rdLo: Reg, rdHi: Reg, rn: Reg, rm: Reg): void { this.longMultiply("umull", false, rdLo, rdHi, rn, rm); }

  private longMultiply(mnemonic: string, signed: boolean, rdLo: Reg, rdHi: Reg, rn: Reg, rm: Reg): void {
    const lo = generalRegister(mnemonic, "rdLo", rdLo), hi = generalRegister(mnemonic, "rdHi", rdHi);
    if (lo === hi) fail(mnemonic, `rdLo and rdHi must differ (UNPREDICTABLE, A7.7.${signed ? 138 : 189}), got ${lo} twice`);
    this.emit(...longMultiply(signed, lo, hi, generalRegister(mnemonic, "rn", rn), generalRegister(mnemonic, "rm", rm)));
  }

  it(cond: Cond, pattern: string): void {
    if (typeof cond !== "string" || !Object.hasOwn(CONDITION_CODES, cond)) {
      fail("it", `cond must be one of ${Object.keys(CONDITION_CODES).join(", ")}, got ${formatValue(cond)}`);
    }
    if (typeof pattern !== "string" || !/^t[te]{0,3}$/.test(pattern)) {
      fail("it", `pattern must be "t" followed by up to three of "t" and "e", got ${formatValue(pattern)}`);
    }
    if (this.itBlockLeft > 0) fail("it", "an IT block may not hold another IT (UNPREDICTABLE, A7.7.38)");
    // No island after the IT itself nor after any instruction of its block but the last.
    this.itBlockLeft = pattern.length + 1;
    this.emit(ifThen(CONDITION_CODES[cond], pattern));
  }

  cbz(rn: Reg, label: Label): void { this.zeroBranch(rn, label, false); }
  cbnz(rn: Reg, label: Label): void { this.zeroBranch(rn, label, true); }

  pushW(regs: Reg[]): void { this.emit(...pushPopWide(false, this.wideList("push.w", regs, PUSH_ALLOWED))); }
  popW(regs: Reg[]): void { this.emit(...pushPopWide(true, this.wideList("pop.w", regs, POP_ALLOWED))); }

  private wideList(mnemonic: string, regs: Reg[], allowed: number[]): number {
    if (!Array.isArray(regs) || regs.length < 2) fail(mnemonic, "the register list must hold at least two registers (A7.7.99)");
    let mask = 0;
    for (const reg of regs) {
      anyRegister(mnemonic, "register", reg);
      if (!allowed.includes(reg)) fail(mnemonic, `the register list may not hold ${reg === SP ? "sp" : reg === PC ? "pc" : "lr"}`);
      if (mask & (1 << reg)) fail(mnemonic, `r${reg} appears twice in the register list`);
      mask |= 1 << reg;
    }
    return mask;
  }
}

export function createThumb2Assembler(): Thumb2Assembler {
  return new Thumb2AssemblerImpl();
}
