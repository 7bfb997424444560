// Lowering the built-in library: methods of strings, arrays and numbers, Math, the Number and
// Object statics, the number globals (parseInt, isNaN, …), Array.from and the Promise statics.
// Most become a call of a runtime function (RT); which one can depend on the operands'
// static types and on whether the program's numbers are doubles.

import ts from "typescript";
import type { VReg } from "../ir/ir.ts";
import { Codes, fail } from "../diagnostics.ts";
import { FALSE, TRUE, UNDEFINED, tagInt } from "../values.ts";
import { valueKind } from "./types.ts";
import { DOUBLE_MATH } from "../port.ts";
import { Lowerer } from "./lowerer.ts";
import { RT_DIR, RT, type RtName } from "./runtime-symbols.ts";
import { skipParens } from "./syntax.ts";

declare module "./lowerer.ts" {
  interface Lowerer {
    promiseStatic(name: string, node: ts.CallExpression): VReg;
    stringMethod(callee: ts.PropertyAccessExpression, node: ts.CallExpression): VReg;
    arrayMethod(callee: ts.PropertyAccessExpression, node: ts.CallExpression): VReg;
    mathCall(name: string, node: ts.CallExpression): VReg;
    numberMethod(callee: ts.PropertyAccessExpression, node: ts.CallExpression): VReg;
    numberStatic(name: string, node: ts.CallExpression, global: boolean): VReg;
    toNumber(arg: ts.Expression, node: ts.Node): VReg;
    isPrimitive(node: ts.Expression): boolean;
    objectCall(name: string, node: ts.CallExpression): VReg;
    arrayFrom(node: ts.CallExpression): VReg;
    isGlobal(node: ts.Expression): boolean;
    reviverThis(node: ts.Node): VReg | undefined;
  }
}

/** Math functions of programs with doubles that the runtime implements: Math member -> the
 *  runtime function and its number of arguments. */
const DOUBLE_MATH_RT: Partial<Record<string, readonly [RtName, number]>> = {
  fround: ["mathFround", 1], sin: ["mathSin", 1], cos: ["mathCos", 1], tan: ["mathTan", 1], asin: ["mathAsin", 1], acos: ["mathAcos", 1], atan: ["mathAtan", 1], exp: ["mathExp", 1], expm1: ["mathExpm1", 1], log: ["mathLog", 1], log1p: ["mathLog1p", 1], log2: ["mathLog2", 1], log10: ["mathLog10", 1], sinh: ["mathSinh", 1], cosh: ["mathCosh", 1], tanh: ["mathTanh", 1], asinh: ["mathAsinh", 1], acosh: ["mathAcosh", 1], atanh: ["mathAtanh", 1], cbrt: ["mathCbrt", 1], atan2: ["mathAtan2", 2], pow: ["mathPowDouble", 2],
};

/** Promise.resolve, reject, all, allSettled and race: functions of promise.ts. */
Lowerer.prototype.promiseStatic = function promiseStatic(this: Lowerer, name: string, node: ts.CallExpression): VReg {
  const statics: Record<string, RtName> = {
    resolve: "promiseResolve", reject: "promiseReject", all: "promiseAll", allSettled: "promiseAllSettled", race: "promiseRace",
  };
  const rt = statics[name];
  if (!rt) fail(node.expression, Codes.UnsupportedCall, `Promise.${name} is not supported on devices yet`);
  if (node.arguments.length > 1) fail(node.arguments[1], Codes.UnsupportedCall, `extra arguments to Promise.${name} are not supported on devices`);
  const arg = node.arguments[0];
  if (arg && ts.isSpreadElement(arg)) fail(arg, Codes.UnsupportedSyntax, "spread arguments are not supported on devices yet");
  if (name !== "resolve" && name !== "reject" && (!arg || this.kindOf(arg) !== "array")) {
    fail(arg ?? node, Codes.UnsupportedCall, `Promise.${name} takes an array on devices`, "other iterables are not supported yet");
  }
  this.usesPromises = true;
  if (name === "reject") this.noteThrown(arg);
  return this.call(this.runtime(rt), [arg ? this.expr(arg) : this.constant(UNDEFINED)], node);
};

