// The ARMv6-M Thumb assembler: operand checking, labels, literal pools, branch relaxation.
//
// How it works. Every method appends an *item* to a list: a fixed instruction, a branch
// whose size may still grow, an LDR from a pool, a pool, inline data, a label or a source
// marker. Nothing is given an address until finish(), which lays the list out, grows the
// branches that do not reach, and repeats until no branch grows (sizes only ever grow, so
// this stops), then encodes every item at its final offset.
//
// Literal pools. LDR (literal) only reaches forwards, 0..1020 bytes from Align(PC, 4)
// (A6.7 LDR (literal)). While recording, the assembler keeps a *worst-case* offset in
// which every branch counts at its largest relaxed size and every alignment at its largest
// padding; distances measured with it can only shrink in the final layout. After each
// instruction it asks whether the pending pool would still be reachable if the pool were
// placed ISLAND_LOOKAHEAD worst-case bytes later; if not, it places the pool here as an
// island with a branch over it. The remaining pool goes after the code at finish().
// Islands follow instructions only, never inline data, so a table written with word/half
// stays in one piece. Equal constants share an entry within one pool; a later pool gets
// its own copy, because LDR (literal) cannot reach back.
//
// Relaxation. B<cond> (±256 B) that does not reach becomes B<!cond> over a B (±2 KB), and a
// B that does not reach becomes a BL (±16 MB), which overwrites LR: code that relies on
// branches far enough for that must have saved LR, as every function with a frame has.
//
// Offsets are relative to the start of the function, which the linker must place on a
// 4-byte boundary: pools and ADR targets are word-aligned relative to that start.

import {
  ADD_SUB_THREE_OPERAND, BARRIER, BRANCH_EXCHANGE, BRANCH_LINK_RANGE, BRANCH_RANGE,
  CONDITIONAL_BRANCH_RANGE, CONDITION_CODES, CPSID_I, CPSIE_I, DATA_PROCESSING, EXTEND_REVERSE,
  HINT, IMMEDIATE8_OPERATION, LOAD_STORE_IMMEDIATE, LOAD_STORE_MULTIPLE, LOAD_STORE_REGISTER,
  PUSH_POP, REGISTER_IMM8, SHIFT_IMMEDIATE, SPECIAL_DATA, SPECIAL_REGISTERS, SP_ADJUST,
  addSubThreeOperand, barrier, branchExchange, branchWithLink, conditionalBranch, dataProcessing,
  extendReverse, immediate8Operation, invertCondition, loadStoreImmediate, loadStoreMultiple,
  loadStoreRegister, moveFromSpecialRegister, moveToSpecialRegister, pushPop, registerImm8,
  shiftImmediate, spAdjust, specialData, unconditionalBranch, COMPARE_ZERO_BRANCH_RANGE, compareZeroBranch,
  type Halfwords,
} from "./thumb-encoding.ts";
import type {
  AssembledCode, Cond, Label, LineEntry, Reg, Reloc, SourcePos, SymbolRef, ThumbAssembler,
} from "./types.ts";
import { LR, PC, SP } from "./types.ts";

// ---------------------------------------------------------------------------------------
// Sizes and reaches.

const HALFWORD = 2;
const WORD = 4;
const BL_SIZE = 4;

/** LDR (literal) and ADR: imm8 * 4 added to Align(PC, 4) (A6.7 LDR (literal), ADR). */
const PC_RELATIVE_MAX_OFFSET = 1020;
/** The PC of a Thumb instruction reads as its address + 4 (A6.1.2 "Use of the PC"). */
const PC_READ_AHEAD = 4;

/**
 * How far ahead, in worst-case bytes, the pool check looks. It must cover the largest
 * single item (a conditional branch relaxed to an inverted branch over a BL: 6 bytes), and
 * it is much larger so that inline data (word/half/align), after which no island is ever
 * placed because that would split a table, can follow an instruction: up to this many
 * bytes of inline data in a row are safe while literals are pending.
 */
const ISLAND_LOOKAHEAD = 256;

/**
 * Worst-case extra distance between an LDR and the pool word it loads, beyond the bytes
 * laid out from the LDR to the pool: the island's branch and the pool's alignment
 * padding, less the bytes by which Align(PC, 4) is always past the LDR's own address.
 */
const ISLAND_BRANCH_SIZE = HALFWORD;
const MAX_POOL_PADDING = WORD - HALFWORD;
const MIN_ALIGNED_PC_AHEAD = HALFWORD;
const LITERAL_SLACK = ISLAND_BRANCH_SIZE + MAX_POOL_PADDING - MIN_ALIGNED_PC_AHEAD;

/** Branch sizes by relaxation stage (see the `branch` item). */
const UNCONDITIONAL_BRANCH_SIZES = [HALFWORD, BL_SIZE] as const;
const CONDITIONAL_BRANCH_SIZES = [HALFWORD, 2 * HALFWORD, HALFWORD + BL_SIZE] as const;

const UINT32_RANGE = { min: -(2 ** 31), max: 2 ** 32 - 1 } as const;
const UINT16_RANGE = { min: -(2 ** 15), max: 2 ** 16 - 1 } as const;
const UINT8_MAX = 255;
const BYTE_MASK = 0xff;
const HALFWORD_MASK = 0xffff;
const BITS_PER_BYTE = 8;

const LOW_REGISTER_COUNT = 8;
const REGISTER_COUNT = 16;
const REGISTER_NAMES = [
  "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7",
  "r8", "r9", "r10", "r11", "r12", "sp", "lr", "pc",
];

type ReadableSpecialRegister = Parameters<ThumbAssembler["mrs"]>[1];
type WritableSpecialRegister = Parameters<ThumbAssembler["msr"]>[0];
const READABLE_SPECIAL_REGISTERS: readonly ReadableSpecialRegister[] =
  ["apsr", "ipsr", "epsr", "iapsr", "eapsr", "xpsr", "msp", "psp", "primask", "control"];
const WRITABLE_SPECIAL_REGISTERS: readonly WritableSpecialRegister[] =
  ["apsr", "msp", "psp", "primask", "control"];

// ---------------------------------------------------------------------------------------
// Items.

interface LiteralEntry {
  value: number | Required<SymbolRef>;
  /** Worst-case offset of the first LDR that loads this entry: later ones are closer. */
  firstUseWorstOffset: number;
}

