// Counters that only count: a module variable stepped by constants in one direction and
// otherwise only compared with constants, as blinky's
//
//     let toggles = 0;
//     setInterval(() => { if (++toggles === 10) clearInterval(timer); }, 10);
//
// Such a counter grows without end in Node (a callback runs any number of times), so it would
// leave the small integers some day: every `++` needs its overflow path, the program's numbers
// are doubles (lower/doubles.ts: `++` is arithmetic that can leave int32) and each step past
// 2^30 boxes a number, so the program allocates without bound and needs the collector
// (passes/static-heap.ts). But nothing can tell a value past every constant it is compared
// with from another such value: every comparison with a constant c < 2^29 gives the same
// answer for 2^29 as for any larger number. So the counter stops at SATURATION (the step that
// would pass it leaves the value where it is): it stays a small integer for ever, it makes no
// number wide, and every program that behaves the same as in Node before 2^29 steps behaves the
// same after.
//
// Two halves, which must agree: `countingVariables` finds the counters in the app's source,
// before lowering (the number model leaves their steps out), and `saturateCounters` rewrites
// their steps in the IR after the range analysis (it stops with an internal error where the
// lowering did not give the shape it expects, never leaving a counter to wrap).

import ts from "typescript";
import { newBlock, newVReg, uses as instUses, def, termUses, type Block, type Inst, type IrFunction, type IrProgram, type VReg } from "../ir/ir.ts";
import { SMALL_INT_MAX } from "../values.ts";

/** Where an increasing counter stops (a decreasing one at -SATURATION): far above any
 *  constant it may be compared with, so that a step past it is still a small integer. */
export const SATURATION = 2 ** 29;
/** The largest step of `+=` / `-=` a counter takes. */
const MAX_STEP = 2 ** 20;

/** A counter found in the source: its variable, the direction of its steps, and the step
 *  expressions the number model need not count as arithmetic that can leave int32. */
export interface CountingVariable {
  symbol: ts.Symbol;
  direction: 1 | -1;
  steps: ts.Node[];
}

const COMPARISONS = new Set([
  ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken, ts.SyntaxKind.LessThanToken, ts.SyntaxKind.LessThanEqualsToken,
  ts.SyntaxKind.GreaterThanToken, ts.SyntaxKind.GreaterThanEqualsToken,
]);

/** An integer literal (or its negation) below `limit` in magnitude: its value, else undefined. */
function integerLiteral(node: ts.Expression, limit: number): number | undefined {
  node = skipParentheses(node);
  let sign = 1;
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken) {
    sign = -1;
    node = skipParentheses(node.operand);
  }
  if (!ts.isNumericLiteral(node)) return undefined;
  const n = sign * Number(node.text);
  return Number.isInteger(n) && Math.abs(n) < limit && !Object.is(n, -0) ? n : undefined;
}

function skipParentheses(node: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(node)) node = node.expression;
  return node;
}

/** The node whose value `node` gives to its context (through parentheses). */
function outermost(node: ts.Node): ts.Node {
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  return node;
}

/** Whether the value of `node` is thrown away (a statement, a for loop's step). */
function discarded(node: ts.Node): boolean {
  const outer = outermost(node);
  const parent = outer.parent;
  return ts.isExpressionStatement(parent) || (ts.isForStatement(parent) && parent.incrementor === outer);
}

/** Whether the value of `node` is only compared with an integer constant below SATURATION. */
function comparedWithConstant(node: ts.Node): boolean {
  const outer = outermost(node);
  const parent = outer.parent;
  if (!ts.isBinaryExpression(parent) || !COMPARISONS.has(parent.operatorToken.kind)) return false;
  const other = parent.left === outer ? parent.right : parent.left;
  return integerLiteral(other, SATURATION) !== undefined;
}

/** Whether `node` lies inside a function (so the variable is a global, not a local of the
 *  module's init code: lower/modules.ts keeps only variables no function uses as locals). */
function inFunction(node: ts.Node): boolean {
  for (let n = node.parent; n !== undefined; n = n.parent) if (ts.isFunctionLike(n)) return true;
  return false;
}

