// Instruction selection for ARMv7-M (Cortex-M3/M4, Thumb-2). ARMv7-M runs every ARMv6-M
// instruction, so this is the ARMv6-M code generator (ports/armv6m/codegen: the same frame,
// calling conventions, register allocation and slow paths) with the places overridden where a
// 32-bit Thumb-2 instruction does the same work in fewer instructions or without a literal:
//
//   constants      MOV.W/MVN.W (modified immediate) or MOVW instead of a literal-pool load;
//                  words that need MOVW+MOVT stay in the pool (one instruction, not two)
//   frame, fields  LDR/STR.W with 12-bit offsets (frames up to 4 KB; fields past 124 bytes)
//   compares       CMP.W/CMN.W with a modified immediate; a boolean result through an IT block
//   zero tests     CBZ (uninitialised bindings)
//   spills         r8-r10 before the stack (a MOV where ARMv6-M has a load or store)
//   stack checks   CMP SP, r11: r11 holds the stack limit from reset on (rt/runtime.ts)
//   *              SMULL inline in the app's code (ARMv6-M calls __rt_mul unless the ranges
//                  prove the product small)
//   % / (x/y)|0    SDIV (MLS for the remainder) inline on small integers in the app's code;
//                  the port routine only for what needs it (a zero divisor, -0, a quotient
//                  outside 31 bits). The SDK's code calls the routines, which have the same
//                  fast paths (rt/runtime.ts).

import { createThumb2Assembler, type Thumb2Assembler } from "../../../sdk/compiler/asm/thumb2.ts";
import type { Label, Reg } from "../../../sdk/compiler/asm/types.ts";
import type { Chunk } from "../../../sdk/compiler/link/types.ts";
import type { CodegenRuntime } from "../../../sdk/compiler/port.ts";
import { PORT_ARITHMETIC } from "../../../sdk/compiler/port.ts";
import type { Block, CmpOp, Inst, IrFunction, Terminator } from "../../../sdk/compiler/ir/ir.ts";
import { FALSE, TRUE, tagInt } from "../../../sdk/compiler/values.ts";
import * as Panic from "../../../sdk/lib/rt/panic-codes.ts";
import { NUM_OP } from "../../armv6m/rt/num-ops.ts";
import { STACK_OVERFLOW } from "../rt/runtime.ts";
import { FunctionCodegen, condFor, generateOrStop } from "../../armv6m/codegen/codegen.ts";

/** Callee-saved registers the 16-bit encodings cannot name: homes for values that find no
 *  low register (a MOV to or from a scratch register, where ARMv6-M loads and stores the
 *  stack). Pushed with PUSH.W; the collector's register spill pushes them too (rt/runtime.ts). */
const HIGH_CALLEE_SAVED: Reg[] = [8, 9, 10];
/** Holds __stack_limit in a program that checks the stack (rt/runtime.ts sets it at reset,
 *  seeing STACK_OVERFLOW referenced): never allocated. */
const STACK_LIMIT_REGISTER: Reg = 11;

/** IrFunction.module of the SDK's own code: a path from the repository root, or mote/board. */
const SDK_MODULE = /^(sdk|boards|mote)\//;

/** LDR/STR (immediate) encoding T3 reaches 4095 bytes (ARMv7-M ARM A7.7.43). */
const IMM12_MAX = 4095;
/** The widest offsets of the 16-bit forms: word imm5*4, halfword imm5*2, byte imm5. */
const NARROW_OFFSET_MAX = { 32: 124, 16: 62, 8: 31 } as const;

export function generateFunction(fn: IrFunction, rt: CodegenRuntime): Chunk {
  return generateOrStop("armv7m", fn, () => new Thumb2FunctionCodegen(fn, rt).run());
}

type CallInst = Extract<Inst, { op: "call" }>;
type DivisionKind = "idiv" | "mod" | "div";

class Thumb2FunctionCodegen extends FunctionCodegen {
  private readonly t2: Thumb2Assembler;
  /** Multiply and divide fast paths inline in the app's own code, where its loops are; the
   *  SDK's code (sdk/, boards/) calls the port's routines, whose own SMULL/SDIV fast paths
   *  (rt/runtime.ts) cost a call more but no bytes at every site (about 0.8 KB per image). */
  private readonly inlineArithmetic = !SDK_MODULE.test(this.fn.module);

