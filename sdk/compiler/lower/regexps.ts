// Lowering regular expressions: literals and `new RegExp(constant, flags)` are parsed and
// compiled here, at build time (sdk/compiler/regexp/), into matcher code in flash; the
// expression becomes a call of the runtime's regexpNew with that code (sdk/lib/rt/regexp.ts).
// The string methods that take a pattern (match, matchAll, replace, replaceAll, split, search)
// and the properties of a match (index, input, groups) are runtime calls too. A program
// without a pattern reaches none of this, so it links no matcher.

import ts from "typescript";
import type { VReg } from "../ir/ir.ts";
import { Codes, fail } from "../diagnostics.ts";
import { FALSE, TRUE, UNDEFINED } from "../values.ts";
import { Lowerer } from "./lowerer.ts";
import { RT_DIR, type RtName } from "./runtime-symbols.ts";
import { constantValue } from "./constants.ts";
import { skipParens } from "./syntax.ts";
import { parsePattern, patternError } from "../regexp/parse.ts";
import { UnsupportedPattern, compilePattern } from "../regexp/compile.ts";

declare module "./lowerer.ts" {
  interface Lowerer {
    regexpLiteral(node: ts.RegularExpressionLiteral): VReg;
    newRegExp(node: ts.NewExpression | ts.CallExpression): VReg;
    regexpObject(source: string, flags: string, node: ts.Node): VReg;
    isRegExp(node: ts.Expression): boolean;
    regexpStringMethod(callee: ts.PropertyAccessExpression, node: ts.CallExpression): VReg | undefined;
    matchProperty(node: ts.PropertyAccessExpression): VReg | undefined;
    isMatchAll(node: ts.Expression): boolean;
  }
}

/** The flags a device pattern may have (ES2023 without d, the match indices). */
const FLAGS = "gimsuy";

Lowerer.prototype.regexpLiteral = function regexpLiteral(this: Lowerer, node: ts.RegularExpressionLiteral): VReg {
  const text = node.text;
  const close = text.lastIndexOf("/");
  return this.regexpObject(text.slice(1, close), text.slice(close + 1), node);
};

/** new RegExp(pattern, flags?) and RegExp(pattern, flags?) with constant strings. */
Lowerer.prototype.newRegExp = function newRegExp(this: Lowerer, node: ts.NewExpression | ts.CallExpression): VReg {
  const args = node.arguments ?? [];
  if (args.length === 0) return this.regexpObject("(?:)", "", node);
  if (args.length > 2 || args.some((a) => ts.isSpreadElement(a))) fail(node, Codes.RegExp, "new RegExp takes a pattern and optionally flags on devices");
  const constant = (arg: ts.Expression, what: string): string => {
    const value = constantValue(arg, this.checker);
    if (typeof value === "string") return value;
    const inner = skipParens(arg);
    const name = ts.isIdentifier(inner) ? `'${inner.text}'` : `'${inner.getText()}'`;
    return fail(arg, Codes.RegExp, `the ${what} of new RegExp must be a constant string on devices: ${name} is only known at run time`,
      "patterns are compiled at build time; write a literal (/…/) or a const string");
  };
  // new RegExp(/ab/g) and new RegExp(/ab/g, "i"): the literal's pattern, with its flags or
  // the given ones.
  const literal = skipParens(args[0]);
  if (ts.isRegularExpressionLiteral(literal)) {
    const close = literal.text.lastIndexOf("/");
    const flags = args[1] ? constant(args[1], "flags") : literal.text.slice(close + 1);
    return this.regexpObject(literal.text.slice(1, close), flags, node);
  }
  const source = constant(args[0], "pattern");
  const flags = args[1] ? constant(args[1], "flags") : "";
  return this.regexpObject(source, flags, node);
};

Lowerer.prototype.regexpObject = function regexpObject(this: Lowerer, source: string, flags: string, node: ts.Node): VReg {
  const error = patternError(source, flags);
  if (error) fail(node, Codes.RegExp, error);
  for (const flag of flags) {
    if (!FLAGS.includes(flag)) fail(node, Codes.RegExp, `the regular expression flag '${flag}' is not supported on devices`, `use the flags ${FLAGS.split("").join(" ")}`);
  }
  const host = new RegExp(source, flags);
  const pattern = parsePattern(source, host.unicode);
  let code: string;
  try {
    code = compilePattern(pattern, { global: host.global, sticky: host.sticky, ignoreCase: host.ignoreCase, multiline: host.multiline, dotAll: host.dotAll, unicode: host.unicode });
  } catch (e) {
    if (e instanceof UnsupportedPattern) fail(node, Codes.RegExp, e.message);
    throw e;
  }
  const names = pattern.names.some((n) => n !== undefined)
    ? this.stringLiteral(pattern.names.slice(1).map((n) => n ?? "").join(","))
    : this.constant(UNDEFINED);
  return this.call(this.runtime("regexpNew"), [this.stringLiteral(host.source), this.stringLiteral(host.flags), this.stringLiteral(code), names], node);
};

