// Runs a conformance program on Node with every arithmetic result checked against the
// "int32" number model (sdk/compiler/lower/doubles.ts): a number is an int32 and never -0,
// `/` divides exactly unless it is written `(a / b) | 0`, and `>>>` stays below 2^30.
// Anything else needs a double, which a program compiled with int32 numbers stops on.
//
// Programs the compiler gives int32 numbers must run through without a violation (so their
// Node output is also the device's).

import { readFileSync } from "node:fs";
import { format } from "node:util";
import vm from "node:vm";
import ts from "typescript";

export interface IntCheckedRun {
  /** What console.log printed, up to the first violation. */
  stdout: string;
  /** The first result that is not a step-1 int, if any. */
  violation?: { line: number; message: string };
}

const CHECKED_RUN_TIMEOUT_MS = 10_000;
const TWO_TO_THE_30 = 2 ** 30;

/** The first violation of the current run, recorded where it is raised: one raised in a
 *  promise reaction or an async function becomes a rejection, which the program may catch. */
let firstViolation: IntViolation | undefined;

class IntViolation extends Error {
  constructor(readonly line: number, message: string) {
    super(message);
    firstViolation ??= this;
  }
}

const isInt32 = (value: unknown): value is number =>
  typeof value === "number" && (value | 0) === value && !Object.is(value, -0);

function describe(value: unknown): string {
  return Object.is(value, -0) ? "-0" : typeof value === "string" ? JSON.stringify(value) : String(value);
}

// The checking functions the instrumented program calls; `line` is the 1-based source line.
const runtime = {
  __binary(operator: string, left: unknown, right: unknown, line: number): unknown {
    if (operator === "+" && (typeof left === "string" || typeof right === "string")) {
      const concatenable = (v: unknown): boolean => ["string", "number", "boolean"].includes(typeof v);
      if (!concatenable(left) || !concatenable(right)) {
        throw new IntViolation(line, `${describe(left)} + ${describe(right)} concatenates a value that is not a string, number or boolean`);
      }
      return (left as string) + (right as string);
    }
    if (typeof left !== "number" || typeof right !== "number") {
      throw new IntViolation(line, `${describe(left)} ${operator} ${describe(right)} needs two numbers`);
    }
    const result = arithmetic(operator, left, right);
    if (!isInt32(result)) throw new IntViolation(line, `${left} ${operator} ${right} = ${describe(result)} is not an int32`);
    if (operator === ">>>" && result >= TWO_TO_THE_30) {
      throw new IntViolation(line, `${left} >>> ${right} = ${result} is 2^30 or more`);
    }
    return result;
  },
  /** The `a / b` inside `(a / b) | 0`: a fraction is fine, the `| 0` truncates it. */
  __truncatedDivision(left: unknown, right: unknown, line: number): number {
    if (!isInt32(left) || !isInt32(right) || right === 0) {
      throw new IntViolation(line, `(${describe(left)} / ${describe(right)}) | 0 needs int32 operands and a non-zero divisor`);
    }
    return left / right;
  },
  __negate(operand: unknown, line: number): number {
    const result = -(operand as number);
    if (!isInt32(result)) throw new IntViolation(line, `-(${describe(operand)}) = ${describe(result)} is not an int32`);
    return result;
  },
  /** The value of an assignment (`x op= y`, `++x`, `--x`): what was stored. */
  __assigned(operator: string, stored: unknown, line: number): unknown {
    if (typeof stored === "string" && operator === "+=") return stored;
    if (!isInt32(stored)) throw new IntViolation(line, `${operator} stored ${describe(stored)}, which is not an int32`);
    return stored;
  },
  /** The value of `x++` / `x--` is the old value; the stored one is old ± 1. */
  __postfix(operator: string, old: unknown, line: number): unknown {
    const stored = (old as number) + (operator === "++" ? 1 : -1);
    if (!isInt32(old) || !isInt32(stored)) throw new IntViolation(line, `${operator} on ${describe(old)} stored ${describe(stored)}, which is not an int32`);
    return old;
  },
};