interface PoolItem {
  kind: "pool";
  /** An island sits in the middle of the code and starts with a branch over itself. */
  island: boolean;
  entries: LiteralEntry[];
  /** Entry index by constant or symbol key, for deduplication. */
  indexByKey: Map<string, number>;
  /** Position in the item list, set when the pool is placed. */
  itemIndex: number;
  /** max over entries k of (4k - firstUseWorstOffset): the farthest-reaching entry. */
  reachBase: number;
}

/** CBZ/CBNZ (Thumb-2): a branch on a low register being zero (or nonzero) that leaves the
 *  flags alone. Stage 0 is CB(N)Z itself (forwards only, 0..126 bytes); stages 1 and 2 are
 *  the opposite test over a B or a BL, the sizes of a relaxed B<cond>. */
interface ZeroTest { rn: number; nonzero: boolean }

type Item =
  | { kind: "fixed"; halfwords: Halfwords }
  | { kind: "label"; label: number }
  | { kind: "source"; pos: SourcePos | undefined }
  /** B or B<cond>; `stage` indexes the size tables above and only grows:
   *  B: 0 = B, 1 = BL. B<cond>: 0 = B<cond>, 1 = B<!cond> over B, 2 = B<!cond> over BL. */
  | { kind: "branch"; cond: Cond | undefined; label: number; stage: number; zero?: ZeroTest }
  | { kind: "bl-label"; label: number }
  | { kind: "bl-symbol"; symbol: string }
  | { kind: "adr"; rd: number; label: number }
  | { kind: "ldr-literal"; rt: number; pool: PoolItem; entry: number }
  | { kind: "align"; bytes: 2 | 4 }
  | { kind: "data"; bytes: number[]; symbol?: Required<SymbolRef> }
  | PoolItem;

function alignUp(offset: number, alignment: number): number {
  return Math.ceil(offset / alignment) * alignment;
}

function inRange(value: number, range: { min: number; max: number }): boolean {
  return value >= range.min && value <= range.max;
}

export function formatValue(value: unknown): string {
  return typeof value === "number" ? String(value) : JSON.stringify(value);
}

function registerName(value: unknown): string {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) < REGISTER_COUNT
    ? REGISTER_NAMES[value as number]
    : formatValue(value);
}

function literalKey(value: number | Required<SymbolRef>): string {
  return typeof value === "number" ? `#${value}` : `${value.symbol}+${value.addend}`;
}

function formatLiteral(value: number | Required<SymbolRef>): string {
  if (typeof value === "number") return `0x${value.toString(16)}`;
  return value.addend === 0 ? value.symbol : `${value.symbol}+${value.addend}`;
}

// ---------------------------------------------------------------------------------------
// Operand checks. Each names the instruction and the operand, and says what was expected.

export function fail(mnemonic: string, message: string): never {
  throw new Error(`${mnemonic}: ${message}`);
}

export function lowRegister(mnemonic: string, operand: string, reg: Reg): number {
  if (!Number.isInteger(reg) || reg < 0 || reg >= LOW_REGISTER_COUNT) {
    fail(mnemonic, `${operand} must be a low register (r0-r7), got ${registerName(reg)}`);
  }
  return reg;
}

export function anyRegister(mnemonic: string, operand: string, reg: Reg): number {
  if (!Number.isInteger(reg) || reg < 0 || reg >= REGISTER_COUNT) {
    fail(mnemonic, `${operand} must be a register r0-r15, got ${formatValue(reg)}`);
  }
  return reg;
}

/** MRS/MSR/BX/BLX: sp and/or pc are UNPREDICTABLE there (A6.7, B5.2). */
export function registerExcept(mnemonic: string, operand: string, reg: Reg, excluded: readonly Reg[]): number {
  anyRegister(mnemonic, operand, reg);
  if (excluded.includes(reg)) {
    const allowed = REGISTER_NAMES.filter((_, r) => !excluded.includes(r)).join(", ");
    fail(mnemonic, `${operand} must be one of ${allowed}, got ${registerName(reg)}`);
  }
  return reg;
}

/** An immediate in min..max that is a multiple of `scale`; returns value / scale. */
export function scaledImmediate(
  mnemonic: string, operand: string, value: number, min: number, max: number, scale = 1,
): number {
  if (!Number.isInteger(value) || value < min || value > max || value % scale !== 0) {
    const multiple = scale === 1 ? "" : ` multiple of ${scale}`;
    fail(mnemonic, `${operand} must be a${multiple || "n integer"} in ${min}..${max}, got ${formatValue(value)}`);
  }
  return value / scale;
}

function immediateOperand(mnemonic: string, operand: unknown): number {
  if (typeof operand !== "object" || operand === null || !("imm" in operand)) {
    fail(mnemonic, `expected a register or { imm }, got ${formatValue(operand)}`);
  }
  return (operand as { imm: number }).imm;
}

/** A register list as the 8-bit low-register mask plus whether `extra` (LR or PC) is in it. */
function registerList(
  mnemonic: string, regs: readonly Reg[], extra: Reg | undefined,
): { mask: number; hasExtra: boolean } {
  if (!Array.isArray(regs) || regs.length === 0) {
    fail(mnemonic, "the register list must not be empty (UNPREDICTABLE, A6.7)");
  }
  let mask = 0;
  let hasExtra = false;
  const allowed = extra === undefined ? "r0-r7" : `r0-r7 and ${REGISTER_NAMES[extra]}`;
  for (const reg of regs) {
    if (extra !== undefined && reg === extra) {
      if (hasExtra) fail(mnemonic, `${registerName(reg)} appears twice in the register list`);
      hasExtra = true;
      continue;
    }
    if (!Number.isInteger(reg) || reg < 0 || reg >= LOW_REGISTER_COUNT) {
      fail(mnemonic, `the register list may only hold ${allowed}, got ${registerName(reg)}`);
    }
    if (mask & (1 << reg)) fail(mnemonic, `${registerName(reg)} appears twice in the register list`);
    mask |= 1 << reg;
  }
  return { mask, hasExtra };
}

function symbolRef(mnemonic: string, value: SymbolRef): Required<SymbolRef> {
  if (typeof value !== "object" || value === null || typeof value.symbol !== "string" || value.symbol === "") {
    fail(mnemonic, `expected a number or { symbol, addend? }, got ${formatValue(value)}`);
  }
  const addend = value.addend ?? 0;
  if (!Number.isInteger(addend) || !inRange(addend, UINT32_RANGE)) {
    fail(mnemonic, `addend of ${value.symbol} must be a 32-bit integer, got ${formatValue(addend)}`);
  }
  return { symbol: value.symbol, addend };
}

