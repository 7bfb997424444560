// Getters and setters in object literals (`{ get area() { return this.w * this.h; } }`). The
// plain object holds an accessor pair for the property (sdk/lib/rt/objects.ts, objDefineAccessor)
// and the runtime calls the getter or setter where a read or write finds one. Each is lowered
// as a closure; its `this` is the object the runtime is reading, which the runtime keeps for the
// duration of the call (accessorThis), so an arrow function made inside captures it as usual.

import ts from "typescript";
import type { VReg } from "../ir/ir.ts";
import { Codes, fail } from "../diagnostics.ts";
import { UNDEFINED } from "../values.ts";
import { Lowerer } from "./lowerer.ts";

declare module "./lowerer.ts" {
  interface Lowerer {
    objectAccessor(object: VReg, node: ts.GetAccessorDeclaration | ts.SetAccessorDeclaration): void;
    accessorThis(node: ts.Node): VReg | undefined;
  }
}

Lowerer.prototype.objectAccessor = function objectAccessor(this: Lowerer, object: VReg, node: ts.GetAccessorDeclaration | ts.SetAccessorDeclaration): void {
  if (!ts.isIdentifier(node.name) && !ts.isStringLiteral(node.name)) {
    fail(node.name, Codes.UnsupportedSyntax, "computed and numeric accessor names in object literals are not supported on devices yet");
  }
  if (/^(0|[1-9][0-9]*)$/.test(node.name.text)) fail(node.name, Codes.UnsupportedSyntax, "integer-like property names are not supported on devices yet (JavaScript orders them first)");
  const code = this.closure(node as unknown as ts.FunctionExpression);
  const none = this.constant(UNDEFINED);
  const [getter, setter] = ts.isGetAccessorDeclaration(node) ? [code, none] : [none, code];
  this.call(this.runtime("objDefineAccessor"), [object, this.stringLiteral(node.name.text), getter, setter], node, false);
};

/** `this` in an object literal's getter or setter: the object being read or written. */
Lowerer.prototype.accessorThis = function accessorThis(this: Lowerer, node: ts.Node): VReg | undefined {
  // The function whose `this` it is: arrow functions have their creator's.
  const container = ts.findAncestor(node.parent, (n) => ts.isFunctionLike(n) && !ts.isArrowFunction(n));
  if (!container || (!ts.isGetAccessorDeclaration(container) && !ts.isSetAccessorDeclaration(container)) || !ts.isObjectLiteralExpression(container.parent)) return undefined;
  return this.call(this.runtime("accessorThis"), [], node);
};
