// Instruction selection for ARMv6-M (Thumb-1): one IR function becomes one Thumb function.
//
// Frame, from the stack pointer up:
//   [outgoing stack arguments][spill slots][saved r4-r7][saved lr][incoming stack arguments]
// Direct calls follow the AAPCS: arguments in r0-r3 then on the stack, result in r0. Calls
// through a value follow the value-call convention (sdk/compiler/ir/ir.ts): the receiver in
// r0, three arguments in r1-r3, then the argument count and the other arguments on the stack.
//
// Small-integer fast paths are inline; anything that needs a double or is out of range
// branches to an out-of-line stub that calls __rt_panic_here, so the return address names
// the offending instruction (and through the line table, the TypeScript line).

import { createAssembler } from "../../../sdk/compiler/asm/thumb.ts";
import type { Cond, Label, Reg, SourcePos, ThumbAssembler } from "../../../sdk/compiler/asm/types.ts";
import type { Chunk } from "../../../sdk/compiler/link/types.ts";
import type { CodegenRuntime } from "../../../sdk/compiler/port.ts";
import type { Block, CmpOp, Inst, IrFunction, Proof, Terminator, VReg } from "../../../sdk/compiler/ir/ir.ts";
import { termUses, uses } from "../../../sdk/compiler/ir/ir.ts";
import { ARRAY_ELEMENTS, ARRAY_HOLE, ARRAY_LENGTH, CLASS_METHODS, CLOSURE_CODE, STRING_LENGTH, TRUE, FALSE, UNDEFINED, TYPED_DATA, TYPED_LENGTH, tagInt } from "../../../sdk/compiler/values.ts";
import { elementBytes, type TypedElement } from "../../../sdk/compiler/lower/types.ts";
import * as Panic from "../../../sdk/lib/rt/panic-codes.ts";
import { type Allocation, type AllocationOptions, type Location, allocate } from "./regalloc.ts";
import { type EarlyExit, findEarlyExit } from "./early-exit.ts";
import { EQUALITY_UNORDERED, NUM_OP } from "../rt/num-ops.ts";
import { SOFT_FLOAT } from "../rt/softfloat.ts";

export const PANIC_HERE = "__rt_panic_here";
/** The innermost handler record (a RAM word; 0 when no try block is active). */
export const HANDLER_CHAIN = "__rt_handlers";

function isValueCall(inst: Inst): inst is Extract<Inst, { op: "call-indirect" | "call-method" | "call-code" }> {
  return inst.op === "call-indirect" || inst.op === "call-method" || inst.op === "call-code";
}

const SCRATCH: Reg[] = [0, 1, 2, 3];
/** BL is two halfwords, BLX one (ARMv6-M ARM A6.7.13, A6.7.14). */
const BL_BYTES = 4;
const BLX_BYTES = 2;

/** The double-ops routines the f64-* operations call (rt/double-ops.ts). */
const TO_NUMBER = "__rt_tonumber";
const DOUBLE_RESULT = "__rt_dresult";
/** A comparison's truth from __rt_dcmp's result: compared with this number, this condition. */
const DCMP_TEST: Record<CmpOp, [number, Cond]> = {
  lt: [0, "lt"], le: [0, "le"], gt: [1, "eq"], ge: [1, "ls"], eq: [0, "eq"], ne: [0, "ne"],
};

export function generateFunction(fn: IrFunction, rt: CodegenRuntime): Chunk {
  return generateOrStop("armv6m", fn, () => new FunctionCodegen(fn, rt).run());
}

/** Runs a code generator on one function. Anything it throws is a compiler bug (the IR was
 *  checked and lowered; an operand an encoding cannot take, an operation the port does not
 *  know): the build stops with "internal error" and the function, and no code is emitted. */
export function generateOrStop(port: string, fn: IrFunction, generate: () => Chunk): Chunk {
  try {
    return generate();
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new Error(`internal error: the ${port} code generator failed on function ${fn.displayName} (${fn.symbol}): ${message}`, { cause: e });
  }
}

interface PanicStub {
  label: Label;
  code: number;
  pos: SourcePos | undefined;
  emit?: () => void;
  /** Emitted only if some branch was made to the label (proofs may remove every check). */
  lazy?: boolean;
}

/** One function's instruction selection for ARMv6-M; ports/armv7m extends it where Thumb-2
 *  has better instructions. */
export class FunctionCodegen {
  protected readonly a: ThumbAssembler;
  protected readonly alloc: Allocation;
  protected readonly labels = new Map<Block, Label>();
  protected readonly stubs: PanicStub[] = [];
  protected outgoingArgs = 0;
  protected frameSize = 0;
  protected savedRegs: Reg[] = [];
  /** Scratch registers taken during the current instruction. */
  protected busy = new Set<Reg>();
  protected pos: SourcePos | undefined;

  /** The calls of a function of the program's own code, for err.stack (Chunk.stackFrames):
   *  a label at each return address. */
  protected readonly stackCalls: Array<{ label: Label; bytes: number; pos: SourcePos; callee?: string }> = [];

  /** Labels some branch targets (lazy stubs are emitted only when referenced). */
  protected readonly referenced = new Set<number>();

  constructor(
    protected readonly fn: IrFunction, protected readonly rt: CodegenRuntime,
    assembler: ThumbAssembler = createAssembler(), registers: AllocationOptions = {},
  ) {
    this.a = bindAll(assembler);
    this.alloc = allocate(fn, registers);
    // Branches record their label (the last argument; cbz/cbnz exist on Thumb-2 assemblers).
    const methods = this.a as unknown as Record<string, ((...args: unknown[]) => void) | undefined>;
    for (const name of ["b", "bcond", "cbz", "cbnz"]) {
      const branch = methods[name];
      if (branch) methods[name] = (...args) => { this.referenced.add((args.at(-1) as Label).id); branch(...args); };
    }
  }