  constructor(fn: IrFunction, rt: CodegenRuntime) {
    super(fn, rt, createThumb2Assembler(), { spillRegisters: HIGH_CALLEE_SAVED });
    this.t2 = this.a as Thumb2Assembler;
  }

  protected override stackCheck(): void {
    const overflow = this.a.newLabel();
    this.stubs.push({ label: overflow, code: Panic.PANIC_STACK_OVERFLOW, pos: this.pos, emit: () => this.a.bl(STACK_OVERFLOW) });
    this.a.cmp(13, STACK_LIMIT_REGISTER);
    this.a.bcond("cc", overflow);
  }

  protected override calleeSaved(): Reg[] {
    return [4, 5, 6, 7, ...HIGH_CALLEE_SAVED];
  }

  protected override pushFrame(regs: Reg[]): void {
    if (regs.some((r) => r >= 8 && r !== 14)) this.t2.pushW(regs);
    else this.a.push(regs);
  }

  protected override popFrame(regs: Reg[]): void {
    if (regs.some((r) => r >= 8 && r !== 15)) this.t2.popW(regs);
    else this.a.pop(regs);
  }

  protected override loadConst(r: Reg, word: number): void {
    word >>>= 0;
    if (word <= 255) this.a.movs(r, word);
    else if (this.t2.movModified(r, word)) return;
    else if (word <= 0xffff) this.t2.movw(r, word);
    else this.a.ldrConst(r, word);
  }

  protected override loadSp(r: Reg, offset: number): void {
    if (offset <= 1020) this.a.ldr(r, 13, { imm: offset });
    else this.wideSpAccess("ldr", r, offset);
  }

  protected override storeSp(r: Reg, offset: number): void {
    if (offset <= 1020) this.a.str(r, 13, { imm: offset });
    else this.wideSpAccess("str", r, offset);
  }

  private wideSpAccess(op: "ldr" | "str", r: Reg, offset: number): void {
    if (offset > IMM12_MAX) throw new Error(`internal: frame of ${this.fn.symbol} too large (offset ${offset} past ${IMM12_MAX})`);
    this.t2.loadStoreW(op, r, 13, offset);
  }

  protected override memory(kind: "load" | "store", width: 8 | 16 | 32, r: Reg, base: Reg, offset: number): void {
    const aligned = offset % (width / 8) === 0;
    if ((offset >= 0 && offset <= NARROW_OFFSET_MAX[width] && aligned) || offset < 0 || offset > IMM12_MAX) {
      super.memory(kind, width, r, base, offset);
      return;
    }
    const op = kind === "load" ? (width === 32 ? "ldr" : width === 16 ? "ldrh" : "ldrb") : (width === 32 ? "str" : width === 16 ? "strh" : "strb");
    this.t2.loadStoreW(op, r, base, offset);
  }

  /** Both operands' tags in one test (AND.W, then bit 0) where both are in registers and
   *  neither is proven small: one instruction fewer than a test each. */
  protected override num(inst: Extract<Inst, { op: "num" }>): void {
    const proof = inst.proof ?? { smallA: false, smallB: false, smallResult: false };
    const inRegister = (v: number) => { const kind = this.loc(v).kind; return kind === "reg" || kind === "fused"; };
    if (inst.kind === "mul" || proof.smallA || proof.smallB || this.smallConstant(inst.b) !== undefined
      || !inRegister(inst.a) || !inRegister(inst.b)) {
      super.num(inst);
      return;
    }
    const slowPath = this.numSlowPath(NUM_OP[inst.kind as keyof typeof NUM_OP], inst.dst, inst.a, inst.b);
    const x = this.read(inst.a), y = this.read(inst.b);
    const both = this.scratch();
    this.t2.andW(both, x, y);
    this.a.lsls(both, both, 31);
    this.a.bcond("eq", slowPath.slow);
    this.busy.delete(both);
    // The rest is the ARMv6-M operation without its tag tests; its overflow check takes the
    // same slow path, and it binds the label the slow path returns to.
    this.sharedSlowPath = slowPath;
    super.num({ ...inst, proof: { ...proof, smallA: true, smallB: true } });
  }

  private sharedSlowPath: { slow: Label; back: Label } | undefined;

