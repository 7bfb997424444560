// Drops blocks no path from the entry reaches (code after return/break/continue) and
// forwards jumps through empty blocks, so later passes and the back end see only live code.

import { type Block, type Inst, type IrFunction, type IrProgram, successors, termUses, uses } from "../ir/ir.ts";

export function cleanup(program: IrProgram): void {
  for (const fn of program.functions) cleanupFunction(fn);
}

export function cleanupFunction(fn: IrFunction): void {
  // Dead code can leave blocks empty (a parameter a call did not pass set to undefined, and
  // never read): the jumps through them go again, and branches between equal targets, whose
  // operands may be dead in turn.
  do simplifyControlFlow(fn); while (removeDeadCode(fn));
}

function simplifyControlFlow(fn: IrFunction): void {
  // Empty blocks that only jump on: retarget their predecessors.
  const forward = (b: Block): Block => {
    const seen = new Set<Block>();
    while (b.insts.length === 0 && b.term.op === "jump" && !seen.has(b)) {
      seen.add(b);
      b = b.term.target;
    }
    return b;
  };
  for (let changed = true; changed;) {
    changed = false;
    for (const b of fn.blocks) {
      const t = b.term;
      if (t.op === "jump") t.target = forward(t.target);
      else if (t.op === "branch") {
        t.then = forward(t.then);
        t.else = forward(t.else);
        // A test with nowhere different to go (comparisons and truth tests have no effects).
        if (t.then === t.else) { b.term = { op: "jump", target: t.then }; changed = true; }
      } else if (t.op === "try") t.body = forward(t.body);
    }
  }
  const entry = fn.blocks[0];
  const reached = new Set<Block>([entry]);
  const work = [entry];
  while (work.length > 0) {
    const b = work.pop()!;
    for (const s of successors(b.term)) {
      if (!reached.has(s)) { reached.add(s); work.push(s); }
    }
  }
  fn.blocks = fn.blocks.filter((b) => reached.has(b));
  fn.blocks.forEach((b, i) => { b.id = i; });
}

/** Operations without effects whose result nobody reads (the undefined of a discarded
 *  call, an unused temporary). Loads stay: a peripheral register read is an effect. */
const PURE = new Set<Inst["op"]>(["const", "symbol", "move", "num", "neg", "bitnot", "addr-of", "object-at", "is-int", "is-object", "untag", "raw-add", "raw-and"]);

/** Removes them; says whether there were any. */
function removeDeadCode(fn: IrFunction): boolean {
  let removed = false;
  for (let changed = true; changed;) {
    changed = false;
    const used = new Set<number>();
    for (const b of fn.blocks) {
      for (const inst of b.insts) for (const u of uses(inst)) used.add(u);
      for (const u of termUses(b.term)) used.add(u);
    }
    for (const b of fn.blocks) {
      const kept = b.insts.filter((inst) => !(PURE.has(inst.op) && "dst" in inst && inst.dst !== undefined && !used.has(inst.dst)));
      if (kept.length !== b.insts.length) { b.insts = kept; changed = true; removed = true; }
    }
  }
  return removed;
}