function word32(mnemonic: string, value: number): number {
  if (!Number.isInteger(value) || !inRange(value, UINT32_RANGE)) {
    fail(mnemonic, `value must be a 32-bit integer (signed or unsigned), got ${formatValue(value)}`);
  }
  return value >>> 0;
}

// ---------------------------------------------------------------------------------------

type LoadStoreSize = "word" | "byte" | "halfword";
const ACCESS_BYTES: Record<LoadStoreSize, number> = { word: 4, byte: 1, halfword: 2 };
/** imm5 scaled by the access size (A5.2.4). */
const IMM5_MAX = 31;

export class Assembler implements ThumbAssembler {
  private readonly items: Item[] = [];
  private readonly labels: Label[] = [];
  private readonly bound = new Set<number>();
  private pool: PoolItem = Assembler.newPool();
  private currentSource: SourcePos | undefined;
  /** Offset if no branch grows (what offset() reports). */
  private estimatedOffset = 0;
  /** Offset if every branch and alignment takes its largest size (drives pool islands). */
  private worstOffset = 0;
  private finished = false;

  private static newPool(): PoolItem {
    return {
      kind: "pool", island: false, entries: [], indexByKey: new Map(), itemIndex: -1,
      reachBase: -Infinity,
    };
  }

  newLabel(): Label {
    this.checkOpen("newLabel");
    const label: Label = Object.freeze({ id: this.labels.length });
    this.labels.push(label);
    return label;
  }

  bind(label: Label): void {
    this.checkOpen("bind");
    const id = this.labelId("bind", label);
    if (this.bound.has(id)) fail("bind", `label L${id} is already bound`);
    this.bound.add(id);
    this.append({ kind: "label", label: id });
  }

  setSource(pos: SourcePos | undefined): void {
    this.checkOpen("setSource");
    const next = pos === undefined ? undefined : { file: pos.file, line: pos.line, column: pos.column };
    if (samePosition(next, this.currentSource)) return;
    this.currentSource = next;
    this.append({ kind: "source", pos: next });
  }

  /** An estimate: every branch at its short size, islands placed so far included. Final
   *  offsets are never smaller. Bind a label where an exact final offset is needed. */
  offset(): number {
    return this.estimatedOffset;
  }

  // --- Moves and arithmetic (A5.2.1, A5.2.2, A5.2.3) -----------------------------------

  movs(rd: Reg, imm8: number): void {
    const d = lowRegister("movs", "rd", rd);
    const imm = scaledImmediate("movs", "immediate", imm8, 0, UINT8_MAX);
    this.emit(registerImm8(REGISTER_IMM8.movs, d, imm));
  }

  movsReg(rd: Reg, rm: Reg): void {
    // MOVS Rd, Rm is LSLS Rd, Rm, #0 (A6.7 MOV (register), encoding T2).
    const d = lowRegister("movs", "rd", rd);
    const m = lowRegister("movs", "rm", rm);
    this.emit(shiftImmediate(SHIFT_IMMEDIATE.lsl, 0, m, d));
  }

  mov(rd: Reg, rm: Reg): void {
    const d = anyRegister("mov", "rd", rd);
    const m = anyRegister("mov", "rm", rm);
    this.emit(specialData(SPECIAL_DATA.movRegister, m, d));
  }

  adds(rd: Reg, rn: Reg, rmOrImm: Reg | { imm: number }): void {
    this.addSub("adds", ADD_SUB_THREE_OPERAND.addsRegister, ADD_SUB_THREE_OPERAND.addsImm3,
      REGISTER_IMM8.adds, rd, rn, rmOrImm);
  }

  subs(rd: Reg, rn: Reg, rmOrImm: Reg | { imm: number }): void {
    this.addSub("subs", ADD_SUB_THREE_OPERAND.subsRegister, ADD_SUB_THREE_OPERAND.subsImm3,
      REGISTER_IMM8.subs, rd, rn, rmOrImm);
  }

  private addSub(
    mnemonic: string, registerOpcode: number, imm3Opcode: number, imm8Opcode: number,
    rd: Reg, rn: Reg, rmOrImm: Reg | { imm: number },
  ): void {
    const d = lowRegister(mnemonic, "rd", rd);
    const n = lowRegister(mnemonic, "rn", rn);
    if (typeof rmOrImm === "number") {
      const m = lowRegister(mnemonic, "rm", rmOrImm);
      this.emit(addSubThreeOperand(registerOpcode, m, n, d));
      return;
    }
    const imm = immediateOperand(mnemonic, rmOrImm);
    const IMM3_MAX = 7;
    if (Number.isInteger(imm) && imm >= 0 && imm <= IMM3_MAX) {
      this.emit(addSubThreeOperand(imm3Opcode, imm, n, d));
    } else if (d === n) {
      this.emit(registerImm8(imm8Opcode, d, scaledImmediate(mnemonic, "immediate", imm, 0, UINT8_MAX)));
    } else {
      fail(mnemonic, `immediate must be an integer in 0..7 (or 0..255 when rd equals rn), got ${formatValue(imm)}`);
    }
  }

  add(rdn: Reg, rm: Reg): void {
    const d = anyRegister("add", "rdn", rdn);
    const m = anyRegister("add", "rm", rm);
    if (d === PC && m === PC) fail("add", "rdn and rm must not both be pc (UNPREDICTABLE, A6.7 ADD (register))");
    this.emit(specialData(SPECIAL_DATA.addRegister, m, d));
  }

  addSp(imm: number): void {
    const SP_ADJUST_MAX = 508;
    this.emit(spAdjust(SP_ADJUST.add, scaledImmediate("add sp", "immediate", imm, 0, SP_ADJUST_MAX, WORD)));
  }

  subSp(imm: number): void {
    const SP_ADJUST_MAX = 508;
    this.emit(spAdjust(SP_ADJUST.sub, scaledImmediate("sub sp", "immediate", imm, 0, SP_ADJUST_MAX, WORD)));
  }

  addRdSp(rd: Reg, imm: number): void {
    const d = lowRegister("add", "rd", rd);
    const imm8 = scaledImmediate("add", "immediate", imm, 0, PC_RELATIVE_MAX_OFFSET, WORD);
    this.emit(registerImm8(REGISTER_IMM8.addRdSp, d, imm8));
  }

