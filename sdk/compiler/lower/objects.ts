// Lowering objects: object literals, reading a property (a field of a class instance, the
// length of a string or an array, a key of a plain object, …), and optional chains (a?.b,
// a?.m(), whose receiver is evaluated once and checked for null and undefined).

import ts from "typescript";
import { type VReg, newBlock } from "../ir/ir.ts";
import { Codes, fail } from "../diagnostics.ts";
import { ARRAY_LENGTH, NULL, STRING_LENGTH, UNDEFINED, LENGTH_MAX, TYPED_LENGTH, tagInt } from "../values.ts";
import { valueKind } from "./types.ts";
import { Lowerer } from "./lowerer.ts";
import { objectMethodKey } from "./object-methods.ts";

declare module "./lowerer.ts" {
  interface Lowerer {
    propertyGet(node: ts.PropertyAccessExpression): VReg;
    optionalChain(
      node: ts.PropertyAccessExpression | ts.ElementAccessExpression | ts.CallExpression,
      objectNode: ts.Expression,
      access: (object: VReg) => VReg,
    ): VReg;
    isObjectOrNullish(node: ts.Expression): boolean;
    objectLiteral(node: ts.ObjectLiteralExpression): VReg;
  }
}

Lowerer.prototype.propertyGet = function propertyGet(this: Lowerer, node: ts.PropertyAccessExpression): VReg {
  if (this.castDoubted(node.expression)) return this.checkedPropertyGet(node);
  const functionName = this.functionNameGet(node) ?? this.errorStackGet(node) ?? this.templateRawGet(node);
  if (functionName !== undefined) return functionName;
  // a?.b on an array, string, Map, … that may be null or undefined (as a?.method(…)).
  const nonNullable = valueKind(this.checker, this.checker.getNonNullableType(this.checker.getTypeAtLocation(node.expression)));
  if (node.questionDotToken && !this.bound.has(node.expression) && this.isNullable(node.expression) && nonNullable !== "object" && nonNullable !== "any") {
    return this.optionalChain(node, node.expression, (object) => {
      this.bound.set(node.expression, object);
      try {
        return this.propertyGet(node);
      } finally {
        this.bound.delete(node.expression);
      }
    });
  }
  let objKind = this.kindOf(node.expression);
  if (objKind === "any" && ts.isOptionalChain(node) && !node.questionDotToken) {
    // Later links of a?.b.c: the chain already yielded undefined if a was nullish, so the
    // access here sees undefined, or a value of the non-nullable type.
    const nonNullable = valueKind(this.checker, this.checker.getNonNullableType(this.checker.getTypeAtLocation(node.expression)));
    if (nonNullable === "array" || nonNullable === "string" || nonNullable === "typed") {
      const object = this.expr(node.expression);
      const result = this.temp();
      this.emit({ op: "move", dst: result, src: this.constant(UNDEFINED) });
      const present = newBlock(this.fn), join = newBlock(this.fn);
      this.setTerm({ op: "branch", kind: "cmp", cmp: "eq", numeric: false, a: object, b: this.constant(UNDEFINED), then: join, else: present, pos: this.pos(node) });
      this.startBlock(present);
      if (node.name.text !== "length") fail(node.name, Codes.UnsupportedSyntax, `property '${node.name.text}' in an optional chain is not supported on devices yet`);
      const raw = this.temp({ raw: true });
      const offset = nonNullable === "array" ? ARRAY_LENGTH : nonNullable === "typed" ? TYPED_LENGTH : STRING_LENGTH;
      this.emit({ op: "load", dst: raw, base: object, offset, width: 32, pos: this.pos(node) });
      const length = this.temp({ smallInt: true });
      this.emit({ op: "tag", dst: length, src: raw, max: LENGTH_MAX, pos: this.pos(node) });
      this.emit({ op: "move", dst: result, src: length });
      this.jumpTo(join);
      this.startBlock(join);
      return result;
    }
    if (nonNullable === "object") objKind = "object";
  }
  if (node.name.text === "length" && (objKind === "array" || objKind === "string" || objKind === "typed")) {
    const obj = this.expr(node.expression);
    const raw = this.temp({ raw: true });
    const offset = objKind === "array" ? ARRAY_LENGTH : objKind === "typed" ? TYPED_LENGTH : STRING_LENGTH;
    this.emit({ op: "load", dst: raw, base: obj, offset, width: 32, pos: this.pos(node) });
    const dst = this.temp({ smallInt: true });
    this.emit({ op: "tag", dst, src: raw, max: LENGTH_MAX, pos: this.pos(node) });
    return dst;
  }
  const typed = objKind === "typed" || objKind === "object" ? this.typedProperty(node) : undefined;
  if (typed !== undefined) return typed;
  const member = this.classMember(node);
  if (member) return this.memberGet(member, node);
  const matchProperty = objKind === "array" ? this.matchProperty(node) : undefined;
  if (matchProperty) return matchProperty;
  if (objKind === "object" || (objKind === "any" && this.isObjectOrNullish(node.expression))) {
    return this.optionalChain(node, node.expression, (object) => this.call(this.runtime("objGet"), [object, this.stringLiteral(node.name.text)], node));
  }
  return fail(node, Codes.UnsupportedSyntax, `property '${node.name.text}' of a value of type '${this.checker.typeToString(this.checker.getTypeAtLocation(node.expression))}' is not supported on devices yet`);
};

