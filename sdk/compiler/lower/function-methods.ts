// The methods of functions: `f.call(self, a, b)`, `f.apply(self, args)` and `f.bind(self, a)`.
// `self` reaches a method of an object literal as its `this` (sdk/lib/rt/methods.ts); other
// functions have no `this` of their own on devices (arrow functions, top-level functions in a
// module), so for them it is evaluated and ignored, as JavaScript would let them ignore it.

import ts from "typescript";
import type { VReg } from "../ir/ir.ts";
import { Codes, fail } from "../diagnostics.ts";
import { UNDEFINED } from "../values.ts";
import { Lowerer } from "./lowerer.ts";
import { calleeText } from "./checked-casts.ts";

declare module "./lowerer.ts" {
  interface Lowerer {
    functionMethodCall(callee: ts.PropertyAccessExpression, node: ts.CallExpression): VReg | undefined;
  }
}

const FUNCTION_METHODS = new Set(["call", "apply", "bind"]);

Lowerer.prototype.functionMethodCall = function functionMethodCall(this: Lowerer, callee: ts.PropertyAccessExpression, node: ts.CallExpression): VReg | undefined {
  const name = callee.name.text;
  if (!FUNCTION_METHODS.has(name) || callee.questionDotToken) return undefined;
  const type = this.checker.getNonNullableType(this.checker.getTypeAtLocation(callee.expression));
  if (type.getCallSignatures().length === 0) return undefined;
  const spread = node.arguments.find((a) => ts.isSpreadElement(a));
  if (spread && name !== "call") fail(spread, Codes.UnsupportedSyntax, `spread arguments to ${name} are not supported on devices yet`, "pass an array to apply");
  if (spread) fail(spread, Codes.UnsupportedSyntax, "spread arguments to call are not supported on devices yet", "use apply with the array");
  const text = this.stringLiteral(calleeText(callee.expression));
  const [fn, self, ...rest] = this.exprList([callee.expression, ...node.arguments]);
  const thisArg = self ?? this.constant(UNDEFINED);
  if (name === "apply") return this.call(this.runtime("applyFunction"), [fn, thisArg, rest[0] ?? this.constant(UNDEFINED), text], node);
  if (name === "bind") return this.call(this.runtime("bindFunction"), [fn, thisArg, this.arrayOf(rest, node), text], node);
  const callable = this.call(this.runtime("methodProperty"), [fn, thisArg, text], node);
  const dst = this.temp();
  this.emit({ op: "call-indirect", dst, fn: callable, args: rest, pos: this.pos(node) });
  return dst;
};