  adcs(rdn: Reg, rm: Reg): void { this.emitDataProcessing("adcs", DATA_PROCESSING.adcs, rdn, rm, "rdn"); }
  sbcs(rdn: Reg, rm: Reg): void { this.emitDataProcessing("sbcs", DATA_PROCESSING.sbcs, rdn, rm, "rdn"); }
  rsbs(rd: Reg, rn: Reg): void { this.emitDataProcessing("rsbs", DATA_PROCESSING.rsbs, rd, rn, "rd", "rn"); }
  muls(rdm: Reg, rn: Reg): void { this.emitDataProcessing("muls", DATA_PROCESSING.muls, rdm, rn, "rdm", "rn"); }
  ands(rdn: Reg, rm: Reg): void { this.emitDataProcessing("ands", DATA_PROCESSING.ands, rdn, rm, "rdn"); }
  orrs(rdn: Reg, rm: Reg): void { this.emitDataProcessing("orrs", DATA_PROCESSING.orrs, rdn, rm, "rdn"); }
  eors(rdn: Reg, rm: Reg): void { this.emitDataProcessing("eors", DATA_PROCESSING.eors, rdn, rm, "rdn"); }
  bics(rdn: Reg, rm: Reg): void { this.emitDataProcessing("bics", DATA_PROCESSING.bics, rdn, rm, "rdn"); }
  mvns(rd: Reg, rm: Reg): void { this.emitDataProcessing("mvns", DATA_PROCESSING.mvns, rd, rm, "rd"); }
  tst(rn: Reg, rm: Reg): void { this.emitDataProcessing("tst", DATA_PROCESSING.tst, rn, rm, "rn"); }
  cmn(rn: Reg, rm: Reg): void { this.emitDataProcessing("cmn", DATA_PROCESSING.cmn, rn, rm, "rn"); }
  lslsReg(rdn: Reg, rm: Reg): void { this.emitDataProcessing("lsls", DATA_PROCESSING.lsls, rdn, rm, "rdn"); }
  lsrsReg(rdn: Reg, rm: Reg): void { this.emitDataProcessing("lsrs", DATA_PROCESSING.lsrs, rdn, rm, "rdn"); }
  asrsReg(rdn: Reg, rm: Reg): void { this.emitDataProcessing("asrs", DATA_PROCESSING.asrs, rdn, rm, "rdn"); }
  rors(rdn: Reg, rm: Reg): void { this.emitDataProcessing("rors", DATA_PROCESSING.rors, rdn, rm, "rdn"); }

  /** A5.2.2: the register in bits 2:0 is the destination (or first source); bits 5:3 the other. */
  private emitDataProcessing(
    mnemonic: string, opcode: number, lowField: Reg, midField: Reg, lowName: string, midName = "rm",
  ): void {
    const low = lowRegister(mnemonic, lowName, lowField);
    const mid = lowRegister(mnemonic, midName, midField);
    this.emit(dataProcessing(opcode, mid, low));
  }

  cmp(rn: Reg, rmOrImm: Reg | { imm: number }): void {
    if (typeof rmOrImm !== "number") {
      const n = lowRegister("cmp", "rn", rn);
      const imm = scaledImmediate("cmp", "immediate", immediateOperand("cmp", rmOrImm), 0, UINT8_MAX);
      this.emit(registerImm8(REGISTER_IMM8.cmp, n, imm));
      return;
    }
    const n = registerExcept("cmp", "rn", rn, [PC]);
    const m = registerExcept("cmp", "rm", rmOrImm, [PC]);
    if (n < LOW_REGISTER_COUNT && m < LOW_REGISTER_COUNT) {
      this.emit(dataProcessing(DATA_PROCESSING.cmp, m, n));
    } else {
      // Encoding T2 is UNPREDICTABLE with two low registers, hence T1 above (A6.7 CMP (register)).
      this.emit(specialData(SPECIAL_DATA.cmpRegister, m, n));
    }
  }

  lsls(rd: Reg, rm: Reg, imm5: number): void {
    this.shift("lsls", SHIFT_IMMEDIATE.lsl, rd, rm, imm5, 0, IMM5_MAX);
  }

  lsrs(rd: Reg, rm: Reg, imm5: number): void {
    this.shift("lsrs", SHIFT_IMMEDIATE.lsr, rd, rm, imm5, 1, IMM5_MAX + 1);
  }

  asrs(rd: Reg, rm: Reg, imm5: number): void {
    this.shift("asrs", SHIFT_IMMEDIATE.asr, rd, rm, imm5, 1, IMM5_MAX + 1);
  }

  /** Right shifts by 32 encode imm5 = 0 (A6.4.2 DecodeImmShift). */
  private shift(mnemonic: string, opcode: number, rd: Reg, rm: Reg, amount: number, min: number, max: number): void {
    const d = lowRegister(mnemonic, "rd", rd);
    const m = lowRegister(mnemonic, "rm", rm);
    const imm5 = scaledImmediate(mnemonic, "shift", amount, min, max) & IMM5_MAX;
    this.emit(shiftImmediate(opcode, imm5, m, d));
  }

  rev(rd: Reg, rm: Reg): void { this.emitExtendReverse("rev", EXTEND_REVERSE.rev, rd, rm); }
  rev16(rd: Reg, rm: Reg): void { this.emitExtendReverse("rev16", EXTEND_REVERSE.rev16, rd, rm); }
  revsh(rd: Reg, rm: Reg): void { this.emitExtendReverse("revsh", EXTEND_REVERSE.revsh, rd, rm); }
  sxtb(rd: Reg, rm: Reg): void { this.emitExtendReverse("sxtb", EXTEND_REVERSE.sxtb, rd, rm); }
  sxth(rd: Reg, rm: Reg): void { this.emitExtendReverse("sxth", EXTEND_REVERSE.sxth, rd, rm); }
  uxtb(rd: Reg, rm: Reg): void { this.emitExtendReverse("uxtb", EXTEND_REVERSE.uxtb, rd, rm); }
  uxth(rd: Reg, rm: Reg): void { this.emitExtendReverse("uxth", EXTEND_REVERSE.uxth, rd, rm); }

  private emitExtendReverse(mnemonic: string, opcode: number, rd: Reg, rm: Reg): void {
    const d = lowRegister(mnemonic, "rd", rd);
    const m = lowRegister(mnemonic, "rm", rm);
    this.emit(extendReverse(opcode, m, d));
  }

