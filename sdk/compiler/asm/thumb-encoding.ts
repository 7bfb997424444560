// Bit layouts of the ARMv6-M Thumb instruction set: pure functions from already-validated
// fields to halfwords. Operand checking (which registers and immediates an instruction
// accepts) lives in thumb.ts, next to the mnemonics; this file only knows where bits go.
//
// Section numbers refer to the ARMv6-M Architecture Reference Manual (ARM DDI 0419),
// chapter A5 "The Thumb Instruction Set Encoding" and A6.7 "Alphabetical list of ARMv6-M
// Thumb instructions".

import type { Cond } from "./types.ts";

/** A 16-bit instruction is one halfword; a 32-bit one is two, first halfword first. */
export type Halfwords = readonly number[];

// ---------------------------------------------------------------------------------------
// Conditions (A6.3 "Conditional execution", table A6-1).

export const CONDITION_CODES: Readonly<Record<Cond, number>> = {
  eq: 0b0000, ne: 0b0001, cs: 0b0010, cc: 0b0011,
  mi: 0b0100, pl: 0b0101, vs: 0b0110, vc: 0b0111,
  hi: 0b1000, ls: 0b1001, ge: 0b1010, lt: 0b1011,
  gt: 0b1100, le: 0b1101,
};

/** Conditions come in pairs that differ only in bit 0 (A6.3), so inverting flips it. */
export function invertCondition(cond: Cond): Cond {
  const inverted = CONDITION_CODES[cond] ^ 1;
  return (Object.keys(CONDITION_CODES) as Cond[]).find((c) => CONDITION_CODES[c] === inverted)!;
}

// ---------------------------------------------------------------------------------------
// A5.2.1 Shift (immediate), add, subtract, move, and compare: 00 opcode(5) ...

export const SHIFT_IMMEDIATE = { lsl: 0b00000_00000000000, lsr: 0b00001_00000000000, asr: 0b00010_00000000000 } as const;

/** LSLS/LSRS/ASRS Rd, Rm, #imm5 (imm5 already in its encoded form: 32 is 0). */
export function shiftImmediate(opcode: number, imm5: number, rm: number, rd: number): number {
  return opcode | (imm5 << 6) | (rm << 3) | rd;
}

export const ADD_SUB_THREE_OPERAND = {
  addsRegister: 0b0001100 << 9,
  subsRegister: 0b0001101 << 9,
  addsImm3: 0b0001110 << 9,
  subsImm3: 0b0001111 << 9,
} as const;

/** ADDS/SUBS Rd, Rn, Rm or Rd, Rn, #imm3: the third operand sits in bits 8:6. */
export function addSubThreeOperand(opcode: number, rmOrImm3: number, rn: number, rd: number): number {
  return opcode | (rmOrImm3 << 6) | (rn << 3) | rd;
}

export const REGISTER_IMM8 = {
  movs: 0b00100 << 11,
  cmp: 0b00101 << 11,
  adds: 0b00110 << 11,
  subs: 0b00111 << 11,
  /** A5.2.4: LDR Rt, [PC, #imm8*4] (literal). */
  ldrLiteral: 0b01001 << 11,
  /** A5.2.4: STR/LDR Rt, [SP, #imm8*4]. */
  strSp: 0b10010 << 11,
  ldrSp: 0b10011 << 11,
  /** ADR Rd, label: Rd = Align(PC, 4) + imm8*4 (A6.7 ADR). */
  adr: 0b10100 << 11,
  /** ADD Rd, SP, #imm8*4 (A6.7 ADD (SP plus immediate), encoding T1). */
  addRdSp: 0b10101 << 11,
} as const;

/** Every "opcode(5) Rx(3) imm8" form, in A5.2.1 and A5.2.4. */
export function registerImm8(opcode: number, rx: number, imm8: number): number {
  return opcode | (rx << 8) | imm8;
}

// ---------------------------------------------------------------------------------------
// A5.2.2 Data processing: 010000 opcode(4) Rm Rdn.

export const DATA_PROCESSING = {
  ands: 0b0000, eors: 0b0001, lsls: 0b0010, lsrs: 0b0011,
  asrs: 0b0100, adcs: 0b0101, sbcs: 0b0110, rors: 0b0111,
  tst: 0b1000, rsbs: 0b1001, cmp: 0b1010, cmn: 0b1011,
  orrs: 0b1100, muls: 0b1101, bics: 0b1110, mvns: 0b1111,
} as const;

const DATA_PROCESSING_PREFIX = 0b010000 << 10;

export function dataProcessing(opcode: number, rm: number, rdn: number): number {
  return DATA_PROCESSING_PREFIX | (opcode << 6) | (rm << 3) | rdn;
}

// ---------------------------------------------------------------------------------------
// A5.2.3 Special data instructions and branch and exchange: 010001 opcode(4) ...
// The register fields are 4 bits wide; the destination's top bit is split off (D/N bit 7).