  run(): Chunk {
    const { fn, a, rt } = this;
    for (const b of this.alloc.order) {
      for (const inst of b.insts) {
        if (inst.op === "call") this.outgoingArgs = Math.max(this.outgoingArgs, Math.max(0, inst.args.length - 4));
        if (isValueCall(inst) && rt.countsArguments) this.outgoingArgs = Math.max(this.outgoingArgs, 1 + Math.max(0, inst.args.length - 3));
      }
    }
    // A throw caught here skips the epilogues of the frames between, which would have restored
    // the callee-saved registers they used: a function with a try saves all of r4-r7 itself,
    // so that its own epilogue gives its caller back every one of them.
    this.savedRegs = (fn.tryRecords ?? 0) > 0 ? this.calleeSaved() : this.alloc.usedCalleeSaved;
    this.frameSize = 4 * (this.outgoingArgs + this.alloc.spillSlots) + 8 * (fn.doubleCells ?? 0);
    for (const b of this.alloc.order) this.labels.set(b, a.newLabel());

    // A return on entry, before the prologue (early-exit.ts).
    const early = findEarlyExit(fn, this.alloc);
    if (early) this.returnBeforeFrame(early);

    // Prologue.
    a.setSource(fn.pos);
    this.pos = fn.pos;
    this.pushFrame([...this.savedRegs, 14]);
    if (this.frameSize > 0) this.adjustSp(-this.frameSize);
    fn.params.forEach((p, i) => {
      const loc = this.loc(p);
      if (loc.kind === "none") return;
      if (i < 4) {
        this.writeFrom(p, i);
      } else {
        const offset = this.frameSize + 4 * (this.savedRegs.length + 1) + 4 * (i - 4);
        if (loc.kind === "reg") { this.loadSp(loc.reg, offset); return; }
        this.busy = new Set();
        const r = this.scratch();
        this.loadSp(r, offset);
        this.writeFrom(p, r);
      }
    });
    // The parameters are home: r0-r3 are free (and at a block's start).
    if (fn.checksStack && !fn.stackCheckBlocks) this.stackCheck();

    this.alloc.order.forEach((b, i) => {
      if (early?.exitOnly && b === early.exit) return;
      a.bind(this.labels.get(b)!);
      this.cellInPair = undefined;
      this.rawElement = this.elementOnlyCompared(b);
      if (fn.checksStack && fn.stackCheckBlocks?.includes(b.id)) {
        this.pos = b.insts[0]?.pos ?? this.pos;
        a.setSource(this.pos);
        this.stackCheck();
      }
      b.insts.forEach((inst, k) => {
        if (this.skipped.has(inst)) return;
        this.coalesce(inst, b.insts[k + 1]);
        // A fused result's register is spoken for from the start: scratch must not take it.
        const d = "dst" in inst ? inst.dst : undefined;
        const dl = d === undefined ? undefined : this.loc(d);
        this.busy = new Set(dl?.kind === "fused" ? [dl.reg] : []);
        this.pos = inst.pos ?? this.pos;
        a.setSource(this.pos);
        if (!inst.op.startsWith("f64-")) this.cellInPair = undefined;
        this.instruction(inst);
      });
      this.busy = new Set();
      if ("pos" in b.term && b.term.pos) { this.pos = b.term.pos; a.setSource(this.pos); }
      const next = this.alloc.order.slice(i + 1).find((n) => !(early?.exitOnly && n === early.exit));
      // The entry's test ran before the prologue: past it, the body.
      const term: Terminator = early && b === this.alloc.order[0] ? { op: "jump", target: early.body } : b.term;
      this.terminator(term, next);
      this.doubleBranch = undefined;
    });

    // Out-of-line panic stubs: each its own BL so the return address identifies the site.
    for (const stub of this.stubs) {
      a.bind(stub.label);
      a.setSource(stub.pos);
      this.busy = new Set();
      if (stub.lazy && !this.referenced.has(stub.label.id)) continue;
      if (stub.emit) { stub.emit(); continue; }
      a.movs(0, stub.code);
      a.bl(PANIC_HERE);
    }
    const code = a.finish();
    // The body's frame, from SP to past the saved LR: constant after the prologue (outgoing
    // arguments have their slots in it), so a call's caller is found at SP + frameBytes.
    const stackFrames = fn.stackFrame && {
      frame: fn.stackFrame, frameBytes: this.frameSize + 4 * (this.savedRegs.length + 1),
      calls: this.stackCalls.map((c) => ({ returnOffset: code.labelOffsets.get(c.label.id)! + c.bytes, pos: c.pos, callee: c.callee })),
    };
    return {
      name: fn.symbol, displayName: fn.displayName, section: ".text", bytes: code.bytes, size: code.bytes.length,
      align: 4, relocs: code.relocs, lines: code.lines, kind: "func", module: fn.module, ...(stackFrames ? { stackFrames } : {}),
    };
  }

  /** The entry's test on the arguments as they arrive (parameter i in ri), and the exit's
   *  return: the frame is not set up yet, so it returns with BX LR. */
  protected returnBeforeFrame(early: EarlyExit): void {
    const { a, fn } = this;
    const saved = this.alloc.locations.slice();
    const registers = fn.params.slice(0, 4);
    registers.forEach((p, i) => { this.alloc.locations[p] = { kind: "reg", reg: i }; });
    this.busy = new Set(registers.map((_, i) => i));
    this.pos = early.test.pos ?? fn.pos;
    a.setSource(this.pos);
    this.compare(early.test.a, early.test.b, early.test.numeric, early.test.proof, early.test.cmp);
    const cond = condFor(early.test.cmp, early.test.numeric);
    const body = a.newLabel();
    a.bcond(early.exit === early.test.then ? invert(cond) : cond, body);
    const exitTerm = early.exit.term as Extract<Terminator, { op: "return" }>;
    if (exitTerm.pos) { this.pos = exitTerm.pos; a.setSource(this.pos); }
    this.busy = new Set();
    if (exitTerm.value !== undefined) this.readInto(exitTerm.value, 0);
    else a.movs(0, UNDEFINED);
    a.bx(14);
    a.bind(body);
    saved.forEach((loc, v) => { this.alloc.locations[v] = loc; });
  }

  /** A typed array's element that only the block's branch compares with a constant: the
   *  raw element, untagged, is compared with the constant's raw value (`a[i] === 0` is a
   *  load and CMP #0). The index must be proven inside, so no path leaves undefined there. */
  protected rawElement: VReg | undefined;

  protected elementOnlyCompared(b: Block): VReg | undefined {
    const term = b.term;
    if (term.op !== "branch" || term.kind !== "cmp" || !term.numeric || !term.proof?.smallA || !term.proof.smallB) return undefined;
    const constants = this.constants();
    const k = b.insts.findLastIndex((inst) => !(inst.op === "const" && this.loc(inst.dst).kind === "const"));
    const get = b.insts[k];
    if (get?.op !== "typed-get" || get.element === "u32" || get.element === "i32") return undefined;
    if (!get.proof?.inBounds || !get.proof.smallA) return undefined;
    const other = term.b;
    if (term.a !== get.dst || other === get.dst || constants.get(other) === undefined || (constants.get(other)! & 1) === 0) return undefined;
    return this.useCounts()[get.dst] === 1 ? get.dst : undefined;
  }

  protected useCountList: number[] | undefined;
  protected useCounts(): number[] {
    if (this.useCountList) return this.useCountList;
    const counts = new Array<number>(this.fn.vregs.length).fill(0);
    for (const b of this.fn.blocks) {
      for (const inst of b.insts) for (const u of uses(inst)) counts[u]++;
      for (const u of termUses(b.term)) counts[u]++;
    }
    return (this.useCountList = counts);
  }

  protected stackCheck(): void {
    this.busy = new Set();
    const limit = this.scratch();
    this.a.ldrConst(limit, { symbol: "__stack_limit", addend: 0 });
    this.a.cmp(13, limit);
    this.a.bcond("cc", this.panicStub(Panic.PANIC_STACK_OVERFLOW));
  }

  /** Every callee-saved register values may live in (what a function with a try saves). */
  protected calleeSaved(): Reg[] {
    return [4, 5, 6, 7];
  }

  /** The prologue's save and the epilogue's restore (with LR, and PC to return). */
  protected pushFrame(regs: Reg[]): void {
    this.a.push(regs);
  }

  protected popFrame(regs: Reg[]): void {
    this.a.pop(regs);
  }

  /** Moves made redundant by coalescing. */
  protected readonly skipped = new Set<Inst>();

  /** `t = op …; v = t` with t fused: compute straight into v's register when the operation
   *  cannot take a slow path (which would need its operands, one of which may be v). */
  protected coalesce(inst: Inst, next: Inst | undefined): void {
    if (!next || next.op !== "move") return;
    const d = "dst" in inst ? inst.dst : undefined;
    if (d === undefined || next.src !== d || this.loc(d).kind !== "fused") return;
    const target = this.loc(next.dst);
    if (target.kind !== "reg") return;
    const p = inst.proof;
    const safe = (inst.op === "num" && p?.smallA && p.smallB && p.smallResult && inst.kind !== "mul")
      || inst.op === "const" || inst.op === "symbol" || inst.op === "raw-add" || inst.op === "addr-of"
      || (inst.op === "tag" && inst.max !== undefined);
    if (!safe) return;
    this.alloc.locations[d] = target;
    this.skipped.add(next);
  }

  /** The register for a result computed in place: the destination's own unless it is one
   *  of `avoid` (operands still read after the first instruction writes the result). */
  protected inPlaceReg(dst: VReg, avoid: Reg[]): Reg {
    const loc = this.loc(dst);
    if ((loc.kind === "reg" || loc.kind === "fused") && !avoid.includes(loc.reg)) { this.busy.add(loc.reg); return loc.reg; }
    return this.scratch();
  }

  // ---------------------------------------------------------------- locations

  protected loc(v: VReg): Location {
    return this.alloc.locations[v];
  }

  protected slotOffset(slot: number): number {
    return 4 * (this.outgoingArgs + slot);
  }

  protected scratch(): Reg {
    for (const r of SCRATCH) {
      if (!this.busy.has(r)) { this.busy.add(r); return r; }
    }
    throw new Error(`internal: out of scratch registers in ${this.fn.symbol}`);
  }