  // --- Memory (A5.2.4, A5.2.5) ---------------------------------------------------------

  ldr(rt: Reg, rn: Reg, rmOrImm: Reg | { imm: number }): void {
    this.loadStore("ldr", "word", LOAD_STORE_REGISTER.ldr, LOAD_STORE_IMMEDIATE.ldr, REGISTER_IMM8.ldrSp, rt, rn, rmOrImm);
  }

  str(rt: Reg, rn: Reg, rmOrImm: Reg | { imm: number }): void {
    this.loadStore("str", "word", LOAD_STORE_REGISTER.str, LOAD_STORE_IMMEDIATE.str, REGISTER_IMM8.strSp, rt, rn, rmOrImm);
  }

  ldrb(rt: Reg, rn: Reg, rmOrImm: Reg | { imm: number }): void {
    this.loadStore("ldrb", "byte", LOAD_STORE_REGISTER.ldrb, LOAD_STORE_IMMEDIATE.ldrb, undefined, rt, rn, rmOrImm);
  }

  strb(rt: Reg, rn: Reg, rmOrImm: Reg | { imm: number }): void {
    this.loadStore("strb", "byte", LOAD_STORE_REGISTER.strb, LOAD_STORE_IMMEDIATE.strb, undefined, rt, rn, rmOrImm);
  }

  ldrh(rt: Reg, rn: Reg, rmOrImm: Reg | { imm: number }): void {
    this.loadStore("ldrh", "halfword", LOAD_STORE_REGISTER.ldrh, LOAD_STORE_IMMEDIATE.ldrh, undefined, rt, rn, rmOrImm);
  }

  strh(rt: Reg, rn: Reg, rmOrImm: Reg | { imm: number }): void {
    this.loadStore("strh", "halfword", LOAD_STORE_REGISTER.strh, LOAD_STORE_IMMEDIATE.strh, undefined, rt, rn, rmOrImm);
  }

  ldrsb(rt: Reg, rn: Reg, rm: Reg): void { this.loadStoreRegisterOnly("ldrsb", LOAD_STORE_REGISTER.ldrsb, rt, rn, rm); }
  ldrsh(rt: Reg, rn: Reg, rm: Reg): void { this.loadStoreRegisterOnly("ldrsh", LOAD_STORE_REGISTER.ldrsh, rt, rn, rm); }

  /** `spOpcode`: the SP-relative imm8 form, which only word accesses have. */
  private loadStore(
    mnemonic: string, size: LoadStoreSize, registerOpcode: number, immediateOpcode: number,
    spOpcode: number | undefined, rt: Reg, rn: Reg, rmOrImm: Reg | { imm: number },
  ): void {
    if (rn === SP && spOpcode !== undefined) {
      const t = lowRegister(mnemonic, "rt", rt);
      if (typeof rmOrImm === "number") fail(mnemonic, "sp as base register only takes an immediate offset");
      const imm = immediateOperand(mnemonic, rmOrImm);
      this.emit(registerImm8(spOpcode, t, scaledImmediate(mnemonic, "offset", imm, 0, PC_RELATIVE_MAX_OFFSET, WORD)));
      return;
    }
    const t = lowRegister(mnemonic, "rt", rt);
    if (!Number.isInteger(rn) || rn < 0 || rn >= LOW_REGISTER_COUNT) {
      const allowed = spOpcode === undefined ? "a low register (r0-r7)" : "a low register (r0-r7) or sp";
      fail(mnemonic, `rn must be ${allowed}, got ${registerName(rn)}`);
    }
    if (typeof rmOrImm === "number") {
      this.emit(loadStoreRegister(registerOpcode, lowRegister(mnemonic, "rm", rmOrImm), rn, t));
      return;
    }
    const scale = ACCESS_BYTES[size];
    const imm5 = scaledImmediate(mnemonic, "offset", immediateOperand(mnemonic, rmOrImm), 0, IMM5_MAX * scale, scale);
    this.emit(loadStoreImmediate(immediateOpcode, imm5, rn, t));
  }

  private loadStoreRegisterOnly(mnemonic: string, opcode: number, rt: Reg, rn: Reg, rm: Reg): void {
    const t = lowRegister(mnemonic, "rt", rt);
    const n = lowRegister(mnemonic, "rn", rn);
    const m = lowRegister(mnemonic, "rm", rm);
    this.emit(loadStoreRegister(opcode, m, n, t));
  }

  ldrConst(rt: Reg, value: number | SymbolRef): void {
    this.checkOpen("ldr");
    const t = lowRegister("ldr", "rt", rt);
    const literal = typeof value === "number" ? word32("ldr", value) : symbolRef("ldr", value);
    const key = literalKey(literal);
    let entry = this.pool.indexByKey.get(key);
    if (entry === undefined) {
      entry = this.pool.entries.length;
      this.pool.entries.push({ value: literal, firstUseWorstOffset: this.worstOffset });
      this.pool.indexByKey.set(key, entry);
      this.pool.reachBase = Math.max(this.pool.reachBase, entry * WORD - this.worstOffset);
    }
    this.append({ kind: "ldr-literal", rt: t, pool: this.pool, entry });
    this.afterInstruction();
  }

  adr(rd: Reg, label: Label): void {
    this.checkOpen("adr");
    const d = lowRegister("adr", "rd", rd);
    this.append({ kind: "adr", rd: d, label: this.labelId("adr", label) });
    this.afterInstruction();
  }

  push(regs: Reg[]): void {
    const { mask, hasExtra } = registerList("push", regs, LR);
    this.emit(pushPop(PUSH_POP.push, hasExtra, mask));
  }

  pop(regs: Reg[]): void {
    const { mask, hasExtra } = registerList("pop", regs, PC);
    this.emit(pushPop(PUSH_POP.pop, hasExtra, mask));
  }

  ldm(rn: Reg, regs: Reg[]): void {
    const n = lowRegister("ldm", "rn", rn);
    const { mask } = registerList("ldm", regs, undefined);
    this.emit(loadStoreMultiple(LOAD_STORE_MULTIPLE.ldm, n, mask));
  }

  stm(rn: Reg, regs: Reg[]): void {
    const n = lowRegister("stm", "rn", rn);
    const { mask } = registerList("stm", regs, undefined);
    // STM always writes back; a base register in the list other than the lowest one stores
    // an UNKNOWN value (A6.7 STM).
    const lowest = mask & -mask;
    if ((mask & (1 << n)) !== 0 && lowest !== 1 << n) {
      fail("stm", `rn (${registerName(n)}) may only be in the register list if it is the lowest register`);
    }
    this.emit(loadStoreMultiple(LOAD_STORE_MULTIPLE.stm, n, mask));
  }