export const SPECIAL_DATA = {
  addRegister: 0b01000100 << 8,
  cmpRegister: 0b01000101 << 8,
  movRegister: 0b01000110 << 8,
} as const;

const HIGH_REGISTER_BIT = 0b1000;
const LOW_REGISTER_MASK = 0b0111;

/** ADD/CMP/MOV with any registers: opcode | D:Rm(4):Rd(3). */
export function specialData(opcode: number, rm: number, rdn: number): number {
  const highBit = (rdn & HIGH_REGISTER_BIT) !== 0 ? 1 : 0;
  return opcode | (highBit << 7) | (rm << 3) | (rdn & LOW_REGISTER_MASK);
}

export const BRANCH_EXCHANGE = { bx: 0b010001110 << 7, blx: 0b010001111 << 7 } as const;

export function branchExchange(opcode: number, rm: number): number {
  return opcode | (rm << 3);
}

// ---------------------------------------------------------------------------------------
// A5.2.4 Load/store single data item.

/** Register offset: 0101 opB(3) Rm Rn Rt. */
export const LOAD_STORE_REGISTER = {
  str: 0b000, strh: 0b001, strb: 0b010, ldrsb: 0b011,
  ldr: 0b100, ldrh: 0b101, ldrb: 0b110, ldrsh: 0b111,
} as const;

const LOAD_STORE_REGISTER_PREFIX = 0b0101 << 12;

export function loadStoreRegister(opB: number, rm: number, rn: number, rt: number): number {
  return LOAD_STORE_REGISTER_PREFIX | (opB << 9) | (rm << 6) | (rn << 3) | rt;
}

/** Immediate offset: opcode(5) imm5 Rn Rt, imm5 scaled by the access size. */
export const LOAD_STORE_IMMEDIATE = {
  str: 0b01100 << 11, ldr: 0b01101 << 11,
  strb: 0b01110 << 11, ldrb: 0b01111 << 11,
  strh: 0b10000 << 11, ldrh: 0b10001 << 11,
} as const;

export function loadStoreImmediate(opcode: number, imm5: number, rn: number, rt: number): number {
  return opcode | (imm5 << 6) | (rn << 3) | rt;
}

// ---------------------------------------------------------------------------------------
// A5.2.5 Miscellaneous 16-bit instructions: 1011 ...

export const SP_ADJUST = { add: 0b101100000 << 7, sub: 0b101100001 << 7 } as const;

/** ADD/SUB SP, SP, #imm7*4. */
export function spAdjust(opcode: number, imm7: number): number {
  return opcode | imm7;
}

export const EXTEND_REVERSE = {
  sxth: 0b1011001000 << 6, sxtb: 0b1011001001 << 6,
  uxth: 0b1011001010 << 6, uxtb: 0b1011001011 << 6,
  rev: 0b1011101000 << 6, rev16: 0b1011101001 << 6, revsh: 0b1011101011 << 6,
} as const;

/** SXTH/SXTB/UXTH/UXTB/REV/REV16/REVSH Rd, Rm. */
export function extendReverse(opcode: number, rm: number, rd: number): number {
  return opcode | (rm << 3) | rd;
}

/** PUSH {list, LR?} = 1011010 M list; POP {list, PC?} = 1011110 P list. */
export const PUSH_POP = { push: 0b1011010 << 9, pop: 0b1011110 << 9 } as const;

export function pushPop(opcode: number, extraRegister: boolean, lowRegisterList: number): number {
  return opcode | ((extraRegister ? 1 : 0) << 8) | lowRegisterList;
}

/** CPS 10110110011 im 0 0 1 0: the trailing bit selects PRIMASK ("i"), A6.7 CPS / B5.2.1. */
export const CPSIE_I = 0b1011_0110_0110_0010;
export const CPSID_I = 0b1011_0110_0111_0010;

export const IMMEDIATE8_OPERATION = {
  bkpt: 0b10111110 << 8,
  /** A5.2.6: permanently UNDEFINED. */
  udf: 0b11011110 << 8,
  /** A5.2.6: supervisor call. */
  svc: 0b11011111 << 8,
} as const;

export function immediate8Operation(opcode: number, imm8: number): number {
  return opcode | imm8;
}

/** Hints, 10111111 opA 0000 (A5.2.5, the hint rows of the miscellaneous table). */
export const HINT = {
  nop: 0b1011_1111_0000_0000,
  yield: 0b1011_1111_0001_0000,
  wfe: 0b1011_1111_0010_0000,
  wfi: 0b1011_1111_0011_0000,
  sev: 0b1011_1111_0100_0000,
} as const;

// ---------------------------------------------------------------------------------------
// Load/store multiple (A5.2, table A5-1): 1100 L Rn list (LDM always increments after; STM always
// writes back).

export const LOAD_STORE_MULTIPLE = { stm: 0b11000 << 11, ldm: 0b11001 << 11 } as const;