  /** A register holding v's value (loading it into a scratch register if needed). */
  protected read(v: VReg): Reg {
    const loc = this.loc(v);
    switch (loc.kind) {
      case "reg": return loc.reg;
      case "fused": this.busy.add(loc.reg); return loc.reg;
      case "const": {
        const r = this.scratch();
        this.loadConst(r, loc.word);
        return r;
      }
      case "stack": {
        const r = this.scratch();
        this.loadSp(r, this.slotOffset(loc.slot));
        return r;
      }
      case "high": {
        const r = this.scratch();
        this.a.mov(r, loc.reg);
        return r;
      }
      case "none": throw new Error(`internal: v${v} read but never defined in ${this.fn.symbol}`);
    }
  }

  /** Reads v into a specific register. */
  protected readInto(v: VReg, target: Reg): void {
    const loc = this.loc(v);
    switch (loc.kind) {
      case "reg": case "fused": if (loc.reg !== target) this.a.mov(target, loc.reg); return;
      case "const": this.loadConst(target, loc.word); return;
      case "stack": this.loadSp(target, this.slotOffset(loc.slot)); return;
      case "high": this.a.mov(target, loc.reg); return;
      case "none": throw new Error(`internal: v${v} read but never defined in ${this.fn.symbol}`);
    }
  }

  /** The register an instruction should compute v into (then `commit`). */
  protected target(v: VReg): Reg {
    const loc = this.loc(v);
    if (loc.kind === "reg" || loc.kind === "fused") { this.busy.add(loc.reg); return loc.reg; }
    return this.scratch();
  }

  protected commit(v: VReg, r: Reg): void {
    const loc = this.loc(v);
    if (loc.kind === "stack") this.storeSp(r, this.slotOffset(loc.slot));
    else if ((loc.kind === "reg" || loc.kind === "fused" || loc.kind === "high") && loc.reg !== r) this.a.mov(loc.reg, r);
  }

  protected writeFrom(v: VReg, r: Reg): void {
    this.commit(v, r);
  }

  protected loadSp(r: Reg, offset: number): void {
    if (offset <= 1020) { this.a.ldr(r, 13, { imm: offset }); return; }
    this.a.ldrConst(r, offset);
    this.a.add(r, 13);
    this.a.ldr(r, r, { imm: 0 });
  }

  protected storeSp(r: Reg, offset: number): void {
    if (offset <= 1020) { this.a.str(r, 13, { imm: offset }); return; }
    throw new Error(`internal: frame of ${this.fn.symbol} too large`);
  }

  protected adjustSp(delta: number): void {
    let left = Math.abs(delta);
    while (left > 0) {
      const step = Math.min(left, 508);
      if (delta < 0) this.a.subSp(step); else this.a.addSp(step);
      left -= step;
    }
  }

  protected loadConst(r: Reg, word: number): void {
    word >>>= 0;
    if (word <= 255) this.a.movs(r, word);
    else if ((~word >>> 0) <= 255) { this.a.movs(r, ~word >>> 0); this.a.mvns(r, r); }
    else this.a.ldrConst(r, word);
  }

  protected panicStub(code: number): Label {
    const label = this.a.newLabel();
    this.stubs.push({ label, code, pos: this.pos });
    return label;
  }

  // ---------------------------------------------------------------- instructions

