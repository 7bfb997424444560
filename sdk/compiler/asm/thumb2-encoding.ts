// Thumb-2 (ARMv7-M) 32-bit encodings, as pairs of halfwords (first halfword first). Section
// numbers are the ARMv7-M Architecture Reference Manual's (DDI 0403E). Operands are already
// checked by the assembler (thumb2.ts); these functions only place bits.

import type { Halfwords } from "./thumb-encoding.ts";

/** A7.3.2 ThumbExpandImm, inverted: the 12-bit i:imm3:imm8 field that expands to `value`, or
 *  undefined when no "modified immediate" does (a byte, a byte repeated in a pattern, or an
 *  8-bit value with its top bit set rotated right by 8..31). */
export function modifiedImmediate(value: number): number | undefined {
  const v = value >>> 0;
  const byte = v & 0xff;
  if (v <= 0xff) return v;
  if (v === ((byte << 16) | byte) >>> 0) return 0x100 | byte;
  const high = (v >>> 8) & 0xff;
  if (v === ((high << 24) | (high << 8)) >>> 0) return 0x200 | high;
  if (v === ((byte << 24) | (byte << 16) | (byte << 8) | byte) >>> 0) return 0x300 | byte;
  for (let rotation = 8; rotation < 32; rotation++) {
    // value = unrotated ROR rotation, so unrotated = value ROL rotation.
    const unrotated = ((v << rotation) | (v >>> (32 - rotation))) >>> 0;
    if (unrotated >= 0x80 && unrotated <= 0xff) return (rotation << 7) | (unrotated & 0x7f);
  }
  return undefined;
}

/** A5.3.1 Data processing (modified immediate): op, S, Rn, Rd and the 12-bit field. */
export const MODIFIED_IMMEDIATE_OP = {
  and: 0b0000, bic: 0b0001, orr: 0b0010, orn: 0b0011, eor: 0b0100, add: 0b1000, adc: 0b1010, sbc: 0b1011, sub: 0b1101, rsb: 0b1110,
} as const;

export function dataProcessingModified(op: number, setFlags: boolean, rn: number, rd: number, imm12: number): Halfwords {
  return [
    0xf000 | ((imm12 >> 11) << 10) | (op << 5) | (setFlags ? 1 << 4 : 0) | rn,
    (((imm12 >> 8) & 0b111) << 12) | (rd << 8) | (imm12 & 0xff),
  ];
}

/** A5.3.3 Data processing (plain binary immediate): ADDW, SUBW (imm12), MOVW, MOVT (imm16). */
export const PLAIN_IMMEDIATE = { addw: 0xf200, subw: 0xf2a0, movw: 0xf240, movt: 0xf2c0 } as const;

export function plainImmediate12(opcode: number, rn: number, rd: number, imm12: number): Halfwords {
  return [opcode | ((imm12 >> 11) << 10) | rn, (((imm12 >> 8) & 0b111) << 12) | (rd << 8) | (imm12 & 0xff)];
}

export function plainImmediate16(opcode: number, rd: number, imm16: number): Halfwords {
  const imm4 = imm16 >> 12, i = (imm16 >> 11) & 1, imm3 = (imm16 >> 8) & 0b111;
  return [opcode | (i << 10) | imm4, (imm3 << 12) | (rd << 8) | (imm16 & 0xff)];
}

/** A5.3.7-A5.3.10 loads and stores, encoding T3 (Rn + imm12, no writeback). */
export const LOAD_STORE_IMM12 = {
  ldr: 0xf8d0, str: 0xf8c0, ldrb: 0xf890, strb: 0xf880, ldrh: 0xf8b0, strh: 0xf8a0, ldrsb: 0xf990, ldrsh: 0xf9b0,
} as const;

export function loadStoreImm12(opcode: number, rt: number, rn: number, imm12: number): Halfwords {
  return [opcode | rn, (rt << 12) | imm12];
}

/** A5.3.15/A5.3.16: MUL, MLS, SDIV, UDIV, SMULL, UMULL. */
export function multiply(rd: number, rn: number, rm: number): Halfwords {
  return [0xfb00 | rn, 0xf000 | (rd << 8) | rm];
}

export function multiplySubtract(rd: number, rn: number, rm: number, ra: number): Halfwords {
  return [0xfb00 | rn, (ra << 12) | (rd << 8) | 0x10 | rm];
}

export function divide(signed: boolean, rd: number, rn: number, rm: number): Halfwords {
  return [(signed ? 0xfb90 : 0xfbb0) | rn, 0xf0f0 | (rd << 8) | rm];
}

export function longMultiply(signed: boolean, rdLo: number, rdHi: number, rn: number, rm: number): Halfwords {
  return [(signed ? 0xfb80 : 0xfba0) | rn, (rdLo << 12) | (rdHi << 8) | rm];
}

/** A7.7.38 IT: firstcond and a mask whose bits say then (firstcond[0]) or else for each
 *  further instruction, ended by a 1. `pattern` is "t", "tt", "te", … (the first is "t"). */
export function ifThen(firstcond: number, pattern: string): number {
  let mask = 0;
  for (let i = 1; i < pattern.length; i++) {
    const bit = pattern[i] === "t" ? firstcond & 1 : (firstcond & 1) ^ 1;
    mask |= bit << (4 - i);
  }
  mask |= 1 << (4 - pattern.length);
  return 0xbf00 | (firstcond << 4) | mask;
}

/** A7.7.99/A7.7.101 PUSH and POP, encoding T2 (STMDB/LDMIA sp! with a 16-bit register list). */
export function pushPopWide(pop: boolean, mask: number): Halfwords {
  return [pop ? 0xe8bd : 0xe92d, mask];
}

/** A7.7.28 CMP (register) T3: Rn against Rm shifted by a constant (type: LSL 0, LSR 1, ASR 2). */
export const SHIFT_TYPE = { lsl: 0b00, lsr: 0b01, asr: 0b10 } as const;

export function compareShifted(rn: number, rm: number, type: number, amount: number): Halfwords {
  const imm5 = amount & 31;
  return [0xebb0 | rn, ((imm5 >> 2) << 12) | (0xf << 8) | ((imm5 & 0b11) << 6) | (type << 4) | rm];
}

/** A5.3.11 Data processing (shifted register), unshifted: AND.W, ORR.W, EOR.W … rd, rn, rm. */
export function dataProcessingRegister(op: number, setFlags: boolean, rn: number, rd: number, rm: number): Halfwords {
  return [0xea00 | (op << 5) | (setFlags ? 1 << 4 : 0) | rn, (rd << 8) | rm];
}
