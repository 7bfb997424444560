// Int specialisation by range analysis, whole program.
//
// Numbers are small integers or boxed doubles, so in general every arithmetic operand needs
// a tag check and every result an overflow check with a slow path. This pass proves, per
// operation, that the operands are small integers and that the result stays one: it tracks an
// integer interval for every virtual register through each function (refined by the
// conditions of branches, widened at loops), and across calls it assumes the best of
// parameters and return values, then withdraws what call sites and returns contradict, until
// nothing changes (a greatest fixed point: recursion such as fib(n - 1) keeps its facts).
//
// A register whose interval lies inside the small-integer range holds a small integer: a
// boxed number is only ever made for a value outside that range.

import { type Block, type Inst, type IrFunction, type IrProgram, type Proof, type VReg, successors, MAX_ARGUMENTS } from "../ir/ir.ts";
import { SMALL_INT_MAX, SMALL_INT_MIN } from "../values.ts";

export interface Range { lo: number; hi: number }

const TOP: Range = { lo: -Infinity, hi: Infinity };
const OBJECT_ADDRESS_MAX = 0x3ff00000;
const TYPED_RANGES: Record<string, Range | undefined> = {
  u8: { lo: 0, hi: 255 }, i8: { lo: -128, hi: 127 }, u16: { lo: 0, hi: 65535 }, i16: { lo: -32768, hi: 32767 },
  u32: { lo: 0, hi: 2 ** 31 - 1 }, i32: { lo: -(2 ** 31), hi: 2 ** 31 - 1 },
};
const SMALL: Range = { lo: SMALL_INT_MIN, hi: SMALL_INT_MAX };
/** Visits of one block before its growing bounds are widened to infinity. */
const WIDEN_AFTER = 3;
/** Narrowing passes after widening (each one follows the loops once). */
const NARROWING_ROUNDS = 8;


/** A range from bounds that may be NaN (∞ - ∞): NaN means unbounded on that side. */
function bounded(lo: number, hi: number): Range {
  return { lo: Number.isNaN(lo) ? -Infinity : lo, hi: Number.isNaN(hi) ? Infinity : hi };
}

export function isSmall(r: Range | undefined): boolean {
  return r !== undefined && r.lo >= SMALL_INT_MIN && r.hi <= SMALL_INT_MAX;
}

/** Arithmetic the port implements (ports/<arch>/rt): their result ranges are known. */
const PORT_CALLS: Record<string, (a: Range, b: Range) => Range> = {
  __rt_mul: (a, b) => {
    // 0 × ∞ is NaN: a zero bound times an unbounded one contributes 0.
    const p = [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi].map((x) => (Number.isNaN(x) ? 0 : x));
    return { lo: Math.min(...p), hi: Math.max(...p) };
  },
  __rt_idiv: (a) => ({ lo: -Math.max(Math.abs(a.lo), Math.abs(a.hi)), hi: Math.max(Math.abs(a.lo), Math.abs(a.hi)) }),
  __rt_mod: (a, b) => {
    const m = Math.max(Math.abs(b.lo), Math.abs(b.hi)) - 1;
    return { lo: a.lo >= 0 ? 0 : -m, hi: a.hi <= 0 ? 0 : m };
  },
  __rt_div: (a) => ({ lo: -Math.max(Math.abs(a.lo), Math.abs(a.hi)), hi: Math.max(Math.abs(a.lo), Math.abs(a.hi)) }),
};

/** Whether the program has doubles (IrProgram.doubles): then a number without a range may be
 *  a fraction, so a compare bounds only registers already known to hold integers, and `/`
 *  and `%` are not integer operations. Set for one analyzeRanges run. */
let doubles = false;

/** With doubles, whether a port operation on integers in these ranges gives an integer that is
 *  not -0 (x / y is a fraction; x % 0 is NaN and a zero remainder of a negative x is -0; a
 *  zero product with a negative factor is -0). */
function integerResult(callee: string, a: Range, b: Range): boolean {
  switch (callee) {
    case "__rt_idiv": return true;
    case "__rt_mod": return (b.lo > 0 || b.hi < 0) && a.lo >= 0;
    case "__rt_mul": return (a.lo >= 0 && b.lo >= 0) || ((a.lo > 0 || a.hi < 0) && (b.lo > 0 || b.hi < 0));
    default: return false;
  }
}

