// Lowering destructuring patterns: [a, b = 1, ...rest] and { a, b: c, d = 1 } in variable
// declarations, parameters and for-of heads. Each element or property is read once from the
// value (a missing one is undefined, then its default applies) and bound as a plain variable
// would be. Destructuring assignment ([a, b] = [b, a]) is an assignment: see operators.ts.

import ts from "typescript";
import type { VReg } from "../ir/ir.ts";
import { Codes, fail } from "../diagnostics.ts";
import { UNDEFINED, tagInt } from "../values.ts";
import { valueKind } from "./types.ts";
import { Lowerer } from "./lowerer.ts";
import { skipParens } from "./syntax.ts";

declare module "./lowerer.ts" {
  interface Lowerer {
    destructuring(pattern: ts.BindingPattern, initializer: ts.Expression, node: ts.Node): void;
    iterableArray(node: ts.Expression): (() => VReg) | undefined;
    destructure(pattern: ts.BindingPattern, source: VReg, node: ts.Node): void;
    defaultWhenUndefined(value: VReg, fallback: ts.Expression, node: ts.Node): VReg;
  }
}

/** const [a, b = 1, ...rest] = array; const { a, b: c, d = 1 } = object. */
Lowerer.prototype.destructuring = function destructuring(this: Lowerer, pattern: ts.BindingPattern, initializer: ts.Expression, node: ts.Node): void {
  const source = this.temp();
  this.emit({ op: "move", dst: source, src: this.expr(initializer) });
  this.destructure(pattern, source, node);
};

/** What spread, Array.from and for…of iterate as an array: what is left of a Map's or Set's
 *  iterator (collection-loops.ts: for…of steps those itself), an array's keys(), values() and
 *  entries(), a matchAll. Undefined for anything else. */
Lowerer.prototype.iterableArray = function iterableArray(this: Lowerer, node: ts.Expression): (() => VReg) | undefined {
  const collection = this.collectionIterator(node);
  if (collection) return () => this.call(this.runtime("collectionRest"), [collection()], node);
  const inner = skipParens(node);
  if (ts.isCallExpression(inner) && ts.isPropertyAccessExpression(inner.expression)
    && ["keys", "values", "entries"].includes(inner.expression.name.text)) {
    // array.keys(), .values(), .entries(): the indices, the elements, [index, element] pairs.
    if (this.kindOf(inner.expression.expression) === "array" && inner.arguments.length === 0) {
      const which = inner.expression.name.text;
      const array = inner.expression.expression;
      return () => this.call(this.runtime("arrayIterated"), [this.expr(array), this.constant(tagInt(which === "keys" ? 0 : which === "values" ? 1 : 2), true)], inner);
    }
  }
  if (this.isMatchAll(inner)) return () => this.expr(inner);
  return undefined;
};

/**
 * The elements of an array, or the properties of a plain object, (in `source`) into the
 * pattern's variables: a missing element or property is undefined, and a default applies
 * when the value is undefined.
 */
Lowerer.prototype.destructure = function destructure(this: Lowerer, pattern: ts.BindingPattern, source: VReg, node: ts.Node): void {
  const kind = valueKind(this.checker, this.checker.getTypeAtLocation(pattern));
  const wanted = ts.isArrayBindingPattern(pattern) ? "array" : "object";
  if (ts.isArrayBindingPattern(pattern) && kind !== "array") return this.destructureIterable(pattern, source, node);
  if (kind !== wanted) {
    fail(pattern, Codes.UnsupportedSyntax, `destructuring a value of type '${this.checker.typeToString(this.checker.getTypeAtLocation(pattern))}' is not supported on devices yet`);
  }
  pattern.elements.forEach((element, i) => {
    if (ts.isOmittedExpression(element)) return;
    if (!ts.isIdentifier(element.name)) fail(element, Codes.UnsupportedSyntax, "nested destructuring is not supported on devices yet");
    let value: VReg;
    if (element.dotDotDotToken) {
      if (ts.isObjectBindingPattern(pattern)) {
        // Every own property but the ones named before it, into a new plain object.
        const taken = pattern.elements.slice(0, i).map((e) => {
          const key = e.propertyName ?? e.name;
          return this.stringLiteral(ts.isIdentifier(key) || ts.isStringLiteral(key) ? key.text : "");
        });
        value = this.call(this.runtime("objRest"), [source, this.arrayOf(taken, element)], element);
      } else {
        value = this.call(this.runtime("arrayReadFrom"), [source, this.constant(tagInt(i), true)], element);
      }
    } else {
      if (ts.isArrayBindingPattern(pattern)) {
        value = this.temp();
        this.emit({ op: "elem-get", dst: value, array: source, index: this.constant(tagInt(i), true), pos: this.pos(element) });
      } else {
        const key = element.propertyName ?? element.name;
        if (!ts.isIdentifier(key) && !ts.isStringLiteral(key)) fail(key, Codes.UnsupportedSyntax, "computed and numeric keys in object destructuring are not supported on devices yet");
        value = this.call(this.runtime("objGet"), [source, this.stringLiteral(key.text)], element);
      }
      if (element.initializer) value = this.defaultWhenUndefined(value, element.initializer, element);
    }
    this.bindLocal(this.symbolOf(element.name), value, node);
  });
};

/** `value`, or `fallback` evaluated when value is undefined. */
Lowerer.prototype.defaultWhenUndefined = function defaultWhenUndefined(this: Lowerer, value: VReg, fallback: ts.Expression, node: ts.Node): VReg {
  return this.choose(
    (missing, given) => this.setTerm({ op: "branch", kind: "cmp", cmp: "eq", numeric: false, a: value, b: this.constant(UNDEFINED), then: missing, else: given, pos: this.pos(node) }),
    () => this.expr(fallback), () => value);
};
