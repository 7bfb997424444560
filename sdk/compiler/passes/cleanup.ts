// Drops blocks no path from the entry reaches (code after return/break/continue) and
// forwards jumps through empty blocks, so later passes and the back end see only live code.

import { type Block, type IrFunction, type IrProgram, successors } from "../ir/ir.ts";

export function cleanup(program: IrProgram): void {
  for (const fn of program.functions) cleanupFunction(fn);
}

export function cleanupFunction(fn: IrFunction): void {
  // Empty blocks that only jump on: retarget their predecessors.
  const forward = (b: Block): Block => {
    const seen = new Set<Block>();
    while (b.insts.length === 0 && b.term.op === "jump" && !seen.has(b)) {
      seen.add(b);
      b = b.term.target;
    }
    return b;
  };
  for (const b of fn.blocks) {
    const t = b.term;
    if (t.op === "jump") t.target = forward(t.target);
    else if (t.op === "branch") { t.then = forward(t.then); t.else = forward(t.else); }
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