  protected override numSlowPath(op: number, dst: number, x: number, y: number | undefined): { slow: Label; back: Label } {
    const shared = this.sharedSlowPath;
    this.sharedSlowPath = undefined;
    return shared ?? super.numSlowPath(op, dst, x, y);
  }

  /** A compare against a constant that a modified immediate holds takes no register. */
  protected override compare(av: number, bv: number, numeric: boolean, proof: { smallA: boolean; smallB: boolean } | undefined, kind: CmpOp): void {
    const imm = this.constants().get(bv);
    const smallA = !numeric || (proof?.smallA ?? false);
    const smallB = !numeric || (imm !== undefined && (imm & 1) === 1) || (proof?.smallB ?? false);
    if (imm !== undefined && imm > 255 && smallA && smallB && av !== this.rawElement) {
      const x = this.read(av);
      if (this.t2.cmpW(x, imm)) return;
      this.a.cmp(x, this.compareOperand(bv));
      return;
    }
    super.compare(av, bv, numeric, proof, kind);
  }

  /** A raw element tested against 0 (`a[i] === 0`): CBZ/CBNZ, no CMP. */
  protected override terminator(term: Terminator, next: Block | undefined): void {
    if (term.op === "branch" && term.kind === "cmp" && term.a === this.rawElement
      && (term.cmp === "eq" || term.cmp === "ne") && this.constants().get(term.b) === tagInt(0)) {
      const x = this.read(term.a);
      if (x < 8) {
        const thenL = this.labels.get(term.then)!, elseL = this.labels.get(term.else)!;
        const zero = term.cmp === "eq";
        if (term.then === next) (zero ? this.t2.cbnz : this.t2.cbz)(x, elseL);
        else {
          (zero ? this.t2.cbz : this.t2.cbnz)(x, thenL);
          if (term.else !== next) this.a.b(elseL);
        }
        return;
      }
    }
    super.terminator(term, next);
  }

  protected override instruction(inst: Inst): void {
    switch (inst.op) {
      case "cmp": {
        // The flags choose TRUE or FALSE without a branch.
        this.compare(inst.a, inst.b, inst.numeric, inst.proof, inst.kind);
        const d = this.target(inst.dst);
        this.t2.it(condFor(inst.kind, inst.numeric), "te");
        this.a.movs(d, TRUE);
        this.a.movs(d, FALSE);
        return this.commit(inst.dst, d);
      }
      case "check-initialized": {
        this.t2.cbz(this.read(inst.src), this.panicStub(Panic.PANIC_UNINITIALIZED));
        return;
      }
      case "num":
        if (this.inlineArithmetic && inst.kind === "mul" && !(inst.proof?.smallA && inst.proof.smallB && inst.proof.smallResult)) return this.multiply(inst);
        return super.instruction(inst);
      case "call": {
        const kind = divisionKind(inst);
        if (kind && this.inlineArithmetic) return this.divide(inst, kind);
        return super.instruction(inst);
      }
      default:
        return super.instruction(inst);
    }
  }

  /** x * y on small integers with SMULL: the 64-bit product of x and 2y is 2xy, a small
   *  integer's payload when its high word is the sign of its low word; a zero product goes
   *  to __rt_mul too (it may be -0), as does any operand that is not a small integer. */
  private multiply(inst: Extract<Inst, { op: "num" }>): void {
    const a = this.a;
    const proof = inst.proof ?? { smallA: false, smallB: false, smallResult: false };
    const slow = this.outOfLine(() => {
      this.busy = new Set();
      this.readInto(inst.a, 0);
      this.readInto(inst.b, 1);
      a.bl(PORT_ARITHMETIC.mul);
      this.busy = new Set([0]);
      this.commit(inst.dst, 0);
    });
    const x = this.read(inst.a), y = this.read(inst.b);
    this.tagCheck(inst.a, x, proof.smallA, slow.label);
    this.tagCheck(inst.b, y, proof.smallB, slow.label);
    // Copies of spilled or constant operands are overwritten (the slow path reads homes).
    const lo = this.isScratchCopy(inst.a) ? x : this.scratch();
    const hi = this.isScratchCopy(inst.b) ? y : this.scratch();
    a.asrs(lo, x, 1);             // x
    a.subs(hi, y, { imm: 1 });    // 2y
    this.t2.smull(lo, hi, lo, hi); // 2xy
    this.t2.cmpShifted(hi, lo, "asr", 31);
    a.bcond("ne", slow.label);
    this.t2.cbz(lo, slow.label);
    const d = this.resultRegister(inst.dst, lo);
    a.adds(d, lo, { imm: 1 });
    this.commit(inst.dst, d);
    a.bind(slow.back);
  }

