// Register allocation for ARMv6-M: linear scan over live intervals.
//
// Virtual registers live in the callee-saved r4-r7 or in stack slots, so a call never
// clobbers them and no save/restore around calls is needed. r0-r3 are the instruction
// selector's scratch and argument registers. A temporary that is used once, by the very
// next instruction, is "fused": it never gets a home, the defining instruction leaves it
// in a scratch register and the user reads it from there (most expression temporaries).

import { type Block, type IrFunction, type VReg, def, mayCall, successors, termUses, uses } from "../../../sdk/compiler/ir/ir.ts";

export type Location =
  | { kind: "reg"; reg: number }
  /** A constant cheap enough to rebuild (MOVS/MVNS) wherever it is read: it needs no home. */
  | { kind: "const"; word: number }
  | { kind: "stack"; slot: number }
  /** A value that did not get a low register, kept in a high one (r8-r11, where the port has
   *  spare ones) instead of the stack: read and written with MOV through a scratch register. */
  | { kind: "high"; reg: number }
  | { kind: "fused"; reg: number }
  | { kind: "none" };

export interface Allocation {
  locations: Location[];
  /** Callee-saved registers used (to push in the prologue). */
  usedCalleeSaved: number[];
  spillSlots: number;
  /** Blocks in emission order (reachable only). */
  order: Block[];
}

export const ALLOCATABLE = [4, 5, 6, 7];
/** Where a fused temporary waits when its user is not a call. */
export const FUSED_REG = 3;

export interface AllocationOptions {
  /** Callee-saved registers for values that would otherwise be spilled to the stack. */
  spillRegisters?: readonly number[];
}