/** a?.b: undefined when a is null or undefined, else the access. */
Lowerer.prototype.optionalChain = function optionalChain(this: Lowerer, node: ts.PropertyAccessExpression | ts.ElementAccessExpression | ts.CallExpression, objectNode: ts.Expression, access: (object: VReg) => VReg): VReg {
  const object = this.expr(objectNode);
  if (!node.questionDotToken) return access(object);
  const result = this.temp();
  this.emit({ op: "move", dst: result, src: this.constant(UNDEFINED) });
  const present = newBlock(this.fn), second = newBlock(this.fn), join = newBlock(this.fn);
  const pos = this.pos(node);
  this.setTerm({ op: "branch", kind: "cmp", cmp: "eq", numeric: false, a: object, b: this.constant(UNDEFINED), then: join, else: second, pos });
  this.startBlock(second);
  this.setTerm({ op: "branch", kind: "cmp", cmp: "eq", numeric: false, a: object, b: this.constant(NULL), then: join, else: present, pos });
  this.startBlock(present);
  this.emit({ op: "move", dst: result, src: access(object) });
  this.jumpTo(join);
  this.startBlock(join);
  return result;
};

/** Object types, possibly with undefined or null (optional chaining, optional fields). */
Lowerer.prototype.isObjectOrNullish = function isObjectOrNullish(this: Lowerer, node: ts.Expression): boolean {
  const type = this.checker.getTypeAtLocation(node);
  const members = type.isUnion() ? type.types : [type];
  return members.every((t) => ["object", "nullish", "void"].includes(valueKind(this.checker, t)))
    && members.some((t) => valueKind(this.checker, t) === "object");
};

/** { a: 1, b, [key]: v, ...other }: a plain object, properties in order. */
Lowerer.prototype.objectLiteral = function objectLiteral(this: Lowerer, node: ts.ObjectLiteralExpression): VReg {
  // Room for the properties the literal names (its key and value arrays sized to them).
  const object = this.call(this.runtime("objNewSized"), [this.constant(tagInt(node.properties.length), true)], node);
  for (const p of node.properties) {
    if (ts.isSpreadAssignment(p)) {
      this.call(this.runtime("objAssign"), [object, this.expr(p.expression)], p, false);
      continue;
    }
    if (ts.isGetAccessorDeclaration(p) || ts.isSetAccessorDeclaration(p)) {
      this.objectAccessor(object, p);
      continue;
    }
    if (ts.isMethodDeclaration(p)) {
      this.objectMethod(object, this.stringLiteral(objectMethodKey(p.name)), p);
      continue;
    }
    let key: VReg;
    if (ts.isComputedPropertyName(p.name)) {
      if (this.kindOf(p.name.expression) !== "string") fail(p.name, Codes.UnsupportedSyntax, "computed property names are strings on devices");
      key = this.expr(p.name.expression);
    } else if (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) {
      key = this.stringLiteral(p.name.text);
    } else {
      // Integer-like keys come first in JavaScript's property order: not modelled yet.
      return fail(p.name, Codes.UnsupportedSyntax, "numeric property names are not supported on devices yet");
    }
    if (/^(0|[1-9][0-9]*)$/.test(p.name.getText().replace(/^["']|["']$/g, ""))) {
      fail(p.name, Codes.UnsupportedSyntax, "integer-like property names are not supported on devices yet (JavaScript orders them first)");
    }
    const value = ts.isShorthandPropertyAssignment(p)
      ? this.identifier(p.name, this.checker.getShorthandAssignmentValueSymbol(p))
      : this.expr(p.initializer);
    this.call(this.runtime("objSet"), [object, key, value], p, false);
  }
  return object;
};