Lowerer.prototype.stringMethod = function stringMethod(this: Lowerer, callee: ts.PropertyAccessExpression, node: ts.CallExpression): VReg {
  const name = callee.name.text;
  const s = callee.expression;
  const call = (rt: RtName, args: VReg[], smallInt = false) => this.call(this.runtime(rt), args, node, true, smallInt);
  const flag = (b: boolean) => this.constant(b ? TRUE : FALSE);
  const withPattern = this.regexpStringMethod(callee, node);
  if (withPattern) return withPattern;
  switch (name) {
    case "slice": return call("strSlice", this.methodArgs(s, node, 2, ["number", "number"]));
    case "substring": return call("strSubstring", this.methodArgs(s, node, 2, ["number", "number"]));
    case "charAt": return call("strCharAt", this.methodArgs(s, node, 1, ["number"]));
    case "charCodeAt":
      // The runtime reads code units it knows are inside the string: no NaN, a small int.
      if (node.getSourceFile().fileName.startsWith(RT_DIR)) return call("strUnitAt", this.methodArgs(s, node, 1, ["number"]), true);
      return call("strCharCodeAt", this.methodArgs(s, node, 1, ["number"]));
    case "codePointAt": return call("strCodePointNumber", this.methodArgs(s, node, 1, ["number"]));
    case "at": return call("strAt", [...this.methodArgs(s, node, 1, ["number"]), flag(true)]);
    case "indexOf": return call("strIndexOf", this.methodArgs(s, node, 2, ["string", "number"]));
    case "lastIndexOf": return call("strLastIndexOf", this.methodArgs(s, node, 2, ["string", "number"]));
    case "includes": return call("strIncludes", this.methodArgs(s, node, 2, ["string", "number"]));
    case "startsWith": return call("strStartsWith", this.methodArgs(s, node, 2, ["string", "number"]));
    case "endsWith": return call("strEndsWith", this.methodArgs(s, node, 2, ["string", "number"]));
    case "trim": return call("strTrim", [...this.methodArgs(s, node, 0, []), flag(true), flag(true)]);
    case "trimStart": return call("strTrim", [...this.methodArgs(s, node, 0, []), flag(true), flag(false)]);
    case "trimEnd": return call("strTrim", [...this.methodArgs(s, node, 0, []), flag(false), flag(true)]);
    case "repeat": return call("strRepeat", this.methodArgs(s, node, 1, ["number"]));
    case "padStart": return call("strPad", [...this.methodArgs(s, node, 2, ["number", "string"]), flag(true)]);
    case "padEnd": return call("strPad", [...this.methodArgs(s, node, 2, ["number", "string"]), flag(false)]);
    case "toUpperCase": return call("strChangeCase", [...this.methodArgs(s, node, 0, []), flag(true)]);
    case "toLowerCase": return call("strChangeCase", [...this.methodArgs(s, node, 0, []), flag(false)]);
    case "split": return call("strSplit", this.methodArgs(s, node, 2, ["string", "number"]));
    case "replace": return call("strReplace", [...this.methodArgs(s, node, 2, ["string", "string"]), flag(false)]);
    case "replaceAll": return call("strReplace", [...this.methodArgs(s, node, 2, ["string", "string"]), flag(true)]);
    case "toString": case "valueOf": return this.methodArgs(s, node, 0, [])[0];
    case "concat": {
      const values = this.exprList([s, ...node.arguments]);
      return values.slice(1).reduce((acc, v, i) => this.concat(acc, v, "string", this.kindOf(node.arguments[i]), node), values[0]);
    }
  }
  return fail(node, Codes.UnsupportedCall, `the string method '${name}' is not supported on devices yet`);
};

