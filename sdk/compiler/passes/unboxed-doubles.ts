// Doubles without allocation (issue 12, item 2). In a program with doubles every number a
// virtual register holds is a tagged word, so each arithmetic result that is not a small
// integer was boxed on the heap: a loop over doubles allocated at every step and spent as
// much in the collector as in the arithmetic. This pass keeps such numbers unboxed.
//
// A virtual register becomes a double cell (8 bytes in the frame, the f64-* operations of
// ir/ir.ts) when every definition of it computes a number the cell can hold (+ - * / % on
// numbers, a chain on the double accumulator, a move, a number constant) and it likely holds
// fractions: some definition divides, is a chain's result, a fractional constant, or takes
// an operand that is such a register already (a fixpoint). Integer loop counters and sums
// stay small integers with their fast paths. Uses that are arithmetic, numeric comparisons
// and moves between cells read the cell; any other use (a call argument, a store, a return)
// boxes the value there, where it escapes, as Node would have it. Every step rounds as a
// double operation, as JavaScript does, so results are the same doubles; a result that is a
// small integer is made one again when it is boxed (__rt_dresult), so the representation
// stays canonical. Constants an operation reads get a cell filled once on entry.
//
// Functions with a try block keep their variables in memory (a handler may read them after
// any call), so they are left as they are, as are functions that would need more cells than
// MAX_CELLS (their frames must stay within reach of SP-relative loads).

import { DOUBLE_ACCUMULATOR, PORT_ARITHMETIC } from "../port.ts";
import { type F64Op, type Inst, type IrFunction, type IrProgram, type Terminator, type VReg, newVReg, termUses, uses } from "../ir/ir.ts";

/** Cells a function may end with (frames stay within SP-relative reach), and before the
 *  temporaries share them. */
const MAX_CELLS = 24;
const MAX_PLANNED_CELLS = 64;

/** Calls of the port's arithmetic on two numbers whose result a cell can hold. */
const CALL_OPS: Record<string, F64Op> = { [PORT_ARITHMETIC.div]: "div", [PORT_ARITHMETIC.mod]: "mod" };
const CHAIN_STEPS: Record<string, F64Op> = {
  [DOUBLE_ACCUMULATOR.add]: "add", [DOUBLE_ACCUMULATOR.sub]: "sub", [DOUBLE_ACCUMULATOR.mul]: "mul",
  [DOUBLE_ACCUMULATOR.div]: "div", [DOUBLE_ACCUMULATOR.mod]: "mod",
};
/** Operand fields of instructions that hold virtual registers (the f64-* ones hold cells). */
const OPERAND_FIELDS = ["a", "b", "src", "base", "fn", "object", "code", "array", "index"] as const;

export function unboxDoubles(program: IrProgram): void {
  if (!program.doubles) return;
  const numberConstants = new Set(program.data.filter((d) => d.module === "numbers").map((d) => d.symbol));
  for (const fn of program.functions) {
    if ((fn.tryRecords ?? 0) > 0) continue;
    const plan = planCells(fn, numberConstants);
    if (plan) rewrite(fn, plan);
  }
}

type DefKind = "arith" | "fraction" | "move" | "constant" | "other";

interface Plan {
  /** Registers that become cells, and their cells. */
  cells: Map<VReg, number>;
  /** Registers defined once by a constant, read by a cell operation: a cell filled on entry. */
  constants: Map<VReg, { cell: number; def: Inst }>;
  /** Two cells for operands converted on the spot; a chain's accumulator when its result escapes. */
  scratch: [number, number];
  accumulator: number;
  count: number;
}

function defKind(inst: Inst, numberConstants: Set<string>): DefKind {
  switch (inst.op) {
    case "num": return inst.kind === "add" || inst.kind === "sub" || inst.kind === "mul" ? "arith" : "other";
    case "call":
      if (inst.callee === DOUBLE_ACCUMULATOR.result) return "fraction";
      if (CALL_OPS[inst.callee] !== undefined && inst.args.length === 2) return inst.callee === PORT_ARITHMETIC.div ? "fraction" : "arith";
      return "other";
    case "move": return "move";
    case "const": return (inst.word & 1) === 1 ? "constant" : "other";
    case "symbol": return numberConstants.has(inst.symbol) && inst.addend === 0 ? "fraction" : "other";
    default: return "other";
  }
}

function operandsOf(inst: Inst): VReg[] {
  if (inst.op === "num") return [inst.a, inst.b];
  if (inst.op === "call") return inst.args;
  if (inst.op === "move") return [inst.src];
  return [];
}