/** A value whose static type is RegExp. */
Lowerer.prototype.isRegExp = function isRegExp(this: Lowerer, node: ts.Expression): boolean {
  const cls = this.instanceClass(node);
  return cls !== undefined && cls.name?.text === "RegExp" && cls.getSourceFile().fileName.startsWith(RT_DIR);
};

/** s.match(re), s.matchAll(re), s.replace(re, …), s.replaceAll(re, …), s.split(re, limit),
 *  s.search(re); undefined when the first argument is not a RegExp. */
Lowerer.prototype.regexpStringMethod = function regexpStringMethod(this: Lowerer, callee: ts.PropertyAccessExpression, node: ts.CallExpression): VReg | undefined {
  const name = callee.name.text;
  const pattern = node.arguments[0];
  const s = callee.expression;
  const call = (rt: RtName, args: VReg[]) => this.call(this.runtime(rt), args, node, true);
  if (["match", "matchAll", "search"].includes(name) && (!pattern || !this.isRegExp(pattern))) {
    // A string is a pattern here (matchAll's with the g flag): a constant one is compiled.
    const text = pattern ? constantValue(pattern, this.checker) : undefined;
    if (typeof text !== "string" || node.arguments.length > 1) {
      fail(pattern ?? node, Codes.RegExp, `${name} takes a RegExp or a constant string on devices`, "write a literal (/…/)");
    }
    const rt: RtName = name === "match" ? "regexpMatch" : name === "matchAll" ? "regexpMatchAll" : "regexpSearch";
    const receiver = this.expr(s);
    return call(rt, [receiver, this.regexpObject(text, name === "matchAll" ? "g" : "", pattern)]);
  }
  if (!pattern || !this.isRegExp(pattern)) return undefined;
  switch (name) {
    case "match": return call("regexpMatch", this.methodArgs(s, node, 1, ["any"]));
    case "matchAll": return call("regexpMatchAll", this.methodArgs(s, node, 1, ["any"]));
    case "search": return call("regexpSearch", this.methodArgs(s, node, 1, ["any"]));
    case "split": return call("regexpSplit", this.methodArgs(s, node, 2, ["any", "number"]));
    case "replace": case "replaceAll": {
      const replacement = node.arguments[1];
      if (!replacement || (this.kindOf(replacement) !== "string" && this.checker.getTypeAtLocation(replacement).getCallSignatures().length === 0)) {
        fail(replacement ?? node, Codes.UnsupportedCall, `the replacement of ${name} must be a string or a function on devices`);
      }
      return call("regexpReplace", [...this.methodArgs(s, node, 2, ["any", "any"]), this.constant(name === "replaceAll" ? TRUE : FALSE)]);
    }
  }
  return undefined;
};

/** m.index, m.input and m.groups of a match (RegExpMatchArray, RegExpExecArray). */
Lowerer.prototype.matchProperty = function matchProperty(this: Lowerer, node: ts.PropertyAccessExpression): VReg | undefined {
  const type = this.checker.getNonNullableType(this.checker.getTypeAtLocation(node.expression));
  const name = type.getSymbol()?.name;
  if (name !== "RegExpMatchArray" && name !== "RegExpExecArray") return undefined;
  const rt: Partial<Record<string, RtName>> = { index: "regexpMatchIndex", input: "regexpMatchInput", groups: "regexpMatchGroups" };
  const property = rt[node.name.text];
  if (!property) return undefined;
  return this.optionalChain(node, node.expression, (m) => this.call(this.runtime(property), [m], node));
};

/** s.matchAll(re), or a value of its type: the runtime gives the array of the matches, which
 *  for…of, spread and Array.from iterate. */
Lowerer.prototype.isMatchAll = function isMatchAll(this: Lowerer, node: ts.Expression): boolean {
  const name = this.checker.getTypeAtLocation(node).getSymbol()?.name;
  return name === "RegExpStringIterator";
};