Lowerer.prototype.arrayMethod = function arrayMethod(this: Lowerer, callee: ts.PropertyAccessExpression, node: ts.CallExpression): VReg {
  const name = callee.name.text;
  const a = callee.expression;
  const call = (rt: RtName, args: VReg[], smallInt = false) => this.call(this.runtime(rt), args, node, true, smallInt);
  const frozen = this.frozenArrayMethod(callee, node);
  if (frozen !== undefined) return frozen;
  switch (name) {
    case "push": {
      if (node.arguments.some((arg) => ts.isSpreadElement(arg))) {
        const array = this.expr(a);
        return call("arrayPushAll", [array, this.arrayOfElements(node.arguments, node)], true);
      }
      if (node.arguments.length === 0) fail(node, Codes.UnsupportedCall, "push with no arguments is not supported on devices");
      const values = this.exprList([a, ...node.arguments]);
      let length = values[0];
      for (const v of values.slice(1)) length = call("arrayPush", [values[0], v], true);
      return length;
    }
    case "indexOf": return call("arrayIndexOf", this.methodArgs(a, node, 2, ["any", "number"]));
    case "lastIndexOf": return call("arrayLastIndexOf", this.methodArgs(a, node, 1, ["any"]));
    case "includes": return call("arrayIncludes", this.methodArgs(a, node, 1, ["any"]));
    case "join": return call("arrayJoin", this.methodArgs(a, node, 1, ["string"]));
    case "slice": return call("arraySlice", this.methodArgs(a, node, 2, ["number", "number"]));
    case "splice": {
      this.arraysShrink = true;
      node.arguments.forEach((arg, i) => {
        if (ts.isSpreadElement(arg)) fail(arg, Codes.UnsupportedSyntax, "spread arguments are not supported on devices yet");
        const numeric = valueKind(this.checker, this.checker.getNonNullableType(this.checker.getTypeAtLocation(arg))) === "number";
        if (i < 2 && !numeric && this.kindOf(arg) !== "nullish") {
          fail(arg, Codes.UnsupportedCall, `this argument must be a number on devices (got '${this.checker.typeToString(this.checker.getTypeAtLocation(arg))}')`);
        }
      });
      const [array, start, count, ...items] = this.exprList([a, ...node.arguments]);
      const inserted = this.arrayOf(items, node);
      const argc = this.constant(tagInt(Math.min(node.arguments.length, 2)), true);
      return call("arraySplice", [array, start ?? this.constant(UNDEFINED), count ?? this.constant(UNDEFINED), argc, inserted]);
    }
    case "concat": {
      if (node.arguments.length === 1 && this.kindOf(node.arguments[0]) === "array") return call("arrayConcat", this.methodArgs(a, node, 1, ["array"]));
      // Any other arguments: arrays spread into the result, other values appended.
      for (const arg of node.arguments) if (ts.isSpreadElement(arg)) fail(arg, Codes.UnsupportedSyntax, "spread arguments are not supported on devices yet");
      const [array, ...items] = this.exprList([a, ...node.arguments]);
      return call("arrayConcatItems", [array, this.arrayOf(items, node)]);
    }
    case "fill": return call("arrayFill", this.methodArgs(a, node, 3, ["any", "number", "number"]));
    case "reverse": return call("arrayReverse", this.methodArgs(a, node, 0, []));
    case "at": return call("arrayAt", this.methodArgs(a, node, 1, ["number"]));
    case "forEach": return call("arrayForEach", this.methodArgs(a, node, 1, ["any"]));
    case "map": return call("arrayMap", this.methodArgs(a, node, 1, ["any"]));
    case "filter": return call("arrayFilter", this.methodArgs(a, node, 1, ["any"]));
    case "find": return call("arrayFind", this.methodArgs(a, node, 1, ["any"]));
    case "findIndex": return call("arrayFindIndex", this.methodArgs(a, node, 1, ["any"]));
    case "findLast": return call("arrayFindLast", this.methodArgs(a, node, 1, ["any"]));
    case "findLastIndex": return call("arrayFindLastIndex", this.methodArgs(a, node, 1, ["any"]));
    case "copyWithin": return call("arrayCopyWithin", this.methodArgs(a, node, 3, ["number", "number", "number"]));
    case "toReversed": return call("arrayToReversed", this.methodArgs(a, node, 0, []));
    case "toSorted": return call("arrayToSorted", this.methodArgs(a, node, 1, ["any"]));
    case "with": return call("arrayWith", this.methodArgs(a, node, 2, ["number", "any"]));
    case "unshift": {
      for (const arg of node.arguments) if (ts.isSpreadElement(arg)) fail(arg, Codes.UnsupportedSyntax, "spread arguments are not supported on devices yet");
      const [array, ...items] = this.exprList([a, ...node.arguments]);
      return call("arrayUnshift", [array, this.arrayOf(items, node)], true);
    }
    case "shift":
      // Arrays can now get shorter: the range analysis must not assume they only grow.
      this.arraysShrink = true;
      return call("arrayShift", this.methodArgs(a, node, 0, []));
    case "some": return call("arraySome", this.methodArgs(a, node, 1, ["any"]));
    case "every": return call("arrayEvery", this.methodArgs(a, node, 1, ["any"]));
    case "reduce": case "reduceRight": {
      const hasInitial = node.arguments.length >= 2;
      return call(name === "reduce" ? "arrayReduce" : "arrayReduceRight", [...this.methodArgs(a, node, 2, ["any", "any"]), this.constant(hasInitial ? TRUE : FALSE)]);
    }
    case "flat": return call("arrayFlat", this.methodArgs(a, node, 1, ["number"]));
    case "flatMap": return call("arrayFlatMap", this.methodArgs(a, node, 1, ["any"]));
    case "toString": return call("toString", this.methodArgs(a, node, 0, []));
    case "sort": return call("arraySort", this.methodArgs(a, node, 1, ["any"]));
    case "pop":
      // Arrays can now get shorter: the range analysis must not assume they only grow.
      this.arraysShrink = true;
      return call("arrayPop", this.methodArgs(a, node, 0, []));
  }
  return fail(node, Codes.UnsupportedCall, `the array method '${name}' is not supported on devices yet`);
};

