// Which functions check the stack on entry. A program that recurses without end must stop
// with "RangeError: Maximum call stack size exceeded", as Node does, not run its stack into
// the heap below it. A check costs three instructions per call, so only functions through
// which a call can come back are checked: those in a cycle of direct calls (a function
// calling itself included) and those that call through a value (a closure, a method, a
// callback), where any function may be on the other side. Every unbounded recursion passes
// through one of them on each round; chains of other calls are bounded by the program's
// text, and the stack limit leaves room for them (sdk/compiler/link/link.ts, __stack_limit).

import { type Block, type IrFunction, type IrProgram, successors } from "../ir/ir.ts";

export function markStackChecks(program: IrProgram): void {
  const bySymbol = new Map(program.functions.map((fn) => [fn.symbol, fn]));
  const callees = new Map<string, string[]>();
  for (const fn of program.functions) {
    const direct: string[] = [];
    for (const block of fn.blocks) {
      for (const inst of block.insts) {
        if (inst.op === "call" && bySymbol.has(inst.callee)) direct.push(inst.callee);
        if (inst.op === "call-indirect" || inst.op === "call-method" || inst.op === "call-code") fn.checksStack = true;
      }
    }
    callees.set(fn.symbol, direct);
  }
  // Tarjan's strongly connected components, iteratively (call graphs can be deep).
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  let next = 0;
  for (const root of callees.keys()) {
    if (index.has(root)) continue;
    const work: Array<{ node: string; edge: number }> = [{ node: root, edge: 0 }];
    index.set(root, next);
    low.set(root, next++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const top = work[work.length - 1];
      const edges = callees.get(top.node)!;
      if (top.edge < edges.length) {
        const to = edges[top.edge++];
        if (to === top.node) bySymbol.get(to)!.checksStack = true;
        if (!index.has(to)) {
          index.set(to, next);
          low.set(to, next++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, edge: 0 });
        } else if (onStack.has(to)) {
          low.set(top.node, Math.min(low.get(top.node)!, index.get(to)!));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.node)!));
      }
      if (low.get(top.node) === index.get(top.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== top.node);
        if (component.length > 1) for (const symbol of component) bySymbol.get(symbol)!.checksStack = true;
      }
    }
  }
  for (const fn of program.functions) if (fn.checksStack) placeCheck(fn);
}

/** Blocks on a path that calls out no further than this many checks apart: more and the entry checks. */
const MAX_CHECK_BLOCKS = 2;

/**
 * Where a checked function checks: only a path that calls can recurse, so a path that returns
 * without calling (a recursion's base case) need not check, its own frame being bounded. The
 * check moves from the entry to the blocks with a call that no earlier call on every path
 * leading to them precedes (IrFunction.stackCheckBlocks), unless one of them is in a loop
 * (it would check at every round) or there would be more than MAX_CHECK_BLOCKS of them.
 */
function placeCheck(fn: IrFunction): void {
  const calls = (b: Block) => b.insts.some((inst) => inst.op === "call" || inst.op === "call-indirect" || inst.op === "call-method" || inst.op === "call-code");
  const entry = fn.blocks[0];
  // A handler block starts with the thrown value in r0, which a check there would clobber.
  if (calls(entry) || (fn.tryRecords ?? 0) > 0) return;
  const predecessors = new Map<Block, Block[]>(fn.blocks.map((b) => [b, []]));
  for (const b of fn.blocks) for (const s of successors(b.term)) predecessors.get(s)?.push(b);
  // checkedIn(b): every path from the entry to b has called (and so checked) already.
  const checkedIn = new Map<Block, boolean>(fn.blocks.map((b) => [b, b !== entry]));
  for (let changed = true; changed;) {
    changed = false;
    for (const b of fn.blocks) {
      if (b === entry) continue;
      const value = predecessors.get(b)!.every((p) => checkedIn.get(p)! || calls(p));
      if (value !== checkedIn.get(b)) { checkedIn.set(b, value); changed = true; }
    }
  }
  const checks = fn.blocks.filter((b) => calls(b) && !checkedIn.get(b));
  if (checks.length === 0 || checks.length > MAX_CHECK_BLOCKS || checks.some((b) => inCycle(b))) return;
  fn.stackCheckBlocks = checks.map((b) => b.id);
}

function inCycle(start: Block): boolean {
  const seen = new Set<Block>();
  const work = [...successors(start.term)];
  while (work.length > 0) {
    const b = work.pop()!;
    if (b === start) return true;
    if (seen.has(b)) continue;
    seen.add(b);
    work.push(...successors(b.term));
  }
  return false;
}
