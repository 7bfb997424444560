// err.stack and console.log of errors. V8 captures the stack when an error is made and writes
// it as text when it is first read; the device does the same with return addresses:
//
// - after `new E(…)` of an error class in the program's own code, a call of the port's
//   `__rt_capture_stack` (ports/armv6m/rt/stack-capture.ts) walks the frames from there, up to
//   10 as V8's Error.stackTraceLimit, and `stackCaptured` (sdk/lib/rt/stack-trace.ts) keeps
//   their return addresses in the error;
// - reading err.stack (or printing the error) looks each address up in a table in flash made
//   at link time (sdk/compiler/emit/call-sites.ts): the frame's size, so the walk finds the
//   caller's return address, and the name and TypeScript position of the call, as V8 names the
//   function holding it (`f`, `new C`, `C.m`, `Object.m`, `get v [as v]`, or none: top-level
//   code and anonymous functions).
//
// Only the program's own functions are in the table: the walk stops at the first frame that is
// not (the runtime calling a callback, a promise job resuming an async function), so frames are
// left out, never wrong. A function whose V8 name the program's text does not settle (a method
// of a class that has subclasses: V8 names the receiver's class) ends the stack. A program that
// neither reads err.stack nor prints a value that may hold an error captures nothing and links
// none of it (passes/stack-captures.ts).

import ts from "typescript";
import path from "node:path";
import type { StackFrame, VReg } from "../ir/ir.ts";
import { STACK_CAPTURE } from "../port.ts";
import { Lowerer } from "./lowerer.ts";

declare module "./lowerer.ts" {
  interface Lowerer {
    placeError(decl: ts.ClassDeclaration, object: VReg, node: ts.NewExpression): void;
    errorStackGet(node: ts.PropertyAccessExpression): VReg | undefined;
    stackFrameOf(symbol: string, sf: ts.SourceFile, node: ts.Node): StackFrame | undefined;
    notePrintedErrors(values: readonly ts.Expression[]): void;
    /** console.log may print an error (its stack): captures stay (passes/stack-captures.ts). */
    printsErrors?: boolean;
  }
}

/** After `new E(…)` of an error class in the program's code: its stack, from here. */
Lowerer.prototype.placeError = function placeError(this: Lowerer, decl: ts.ClassDeclaration, object: VReg, node: ts.NewExpression): void {
  if (!this.fn.stackFrame || !this.isErrorClass(decl)) return;
  this.call(STACK_CAPTURE.routine, [], node, false);
  this.call(this.runtime("stackCaptured"), [object], node, false);
};

/** err.stack of an error (a class extending Error, or the global Error type). */
Lowerer.prototype.errorStackGet = function errorStackGet(this: Lowerer, node: ts.PropertyAccessExpression): VReg | undefined {
  if (node.name.text !== "stack" || node.questionDotToken) return undefined;
  const cls = this.classOfType(this.checker.getNonNullableType(this.typeAt(node.expression)));
  if (!cls || !this.isErrorClass(cls)) return undefined;
  return this.call(this.runtime("errorStack"), [this.expr(node.expression)], node);
};

/** How err.stack shows the frames of the function `symbol` being lowered from `node`
 *  (undefined: not the program's own code, or main, which is the port's caller of it). */
Lowerer.prototype.stackFrameOf = function stackFrameOf(this: Lowerer, symbol: string, sf: ts.SourceFile, node: ts.Node): StackFrame | undefined {
  if (!this.isAppModule(sf) || symbol === "__mote_main") return undefined;
  const file = path.basename(sf.fileName);
  // The starter of an async function or a generator runs its body (`<resume>`), which holds
  // the function's frame; a function value's adapter calls the function.
  const starter = (isAsyncFunction(node) || isGenerator(node) || symbol === this.asyncInit) && !symbol.endsWith("<resume>");
  if (starter || symbol.endsWith("<value>")) return { name: "", file, kind: "hidden" };
  if (ts.isSourceFile(node)) return { name: "", file };
  const name = this.v8FunctionName(node);
  if (name === undefined) return { name: "", file, kind: "stop" };
  // A function value (not a method, nor a function in an object literal's property) is named
  // by its caller: after its receiver through a property, by Node's timers as Timeout's.
  const literalProperty = ts.isPropertyAssignment(node.parent) && ts.isObjectLiteralExpression(node.parent.parent);
  if (!(ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node)) || literalProperty) return { name, file };
  return { name, file, byCaller: true, ...(ts.isFunctionDeclaration(node) && symbol.endsWith("<resume>") ? { resumed: true } : {}) };
};

declare module "./lowerer.ts" {
  interface Lowerer {
    v8FunctionName(fn: ts.Node): string | undefined;
  }
}

/** The name V8 gives a frame of the function `fn` ("" for none), or undefined where the
 *  program's text does not settle it. */