Lowerer.prototype.mathCall = function mathCall(this: Lowerer, name: string, node: ts.CallExpression): VReg {
  const call = (rt: RtName | string, args: VReg[]) => this.call(rt in RT ? this.runtime(rt as RtName) : rt, args, node, true);
  const numbers = (count: number) => {
    if (node.arguments.length !== count) fail(node, Codes.UnsupportedCall, `Math.${name} takes ${count} argument${count === 1 ? "" : "s"} on devices`);
    this.numberOperands(node, ...node.arguments);
    return this.exprList(node.arguments);
  };
  if (this.doubles) {
    switch (name) {
      case "floor": case "ceil": case "round": case "trunc": case "sqrt": return call(DOUBLE_MATH[name], numbers(1));
      case "abs": return call("mathAbs", numbers(1));
      case "sign": return call("mathSign", numbers(1));
      case "clz32": return call("mathClz32", numbers(1));
      case "imul": return call("__rt_imul", numbers(2));
      case "random": return call("mathRandom", numbers(0));
      case "hypot": {
        this.numberOperands(node, ...node.arguments);
        if (node.arguments.length === 2) return call("mathHypot", this.exprList(node.arguments));
        return call("mathHypotOf", [this.arrayOf(this.exprList(node.arguments), node)]);
      }
      case "min": case "max": {
        if (node.arguments.some((arg) => ts.isSpreadElement(arg))) {
          return call("mathMinMaxOf", [this.arrayOfElements(node.arguments, node), this.constant(name === "max" ? TRUE : FALSE)]);
        }
        this.numberOperands(node, ...node.arguments);
        const values = this.exprList(node.arguments);
        if (values.length === 0) return this.numberConstant(name === "min" ? Infinity : -Infinity, node);
        return values.slice(1).reduce((acc, v) => call(name === "min" ? "mathMin" : "mathMax", [acc, v]), values[0]);
      }
    }
    const double = DOUBLE_MATH_RT[name];
    if (double) return call(double[0], numbers(double[1]));
  }
  switch (name) {
    // Every number of this step is an integer, so these return their argument.
    case "floor": case "ceil": case "round": case "trunc": return numbers(1)[0];
    case "abs": return call("mathAbs", numbers(1));
    case "sign": return call("mathSign", numbers(1));
    case "clz32": return call("mathClz32", numbers(1));
    case "imul": return call("__rt_imul", numbers(2));
    case "min": case "max": {
      if (node.arguments.length === 0) fail(node, Codes.UnsupportedCall, `Math.${name}() is ${name === "min" ? "Infinity" : "-Infinity"}, which needs doubles`);
      this.numberOperands(node, ...node.arguments);
      const values = this.exprList(node.arguments);
      return values.slice(1).reduce((acc, v) => this.choose(
        (keep, take) => this.setTerm({ op: "branch", kind: "cmp", cmp: name === "min" ? "le" : "ge", numeric: true, a: acc, b: v, then: keep, else: take, pos: this.pos(node) }),
        () => acc, () => v), values[0]);
    }
  }
  return fail(node, Codes.UnsupportedCall, `Math.${name} needs doubles or is not supported on devices yet`);
};