  protected instruction(inst: Inst): void {
    const a = this.a;
    switch (inst.op) {
      case "const": {
        if (this.loc(inst.dst).kind === "const") return; // rebuilt where it is read
        const r = this.target(inst.dst);
        this.loadConst(r, inst.word);
        return this.commit(inst.dst, r);
      }
      case "symbol": {
        const r = this.target(inst.dst);
        a.ldrConst(r, { symbol: inst.symbol, addend: inst.addend });
        return this.commit(inst.dst, r);
      }
      case "move": {
        const dst = this.loc(inst.dst), src = this.loc(inst.src);
        if (dst.kind === "none") return;
        if ((dst.kind === "reg" || dst.kind === "fused") && (src.kind === "reg" || src.kind === "fused") && dst.reg === src.reg) return;
        if (dst.kind === "stack" && src.kind === "stack" && dst.slot === src.slot) return;
        if (dst.kind === "high" && src.kind === "high" && dst.reg === src.reg) return;
        const r = this.read(inst.src);
        return this.commit(inst.dst, r);
      }
      case "num": return this.num(inst);
      case "neg": case "bitnot": {
        const proof = inst.proof ?? { smallA: false, smallB: true, smallResult: false };
        const { slow, back } = this.numSlowPath(NUM_OP[inst.op], inst.dst, inst.a, undefined);
        const x = this.read(inst.a);
        this.tagCheck(inst.a, x, proof.smallA, slow);
        const d = this.resultReg(inst.dst, [x]);
        if (inst.op === "neg") {
          // -(2x+1) + 2 = 2(-x)+1. x = 0 gives -0, x = -2^30 gives 2^30: the slow path.
          if (!proof.smallResult) {
            a.cmp(x, { imm: 1 });
            a.bcond("eq", slow);
          }
          a.rsbs(d, x);
          a.adds(d, d, { imm: 2 });
          if (!proof.smallResult) a.bcond("vs", slow);
        } else {
          // ~(2x+1) = 2(~x): set the tag bit again.
          a.mvns(d, x);
          a.adds(d, d, { imm: 1 });
        }
        this.commit(inst.dst, d);
        a.bind(back);
        return;
      }
      case "cmp": {
        const done = a.newLabel(), isTrue = a.newLabel();
        this.compare(inst.a, inst.b, inst.numeric, inst.proof, inst.kind);
        const d = this.target(inst.dst);
        a.bcond(condFor(inst.kind, inst.numeric), isTrue);
        a.movs(d, FALSE);
        a.b(done);
        a.bind(isTrue);
        a.movs(d, TRUE);
        a.bind(done);
        return this.commit(inst.dst, d);
      }
      case "call": return this.call(inst);
      case "call-method": {
        this.valueCallStackArguments(inst.args);
        // The method's code from the object's descriptor (its method table), into r12.
        this.readInto(inst.object, 0);
        a.ldr(1, 0, { imm: 0 });
        this.busy = new Set([0, 1]);
        this.memory("load", 32, 1, 1, CLASS_METHODS + 4 * inst.slot);
        a.mov(12, 1);
        this.busy = new Set();
        return this.valueCallRest(inst.args, inst.dst);
      }
      case "call-code": {
        this.valueCallStackArguments(inst.args);
        // The code address is a value the runtime found (bit 0 set: Thumb); into r12.
        this.readInto(inst.code, 1);
        a.mov(12, 1);
        this.readInto(inst.object, 0);
        return this.valueCallRest(inst.args, inst.dst);
      }
      case "call-indirect": {
        this.valueCallStackArguments(inst.args);
        // r12 takes the code address (BLX works from any register), r0 the closure itself.
        this.readInto(inst.fn, 0);
        a.ldr(1, 0, { imm: CLOSURE_CODE });
        a.mov(12, 1);
        return this.valueCallRest(inst.args, inst.dst);
      }
      case "arguments-address": {
        // Past the frame, the saved registers and lr, and the count: the caller's fifth word on.
        const d = this.target(inst.dst);
        a.addRdSp(d, this.frameSize + 4 * (this.savedRegs.length + 1) + 4);
        return this.commit(inst.dst, d);
      }
      case "load": {
        const base = this.read(inst.base);
        const d = this.target(inst.dst);
        this.memory("load", inst.width, d, base, inst.offset);
        return this.commit(inst.dst, d);
      }
      case "store": {
        const base = this.read(inst.base);
        const value = this.read(inst.src);
        this.memory("store", inst.width, value, base, inst.offset);
        return;
      }
      case "raw-add": {
        const x = this.read(inst.a), y = this.read(inst.b);
        const d = this.target(inst.dst);
        a.adds(d, x, y);
        return this.commit(inst.dst, d);
      }
      case "raw-and": {
        const x = this.read(inst.a);
        const m = this.scratch();
        this.loadConst(m, inst.mask);
        const d = this.target(inst.dst);
        this.twoOperand(d, x, m, a.ands);
        return this.commit(inst.dst, d);
      }
      case "untag": {
        const x = this.read(inst.src);
        const d = this.target(inst.dst);
        if (inst.number && !inst.proof?.smallA) {
          // Not a small integer: the number's int32 word from __rt_unbox (which stops on
          // anything that is not a number).
          const src = inst.src;
          const boxed = this.outOfLine(() => {
            this.readInto(src, 0);
            a.bl("__rt_unbox");
            a.cmp(1, { imm: 0 });
            a.bcond("ne", this.panicStub(Panic.PANIC_NOT_A_NUMBER));
            if (d !== 0) a.mov(d, 0);
          });
          const s = this.scratch();
          a.lsrs(s, x, 1);
          a.bcond("cc", boxed.label);
          a.asrs(d, x, 1);
          a.bind(boxed.back);
          return this.commit(inst.dst, d);
        }
        a.asrs(d, x, 1);
        return this.commit(inst.dst, d);
      }
      case "tag": {
        const x = this.read(inst.src);
        const d = this.resultReg(inst.dst, [x]);
        if (inst.max !== undefined || inst.proof?.smallResult) {
          a.adds(d, x, x);
          a.adds(d, d, { imm: 1 });
          return this.commit(inst.dst, d);
        }
        // A raw word that does not fit a small integer is boxed.
        const slow = a.newLabel(), back = a.newLabel();
        const dst = inst.dst, src = inst.src;
        this.stubs.push({
          label: slow, code: -1, pos: this.pos, emit: () => {
            this.readInto(src, 0);
            a.bl("__rt_box");
            this.busy = new Set();
            this.commit(dst, 0);
            a.b(back);
          },
        });
        a.adds(d, x, x);
        a.bcond("vs", slow);
        a.adds(d, d, { imm: 1 });
        this.commit(inst.dst, d);
        a.bind(back);
        return;
      }
      case "addr-of": {
        const x = this.read(inst.src);
        const d = this.target(inst.dst);
        a.lsls(d, x, 1);
        a.adds(d, d, { imm: 1 });
        return this.commit(inst.dst, d);
      }
      case "object-at": {
        const x = this.read(inst.src);
        const d = this.target(inst.dst);
        a.asrs(d, x, 1);
        return this.commit(inst.dst, d);
      }
      case "is-int": {
        const x = this.read(inst.src);
        const d = this.target(inst.dst);
        // bit 0 -> 0 or 4, plus FALSE: FALSE (10) or TRUE (14).
        a.lsls(d, x, 31);
        a.lsrs(d, d, 29);
        a.adds(d, d, { imm: FALSE });
        return this.commit(inst.dst, d);
      }
      case "is-object": {
        const x = this.read(inst.src);
        const d = this.target(inst.dst);
        const no = a.newLabel(), done = a.newLabel();
        // Objects: nonzero, low two bits clear, above the special constants.
        a.lsls(d, x, 30);
        a.bcond("ne", no);
        a.cmp(x, { imm: TRUE });
        a.bcond("ls", no);
        a.movs(d, TRUE);
        a.b(done);
        a.bind(no);
        a.movs(d, FALSE);
        a.bind(done);
        return this.commit(inst.dst, d);
      }
      case "try-exit": {
        a.ldrConst(0, { symbol: HANDLER_CHAIN });
        this.loadSp(1, this.slotOffset(3 * inst.record));
        a.str(1, 0, { imm: 0 });
        return;
      }
      case "catch-value": {
        // __rt_throw delivers the value in r0, the record already off the chain.
        this.busy = new Set([0]);
        if (this.loc(inst.dst).kind !== "none") this.commit(inst.dst, 0);
        return;
      }
      case "check-initialized": {
        const x = this.read(inst.src);
        a.cmp(x, { imm: 0 });
        a.bcond("eq", this.panicStub(Panic.PANIC_UNINITIALIZED));
        return;
      }
      case "check-int": {
        if (inst.proof?.smallA) return;
        const x = this.read(inst.src);
        const s = this.scratch();
        a.lsrs(s, x, 1);
        a.bcond("cc", this.panicStub(Panic.PANIC_NOT_A_NUMBER));
        return;
      }
      case "typed-data": {
        // Speculative (passes/loop-invariants.ts): only a word-aligned value is an object.
        const x = this.read(inst.array);
        const d = this.target(inst.dst);
        const s = this.scratch();
        const skip = a.newLabel();
        a.lsls(s, x, 30);
        a.bcond("ne", skip);
        a.ldr(d, x, { imm: TYPED_DATA });
        a.bind(skip);
        this.commit(inst.dst, d);
        return;
      }
      case "typed-get": return this.typedGet(inst);
      case "typed-set": return this.typedSet(inst);
      case "elem-get": return this.elemGet(inst);
      case "elem-set": return this.elemSet(inst);
      case "f64-op": case "f64-load": case "f64-box": case "f64-cmp": return this.doubleCell(inst);
      case "panic": {
        a.movs(0, inst.code);
        a.bl(PANIC_HERE);
        return;
      }
    }
  }

  // ---------------------------------------------------------------- unboxed doubles

  /** Where double cell `cell` lies: above the outgoing arguments and the spill slots. */
  protected cellOffset(cell: number): number {
    return 4 * (this.outgoingArgs + this.alloc.spillSlots) + 8 * cell;
  }

  /** The cell whose double r0:r1 still hold (the last one an f64-* operation stored), if any:
   *  the next operation reading it as its first operand loads nothing. */
  protected cellInPair: number | undefined;
  /** An f64-cmp whose flags the block's branch tests (f64-cmp `branches`). */
  protected doubleBranch: { dst: VReg; cond: Cond } | undefined;

  protected loadCell(cell: number, low: Reg, high: Reg): void {
    if (low === 0 && cell === this.cellInPair) return;
    this.loadSp(low, this.cellOffset(cell));
    this.loadSp(high, this.cellOffset(cell) + 4);
  }

  protected storeCell(cell: number, low: Reg, high: Reg): void {
    this.storeSp(low, this.cellOffset(cell));
    this.storeSp(high, this.cellOffset(cell) + 4);
    if (low === 0) this.cellInPair = cell;
  }

  /** The f64-* operations (passes/unboxed-doubles.ts): each loads its cells into r0:r1 and
   *  r2:r3, calls the soft-float routine and stores r0:r1. */
  protected doubleCell(inst: Extract<Inst, { op: "f64-op" | "f64-load" | "f64-box" | "f64-cmp" }>): void {
    const a = this.a;
    switch (inst.op) {
      case "f64-op": {
        if (inst.kind === "copy" && inst.x === inst.to) return;
        this.loadCell(inst.x, 0, 1);
        if (inst.kind !== "copy") {
          this.loadCell(inst.y!, 2, 3);
          a.bl(SOFT_FLOAT[inst.kind]);
          this.cellInPair = undefined;
        }
        this.storeCell(inst.to, 0, 1);
        return;
      }
      case "f64-load": {
        this.readInto(inst.src, 0);
        this.cellInPair = undefined;
        a.bl(TO_NUMBER);
        a.cmp(2, { imm: 0 });
        a.bcond("ne", this.panicStub(Panic.PANIC_NOT_A_NUMBER));
        this.storeCell(inst.to, 0, 1);
        return;
      }
      case "f64-box": {
        this.loadCell(inst.from, 0, 1);
        this.cellInPair = undefined;
        a.bl(DOUBLE_RESULT);
        if (this.loc(inst.dst).kind !== "none") this.commit(inst.dst, 0);
        return;
      }
      case "f64-cmp": {
        // __rt_dcmp: r0 = -1 (x < y), 0 (equal), 1 (x > y), 2 (unordered, a NaN).
        this.loadCell(inst.x, 0, 1);
        this.loadCell(inst.y, 2, 3);
        a.bl(SOFT_FLOAT.compare);
        this.cellInPair = undefined;
        const [against, cond] = DCMP_TEST[inst.kind];
        if (inst.branches) {
          a.cmp(0, { imm: against });
          this.doubleBranch = { dst: inst.dst, cond };
          return;
        }
        const done = a.newLabel();
        a.movs(1, TRUE);
        a.cmp(0, { imm: against });
        a.bcond(cond, done);
        a.movs(1, FALSE);
        a.bind(done);
        if (this.loc(inst.dst).kind !== "none") this.commit(inst.dst, 1);
        return;
      }
    }
  }

