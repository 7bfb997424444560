// err.stack and console.log of errors. V8 captures the stack when an error is made; the device
// keeps, for an error the program's own code makes, the frames as a constant string ("    at
// Sensor.read (app.ts:12:11)", named as V8 names the function), and the runtime writes the
// first line when the stack is read (sdk/lib/rt/errors.ts, errorStack). The callers' frames
// are those the program's text proves: while the function holding the frame is called from
// exactly one place in the program and never used as a value, that call is the next frame, up
// to the top level. Where a function has several callers the stack ends there (listing the
// right one would need the return addresses on the stack and a table of call sites in flash,
// as the host does for crash reports, sdk/cli/crash.ts): frames are left out, never wrong.

import ts from "typescript";
import path from "node:path";
import type { VReg } from "../ir/ir.ts";
import { Lowerer } from "./lowerer.ts";

declare module "./lowerer.ts" {
  interface Lowerer {
    placeError(decl: ts.ClassDeclaration, object: VReg, node: ts.NewExpression): void;
    errorStackGet(node: ts.PropertyAccessExpression): VReg | undefined;
    framesOf(node: ts.Node): string[];
  }
}

/** The function V8 names in a frame: `f`, `K.m`, `new K`, `Object.g`, or none (top level, an
 *  anonymous function). */
function frameName(node: ts.Node): string | undefined {
  const fn = ts.findAncestor(node.parent, ts.isFunctionLike);
  if (!fn) return undefined;
  const className = (c: ts.Node | undefined) => c && ts.isClassLike(c) ? c.name?.text ?? "<anonymous>" : undefined;
  if (ts.isConstructorDeclaration(fn)) return `new ${className(fn.parent)}`;
  if (ts.isMethodDeclaration(fn) || ts.isGetAccessorDeclaration(fn) || ts.isSetAccessorDeclaration(fn)) {
    const owner = ts.isObjectLiteralExpression(fn.parent) ? "Object" : className(fn.parent);
    const name = fn.name.getText();
    return owner ? `${owner}.${ts.isGetAccessorDeclaration(fn) ? `get ${name}` : ts.isSetAccessorDeclaration(fn) ? `set ${name}` : name}` : name;
  }
  if (ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn)) {
    if (fn.name) return fn.name.text;
  }
  if ((ts.isFunctionExpression(fn) || ts.isArrowFunction(fn)) && ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name)) return fn.parent.name.text;
  return undefined;
}

/** After `new E(…)` of an error class in the program's code: where it was made. */
Lowerer.prototype.placeError = function placeError(this: Lowerer, decl: ts.ClassDeclaration, object: VReg, node: ts.NewExpression): void {
  const sf = node.getSourceFile();
  if (!this.isAppModule(sf) || !this.isErrorClass(decl)) return;
  const site = this.framesOf(node).join("\n");
  const error = this.builtinErrorClass("Error");
  const placed = error.members.find((m): m is ts.MethodDeclaration => ts.isMethodDeclaration(m) && m.name.getText() === "placed")!;
  this.call(this.staticMethodSymbol(placed), [object, this.stringLiteral(site)], node, false);
};

/** err.stack of an error (a class extending Error, or the global Error type). */
Lowerer.prototype.errorStackGet = function errorStackGet(this: Lowerer, node: ts.PropertyAccessExpression): VReg | undefined {
  if (node.name.text !== "stack" || node.questionDotToken) return undefined;
  const cls = this.classOfType(this.checker.getNonNullableType(this.typeAt(node.expression)));
  if (!cls || !this.isErrorClass(cls)) return undefined;
  return this.call(this.runtime("errorStack"), [this.expr(node.expression)], node);
};

/** A frame: the function holding `node` and where `node` is in it. */
function frame(node: ts.Node): string {
  const sf = node.getSourceFile();
  const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart());
  const where = `${path.basename(sf.fileName)}:${line + 1}:${character + 1}`;
  const name = frameName(node);
  return `    at ${name ? `${name} (${where})` : where}`;
}

/** The identifiers of the program's own files, by the symbol they name. */
const references = new WeakMap<Lowerer, Map<ts.Symbol, ts.Identifier[]>>();

function referencesOf(lowerer: Lowerer, symbol: ts.Symbol): ts.Identifier[] {
  let index = references.get(lowerer);
  if (!index) {
    const found = new Map<ts.Symbol, ts.Identifier[]>();
    for (const sf of lowerer.program.getSourceFiles()) {
      if (sf.isDeclarationFile || !lowerer.isAppModule(sf)) continue;
      const visit = (n: ts.Node): void => {
        if (ts.isIdentifier(n)) {
          let s = lowerer.checker.getSymbolAtLocation(n);
          if (s && s.flags & ts.SymbolFlags.Alias) s = lowerer.checker.getAliasedSymbol(s);
          if (s) found.set(s, [...(found.get(s) ?? []), n]);
        }
        ts.forEachChild(n, visit);
      };
      visit(sf);
    }
    references.set(lowerer, index = found);
  }
  return index.get(symbol) ?? [];
}

/** The one call of the function `fn` in the program, when it has exactly one and is used no
 *  other way (not passed, stored or exported under another name). */
function onlyCall(lowerer: Lowerer, fn: ts.SignatureDeclaration): ts.CallExpression | undefined {
  if (((ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn)) && fn.asteriskToken) || isAsyncFunction(fn)) return undefined;
  const binding = ts.isFunctionDeclaration(fn) ? fn.name
    : (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(fn.parent) && fn.parent.initializer === fn
      && ts.isIdentifier(fn.parent.name) && ts.getCombinedNodeFlags(fn.parent) & ts.NodeFlags.Const ? fn.parent.name : undefined;
  if (!binding) return undefined;
  const symbol = lowerer.checker.getSymbolAtLocation(binding);
  if (!symbol) return undefined;
  const uses = referencesOf(lowerer, symbol).filter((id) => id !== binding);
  if (uses.length !== 1) return undefined;
  const call = uses[0].parent;
  return ts.isCallExpression(call) && call.expression === uses[0] ? call : undefined;
}

function isAsyncFunction(fn: ts.Node): boolean {
  return ts.canHaveModifiers(fn) && (ts.getModifiers(fn)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword) ?? false);
}

/** The frames of a stack captured at `node`: its own, then its callers' as far as the program
 *  proves them (one call site each), ending at the top level. */
Lowerer.prototype.framesOf = function framesOf(this: Lowerer, node: ts.Node): string[] {
  const frames = [frame(node)];
  const seen = new Set<ts.Node>();
  for (let at: ts.Node = node; ;) {
    const fn = ts.findAncestor(at.parent, ts.isFunctionLike);
    if (!fn || seen.has(fn)) break;
    seen.add(fn);
    const call = onlyCall(this, fn);
    if (!call) break;
    frames.push(frame(call.expression));
    at = call;
  }
  return frames;
};