export function loadStoreMultiple(opcode: number, rn: number, lowRegisterList: number): number {
  return opcode | (rn << 8) | lowRegisterList;
}

// ---------------------------------------------------------------------------------------
// Branches. Offsets are in bytes from the branch's PC value (its address + 4).

/** B<cond> T1 (A5.2.6): 1101 cond imm8, offset = imm8*2 sign-extended: -256..254. */
export const CONDITIONAL_BRANCH_RANGE = { min: -256, max: 254 } as const;
const CONDITIONAL_BRANCH_PREFIX = 0b1101 << 12;
const IMM8_MASK = 0xff;

export function conditionalBranch(cond: Cond, offset: number): number {
  return CONDITIONAL_BRANCH_PREFIX | (CONDITION_CODES[cond] << 8) | ((offset >> 1) & IMM8_MASK);
}

/** B T2 (A6.7 B): 11100 imm11, offset = imm11*2 sign-extended: -2048..2046. */
export const BRANCH_RANGE = { min: -2048, max: 2046 } as const;
const BRANCH_PREFIX = 0b11100 << 11;
const IMM11_MASK = 0x7ff;

export function unconditionalBranch(offset: number): number {
  return BRANCH_PREFIX | ((offset >> 1) & IMM11_MASK);
}

/** BL T1 (A6.7 BL): S:I1:I2:imm10:imm11:'0' is a 25-bit signed offset, about ±16 MB. */
export const BRANCH_LINK_RANGE = { min: -(1 << 24), max: (1 << 24) - 2 } as const;
const BRANCH_LINK_FIRST = 0b11110 << 11;
const BRANCH_LINK_SECOND = 0b11010 << 11;
const IMM10_MASK = 0x3ff;

export function branchWithLink(offset: number): Halfwords {
  const sign = (offset >> 24) & 1;
  const i1 = (offset >> 23) & 1;
  const i2 = (offset >> 22) & 1;
  // The encoding stores J = NOT(I XOR S) so that short offsets keep the old Thumb-1
  // bit pattern (J1 = J2 = 1).
  const j1 = (~(i1 ^ sign)) & 1;
  const j2 = (~(i2 ^ sign)) & 1;
  const imm10 = (offset >> 12) & IMM10_MASK;
  const imm11 = (offset >> 1) & IMM11_MASK;
  return [
    BRANCH_LINK_FIRST | (sign << 10) | imm10,
    BRANCH_LINK_SECOND | (j1 << 13) | (j2 << 11) | imm11,
  ];
}

// ---------------------------------------------------------------------------------------
// A5.3.1 Branch and miscellaneous control (32-bit): MSR, MRS and the barriers.

/** SYSm values, ARMv6-M ARM B5.1.1 "Special register encodings". */
export const SPECIAL_REGISTERS = {
  apsr: 0, iapsr: 1, eapsr: 2, xpsr: 3, ipsr: 5, epsr: 6, iepsr: 7,
  msp: 8, psp: 9, primask: 16, control: 20,
} as const;
export type SpecialRegister = keyof typeof SPECIAL_REGISTERS;

/** MSR spec_reg, Rn: 11110 0 1110 0 0 Rn | 10 0 0 1000 SYSm (the 1000 is the APSR mask). */
export function moveToSpecialRegister(rn: number, sysm: number): Halfwords {
  return [0b1111_0011_1000_0000 | rn, 0b1000_1000_0000_0000 | sysm];
}

/** MRS Rd, spec_reg: 11110 0 1111 1 0 1111 | 10 0 0 Rd SYSm. */
export function moveFromSpecialRegister(rd: number, sysm: number): Halfwords {
  return [0b1111_0011_1110_1111, 0b1000_0000_0000_0000 | (rd << 8) | sysm];
}

/** DSB/DMB/ISB: 11110 0 111 01 1 1111 | 10 0 0 1111 opcode option; option SY = 1111. */
const BARRIER_FIRST = 0b1111_0011_1011_1111;
const BARRIER_SECOND = 0b1000_1111_0000_0000;
const BARRIER_OPTION_SY = 0b1111;
export const BARRIER = { dsb: 0b0100, dmb: 0b0101, isb: 0b0110 } as const;

export function barrier(opcode: number): Halfwords {
  return [BARRIER_FIRST, BARRIER_SECOND | (opcode << 4) | BARRIER_OPTION_SY];
}

/** CBZ/CBNZ T1 (ARMv7-M ARM A7.7.21): 1011 op 0 i 1 imm5 Rn, offset = i:imm5:0, forwards. */
export const COMPARE_ZERO_BRANCH_RANGE = { min: 0, max: 126 } as const;

export function compareZeroBranch(nonzero: boolean, rn: number, offset: number): number {
  const imm6 = offset >> 1;
  return 0xb100 | (nonzero ? 1 << 11 : 0) | ((imm6 >> 5) << 9) | ((imm6 & 0x1f) << 3) | rn;
}
