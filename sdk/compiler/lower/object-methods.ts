// Methods in object literals (`{ n: 0, next() { return ++this.n; } }`) and the names of
// functions made at run time. A method is a closure whose descriptor is its own: its name and
// the CLOSURE_METHOD flag (sdk/lib/rt/layout.ts). Its `this` is the object it was called on:
// `o.m(…)` on a plain object hands `o` to the runtime (sdk/lib/rt/methods.ts, methodProperty)
// just before the call, and the method takes it as its first act (methodThis); called any other
// way it finds undefined, as a strict-mode function does. A function the program names where
// it makes it (`const f = () => …`, `{ g: function () {} }`, a method) gets such a descriptor
// too, so `f.name` and console.log read the name at run time; anonymous ones share
// DESCRIPTOR_CLOSURE, whose name is none.

import ts from "typescript";
import type { IrFunction, VReg } from "../ir/ir.ts";
import { Codes, fail } from "../diagnostics.ts";
import { DESCRIPTOR_CLOSURE, CLOSURE_ASYNC, CLOSURE_GENERATOR, CLOSURE_DESCRIPTOR_FLAGS, CLOSURE_DESCRIPTOR_NAME, CLOSURE_DESCRIPTOR_SIZE, CLOSURE_METHOD, KIND_CLOSURE } from "../values.ts";
import { Lowerer } from "./lowerer.ts";
import { LIB_DIR } from "./runtime-symbols.ts";
import { isAsync } from "./functions.ts";

declare module "./lowerer.ts" {
  interface Lowerer {
    objectMethod(object: VReg, key: VReg, node: ts.MethodDeclaration): void;
    objectMethodPrologue(node: ts.Node, fn: IrFunction): void;
    objectMethodThis(node: ts.Node): VReg | undefined;
    nameClosure(node: ts.Node, closure: VReg): void;
    closureDescriptor(name: string | undefined, flags: number, sf: ts.SourceFile): string;
    functionValueDescriptor(decl: ts.FunctionDeclaration): string;
  }
}

/** The functions lowered as methods of object literals: their `this` is a local. */
const methodFunctions = new WeakSet<IrFunction>();
/** Each lowering's named descriptors, by name and flags. */
const descriptors = new WeakMap<Lowerer, Map<string, string>>();

/** A method of an object literal that takes `this` from the call (not async or a generator:
 *  objectMethod makes sure those do not use it). */
export function isObjectLiteralMethod(node: ts.Node): node is ts.MethodDeclaration {
  return ts.isMethodDeclaration(node) && ts.isObjectLiteralExpression(node.parent) && !node.asteriskToken && !isAsync(node);
}

function isGeneratorCode(node: ts.Node): boolean {
  return (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isMethodDeclaration(node)) && node.asteriskToken !== undefined;
}

/** Does the code use `this` of the function it is in (arrow functions inside share it)? */
function readsThis(node: ts.Node): boolean {
  if (node.kind === ts.SyntaxKind.ThisKeyword) return true;
  if ((ts.isFunctionLike(node) && !ts.isArrowFunction(node)) || ts.isClassLike(node)) return false;
  return ts.forEachChild(node, readsThis) ?? false;
}

/** The key of a method in an object literal: a plain name, a string, or [Symbol.iterator]
 *  (found by that text, as a class's: sdk/lib/rt/iteration.ts). */
export function objectMethodKey(name: ts.PropertyName): string {
  if (ts.isComputedPropertyName(name)) {
    const e = name.expression;
    if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === "Symbol" && e.name.text === "iterator") return "[Symbol.iterator]";
    return fail(name, Codes.UnsupportedSyntax, "computed method names other than [Symbol.iterator] in object literals are not supported on devices yet", "give the method a plain name");
  }
  if (!ts.isIdentifier(name) && !ts.isStringLiteral(name)) return fail(name, Codes.UnsupportedSyntax, "numeric method names are not supported on devices yet");
  if (/^(0|[1-9][0-9]*)$/.test(name.text)) fail(name, Codes.UnsupportedSyntax, "integer-like property names are not supported on devices yet (JavaScript orders them first)");
  return name.text;
}

Lowerer.prototype.objectMethod = function objectMethod(this: Lowerer, object: VReg, key: VReg, node: ts.MethodDeclaration): void {
  // An async or generator method runs its body later, from its frame: one that uses `this`
  // would have to keep it there (not done yet).
  if ((node.asteriskToken || isAsync(node)) && node.body && readsThis(node.body)) {
    fail(node, Codes.UnsupportedSyntax, "'this' in async and generator methods of object literals is not supported on devices yet", "use a class, or pass the object as a parameter");
  }
  const code = this.closure(node as unknown as ts.FunctionExpression);
  this.call(this.runtime("objSet"), [object, key, code], node, false);
};