function planCells(fn: IrFunction, numberConstants: Set<string>): Plan | undefined {
  const defs = new Map<VReg, Inst[]>();
  let chains = false;
  for (const block of fn.blocks) {
    for (const inst of block.insts) {
      if (inst.op === "call" && inst.callee === DOUBLE_ACCUMULATOR.load) chains = true;
      const d = "dst" in inst ? inst.dst : undefined;
      if (d === undefined) continue;
      const list = defs.get(d);
      if (list) list.push(inst); else defs.set(d, [inst]);
    }
  }
  // A variable read before its declaration ran (check-initialized) must still hold word 0 then.
  const checked = new Set(fn.blocks.flatMap((b) => b.insts.flatMap((inst) => (inst.op === "check-initialized" ? [inst.src] : []))));
  const eligible = new Set<VReg>();
  for (const [v, list] of defs) {
    if (fn.params.includes(v) || fn.vregs[v].raw || checked.has(v)) continue;
    if (list.every((inst) => defKind(inst, numberConstants) !== "other")) eligible.add(v);
  }
  // A move copies its source as it is: only from a register that holds a number itself (a
  // conditional's result may be a number or undefined, whose move must not become NaN).
  for (let changed = true; changed;) {
    changed = false;
    for (const v of eligible) {
      if (defs.get(v)!.some((inst) => inst.op === "move" && !eligible.has(inst.src))) { eligible.delete(v); changed = true; }
    }
  }
  // Fractions: seeded by divisions, chains and fractional constants, spread through arithmetic and moves.
  const fractional = new Set<VReg>();
  for (let changed = true; changed;) {
    changed = false;
    for (const v of eligible) {
      if (fractional.has(v)) continue;
      const kinds = defs.get(v)!;
      const fraction = kinds.some((inst) => {
        const kind = defKind(inst, numberConstants);
        return kind === "fraction" || ((kind === "arith" || kind === "move") && operandsOf(inst).some((o) => fractional.has(o)));
      });
      if (fraction) { fractional.add(v); changed = true; }
    }
  }
  if (fractional.size === 0 && !chains) return undefined;
  let count = 0;
  const cells = new Map<VReg, number>();
  const constants = new Map<VReg, { cell: number; def: Inst }>();
  const constantDef = (v: VReg): Inst | undefined => {
    const list = defs.get(v);
    if (!list || list.length !== 1 || fn.params.includes(v)) return undefined;
    const kind = defKind(list[0], numberConstants);
    return kind === "constant" || (kind === "fraction" && list[0].op === "symbol") ? list[0] : undefined;
  };
  for (const v of fractional) {
    const def = constantDef(v);
    if (def) constants.set(v, { cell: count++, def });
    else cells.set(v, count++);
  }
  // Constant operands of cell operations (a small integer like the 4 in `<= 4`).
  const readByCells = (o: VReg) => {
    if (cells.has(o) || constants.has(o)) return;
    const def = constantDef(o);
    if (def) constants.set(o, { cell: count++, def });
  };
  for (const block of fn.blocks) {
    for (const inst of block.insts) {
      const d = "dst" in inst ? inst.dst : undefined;
      const cellResult = d !== undefined && cells.has(d);
      if (inst.op === "call" && (CHAIN_STEPS[inst.callee] !== undefined || inst.callee === DOUBLE_ACCUMULATOR.load)) inst.args.forEach(readByCells);
      else if (cellResult && (inst.op === "num" || inst.op === "call")) operandsOf(inst).forEach(readByCells);
      else if (inst.op === "cmp" && inst.numeric && (cells.has(inst.a) || cells.has(inst.b))) [inst.a, inst.b].forEach(readByCells);
    }
    const t = block.term;
    if (t.op === "branch" && t.kind === "cmp" && t.numeric && (cells.has(t.a) || cells.has(t.b))) [t.a, t.b].forEach(readByCells);
  }
  const scratch: [number, number] = [count, count + 1];
  const accumulator = count + 2;
  count += 3;
  if (count > MAX_PLANNED_CELLS) return undefined;
  return { cells, constants, scratch, accumulator, count };
}

