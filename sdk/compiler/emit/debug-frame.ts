// `.debug_frame` call frame information (DWARF 4 §6.4), derived by scanning each
// function's Thumb code for the instructions that move SP or save registers.
//
// Why not rely on gdb's ARM prologue analyser: with gdb 13.1 against QEMU 7.2's
// M-profile gdbstub, a frame unwound by the prologue analyser is reported as the
// outermost one, so `bt` shows only frame #0 — the same happens to a GCC-built ELF
// with its .debug_frame stripped. With CFI, gdb's DWARF unwinder is used and works.
//
// The scan follows the code in address order and understands the ARMv6-M forms that
// change SP (ARMv6-M ARM A6.7): PUSH, POP, ADD SP/SUB SP #imm, plus the returns
// (POP {…, pc}, BX LR) and the unconditional B. It assumes what our code generator and
// the hand-written runtime do: a prologue (pushes, SUB SP), possibly after a test that
// returns with BX LR before anything is pushed, then a body with a fixed SP, and epilogues
// ending in a return. After a return or an unconditional
// branch the code that follows is another path through the body, so the state goes back
// to the one after the prologue. An instruction that sets SP any other way (MOV SP, ADD
// SP, Rm, MSR MSP) ends the function's FDE there: gdb then falls back to its analyser for
// the rest rather than trusting wrong rules.

import type { LinkedImage, LinkedSymbol } from "../link/types.ts";
import { LINKER_MODULE } from "../link/link.ts";
import { ByteWriter } from "./byte-writer.ts";

// §7.23 call frame instruction encodings.
const DW_CFA_advance_loc = 0x40; // high 2 bits; delta in the low 6
const DW_CFA_offset = 0x80; // high 2 bits; register in the low 6
const DW_CFA_restore = 0xc0; // high 2 bits; register in the low 6
const DW_CFA_nop = 0x00;
const DW_CFA_advance_loc1 = 0x02;
const DW_CFA_advance_loc2 = 0x03;
const DW_CFA_advance_loc4 = 0x04;
const DW_CFA_def_cfa = 0x0c;
const DW_CFA_def_cfa_offset = 0x0e;
const ADVANCE_LOC_MAX = 0x3f;

/** §6.4.1: a CIE in .debug_frame has this id; version 1 is what every consumer reads. */
const CIE_ID = 0xffffffff;
const CIE_VERSION = 1;
/** Thumb instructions are multiples of 2 bytes; saved registers are words below the CFA.
 *  The same factors GCC uses for ARM. */
const CODE_ALIGNMENT_FACTOR = 2;
const DATA_ALIGNMENT_FACTOR = -4;
/** DWARF register numbers for ARM ("DWARF for the Arm Architecture" §4.1): r0–r15 are 0–15. */
const SP = 13;
const LR = 14;
const PC = 15;
const WORD = 4;

interface FrameState {
  /** CFA = SP + cfaOffset. */
  cfaOffset: number;
  /** Register → its save slot's offset below the CFA (positive: CFA - n). */
  saved: Map<number, number>;
}

interface Row {
  address: number;
  state: FrameState;
}

function cloneState(state: FrameState): FrameState {
  return { cfaOffset: state.cfaOffset, saved: new Map(state.saved) };
}

function sameState(a: FrameState, b: FrameState): boolean {
  if (a.cfaOffset !== b.cfaOffset || a.saved.size !== b.saved.size) return false;
  for (const [reg, offset] of a.saved) if (b.saved.get(reg) !== offset) return false;
  return true;
}

function registerList(bits: number): number[] {
  const regs: number[] = [];
  for (let r = 0; r < 8; r++) if (bits & (1 << r)) regs.push(r);
  return regs;
}

function wideRegisterList(bits: number): number[] {
  const regs: number[] = [];
  for (let r = 0; r < 16; r++) if (bits & (1 << r)) regs.push(r);
  return regs;
}

/** ARMv6-M ARM A5.1: a halfword starting 0b11101, 0b11110 or 0b11111 begins a 32-bit instruction. */
function isWide(first: number): boolean {
  return (first >>> 11) >= 0b11101;
}

type Effect =
  | { kind: "push"; regs: number[] }
  | { kind: "pop"; regs: number[]; returns: boolean }
  | { kind: "adjust"; bytes: number } // SP += bytes (negative: SUB SP)
  | { kind: "return" }
  | { kind: "jump" }
  | { kind: "branch" }
  | { kind: "unknown-sp" }
  | { kind: "none" };