  protected memory(kind: "load" | "store", width: 8 | 16 | 32, r: Reg, base: Reg, offset: number): void {
    const a = this.a;
    const max = width === 32 ? 124 : width === 16 ? 62 : 31;
    const aligned = offset % (width / 8) === 0;
    if (offset >= 0 && offset <= max && aligned) {
      const op = kind === "load" ? (width === 32 ? a.ldr : width === 16 ? a.ldrh : a.ldrb) : (width === 32 ? a.str : width === 16 ? a.strh : a.strb);
      op.call(a, r, base, { imm: offset });
      return;
    }
    const off = this.scratch();
    this.loadConst(off, offset);
    const op = kind === "load" ? (width === 32 ? a.ldr : width === 16 ? a.ldrh : a.ldrb) : (width === 32 ? a.str : width === 16 ? a.strh : a.strb);
    op.call(a, r, base, off);
  }

  /** Branches to `slow` unless v is a small integer (skipped where the range analysis proved it). */
  protected tagCheck(v: VReg, reg: Reg, proven: boolean, slow: Label): void {
    if (proven) return;
    const s = this.scratch();
    this.a.lsrs(s, reg, 1);
    this.a.bcond("cc", slow);
    this.busy.delete(s);
  }

  /** An out-of-line slow path that hands the operation to __rt_num_binop, then rejoins.
   *  The operands are read again from their homes, which the fast path never overwrites. */
  protected numSlowPath(op: number, dst: VReg, x: VReg, y: VReg | undefined): { slow: Label; back: Label } {
    const slow = this.a.newLabel(), back = this.a.newLabel();
    const pos = this.pos;
    this.stubs.push({
      label: slow, code: -1, pos, lazy: true,
      emit: () => {
        this.readInto(x, 0);
        if (y === undefined) this.a.movs(1, 1);
        else this.readInto(y, 1);
        this.a.movs(2, op);
        this.a.bl("__rt_num_binop");
        this.busy = new Set();
        this.commit(dst, 0);
        this.a.b(back);
      },
    });
    return { slow, back };
  }

  /** The register to compute a result in: the destination's own, unless that is an operand
   *  register the slow path still needs. */
  protected resultReg(dst: VReg, operands: Reg[]): Reg {
    const loc = this.loc(dst);
    if ((loc.kind === "reg" || loc.kind === "fused") && !operands.includes(loc.reg)) { this.busy.add(loc.reg); return loc.reg; }
    return this.scratch();
  }

  protected num(inst: Extract<Inst, { op: "num" }>): void {
    const a = this.a;
    const proof = inst.proof ?? { smallA: false, smallB: false, smallResult: false };
    if (inst.kind === "mul") return this.mul(inst, proof);
    const bImm = this.smallConstant(inst.b);
    const { slow, back } = this.numSlowPath(NUM_OP[inst.kind as keyof typeof NUM_OP], inst.dst, inst.a, inst.b);
    const x = this.read(inst.a);
    this.tagCheck(inst.a, x, proof.smallA, slow);
    const useImm = bImm !== undefined && bImm >= 0 && 2 * bImm <= 255 && (inst.kind === "add" || inst.kind === "sub");
    const y = useImm ? -1 : this.read(inst.b);
    if (!useImm) this.tagCheck(inst.b, y, proof.smallB || bImm !== undefined, slow);
    const overflow = () => { if (!proof.smallResult) a.bcond("vs", slow); };
    switch (inst.kind) {
      case "add": case "sub": {
        // Without a slow path the operands are not needed afterwards: x may be overwritten
        // (it is read first); y is read by the second instruction of a register add.
        const proven = proof.smallA && proof.smallB && proof.smallResult;
        const d = proven ? this.inPlaceReg(inst.dst, inst.kind === "add" && !useImm ? [y] : []) : this.resultReg(inst.dst, [x, y]);
        if (useImm) {
          const imm = 2 * bImm!;
          const op = inst.kind === "add" ? a.adds : a.subs;
          if (d === x) op.call(a, d, d, { imm });
          else if (imm <= 7) op.call(a, d, x, { imm });
          else { a.mov(d, x); op.call(a, d, d, { imm }); }
          overflow();
        } else if (inst.kind === "add") {
          // (2x+1) + (2y+1) - 1: untag one side first so the sum's overflow is the JS overflow.
          a.subs(d, x, { imm: 1 });
          a.adds(d, d, y);
          overflow();
        } else {
          // (2x+1) - (2y+1) = 2(x-y); the tag bit goes back without overflow (the value is even).
          a.subs(d, x, y);
          overflow();
          a.adds(d, d, { imm: 1 });
        }
        this.commit(inst.dst, d);
        break;
      }
      case "and": case "or": {
        const d = this.resultReg(inst.dst, [x, y]);
        // Tag bits: 1 & 1 = 1, 1 | 1 = 1; two's complement int32 semantics on the rest.
        this.twoOperand(d, x, y, inst.kind === "and" ? a.ands : a.orrs);
        this.commit(inst.dst, d);
        break;
      }
      case "xor": {
        const d = this.resultReg(inst.dst, [x, y]);
        this.twoOperand(d, x, y, a.eors);
        a.adds(d, d, { imm: 1 });
        this.commit(inst.dst, d);
        break;
      }
      case "shl": case "sar": case "shr": {
        // Scratch copies of stack operands may be overwritten (the slow path re-reads homes).
        const value = this.isScratchCopy(inst.a) ? x : this.scratch();
        a.asrs(value, x, 1); // the int32 value
        if (bImm !== undefined) {
          const n = bImm & 31;
          if (n !== 0) {
            if (inst.kind === "shl") a.lsls(value, value, n);
            else if (inst.kind === "sar") a.asrs(value, value, n);
            else a.lsrs(value, value, n);
          }
        } else {
          const count = this.isScratchCopy(inst.b) ? y : this.scratch();
          // The count is taken mod 32: the low five bits of the untagged value.
          a.lsls(count, y, 26);
          a.lsrs(count, count, 27);
          if (inst.kind === "shl") a.lslsReg(value, count);
          else if (inst.kind === "sar") a.asrsReg(value, count);
          else a.lsrsReg(value, count);
        }
        // Re-tag: a result outside the small-integer range takes the slow path (boxed).
        const dl = this.loc(inst.dst);
        const d = dl.kind === "stack" || dl.kind === "high" ? value : this.resultReg(inst.dst, [x, y]);
        a.adds(d, value, value);
        if (inst.kind === "shr" && !proof.smallResult) {
          // Unsigned: 2^30 or more does not fit. The doubling carried bit 31 out and moved
          // bit 30 to the sign (d may be the register that held the value, so test flags).
          a.bcond("cs", slow);
          a.bcond("mi", slow);
        } else if (!proof.smallResult) {
          a.bcond("vs", slow);
        }
        a.adds(d, d, { imm: 1 });
        this.commit(inst.dst, d);
        break;
      }
      default:
        throw new Error(`internal: num ${inst.kind} reaches the back end (lowered to a runtime call)`);
    }
    a.bind(back);
  }