function rewrite(fn: IrFunction, plan: Plan): void {
  const { cells, constants } = plan;
  /** The cell holding operand v's double, converting it into scratch cell k if it has none. */
  const cellOf = (out: Inst[], v: VReg, k: 0 | 1, pos: Inst["pos"]): number => {
    const cell = cells.get(v) ?? constants.get(v)?.cell;
    if (cell !== undefined) return cell;
    out.push({ op: "f64-load", to: plan.scratch[k], src: v, pos });
    return plan.scratch[k];
  };
  /** A boxed copy of cell register v, for a use that is not a cell operation. */
  const boxed = (out: Inst[], v: VReg, pos: Inst["pos"]): VReg => {
    const cell = cells.get(v) ?? constants.get(v)?.cell;
    if (cell === undefined || !cells.has(v)) return v;
    const t = newVReg(fn);
    out.push({ op: "f64-box", dst: t, from: cell, pos });
    return t;
  };

  const rewritten: Array<{ insts: Inst[]; term: Terminator }> = [];
  for (const block of fn.blocks) {
    const out: Inst[] = [];
    let accumulator: number | undefined;
    for (let i = 0; i < block.insts.length; i++) {
      const inst = block.insts[i];
      const pos = inst.pos;
      const d = "dst" in inst ? inst.dst : undefined;
      const to = d === undefined ? undefined : cells.get(d);
      if (d !== undefined && constants.has(d) && (inst.op === "const" || inst.op === "symbol")) {
        // Filled on entry; the register itself is still defined for the uses that box it.
        out.push(inst);
        continue;
      }
      if (inst.op === "call" && inst.callee === DOUBLE_ACCUMULATOR.load) {
        // The chain computes in its result's cell, unless that cell is also one of its operands.
        const rest = block.insts.slice(i);
        const end = rest.findIndex((next) => next.op === "call" && next.callee === DOUBLE_ACCUMULATOR.result);
        const result = end < 0 ? undefined : rest[end];
        const resultCell = result && "dst" in result && result.dst !== undefined ? cells.get(result.dst) : undefined;
        const operandCells = rest.slice(0, Math.max(end, 0)).flatMap((step) => step.op === "call" ? step.args.map((v) => cells.get(v)) : []);
        accumulator = resultCell !== undefined && !operandCells.includes(resultCell) ? resultCell : plan.accumulator;
        const from = cells.get(inst.args[0]) ?? constants.get(inst.args[0])?.cell;
        if (from !== undefined) out.push({ op: "f64-op", kind: "copy", to: accumulator, x: from, pos });
        else out.push({ op: "f64-load", to: accumulator, src: inst.args[0], pos });
        continue;
      }
      if (inst.op === "call" && CHAIN_STEPS[inst.callee] !== undefined) {
        if (accumulator === undefined) throw new Error(`internal error: a double chain step without its load in ${fn.symbol}`);
        out.push({ op: "f64-op", kind: CHAIN_STEPS[inst.callee], to: accumulator, x: accumulator, y: cellOf(out, inst.args[0], 1, pos), pos });
        continue;
      }
      if (inst.op === "call" && inst.callee === DOUBLE_ACCUMULATOR.result) {
        if (accumulator === undefined) throw new Error(`internal error: a double chain result without its load in ${fn.symbol}`);
        if (to === undefined) {
          if (inst.dst !== undefined) out.push({ op: "f64-box", dst: inst.dst, from: accumulator, pos });
        } else if (to !== accumulator) {
          out.push({ op: "f64-op", kind: "copy", to, x: accumulator, pos });
        }
        accumulator = undefined;
        continue;
      }
      if (to !== undefined) {
        if (inst.op === "num") {
          const x = cellOf(out, inst.a, 0, pos), y = cellOf(out, inst.b, 1, pos);
          out.push({ op: "f64-op", kind: inst.kind as F64Op, to, x, y, pos });
        } else if (inst.op === "call") {
          const x = cellOf(out, inst.args[0], 0, pos), y = cellOf(out, inst.args[1], 1, pos);
          out.push({ op: "f64-op", kind: CALL_OPS[inst.callee], to, x, y, pos });
        } else if (inst.op === "move") {
          const from = cells.get(inst.src) ?? constants.get(inst.src)?.cell;
          if (from === undefined) out.push({ op: "f64-load", to, src: inst.src, pos });
          else if (from !== to) out.push({ op: "f64-op", kind: "copy", to, x: from, pos });
        } else if (inst.op === "const" || inst.op === "symbol") {
          const t = newVReg(fn);
          out.push({ ...inst, dst: t }, { op: "f64-load", to, src: t, pos });
        } else {
          throw new Error(`internal error: ${inst.op} cannot define a double cell in ${fn.symbol}`);
        }
        continue;
      }
      if (inst.op === "cmp" && inst.numeric && (cells.has(inst.a) || cells.has(inst.b))) {
        const x = cellOf(out, inst.a, 0, pos), y = cellOf(out, inst.b, 1, pos);
        out.push({ op: "f64-cmp", kind: inst.kind, dst: inst.dst, x, y, pos });
        continue;
      }
      if (uses(inst).some((u) => cells.has(u))) {
        const copy = { ...inst } as Record<string, unknown>;
        for (const field of OPERAND_FIELDS) {
          if (typeof copy[field] === "number") copy[field] = boxed(out, copy[field] as VReg, pos);
        }
        if (inst.op === "call" || inst.op === "call-indirect" || inst.op === "call-method" || inst.op === "call-code") {
          copy.args = inst.args.map((v) => boxed(out, v, pos));
        }
        out.push(copy as Inst);
        continue;
      }
      out.push(inst);
    }
    rewritten.push({ term: rewriteTerm(fn, block.term, out, plan, cellOf, boxed), insts: out });
  }
  // Constant cells, filled once on entry.
  const entry: Inst[] = [];
  for (const { cell, def } of constants.values()) {
    const t = newVReg(fn);
    entry.push({ ...def, dst: t } as Inst, { op: "f64-load", to: cell, src: t, pos: def.pos });
  }
  rewritten[0].insts.unshift(...entry);
  const cellCount = shareCells(rewritten.map((b) => b.insts), plan.count);
  if (cellCount > MAX_CELLS) return;
  fn.blocks.forEach((block, k) => { block.insts = rewritten[k].insts; block.term = rewritten[k].term; });
  fn.doubleCells = cellCount;
}