function arithmetic(operator: string, a: number, b: number): number {
  switch (operator) {
    case "+": return a + b;
    case "-": return a - b;
    case "*": return a * b;
    case "/": return a / b;
    case "%": return a % b;
    case "&": return a & b;
    case "|": return a | b;
    case "^": return a ^ b;
    case "<<": return a << b;
    case ">>": return a >> b;
    case ">>>": return a >>> b;
    default: throw new Error(`int-checked-run: no rule for ${operator}`);
  }
}

const CHECKED_BINARY = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.PlusToken, ts.SyntaxKind.MinusToken, ts.SyntaxKind.AsteriskToken,
  ts.SyntaxKind.SlashToken, ts.SyntaxKind.PercentToken, ts.SyntaxKind.AmpersandToken,
  ts.SyntaxKind.BarToken, ts.SyntaxKind.CaretToken, ts.SyntaxKind.LessThanLessThanToken,
  ts.SyntaxKind.GreaterThanGreaterThanToken, ts.SyntaxKind.GreaterThanGreaterThanGreaterThanToken,
]);

const instrument: ts.TransformerFactory<ts.SourceFile> = (context) => {
  const f = context.factory;
  let sourceFile: ts.SourceFile;
  const lineOf = (node: ts.Node): ts.NumericLiteral =>
    f.createNumericLiteral(sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1);
  const call = (name: string, args: ts.Expression[]): ts.Expression => f.createCallExpression(f.createIdentifier(name), undefined, args);
  const skipParentheses = (e: ts.Expression): ts.Expression => (ts.isParenthesizedExpression(e) ? skipParentheses(e.expression) : e);

  const visit = (node: ts.Node): ts.Node => {
    if (ts.isBinaryExpression(node)) {
      const operator = node.operatorToken.kind;
      const text = ts.tokenToString(operator)!;
      if (CHECKED_BINARY.has(operator)) {
        const inner = skipParentheses(node.left);
        const truncatesDivision = operator === ts.SyntaxKind.BarToken && ts.isNumericLiteral(node.right) && node.right.text === "0" &&
          ts.isBinaryExpression(inner) && inner.operatorToken.kind === ts.SyntaxKind.SlashToken;
        const left = truncatesDivision
          ? call("__truncatedDivision", [visitExpression((inner as ts.BinaryExpression).left), visitExpression((inner as ts.BinaryExpression).right), lineOf(inner)])
          : visitExpression(node.left);
        return call("__binary", [f.createStringLiteral(text), left, visitExpression(node.right), lineOf(node)]);
      }
      if (operator >= ts.SyntaxKind.FirstCompoundAssignment && operator <= ts.SyntaxKind.LastCompoundAssignment) {
        return call("__assigned", [f.createStringLiteral(text), ts.visitEachChild(node, visit, context), lineOf(node)]);
      }
    }
    if (ts.isPrefixUnaryExpression(node)) {
      if (node.operator === ts.SyntaxKind.MinusToken && !ts.isNumericLiteral(node.operand)) {
        return call("__negate", [visitExpression(node.operand), lineOf(node)]);
      }
      if (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken) {
        return call("__assigned", [f.createStringLiteral(ts.tokenToString(node.operator)!), ts.visitEachChild(node, visit, context), lineOf(node)]);
      }
    }
    if (ts.isPostfixUnaryExpression(node)) {
      return call("__postfix", [f.createStringLiteral(ts.tokenToString(node.operator)!), ts.visitEachChild(node, visit, context), lineOf(node)]);
    }
    return ts.visitEachChild(node, visit, context);
  };
  const visitExpression = (e: ts.Expression): ts.Expression => visit(e) as ts.Expression;
  return (root) => {
    sourceFile = root;
    return ts.visitNode(root, visit) as ts.SourceFile;
  };
};