  /** x * y: inline when the range analysis proved a small, non-negative-zero product (MULS
   *  cannot signal overflow); otherwise the port's __rt_mul, which handles every case. */
  protected mul(inst: Extract<Inst, { op: "num" }>, proof: { smallA: boolean; smallB: boolean; smallResult: boolean }): void {
    const a = this.a;
    if (proof.smallA && proof.smallB && proof.smallResult) {
      const x = this.read(inst.a), y = this.read(inst.b);
      const t = this.isScratchCopy(inst.a) ? x : this.scratch();
      const u = this.isScratchCopy(inst.b) ? y : this.scratch();
      a.asrs(t, x, 1);            // x
      a.subs(u, y, { imm: 1 });   // 2y
      a.muls(t, u);               // 2xy
      const dl = this.loc(inst.dst);
      const d = dl.kind === "reg" || dl.kind === "fused" ? this.target(inst.dst) : t;
      a.adds(d, t, { imm: 1 });
      this.commit(inst.dst, d);
      return;
    }
    this.readInto(inst.a, 0);
    this.readInto(inst.b, 1);
    a.bl("__rt_mul");
    this.busy = new Set([0]);
    this.commit(inst.dst, 0);
  }

  /** d = x op y for the commutative two-operand Thumb forms (op rdn, rm). */
  protected twoOperand(d: Reg, x: Reg, y: Reg, op: (rdn: Reg, rm: Reg) => void): void {
    if (d === x) op.call(this.a, d, y);
    else if (d === y) op.call(this.a, d, x);
    else { this.a.mov(d, x); op.call(this.a, d, y); }
  }

  /** The small-int value of a register defined by a single const, if any. */
  protected smallConstant(v: VReg): number | undefined {
    const c = this.constants().get(v);
    if (c === undefined || (c & 1) === 0) return undefined;
    return (c | 0) >> 1;
  }

  protected constantMap: Map<VReg, number> | undefined;
  protected constants(): Map<VReg, number> {
    if (this.constantMap) return this.constantMap;
    const defs = new Map<VReg, number>();
    const count = new Map<VReg, number>();
    for (const b of this.fn.blocks) {
      for (const inst of b.insts) {
        const d = "dst" in inst ? inst.dst : undefined;
        if (d === undefined) continue;
        count.set(d, (count.get(d) ?? 0) + 1);
        if (inst.op === "const") defs.set(d, inst.word);
      }
    }
    this.constantMap = new Map([...defs].filter(([v]) => count.get(v) === 1 && !this.fn.params.includes(v)));
    return this.constantMap;
  }

  protected call(inst: Extract<Inst, { op: "call" }>): void {
    const a = this.a;
    // Stack arguments first (they may need scratch registers), then r0-r3.
    inst.args.slice(4).forEach((v, i) => {
      this.busy = new Set(this.fusedArgRegs(inst.args));
      const r = this.read(v);
      this.storeSp(r, 4 * i);
    });
    this.busy = new Set();
    inst.args.slice(0, 4).forEach((v, i) => this.readInto(v, i));
    this.returnPoint(inst.callee, BL_BYTES);
    a.bl(inst.callee);
    if (inst.dst !== undefined && this.loc(inst.dst).kind !== "none") this.commit(inst.dst, 0);
  }

  /** A value call's stack words (the value-call convention, sdk/compiler/ir/ir.ts): the
   *  argument count, then the arguments after the third. Written first, while r0-r3 are free
   *  (operands of value calls are never fused). Without counting no function reads them. */
  protected valueCallStackArguments(args: VReg[]): void {
    if (!this.rt.countsArguments) return;
    args.slice(3).forEach((v, i) => {
      this.busy = new Set();
      this.storeSp(this.read(v), 4 * (1 + i));
    });
    this.busy = new Set();
    const count = this.scratch();
    this.loadConst(count, tagInt(args.length));
    this.storeSp(count, 0);
    this.busy = new Set();
  }

  /** The rest of a value call, its code address in r12 and receiver in r0: the first three
   *  arguments into r1-r3 (undefined for those the call does not have), the call, the result. */
  protected valueCallRest(args: VReg[], dst: VReg): void {
    for (let i = 0; i < 3; i++) {
      if (i < args.length) this.readInto(args[i], i + 1);
      else this.a.movs(i + 1, UNDEFINED);
    }
    this.returnPoint(undefined, BLX_BYTES);
    this.a.blx(12);
    this.busy = new Set([0]);
    if (this.loc(dst).kind !== "none") this.commit(dst, 0);
  }

  /** Before a call of `bytes` in the program's own code: where it returns, for err.stack.
   *  (A label bound after the call could land past a literal pool placed after it.) */
  protected returnPoint(callee: string | undefined, bytes: number): void {
    if (!this.fn.stackFrame || !this.pos) return;
    const label = this.a.newLabel();
    this.a.bind(label);
    this.stackCalls.push({ label, bytes, pos: this.pos, callee });
  }

  protected fusedArgRegs(args: VReg[]): Reg[] {
    return args.slice(0, 4).map((v) => this.loc(v)).filter((l) => l.kind === "fused").map((l) => (l as { reg: number }).reg);
  }

  /** Sets the flags as a signed compare of a and b would. Numbers that are not both small
   *  integers go to __rt_num_compare (boxed numbers), which answers -1, 0 or 1, or for an
   *  unordered pair (NaN) the value in r2 that makes `kind` false: -1 for gt and ge, 2 for
   *  lt and le, EQUALITY_UNORDERED for eq and ne (where ne is true, as NaN != x is, and the
   *  runtime compares values that are not numbers by identity). */
  protected compare(av: VReg, bv: VReg, numeric: boolean, proof: { smallA: boolean; smallB: boolean } | undefined, kind: CmpOp): void {
    const a = this.a;
    if (this.rawElement !== undefined && av === this.rawElement) {
      // (2x+1) vs (2c+1) orders as x vs c: the element's raw value against c.
      const c = (this.constants().get(bv)! | 0) >> 1;
      const x = this.read(av);
      if (c >= 0 && c <= 255) { a.cmp(x, { imm: c }); return; }
      const y = this.scratch();
      this.loadConst(y, c >>> 0);
      a.cmp(x, y);
      return;
    }
    const imm = this.constants().get(bv);
    const useImm = imm !== undefined && imm <= 255;
    const smallA = !numeric || (proof?.smallA ?? false);
    const smallB = !numeric || useImm && (imm & 1) === 1 || (proof?.smallB ?? false);
    if (smallA && smallB) {
      const x = this.compareOperand(av);
      if (useImm) a.cmp(this.lowRegister(x), { imm }); else a.cmp(x, this.compareOperand(bv));
      return;
    }
    const x = this.read(av);
    const slow = a.newLabel(), ready = a.newLabel();
    this.tagCheck(av, x, smallA, slow);
    const y = useImm ? -1 : this.read(bv);
    if (!useImm) this.tagCheck(bv, y, smallB, slow);
    if (useImm) a.cmp(x, { imm }); else a.cmp(x, y);
    a.b(ready);
    a.bind(slow);
    this.readInto(av, 0);
    this.readInto(bv, 1);
    if (this.rt.doubles) {
      const equality = kind === "eq" || kind === "ne";
      a.movs(2, kind === "gt" || kind === "ge" ? 1 : equality ? EQUALITY_UNORDERED : 2);
      if (kind === "gt" || kind === "ge") a.rsbs(2, 2);
    }
    a.bl("__rt_num_compare");
    a.cmp(0, { imm: 0 });
    a.bind(ready);
  }

  /** A register holding v for CMP (register), whose encoding T2 names high registers too. */
  protected compareOperand(v: VReg): Reg {
    const loc = this.loc(v);
    return loc.kind === "high" ? loc.reg : this.read(v);
  }

  /** r, or a scratch copy of it when it is a high register. */
  protected lowRegister(r: Reg): Reg {
    if (r < 8) return r;
    const s = this.scratch();
    this.a.mov(s, r);
    return s;
  }

  /** Does `read(v)` give a scratch register this instruction may overwrite? */
  protected isScratchCopy(v: VReg): boolean {
    const kind = this.loc(v).kind;
    return kind === "stack" || kind === "const" || kind === "high";
  }

  /** A register holding v that this instruction may overwrite. */
  protected readCopy(v: VReg): Reg {
    const loc = this.loc(v);
    if (loc.kind === "stack" || loc.kind === "high") return this.read(v);
    const r = this.scratch();
    this.readInto(v, r);
    return r;
  }