  // --- Control flow ----------------------------------------------------------------------

  b(label: Label): void {
    this.checkOpen("b");
    this.append({ kind: "branch", cond: undefined, label: this.labelId("b", label), stage: 0 });
    this.afterInstruction();
  }

  bcond(cond: Cond, label: Label): void {
    this.checkOpen("bcond");
    if (typeof cond !== "string" || !Object.hasOwn(CONDITION_CODES, cond)) {
      fail("bcond", `cond must be one of ${Object.keys(CONDITION_CODES).join(", ")}, got ${formatValue(cond)}`);
    }
    this.append({ kind: "branch", cond, label: this.labelId(`b${cond}`, label), stage: 0 });
    this.afterInstruction();
  }

  bl(target: Label | string): void {
    this.checkOpen("bl");
    if (typeof target === "string") {
      if (target === "") fail("bl", "the target symbol name is empty");
      this.append({ kind: "bl-symbol", symbol: target });
    } else {
      this.append({ kind: "bl-label", label: this.labelId("bl", target) });
    }
    this.afterInstruction();
  }

  blx(rm: Reg): void {
    this.emit(branchExchange(BRANCH_EXCHANGE.blx, registerExcept("blx", "rm", rm, [PC])));
  }

  bx(rm: Reg): void {
    // BX PC would ask for ARM state, which ARMv6-M does not have: it always faults.
    this.emit(branchExchange(BRANCH_EXCHANGE.bx, registerExcept("bx", "rm", rm, [PC])));
  }

  // --- System ------------------------------------------------------------------------------

  svc(imm8: number): void { this.immediate8("svc", IMMEDIATE8_OPERATION.svc, imm8); }
  bkpt(imm8: number): void { this.immediate8("bkpt", IMMEDIATE8_OPERATION.bkpt, imm8); }
  udf(imm8: number): void { this.immediate8("udf", IMMEDIATE8_OPERATION.udf, imm8); }

  private immediate8(mnemonic: string, opcode: number, imm8: number): void {
    this.emit(immediate8Operation(opcode, scaledImmediate(mnemonic, "immediate", imm8, 0, UINT8_MAX)));
  }

  cpsid(): void { this.emit(CPSID_I); }
  cpsie(): void { this.emit(CPSIE_I); }
  wfi(): void { this.emit(HINT.wfi); }
  wfe(): void { this.emit(HINT.wfe); }
  sev(): void { this.emit(HINT.sev); }
  yield(): void { this.emit(HINT.yield); }
  nop(): void { this.emit(HINT.nop); }
  dmb(): void { this.emit(...barrier(BARRIER.dmb)); }
  dsb(): void { this.emit(...barrier(BARRIER.dsb)); }
  isb(): void { this.emit(...barrier(BARRIER.isb)); }

  mrs(rd: Reg, sysreg: ReadableSpecialRegister): void {
    // Rd may not be SP or PC (UNPREDICTABLE, B5.2.2 MRS).
    const d = registerExcept("mrs", "rd", rd, [SP, PC]);
    if (!READABLE_SPECIAL_REGISTERS.includes(sysreg)) {
      fail("mrs", `special register must be one of ${READABLE_SPECIAL_REGISTERS.join(", ")}, got ${formatValue(sysreg)}`);
    }
    this.emit(...moveFromSpecialRegister(d, SPECIAL_REGISTERS[sysreg]));
  }

  msr(sysreg: WritableSpecialRegister, rn: Reg): void {
    // Rn may not be SP or PC (UNPREDICTABLE, B5.2.3 MSR).
    const n = registerExcept("msr", "rn", rn, [SP, PC]);
    if (!WRITABLE_SPECIAL_REGISTERS.includes(sysreg)) {
      fail("msr", `special register must be one of ${WRITABLE_SPECIAL_REGISTERS.join(", ")}, got ${formatValue(sysreg)}`);
    }
    this.emit(...moveToSpecialRegister(n, SPECIAL_REGISTERS[sysreg]));
  }

  // --- Inline data ------------------------------------------------------------------------
  // No pool island is placed after inline data (only after instructions), so a table
  // emitted as consecutive word/half calls stays in one piece.

  align(bytes: 2 | 4): void {
    this.checkOpen("align");
    if (bytes !== HALFWORD && bytes !== WORD) fail("align", `bytes must be 2 or 4, got ${formatValue(bytes)}`);
    this.append({ kind: "align", bytes });
  }

  word(value: number | SymbolRef): void {
    this.checkOpen(".word");
    if (typeof value === "number") {
      this.append({ kind: "data", bytes: littleEndian(word32(".word", value), WORD) });
    } else {
      this.append({ kind: "data", bytes: littleEndian(0, WORD), symbol: symbolRef(".word", value) });
    }
  }

  half(value: number): void {
    this.checkOpen(".half");
    if (!Number.isInteger(value) || !inRange(value, UINT16_RANGE)) {
      fail(".half", `value must be a 16-bit integer (signed or unsigned), got ${formatValue(value)}`);
    }
    this.append({ kind: "data", bytes: littleEndian(value & HALFWORD_MASK, HALFWORD) });
  }

  // --- finish ------------------------------------------------------------------------------

  finish(): AssembledCode {
    this.checkOpen("finish");
    this.finished = true;
    if (this.pool.entries.length > 0) this.placePool(false);

    for (const item of this.items) {
      if ((item.kind === "branch" || item.kind === "bl-label" || item.kind === "adr") && !this.bound.has(item.label)) {
        fail(itemMnemonic(item), `label L${item.label} is used but never bound`);
      }
    }

    let layout = this.layout();
    while (this.growBranches(layout)) layout = this.layout();
    return this.encode(layout);
  }

  // --- Internals ---------------------------------------------------------------------------

  /** CBZ rn, label (or CBNZ with `nonzero`), relaxed like bcond. For the Thumb-2 assembler. */
  protected zeroBranch(rn: Reg, label: Label, nonzero: boolean): void {
    const mnemonic = nonzero ? "cbnz" : "cbz";
    this.checkOpen(mnemonic);
    const n = lowRegister(mnemonic, "rn", rn);
    this.append({ kind: "branch", cond: "eq", label: this.labelId(mnemonic, label), stage: 0, zero: { rn: n, nonzero } });
    this.afterInstruction();
  }