/** x.toFixed(d), x.toString(radix), x.toPrecision(p), x.toExponential(d). */
Lowerer.prototype.numberMethod = function numberMethod(this: Lowerer, callee: ts.PropertyAccessExpression, node: ts.CallExpression): VReg {
  const name = callee.name.text;
  const x = this.expr(callee.expression);
  const args = node.arguments;
  if (args.length > 1) fail(args[1], Codes.UnsupportedCall, `Number.prototype.${name} takes one argument`);
  this.numberOperands(node, ...args);
  const arg = args.length === 1 ? this.expr(args[0]) : undefined;
  switch (name) {
    case "toFixed": return this.call(this.runtime("numToFixed"), [x, arg ?? this.constant(tagInt(0), true)], node);
    case "toString": return this.call(this.runtime("numToStringRadix"), [x, arg!], node);
    case "toPrecision": return arg ? this.call(this.runtime("numToPrecision"), [x, arg], node) : this.call(this.runtime("toString"), [x], node);
    case "toExponential": return this.call(this.runtime("numToExponential"), [x, arg ?? this.constant(UNDEFINED)], node);
    case "valueOf": return x;
  }
  return fail(node, Codes.UnsupportedCall, `the number method '${name}' is not supported on devices yet`);
};

/** Number(x), parseInt, parseFloat, isNaN, isFinite (`global`), and the Number statics:
 *  the global isNaN converts its argument (isNaN("x") is true), Number.isNaN does not. */
Lowerer.prototype.numberStatic = function numberStatic(this: Lowerer, name: string, node: ts.CallExpression, global: boolean): VReg {
  const args = node.arguments;
  const one = (): ts.Expression => {
    if (args.length < 1) fail(node, Codes.UnsupportedCall, `${name}() takes an argument on devices`);
    return args[0];
  };
  const numberArg = () => { const a = one(); this.numberOperands(node, a); return this.expr(a); };
  const stringArg = () => {
    const a = one();
    if (this.kindOf(a) !== "string") fail(a, Codes.UnsupportedCall, `${name} of a value that is not a string is not supported on devices yet`);
    return this.expr(a);
  };
  switch (name) {
    case "Number": {
      if (args.length === 0) return this.constant(tagInt(0), true);
      return this.toNumber(args[0], node);
    }
    case "parseFloat": return this.call(this.runtime("parseFloat"), [stringArg()], node);
    case "parseInt": {
      const s = stringArg();
      if (args.length > 1) this.numberOperands(node, args[1]);
      const radix = args.length > 1 ? this.expr(args[1]) : this.constant(tagInt(0), true);
      return this.call(this.runtime("parseInt"), [s, radix], node);
    }
  }
  if (global && (name === "isNaN" || name === "isFinite")) {
    return this.call(this.runtime(name === "isNaN" ? "numIsNaN" : "numIsFinite"), [this.toNumber(one(), node)], node);
  }
  const statics: Partial<Record<string, RtName>> = { isInteger: "numIsInteger", isSafeInteger: "numIsSafeInteger", isFinite: "numIsFinite", isNaN: "numIsNaN" };
  const rt = statics[name];
  if (rt) {
    // Number.isInteger(x) and the like are false for anything that is not a number.
    if (this.kindOf(one()) !== "number") fail(one(), Codes.UnsupportedCall, `Number.${name} of a value that is not a number is not supported on devices yet`);
    return this.call(this.runtime(rt), [numberArg()], node);
  }
  return fail(node, Codes.UnsupportedCall, `Number.${name} is not supported on devices yet`);
};

/** ToNumber of a number, string, boolean, null or undefined (unary +, Number(x), isNaN). */
Lowerer.prototype.toNumber = function toNumber(this: Lowerer, arg: ts.Expression, node: ts.Node): VReg {
  const kind = this.kindOf(arg);
  const value = this.expr(arg);
  switch (kind) {
    case "number": return value;
    case "string": return this.call(this.runtime("parseNumber"), [value], node);
    case "boolean": return this.choose((t, f) => this.truthyBranch(value, "boolean", t, f, arg), () => this.constant(tagInt(1), true), () => this.constant(tagInt(0), true));
    // Number(null) is 0, Number(undefined) NaN.
    case "nullish": return this.call(this.runtime("numberOf"), [value], node);
  }
  return fail(arg, Codes.UnsupportedOperator, "converting this value to a number is not supported on devices yet");
};