  /** An out-of-line path that runs `body` (scratch registers free again) and jumps back. */
  protected outOfLine(body: () => void): { label: Label; back: Label } {
    const label = this.a.newLabel(), back = this.a.newLabel();
    this.stubs.push({ label, code: -1, pos: this.pos, lazy: true, emit: () => { body(); this.a.b(back); } });
    return { label, back };
  }

  /** An element index, untagged into a register (a scratch copy of a spilled index becomes
   *  it in place); a boxed index, at least 2^30, jumps to `outside`. */
  protected untagIndex(index: VReg, proof: Proof | undefined, outside: Label): Reg {
    const tagged = this.read(index);
    const offset = this.isScratchCopy(index) ? tagged : this.scratch();
    this.a.asrs(offset, tagged, 1);
    if (!proof?.smallA) this.a.bcond("cc", outside);
    return offset;
  }

  /** Unless the range analysis proved the index inside: compares it with the length word at
   *  `lengthOffset` in the object, unsigned (a negative index is a huge one, so one compare
   *  checks both ends), and jumps to `outside` when it is not below. */
  protected boundsCheck(proof: Proof | undefined, array: Reg, lengthOffset: number, offset: Reg, word: Reg, outside: Label): void {
    if (proof?.inBounds) return;
    this.a.ldr(word, array, { imm: lengthOffset });
    this.a.cmp(offset, word);
    this.a.bcond("cs", outside);
  }

  protected elemGet(inst: Extract<Inst, { op: "elem-get" }>): void {
    const a = this.a;
    const dst = inst.dst;
    // Outside the array: undefined.
    const outside = this.outOfLine(() => {
      const r = this.scratch();
      a.movs(r, UNDEFINED);
      this.commit(dst, r);
    });
    // A boxed index (2^30 or more; with doubles also -0, which is index 0): undefined, or the
    // runtime's answer. Taken before anything is loaded, so the index is still where it was.
    const arrayGet = this.rt.arrayGet;
    const boxed = arrayGet === undefined ? outside : this.outOfLine(() => {
      this.readInto(inst.index, 1);
      this.readInto(inst.array, 0);
      a.bl(arrayGet);
      this.commit(dst, 0);
    });
    const array = this.read(inst.array);
    const offset = this.untagIndex(inst.index, inst.proof, boxed.label);
    const d = this.target(dst);
    const word = d !== array && d !== offset ? d : this.scratch();
    this.boundsCheck(inst.proof, array, ARRAY_LENGTH, offset, word, outside.label);
    a.ldr(word, array, { imm: ARRAY_ELEMENTS });
    a.lsls(offset, offset, 2);
    a.ldr(d, word, offset);
    // A hole reads as undefined, as outside the array.
    a.cmp(d, { imm: ARRAY_HOLE });
    a.bcond("eq", outside.label);
    this.commit(dst, d);
    a.bind(outside.back);
    if (boxed !== outside) a.bind(boxed.back);
  }

  protected elemSet(inst: Extract<Inst, { op: "elem-set" }>): void {
    const a = this.a;
    // Past the end: the runtime grows the array. The operands are read again from their
    // homes, which the fast path does not touch (a fused operand waits in r3, never scratch).
    const grow = this.outOfLine(() => {
      this.readInto(inst.array, 0);
      this.readInto(inst.index, 1);
      this.readInto(inst.src, 2);
      a.bl(this.rt.arraySet);
    });
    const value = this.read(inst.src);
    const array = this.read(inst.array);
    const offset = this.untagIndex(inst.index, inst.proof, grow.label);
    const word = this.scratch();
    this.boundsCheck(inst.proof, array, ARRAY_LENGTH, offset, word, grow.label);
    a.ldr(word, array, { imm: ARRAY_ELEMENTS });
    a.lsls(offset, offset, 2);
    a.str(value, word, offset);
    a.bind(grow.back);
  }

  /** Scales a raw element index in `offset` to a byte offset. */
  protected scaleIndex(offset: Reg, element: TypedElement): void {
    const shift = elementBytes(element) === 4 ? 2 : elementBytes(element) === 2 ? 1 : 0;
    if (shift > 0) this.a.lsls(offset, offset, shift);
  }

  protected typedGet(inst: Extract<Inst, { op: "typed-get" }>): void {
    const a = this.a;
    const dst = inst.dst;
    // Outside the array (or a boxed index, at least 2^30): undefined.
    const outside = this.outOfLine(() => {
      const r = this.scratch();
      a.movs(r, UNDEFINED);
      this.commit(dst, r);
    });
    const array = this.typedArrayRead(inst);
    const offset = this.untagIndex(inst.index, inst.proof, outside.label);
    const d = this.target(dst);
    const word = d !== array && d !== offset ? d : this.scratch();
    this.boundsCheck(inst.proof, array, TYPED_LENGTH, offset, word, outside.label);
    this.scaleIndex(offset, inst.element);
    // The elements are in the view's buffer, from the address the view holds.
    const data = this.typedData(inst, array, word);
    switch (inst.element) {
      case "u8": a.ldrb(d, data, offset); break;
      case "i8": a.ldrsb(d, data, offset); break;
      case "u16": a.ldrh(d, data, offset); break;
      case "i16": a.ldrsh(d, data, offset); break;
      default: a.ldr(d, data, offset);
    }
    if (inst.element === "u32" || inst.element === "i32") {
      // A 32-bit element may not fit a small integer: box it (int32), or an unsigned value
      // of 2^31 or more, which is a double (with doubles; without, stop).
      const box = this.outOfLine(() => {
        this.busy = new Set();
        this.readIntoRaw(d, 0);
        a.bl("__rt_box");
        this.commit(dst, 0);
      });
      let unsigned: { label: Label; back: Label } | undefined;
      if (inst.element === "u32") {
        a.cmp(d, { imm: 0 });
        if (this.rt.doubles) {
          unsigned = this.outOfLine(() => {
            this.busy = new Set();
            this.readIntoRaw(d, 0);
            a.bl("__rt_box_uint32");
            this.commit(dst, 0);
          });
          a.bcond("lt", unsigned.label);
        } else {
          a.bcond("lt", this.panicStub(Panic.PANIC_INT_OVERFLOW));
        }
      }
      const t = this.scratch();
      a.adds(t, d, d);
      a.bcond("vs", box.label);
      a.adds(d, t, { imm: 1 });
      this.commit(dst, d);
      a.bind(box.back);
      if (unsigned) a.bind(unsigned.back);
    } else if (this.rawElement === dst) {
      this.commit(dst, d);
    } else {
      a.adds(d, d, d);
      a.adds(d, d, { imm: 1 });
      this.commit(dst, d);
    }
    a.bind(outside.back);
  }

  /** The array's register, or -1 when the access reads only the data address loaded ahead
   *  (passes/loop-invariants.ts: the index is proven inside, so no bounds check). */
  protected typedArrayRead(inst: Extract<Inst, { op: "typed-get" | "typed-set" }>): Reg {
    return inst.data !== undefined && inst.proof?.inBounds ? -1 : this.read(inst.array);
  }

  /** A register holding the elements' address: the one loaded ahead, or loaded into `word`
   *  from the view's header. */
  protected typedData(inst: Extract<Inst, { op: "typed-get" | "typed-set" }>, array: Reg, word: Reg): Reg {
    if (inst.data === undefined) {
      this.a.ldr(word, array, { imm: TYPED_DATA });
      return word;
    }
    const loc = this.loc(inst.data);
    if (loc.kind === "reg") return loc.reg;
    this.readInto(inst.data, word);
    return word;
  }

  /** Moves a raw word already in register `from` into `to` (for out-of-line paths). */
  protected readIntoRaw(from: Reg, to: Reg): void {
    if (from !== to) this.a.mov(to, from);
  }