export function analyzeRanges(program: IrProgram): void {
  doubles = program.doubles;
  const bySymbol = new Map(program.functions.map((f) => [f.symbol, f]));
  const callers = new Map<string, number>();
  for (const fn of program.functions) {
    for (const b of fn.blocks) for (const i of b.insts) if (i.op === "call") callers.set(i.callee, (callers.get(i.callee) ?? 0) + 1);
  }
  // Optimistic start: every parameter and return value of a function with call sites is small.
  const paramSmall = new Map<IrFunction, boolean[]>();
  for (const fn of program.functions) {
    paramSmall.set(fn, fn.params.map(() => (callers.get(fn.symbol) ?? 0) > 0));
    fn.returnsSmallInt = (callers.get(fn.symbol) ?? 0) > 0;
  }
  for (let round = 0; ; round++) {
    const argSmall = new Map<IrFunction, boolean[]>();
    let changed = false;
    for (const fn of program.functions) {
      const result = analyzeFunction(fn, paramSmall.get(fn)!, bySymbol, false, program.arraysShrink);
      for (const [callee, args] of result.calls) {
        const target = bySymbol.get(callee);
        if (!target) continue;
        const acc = argSmall.get(target) ?? target.params.map(() => true);
        target.params.forEach((_, i) => { acc[i] &&= args[i] ?? false; });
        argSmall.set(target, acc);
      }
      if (fn.returnsSmallInt && !result.returnsSmall) { fn.returnsSmallInt = false; changed = true; }
    }
    for (const fn of program.functions) {
      const current = paramSmall.get(fn)!;
      const seen = argSmall.get(fn);
      current.forEach((v, i) => {
        if (v && !(seen?.[i] ?? false)) { current[i] = false; changed = true; }
      });
    }
    if (!changed || round > 20) {
      // The last analysis recorded its proofs on the instructions; parameters' facts for the
      // back end's prologue too.
      for (const fn of program.functions) {
        analyzeFunction(fn, paramSmall.get(fn)!, bySymbol, true, program.arraysShrink);
        fn.params.forEach((p, i) => { fn.vregs[p].smallInt = paramSmall.get(fn)![i] || p === fn.argumentCount; });
      }
      return;
    }
  }
}

type State = Map<VReg, Range>;

interface FunctionResult {
  calls: Array<[string, boolean[]]>;
  returnsSmall: boolean;
}

/**
 * Lower bounds of array lengths, flow-insensitive: a register all of whose definitions are
 * new arrays of at least n elements (or copies of such registers) always refers to an array
 * with at least n elements, because arrays only grow in this language step. (Operations that
 * shrink arrays, when they arrive, must clear these facts.)
 */
function arrayMinLengths(fn: IrFunction): Map<VReg, number> {
  const defs = new Map<VReg, Inst[]>();
  const constants = new Map<VReg, number>();
  for (const b of fn.blocks) {
    for (const inst of b.insts) {
      const d = "dst" in inst ? inst.dst : undefined;
      if (d === undefined) continue;
      defs.set(d, [...(defs.get(d) ?? []), inst]);
      if (inst.op === "const" && (inst.word & 1) === 1) constants.set(d, (inst.word | 0) >> 1);
    }
  }
  const min = new Map<VReg, number>();
  for (let changed = true; changed;) {
    changed = false;
    for (const [v, list] of defs) {
      if (fn.params.includes(v)) continue;
      let bound = Infinity;
      for (const inst of list) {
        if (inst.op === "call" && inst.newArray) {
          const n = defs.get(inst.args[0])?.length === 1 ? constants.get(inst.args[0]) : undefined;
          bound = Math.min(bound, n ?? 0);
        } else if (inst.op === "move" && min.has(inst.src)) {
          bound = Math.min(bound, min.get(inst.src)!);
        } else {
          bound = -1;
        }
      }
      if (bound > 0 && bound !== Infinity && min.get(v) !== bound) { min.set(v, bound); changed = true; }
    }
  }
  return min;
}

