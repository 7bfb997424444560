// Lowering the iteration protocol for what is not iterated by index: generators, instances of
// classes with [Symbol.iterator](), and values whose static type may be any of several
// iterables. Arrays, typed arrays and strings whose static type says so keep the indexed loop
// of statements.ts (loopOver), and Map and Set their arrays (destructuring.ts, iterableArray):
// nothing here costs them anything.
//
// An iterator is held in a record (sdk/lib/rt/iteration.ts, IteratorRecord); iteratorStep
// gives the next value, or the record itself once done. for…of closes the iterator when the
// loop is left early: break and continue to an outer loop and return leave through it as they
// leave a finally block (statements.ts, leaveTries, calls iteratorClose), and an exception
// from the body lands in a handler around the loop that closes it and rethrows.

import ts from "typescript";
import { type VReg, newBlock, newVReg } from "../ir/ir.ts";
import { Codes, fail } from "../diagnostics.ts";
import { Lowerer } from "./lowerer.ts";
import { RT_DIR } from "./runtime-symbols.ts";
import { RETHROW } from "./statements.ts";

declare module "./lowerer.ts" {
  interface Lowerer {
    iteratorOf(node: ts.Expression, value?: VReg): VReg;
    isGeneratorValue(node: ts.Expression): boolean;
    forOfIterator(node: ts.ForOfStatement): void;
    iteratedArray(node: ts.Expression): VReg;
    destructureIterable(pattern: ts.ArrayBindingPattern, source: VReg, node: ts.Node): void;
    refuseBuiltinIterator(node: ts.Expression, use: string): void;
  }
}

/** The library's iterators of arrays, Maps, Sets and strings: on devices their keys(),
 *  values() and entries() (and a string's iteration) are arrays (destructuring.ts,
 *  iterableArray), which behave the same only when iterated. */
const BUILTIN_ITERATORS = new Set(["ArrayIterator", "MapIterator", "SetIterator", "StringIterator"]);

/** Stops with a clear error where such an iterator would be used other than by iterating it
 *  (printed, its next() called): the array standing in for it would behave differently. */
Lowerer.prototype.refuseBuiltinIterator = function refuseBuiltinIterator(this: Lowerer, node: ts.Expression, use: string): void {
  const symbol = this.checker.getTypeAtLocation(node).getSymbol();
  if (!symbol || !BUILTIN_ITERATORS.has(symbol.name) || !symbol.declarations?.[0]?.getSourceFile().isDeclarationFile) return;
  // A Map's or Set's are real iterators (sdk/lib/rt/collections.ts), which print as Node's do.
  if (symbol.name === "MapIterator" || symbol.name === "SetIterator") return;
  fail(node, Codes.UnsupportedSyntax, `${use} a ${symbol.name} is not supported on devices yet: keys(), values() and entries() give arrays there`,
    "iterate it (for…of, spread, Array.from), or make an array of it with [...it] first");
};

/** Is the static type the one of generator objects (the runtime's Generator class)? */
Lowerer.prototype.isGeneratorValue = function isGeneratorValue(this: Lowerer, node: ts.Expression): boolean {
  const cls = this.instanceClass(node);
  return cls !== undefined && cls.name?.text === "Generator" && cls.getSourceFile().fileName.startsWith(RT_DIR);
};

/** GetIterator: the record of `node`'s value (evaluated here unless given). A value typed as
 *  a generator is stepped through its frame, without result objects. */
Lowerer.prototype.iteratorOf = function iteratorOf(this: Lowerer, node: ts.Expression, value?: VReg): VReg {
  const object = value ?? this.expr(node);
  const record = newVReg(this.fn, { name: "<iterator>" });
  const made = this.isGeneratorValue(node)
    ? this.call(this.runtime("generatorIterator"), [object], node)
    : this.call(this.runtime("getIterator"), [object, this.stringLiteral(iterableText(node))], node);
  this.emit({ op: "move", dst: record, src: made });
  return record;
};