  protected typedSet(inst: Extract<Inst, { op: "typed-set" }>): void {
    const a = this.a;
    // A value that is not a small integer: its int32 value from __rt_unbox (stops on a
    // non-number), then the same store.
    const store = (value: Reg, array: Reg, offset: Reg) => {
      switch (elementBytes(inst.element)) {
        case 1: a.strb(value, array, offset); break;
        case 2: a.strh(value, array, offset); break;
        default: a.str(value, array, offset);
      }
    };
    const slow = this.outOfLine(() => {
      this.readInto(inst.src, 0);
      a.bl("__rt_unbox");
      a.cmp(1, { imm: 0 });
      a.bcond("ne", this.panicStub(Panic.PANIC_NOT_A_NUMBER));
      this.busy = new Set([0]);
      const array = this.scratch(), offset = this.scratch();
      this.readInto(inst.index, offset);
      a.asrs(offset, offset, 1);
      this.scaleIndex(offset, inst.element);
      if (inst.data !== undefined) {
        this.readInto(inst.data, array);
      } else {
        this.readInto(inst.array, array);
        a.ldr(array, array, { imm: TYPED_DATA });
      }
      store(0, array, offset);
    });
    const ignore = this.outOfLine(() => {});
    // A small-integer constant rebuilt where it is used is built as the raw word it stands
    // for: no tag check and no untagging (a[i] = 1 in a loop).
    const constant = this.loc(inst.src).kind === "const" ? this.smallConstant(inst.src) : undefined;
    let value: Reg;
    if (constant === undefined) value = this.read(inst.src);
    else { value = this.scratch(); this.loadConst(value, constant); }
    const smallValue = constant !== undefined || (this.fn.vregs[inst.src] !== undefined && this.isProvenSmall(inst));
    const array = this.typedArrayRead(inst);
    const offset = this.untagIndex(inst.index, inst.proof, ignore.label);
    const word = this.scratch();
    this.boundsCheck(inst.proof, array, TYPED_LENGTH, offset, word, ignore.label);
    if (!smallValue) {
      a.lsrs(word, value, 1);
      a.bcond("cc", slow.label);
    }
    this.scaleIndex(offset, inst.element);
    // The elements are in the view's buffer, from the address the view holds. The value is
    // untagged in place when its register is a copy only this instruction uses (after the tag
    // check, so the slow path still reads it tagged), else into one more scratch register, or,
    // with none left, the address is formed first (one instruction more).
    // (The address loaded ahead may be in a register of its own, which stays as it is.)
    const data = this.typedData(inst, array, word);
    if (constant !== undefined) {
      store(value, data, offset);
      a.bind(slow.back);
      a.bind(ignore.back);
      return;
    }
    const spare = this.isScratchCopy(inst.src) || this.loc(inst.src).kind === "fused" ? value : SCRATCH.find((r) => !this.busy.has(r));
    if (spare !== undefined) {
      this.busy.add(spare);
      a.asrs(spare, value, 1);
      store(spare, data, offset);
    } else {
      a.adds(offset, offset, data);
      a.asrs(word, value, 1);
      switch (elementBytes(inst.element)) {
        case 1: a.strb(word, offset, { imm: 0 }); break;
        case 2: a.strh(word, offset, { imm: 0 }); break;
        default: a.str(word, offset, { imm: 0 });
      }
    }
    a.bind(slow.back);
    a.bind(ignore.back);
  }

  protected isProvenSmall(inst: Extract<Inst, { op: "typed-set" }>): boolean {
    return inst.proof?.smallB ?? false;
  }

  // ---------------------------------------------------------------- terminators

  protected terminator(term: Terminator, next: Block | undefined): void {
    const a = this.a;
    switch (term.op) {
      case "jump":
        if (term.target !== next) a.b(this.labels.get(term.target)!);
        return;
      case "return":
        if (term.value !== undefined) this.readInto(term.value, 0);
        else a.movs(0, UNDEFINED);
        if (this.frameSize > 0) this.adjustSp(this.frameSize);
        this.popFrame([...this.savedRegs, 15]);
        return;
      case "unreachable":
        a.udf(0);
        return;
      case "try": {
        // Handler record in the frame: previous record, stack pointer, handler address. The
        // handler is reached through a stub right after this code, so that ADR (forward,
        // word-aligned, short) can take its address whatever the function's size.
        const record = this.slotOffset(3 * term.record);
        const stub = a.newLabel();
        a.ldrConst(0, { symbol: HANDLER_CHAIN });
        a.ldr(1, 0, { imm: 0 });
        this.storeSp(1, record);
        a.mov(1, 13);
        this.storeSp(1, record + 4);
        a.adr(1, stub);
        a.adds(1, 1, { imm: 1 });
        this.storeSp(1, record + 8);
        a.addRdSp(1, record);
        a.str(1, 0, { imm: 0 });
        a.b(this.labels.get(term.body)!);
        a.align(4);
        a.bind(stub);
        a.b(this.labels.get(term.handler)!);
        return;
      }
      case "branch": {
        let cond: Cond;
        if (term.kind === "cmp") {
          this.compare(term.a, term.b, term.numeric, term.proof, term.cmp);
          cond = condFor(term.cmp, term.numeric);
        } else if (this.doubleBranch?.dst === term.value) {
          cond = this.doubleBranch.cond;
        } else {
          const v = this.read(term.value);
          switch (term.test) {
            case "boolean": a.cmp(v, { imm: TRUE }); cond = "eq"; break;
            case "number": {
              if (this.rt.doubles) {
                // A boxed number is falsy when it is -0 or NaN: __rt_num_truthy answers with
                // a word that is 1 (a tagged 0) exactly then.
                const boxed = this.outOfLine(() => {
                  this.readInto(term.value, 0);
                  a.bl("__rt_num_truthy");
                  a.cmp(0, { imm: 1 });
                });
                const s = this.scratch();
                a.lsrs(s, v, 1);
                a.bcond("cc", boxed.label);
                a.cmp(v, { imm: 1 });
                a.bind(boxed.back);
              } else {
                a.cmp(v, { imm: 1 });
              }
              cond = "ne";
              break;
            }
            case "string": {
              const s = this.scratch();
              a.ldr(s, v, { imm: STRING_LENGTH });
              a.cmp(s, { imm: 0 });
              cond = "ne";
              break;
            }
            case "nullish": a.b(this.labels.get(term.else)!); return;
            case "object": a.b(this.labels.get(term.then)!); return;
            case "any": throw new Error("internal: 'any' truthiness must be lowered to a runtime call");
          }
        }
        const thenL = this.labels.get(term.then)!, elseL = this.labels.get(term.else)!;
        if (term.else === next) a.bcond(cond, thenL);
        else if (term.then === next) a.bcond(invert(cond), elseL);
        else { a.bcond(cond, thenL); a.b(elseL); }
        return;
      }
    }
  }
}

/** The assembler's methods as own, bound properties (so single methods can be wrapped). */
function bindAll(asm: ThumbAssembler): ThumbAssembler {
  const out: Record<string, unknown> = {};
  let proto: object | null = asm;
  while (proto && proto !== Object.prototype) {
    for (const key of Object.getOwnPropertyNames(proto)) {
      const value = (asm as unknown as Record<string, unknown>)[key];
      if (typeof value === "function" && key !== "constructor" && !(key in out)) out[key] = value.bind(asm);
    }
    proto = Object.getPrototypeOf(proto);
  }
  return out as unknown as ThumbAssembler;
}

/** The condition under which `a op b` holds after CMP a, b (signed for numbers). */
export function condFor(op: CmpOp, numeric: boolean): Cond {
  switch (op) {
    case "eq": return "eq";
    case "ne": return "ne";
    case "lt": return numeric ? "lt" : "cc";
    case "le": return numeric ? "le" : "ls";
    case "gt": return numeric ? "gt" : "hi";
    case "ge": return numeric ? "ge" : "cs";
  }
}

function invert(c: Cond): Cond {
  const pairs: Record<Cond, Cond> = {
    eq: "ne", ne: "eq", cs: "cc", cc: "cs", mi: "pl", pl: "mi", vs: "vc", vc: "vs",
    hi: "ls", ls: "hi", ge: "lt", lt: "ge", gt: "le", le: "gt",
  };
  return pairs[c];
}
