// Which functions check the stack on entry. A program that recurses without end must stop
// with "RangeError: Maximum call stack size exceeded", as Node does, not run its stack into
// the heap below it. A check costs three instructions per call, so only functions through
// which a call can come back are checked: those in a cycle of direct calls (a function
// calling itself included) and those that call through a value (a closure, a method, a
// callback), where any function may be on the other side. Every unbounded recursion passes
// through one of them on each round; chains of other calls are bounded by the program's
// text, and the stack limit leaves room for them (sdk/compiler/link/link.ts, __stack_limit).

import type { IrProgram } from "../ir/ir.ts";

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
}