Lowerer.prototype.v8FunctionName = function v8FunctionName(this: Lowerer, fn: ts.Node): string | undefined {
  const className = (c: ts.Node) => ts.isClassLike(c) ? c.name?.text : undefined;
  const plainName = (n: ts.PropertyName) => ts.isIdentifier(n) || ts.isStringLiteral(n) || ts.isNumericLiteral(n) ? n.text : undefined;
  if (ts.isClassLike(fn)) return className(fn) && `new ${className(fn)}`; // an implicit constructor
  if (ts.isConstructorDeclaration(fn)) return className(fn.parent) && `new ${className(fn.parent)}`;
  if (ts.isGetAccessorDeclaration(fn) || ts.isSetAccessorDeclaration(fn)) {
    const name = plainName(fn.name);
    return name && `${ts.isGetAccessorDeclaration(fn) ? "get" : "set"} ${name} [as ${name}]`;
  }
  if (ts.isMethodDeclaration(fn)) {
    const name = plainName(fn.name);
    // Called as a plain function (`const g = Calc.twice; g()`), V8 names it without a receiver.
    if (name === undefined || namesReadAsValues(this).has(name)) return undefined;
    if (ts.isObjectLiteralExpression(fn.parent)) return `Object.${name}`;
    // V8 names the receiver's class: the declaring one only while no class extends it.
    const owner = className(fn.parent);
    return owner && !extendedClasses(this).has(fn.parent) ? `${owner}.${name}` : undefined;
  }
  if (ts.isFunctionDeclaration(fn)) return fn.name?.text;
  if (!ts.isFunctionExpression(fn) && !ts.isArrowFunction(fn)) return undefined;
  if (ts.isFunctionExpression(fn) && fn.name) return fn.name.text;
  const parent = fn.parent;
  if ((ts.isVariableDeclaration(parent) || ts.isBindingElement(parent)) && parent.initializer === fn && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isBinaryExpression(parent) && parent.right === fn && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(parent.left)) return parent.left.text;
  if (ts.isPropertyAssignment(parent) && parent.initializer === fn && ts.isObjectLiteralExpression(parent.parent)) {
    const name = plainName(parent.name);
    return name && !namesReadAsValues(this).has(name) ? `Object.${name}` : undefined;
  }
  // Passed as an argument, or called where it is made: V8 gives no name.
  if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.arguments?.includes(fn as ts.Expression)) return "";
  if (ts.isParenthesizedExpression(parent) && ts.isCallExpression(parent.parent) && parent.parent.expression === parent) return "";
  return undefined;
};

/** What the program's own files say, looked at once per lowering: `note` sees every node. */
function programFacts<T>(cache: WeakMap<Lowerer, T>, lowerer: Lowerer, made: T, note: (n: ts.Node, facts: T) => void): T {
  const known = cache.get(lowerer);
  if (known) return known;
  cache.set(lowerer, made);
  for (const sf of lowerer.program.getSourceFiles()) {
    if (sf.isDeclarationFile || !lowerer.isAppModule(sf)) continue;
    const visit = (n: ts.Node): void => {
      note(n, made);
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return made;
}

/** The classes some class of the program extends. */
const extended = new WeakMap<Lowerer, Set<ts.Node>>();

function extendedClasses(lowerer: Lowerer): Set<ts.Node> {
  return programFacts(extended, lowerer, new Set<ts.Node>(), (n, found) => {
    if (!ts.isHeritageClause(n) || n.token !== ts.SyntaxKind.ExtendsKeyword) return;
    for (const type of n.types) {
      let symbol = lowerer.checker.getSymbolAtLocation(type.expression);
      if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = lowerer.checker.getAliasedSymbol(symbol);
      for (const decl of symbol?.declarations ?? []) found.add(decl);
    }
  });
}

/** The property names the program reads other than to call them at once (`o.m` as a value,
 *  `const { m } = o`, `o["m"]`): a method of such a name may run without its receiver. */
const valueReads = new WeakMap<Lowerer, Set<string>>();

function namesReadAsValues(lowerer: Lowerer): Set<string> {
  return programFacts(valueReads, lowerer, new Set<string>(), (n, found) => {
    const parent = n.parent;
    if (ts.isPropertyAccessExpression(n)) {
      const called = ts.isCallExpression(parent) && parent.expression === n;
      const assigned = ts.isBinaryExpression(parent) && parent.left === n && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken;
      if (!called && !assigned) found.add(n.name.text);
    } else if (ts.isElementAccessExpression(n) && ts.isStringLiteralLike(n.argumentExpression)) {
      found.add(n.argumentExpression.text);
    } else if (ts.isBindingElement(n) && ts.isObjectBindingPattern(parent)) {
      const key = n.propertyName ?? n.name;
      if (ts.isIdentifier(key) || ts.isStringLiteral(key)) found.add(key.text);
    }
  });
}

function isAsyncFunction(fn: ts.Node): boolean {
  return ts.canHaveModifiers(fn) && (ts.getModifiers(fn)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword) ?? false);
}

function isGenerator(fn: ts.Node): boolean {
  return (ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn) || ts.isMethodDeclaration(fn)) && fn.asteriskToken !== undefined;
}

/** console.log of these values: does one of them possibly hold an error, whose stack it prints? */
Lowerer.prototype.notePrintedErrors = function notePrintedErrors(this: Lowerer, values: readonly ts.Expression[]): void {
  if (this.printsErrors) return;
  const seen = new Set<ts.Type>();
  const mayHoldError = (type: ts.Type, depth: number): boolean => {
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.NonPrimitive)) return true;
    if (type.isUnionOrIntersection()) return type.types.some((t) => mayHoldError(t, depth));
    if (!(type.flags & ts.TypeFlags.Object) || seen.has(type) || type.getCallSignatures().length > 0) return false;
    if (depth > 4) return true;
    seen.add(type);
    const cls = this.classOfType(type);
    if (cls && this.isErrorClass(cls)) return true;
    const args = type.flags & ts.TypeFlags.Object && (type as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference
      ? this.checker.getTypeArguments(type as ts.TypeReference) : [];
    if (args.some((t) => mayHoldError(t, depth + 1))) return true;
    return this.checker.getPropertiesOfType(type).some((p) => mayHoldError(this.checker.getTypeOfSymbol(p), depth + 1));
  };
  if (values.some((v) => mayHoldError(this.checker.getTypeAtLocation(v), 0))) this.printsErrors = true;
};