/** What one instruction does to the frame (ARMv6-M ARM A6.7 encodings). */
function effectOf(first: number, second: number | undefined): Effect {
  if (second !== undefined) {
    // MSR SP_main/SP_process, Rn (A6.7.41): writes a stack pointer.
    if ((first & 0xfff0) === 0xf380 && (second & 0xff00) === 0x8800 && ((second & 0xff) === 8 || (second & 0xff) === 9)) {
      return { kind: "unknown-sp" };
    }
    // PUSH.W / POP.W (ARMv7-M A7.7.99, A7.7.101, encoding T2): a 16-bit register list.
    if (first === 0xe92d) return { kind: "push", regs: wideRegisterList(second) };
    if (first === 0xe8bd) return { kind: "pop", regs: wideRegisterList(second), returns: (second & (1 << PC)) !== 0 };
    // BL (A6.7.13): a call; returns here, so the frame is unchanged but it is a branch.
    if ((first & 0xf800) === 0xf000 && (second & 0xd000) === 0xd000) return { kind: "branch" };
    return { kind: "none" };
  }
  if ((first & 0xfe00) === 0xb400) {
    // PUSH (A6.7.50): bit 8 adds LR.
    const regs = registerList(first & 0xff);
    if (first & 0x100) regs.push(LR);
    return { kind: "push", regs };
  }
  if ((first & 0xfe00) === 0xbc00) {
    // POP (A6.7.49): bit 8 adds PC, which makes it a return.
    const regs = registerList(first & 0xff);
    const returns = (first & 0x100) !== 0;
    if (returns) regs.push(PC);
    return { kind: "pop", regs, returns };
  }
  if ((first & 0xff80) === 0xb000) return { kind: "adjust", bytes: (first & 0x7f) * WORD }; // ADD SP, SP, #imm (A6.7.5)
  if ((first & 0xff80) === 0xb080) return { kind: "adjust", bytes: -(first & 0x7f) * WORD }; // SUB SP, SP, #imm (A6.7.68)
  if (first === 0x4770) return { kind: "return" }; // BX LR (A6.7.15)
  if ((first & 0xff80) === 0x4700) return { kind: "jump" }; // BX Rm: a tail call or computed jump
  if ((first & 0xff80) === 0x4780) return { kind: "branch" }; // BLX Rm
  if ((first & 0xf800) === 0xe000) return { kind: "jump" }; // B (T2), unconditional (A6.7.10)
  if ((first & 0xf000) === 0xd000 && (first & 0x0e00) !== 0x0e00) return { kind: "branch" }; // B<cond> (T1)
  if ((first & 0xf500) === 0xb100) return { kind: "branch" }; // CBZ/CBNZ (ARMv7-M A7.7.21)
  // MOV SP, Rm (A6.7.40 T1, Rd = 13) and ADD SP, Rm (A6.7.3 T2, Rdn = 13).
  if ((first & 0xff87) === 0x4685 || (first & 0xff87) === 0x4485) return { kind: "unknown-sp" };
  return { kind: "none" };
}

interface FunctionFrame {
  symbol: LinkedSymbol;
  /** Where the FDE stops (the function end, or the first instruction we cannot follow). */
  end: number;
  rows: Row[];
}

function scanFunction(symbol: LinkedSymbol, code: Uint8Array, dataRanges: Array<{ address: number; size: number }>): FunctionFrame {
  const view = new DataView(code.buffer, code.byteOffset, code.byteLength);
  const start = symbol.address;
  const end = symbol.address + symbol.size;
  let state: FrameState = { cfaOffset: 0, saved: new Map() };
  let bodyState: FrameState | undefined;
  const rows: Row[] = [{ address: start, state: cloneState(state) }];
  const setState = (address: number, next: FrameState) => {
    state = next;
    const last = rows[rows.length - 1];
    if (last.address === address) last.state = cloneState(next);
    else rows.push({ address, state: cloneState(next) });
  };

  let at = start;
  while (at + 2 <= end) {
    const data = dataRanges.find((r) => at >= r.address && at < r.address + r.size);
    if (data) {
      at = data.address + data.size;
      continue;
    }
    const first = view.getUint16(at - start, true);
    const wide = isWide(first) && at + 4 <= end;
    const effect = effectOf(first, wide ? view.getUint16(at - start + 2, true) : undefined);
    const next = at + (wide ? 4 : 2);
    const isControl = effect.kind === "branch" || effect.kind === "jump" || effect.kind === "return" ||
      effect.kind === "pop" || (effect.kind === "adjust" && effect.bytes > 0);
    // The body's state is the frame at the first control transfer after something was pushed:
    // a test that returns before the prologue (ports/armv6m/codegen/early-exit.ts) runs with
    // the entry's frame, and the code after its return is the prologue.
    if (isControl && !bodyState && state.cfaOffset > 0) bodyState = cloneState(state);

    switch (effect.kind) {
      case "push": {
        const grown = cloneState(state);
        grown.cfaOffset += effect.regs.length * WORD;
        // The lowest-numbered register goes to the lowest address (A6.7.50).
        effect.regs.forEach((reg, i) => grown.saved.set(reg, grown.cfaOffset - i * WORD));
        setState(next, grown);
        break;
      }
      case "pop": {
        if (effect.returns) {
          setState(next, cloneState(bodyState ?? state));
        } else {
          const shrunk = cloneState(state);
          shrunk.cfaOffset -= effect.regs.length * WORD;
          if (shrunk.cfaOffset < 0) return { symbol, end: at, rows: rows.filter((r) => r.address < at) };
          for (const reg of effect.regs) shrunk.saved.delete(reg);
          setState(next, shrunk);
        }
        break;
      }
      case "adjust": {
        const adjusted = cloneState(state);
        adjusted.cfaOffset -= effect.bytes;
        // More released than reserved: not a frame we understand.
        if (adjusted.cfaOffset < 0) return { symbol, end: at, rows: rows.filter((r) => r.address < at) };
        setState(next, adjusted);
        break;
      }
      case "return":
      case "jump":
        setState(next, cloneState(bodyState ?? state));
        break;
      case "unknown-sp":
        return { symbol, end: at, rows: rows.filter((r) => r.address < at) };
      case "branch":
      case "none":
        break;
    }
    at = next;
  }
  return { symbol, end, rows: rows.filter((r) => r.address < end) };
}

