// `new Promise(executor)`: the rejections it can make are judged (thrown-values.ts), and the
// executor is checked for being a function here, only where its type does not prove it: the
// check's message ("Promise resolver 5 is not a function") needs the conversions of any value
// to text, which a program whose executors are all functions then does not link.

import ts from "typescript";
import type { VReg } from "../ir/ir.ts";
import { UNDEFINED } from "../values.ts";
import { Lowerer } from "./lowerer.ts";

declare module "./lowerer.ts" {
  interface Lowerer {
    newPromise(decl: ts.ClassDeclaration, node: ts.NewExpression): VReg;
  }
}

Lowerer.prototype.newPromise = function newPromise(this: Lowerer, decl: ts.ClassDeclaration, node: ts.NewExpression): VReg {
  this.usesPromises = true;
  const executor = node.arguments?.[0];
  this.notePromiseExecutor(executor);
  const value = executor === undefined ? this.constant(UNDEFINED) : this.expr(executor);
  if (executor === undefined || !isProvenFunction(this, executor)) this.call(this.runtime("checkPromiseResolver"), [value], node, false);
  return this.newInstance(decl, node, [value]);
};

/** A function literal, or a value whose type is a function's and is not in doubt (a cast). */
function isProvenFunction(lowerer: Lowerer, node: ts.Expression): boolean {
  let e = node;
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) return true;
  const type = lowerer.checker.getTypeAtLocation(node);
  if ((type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0 || lowerer.castDoubted(node)) return false;
  return type.getCallSignatures().length > 0 && lowerer.checker.getNonNullableType(type) === type;
}
