// Object.freeze and Object.isFrozen (sdk/lib/rt/frozen.ts): plain objects and arrays. A plain
// object's writes go through the runtime's objSet, which tests for a frozen one; an array's
// element writes are inlined and its methods do not look, so a program that may freeze an
// array (Object.freeze of an array, or of a value of unknown type) tests before each of them,
// and one that never does pays nothing.

import ts from "typescript";
import type { VReg } from "../ir/ir.ts";
import { Codes, fail } from "../diagnostics.ts";
import { tagInt } from "../values.ts";
import { Lowerer } from "./lowerer.ts";
import { valueKind } from "./types.ts";

declare module "./lowerer.ts" {
  interface Lowerer {
    freezesArraysCache?: boolean;
    objectFreezeCall(name: string, node: ts.CallExpression): VReg | undefined;
    freezesArrays(): boolean;
    frozenArrayCheck(array: VReg, write: number, index: VReg | undefined, node: ts.Node): void;
    frozenArrayMethod(callee: ts.PropertyAccessExpression, node: ts.CallExpression): VReg | undefined;
  }
}

/** What an array method writes first, for the TypeError a frozen array gives (frozen.ts, WRITE_*). */
export const FROZEN_ARRAY_WRITES: Record<string, number> = {
  shift: 0, splice: 0, sort: 0, reverse: 0, fill: 0, copyWithin: 0,
  push: 1, unshift: 1,
  pop: 2,
};
export const WRITE_LENGTH = 3;
/** a[i] = v: the index says which message. */
export const WRITE_ELEMENT = -1;

Lowerer.prototype.objectFreezeCall = function objectFreezeCall(this: Lowerer, name: string, node: ts.CallExpression): VReg | undefined {
  if (name !== "Object.freeze" && name !== "Object.isFrozen") return undefined;
  if (node.arguments.length !== 1 || ts.isSpreadElement(node.arguments[0])) fail(node, Codes.UnsupportedCall, `${name} takes one argument on devices`);
  const arg = node.arguments[0];
  if (name === "Object.freeze" && this.classOfType(this.checker.getNonNullableType(this.typeAt(arg))) !== undefined) {
    fail(arg, Codes.UnsupportedCall, "Object.freeze of a class instance is not supported on devices yet", "freeze a plain object or an array");
  }
  return this.call(this.runtime(name === "Object.freeze" ? "objectFreeze" : "objectIsFrozen"), [this.expr(arg)], node);
};

/** Does the program freeze an array anywhere (or a value whose type does not say)? */
Lowerer.prototype.freezesArrays = function freezesArrays(this: Lowerer): boolean {
  if (this.freezesArraysCache === undefined) {
    let found = false;
    for (const sf of this.program.getSourceFiles()) {
      if (found || !this.isAppModule(sf)) continue;
      const visit = (n: ts.Node): void => {
        if (found) return;
        if (ts.isCallExpression(n) && n.expression.getText() === "Object.freeze" && n.arguments.length === 1) {
          const kind = valueKind(this.checker, this.checker.getTypeAtLocation(n.arguments[0]));
          if (kind === "array" || kind === "any") found = true;
        }
        ts.forEachChild(n, visit);
      };
      visit(sf);
    }
    this.freezesArraysCache = found;
  }
  return this.freezesArraysCache;
};

Lowerer.prototype.frozenArrayCheck = function frozenArrayCheck(this: Lowerer, array: VReg, write: number, index: VReg | undefined, node: ts.Node): void {
  if (!this.freezesArrays()) return;
  this.call(this.runtime("arrayWriteCheck"), [array, this.constant(tagInt(write), true), index ?? this.constant(tagInt(0), true)], node, false);
};

/** A method that writes to its array, in a program that freezes arrays: the test first. */
Lowerer.prototype.frozenArrayMethod = function frozenArrayMethod(this: Lowerer, callee: ts.PropertyAccessExpression, node: ts.CallExpression): VReg | undefined {
  const write = FROZEN_ARRAY_WRITES[callee.name.text];
  if (write === undefined || this.bound.has(callee.expression) || !this.freezesArrays()) return undefined;
  const array = this.expr(callee.expression);
  this.frozenArrayCheck(array, write, undefined, node);
  return this.withBound([callee.expression], array, () => this.arrayMethod(callee, node));
};