/** A value whose type allows only numbers, strings, booleans, null and undefined. */
Lowerer.prototype.isPrimitive = function isPrimitive(this: Lowerer, node: ts.Expression): boolean {
  const type = this.checker.getTypeAtLocation(node);
  const members = type.isUnion() ? type.types : [type];
  return members.every((t) => ["number", "boolean", "string", "nullish", "void"].includes(valueKind(this.checker, t)));
};

Lowerer.prototype.objectCall = function objectCall(this: Lowerer, name: string, node: ts.CallExpression): VReg {
  const one = () => {
    if (node.arguments.length !== 1) fail(node, Codes.UnsupportedCall, `${name} takes one argument on devices`);
    return this.expr(node.arguments[0]);
  };
  const frozen = this.objectFreezeCall(name, node);
  if (frozen !== undefined) return frozen;
  switch (name) {
    case "Object.keys": return this.call(this.runtime("objKeys"), [one()], node);
    case "Object.values": return this.call(this.runtime("objValues"), [one()], node);
    case "Object.entries": return this.call(this.runtime("objEntries"), [one()], node);
    case "Object.fromEntries": {
      if (node.arguments.length !== 1 || this.kindOf(node.arguments[0]) !== "array") fail(node, Codes.UnsupportedCall, "Object.fromEntries takes an array of [key, value] pairs on devices");
      return this.call(this.runtime("objFromEntries"), [one()], node);
    }
    case "Object.assign": {
      // Object.assign(target, ...sources): each source's own properties set on target.
      if (node.arguments.length === 0 || node.arguments.some((a) => ts.isSpreadElement(a))) fail(node, Codes.UnsupportedCall, "Object.assign takes a target and sources on devices");
      const [target, ...sources] = this.exprList(node.arguments);
      for (const source of sources) this.call(this.runtime("objAssign"), [target, source], node, false);
      return target;
    }
    case "JSON.stringify": {
      const [value, replacer, space] = node.arguments;
      if (!value || node.arguments.length > 3) fail(node, Codes.UnsupportedCall, "JSON.stringify takes a value, then optionally null and an indentation, on devices");
      if (replacer && this.kindOf(replacer) !== "nullish") fail(replacer, Codes.UnsupportedCall, "a replacer for JSON.stringify is not supported on devices yet", "pass null");
      const [v, , indentation] = this.exprList(node.arguments);
      return this.call(this.runtime("jsonStringify"), [v, indentation ?? this.constant(UNDEFINED)], node);
    }
    case "JSON.parse": {
      // JSON.parse(text, reviver?): the text as String() makes it; the reviver's walk is
      // linked only with a reviver. The program has doubles (doubles.ts), since the text may
      // hold any number.
      const [text, reviver] = node.arguments;
      if (!text || node.arguments.length > 2 || node.arguments.some((a) => ts.isSpreadElement(a))) {
        fail(node, Codes.UnsupportedCall, "JSON.parse takes a text and optionally a reviver function on devices");
      }
      const [value, reviverValue] = this.exprList(node.arguments);
      const textValue = this.kindOf(text) === "string" ? value : this.call(this.runtime("toString"), [value], text);
      if (!reviver || this.kindOf(reviver) === "nullish") return this.call(this.runtime("jsonParse"), [textValue], node);
      return this.call(this.runtime("jsonParseRevived"), [textValue, reviverValue], node);
    }
  }
  return fail(node, Codes.UnsupportedCall, `${name} is not supported on devices yet`);
};

/** Array.from(source, mapFn?): a new array from an array, a string (by code points), a
 *  Map or Set, or `{ length: n }` (n undefineds), each element passed through mapFn. */