function analyzeFunction(fn: IrFunction, paramSmall: boolean[], bySymbol: Map<string, IrFunction>, record = false, arraysShrink = false): FunctionResult {
  const minLength = record && !arraysShrink ? arrayMinLengths(fn) : new Map<VReg, number>();
  const entryState: State = new Map();
  fn.params.forEach((p, i) => { if (paramSmall[i]) entryState.set(p, SMALL); });
  // A value call's argument count (the value-call convention, ir.ts): the caller wrote it.
  if (fn.argumentCount !== undefined) entryState.set(fn.argumentCount, { lo: 0, hi: MAX_ARGUMENTS });
  const inStates = new Map<Block, State>();
  const visits = new Map<Block, number>();
  inStates.set(fn.blocks[0], entryState);
  const work: Block[] = [fn.blocks[0]];
  const queued = new Set<Block>(work);
  // Reverse postorder, so loops settle before what follows them; back edges (to a block on
  // the depth-first path) close loops, and only there is widening applied.
  const { order, backEdges } = depthFirst(fn);
  // Only registers a loop assigns are widened at its head: a value the loop merely carries
  // (an outer loop's counter) keeps the bounds it came in with.
  const loopDefs = loopDefinitions(fn, backEdges);
  while (work.length > 0) {
    work.sort((x, y) => order.get(x)! - order.get(y)!);
    const block = work.shift()!;
    queued.delete(block);
    const state = new Map(inStates.get(block)!);
    for (const inst of block.insts) transfer(inst, state, bySymbol, false);
    for (const [succ, out0] of edges(block, state)) {
      const prev = inStates.get(succ);
      const backEdge0 = backEdges.has(`${block.id}>${succ.id}`);
      // Around a back edge, what the loop does not assign is what came in: keep that.
      const out = backEdge0 && prev ? carryUnassigned(out0, prev, loopDefs.get(succ)!) : out0;
      const merged = prev ? join(prev, out) : out;
      const n = (visits.get(succ) ?? 0) + 1;
      visits.set(succ, n);
      // Widen only where a loop closes (an edge back to an earlier block).
      const backEdge = backEdges.has(`${block.id}>${succ.id}`);
      const next = prev && backEdge && n > WIDEN_AFTER ? widen(prev, merged, loopDefs.get(succ)!) : merged;
      if (!prev || !sameState(prev, next)) {
        inStates.set(succ, next);
        if (!queued.has(succ)) { queued.add(succ); work.push(succ); }
      }
    }
  }

  // Narrowing: recompute each block's entry state from its predecessors' exits, in reverse
  // postorder and using each new state at once, which takes back what widening gave away (a
  // loop counter bounded by its condition), until nothing changes.
  const rpo = [...fn.blocks].filter((b) => inStates.has(b)).sort((x, y) => order.get(x)! - order.get(y)!);
  const predecessors = new Map<Block, Block[]>();
  for (const b of rpo) for (const succ of successorsOf(b)) predecessors.set(succ, [...(predecessors.get(succ) ?? []), b]);
  const exitTo = (from: Block, to: Block): State | undefined => {
    const entry = inStates.get(from);
    if (!entry) return undefined;
    const state = new Map(entry);
    for (const inst of from.insts) transfer(inst, state, bySymbol, false);
    return edges(from, state).find(([succ]) => succ === to)?.[1];
  };
  for (let round = 0; round < NARROWING_ROUNDS; round++) {
    let changed = false;
    for (const block of rpo) {
      if (block === fn.blocks[0]) continue;
      const current = inStates.get(block)!;
      const outs = (predecessors.get(block) ?? []).map((p) => {
        const out = exitTo(p, block);
        return out && backEdges.has(`${p.id}>${block.id}`) ? carryUnassigned(out, current, loopDefs.get(block)!) : out;
      }).filter((x): x is State => x !== undefined);
      if (outs.length === 0) continue;
      const entryOuts = (predecessors.get(block) ?? []).filter((p) => !backEdges.has(`${p.id}>${block.id}`))
        .map((p) => exitTo(p, block)).filter((x): x is State => x !== undefined);
      let next = outs.reduce(join);
      if (loopDefs.has(block) && entryOuts.length > 0) {
        // A loop head: registers the loop does not assign take their entry values only.
        const entry = entryOuts.reduce(join);
        const assigned = loopDefs.get(block)!;
        next = new Map([...next].filter(([v]) => assigned.has(v)));
        for (const [v, r] of entry) if (!assigned.has(v)) next.set(v, r);
      }
      if (!sameState(next, inStates.get(block)!)) { inStates.set(block, next); changed = true; }
    }
    if (!changed) break;
  }

  // Final pass over the settled states: proofs, call-site facts, returns.
  const calls: Array<[string, boolean[]]> = [];
  let returnsSmall = true;
  for (const block of fn.blocks) {
    const reached = inStates.get(block);
    const state = new Map(reached ?? []);
    for (const inst of block.insts) {
      if (inst.op === "call" && bySymbol.has(inst.callee)) calls.push([inst.callee, inst.args.map((a) => isSmall(state.get(a)))]);
      if (record && inst.op === "call") inst.smallArgs = inst.args.map((a) => isSmall(state.get(a)));
      const elementOp = inst.op === "elem-get" || inst.op === "elem-set" || inst.op === "typed-get" || inst.op === "typed-set";
      const index = elementOp ? state.get((inst as { index: VReg }).index) : undefined;
      transfer(inst, state, bySymbol, record);
      if (record && index && elementOp) {
        const length = minLength.get((inst as { array: VReg }).array) ?? 0;
        if (index.lo >= 0 && index.hi < length) (inst as { proof?: Proof }).proof = { ...(inst as { proof?: Proof }).proof!, inBounds: true };
      }
    }
    const t = block.term;
    if (t.op === "return" && reached) {
      if (t.value === undefined || !isSmall(state.get(t.value))) returnsSmall = false;
    }
    if (record && t.op === "branch" && t.kind === "cmp" && t.numeric) {
      (t as { proof?: Proof }).proof = { smallA: isSmall(state.get(t.a)), smallB: isSmall(state.get(t.b)), smallResult: true };
    }
  }
  return { calls, returnsSmall };
}

