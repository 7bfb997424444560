// The contract between the code generators (ports/<arch>/codegen) and the Thumb assembler
// (sdk/compiler/asm/thumb.ts). The assembler knows encodings, literal pools and branch
// ranges; it knows nothing about JavaScript values.

/** r0..r12, SP = 13, LR = 14, PC = 15. */
export type Reg = number;
export const R0 = 0, R1 = 1, R2 = 2, R3 = 3, R4 = 4, R5 = 5, R6 = 6, R7 = 7;
export const R8 = 8, R9 = 9, R10 = 10, R11 = 11, R12 = 12, SP = 13, LR = 14, PC = 15;

export type Cond =
  | "eq" | "ne" | "cs" | "cc" | "mi" | "pl" | "vs" | "vc"
  | "hi" | "ls" | "ge" | "lt" | "gt" | "le";

/** A position in the function's code, bound once with `bind`. */
export interface Label { readonly id: number }

/** A reference to a linker symbol; the linker adds `addend` to its address. */
export interface SymbolRef { symbol: string; addend?: number }

/** `memberCall`: a call through a property (`o.f()`, `a[i]()`), where V8 names a called
 *  function value after its receiver (err.stack, lower/error-stacks.ts). */
export interface SourcePos { file: string; line: number; column: number; memberCall?: boolean }

export type RelocKind =
  | "abs32"        // 32-bit absolute address (literal pool word, data word)
  | "thumb-call";  // BL to a symbol (±16 MB, encoded by the linker)

/** `method`: a method-table slot of that name (link/reachable.ts keeps its target only if a
 *  kept function calls a method of that name). */
export interface Reloc { offset: number; kind: RelocKind; symbol: string; addend: number; method?: string }

export interface LineEntry { offset: number; file: string; line: number; column: number }

export interface AssembledCode {
  bytes: Uint8Array;
  relocs: Reloc[];
  /** Sorted by offset; one entry wherever the source position changes. */
  lines: LineEntry[];
  /** Offsets of bound labels, by label id (for tests and debugging). */
  labelOffsets: Map<number, number>;
}

/**
 * One function (or one blob of hand-written runtime code) at a time. Instruction methods
 * are named after their UAL mnemonics; the `s` suffix is part of the name where ARMv6-M
 * only has the flag-setting form. Register operands must be what the encoding allows
 * (low registers r0-r7 unless noted); a bad operand throws an Error naming the instruction.
 */
export interface ThumbAssembler {
  newLabel(): Label;
  bind(label: Label): void;
  /** Source position attached to the instructions emitted from now on (undefined: none). */
  setSource(pos: SourcePos | undefined): void;
  /** Current code offset in bytes (before literal pools are placed). */
  offset(): number;

  // Moves and arithmetic.
  movs(rd: Reg, imm8: number): void;             // MOVS rd, #imm8
  movsReg(rd: Reg, rm: Reg): void;               // MOVS rd, rm (low regs; sets flags)
  mov(rd: Reg, rm: Reg): void;                   // MOV rd, rm (any regs incl. high; no flags)
  adds(rd: Reg, rn: Reg, rmOrImm: Reg | { imm: number }): void; // reg, #imm3, or rd==rn #imm8
  add(rdn: Reg, rm: Reg): void;                  // ADD rdn, rm (any regs, no flags)
  addSp(imm: number): void;                      // ADD SP, SP, #imm (multiple of 4, ≤ 508)
  addRdSp(rd: Reg, imm: number): void;           // ADD rd, SP, #imm (multiple of 4, ≤ 1020)
  subs(rd: Reg, rn: Reg, rmOrImm: Reg | { imm: number }): void; // reg, #imm3, or rd==rn #imm8
  subSp(imm: number): void;                      // SUB SP, SP, #imm
  adcs(rdn: Reg, rm: Reg): void;
  sbcs(rdn: Reg, rm: Reg): void;
  rsbs(rd: Reg, rn: Reg): void;                  // RSBS rd, rn, #0 (negate)
  muls(rdm: Reg, rn: Reg): void;                 // MULS rdm, rn, rdm
  ands(rdn: Reg, rm: Reg): void;
  orrs(rdn: Reg, rm: Reg): void;
  eors(rdn: Reg, rm: Reg): void;
  bics(rdn: Reg, rm: Reg): void;
  mvns(rd: Reg, rm: Reg): void;
  tst(rn: Reg, rm: Reg): void;
  cmp(rn: Reg, rmOrImm: Reg | { imm: number }): void; // imm8 with low rn; any regs for reg form
  cmn(rn: Reg, rm: Reg): void;
  lsls(rd: Reg, rm: Reg, imm5: number): void;
  lsrs(rd: Reg, rm: Reg, imm5: number): void;    // imm5 1..32
  asrs(rd: Reg, rm: Reg, imm5: number): void;    // imm5 1..32
  lslsReg(rdn: Reg, rm: Reg): void;
  lsrsReg(rdn: Reg, rm: Reg): void;
  asrsReg(rdn: Reg, rm: Reg): void;
  rors(rdn: Reg, rm: Reg): void;
  rev(rd: Reg, rm: Reg): void;
  rev16(rd: Reg, rm: Reg): void;
  revsh(rd: Reg, rm: Reg): void;
  sxtb(rd: Reg, rm: Reg): void;
  sxth(rd: Reg, rm: Reg): void;
  uxtb(rd: Reg, rm: Reg): void;
  uxth(rd: Reg, rm: Reg): void;

