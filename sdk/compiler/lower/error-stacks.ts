// err.stack and console.log of errors. V8 captures the stack when an error is made; the device
// keeps, for an error the program's own code makes, the frame where it was made, as a constant
// string ("    at Sensor.read (app.ts:12:11)", named as V8 names the function), and the runtime
// writes the first line when the stack is read (sdk/lib/rt/errors.ts, errorStack). The callers'
// frames are not listed: that would need the return addresses on the stack and a table of
// call sites in flash (the host does that for crash reports, sdk/cli/crash.ts).

import ts from "typescript";
import path from "node:path";
import type { VReg } from "../ir/ir.ts";
import { Lowerer } from "./lowerer.ts";

declare module "./lowerer.ts" {
  interface Lowerer {
    placeError(decl: ts.ClassDeclaration, object: VReg, node: ts.NewExpression): void;
    errorStackGet(node: ts.PropertyAccessExpression): VReg | undefined;
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
  const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart());
  const where = `${path.basename(sf.fileName)}:${line + 1}:${character + 1}`;
  const name = frameName(node);
  const site = `    at ${name ? `${name} (${where})` : where}`;
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