  /** Instructions still to come in the current IT block: no pool island may split it. */
  protected itBlockLeft = 0;

  protected checkOpen(mnemonic: string): void {
    if (this.finished) fail(mnemonic, "finish() was already called; create a new assembler for the next function");
  }

  private labelId(mnemonic: string, label: Label): number {
    const id = label?.id;
    if (typeof id !== "number" || this.labels[id] !== label) {
      fail(mnemonic, `label ${formatValue(label)} was not created by this assembler's newLabel()`);
    }
    return id;
  }

  protected emit(...halfwords: number[]): void {
    this.checkOpen("assembler");
    this.append({ kind: "fixed", halfwords });
    this.afterInstruction();
  }

  private append(item: Item): void {
    this.items.push(item);
    this.estimatedOffset += sizeAt(item, this.estimatedOffset);
    this.worstOffset += worstSize(item);
  }

  /** Places the pending pool as an island if a later placement might leave it out of reach. */
  private afterInstruction(): void {
    if (this.itBlockLeft > 0) { this.itBlockLeft--; return; }
    const pool = this.pool;
    if (pool.entries.length === 0) return;
    const islandAt = this.worstOffset + ISLAND_LOOKAHEAD;
    const farthestExisting = islandAt + pool.reachBase + LITERAL_SLACK;
    // An LDR emitted next may add one more entry, which lands after all the others.
    const farthestNew = islandAt - this.worstOffset + pool.entries.length * WORD + LITERAL_SLACK;
    if (Math.max(farthestExisting, farthestNew) > PC_RELATIVE_MAX_OFFSET) this.placePool(true);
  }

  private placePool(island: boolean): void {
    const pool = this.pool;
    pool.island = island;
    pool.itemIndex = this.items.length;
    this.append(pool);
    this.pool = Assembler.newPool();
  }

  private layout(): Layout {
    const offsets: number[] = [];
    const labelOffsets = new Map<number, number>();
    let offset = 0;
    for (const item of this.items) {
      offsets.push(offset);
      if (item.kind === "label") labelOffsets.set(item.label, offset);
      offset += sizeAt(item, offset);
    }
    return { offsets, labelOffsets, size: offset };
  }

  /** Moves every branch that does not reach to its next stage; true if any grew. */
  private growBranches(layout: Layout): boolean {
    let grew = false;
    this.items.forEach((item, index) => {
      if (item.kind !== "branch") return;
      const sizes = item.cond === undefined ? UNCONDITIONAL_BRANCH_SIZES : CONDITIONAL_BRANCH_SIZES;
      const at = layout.offsets[index];
      const target = layout.labelOffsets.get(item.label)!;
      while (!branchReaches(item, at, target)) {
        item.stage += 1;
        grew = true;
        if (item.stage >= sizes.length) {
          fail(itemMnemonic(item), `label L${item.label} is out of reach even for BL (${target - at} bytes)`);
        }
      }
    });
    return grew;
  }

  private encode(layout: Layout): AssembledCode {
    const bytes = new Uint8Array(layout.size);
    const relocs: Reloc[] = [];
    const markers: { offset: number; pos: SourcePos | undefined }[] = [];
    const writeHalfwords = (at: number, halfwords: Halfwords): void => {
      halfwords.forEach((halfword, i) => {
        bytes.set(littleEndian(halfword, HALFWORD), at + i * HALFWORD);
      });
    };
    const labelAt = (label: number): number => layout.labelOffsets.get(label)!;

    this.items.forEach((item, index) => {
      const at = layout.offsets[index];
      switch (item.kind) {
        case "fixed":
          writeHalfwords(at, item.halfwords);
          break;
        case "label":
          break;
        case "source":
          markers.push({ offset: at, pos: item.pos });
          break;
        case "branch":
          writeHalfwords(at, encodeBranch(item, at, labelAt(item.label)));
          break;
        case "bl-label":
          writeHalfwords(at, branchWithLink(labelAt(item.label) - (at + PC_READ_AHEAD)));
          break;
        case "bl-symbol":
          // The linker writes the offset (ELF R_ARM_THM_CALL semantics); the bytes stay 0.
          relocs.push({ offset: at, kind: "thumb-call", symbol: item.symbol, addend: 0 });
          break;
        case "adr": {
          const target = labelAt(item.label);
          const distance = target - alignedPc(at);
          if (target % WORD !== 0) {
            fail("adr", `label L${item.label} is at offset ${target}, which is not word-aligned (call align(4) before bind)`);
          }
          if (distance < 0 || distance > PC_RELATIVE_MAX_OFFSET) {
            fail("adr", `label L${item.label} is ${distance} bytes from Align(PC, 4); adr reaches 0..${PC_RELATIVE_MAX_OFFSET} forwards`);
          }
          writeHalfwords(at, [registerImm8(REGISTER_IMM8.adr, item.rd, distance / WORD)]);
          break;
        }
        case "ldr-literal": {
          const entryOffset = poolDataStart(item.pool, layout) + item.entry * WORD;
          const distance = entryOffset - alignedPc(at);
          if (distance < 0 || distance > PC_RELATIVE_MAX_OFFSET) {
            // Only possible after more than ISLAND_LOOKAHEAD bytes of inline data in a row.
            fail("ldr", `literal ${formatLiteral(item.pool.entries[item.entry].value)} at offset ${at} is ${distance} bytes from its pool; ` +
              `ldr reaches ${PC_RELATIVE_MAX_OFFSET} (break up inline data longer than ${ISLAND_LOOKAHEAD} bytes)`);
          }
          writeHalfwords(at, [registerImm8(REGISTER_IMM8.ldrLiteral, item.rt, distance / WORD)]);
          break;
        }
        case "align":
          fillWithNops(writeHalfwords, at, sizeAt(item, at));
          break;
        case "data":
          bytes.set(item.bytes, at);
          if (item.symbol) relocs.push({ offset: at, kind: "abs32", ...item.symbol });
          break;
        case "pool": {
          const dataStart = poolDataStart(item, layout);
          if (item.island) {
            const end = dataStart + item.entries.length * WORD;
            writeHalfwords(at, [unconditionalBranch(end - (at + PC_READ_AHEAD))]);
          }
          const branchSize = item.island ? ISLAND_BRANCH_SIZE : 0;
          fillWithNops(writeHalfwords, at + branchSize, dataStart - (at + branchSize));
          item.entries.forEach((entry, i) => {
            const entryAt = dataStart + i * WORD;
            if (typeof entry.value === "number") {
              bytes.set(littleEndian(entry.value, WORD), entryAt);
            } else {
              relocs.push({ offset: entryAt, kind: "abs32", ...entry.value });
            }
          });
          break;
        }
      }
    });

    const labelOffsets = new Map<number, number>();
    for (const id of [...this.bound].sort((a, b) => a - b)) labelOffsets.set(id, labelAt(id));
    // Markers after the last instruction would only describe the final pool.
    const last = this.items.at(-1);
    const codeEnd = last?.kind === "pool" && !last.island ? layout.offsets[last.itemIndex] : layout.size;
    return { bytes, relocs, lines: lineTable(markers, codeEnd), labelOffsets };
  }
}