function depthFirst(fn: IrFunction): { order: Map<Block, number>; backEdges: Set<string> } {
  const post: Block[] = [];
  const backEdges = new Set<string>();
  const state = new Map<Block, "active" | "done">();
  const visit = (b: Block) => {
    state.set(b, "active");
    for (const s of successorsOf(b)) {
      const st = state.get(s);
      if (st === "active") backEdges.add(`${b.id}>${s.id}`);
      else if (!st) visit(s);
    }
    state.set(b, "done");
    post.push(b);
  };
  visit(fn.blocks[0]);
  const order = new Map<Block, number>();
  post.reverse().forEach((b, i) => order.set(b, i));
  for (const b of fn.blocks) if (!order.has(b)) order.set(b, order.size);
  return { order, backEdges };
}

/** For each loop head, the registers defined anywhere in its loop (natural loops of the
 *  back edges: the head and every block that reaches the back edge's source without it). */
function loopDefinitions(fn: IrFunction, backEdges: Set<string>): Map<Block, Set<VReg>> {
  const byId = new Map(fn.blocks.map((b) => [b.id, b]));
  const preds = new Map<Block, Block[]>();
  for (const b of fn.blocks) for (const s of successorsOf(b)) preds.set(s, [...(preds.get(s) ?? []), b]);
  const result = new Map<Block, Set<VReg>>();
  for (const edge of backEdges) {
    const [from, to] = edge.split(">").map((id) => byId.get(Number(id))!);
    const body = new Set<Block>([to]);
    const work = [from];
    while (work.length > 0) {
      const b = work.pop()!;
      if (body.has(b)) continue;
      body.add(b);
      for (const p of preds.get(b) ?? []) work.push(p);
    }
    const defs = result.get(to) ?? new Set<VReg>();
    for (const b of body) {
      for (const inst of b.insts) {
        const d = "dst" in inst ? inst.dst : undefined;
        if (d !== undefined) defs.add(d);
      }
    }
    result.set(to, defs);
  }
  return result;
}