Lowerer.prototype.arrayFrom = function arrayFrom(this: Lowerer, node: ts.CallExpression): VReg {
  const [source, mapFn] = node.arguments;
  if (!source || node.arguments.length > 2) fail(node, Codes.UnsupportedCall, "Array.from takes a source and an optional map function on devices");
  if (node.arguments.some((a) => ts.isSpreadElement(a))) fail(node, Codes.UnsupportedSyntax, "spread arguments are not supported on devices yet");
  const inner = skipParens(source);
  const property = ts.isObjectLiteralExpression(inner) && inner.properties.length === 1 ? inner.properties[0] : undefined;
  const lengthOnly = property !== undefined && (ts.isPropertyAssignment(property) || ts.isShorthandPropertyAssignment(property))
    && ts.isIdentifier(property.name) && property.name.text === "length";
  const iterated = this.iterableArray(source);
  const kind = this.kindOf(source);
  let array: VReg;
  if (lengthOnly) {
    const length = ts.isPropertyAssignment(property) ? property.initializer : property.name as ts.Identifier;
    if (this.kindOf(length) !== "number") fail(length, Codes.UnsupportedCall, "the length in Array.from({ length }) must be a number on devices");
    const value = ts.isShorthandPropertyAssignment(property)
      ? this.identifier(property.name, this.checker.getShorthandAssignmentValueSymbol(property))
      : this.expr(length);
    array = this.call(this.runtime("arrayOfLength"), [value], node);
  } else if (iterated) {
    array = iterated();
  } else if (kind === "typed") {
    array = this.call(this.runtime("typedToArray"), [this.expr(source)], node);
  } else if (kind === "array") {
    array = this.call(this.runtime("arrayReadFrom"), [this.expr(source), this.constant(tagInt(0), true)], node);
  } else if (kind === "string") {
    const text = this.expr(source);
    array = this.newArray(this.constant(tagInt(0), true), node);
    this.call(this.runtime("arrayAppendString"), [array, text], node, false);
  } else {
    // Anything else through the iteration protocol (iteration.ts), mapFn as it goes.
    return this.call(this.runtime("arrayFromIterable"), [this.iteratorOf(source), mapFn ? this.expr(mapFn) : this.constant(UNDEFINED)], node);
  }
  if (!mapFn) return array;
  return this.call(this.runtime("arrayMap"), [array, this.expr(mapFn)], node);
};

Lowerer.prototype.isGlobal = function isGlobal(this: Lowerer, node: ts.Expression): boolean {
  const decl = this.checker.getSymbolAtLocation(node)?.declarations?.[0];
  return !decl || decl.getSourceFile().isDeclarationFile;
};

/**
 * `this` in a JSON.parse reviver (node: the `this`, or an arrow function capturing it): the
 * holder of the property the reviver is called for, which the runtime keeps while it calls
 * the reviver. Only for a function the program uses as nothing but a reviver: a function
 * expression written as JSON.parse's second argument, or a function declaration named only
 * there; elsewhere `this` in a plain function stays unsupported (undefined).
 */
Lowerer.prototype.reviverThis = function reviverThis(this: Lowerer, node: ts.Node): VReg | undefined {
  let fn: ts.Node | undefined = node.parent;
  while (fn && !ts.isClassLike(fn) && !(ts.isFunctionLike(fn) && !ts.isArrowFunction(fn))) fn = fn.parent;
  if (!fn || !(ts.isFunctionExpression(fn) || ts.isFunctionDeclaration(fn)) || fn.asteriskToken) return undefined;
  if (ts.getModifiers(fn)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword || m.kind === ts.SyntaxKind.ExportKeyword)) return undefined;
  const isReviverArgument = (e: ts.Node): boolean => {
    while (ts.isParenthesizedExpression(e.parent)) e = e.parent;
    const call = e.parent;
    if (!ts.isCallExpression(call) || call.arguments[1] !== e) return false;
    const callee = skipParens(call.expression);
    return ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === "JSON"
      && callee.name.text === "parse" && this.isGlobal(callee.expression);
  };
  if (ts.isFunctionExpression(fn) && !isReviverArgument(fn)) return undefined;
  // Every use of the function's name, if it has one, is as a reviver.
  if (fn.name) {
    const symbol = this.checker.getSymbolAtLocation(fn.name);
    let uses = 0, others = 0;
    const visit = (n: ts.Node): void => {
      if (ts.isIdentifier(n) && n !== fn.name && n.text === fn.name!.text && this.checker.getSymbolAtLocation(n) === symbol) {
        if (isReviverArgument(n)) uses++;
        else others++;
      }
      ts.forEachChild(n, visit);
    };
    visit(fn.getSourceFile());
    if (others > 0 || (ts.isFunctionDeclaration(fn) && uses === 0)) return undefined;
  }
  return this.call(this.runtime("jsonReviverThis"), [], node);
};