/** How V8 names a value that is not iterable in its TypeError: the expression's source. */
function iterableText(node: ts.Expression): string {
  const text = node.getText().replace(/\s+/g, " ");
  return text.length > 40 ? "object" : text;
}

/** for (const x of iterable): the iterator stepped until done, closed when left early. */
Lowerer.prototype.forOfIterator = function forOfIterator(this: Lowerer, node: ts.ForOfStatement): void {
  const label = this.takeLabel();
  const declaration = this.loopVariable(node);
  const record = this.iteratorOf(node.expression);
  const tryRecord = (this.fn.tryRecords = (this.fn.tryRecords ?? 0) + 1) - 1;
  const step = newBlock(this.fn), body = newBlock(this.fn), handler = newBlock(this.fn);
  const finished = newBlock(this.fn), leftEarly = newBlock(this.fn), exit = newBlock(this.fn);
  this.setTerm({ op: "try", record: tryRecord, body: step, handler, pos: this.pos(node) });
  this.startBlock(step);
  this.tries.push({ record: tryRecord, close: { record, node } });
  const element = this.call(this.runtime("iteratorStep"), [record], node);
  this.setTerm({ op: "branch", kind: "cmp", cmp: "eq", numeric: false, a: element, b: record, then: finished, else: body, pos: this.pos(node) });
  this.startBlock(body);
  this.bindLoopVariable(declaration, element);
  this.loops.push({ breakTo: leftEarly, continueTo: step, label, tryDepth: this.tries.length });
  this.statement(node.statement);
  this.loops.pop();
  this.jumpTo(step);
  this.tries.pop();
  // break: the iterator is closed (what its return() throws passes on).
  this.startBlock(leftEarly);
  this.emit({ op: "try-exit", record: tryRecord });
  this.call(this.runtime("iteratorClose"), [record], node, false);
  this.jumpTo(exit);
  this.startBlock(finished);
  this.emit({ op: "try-exit", record: tryRecord });
  this.jumpTo(exit);
  // An exception from the body closes the iterator (not one from its next(): the record is
  // marked done while next runs) and passes on.
  this.startBlock(handler);
  const thrown = this.temp();
  this.emit({ op: "catch-value", dst: thrown });
  this.call(this.runtime("iteratorCloseThrown"), [record], node, false);
  this.emit({ op: "call", dst: undefined, callee: RETHROW, args: [thrown], pos: this.pos(node) });
  this.setTerm({ op: "unreachable" });
  this.startBlock(exit);
};

/** Everything an iterable gives, in a new array ([...it], new Map(it), new Set(it)). */
Lowerer.prototype.iteratedArray = function iteratedArray(this: Lowerer, node: ts.Expression): VReg {
  return this.call(this.runtime("iteratorRest"), [this.iteratorOf(node)], node);
};

/** const [a, , b = 1, ...rest] = iterable: one step per element, in order; an iterator not
 *  run to its end is closed. */
Lowerer.prototype.destructureIterable = function destructureIterable(this: Lowerer, pattern: ts.ArrayBindingPattern, source: VReg, node: ts.Node): void {
  const initializer = ts.isVariableDeclaration(node) ? node.initializer : undefined;
  const record = initializer ? this.iteratorOf(initializer, source) : this.call(this.runtime("getIterator"), [source, this.stringLiteral("object")], pattern);
  let rest = false;
  for (const element of pattern.elements) {
    if (ts.isOmittedExpression(element)) {
      this.call(this.runtime("iteratorStepValue"), [record], element, false);
      continue;
    }
    if (!ts.isIdentifier(element.name)) fail(element, Codes.UnsupportedSyntax, "nested destructuring is not supported on devices yet");
    let value: VReg;
    if (element.dotDotDotToken) {
      rest = true;
      value = this.call(this.runtime("iteratorRest"), [record], element);
    } else {
      value = this.call(this.runtime("iteratorStepValue"), [record], element);
      if (element.initializer) value = this.defaultWhenUndefined(value, element.initializer, element);
    }
    this.bindLocal(this.symbolOf(element.name), value, node);
  }
  if (!rest) this.call(this.runtime("iteratorClose"), [record], pattern, false);
};