/** The counters of the app's own files (see the top of the file). */
export function countingVariables(files: readonly ts.SourceFile[], checker: ts.TypeChecker): CountingVariable[] {
  const found: CountingVariable[] = [];
  for (const sf of files) {
    if (sf.isDeclarationFile) continue;
    const candidates = new Map<ts.Symbol, { direction: 0 | 1 | -1; steps: ts.Node[]; ok: boolean }>();
    for (const stmt of sf.statements) {
      if (!ts.isVariableStatement(stmt) || !(stmt.declarationList.flags & ts.NodeFlags.Let)) continue;
      if (stmt.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
      for (const d of stmt.declarationList.declarations) {
        if (!ts.isIdentifier(d.name) || !d.initializer || integerLiteral(d.initializer, SATURATION) === undefined) continue;
        const symbol = checker.getSymbolAtLocation(d.name);
        if (symbol) candidates.set(symbol, { direction: 0, steps: [], ok: true });
      }
    }
    if (candidates.size === 0) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node) && !(ts.isVariableDeclaration(node.parent) && node.parent.name === node)) {
        const symbol = checker.getSymbolAtLocation(node);
        const candidate = symbol && candidates.get(symbol);
        if (candidate && candidate.ok) {
          const use = useOf(node);
          if (use === undefined || !inFunction(node)) candidate.ok = false;
          else if (use.step !== undefined) {
            const direction = use.step.direction;
            if (candidate.direction !== 0 && candidate.direction !== direction) candidate.ok = false;
            candidate.direction = direction;
            candidate.steps.push(use.step.node);
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
    for (const [symbol, c] of candidates) if (c.ok && c.direction !== 0) found.push({ symbol, direction: c.direction, steps: c.steps });
  }
  return found;
}

/** What one reference of a candidate does: a step (its direction), a reset to a constant, a
 *  read compared with a constant; undefined for anything else. */
function useOf(id: ts.Identifier): { step?: { node: ts.Node; direction: 1 | -1 } } | undefined {
  const outer = outermost(id);
  const parent = outer.parent;
  if ((ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent))
    && (parent.operator === ts.SyntaxKind.PlusPlusToken || parent.operator === ts.SyntaxKind.MinusMinusToken)) {
    if (!discarded(parent) && !comparedWithConstant(parent)) return undefined;
    return { step: { node: parent, direction: parent.operator === ts.SyntaxKind.PlusPlusToken ? 1 : -1 } };
  }
  if (ts.isBinaryExpression(parent) && parent.left === outer) {
    const op = parent.operatorToken.kind;
    if (op === ts.SyntaxKind.PlusEqualsToken || op === ts.SyntaxKind.MinusEqualsToken) {
      const k = integerLiteral(parent.right, MAX_STEP + 1);
      if (k === undefined || k <= 0 || !discarded(parent) && !comparedWithConstant(parent)) return undefined;
      return { step: { node: parent, direction: op === ts.SyntaxKind.PlusEqualsToken ? 1 : -1 } };
    }
    if (op === ts.SyntaxKind.EqualsToken) return integerLiteral(parent.right, SATURATION) !== undefined && discarded(parent) ? {} : undefined;
    if (COMPARISONS.has(op)) return comparedWithConstant(outer) ? {} : undefined;
    return undefined;
  }
  return comparedWithConstant(outer) ? {} : undefined;
}

/**
 * Makes each counter's steps saturate, given the counters' globals and directions. A step
 * `D = L + k` of the loaded value L becomes
 *
 *     L >= SATURATION ? L : L + k      (L <= -SATURATION ? L : L - k going down)
 *
 * with every operation on the counter's values proven small for the back end. Throws an
 * internal error where a counter's global is used otherwise than countingVariables allowed.
 */
export function saturateCounters(ir: IrProgram, counters: ReadonlyMap<string, 1 | -1>): void {
  if (counters.size === 0) return;
  for (const fn of ir.functions) saturateIn(fn, counters);
}

function saturateIn(fn: IrFunction, counters: ReadonlyMap<string, 1 | -1>): void {
  const defs = new Map<VReg, Inst[]>();
  const usesOf = new Map<VReg, Array<Inst | Block>>();
  for (const block of fn.blocks) {
    for (const inst of block.insts) {
      const d = def(inst);
      if (d !== undefined) defs.set(d, [...(defs.get(d) ?? []), inst]);
      for (const u of instUses(inst)) usesOf.set(u, [...(usesOf.get(u) ?? []), inst]);
    }
    for (const u of termUses(block.term)) usesOf.set(u, [...(usesOf.get(u) ?? []), block]);
  }
  const single = (v: VReg) => (defs.get(v)?.length === 1 ? defs.get(v)![0] : undefined);
  const constantOf = (v: VReg): number | undefined => {
    const d = single(v);
    return d?.op === "const" && (d.word & 1) === 1 ? (d.word | 0) >> 1 : undefined;
  };
  // Typed where declared, so that TypeScript narrows after a call.
  const fail: (what: string) => never = (what) => {
    throw new Error(`internal error: counter in ${fn.displayName} (${fn.symbol}): ${what} (passes/saturating-counters.ts)`);
  };

  // The counter's values: loads of its global, and steps of those.
  const steps: Array<{ inst: Inst & { op: "num" }; direction: 1 | -1 }> = [];
  const values = new Set<VReg>();
  for (const block of fn.blocks) {
    for (const inst of block.insts) {
      if (inst.op !== "symbol" || !counters.has(inst.symbol)) continue;
      const direction = counters.get(inst.symbol)!;
      for (const use of usesOf.get(inst.dst) ?? []) {
        if ("term" in use || (use.op !== "load" && use.op !== "store") || use.offset !== 0 || use.base !== inst.dst || use.width !== 32) fail(`its address is used by ${"term" in use ? "a branch" : use.op}`);
        if (use.op === "load") values.add(use.dst);
        if (use.op === "store") {
          const stored = single(use.src);
          if (stored?.op === "const") {
            const c = constantOf(use.src);
            if (c === undefined || Math.abs(c) >= SATURATION) fail("a store of a constant that is not a small integer");
            continue;
          }
          if (stored?.op !== "num" || (stored.kind !== "add" && stored.kind !== "sub")) fail("a store of something other than a step or a constant");
          const step = stored as Inst & { op: "num" };
          const k = constantOf(step.b);
          const signed = k === undefined ? undefined : step.kind === "add" ? k : -k;
          if (signed === undefined || signed === 0 || Math.sign(signed) !== direction || Math.abs(signed) > MAX_STEP) fail("a step that is not a constant in the counter's direction");
          if (!steps.some((s) => s.inst === step)) steps.push({ inst: step, direction });
        }
      }
    }
  }
  for (const { inst } of steps) {
    if (!values.has(inst.a)) fail("a step of something other than the counter's value");
    values.add(inst.dst);
  }
  // Every use of the counter's values: a step, the store of one, a comparison with a
  // constant (proven small now), the dead-zone check, a copy (a postfix step's old value)
  // into a register nothing else defines.
  for (const v of values) {
    for (const use of usesOf.get(v) ?? []) {
      if ("term" in use) {
        const t = use.term;
        if (t.op !== "branch" || t.kind !== "cmp") fail("a branch on its value's truth");
        const b = t as Extract<Block["term"], { op: "branch"; kind: "cmp" }>;
        if (constantOf(b.a === v ? b.b : b.a) === undefined) fail("a comparison with something other than a constant");
        b.proof = { smallA: true, smallB: true, smallResult: true };
        continue;
      }
      if (use.op === "check-initialized" || use.op === "store") continue;
      if (use.op === "move" && single(use.dst) === use) {
        values.add(use.dst);
        continue;
      }
      if (use.op === "num" && steps.some((s) => s.inst === use)) continue;
      if (use.op === "cmp" && constantOf(use.a === v ? use.b : use.a) !== undefined) {
        use.proof = { smallA: true, smallB: true, smallResult: true };
        continue;
      }
      fail(`its value is used by ${use.op}`);
    }
  }
  for (const step of steps) splitStep(fn, step.inst, step.direction);
}

/** `D = L ± k` becomes a branch: at the saturation bound D = L, else the step, proven small. */
function splitStep(fn: IrFunction, step: Inst & { op: "num" }, direction: 1 | -1): void {
  const block = fn.blocks.find((b) => b.insts.includes(step))!;
  const at = block.insts.indexOf(step);
  const rest = newBlock(fn), saturated = newBlock(fn), stepping = newBlock(fn);
  rest.insts = block.insts.slice(at + 1);
  rest.term = block.term;
  const bound = newVReg(fn, { smallInt: true });
  const limit = direction * SATURATION;
  if (Math.abs(limit) + MAX_STEP > SMALL_INT_MAX) throw new Error("internal error: the counters' saturation is not a small integer");
  block.insts = [...block.insts.slice(0, at), { op: "const", dst: bound, word: ((limit << 1) | 1) >>> 0, pos: step.pos }];
  block.term = {
    op: "branch", kind: "cmp", cmp: direction > 0 ? "ge" : "le", numeric: true, a: step.a, b: bound,
    then: saturated, else: stepping, pos: step.pos, proof: { smallA: true, smallB: true, smallResult: true },
  };
  const sum = newVReg(fn, { smallInt: true });
  stepping.insts = [
    { ...step, dst: sum, proof: { smallA: true, smallB: true, smallResult: true } },
    { op: "move", dst: step.dst, src: sum, pos: step.pos },
  ];
  stepping.term = { op: "jump", target: rest };
  saturated.insts = [{ op: "move", dst: step.dst, src: step.a, pos: step.pos }];
  saturated.term = { op: "jump", target: rest };
}