/** Cell fields an f64-* operation reads, and the one it writes. */
function cellRefs(inst: Inst): { reads: number[]; write?: number } {
  switch (inst.op) {
    case "f64-op": return { reads: inst.y === undefined ? [inst.x] : [inst.x, inst.y], write: inst.to };
    case "f64-load": return { reads: [], write: inst.to };
    case "f64-box": return { reads: [inst.from] };
    case "f64-cmp": return { reads: [inst.x, inst.y] };
    default: return { reads: [] };
  }
}

/**
 * Renumbers the cells so that temporaries share them: a cell used in one block only, written
 * before it is first read there, lives from that write to its last read; cells whose lives do
 * not overlap get the same number. The others (variables, constants) keep a cell each.
 * Returns the number of cells.
 */
function shareCells(blocks: Inst[][], count: number): number {
  const block = new Array<number>(count).fill(-1);
  const start = new Array<number>(count).fill(-1);
  const end = new Array<number>(count).fill(-1);
  const local = new Array<boolean>(count).fill(true);
  let position = 0;
  blocks.forEach((insts, k) => {
    for (const inst of insts) {
      position++;
      const { reads, write } = cellRefs(inst);
      for (const cell of reads) {
        if (block[cell] !== k) local[cell] = false;
        end[cell] = position;
      }
      if (write !== undefined) {
        if (block[write] === -1) { block[write] = k; start[write] = position; }
        else if (block[write] !== k) local[write] = false;
        end[write] = Math.max(end[write], position);
      }
    }
  });
  const renumber = new Array<number>(count);
  let next = 0;
  for (let cell = 0; cell < count; cell++) if (!local[cell] || block[cell] === -1) renumber[cell] = next++;
  const locals = [...Array(count).keys()].filter((cell) => local[cell] && block[cell] !== -1).sort((x, y) => start[x] - start[y]);
  const free: number[] = [];
  const active: Array<{ cell: number; end: number }> = [];
  let shared = next;
  for (const cell of locals) {
    for (let i = active.length - 1; i >= 0; i--) {
      if (active[i].end <= start[cell]) { free.push(active[i].cell); active.splice(i, 1); }
    }
    const number = free.pop() ?? shared++;
    renumber[cell] = number;
    active.push({ cell: number, end: end[cell] });
  }
  for (const insts of blocks) {
    for (const inst of insts) {
      switch (inst.op) {
        case "f64-op": inst.to = renumber[inst.to]; inst.x = renumber[inst.x]; if (inst.y !== undefined) inst.y = renumber[inst.y]; break;
        case "f64-load": inst.to = renumber[inst.to]; break;
        case "f64-box": inst.from = renumber[inst.from]; break;
        case "f64-cmp": inst.x = renumber[inst.x]; inst.y = renumber[inst.y]; break;
      }
    }
  }
  return shared;
}

function rewriteTerm(
  fn: IrFunction, term: Terminator, out: Inst[], plan: Plan,
  cellOf: (out: Inst[], v: VReg, k: 0 | 1, pos: Inst["pos"]) => number,
  boxed: (out: Inst[], v: VReg, pos: Inst["pos"]) => VReg,
): Terminator {
  if (!termUses(term).some((u) => plan.cells.has(u))) return term;
  if (term.op === "branch" && term.kind === "cmp") {
    if (term.numeric) {
      const x = cellOf(out, term.a, 0, term.pos), y = cellOf(out, term.b, 1, term.pos);
      const test = newVReg(fn);
      out.push({ op: "f64-cmp", kind: term.cmp, dst: test, x, y, branches: true, pos: term.pos });
      return { op: "branch", kind: "truthy", test: "boolean", value: test, then: term.then, else: term.else, pos: term.pos };
    }
    return { ...term, a: boxed(out, term.a, term.pos), b: boxed(out, term.b, term.pos) };
  }
  if (term.op === "branch") return { ...term, value: boxed(out, term.value, term.pos) };
  if (term.op === "return" && term.value !== undefined) return { ...term, value: boxed(out, term.value, term.pos) };
  return term;
}