function successorsOf(b: Block): Block[] {
  return successors(b.term);
}

function rangeOf(state: State, v: VReg): Range {
  return state.get(v) ?? TOP;
}

function transfer(inst: Inst, state: State, bySymbol: Map<string, IrFunction>, record: boolean): void {
  const set = (v: VReg, r: Range | undefined) => {
    if (r === undefined || r.lo === -Infinity && r.hi === Infinity) state.delete(v);
    else state.set(v, r);
  };
  const proof = (a: VReg | undefined, b: VReg | undefined, result: Range | undefined) => {
    if (!record) return;
    (inst as { proof?: Proof }).proof = {
      smallA: a === undefined || isSmall(state.get(a)),
      smallB: b === undefined || isSmall(state.get(b)),
      smallResult: isSmall(result),
    };
  };
  switch (inst.op) {
    case "const": {
      if ((inst.word & 1) === 1) { const n = (inst.word | 0) >> 1; set(inst.dst, { lo: n, hi: n }); }
      else state.delete(inst.dst);
      return;
    }
    case "move": set(inst.dst, state.get(inst.src)); return;
    case "num": {
      const a = rangeOf(state, inst.a), b = rangeOf(state, inst.b);
      const smallOps = isSmall(a) && isSmall(b);
      let r: Range | undefined;
      // Sums and differences are exact whatever the representation (the slow path computes
      // them too), so their bounds carry over even from operands that may be boxed; that is
      // what lets narrowing recover a loop counter's lower bound after widening.
      if (inst.kind === "add") r = bounded(a.lo + b.lo, a.hi + b.hi);
      if (inst.kind === "sub") r = bounded(a.lo - b.hi, a.hi - b.lo);
      // With doubles an unbounded operand may be infinite, and 0 × Infinity is NaN (in no
      // range); a zero product with a negative factor is -0 (in no range either).
      const zeroTimesUnbounded = (x: Range, y: Range) => x.lo <= 0 && x.hi >= 0 && !(Number.isFinite(y.lo) && Number.isFinite(y.hi));
      if (inst.kind === "mul" && (!doubles || !(zeroTimesUnbounded(a, b) || zeroTimesUnbounded(b, a)))) r = PORT_CALLS.__rt_mul(a, b);
      if (inst.kind === "mul" && doubles && r && !((a.lo >= 0 && b.lo >= 0) || r.lo > 0 || r.hi < 0)) r = undefined;
      // Bitwise results are int32 whatever the operands hold (ToInt32 first), so some are
      // bounded even when an operand may be boxed: `x & 0xfff` lies in [0, 0xfff], `x >>> 2`
      // below 2^30, `x >> 1` within the small integers.
      if (!smallOps) {
        if (inst.kind === "and" && (isSmall(a) && a.lo >= 0 || isSmall(b) && b.lo >= 0)) {
          r = { lo: 0, hi: Math.min(isSmall(a) && a.lo >= 0 ? a.hi : Infinity, isSmall(b) && b.lo >= 0 ? b.hi : Infinity) };
        }
        if (inst.kind === "shr" && b.lo === b.hi && isSmall(b) && (b.lo & 31) >= 2) r = { lo: 0, hi: 2 ** (32 - (b.lo & 31)) - 1 };
        if (inst.kind === "sar" && b.lo === b.hi && isSmall(b) && (b.lo & 31) >= 1) r = { lo: -(2 ** (31 - (b.lo & 31))), hi: 2 ** (31 - (b.lo & 31)) - 1 };
      }
      if (smallOps) {
        switch (inst.kind) {
          case "add": r = { lo: a.lo + b.lo, hi: a.hi + b.hi }; break;
          case "mul": {
            // A zero product with a negative operand is -0: only provably not the case counts.
            r = PORT_CALLS.__rt_mul(a, b);
            const noNegativeZero = (a.lo >= 0 && b.lo >= 0) || r.lo > 0 || r.hi < 0;
            if (!noNegativeZero) r = undefined;
            break;
          }
          case "sub": r = { lo: a.lo - b.hi, hi: a.hi - b.lo }; break;
          case "and":
            r = a.lo >= 0 && b.lo >= 0 ? { lo: 0, hi: Math.min(a.hi, b.hi) } : a.lo >= 0 ? { lo: 0, hi: a.hi } : b.lo >= 0 ? { lo: 0, hi: b.hi } : SMALL;
            break;
          case "or": case "xor":
            r = a.lo >= 0 && b.lo >= 0 ? { lo: 0, hi: 2 ** Math.ceil(Math.log2(Math.max(a.hi, b.hi) + 1)) - 1 } : SMALL;
            break;
          case "sar":
            if (b.lo === b.hi) { const k = b.lo & 31; r = { lo: Math.floor(a.lo / 2 ** k), hi: Math.floor(a.hi / 2 ** k) }; }
            else r = { lo: Math.min(a.lo, 0), hi: Math.max(a.hi, 0) };
            break;
          case "shr":
            if (a.lo >= 0) r = b.lo === b.hi ? { lo: Math.floor(a.lo / 2 ** (b.lo & 31)), hi: Math.floor(a.hi / 2 ** (b.lo & 31)) } : { lo: 0, hi: a.hi };
            else if (b.lo === b.hi && (b.lo & 31) >= 2) r = { lo: 0, hi: 2 ** (32 - (b.lo & 31)) - 1 };
            break;
          case "shl":
            if (b.lo === b.hi && a.lo >= 0) { const k = b.lo & 31; r = { lo: a.lo * 2 ** k, hi: a.hi * 2 ** k }; }
            // A count known within 0–31 (1 << (pin & 7)): the largest shift bounds it, when
            // nothing reaches bit 31 (where the int32 result would turn negative).
            else if (a.lo >= 0 && b.lo >= 0 && b.hi <= 31 && a.hi * 2 ** b.hi < 2 ** 31) r = { lo: a.lo * 2 ** b.lo, hi: a.hi * 2 ** b.hi };
            break;
        }
      }
      proof(inst.a, inst.b, r);
      set(inst.dst, r);
      return;
    }
    case "neg": {
      const a = rangeOf(state, inst.a);
      // -0 for 0: the result is small only when 0 is excluded.
      const r = isSmall(a) && (a.lo > 0 || a.hi < 0) ? { lo: -a.hi, hi: -a.lo } : undefined;
      proof(inst.a, undefined, r);
      set(inst.dst, r);
      return;
    }
    case "bitnot": {
      const a = rangeOf(state, inst.a);
      const r = isSmall(a) ? { lo: -a.hi - 1, hi: -a.lo - 1 } : undefined;
      proof(inst.a, undefined, r);
      set(inst.dst, r);
      return;
    }
    case "call": {
      if (inst.dst === undefined) return;
      const port = PORT_CALLS[inst.callee];
      if (port && inst.args.length === 2) {
        const a = rangeOf(state, inst.args[0]), b = rangeOf(state, inst.args[1]);
        const r = isSmall(a) && isSmall(b) && !(doubles && !integerResult(inst.callee, a, b)) ? port(a, b) : undefined;
        set(inst.dst, r && r.lo >= -(2 ** 31) && r.hi < 2 ** 31 ? r : undefined);
        return;
      }
      set(inst.dst, bySymbol.get(inst.callee)?.returnsSmallInt ? SMALL : undefined);
      return;
    }
    case "tag": {
      const r = inst.max !== undefined ? { lo: 0, hi: inst.max } : undefined;
      set(inst.dst, r);
      proof(undefined, undefined, r);
      return;
    }
    // Objects live in RAM or flash, below 0x3ff00000 on every board (peripherals, above, hold
    // no objects), which leaves room to add field offsets without leaving the range.
    case "addr-of": set(inst.dst, { lo: 0, hi: OBJECT_ADDRESS_MAX }); return;
    case "elem-get": case "elem-set": {
      proof(inst.index, undefined, undefined);
      if (inst.op === "elem-get") state.delete(inst.dst);
      return;
    }
    case "typed-get": {
      const r = TYPED_RANGES[inst.element];
      proof(inst.index, undefined, r);
      // Outside the array the read is undefined: the range holds for the numbers it gives.
      set(inst.dst, r);
      return;
    }
    case "typed-set": {
      proof(inst.index, inst.src, undefined);
      return;
    }
    case "check-int": {
      proof(inst.src, undefined, undefined);
      return;
    }
    case "untag": {
      // A number taken as a raw word (an intrinsic's address or value): proven small, it is
      // untagged without the check for a boxed one.
      if (inst.number) proof(inst.src, undefined, undefined);
      state.delete(inst.dst);
      return;
    }
    default: {
      const d = "dst" in inst ? inst.dst : undefined;
      if (d !== undefined) state.delete(d);
    }
  }
}