export function allocate(fn: IrFunction, options: AllocationOptions = {}): Allocation {
  const order = fn.blocks; // already cleaned: reachable, in lowering order
  const locations: Location[] = fn.vregs.map(() => ({ kind: "none" }));

  // Uses and definitions per vreg, to find fusable temporaries.
  const useCount = new Array<number>(fn.vregs.length).fill(0);
  const defCount = new Array<number>(fn.vregs.length).fill(0);
  for (const p of fn.params) defCount[p]++;
  for (const b of order) {
    for (const inst of b.insts) {
      for (const u of uses(inst)) useCount[u]++;
      const d = def(inst);
      if (d !== undefined) defCount[d]++;
    }
    for (const u of termUses(b.term)) useCount[u]++;
  }
  const fused = new Set<VReg>();
  // A constant defined once can be built again where it is read instead of taking a register
  // or a stack slot: the first to spill (passes/loop-invariants.ts hoists costly ones).
  const constantWords = new Map<VReg, number>();
  // A typed array's data address loaded ahead of a loop spills next: read from a stack slot it
  // costs the load from the array's header it replaced, where another value would cost more.
  const spillFirst = new Set<VReg>();
  for (const b of order) {
    for (const inst of b.insts) {
      if (inst.op !== "const" && inst.op !== "typed-data") continue;
      if (defCount[inst.dst] !== 1 || fn.params.includes(inst.dst)) continue;
      if (inst.op === "const") constantWords.set(inst.dst, inst.word >>> 0);
      spillFirst.add(inst.dst);
    }
  }
  // A typed array whose accesses all use the data address loaded ahead, with proven indexes,
  // is live only for the collector past that load (ir.ts, typedOperands): no instruction reads it, so it is
  // the first to leave the registers (for a high register or a stack slot the collector scans).
  const read = new Set<VReg>();
  for (const b of order) {
    for (const inst of b.insts) {
      // (The load of the data address, once before the loop, does not count.)
      if (inst.op === "typed-data") continue;
      const onlyKeptAlive = (inst.op === "typed-get" || inst.op === "typed-set") && inst.data !== undefined && inst.proof?.inBounds;
      for (const u of uses(inst)) if (!onlyKeptAlive || u !== inst.array || u === inst.index || (inst.op === "typed-set" && u === inst.src)) read.add(u);
    }
    for (const u of termUses(b.term)) read.add(u);
  }
  const spillPriority = (v: VReg) => (!read.has(v) ? 2 : spillFirst.has(v) ? 1 : 0);
  for (const b of order) {
    for (const inst of b.insts) {
      if (inst.op !== "const" || defCount[inst.dst] !== 1 || fn.params.includes(inst.dst)) continue;
      const w = inst.word >>> 0;
      if (w <= 255 || (~w >>> 0) <= 255) {
        locations[inst.dst] = { kind: "const", word: w };
        fused.add(inst.dst);
      }
    }
  }
  for (const b of order) {
    b.insts.forEach((inst, i) => {
      const d = def(inst);
      if (d === undefined || defCount[d] !== 1 || useCount[d] !== 1 || fn.vregs[d].name || fused.has(d)) return;
      if (mayCall(inst) || !fusableProducer(inst.op)) return;
      const next = b.insts[i + 1];
      // Operands of an indirect call are moved into r0-r3 in an order fusion cannot follow.
      if (next && (next.op === "call-indirect" || next.op === "call-method" || next.op === "call-code")) return;
      const nextUses = next ? uses(next) : termUses(b.term);
      if (!nextUses.includes(d)) return;
      // The same vreg twice in the user would need two reads of one scratch: fine; but a
      // user that moves arguments into r0-r3 needs the temp in its own argument register.
      if (next && next.op === "call") {
        const k = next.args.indexOf(d);
        if (k < 0 || k >= 4 || next.args.lastIndexOf(d) !== k) return;
        locations[d] = { kind: "fused", reg: k };
      } else if (!next && b.term.op === "return") {
        locations[d] = { kind: "fused", reg: 0 };
      } else {
        locations[d] = { kind: "fused", reg: FUSED_REG };
      }
      fused.add(d);
    });
  }

  // Live intervals over a linear numbering (2 positions per instruction).
  const start = new Array<number>(fn.vregs.length).fill(Infinity);
  const end = new Array<number>(fn.vregs.length).fill(-Infinity);
  const touch = (v: VReg, p: number) => {
    if (fused.has(v)) return;
    if (p < start[v]) start[v] = p;
    if (p > end[v]) end[v] = p;
  };
  const blockStart = new Map<Block, number>();
  const blockEnd = new Map<Block, number>();
  let pos = 0;
  // A parameter nobody reads needs no home (its argument stays where the caller put it).
  for (const p of fn.params) if (useCount[p] > 0) touch(p, pos);
  pos += 2;
  for (const b of order) {
    blockStart.set(b, pos);
    for (const inst of b.insts) {
      for (const u of uses(inst)) touch(u, pos);
      const d = def(inst);
      if (d !== undefined) touch(d, pos + 1);
      pos += 2;
    }
    for (const u of termUses(b.term)) touch(u, pos);
    blockEnd.set(b, pos);
    pos += 2;
  }

  // Liveness across blocks extends intervals over whole blocks (loops).
  const liveIn = new Map<Block, Set<VReg>>();
  const liveOut = new Map<Block, Set<VReg>>();
  for (const b of order) { liveIn.set(b, new Set()); liveOut.set(b, new Set()); }
  for (let changed = true; changed;) {
    changed = false;
    for (let i = order.length - 1; i >= 0; i--) {
      const b = order[i];
      const out = liveOut.get(b)!;
      for (const s of successors(b.term)) for (const v of liveIn.get(s) ?? []) out.add(v);
      const live = new Set(out);
      for (const u of termUses(b.term)) live.add(u);
      for (let j = b.insts.length - 1; j >= 0; j--) {
        const inst = b.insts[j];
        const d = def(inst);
        if (d !== undefined) live.delete(d);
        for (const u of uses(inst)) live.add(u);
      }
      const inSet = liveIn.get(b)!;
      for (const v of live) if (!inSet.has(v)) { inSet.add(v); changed = true; }
    }
  }
  for (const b of order) {
    for (const v of liveIn.get(b)!) touch(v, blockStart.get(b)!);
    for (const v of liveOut.get(b)!) touch(v, blockEnd.get(b)! + 1);
  }

  // In a function with try blocks, a throw resumes in a handler with the registers of some
  // other moment: variables, and every value live where a handler starts (a loop's array and
  // index around a try, say), live in their own stack slots, never in registers.
  const liveAtHandlers = new Set<VReg>();
  for (const b of order) if (b.term.op === "try") for (const v of liveIn.get(b.term.handler) ?? []) liveAtHandlers.add(v);
  const inMemory = (v: VReg) => (fn.tryRecords ?? 0) > 0 && (fn.vregs[v].name !== undefined || liveAtHandlers.has(v));
  let spillSlots = 3 * (fn.tryRecords ?? 0); // the handler records come first
  const intervals = fn.vregs
    .map((_, v) => v)
    .filter((v) => !fused.has(v) && start[v] !== Infinity)
    .filter((v) => {
      if (!inMemory(v)) return true;
      locations[v] = { kind: "stack", slot: spillSlots++ };
      return false;
    })
    .sort((a, b) => start[a] - start[b] || a - b);

  const free = [...ALLOCATABLE];
  const active: VReg[] = [];
  const used = new Set<number>();
  const spillRegisters = options.spillRegisters ?? [];
  // With spill registers, spilled intervals get them in a second scan (below), in start order.
  const spilled: VReg[] = [];
  const homeless = (v: VReg) => {
    const word = constantWords.get(v);
    locations[v] = word !== undefined ? { kind: "const", word } : { kind: "stack", slot: spillSlots++ };
  };
  const spill = (v: VReg) => {
    if (spillRegisters.length > 0) spilled.push(v);
    else homeless(v);
  };
  /** Frees the registers of intervals that end before `at`. */
  const expire = (active: VReg[], free: number[], at: number) => {
    for (let i = active.length - 1; i >= 0; i--) {
      const a = active[i];
      if (end[a] < at) {
        free.push((locations[a] as { reg: number }).reg);
        active.splice(i, 1);
      }
    }
  };
  /** Gives v the lowest free register of `free`, if there is one. */
  const take = (v: VReg, active: VReg[], free: number[], kind: "reg" | "high"): boolean => {
    if (free.length === 0) return false;
    free.sort((a, b) => a - b);
    const reg = free.shift()!;
    locations[v] = { kind, reg };
    used.add(reg);
    active.push(v);
    return true;
  };
  for (const v of intervals) {
    expire(active, free, start[v]);
    if (!take(v, active, free, "reg")) {
      // Spill a value no instruction reads first, then a constant or a data address (they
      // cost no more rebuilt or reloaded), else whichever interval ends last: it blocks a
      // register the longest.
      let victim = active[0];
      for (const a of active) if (end[a] > end[victim]) victim = a;
      const cheap = active.filter((a) => spillPriority(a) > 0).sort((x, y) => spillPriority(y) - spillPriority(x) || end[y] - end[x])[0];
      if (spillPriority(v) > 0 && (cheap === undefined || spillPriority(v) >= spillPriority(cheap))) { spill(v); continue; }
      if (cheap !== undefined) victim = cheap;
      if (cheap !== undefined || end[victim] > end[v]) {
        const reg = (locations[victim] as { reg: number }).reg;
        spill(victim);
        active.splice(active.indexOf(victim), 1);
        locations[v] = { kind: "reg", reg };
        active.push(v);
      } else {
        spill(v);
      }
    }
  }
  const freeHigh = [...spillRegisters];
  const activeHigh: VReg[] = [];
  for (const v of spilled.sort((a, b) => start[a] - start[b] || a - b)) {
    expire(activeHigh, freeHigh, start[v]);
    if (!take(v, activeHigh, freeHigh, "high")) homeless(v);
  }
  return { locations, usedCalleeSaved: [...used].sort((a, b) => a - b), spillSlots, order };
}

function fusableProducer(op: string): boolean {
  switch (op) {
    case "const": case "symbol": case "num": case "neg": case "bitnot": case "load": case "tag": case "untag":
    case "addr-of": case "object-at": case "elem-get": case "typed-get": case "move": case "raw-add": case "raw-and":
      return true;
  }
  return false;
}