  // Memory. Immediate offsets are in bytes and must be encodable (scaled imm5, or imm8*4
  // for SP-relative); `rmOrImm` as a register gives the register-offset form.
  ldr(rt: Reg, rn: Reg, rmOrImm: Reg | { imm: number }): void;  // rn may be SP (imm only)
  str(rt: Reg, rn: Reg, rmOrImm: Reg | { imm: number }): void;  // rn may be SP (imm only)
  ldrb(rt: Reg, rn: Reg, rmOrImm: Reg | { imm: number }): void;
  strb(rt: Reg, rn: Reg, rmOrImm: Reg | { imm: number }): void;
  ldrh(rt: Reg, rn: Reg, rmOrImm: Reg | { imm: number }): void;
  strh(rt: Reg, rn: Reg, rmOrImm: Reg | { imm: number }): void;
  ldrsb(rt: Reg, rn: Reg, rm: Reg): void;
  ldrsh(rt: Reg, rn: Reg, rm: Reg): void;
  /** LDR rt, =value: a 32-bit constant or symbol address from this function's literal pool. */
  ldrConst(rt: Reg, value: number | SymbolRef): void;
  /** ADR rd, label (label must be word-aligned and after this instruction). */
  adr(rd: Reg, label: Label): void;
  push(regs: Reg[]): void;                       // r0-r7 and LR
  pop(regs: Reg[]): void;                        // r0-r7 and PC
  ldm(rn: Reg, regs: Reg[]): void;               // LDM rn!, {…} (writeback unless rn in list)
  stm(rn: Reg, regs: Reg[]): void;               // STM rn!, {…}

  // Control flow. Branches are relaxed automatically: a conditional branch out of range
  // becomes an inverted branch over a B, and a B out of range becomes a BL (the function
  // must have saved LR, which every function with a frame does).
  b(label: Label): void;
  bcond(cond: Cond, label: Label): void;
  bl(target: Label | string): void;              // string: a linker symbol (thumb-call reloc)
  blx(rm: Reg): void;
  bx(rm: Reg): void;

  // System.
  svc(imm8: number): void;
  bkpt(imm8: number): void;
  udf(imm8: number): void;
  cpsid(): void;                                 // CPSID i
  cpsie(): void;                                 // CPSIE i
  wfi(): void;
  wfe(): void;
  sev(): void;
  yield(): void;
  nop(): void;
  dmb(): void;
  dsb(): void;
  isb(): void;
  mrs(rd: Reg, sysreg: "apsr" | "ipsr" | "epsr" | "iapsr" | "eapsr" | "xpsr" | "msp" | "psp" | "primask" | "control"): void;
  msr(sysreg: "apsr" | "msp" | "psp" | "primask" | "control", rn: Reg): void;

  // Data inside code (jump tables, inline constants).
  align(bytes: 2 | 4): void;
  word(value: number | SymbolRef): void;
  half(value: number): void;

  /** Places the pending literal pool, binds all labels, relaxes branches, returns the code. */
  finish(): AssembledCode;
}