/** A method's first act: taking its `this` from the call. */
Lowerer.prototype.objectMethodPrologue = function objectMethodPrologue(this: Lowerer, node: ts.Node, fn: IrFunction): void {
  if (!isObjectLiteralMethod(node)) return;
  methodFunctions.add(fn);
  this.thisVReg = this.call(this.runtime("methodThis"), [], node);
};

Lowerer.prototype.objectMethodThis = function objectMethodThis(this: Lowerer, _node: ts.Node): VReg | undefined {
  return methodFunctions.has(this.fn) ? this.thisVReg : undefined;
};

/** The name JavaScript gives a function where it is made (ECMA-262 NamedEvaluation): its own,
 *  or the binding's it initialises. */
function givenName(node: ts.Node): string | undefined {
  if ((ts.isFunctionExpression(node) || ts.isMethodDeclaration(node)) && node.name) {
    if (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) return node.name.text;
    if (ts.isComputedPropertyName(node.name)) return objectMethodKey(node.name);
  }
  if (!ts.isFunctionExpression(node) && !ts.isArrowFunction(node)) return undefined;
  let site: ts.Node = node;
  while (ts.isParenthesizedExpression(site.parent)) site = site.parent;
  const parent = site.parent;
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isParameter(parent) || ts.isBindingElement(parent))
    && parent.initializer === site && (ts.isIdentifier(parent.name) || ts.isStringLiteral(parent.name))) return parent.name.text;
  if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === site && ts.isIdentifier(parent.left)) return parent.left.text;
  return undefined;
}

/** Gives a closure of the program a descriptor with its name (and whether it is a method or
 *  async); the runtime's own closures and anonymous functions keep the shared one. */
Lowerer.prototype.nameClosure = function nameClosure(this: Lowerer, node: ts.Node, closure: VReg): void {
  if (node.getSourceFile().fileName.startsWith(LIB_DIR)) return;
  const name = givenName(node);
  const method = isObjectLiteralMethod(node);
  const async = isAsync(node);
  const generator = isGeneratorCode(node);
  if (name === undefined && !method && !async && !generator) return;
  const flags = (method ? CLOSURE_METHOD : 0) | (async ? CLOSURE_ASYNC : 0) | (generator ? CLOSURE_GENERATOR : 0);
  const symbol = this.closureDescriptor(name, flags, node.getSourceFile());
  const descriptor = this.temp({ raw: true });
  this.emit({ op: "symbol", dst: descriptor, symbol, addend: 0 });
  this.emit({ op: "store", base: closure, offset: 0, src: descriptor, width: 32 });
};

/** The descriptor (in flash) of closures with this name and these flags. */
Lowerer.prototype.closureDescriptor = function closureDescriptor(this: Lowerer, name: string | undefined, flags: number, sf: ts.SourceFile): string {
  if (!descriptors.has(this)) descriptors.set(this, new Map());
  const known = descriptors.get(this)!;
  const key = `${name ?? ""}:${flags}`;
  let symbol = known.get(key);
  if (symbol === undefined) {
    symbol = this.uniqueName(`__desc_fn.${name ?? "anonymous"}`);
    const bytes = new Uint8Array(CLOSURE_DESCRIPTOR_SIZE);
    const view = new DataView(bytes.buffer);
    view.setUint32(0, KIND_CLOSURE, true);
    view.setUint32(CLOSURE_DESCRIPTOR_FLAGS, flags, true);
    const relocs = name === undefined ? [] : [{ offset: CLOSURE_DESCRIPTOR_NAME, symbol: this.stringSymbol(name), addend: 0 }];
    this.data.push({ symbol, bytes, align: 4, module: this.moduleName(sf), relocs });
    known.set(key, symbol);
  }
  return symbol;
};

/** The descriptor of a top-level function used as a value: its name, for the program's own. */
Lowerer.prototype.functionValueDescriptor = function functionValueDescriptor(this: Lowerer, decl: ts.FunctionDeclaration): string {
  if (decl.getSourceFile().fileName.startsWith(LIB_DIR) || !decl.name) return DESCRIPTOR_CLOSURE;
  return this.closureDescriptor(decl.name.text, (isAsync(decl) ? CLOSURE_ASYNC : 0) | (isGeneratorCode(decl) ? CLOSURE_GENERATOR : 0), decl.getSourceFile());
};