/** Successor states, refined by the branch condition on each edge. */
function edges(block: Block, state: State): Array<[Block, State]> {
  const t = block.term;
  if (t.op === "jump") return [[t.target, state]];
  // A handler can be entered from anywhere in its try block: nothing is known there.
  if (t.op === "try") return [[t.body, state], [t.handler, new Map()]];
  if (t.op !== "branch") return [];
  if (t.kind !== "cmp" || !t.numeric) return [[t.then, state], [t.else, new Map(state)]];
  const a = rangeOf(state, t.a), b = rangeOf(state, t.b);
  const refine = (op: string): State => {
    const s = new Map(state);
    let ra = { ...a }, rb = { ...b };
    switch (op) {
      case "lt": ra.hi = Math.min(ra.hi, b.hi - 1); rb.lo = Math.max(rb.lo, a.lo + 1); break;
      case "le": ra.hi = Math.min(ra.hi, b.hi); rb.lo = Math.max(rb.lo, a.lo); break;
      case "gt": ra.lo = Math.max(ra.lo, b.lo + 1); rb.hi = Math.min(rb.hi, a.hi - 1); break;
      case "ge": ra.lo = Math.max(ra.lo, b.lo); rb.hi = Math.min(rb.hi, a.hi); break;
      case "eq": ra = { lo: Math.max(a.lo, b.lo), hi: Math.min(a.hi, b.hi) }; rb = { ...ra }; break;
      default: return s;
    }
    // Only registers that hold numbers get ranges: a refinement of an unknown register by a
    // known bound says nothing about its representation unless the compare passed the
    // small-integer fast path, which the back end checks anyway. Record finite bounds only.
    // With doubles an unknown register may hold a fraction (5.5 < 10 does not make it 9 at
    // most, nor small): only integers already known are refined.
    if (ra.lo <= ra.hi && (!doubles || state.has(t.a))) s.set(t.a, ra);
    if (rb.lo <= rb.hi && (!doubles || state.has(t.b))) s.set(t.b, rb);
    return s;
  };
  const negate: Record<string, string> = { lt: "ge", le: "gt", gt: "le", ge: "lt", eq: "ne", ne: "eq" };
  return [[t.then, refine(t.cmp)], [t.else, refine(negate[t.cmp])]];
}