function writeAdvance(out: ByteWriter, bytes: number): void {
  const delta = bytes / CODE_ALIGNMENT_FACTOR;
  if (delta === 0) return;
  if (delta <= ADVANCE_LOC_MAX) out.u8(DW_CFA_advance_loc | delta);
  else if (delta <= 0xff) out.u8(DW_CFA_advance_loc1).u8(delta);
  else if (delta <= 0xffff) out.u8(DW_CFA_advance_loc2).u16(delta);
  else out.u8(DW_CFA_advance_loc4).u32(delta);
}

function writeStateChange(out: ByteWriter, from: FrameState, to: FrameState): void {
  if (to.cfaOffset !== from.cfaOffset) out.u8(DW_CFA_def_cfa_offset).uleb(to.cfaOffset);
  for (const [reg, offset] of to.saved) {
    if (from.saved.get(reg) !== offset) out.u8(DW_CFA_offset | reg).uleb(offset / -DATA_ALIGNMENT_FACTOR);
  }
  for (const reg of from.saved.keys()) if (!to.saved.has(reg)) out.u8(DW_CFA_restore | reg);
}

/** Reads `size` bytes at run address `address` from the image's sections. */
function codeAt(image: LinkedImage, address: number, size: number): Uint8Array | undefined {
  for (const section of image.sections) {
    if (address >= section.address && address + size <= section.address + section.bytes.length) {
      return section.bytes.subarray(address - section.address, address - section.address + size);
    }
  }
  return undefined;
}

/** The .debug_frame contents, or undefined when the image has no functions. */
export function buildDebugFrame(image: LinkedImage): Uint8Array | undefined {
  const functions = image.symbols.filter((s) => s.kind === "func" && s.module !== LINKER_MODULE && s.size >= 2);
  if (functions.length === 0) return undefined;
  const dataRanges = image.dataInCode ?? [];
  const out = new ByteWriter();

  // CIE (§6.4.1): on entry CFA = SP, and the return address is in LR.
  const cieStart = out.length;
  out.u32(0).u32(CIE_ID).u8(CIE_VERSION).u8(0); // length (patched), id, version, no augmentation
  out.uleb(CODE_ALIGNMENT_FACTOR).sleb(DATA_ALIGNMENT_FACTOR).u8(LR);
  out.u8(DW_CFA_def_cfa).uleb(SP).uleb(0);
  while ((out.length - cieStart) % WORD !== 0) out.u8(DW_CFA_nop);
  out.patchU32(cieStart, out.length - cieStart - 4);

  for (const symbol of functions) {
    const code = codeAt(image, symbol.address, symbol.size);
    if (!code) continue;
    const frame = scanFunction(symbol, code, dataRanges);
    if (frame.end <= symbol.address) continue;
    // FDE (§6.4.1): CIE pointer is the CIE's offset in .debug_frame.
    const fdeStart = out.length;
    out.u32(0).u32(cieStart).u32(symbol.address).u32(frame.end - symbol.address);
    let previous: Row = { address: symbol.address, state: { cfaOffset: 0, saved: new Map() } };
    for (const row of frame.rows) {
      if (sameState(previous.state, row.state)) continue;
      writeAdvance(out, row.address - previous.address);
      writeStateChange(out, previous.state, row.state);
      previous = row;
    }
    while ((out.length - fdeStart) % WORD !== 0) out.u8(DW_CFA_nop);
    out.patchU32(fdeStart, out.length - fdeStart - 4);
  }
  return out.finish();
}