  /** (x / y) | 0, x % y and exact x / y on small integers with SDIV (and MLS); the port's
   *  routine (the call the lowering made) for a divisor of 0, a result of -0, a quotient of
   *  2^30 (-2^30 / -1), an inexact x / y, or an operand that is not a small integer. */
  private divide(inst: CallInst, kind: DivisionKind): void {
    const a = this.a;
    const slow = this.outOfLine(() => {
      super.instruction(inst);
    });
    const [xv, yv] = inst.args;
    const x = this.read(xv), y = this.read(yv);
    this.tagCheck(xv, x, false, slow.label);
    this.tagCheck(yv, y, false, slow.label);
    // Copies of spilled or constant operands are overwritten (the slow path reads homes).
    const dividend = this.isScratchCopy(xv) ? x : this.scratch();
    const divisor = this.isScratchCopy(yv) ? y : this.scratch();
    a.asrs(divisor, y, 1);
    a.bcond("eq", slow.label);                   // a zero divisor
    a.asrs(dividend, x, 1);
    // The quotient may take the dividend's register where nothing reads the dividend after.
    const quotient = kind === "idiv" ? dividend : this.spareRegister(inst);
    this.t2.sdiv(quotient, dividend, divisor);
    if (kind === "mod") {
      // The remainder has the dividend's sign: 0 from a negative dividend is -0.
      this.t2.mls(quotient, quotient, divisor, dividend);
      a.cmp(dividend, { imm: 0 });
      this.t2.it("lt", "t");
      a.cmp(quotient, { imm: 0 });
      a.bcond("eq", slow.label);
      const d = this.resultRegister(inst.dst!, quotient);
      a.adds(d, quotient, quotient);
      a.adds(d, d, { imm: 1 });
      this.commit(inst.dst!, d);
    } else {
      if (kind === "div") {
        // Exact only (a fraction is the routine's), and 0 / negative is -0.
        this.t2.mls(dividend, quotient, divisor, dividend);
        this.t2.cbnz(dividend, slow.label);
        // Exact: the quotient is 0 exactly when the dividend is.
        a.cmp(divisor, { imm: 0 });
        this.t2.it("lt", "t");
        a.cmp(quotient, { imm: 0 });
        a.bcond("eq", slow.label);
      }
      // 2q overflows only for q = 2^30 (-2^30 / -1), which the routine boxes or wraps.
      a.adds(quotient, quotient, quotient);
      a.bcond("vs", slow.label);
      const d = this.resultRegister(inst.dst!, quotient);
      a.adds(d, quotient, { imm: 1 });
      this.commit(inst.dst!, d);
    }
    a.bind(slow.back);
  }

  /** The destination's register, or for a spilled one `spare` (a register this instruction
   *  no longer needs), so that storing the result takes no further scratch register. */
  private resultRegister(dst: number, spare: Reg): Reg {
    const home = this.loc(dst);
    return home.kind === "reg" || home.kind === "fused" ? this.target(dst) : spare;
  }

  /** A scratch register, or with none left the destination's fused one (a temporary nothing
   *  else reads, which the slow path writes anyway). */
  private spareRegister(inst: CallInst): Reg {
    const free = [0, 1, 2, 3].find((r) => !this.busy.has(r));
    if (free !== undefined) { this.busy.add(free); return free; }
    const home = this.loc(inst.dst!);
    if (home.kind === "fused") return home.reg;
    throw new Error(`internal: out of scratch registers for a division in ${this.fn.symbol}`);
  }
}

/** The division the lowering hands to the port's routine, if this call is one (with a result
 *  the program uses: without one the call is kept as it is). */
function divisionKind(inst: CallInst): DivisionKind | undefined {
  if (inst.args.length !== 2 || inst.dst === undefined) return undefined;
  switch (inst.callee) {
    case PORT_ARITHMETIC.idiv: return "idiv";
    case PORT_ARITHMETIC.mod: return "mod";
    case PORT_ARITHMETIC.div: return "div";
    default: return undefined;
  }
}