function join(x: State, y: State): State {
  const r: State = new Map();
  for (const [v, a] of x) {
    const b = y.get(v);
    if (b) r.set(v, { lo: Math.min(a.lo, b.lo), hi: Math.max(a.hi, b.hi) });
  }
  return r;
}

/** A back edge's state with the registers the loop does not assign replaced by the head's. */
function carryUnassigned(out: State, head: State, assigned: Set<VReg>): State {
  const r: State = new Map([...out].filter(([v]) => assigned.has(v)));
  for (const [v, range] of head) if (!assigned.has(v)) r.set(v, range);
  return r;
}

function widen(prev: State, next: State, assigned: Set<VReg>): State {
  const r: State = new Map();
  for (const [v, n] of next) {
    if (!assigned.has(v)) { r.set(v, n); continue; }
    const p = prev.get(v);
    if (!p) continue;
    const lo = n.lo < p.lo ? -Infinity : n.lo;
    const hi = n.hi > p.hi ? Infinity : n.hi;
    if (lo !== -Infinity || hi !== Infinity) r.set(v, { lo, hi });
  }
  return r;
}

function sameState(x: State, y: State): boolean {
  if (x.size !== y.size) return false;
  for (const [v, a] of x) {
    const b = y.get(v);
    if (!b || b.lo !== a.lo || b.hi !== a.hi) return false;
  }
  return true;
}