interface VirtualTimer {
  due: number;
  sequence: number;
  callback: () => void;
  repeat?: number;
}

const MAX_TIMER_CALLBACKS = 100_000;

/**
 * Node's timer order on a virtual clock: after the top-level code, timers fire by due time,
 * then by when they were armed; a delay below 1 ms is 1 ms, and an interval re-arms after
 * its callback. The checked run stays synchronous, so a program's timers cost no real time.
 * The program's microtasks (promise reactions) run after the top-level code and after each
 * callback, as in Node: `drainMicrotasks` runs them.
 */
class VirtualTimers {
  private now = 0;
  private sequence = 0;
  private readonly pending = new Set<VirtualTimer>();

  globals() {
    const arm = (callback: () => void, ms: number | undefined, repeats: boolean): VirtualTimer => {
      const delay = ms === undefined || !(ms >= 1) ? 1 : Math.trunc(ms);
      const timer: VirtualTimer = { due: this.now + delay, sequence: this.sequence++, callback, repeat: repeats ? delay : undefined };
      this.pending.add(timer);
      return timer;
    };
    const clear = (timer: VirtualTimer | undefined): void => { if (timer) this.pending.delete(timer); };
    return {
      setTimeout: (callback: () => void, ms?: number) => arm(callback, ms, false),
      setInterval: (callback: () => void, ms?: number) => arm(callback, ms, true),
      clearTimeout: clear,
      clearInterval: clear,
    };
  }

  runAll(drainMicrotasks: () => void): void {
    for (let calls = 0; this.pending.size > 0; calls++) {
      if (calls === MAX_TIMER_CALLBACKS) throw new Error(`int-checked-run: more than ${MAX_TIMER_CALLBACKS} timer callbacks`);
      let next: VirtualTimer | undefined;
      for (const timer of this.pending) {
        if (!next || timer.due < next.due || (timer.due === next.due && timer.sequence < next.sequence)) next = timer;
      }
      this.now = next!.due;
      if (next!.repeat === undefined) {
        this.pending.delete(next!);
      } else {
        next!.due = this.now + next!.repeat;
        next!.sequence = this.sequence++;
      }
      next!.callback();
      drainMicrotasks();
    }
  }
}

export function runIntChecked(file: string): IntCheckedRun {
  const source = readFileSync(file, "utf8");
  const { outputText } = ts.transpileModule(source, {
    fileName: file,
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
    transformers: { before: [instrument] },
  });
  // A module's top-level await (a main file that is a module through `export {}`) runs here
  // as the body of an async function: the same order of output, in a script.
  const script = /^export \{\};$/m.test(outputText) ? `(async () => {\n${outputText.replace(/^export \{\};$/m, "")}\n})();` : outputText;
  let stdout = "";
  firstViolation = undefined;
  const timers = new VirtualTimers();
  const sandbox = {
    ...runtime,
    ...timers.globals(),
    // What a device prints: nothing after it stops at the first violation.
    console: { log: (...args: unknown[]) => { if (!firstViolation) stdout += format(...args) + "\n"; } },
  };
  // The context's own microtask queue, run after each evaluation in it (so after the program's
  // top-level code, and after the empty script that follows each timer callback).
  const context = vm.createContext(sandbox, { microtaskMode: "afterEvaluate" });
  try {
    vm.runInContext(script, context, { filename: file, timeout: CHECKED_RUN_TIMEOUT_MS });
    timers.runAll(() => vm.runInContext("", context, { timeout: CHECKED_RUN_TIMEOUT_MS }));
  } catch (error) {
    if (!(error instanceof IntViolation)) throw error;
  }
  // Set by IntViolation's constructor, which the type checker does not follow here.
  const violation = firstViolation as IntViolation | undefined;
  if (violation) return { stdout, violation: { line: violation.line, message: violation.message } };
  return { stdout };
}