interface Layout {
  offsets: number[];
  labelOffsets: Map<number, number>;
  size: number;
}

function itemMnemonic(item: Item): string {
  switch (item.kind) {
    case "branch": return item.zero ? (item.zero.nonzero ? "cbnz" : "cbz") : item.cond === undefined ? "b" : `b${item.cond}`;
    case "bl-label": return "bl";
    case "adr": return "adr";
    default: return item.kind;
  }
}

function samePosition(a: SourcePos | undefined, b: SourcePos | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.file === b.file && a.line === b.line && a.column === b.column;
}

function littleEndian(value: number, size: number): number[] {
  const bytes: number[] = [];
  for (let i = 0; i < size; i++) bytes.push((value >>> (BITS_PER_BYTE * i)) & BYTE_MASK);
  return bytes;
}

/** Padding may be executed (align before a label that code falls into), so it is NOPs. */
function fillWithNops(write: (at: number, halfwords: Halfwords) => void, at: number, size: number): void {
  write(at, new Array<number>(size / HALFWORD).fill(HINT.nop));
}

/** The value LDR (literal) and ADR add their offset to: Align(PC, 4). */
function alignedPc(at: number): number {
  return Math.floor((at + PC_READ_AHEAD) / WORD) * WORD;
}

function poolDataStart(pool: PoolItem, layout: Layout): number {
  const at = layout.offsets[pool.itemIndex];
  return alignUp(at + (pool.island ? ISLAND_BRANCH_SIZE : 0), WORD);
}

function sizeAt(item: Item, offset: number): number {
  switch (item.kind) {
    case "fixed": return item.halfwords.length * HALFWORD;
    case "label": case "source": return 0;
    case "branch":
      return (item.cond === undefined ? UNCONDITIONAL_BRANCH_SIZES : CONDITIONAL_BRANCH_SIZES)[item.stage];
    case "bl-label": case "bl-symbol": return BL_SIZE;
    case "adr": case "ldr-literal": return HALFWORD;
    case "align": return alignUp(offset, item.bytes) - offset;
    case "data": return item.bytes.length;
    case "pool": {
      const branchEnd = offset + (item.island ? ISLAND_BRANCH_SIZE : 0);
      return alignUp(branchEnd, WORD) - offset + item.entries.length * WORD;
    }
  }
}

/** The largest size an item can take in any layout. */
function worstSize(item: Item): number {
  switch (item.kind) {
    case "branch":
      return (item.cond === undefined ? UNCONDITIONAL_BRANCH_SIZES : CONDITIONAL_BRANCH_SIZES).at(-1)!;
    case "align": return item.bytes - HALFWORD;
    case "pool": return (item.island ? ISLAND_BRANCH_SIZE : 0) + MAX_POOL_PADDING + item.entries.length * WORD;
    default: return sizeAt(item, 0);
  }
}

type BranchItem = Extract<Item, { kind: "branch" }>;

/** Offset of the B or BL inside a relaxed branch: after the inverted B<cond>, if any. */
function finalBranchAt(item: BranchItem, at: number): number {
  return item.cond !== undefined && item.stage > 0 ? at + HALFWORD : at;
}

function usesBl(item: BranchItem): boolean {
  const blStage = item.cond === undefined ? 1 : 2;
  return item.stage === blStage;
}

function branchReaches(item: BranchItem, at: number, target: number): boolean {
  const offset = target - (finalBranchAt(item, at) + PC_READ_AHEAD);
  if (item.zero && item.stage === 0) return inRange(offset, COMPARE_ZERO_BRANCH_RANGE) && offset % HALFWORD === 0;
  if (item.cond !== undefined && item.stage === 0) return inRange(offset, CONDITIONAL_BRANCH_RANGE);
  return inRange(offset, usesBl(item) ? BRANCH_LINK_RANGE : BRANCH_RANGE);
}

function encodeBranch(item: BranchItem, at: number, target: number): Halfwords {
  const branchAt = finalBranchAt(item, at);
  const offset = target - (branchAt + PC_READ_AHEAD);
  if (item.zero && item.stage === 0) return [compareZeroBranch(item.zero.nonzero, item.zero.rn, offset)];
  if (item.cond !== undefined && item.stage === 0) return [conditionalBranch(item.cond, offset)];
  const branch = usesBl(item) ? branchWithLink(offset) : [unconditionalBranch(offset)];
  if (item.cond === undefined) return branch;
  // B<!cond> skips the B/BL that follows it: its target is branchAt + size of that branch.
  const skip = branchAt + branch.length * HALFWORD - (at + PC_READ_AHEAD);
  if (item.zero) return [compareZeroBranch(!item.zero.nonzero, item.zero.rn, skip), ...branch];
  return [conditionalBranch(invertCondition(item.cond), skip), ...branch];
}

/** One entry wherever the position changes; markers at the same offset keep the last. */
function lineTable(markers: { offset: number; pos: SourcePos | undefined }[], codeEnd: number): LineEntry[] {
  const effective: { offset: number; pos: SourcePos | undefined }[] = [];
  for (const marker of markers) {
    if (effective.length > 0 && effective.at(-1)!.offset === marker.offset) effective.pop();
    effective.push(marker);
  }
  const lines: LineEntry[] = [];
  for (const { offset, pos } of effective) {
    if (pos === undefined || offset >= codeEnd) continue;
    if (lines.length > 0 && samePosition(lines.at(-1), pos)) continue;
    lines.push({ offset, ...pos });
  }
  return lines;
}

export function createAssembler(): ThumbAssembler {
  return new Assembler();
}
